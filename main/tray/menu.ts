/**
 * The tray menu as data, from the call state. Pure, so what the user sees in each state is tested
 * without Electron; tray.ts turns it into a real Menu.
 */
import type { CallState, TrayAction } from '../../protocol/ipc/tray';

/** One menu entry; the shape is a subset of Electron's MenuItemConstructorOptions. */
export type TrayMenuItem =
  | { readonly type: 'separator' }
  | { readonly type: 'normal'; readonly id: string; readonly label: string; readonly enabled: boolean; readonly click: () => void };

/** What the menu can do; `callAction` goes to the renderer, the others are main-process work. */
export interface TrayMenuActions {
  callAction(action: TrayAction): void;
  showWindow(): void;
  /** Opens the settings window (offered when given). */
  openSettings?(): void;
  quit(): void;
}

/** Builds the menu for `state`. Call items exist only during a call, so nothing is greyed-out noise. */
export function buildTrayMenu(state: CallState, actions: TrayMenuActions): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  if (state.inCall) {
    if (state.recording) items.push({ type: 'normal', id: 'recording', label: '● This meeting is being recorded', enabled: false, click: () => undefined });
    items.push({
      type: 'normal',
      id: 'toggle-mute',
      label: state.muted ? 'Unmute microphone' : 'Mute microphone',
      enabled: true,
      click: () => actions.callAction('toggle-mute'),
    });
    if (state.waiting) {
      items.push({ type: 'normal', id: 'waiting', label: `${state.waiting} waiting to join…`, enabled: true, click: () => actions.showWindow() });
    }
    if (state.sharing) {
      items.push({ type: 'normal', id: 'stop-share', label: 'Stop sharing screen', enabled: true, click: () => actions.callAction('stop-share') });
    }
    items.push({ type: 'normal', id: 'leave', label: 'Leave call', enabled: true, click: () => actions.callAction('leave') });
    items.push({ type: 'separator' });
  }
  items.push({ type: 'normal', id: 'show', label: 'Show Confer', enabled: true, click: () => actions.showWindow() });
  const openSettings = actions.openSettings?.bind(actions);
  if (openSettings) items.push({ type: 'normal', id: 'settings', label: 'Settings…', enabled: true, click: () => openSettings() });
  items.push({ type: 'separator' });
  items.push({ type: 'normal', id: 'quit', label: 'Quit Confer', enabled: true, click: () => actions.quit() });
  return items;
}

/** The tooltip for `state`. */
export function trayTooltip(state: CallState): string {
  if (!state.inCall) return 'Confer';
  const notes = [state.recording ? 'recording' : null, state.muted ? 'muted' : null, state.sharing ? 'sharing your screen' : null, state.waiting ? `${state.waiting} waiting` : null].filter(Boolean);
  return notes.length ? `Confer — in a call (${notes.join(', ')})` : 'Confer — in a call';
}
