import { applySettingsLive, canOpenAtLogin } from './live';
import { SettingsStore } from './store';
import { loadSettings } from './load';
import { DEFAULT_SETTINGS } from './schema';
import { fakeFs } from './testing/fake-fs';
import type { PublicSettings } from '../../protocol/ipc/settings';

const USER = '/data/settings.json';

async function setup(files: Record<string, string> = {}, setOpenAtLogin: ((open: boolean) => void) | null = null) {
  const disk = fakeFs(files);
  const store = new SettingsStore({ fs: disk.fs, userFile: USER, loaded: await loadSettings(disk.fs.readText, USER, []), defaults: DEFAULT_SETTINGS });
  const events: string[] = [];
  const sent: PublicSettings[] = [];
  const stop = applySettingsLive(store, {
    setOpenAtLogin,
    broadcast: (s) => sent.push(s),
    serverChanged: () => events.push('server'),
    warn: (m) => events.push(`warn ${m}`),
  });
  return { store, events, sent, stop };
}

describe('applySettingsLive', () => {
  it('registers the login item at start and on every change of startAtLogin', async () => {
    const login: boolean[] = [];
    const { store } = await setup({ [USER]: '{"startAtLogin": true}' }, (open) => login.push(open));
    await store.set('locale', 'de');
    await store.set('startAtLogin', false);
    expect(login).toEqual([true, false]);
  });

  it('sends each change to the open windows, and reloads for a new server only', async () => {
    const { store, sent, events } = await setup();
    await store.set('locale', 'de');
    expect(sent.map((s) => s.locale)).toEqual(['de']);
    expect(events).toEqual([]);
    await store.set('serverUrl', 'https://meet.example.com');
    expect(sent).toHaveLength(2);
    expect(events).toEqual(['server']);
  });

  it('reports a login item the OS refused without failing the change', async () => {
    const { store, events } = await setup({}, () => {
      throw new Error('denied');
    });
    expect(await store.set('startAtLogin', true)).toMatchObject({ ok: true });
    expect(events).toEqual(['warn start at login not applied: denied', 'warn start at login not applied: denied']);
  });

  it('knows where login items work', () => {
    expect(canOpenAtLogin('win32', true)).toBe(true);
    expect(canOpenAtLogin('darwin', true)).toBe(true);
    expect(canOpenAtLogin('linux', true)).toBe(false);
    expect(canOpenAtLogin('win32', false)).toBe(false);
  });
});
