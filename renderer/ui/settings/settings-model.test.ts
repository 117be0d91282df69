import { SettingsForm, sectionsFor, textProblem } from './settings-model';
import type { SettingsPort } from './settings-model';
import type { PublicSettings, SetSettingRequest, SetSettingResult } from '../../../protocol/ipc/settings';
import { SETTING_DEFAULTS } from '../../../protocol/ipc/settings';

const SETTINGS: PublicSettings = { ...SETTING_DEFAULTS, serverUrl: 'https://meet.example.com', managed: ['autoUpdate'] };

function fakePort(answer: (r: SetSettingRequest) => SetSettingResult | null | Promise<never> = (r) => ({ ok: true, settings: { ...SETTINGS, [r.key]: r.value } })) {
  const sent: SetSettingRequest[] = [];
  let changed: ((s: PublicSettings) => void) | null = null;
  const port: SettingsPort = {
    get: async () => SETTINGS,
    set: async (r) => {
      sent.push(r);
      return answer(r);
    },
    onChanged: (l) => {
      changed = l;
      return () => (changed = null);
    },
  };
  return { port, sent, emitChanged: (s: PublicSettings) => changed?.(s), listening: () => changed !== null };
}

describe('settings page model', () => {
  it('shows a browser only what it can use on its own', () => {
    expect(sectionsFor(false)).toEqual(['devices', 'background', 'language']);
    expect(sectionsFor(true)).toEqual(expect.arrayContaining(['server', 'devices', 'background', 'noise', 'app', 'updates', 'shortcuts', 'language']));
  });

  it('checks text fields with the contract’s schemas', () => {
    expect(textProblem('serverUrl', ' https://meet.example.com ')).toBeNull();
    expect(textProblem('serverUrl', 'http://meet.example.com')).toEqual({ key: 'settings.server.invalid' });
    expect(textProblem('pushToTalkShortcut', '')).toBeNull();
    expect(textProblem('pushToTalkShortcut', 'CommandOrControl+Shift+Space')).toBeNull();
    expect(textProblem('toggleMuteShortcut', 'Ctrl+')).toEqual({ key: 'settings.shortcuts.invalid' });
  });

  it('loads the settings, saves a change and shows the answer', async () => {
    const { port, sent } = fakePort();
    const form = new SettingsForm(port);
    const seen: boolean[] = [];
    form.subscribe((s) => seen.push(s.saving.locale ?? false));
    await form.load();
    expect(form.state.settings).toEqual(SETTINGS);
    expect(await form.save({ key: 'locale', value: 'de' })).toBe(true);
    expect(sent).toEqual([{ key: 'locale', value: 'de' }]);
    expect(form.state.settings?.locale).toBe('de');
    expect(seen).toContain(true);
    expect(form.state.saving.locale).toBe(false);
  });

  it('sends nothing for an invalid field and puts the error next to it', async () => {
    const { port, sent } = fakePort();
    const form = new SettingsForm(port);
    await form.load();
    expect(await form.save({ key: 'toggleMuteShortcut', value: 'Ctrl+M; rm' as never })).toBe(false);
    expect(form.state.errors.toggleMuteShortcut).toEqual({ key: 'settings.shortcuts.invalid' });
    expect(sent).toEqual([]);
    // Trimmed before it goes out; a success clears the error.
    expect(await form.save({ key: 'toggleMuteShortcut', value: ' CommandOrControl+Shift+M ' })).toBe(true);
    expect(sent).toEqual([{ key: 'toggleMuteShortcut', value: 'CommandOrControl+Shift+M' }]);
    expect(form.state.errors.toggleMuteShortcut).toBeUndefined();
  });

  it('does not send a managed setting', async () => {
    const { port, sent } = fakePort();
    const form = new SettingsForm(port);
    await form.load();
    expect(form.isManaged('autoUpdate')).toBe(true);
    expect(await form.save({ key: 'autoUpdate', value: false })).toBe(false);
    expect(form.state.errors.autoUpdate).toEqual({ key: 'settings.error.managed' });
    expect(sent).toEqual([]);
  });

  it.each([
    ['a managed key', { ok: false, code: 'MANAGED', message: 'x' } as const, { key: 'settings.error.managed' }],
    ['a failed write', { ok: false, code: 'WRITE_FAILED', message: 'disk full' } as const, { key: 'settings.error.writeFailed', params: { detail: 'disk full' } }],
    ['no answer', null, { key: 'settings.error.noAnswer' }],
  ])('shows main’s refusal (%s) next to the field', async (_label, answer, message) => {
    const { port } = fakePort(() => answer);
    const form = new SettingsForm(port);
    await form.load();
    expect(await form.save({ key: 'closeToTray', value: 'never' })).toBe(false);
    expect(form.state.errors.closeToTray).toEqual(message);
    expect(form.state.settings?.closeToTray).toBe('in-call');
  });

  it('shows a bridge failure as no answer', async () => {
    const { port } = fakePort(() => Promise.reject(new Error('INVALID_RESULT')));
    const form = new SettingsForm(port);
    await form.load();
    expect(await form.save({ key: 'startAtLogin', value: true })).toBe(false);
    expect(form.state.errors.startAtLogin).toEqual({ key: 'settings.error.noAnswer' });
    expect(form.state.saving.startAtLogin).toBe(false);
  });

  it('follows changes made in another window until disposed', async () => {
    const { port, emitChanged, listening } = fakePort();
    const form = new SettingsForm(port);
    await form.load();
    emitChanged({ ...SETTINGS, locale: 'de' });
    expect(form.state.settings?.locale).toBe('de');
    form.dispose();
    expect(listening()).toBe(false);
  });

  it('reports a failed load', async () => {
    const form = new SettingsForm({ get: () => Promise.reject(new Error('gone')), set: async () => null, onChanged: () => () => {} });
    await form.load();
    expect(form.state.loadFailed).toBe(true);
  });
});
