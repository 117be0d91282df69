import type { ReadText } from './json-file';
import { loadSettings } from './load';
import { filePolicySource } from './policy/file';
import type { PolicyRead, PolicySource } from './policy/source';
import { DEFAULT_SETTINGS, defaultsFromEnv } from './schema';

const USER = '/home/u/.config/Confer/settings.json';
const POLICY_FILES = ['/etc/confer/policy.json', '/srv/second/policy.json'];

function files(map: Record<string, string | Error>): ReadText {
  return async (p: string) => {
    const v = map[p];
    if (v instanceof Error) throw v;
    return v ?? null;
  };
}

/** loadSettings over two policy files, strongest first. */
function load(map: Record<string, string | Error>, defaults = DEFAULT_SETTINGS) {
  const read = files(map);
  return loadSettings(read, USER, POLICY_FILES.map((f) => filePolicySource(f, read)), defaults);
}

/** A source that answers `read` and counts its reads. */
function source(name: string, answer: PolicyRead): PolicySource & { reads: number } {
  return {
    name,
    reads: 0,
    async read() {
      this.reads++;
      return answer;
    },
  };
}

describe('loadSettings', () => {
  it('uses defaults when no file exists', async () => {
    const s = await load({});
    expect(s.values).toEqual(DEFAULT_SETTINGS);
    expect(s.managed).toEqual([]);
    expect(s.policySource).toBeNull();
  });

  it('applies the user file', async () => {
    const s = await load({ [USER]: JSON.stringify({ serverUrl: 'https://meet.example.com', closeToTray: 'never' }) });
    expect(s.values.serverUrl).toBe('https://meet.example.com');
    expect(s.values.closeToTray).toBe('never');
  });

  it('lets the policy win over the user, key by key, and reports managed keys', async () => {
    const s = await load({
      [USER]: JSON.stringify({ serverUrl: 'https://mine.example.com', relayOnly: false, autoUpdate: true, updateChannel: 'beta' }),
      '/srv/second/policy.json': JSON.stringify({ serverUrl: 'https://corp.example.com', relayOnly: true, autoUpdate: false }),
    });
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, serverUrl: 'https://corp.example.com', relayOnly: true, autoUpdate: false, updateChannel: 'beta' });
    expect(s.managed.sort()).toEqual(['autoUpdate', 'relayOnly', 'serverUrl']);
    expect(s.policySource).toBe('/srv/second/policy.json');
  });

  it('uses the first source that has a policy, alone (no merging)', async () => {
    const s = await load({ '/etc/confer/policy.json': '{"relayOnly": true}', '/srv/second/policy.json': '{"relayOnly": false, "locale": "de"}' });
    expect(s.values.relayOnly).toBe(true);
    expect(s.values.locale).toBe('system');
    expect(s.managed).toEqual(['relayOnly']);
    expect(s.policySource).toBe('/etc/confer/policy.json');
  });

  it('skips an untrusted source with a logged reason and uses the next one', async () => {
    const untrusted = source('C:\\ProgramData\\Confer\\policy.json', { kind: 'untrusted', message: 'ignored: owned by S-1-5-21-1-2-3-1001' });
    const next = source('next', { kind: 'found', raw: { relayOnly: true } });
    const s = await loadSettings(files({ [USER]: '{"locale": "de"}' }), USER, [untrusted, next]);
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, relayOnly: true, locale: 'de' });
    expect(s.policySource).toBe('next');
    expect(s.problems).toEqual(['policy C:\\ProgramData\\Confer\\policy.json ignored: owned by S-1-5-21-1-2-3-1001']);
  });

  it('fails closed on a source that reports an invalid policy and reads no further source', async () => {
    const broken = source('HKLM\\Software\\Policies\\Confer', { kind: 'invalid', message: 'relayOnly: REG_DWORD 0x2 must be 0 or 1' });
    const next = source('next', { kind: 'found', raw: { relayOnly: false } });
    const s = await loadSettings(files({ [USER]: '{"autoUpdate": true, "locale": "de"}' }), USER, [broken, next]);
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, autoUpdate: false });
    expect(s.managed.sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    expect(s.policySource).toBe('HKLM\\Software\\Policies\\Confer');
    expect(s.problems.join()).toContain('REG_DWORD 0x2 must be 0 or 1');
    expect(next.reads).toBe(0);
  });

  it.each([
    ['broken JSON', '{"autoUpdate": fal'],
    ['an unknown key (typo)', '{"autoUpdates": false}'],
    ['a bad value', '{"serverUrl": "javascript:alert(1)"}'],
    ['a plain-http remote server', '{"serverUrl": "http://corp.example.com"}'],
    ['an unreadable file', new Error('EACCES')],
  ])('fails closed on a policy with %s: user settings ignored, updates off', async (_label, content) => {
    const s = await load({ [USER]: '{"serverUrl": "https://mine.example.com", "autoUpdate": true}', '/etc/confer/policy.json': content });
    expect(s.values.serverUrl).toBe(DEFAULT_SETTINGS.serverUrl);
    expect(s.values.autoUpdate).toBe(false);
    expect(s.problems.join()).toMatch(/policy/);
  });

  it('ignores an invalid user file but keeps the policy', async () => {
    const s = await load({ [USER]: '{"relayOnly": "yes"}', '/etc/confer/policy.json': '{"updateChannel": "beta"}' });
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
    const s = await load({ '/etc/confer/policy.json': '{"serverUrl": "https://corp.example.com"}' }, defaults);
    expect(s.values.serverUrl).toBe('https://corp.example.com');
    const u = await load({}, defaults);
    expect(u.values.serverUrl).toBe('http://127.0.0.1:9000');
  });
});
