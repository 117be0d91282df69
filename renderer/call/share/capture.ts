/**
 * Captures a screen or window for sharing with getDisplayMedia. In the desktop app the call goes
 * through the main process's setDisplayMediaRequestHandler, which opens the app's own picker
 * (ScreenPicker.svelte); in a browser, the browser's picker opens. Audio is asked for so the picker
 * can offer system audio where the platform allows; the user decides there.
 */
import { CallError } from '../api';
import { desktopPicker } from '../../desktop/bridge';
import { desktopGetDisplayMedia } from '../../desktop/share-outcome';
import type { ShareEnd } from './share-end';
import { ShareEndedError, shareEndFromDomError } from './share-end';
import { text } from '../../i18n/text';

export interface CaptureDeps {
  getDisplayMedia(constraints: DisplayMediaStreamOptions): Promise<MediaStream>;
}

/** What we ask for: screen content at a readable frame rate, audio left to the picker. */
export const SHARE_CONSTRAINTS: DisplayMediaStreamOptions = {
  video: { frameRate: { ideal: 15, max: 30 } },
  audio: true,
};

/**
 * The browser's getDisplayMedia, or null where there is none. In the desktop app it is wrapped so
 * that a rejection says whether the user cancelled, was refused or capture failed.
 */
export function browserCaptureDeps(): CaptureDeps | null {
  const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
  if (!md || typeof md.getDisplayMedia !== 'function') return null;
  const plain = (c: DisplayMediaStreamOptions) => md.getDisplayMedia(c);
  const picker = desktopPicker();
  return { getDisplayMedia: picker ? desktopGetDisplayMedia(plain, picker) : plain };
}

/** What the user is told for each way a share can end without a stream (null: nothing to say). */
export function shareEndError(end: ShareEnd, detail = ''): CallError | null {
  switch (end) {
    case 'cancelled':
      return null;
    case 'refused':
      return new CallError('MEDIA_DENIED', text('share.refused'));
    case 'failed':
      return new CallError('SHARE_FAILED', `${text('share.failed')}${detail ? ` (${detail})` : ''}`);
  }
}

/**
 * The user's pick as a stream (video, plus system audio when they chose it), or null when they
 * cancelled. A refusal (MEDIA_DENIED: the user must allow screen recording) and a failure
 * (SHARE_FAILED: try again) reject with different CallErrors, so the UI can say which.
 */
export async function captureScreen(deps: CaptureDeps | null): Promise<MediaStream | null> {
  if (!deps) throw new CallError('SHARE_FAILED', text('share.unavailable'));
  let stream: MediaStream;
  try {
    stream = await deps.getDisplayMedia(SHARE_CONSTRAINTS);
  } catch (err) {
    const end = err instanceof ShareEndedError ? err.end : shareEndFromDomError(err);
    const cause = err instanceof ShareEndedError ? err.original : err;
    const name = (cause as { name?: unknown } | null)?.name;
    const error = shareEndError(end, typeof name === 'string' && name !== 'AbortError' && name !== 'NotReadableError' ? String(name) : '');
    if (!error) return null;
    throw error;
  }
  const video = stream.getVideoTracks()[0];
  if (!video) {
    for (const t of stream.getTracks()) t.stop();
    throw new CallError('SHARE_FAILED', text('share.noVideo'));
  }
  // Text and UI stay sharp: encoders keep resolution and drop frame rate under pressure.
  if ('contentHint' in video) video.contentHint = 'detail';
  return stream;
}
