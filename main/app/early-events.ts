/**
 * App events registered the moment the single-instance lock is held — before 'ready' and before
 * the settings load — so a link opened during start-up is kept instead of lost. Links go to the
 * inbox; the window is shown through a function that does nothing until the window exists.
 */
import type { LinkInbox } from '../deep-link/inbox';

/** The parts of Electron's app used here. */
export interface EarlyAppPort {
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
}

/** Registers second-instance (Windows/Linux links), open-url and activate (macOS). */
export function registerEarlyAppEvents(app: EarlyAppPort, inbox: LinkInbox, showWindow: () => void): void {
  app.on('second-instance', (_event, argv) => {
    inbox.push({ kind: 'argv', argv: [...argv] });
    showWindow();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    inbox.push({ kind: 'url', url });
  });
  // macOS: a click on the dock icon brings back a window hidden into the tray.
  app.on('activate', () => showWindow());
}
