/**
 * Automatic updates through electron-updater (generic provider; the URL is baked into
 * app-update.yml at build time from CONFER_UPDATE_URL). Checks at start and daily; never
 * downgrades — electron-updater's allowDowngrade is off *and* we download only a strictly newer
 * version ourselves; does nothing when the policy (or the user, where allowed) turns it off.
 */
import type { Settings } from '../settings/schema';
import { isNewer } from './version';
import type { InstallKind } from './install-kind';
import { updatesItself } from './install-kind';

/** The parts of electron-updater's AppUpdater we use. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  channel: string | null;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdaterDeps {
  /** Created lazily: electron-updater reads app-update.yml on creation, absent in development. */
  createUpdater(): UpdaterPort;
  readonly settings: Pick<Settings, 'autoUpdate' | 'updateChannel'>;
  /** app.isPackaged: there is nothing to update in a development checkout. */
  readonly isPackaged: boolean;
  /** How the app was installed; only some kinds can update themselves (see install-kind.ts). */
  readonly installKind: InstallKind;
  /** app.getVersion(). */
  readonly currentVersion: string;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(timer: unknown): void;
  log(message: string): void;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Why updates are not running, or 'started'. */
export type UpdaterStatus = 'started' | 'disabled' | 'not-packaged' | 'managed-install';

/** Starts update checks when allowed; returns the status and a stop function. */
export function startUpdater(deps: UpdaterDeps): { status: UpdaterStatus; stop: () => void } {
  if (!deps.isPackaged) return { status: 'not-packaged', stop: () => {} };
  // Before the setting: settingsForInstall turns autoUpdate off for these, and the log says why.
  if (!updatesItself(deps.installKind)) {
    deps.log(`automatic updates are off: this ${deps.installKind} installation is updated by ${deps.installKind === 'msi' ? 'IT (deploy each new MSI)' : 'the package manager'}`);
    return { status: 'managed-install', stop: () => {} };
  }
  if (!deps.settings.autoUpdate) {
    deps.log('automatic updates are off: autoUpdate is false (policy or settings)');
    return { status: 'disabled', stop: () => {} };
  }

  const updater = deps.createUpdater();
  // electron-updater's channel setter turns allowDowngrade on: set the channel first.
  updater.channel = deps.settings.updateChannel;
  updater.allowDowngrade = false;
  updater.allowPrerelease = deps.settings.updateChannel === 'beta';
  // We decide about downloads ourselves, after checking the version (see below).
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;

  updater.on('update-available', (info) => {
    if (!isNewer(info.version, deps.currentVersion)) {
      deps.log(`update ${info.version} ignored: not newer than ${deps.currentVersion}`);
      return;
    }
    updater.downloadUpdate().catch((e: Error) => deps.log(`update download failed: ${e.message}`));
  });
  updater.on('error', (e) => deps.log(`updater error: ${e.message}`));

  const check = () => {
    updater.checkForUpdates().catch((e: Error) => deps.log(`update check failed: ${e.message}`));
  };
  check();
  const timer = deps.setInterval(check, DAY_MS);
  return { status: 'started', stop: () => deps.clearInterval(timer) };
}
