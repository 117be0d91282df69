/**
 * Creates the app's windows (the main window, the settings window): hardened web preferences, an
 * app:// page, shown when ready.
 * The constructor is injected (index.ts passes Electron's BrowserWindow) so a unit test can check
 * the exact options; they are written out literally so reviewers and electronegativity see them.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { loadPage } from '../app/load-page';

/** Electron's BrowserWindow constructor, narrowed to what this file uses. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

export interface MainWindowOptions {
  /** Absolute path of the bundled preload (dist/main/preload.js). */
  readonly preload: string;
  /** The app:// URL to open first (the start page or a room from a deep link). */
  readonly url: string;
  /** The window's icon file (taskbar, Alt+Tab, the Linux dock); macOS shows the app bundle's instead. */
  readonly icon: string;
  /** Logs a failed first load (an aborted one is expected and not logged). */
  warn(message: string): void;
}

/** The same hardened preferences for every window; only the size and title differ. */
function openAppWindow<W extends Pick<BrowserWindow, 'once' | 'show' | 'loadURL'>>(
  BrowserWindow: WindowConstructor<W>,
  options: MainWindowOptions,
  frame: Pick<BrowserWindowConstructorOptions, 'width' | 'height' | 'minWidth' | 'minHeight' | 'title'>,
): W {
  const win = new BrowserWindow({
    ...frame,
    show: false,
    backgroundColor: '#0f1115',
    icon: options.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would otherwise try to open links in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void loadPage(win, options.url, options.warn);
  return win;
}

/** Opens the main window. Navigation guards are attached globally (see guards.ts), not here. */
export function createMainWindow<W extends Pick<BrowserWindow, 'once' | 'show' | 'loadURL'>>(
  BrowserWindow: WindowConstructor<W>,
  options: MainWindowOptions,
): W {
  return openAppWindow(BrowserWindow, options, { width: 1280, height: 800, minWidth: 720, minHeight: 480, title: 'Confer' });
}

/** Opens the settings window (the app's /settings page, same preload and guards as the main window). */
export function createSettingsWindow<W extends Pick<BrowserWindow, 'once' | 'show' | 'loadURL'>>(
  BrowserWindow: WindowConstructor<W>,
  options: MainWindowOptions,
): W {
  return openAppWindow(BrowserWindow, options, { width: 720, height: 760, minWidth: 480, minHeight: 400, title: 'Confer Settings' });
}
