/** Follows the app window's state (on screen, minimised, hidden to the tray) and reports each change once. */
import type { WindowState } from '../../protocol/ipc/window';

/** The parts of BrowserWindow used here. */
export interface WatchedWindow {
  on(event: 'minimize' | 'restore' | 'hide' | 'show', listener: () => void): unknown;
  isMinimized(): boolean;
  isVisible(): boolean;
}

/** The window's state now; a minimised window counts as minimised even where the OS also calls it invisible. */
export function windowStateOf(win: Pick<WatchedWindow, 'isMinimized' | 'isVisible'>): WindowState {
  if (win.isMinimized()) return 'minimized';
  return win.isVisible() ? 'normal' : 'hidden';
}

/** Calls `report` whenever the state changes. */
export function watchWindowState(win: WatchedWindow, report: (state: WindowState) => void): void {
  let last = windowStateOf(win);
  const check = () => {
    const now = windowStateOf(win);
    if (now === last) return;
    last = now;
    report(now);
  };
  for (const event of ['minimize', 'restore', 'hide', 'show'] as const) win.on(event, check);
}
