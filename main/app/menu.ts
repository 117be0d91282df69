/**
 * The application menu. Electron's default menu reloads the page on Ctrl+R / Cmd+R (ending a live
 * call) and opens DevTools on Ctrl+Shift+I; the app has neither. Windows and Linux get no menu at
 * all; macOS keeps the menus its users expect (app, Edit for copy/paste, Window), without View.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu does beyond Electron's roles. */
export interface AppMenuActions {
  /** Opens the settings window (macOS: Confer › Settings…, Cmd+,). */
  openSettings(): void;
}

/** The template to install with Menu.setApplicationMenu, or null for no menu. */
export function applicationMenuTemplate(platform: string, actions?: AppMenuActions): MenuItemConstructorOptions[] | null {
  if (platform !== 'darwin') return null;
  const settings: MenuItemConstructorOptions[] = actions
    ? [{ id: 'settings', label: 'Settings…', accelerator: 'CommandOrControl+,', click: () => actions.openSettings() }, { type: 'separator' }]
    : [];
  return [
    {
      role: 'appMenu',
      submenu: [{ role: 'about' }, { type: 'separator' }, ...settings, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    },
    {
      role: 'editMenu',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    { role: 'windowMenu', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] },
  ];
}
