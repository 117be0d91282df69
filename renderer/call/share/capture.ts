/**
 * Captures a screen or window for sharing with getDisplayMedia. In the desktop app the call goes
 * through the main process's setDisplayMediaRequestHandler, which opens the app's own picker
 * (ScreenPicker.svelte); in a browser, the browser's picker opens. Audio is asked for so the picker
 * can offer system audio where the platform allows; the user decides there.
 */
import { CallError } from '../api';

export interface CaptureDeps {
  getDisplayMedia(constraints: DisplayMediaStreamOptions): Promise<MediaStream>;
}

/** What we ask for: screen content at a readable frame rate, audio left to the picker. */
export const SHARE_CONSTRAINTS: DisplayMediaStreamOptions = {
  video: { frameRate: { ideal: 15, max: 30 } },
  audio: true,
};

/** The browser's getDisplayMedia, or null where there is none. */
export function browserCaptureDeps(): CaptureDeps | null {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!md || typeof md.getDisplayMedia !== 'function') return null;
  return { getDisplayMedia: (c) => md.getDisplayMedia(c) };
}

/**
 * The user's pick as a stream (video, plus system audio when they chose it), or null when they
 * closed the picker. Browsers report both a cancel and a refusal as NotAllowedError; only a
 * refusal by the operating system says "system" — that one is an error the user must act on.
 */
export async function captureScreen(deps: CaptureDeps | null): Promise<MediaStream | null> {
  if (!deps) throw new CallError('SHARE_FAILED', 'Screen sharing is not available in this browser.');
  let stream: MediaStream;
  try {
    stream = await deps.getDisplayMedia(SHARE_CONSTRAINTS);
  } catch (err) {
    const name = (err as { name?: string } | null)?.name ?? '';
    const message = err instanceof Error ? err.message : String(err);
    if (name === 'NotAllowedError' && /system/i.test(message)) {
      throw new CallError('MEDIA_DENIED', 'Screen sharing is blocked by the system. Allow screen recording for this app in the system settings, then try again.');
    }
    if (name === 'NotAllowedError') return null;
    if (name === 'NotReadableError' || name === 'AbortError') {
      throw new CallError('SHARE_FAILED', 'The screen could not be captured. Another app may be using it; try again.');
    }
    throw new CallError('SHARE_FAILED', `Screen sharing failed: ${message}`);
  }
  const video = stream.getVideoTracks()[0];
  if (!video) {
    for (const t of stream.getTracks()) t.stop();
    throw new CallError('SHARE_FAILED', 'The chosen source gave no video.');
  }
  // Text and UI stay sharp: encoders keep resolution and drop frame rate under pressure.
  if ('contentHint' in video) video.contentHint = 'detail';
  return stream;
}
