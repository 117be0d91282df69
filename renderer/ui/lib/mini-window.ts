/**
 * The call's mini window: when it should be open, and whose video it shows. Pure; MiniWindow.ts
 * opens and closes the window itself.
 */
import type { ParticipantView } from '../../call/api';

/** The app window as the desktop app reports it (a browser tab is always 'normal'). */
export type AppWindowState = 'normal' | 'minimized' | 'hidden';

export interface MiniWindowInputs {
  readonly inCall: boolean;
  /** Inside the desktop app (it opens the window by itself; a browser only on "Pop out"). */
  readonly desktop: boolean;
  readonly windowState: AppWindowState;
  /** The call page has the keyboard focus (the user looks at it). */
  readonly focused: boolean;
  /** We share our screen. */
  readonly sharing: boolean;
  /** Browser: the user clicked "Pop out" and has not closed the window since. */
  readonly poppedOut: boolean;
}

/**
 * Desktop: open while the call runs and the app window is minimised or in the tray, or while we
 * share our screen and the user works in another window; closed once the app window is back in
 * front. Browser: open from "Pop out" until the call ends or the user closes it.
 */
export function miniWindowWanted(i: MiniWindowInputs): boolean {
  if (!i.inCall) return false;
  if (!i.desktop) return i.poppedOut;
  return i.windowState !== 'normal' || (i.sharing && !i.focused);
}

/**
 * Who the mini window shows: a remote participant who speaks (the one shown already while they
 * still speak), else the last one shown while they stay, else the first remote one, else ourselves.
 */
export function pickSpeaker(participants: readonly ParticipantView[], shownId: string | null): ParticipantView | null {
  const remote = participants.filter((p) => !p.isLocal);
  const shown = remote.find((p) => p.id === shownId);
  if (shown?.speaking) return shown;
  return remote.find((p) => p.speaking) ?? shown ?? remote[0] ?? participants.find((p) => p.isLocal) ?? null;
}

/**
 * Remembers a window the user closed while it was wanted, so it is not forced open again at once:
 * it may open again only after the reason for it has passed (the app window came back, the share ended).
 */
export class MiniWindowDismissal {
  #dismissed = false;

  /** The user closed the mini window. */
  dismiss(): void {
    this.#dismissed = true;
  }

  /** Whether to have the window open now, given whether the rule wants it. */
  open(wanted: boolean): boolean {
    if (!wanted) this.#dismissed = false;
    return wanted && !this.#dismissed;
  }
}
