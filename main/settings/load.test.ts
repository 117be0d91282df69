import { loadSettings } from './load';
import { policyPaths } from './paths';
import { DEFAULT_SETTINGS, defaultsFromEnv } from './schema';

const USER = '/home/u/.config/Confer/settings.json';
const POLICY = ['/etc/confer/policy.json', '/opt/Confer/policy.json'];

function files(map: Record<string, string | Error>) {
  return async (p: string) => {
    const v = map[p];
    if (v instanceof Error) throw v;
    return v ?? null;
  };
}

describe('loadSettings', () => {
  it('uses defaults when no file exists', async () => {
    const s = await loadSettings(files({}), USER, POLICY);
    expect(s.values).toEqual(DEFAULT_SETTINGS);
    expect(s.managed).toEqual([]);
    expect(s.policyPath).toBeNull();
  });

  it('applies the user file', async () => {
    const s = await loadSettings(files({ [USER]: JSON.stringify({ serverUrl: 'https://meet.example.com', closeToTray: 'never' }) }), USER, POLICY);
    expect(s.values.serverUrl).toBe('https://meet.example.com');
    expect(s.values.closeToTray).toBe('never');
  });

  it('lets the policy win over the user, key by key, and reports managed keys', async () => {
    const s = await loadSettings(
      files({
        [USER]: JSON.stringify({ serverUrl: 'https://mine.example.com', relayOnly: false, autoUpdate: true, updateChannel: 'beta' }),
        '/opt/Confer/policy.json': JSON.stringify({ serverUrl: 'https://corp.example.com', relayOnly: true, autoUpdate: false }),
      }),
      USER,
      POLICY,
    );
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, serverUrl: 'https://corp.example.com', relayOnly: true, autoUpdate: false, updateChannel: 'beta' });
    expect(s.managed.sort()).toEqual(['autoUpdate', 'relayOnly', 'serverUrl']);
    expect(s.policyPath).toBe('/opt/Confer/policy.json');
  });

  it('prefers the system policy over the one next to the installation', async () => {
    const s = await loadSettings(
      files({ '/etc/confer/policy.json': '{"relayOnly": true}', '/opt/Confer/policy.json': '{"relayOnly": false}' }),
      USER,
      POLICY,
    );
    expect(s.values.relayOnly).toBe(true);
    expect(s.policyPath).toBe('/etc/confer/policy.json');
  });

  it.each([
    ['broken JSON', '{"autoUpdate": fal'],
    ['an unknown key (typo)', '{"autoUpdates": false}'],
    ['a bad value', '{"serverUrl": "javascript:alert(1)"}'],
    ['a plain-http remote server', '{"serverUrl": "http://corp.example.com"}'],
    ['an unreadable file', new Error('EACCES')],
  ])('fails closed on a policy with %s: user settings ignored, updates off', async (_label, content) => {
    const s = await loadSettings(files({ [USER]: '{"serverUrl": "https://mine.example.com", "autoUpdate": true}', '/etc/confer/policy.json': content }), USER, POLICY);
    expect(s.values.serverUrl).toBe(DEFAULT_SETTINGS.serverUrl);
    expect(s.values.autoUpdate).toBe(false);
    expect(s.problems.join()).toMatch(/policy/);
  });

  it('ignores an invalid user file but keeps the policy', async () => {
    const s = await loadSettings(files({ [USER]: '{"relayOnly": "yes"}', '/etc/confer/policy.json': '{"updateChannel": "beta"}' }), USER, POLICY);
    expect(s.values.relayOnly).toBe(false);
    expect(s.values.updateChannel).toBe('beta');
    expect(s.problems.join()).toMatch(/user settings ignored/);
  });
});

describe('defaultsFromEnv', () => {
  it('takes a valid CONFER_SERVER_URL as the weakest layer', async () => {
    const defaults = defaultsFromEnv({ CONFER_SERVER_URL: 'http://127.0.0.1:9000' });
    expect(defaults.serverUrl).toBe('http://127.0.0.1:9000');
    expect(defaultsFromEnv({ CONFER_SERVER_URL: 'http://evil.example' })).toEqual(DEFAULT_SETTINGS);
    expect(defaultsFromEnv({})).toEqual(DEFAULT_SETTINGS);
    const s = await loadSettings(files({ '/etc/confer/policy.json': '{"serverUrl": "https://corp.example.com"}' }), USER, POLICY, defaults);
    expect(s.values.serverUrl).toBe('https://corp.example.com');
    const u = await loadSettings(files({}), USER, POLICY, defaults);
    expect(u.values.serverUrl).toBe('http://127.0.0.1:9000');
  });
});

describe('policyPaths', () => {
  it('names the system config folder of each platform first', () => {
    expect(policyPaths({ platform: 'linux', exePath: '/opt/Confer/confer', env: {} })).toEqual(['/etc/confer/policy.json', '/opt/Confer/policy.json']);
    expect(policyPaths({ platform: 'darwin', exePath: '/Applications/Confer.app/Contents/MacOS/Confer', env: {} })[0]).toBe(
      '/Library/Application Support/Confer/policy.json',
    );
    expect(policyPaths({ platform: 'win32', exePath: 'C:\\Program Files\\Confer\\Confer.exe', env: { ProgramData: 'D:\\PD' } })[0]).toBe('D:\\PD\\Confer\\policy.json');
  });
});
