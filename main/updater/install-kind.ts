/**
 * Which kind of installation runs, because electron-updater can replace only some of them: the
 * NSIS installer on Windows, the zip-installed app on macOS and the AppImage on Linux. An MSI
 * installed per machine would get the NSIS setup and end up installed twice; a deb would be
 * reinstalled through pkexec/sudo on quit. Those are updated by their package manager or by IT.
 */
import path from 'node:path';
import type { EffectiveSettings } from '../settings/load';
import { SETTING_KEYS } from '../settings/schema';

export type InstallKind = 'nsis' | 'msi' | 'mac' | 'appimage' | 'linux-package';

/** The facts the decision reads; index.ts passes process values and fs.existsSync. */
export interface InstallFacts {
  readonly platform: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** process.execPath of the packaged app. */
  readonly execPath: string;
  exists(file: string): boolean;
}

/** The uninstaller electron-builder's NSIS target puts beside the executable (MSI has none). */
export const NSIS_UNINSTALLER = 'Uninstall Confer.exe';

/** Detects the installation kind. */
export function detectInstallKind(f: InstallFacts): InstallKind {
  if (f.platform === 'darwin') return 'mac';
  if (f.platform === 'win32') return f.exists(path.win32.join(path.win32.dirname(f.execPath), NSIS_UNINSTALLER)) ? 'nsis' : 'msi';
  // The AppImage runtime sets APPIMAGE to the image's path; a deb or a copied folder has none.
  return (f.env.APPIMAGE ?? '') !== '' ? 'appimage' : 'linux-package';
}

/** True for the installation kinds electron-updater can update in place. */
export function updatesItself(kind: InstallKind): boolean {
  return kind === 'nsis' || kind === 'mac' || kind === 'appimage';
}

/**
 * The settings as this installation can honour them: one that does not update itself reports
 * autoUpdate off and managed, because IT (a per-machine MSI) or the package manager (a deb) brings
 * its updates, so the settings window shows it as set by the organization instead of a switch that
 * does nothing. `kind` is null in a development checkout, which is no installation.
 */
export function settingsForInstall(settings: EffectiveSettings, kind: InstallKind | null): EffectiveSettings {
  if (kind === null || updatesItself(kind)) return settings;
  return {
    ...settings,
    values: { ...settings.values, autoUpdate: false },
    managed: SETTING_KEYS.filter((k) => k === 'autoUpdate' || settings.managed.includes(k)),
  };
}
