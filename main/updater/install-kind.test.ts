import type { EffectiveSettings } from '../settings/load';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { detectInstallKind, settingsForInstall, updatesItself } from './install-kind';
import type { InstallKind } from './install-kind';

const PER_USER_EXE = 'C:\\Users\\ann\\AppData\\Local\\Programs\\Confer\\Confer.exe';
const PER_MACHINE_EXE = 'C:\\Program Files\\Confer\\Confer.exe';

const facts = (platform: string, over: { env?: Record<string, string>; files?: string[]; execPath?: string } = {}) => ({
  platform,
  env: over.env ?? {},
  execPath: over.execPath ?? PER_MACHINE_EXE,
  exists: (f: string) => (over.files ?? []).includes(f),
});

const loaded = (over: Partial<EffectiveSettings> = {}): EffectiveSettings => ({ values: DEFAULT_SETTINGS, managed: [], policySource: null, problems: [], ...over });

describe('install kind', () => {
  it('tells a per-user NSIS installation by the uninstaller beside the exe', () => {
    expect(detectInstallKind(facts('win32', { execPath: PER_USER_EXE, files: ['C:\\Users\\ann\\AppData\\Local\\Programs\\Confer\\Uninstall Confer.exe'] }))).toBe('nsis');
  });

  it('tells a per-machine NSIS installation from a per-machine MSI one (which has no uninstaller file)', () => {
    expect(detectInstallKind(facts('win32', { files: ['C:\\Program Files\\Confer\\Uninstall Confer.exe'] }))).toBe('nsis');
    expect(detectInstallKind(facts('win32'))).toBe('msi');
    // An uninstaller elsewhere does not count.
    expect(detectInstallKind(facts('win32', { files: ['C:\\Users\\ann\\AppData\\Local\\Programs\\Confer\\Uninstall Confer.exe'] }))).toBe('msi');
  });

  it('updates an AppImage only, never a deb', () => {
    expect(detectInstallKind(facts('linux', { env: { APPIMAGE: '/home/u/Confer.AppImage' }, execPath: '/tmp/.mount_x/confer' }))).toBe('appimage');
    expect(detectInstallKind(facts('linux', { execPath: '/opt/Confer/confer' }))).toBe('linux-package');
    expect(detectInstallKind(facts('darwin', { execPath: '/Applications/Confer.app/Contents/MacOS/Confer' }))).toBe('mac');
    expect(['nsis', 'msi', 'mac', 'appimage', 'linux-package'].filter((k) => updatesItself(k as InstallKind))).toEqual(['nsis', 'mac', 'appimage']);
  });
});

describe('settingsForInstall', () => {
  it('turns automatic updates off for an MSI installation and reports them as managed', () => {
    const s = settingsForInstall(loaded({ managed: ['serverUrl', 'locale'], values: { ...DEFAULT_SETTINGS, serverUrl: 'https://corp.example.com' } }), 'msi');
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, serverUrl: 'https://corp.example.com', autoUpdate: false });
    expect(s.managed).toEqual(['serverUrl', 'autoUpdate', 'locale']);
  });

  it('does the same for a deb, without listing autoUpdate twice when the policy set it too', () => {
    const s = settingsForInstall(loaded({ managed: ['autoUpdate'], values: { ...DEFAULT_SETTINGS, autoUpdate: false } }), 'linux-package');
    expect(s.managed).toEqual(['autoUpdate']);
    expect(s.values.autoUpdate).toBe(false);
  });

  it.each(['nsis', 'mac', 'appimage'] as const)('leaves a %s installation (it updates itself) as the user and policy set it', (kind) => {
    const before = loaded({ managed: ['relayOnly'] });
    expect(settingsForInstall(before, kind)).toBe(before);
    expect(settingsForInstall(before, kind).values.autoUpdate).toBe(true);
  });

  it('changes nothing in a development checkout', () => {
    const before = loaded();
    expect(settingsForInstall(before, null)).toBe(before);
  });

  it('a per-user NSIS installation keeps updating itself end to end; a per-machine MSI does not', () => {
    const userNsis = detectInstallKind(facts('win32', { execPath: PER_USER_EXE, files: ['C:\\Users\\ann\\AppData\\Local\\Programs\\Confer\\Uninstall Confer.exe'] }));
    const machineMsi = detectInstallKind(facts('win32'));
    expect(settingsForInstall(loaded(), userNsis).values.autoUpdate).toBe(true);
    expect(settingsForInstall(loaded(), machineMsi).values.autoUpdate).toBe(false);
    expect(settingsForInstall(loaded(), machineMsi).managed).toContain('autoUpdate');
  });
});
