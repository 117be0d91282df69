/**
 * Wires the close policy to a window: a close that should keep the app running is prevented and
 * the window hidden or minimized; a Windows log-off or shutdown ('session-end') marks the app as
 * quitting first, so an in-call window never holds the shutdown up.
 */
import type { CloseContext, CloseDecision } from './close-policy';
import { decideClose } from './close-policy';

/** The parts of BrowserWindow used here. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'session-end', listener: () => void): unknown;
  hide(): void;
  minimize(): void;
}

export interface CloseHandlerDeps {
  /** Everything but `quitting`, read at the moment of the close. */
  context(): Omit<CloseContext, 'quitting'>;
  isQuitting(): boolean;
  /** Marks the app as quitting (the session ends: every later close must go through). */
  markQuitting(): void;
  /** After the window went to the tray (shows the one-time notice). */
  onHidden(): void;
}

/** Installs the handlers; returns the decision function for tests and logs. */
export function attachCloseHandler(win: ClosableWindow, deps: CloseHandlerDeps): () => CloseDecision {
  const decide = () => decideClose({ ...deps.context(), quitting: deps.isQuitting() });
  win.on('session-end', () => deps.markQuitting());
  win.on('close', (event) => {
    const decision = decide();
    if (decision === 'quit') return;
    event.preventDefault();
    if (decision === 'hide') {
      win.hide();
      deps.onHidden();
    } else {
      win.minimize();
    }
  });
  return decide;
}
