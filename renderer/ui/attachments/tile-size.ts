import type { Attachment } from 'svelte/attachments';

/**
 * Reports an element's size in device pixels whenever it changes, and 0 × 0 while it cannot be
 * seen: scrolled out of view, or the page is hidden (window minimized, another tab in front). On
 * the SFU the size picks the tile's simulcast layer, and no size pauses its video.
 */
export function reportSize(id: string, onSize: ((id: string, width: number, height: number) => void) | undefined): Attachment<HTMLElement> {
  return (el) => {
    if (!onSize || typeof ResizeObserver === 'undefined') return;
    const dpr = window.devicePixelRatio || 1;
    let size: [number, number] = [0, 0];
    // Until the first intersection report, a tile counts as in view (the grid shows every tile it lays out).
    let inView = true;
    let sent = '';
    const report = () => {
      const seen = inView && document.visibilityState !== 'hidden';
      const [w, h] = seen ? size : [0, 0];
      if (`${w}x${h}` === sent) return;
      sent = `${w}x${h}`;
      onSize(id, w, h);
    };
    const ro = new ResizeObserver(([entry]) => {
      if (!entry) return;
      size = [Math.round(entry.contentRect.width * dpr), Math.round(entry.contentRect.height * dpr)];
      report();
    });
    ro.observe(el);
    const io =
      typeof IntersectionObserver === 'undefined'
        ? undefined
        : new IntersectionObserver((entries) => {
            const last = entries[entries.length - 1];
            if (!last) return;
            inView = last.isIntersecting;
            report();
          });
    io?.observe(el);
    document.addEventListener('visibilitychange', report);
    return () => {
      ro.disconnect();
      io?.disconnect();
      document.removeEventListener('visibilitychange', report);
    };
  };
}
