import type { Attachment } from 'svelte/attachments';

/**
 * Plays a stream in a <video>. Re-running with the same stream is a no-op, so tiles don't flicker
 * when other participant fields change. `muted` is set as a property: the attribute alone is not
 * reliable once the element exists.
 */
export function playStream(stream: MediaStream | null, muted: boolean): Attachment<HTMLVideoElement> {
  return (video) => {
    video.muted = muted;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (stream) video.play().catch(() => {
      // Autoplay can be refused before a user gesture; `autoplay` retries once the page is activated.
    });
  };
}

type SinkCapable = HTMLMediaElement & { setSinkId?: (id: string) => Promise<void>; sinkId?: string };

/** Routes an element's audio to the chosen output ('' = system default) where the browser supports it. */
export function audioOutput(sinkId: string, onError?: (err: unknown) => void): Attachment<HTMLMediaElement> {
  return (element) => {
    const el = element as SinkCapable;
    if (typeof el.setSinkId !== 'function' || el.sinkId === sinkId) return;
    el.setSinkId(sinkId).catch((err: unknown) => onError?.(err));
  };
}
