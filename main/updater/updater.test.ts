import { DAY_MS, startUpdater } from './updater';
import type { UpdaterPort } from './updater';
import { compareVersions, isNewer } from './version';
import type { InstallKind } from './install-kind';
import { AppUpdater68 } from '../testing/electron41';

/** electron-updater 6.8's AppUpdater (its channel setter included) with checks recorded. */
function fakeUpdater() {
  const listeners: Record<string, (arg: never) => void> = {};
  const updater = Object.assign(new AppUpdater68(), {
    checkForUpdates: jest.fn(async () => null),
    downloadUpdate: jest.fn(async () => []),
    on: (event: string, l: (arg: never) => void) => void (listeners[event] = l),
  });
  const available = (version: string) => listeners['update-available']({ version } as never);
  return { updater: updater as typeof updater & UpdaterPort, available };
}

function setup(over: { autoUpdate?: boolean; isPackaged?: boolean; channel?: 'latest' | 'beta'; installKind?: InstallKind } = {}) {
  const fake = fakeUpdater();
  const intervals: Array<{ fn: () => void; ms: number }> = [];
  const createUpdater = jest.fn(() => fake.updater);
  const log = jest.fn((_message: string) => {});
  const result = startUpdater({
    createUpdater,
    settings: { autoUpdate: over.autoUpdate ?? true, updateChannel: over.channel ?? 'latest' },
    isPackaged: over.isPackaged ?? true,
    installKind: over.installKind ?? 'nsis',
    currentVersion: '1.4.0',
    setInterval: (fn, ms) => intervals.push({ fn, ms }),
    clearInterval: () => {},
    log,
  });
  return { ...fake, intervals, createUpdater, log, result };
}

describe('startUpdater', () => {
  it('checks at start and daily, with downgrades off', () => {
    const s = setup();
    expect(s.result.status).toBe('started');
    expect(s.updater.allowDowngrade).toBe(false);
    expect(s.updater.autoDownload).toBe(false);
    expect(s.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(s.intervals.map((i) => i.ms)).toEqual([DAY_MS]);
    s.intervals[0].fn();
    expect(s.updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('downloads only strictly newer versions', () => {
    const s = setup();
    s.available('1.3.9');
    s.available('1.4.0');
    s.available('1.4.0-beta.1');
    s.available('not-a-version');
    expect(s.updater.downloadUpdate).not.toHaveBeenCalled();
    s.available('1.4.1');
    expect(s.updater.downloadUpdate).toHaveBeenCalledTimes(1);
  });

  it('does nothing at all when the policy turns updates off, and says so', () => {
    const s = setup({ autoUpdate: false });
    expect(s.result.status).toBe('disabled');
    expect(s.createUpdater).not.toHaveBeenCalled();
    expect(s.intervals).toEqual([]);
    expect(s.log).toHaveBeenCalledWith('automatic updates are off: autoUpdate is false (policy or settings)');
  });

  it('does nothing in a development checkout', () => {
    const s = setup({ isPackaged: false });
    expect(s.result.status).toBe('not-packaged');
    expect(s.createUpdater).not.toHaveBeenCalled();
  });

  it.each(['latest', 'beta'] as const)('follows the %s channel and keeps downgrades off (the channel setter turns them on)', (channel) => {
    const s = setup({ channel });
    expect(s.updater.channel).toBe(channel);
    expect(s.updater.allowDowngrade).toBe(false);
    expect(s.updater.allowPrerelease).toBe(channel === 'beta');
  });

  it.each([
    ['msi', 'automatic updates are off: this msi installation is updated by IT (deploy each new MSI)'],
    ['linux-package', 'automatic updates are off: this linux-package installation is updated by the package manager'],
  ] as const)('leaves a %s installation to IT or its package manager, and says so', (installKind, line) => {
    // autoUpdate is false here as settingsForInstall makes it; the reason logged is still the installation.
    const s = setup({ installKind, autoUpdate: false });
    expect(s.result.status).toBe('managed-install');
    expect(s.createUpdater).not.toHaveBeenCalled();
    expect(s.intervals).toEqual([]);
    expect(s.log).toHaveBeenCalledWith(line);
  });

  it.each(['nsis', 'mac', 'appimage'] as const)('updates a %s installation', (installKind) => {
    expect(setup({ installKind }).result.status).toBe('started');
  });
});

describe('version comparison', () => {
  it.each([
    ['1.0.1', '1.0.0', 1],
    ['1.10.0', '1.9.9', 1],
    ['1.0.0', '1.0.0-beta.2', 1],
    ['1.0.0-beta.10', '1.0.0-beta.2', 1],
    ['1.0.0-beta', '1.0.0-alpha', 1],
    ['1.0.0-2', '1.0.0-beta', -1],
    ['v2.0.0', '2.0.0', 0],
    ['2.0.0+build.5', '2.0.0', 0],
  ])('%s vs %s = %d', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });

  it('never treats garbage as newer', () => {
    expect(compareVersions('1.0', '1.0.0')).toBeNull();
    expect(isNewer('99999999999.0.0', '1.0.0')).toBe(false);
    expect(isNewer('', '1.0.0')).toBe(false);
  });
});
