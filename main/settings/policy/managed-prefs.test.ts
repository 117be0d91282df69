import { loadSettings } from '../load';
import { DEFAULT_SETTINGS } from '../schema';
import { managedPreferencesFiles, managedPreferencesSource } from './managed-prefs';

const USER_PLIST = '/Library/Managed Preferences/ann/com.confer.desktop.plist';
const MACHINE_PLIST = '/Library/Managed Preferences/com.confer.desktop.plist';

/** loadSettings over both managed-preferences plists, with plutil's answers faked per file. */
function load(plists: Record<string, string | Error>) {
  const plutil = jest.fn(async (file: string) => {
    const v = plists[file];
    if (v instanceof Error) throw v;
    return v ?? null;
  });
  const sources = managedPreferencesFiles('ann', 'com.confer.desktop').map((f) => managedPreferencesSource(f, plutil));
  return loadSettings(async () => '{"locale": "de"}', 'settings.json', sources);
}

describe('macOS managed preferences', () => {
  it('names the user\'s plist before the machine\'s, and only the machine\'s without a user', () => {
    expect(managedPreferencesFiles('ann', 'com.confer.desktop')).toEqual([USER_PLIST, MACHINE_PLIST]);
    expect(managedPreferencesFiles(null, 'com.confer.desktop')).toEqual([MACHINE_PLIST]);
  });

  it('applies the machine profile (plutil JSON) when the user has none', async () => {
    const s = await load({ [MACHINE_PLIST]: '{"serverUrl":"https://meet.example.com","relayOnly":true,"updateChannel":"beta"}' });
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, serverUrl: 'https://meet.example.com', relayOnly: true, updateChannel: 'beta', locale: 'de' });
    expect(s.policySource).toBe(MACHINE_PLIST);
  });

  it('prefers the user\'s profile', async () => {
    const s = await load({ [USER_PLIST]: '{"relayOnly":false}', [MACHINE_PLIST]: '{"relayOnly":true}' });
    expect(s.values.relayOnly).toBe(false);
    expect(s.policySource).toBe(USER_PLIST);
  });

  it('drops profile bookkeeping keys (Payload…) but no setting', async () => {
    const s = await load({ [MACHINE_PLIST]: '{"PayloadUUID":"0A1B","PayloadVersion":1,"autoUpdate":false}' });
    expect(s.managed).toEqual(['autoUpdate']);
    expect(s.problems).toEqual([]);
  });

  it.each([
    ['an unreadable plist (plutil fails)', new Error('/usr/bin/plutil exited with code 1: Property List error: Unexpected character'), /can't be read: .*plutil exited with code 1/],
    ['output that is not JSON', 'Property List error', /plutil gave no valid JSON/],
    ['an array', '[true]', /not a dictionary of settings/],
    ['an unknown key', '{"relayonly":true}', /relayonly/],
  ])('fails closed on %s, saying why', async (_label, answer, message) => {
    const s = await load({ [MACHINE_PLIST]: answer });
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, autoUpdate: false });
    expect(s.problems.join()).toMatch(message);
  });
});
