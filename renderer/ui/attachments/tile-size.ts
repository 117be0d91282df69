import type { Attachment } from 'svelte/attachments';

/** Reports an element's size in device pixels whenever it changes (SFU: the tile's size picks its simulcast layer). */
export function reportSize(id: string, onSize: ((id: string, width: number, height: number) => void) | undefined): Attachment<HTMLElement> {
  return (el) => {
    if (!onSize || typeof ResizeObserver === 'undefined') return;
    const dpr = window.devicePixelRatio || 1;
    const ro = new ResizeObserver(([entry]) => {
      if (entry) onSize(id, Math.round(entry.contentRect.width * dpr), Math.round(entry.contentRect.height * dpr));
    });
    ro.observe(el);
    return () => ro.disconnect();
  };
}
