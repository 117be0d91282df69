/**
 * In the desktop app, getDisplayMedia() goes through the main process's picker, and Electron
 * rejects the page's call with the same AbortError whether the user cancelled, macOS refused
 * screen recording or the capture failed. The main process says which in the picker's "closed"
 * event (sent before it answers Electron); this module reads that event to tell the page.
 */
import type { CloseReason, DesktopPickerApi } from './bridge';
import type { ShareEnd } from '../call/share/share-end';
import { ShareEndedError, shareEndFromDomError } from '../call/share/share-end';

/** How long a rejection waits for the picker's reason (it travels on another channel). */
export const REASON_WAIT_MS = 300;

/** What each close reason means for the user. */
export function shareEndForReason(reason: CloseReason): ShareEnd {
  switch (reason) {
    case 'screen-access-denied':
      return 'refused';
    case 'failed':
      return 'failed';
    default:
      return 'cancelled';
  }
}

/**
 * Wraps getDisplayMedia for the desktop app: a rejection becomes a ShareEndedError saying whether
 * the user cancelled, was refused, or capture failed. A stream passes through unchanged.
 */
export function desktopGetDisplayMedia(
  getDisplayMedia: (c: DisplayMediaStreamOptions) => Promise<MediaStream>,
  picker: Pick<DesktopPickerApi, 'onClosed'>,
  waitMs = REASON_WAIT_MS,
): (c: DisplayMediaStreamOptions) => Promise<MediaStream> {
  return async (constraints) => {
    let reason: CloseReason | null = null;
    let heard: (() => void) | null = null;
    const off = picker.onClosed((e) => {
      reason = e.reason;
      heard?.();
    });
    try {
      return await getDisplayMedia(constraints);
    } catch (err) {
      if (reason === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitMs);
          heard = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const known = reason as CloseReason | null;
      // No reason: the request never reached our picker (macOS 15's system picker answers
      // itself), so the error reads as in a browser.
      throw new ShareEndedError(known ? shareEndForReason(known) : shareEndFromDomError(err), err);
    } finally {
      off();
    }
  };
}
