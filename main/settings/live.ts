/**
 * Applies the settings that can change while the app runs. closeToTray needs nothing here (the
 * close handler reads the store at each close); every change goes to the open windows (the page
 * applies `locale` itself); startAtLogin goes to the OS; a new server reloads the main window when
 * that ends no call. The updater reads autoUpdate and updateChannel at start only. Shortcuts are
 * registered elsewhere, from the store's onChange.
 */
import type { PublicSettings } from '../../protocol/ipc/settings';
import type { SettingsStore } from './store';

export interface LiveSettingsDeps {
  /** app.setLoginItemSettings({ openAtLogin }), or null where the app can't register itself (Linux, unpackaged). */
  readonly setOpenAtLogin: ((open: boolean) => void) | null;
  /** Sends the settings to every open window (settings:changed). */
  broadcast(settings: PublicSettings): void;
  /** The server changed: reload the main window if no call runs there (its page allows only the old server). */
  serverChanged(): void;
  warn(message: string): void;
}

/** True where Electron's login items work: Windows and macOS, in an installed app (not `electron .`). */
export function canOpenAtLogin(platform: string, isPackaged: boolean): boolean {
  return isPackaged && (platform === 'win32' || platform === 'darwin');
}

/** Applies the start values once and every change after; returns the unsubscribe. */
export function applySettingsLive(store: Pick<SettingsStore, 'values' | 'view' | 'onChange'>, deps: LiveSettingsDeps): () => void {
  const loginItem = (open: boolean) => {
    try {
      deps.setOpenAtLogin?.(open);
    } catch (e) {
      deps.warn(`start at login not applied: ${(e as Error).message}`);
    }
  };
  loginItem(store.values().startAtLogin);
  return store.onChange((values, changed) => {
    if (changed.includes('startAtLogin')) loginItem(values.startAtLogin);
    deps.broadcast(store.view());
    if (changed.includes('serverUrl')) deps.serverChanged();
  });
}
