import { loadSettings } from '../load';
import { policySources } from './platform';
import type { PolicyContext, PolicyReaders } from './platform';

const ADMIN = 'S-1-5-32-544';

function readers(over: Partial<PolicyReaders> = {}): PolicyReaders {
  return {
    readText: async () => null,
    regQuery: async () => null,
    readOwnerSid: async () => ADMIN,
    readPlistJson: async () => null,
    ...over,
  };
}

const ctx = (platform: string, over: Partial<PolicyContext> = {}): PolicyContext => ({ platform, env: {}, user: 'ann', bundleId: 'com.confer.desktop', ...over });
const names = (c: PolicyContext) => policySources(c, readers()).map((s) => s.name);

describe('policy sources by platform', () => {
  it('names them strongest first, and none next to the installation', () => {
    expect(names(ctx('win32', { env: { ProgramData: 'D:\\PD' } }))).toEqual(['HKLM\\Software\\Policies\\Confer', 'D:\\PD\\Confer\\policy.json']);
    expect(names(ctx('win32'))).toEqual(['HKLM\\Software\\Policies\\Confer', 'C:\\ProgramData\\Confer\\policy.json']);
    expect(names(ctx('darwin'))).toEqual([
      '/Library/Managed Preferences/ann/com.confer.desktop.plist',
      '/Library/Managed Preferences/com.confer.desktop.plist',
      '/Library/Application Support/Confer/policy.json',
    ]);
    expect(names(ctx('linux'))).toEqual(['/etc/confer/policy.json']);
  });

  it('Windows: the registry wins over an administrator\'s file when both exist', async () => {
    const r = readers({
      regQuery: async () => 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\r\n    relayOnly    REG_DWORD    0x1\r\n',
      readText: async (f) => (f === 'C:\\ProgramData\\Confer\\policy.json' ? '{"relayOnly": false, "locale": "de"}' : null),
    });
    const s = await loadSettings(r.readText, 'settings.json', policySources(ctx('win32'), r));
    expect(s.values.relayOnly).toBe(true);
    expect(s.values.locale).toBe('system');
    expect(s.policySource).toBe('HKLM\\Software\\Policies\\Confer');
  });

  it('Windows: the file applies when the registry key is absent, and its owner is checked', async () => {
    const readOwnerSid = jest.fn(async () => ADMIN);
    const r = readers({ readOwnerSid, readText: async (f) => (f === 'C:\\ProgramData\\Confer\\policy.json' ? '{"locale": "de"}' : null) });
    const s = await loadSettings(r.readText, 'settings.json', policySources(ctx('win32'), r));
    expect(s.values.locale).toBe('de');
    expect(readOwnerSid).toHaveBeenCalledWith('C:\\ProgramData\\Confer\\policy.json');
  });

  it('macOS: a configuration profile wins over the policy file', async () => {
    const r = readers({
      readPlistJson: async (f) => (f === '/Library/Managed Preferences/com.confer.desktop.plist' ? '{"updateChannel":"beta"}' : null),
      readText: async (f) => (f === '/Library/Application Support/Confer/policy.json' ? '{"updateChannel":"latest","relayOnly":true}' : null),
    });
    const s = await loadSettings(r.readText, 'settings.json', policySources(ctx('darwin'), r));
    expect(s.values.updateChannel).toBe('beta');
    expect(s.values.relayOnly).toBe(false);
  });
});
