import { createIpcRouter, REFUSED_MESSAGE } from './router';
import type { IpcMainPort } from './router';
import { registerIpcHandlers } from './register-handlers';
import type { HandlerTargets } from './register-handlers';
import type { IpcEventLike } from '../security/sender';
import { SettingsStore } from '../settings/store';
import { loadSettings } from '../settings/load';
import { filePolicySource } from '../settings/policy/file';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { fakeFs } from '../settings/testing/fake-fs';
import { PublicSettingsSchema, SetSettingResultSchema } from '../../protocol/ipc/settings';

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown;

const USER = '/data/settings.json';
const POLICY = '/etc/confer/policy.json';
const appFrame: IpcEventLike = { senderFrame: { url: 'app://confer/settings', parent: null }, sender: { id: 7 } };

async function setup(files: Record<string, string> = {}) {
  const disk = fakeFs(files);
  const store = new SettingsStore({ fs: disk.fs, userFile: USER, loaded: await loadSettings(disk.fs.readText, USER, [filePolicySource(POLICY, disk.fs.readText)]), defaults: DEFAULT_SETTINGS });
  const handlers = new Map<string, Listener>();
  const port: IpcMainPort = { handle: (c, l) => void handlers.set(c, l), on: () => {} };
  const warnings: string[] = [];
  registerIpcHandlers(createIpcRouter(port, (m) => warnings.push(m)), { picker: {}, tray: {}, settings: store } as unknown as HandlerTargets);
  const invoke = async (channel: string, ...args: unknown[]) => handlers.get(channel)!(appFrame, ...args);
  return { ...disk, store, invoke, warnings };
}

describe('settings IPC handlers', () => {
  it('settings:get answers every setting and the managed keys, in the contract’s shape', async () => {
    const { invoke } = await setup({ [POLICY]: '{"autoUpdate": false}' });
    const answer = PublicSettingsSchema.parse(await invoke('confer:settings:get'));
    expect(answer).toEqual({ ...DEFAULT_SETTINGS, autoUpdate: false, managed: ['autoUpdate'] });
  });

  it('settings:set changes one setting and answers the new settings', async () => {
    const { invoke, files } = await setup();
    const answer = SetSettingResultSchema.parse(await invoke('confer:settings:set', { key: 'locale', value: 'de' }));
    expect(answer).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, locale: 'de', managed: [] } });
    expect(JSON.parse(files.get(USER)!)).toEqual({ locale: 'de' });
  });

  it('settings:set refuses a managed key with its reason, not the generic refusal', async () => {
    const { invoke, ops } = await setup({ [POLICY]: '{"closeToTray": "never"}' });
    const answer = SetSettingResultSchema.parse(await invoke('confer:settings:set', { key: 'closeToTray', value: 'always' }));
    expect(answer).toMatchObject({ ok: false, code: 'MANAGED' });
    expect(ops).toEqual([]);
  });

  it.each([
    ['a value of the wrong shape for its key', { key: 'pushToTalkShortcut', value: 'Ctrl+' }],
    ['an unknown key', { key: 'devTools', value: true }],
    ['an extra field', { key: 'locale', value: 'de', file: '/etc/passwd' }],
    ['no payload', undefined],
  ])('settings:set refuses %s before the store sees it, writing nothing', async (_label, payload) => {
    const { invoke, ops, warnings } = await setup();
    await expect(invoke('confer:settings:set', ...(payload === undefined ? [] : [payload]))).rejects.toThrow(REFUSED_MESSAGE);
    expect(ops).toEqual([]);
    expect(warnings.join()).toMatch(/malformed payload/);
  });
});
