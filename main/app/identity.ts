/**
 * Names the operating systems use to tie a running window to the installed app. Each must equal
 * what the installers write (electron-builder.yml; a unit test compares them).
 */

/**
 * Windows AppUserModelID: the Start-menu shortcut carries electron-builder's appId, and Windows
 * shows notifications only for a process whose id matches a shortcut (Electron's default is
 * `electron.app.<name>`).
 */
export const APP_USER_MODEL_ID = 'com.confer.desktop';

/**
 * Linux desktop entry: Electron takes the Wayland app_id and the X11 window class from
 * package.json's desktopName (electron-builder adds it as extraMetadata), and the .desktop file's
 * StartupWMClass must name the same class, or the dock shows a second, generic icon.
 */
export const DESKTOP_NAME = 'confer.desktop';

/** The window class Linux desktops see: the desktop name without `.desktop`. */
export const WINDOW_CLASS = DESKTOP_NAME.replace(/\.desktop$/, '');

/** The parts of Electron's app used here. */
export interface IdentityAppPort {
  setAppUserModelId(id: string): void;
}

/** Applies the platform's identity; call before any window or notification exists. */
export function applyAppIdentity(app: IdentityAppPort, platform: string): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}
