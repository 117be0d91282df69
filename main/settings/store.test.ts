import { SettingsStore } from './store';
import { fakeFs } from './testing/fake-fs';
import { loadSettings } from './load';
import { filePolicySource } from './policy/file';
import { DEFAULT_SETTINGS } from './schema';

const USER = '/home/u/.config/Confer/settings.json';
const POLICY = '/etc/confer/policy.json';

async function setup(initial: Record<string, string> = {}) {
  const disk = fakeFs(initial);
  const loaded = await loadSettings(disk.fs.readText, USER, [filePolicySource(POLICY, disk.fs.readText)]);
  const store = new SettingsStore({ fs: disk.fs, userFile: USER, loaded, defaults: DEFAULT_SETTINGS });
  const changes: [string, string[]][] = [];
  store.onChange((values, changed) => changes.push([values.closeToTray, [...changed]]));
  return { ...disk, store, changes };
}

const userFile = (files: Map<string, string>) => JSON.parse(files.get(USER)!) as Record<string, unknown>;

describe('SettingsStore', () => {
  it('sets a value: written to settings.json, effective at once, listeners told which key changed', async () => {
    const { store, files, changes } = await setup();
    const result = await store.set('closeToTray', 'always');
    expect(result).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, closeToTray: 'always', managed: [] } });
    expect(store.values().closeToTray).toBe('always');
    expect(userFile(files)).toEqual({ closeToTray: 'always' });
    expect(changes).toEqual([['always', ['closeToTray']]]);
  });

  it('writes atomically: a temp file beside settings.json, then a rename over it', async () => {
    const { store, ops, files } = await setup({ [USER]: '{"locale": "de"}' });
    await store.set('startAtLogin', true);
    expect(ops).toHaveLength(2);
    const temp = /^write (.+\.tmp)$/.exec(ops[0])![1];
    expect(temp.startsWith(`${USER}.`)).toBe(true);
    expect(ops[1]).toBe(`rename ${temp} -> ${USER}`);
    expect([...files.keys()]).toEqual([USER]);
  });

  it('keeps keys it does not know (another app version) and the user’s other settings', async () => {
    const { store, files } = await setup({ [USER]: '{"futureKey": {"a": 1}, "locale": "de"}' });
    await store.set('locale', 'en');
    await store.set('pushToTalkShortcut', 'CommandOrControl+Shift+Space');
    expect(userFile(files)).toEqual({ futureKey: { a: 1 }, locale: 'en', pushToTalkShortcut: 'CommandOrControl+Shift+Space' });
  });

  it('refuses a managed key with a clear error and writes nothing', async () => {
    const { store, ops, changes } = await setup({ [POLICY]: '{"serverUrl": "https://corp.example.com"}' });
    const result = await store.set('serverUrl', 'https://mine.example.com');
    expect(result).toMatchObject({ ok: false, code: 'MANAGED' });
    expect(result.ok || result.message).toMatch(/organization/);
    expect(store.values().serverUrl).toBe('https://corp.example.com');
    expect(ops).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('refuses every key while the policy is invalid (fail closed)', async () => {
    const { store, ops } = await setup({ [POLICY]: '{"autoUpdates": false}' });
    expect(await store.set('locale', 'de')).toMatchObject({ ok: false, code: 'MANAGED' });
    expect(ops).toEqual([]);
  });

  it.each([
    ['serverUrl', 'http://evil.example'],
    ['pushToTalkShortcut', 'Ctrl+Shift+'],
    ['toggleMuteShortcut', 'rm -rf'],
    ['closeToTray', 'sometimes'],
    ['startAtLogin', 'yes'],
  ] as const)('refuses an invalid %s and writes nothing', async (key, value) => {
    const { store, ops, changes } = await setup({ [USER]: '{"locale": "de"}' });
    const result = await store.set(key, value);
    expect(result).toMatchObject({ ok: false, code: 'INVALID' });
    expect(ops).toEqual([]);
    expect(changes).toEqual([]);
    expect(store.values()).toEqual({ ...DEFAULT_SETTINGS, locale: 'de' });
  });

  it('reports a failed write, leaves no temp file and changes nothing', async () => {
    const { store, files, fail, changes } = await setup({ [USER]: '{"locale": "de"}' });
    fail.rename = true;
    expect(await store.set('locale', 'en')).toMatchObject({ ok: false, code: 'WRITE_FAILED' });
    expect([...files.keys()]).toEqual([USER]);
    expect(userFile(files)).toEqual({ locale: 'de' });
    expect(store.values().locale).toBe('de');
    expect(changes).toEqual([]);
  });

  it('does not overwrite a settings.json that is not JSON (the user’s hand edits)', async () => {
    const { store, files, ops } = await setup({ [USER]: '{"locale": "de",' });
    expect(await store.set('locale', 'en')).toMatchObject({ ok: false, code: 'WRITE_FAILED' });
    expect(ops).toEqual([]);
    expect(files.get(USER)).toBe('{"locale": "de",');
  });

  it('drops a known key whose value was invalid, so the file is honoured again', async () => {
    const { store, files, changes } = await setup({ [USER]: '{"relayOnly": "yes", "locale": "de"}' });
    expect(store.values().locale).toBe('system'); // the whole file was ignored at start
    await store.set('closeToTray', 'never');
    expect(userFile(files)).toEqual({ locale: 'de', closeToTray: 'never' });
    expect(store.values()).toMatchObject({ locale: 'de', closeToTray: 'never', relayOnly: false });
    expect(changes).toEqual([['never', ['closeToTray', 'locale']]]);
  });

  it('writes concurrent changes one after the other, losing none', async () => {
    const { store, files } = await setup();
    await Promise.all([store.set('locale', 'de'), store.set('startAtLogin', true), store.set('closeToTray', 'never')]);
    expect(userFile(files)).toEqual({ locale: 'de', startAtLogin: true, closeToTray: 'never' });
  });

  it('tells no one when the value did not change, and stops telling after unsubscribe', async () => {
    const { store } = await setup();
    const seen: string[][] = [];
    const stop = store.onChange((_v, changed) => seen.push([...changed]));
    await store.set('locale', 'system');
    await store.set('locale', 'de');
    stop();
    await store.set('locale', 'en');
    expect(seen).toEqual([['locale']]);
  });
});
