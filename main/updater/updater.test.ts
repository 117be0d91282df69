import { DAY_MS, startUpdater } from './updater';
import type { UpdaterPort } from './updater';
import { compareVersions, isNewer } from './version';

function fakeUpdater() {
  const listeners: Record<string, (arg: never) => void> = {};
  const updater = {
    autoDownload: true,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    allowPrerelease: false,
    channel: null as string | null,
    checkForUpdates: jest.fn(async () => null),
    downloadUpdate: jest.fn(async () => []),
    on: (event: string, l: (arg: never) => void) => void (listeners[event] = l),
  };
  const available = (version: string) => listeners['update-available']({ version } as never);
  return { updater: updater as typeof updater & UpdaterPort, available };
}

function setup(over: { autoUpdate?: boolean; isPackaged?: boolean; channel?: 'latest' | 'beta' } = {}) {
  const fake = fakeUpdater();
  const intervals: Array<{ fn: () => void; ms: number }> = [];
  const createUpdater = jest.fn(() => fake.updater);
  const result = startUpdater({
    createUpdater,
    settings: { autoUpdate: over.autoUpdate ?? true, updateChannel: over.channel ?? 'latest' },
    isPackaged: over.isPackaged ?? true,
    currentVersion: '1.4.0',
    setInterval: (fn, ms) => intervals.push({ fn, ms }),
    clearInterval: () => {},
    log: () => {},
  });
  return { ...fake, intervals, createUpdater, result };
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

  it('does nothing at all when the policy turns updates off', () => {
    const s = setup({ autoUpdate: false });
    expect(s.result.status).toBe('disabled');
    expect(s.createUpdater).not.toHaveBeenCalled();
    expect(s.intervals).toEqual([]);
  });

  it('does nothing in a development checkout', () => {
    const s = setup({ isPackaged: false });
    expect(s.result.status).toBe('not-packaged');
    expect(s.createUpdater).not.toHaveBeenCalled();
  });

  it('follows the configured channel', () => {
    const s = setup({ channel: 'beta' });
    expect(s.updater.channel).toBe('beta');
    expect(s.updater.allowPrerelease).toBe(true);
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
