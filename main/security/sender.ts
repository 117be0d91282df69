/** Who may talk to the main process over IPC: the app's own top-level page, nothing else. */
import { isAppUrl } from './origin';

/** The parts of Electron's WebFrameMain we look at. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of an IPC event we look at (IpcMainEvent / IpcMainInvokeEvent). */
export interface IpcEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender: { readonly id: number };
}

/**
 * True when the message comes from a top-level frame showing an app:// page. Subframes never get
 * the bridge (the preload runs only in the main frame), so one claiming to speak is refused.
 */
export function isTrustedSender(event: IpcEventLike): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // navigated away or destroyed before the message arrived
  if (frame.parent !== null && frame.parent !== undefined) return false;
  return isAppUrl(frame.url);
}
