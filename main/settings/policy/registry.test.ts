import { loadSettings } from '../load';
import { DEFAULT_SETTINGS } from '../schema';
import { parseRegQuery, policyFromRegQuery, POLICY_KEY, registryPolicySource } from './registry';
import type { RegQuery } from './registry';

/** `reg query HKLM\Software\Policies\Confer` as Windows 11 prints it (CRLF, a blank line first, subkeys last). */
const REAL_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer',
  '    serverUrl    REG_SZ    https://meet.example.com/confer',
  '    relayOnly    REG_DWORD    0x1',
  '    autoUpdate    REG_DWORD    0x0',
  '    closeToTray    REG_SZ    never',
  '    pushToTalkShortcut    REG_SZ    ',
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\\Recommended',
  '',
].join('\r\n');

const noUser = async () => null;
const fromRegistry = (query: RegQuery) => loadSettings(noUser, 'settings.json', [registryPolicySource(query)]);

describe('parseRegQuery', () => {
  it('reads every value line of real output and skips the key and subkey lines', () => {
    expect(parseRegQuery(REAL_OUTPUT)).toEqual({
      values: [
        { name: 'serverUrl', type: 'REG_SZ', data: 'https://meet.example.com/confer' },
        { name: 'relayOnly', type: 'REG_DWORD', data: '0x1' },
        { name: 'autoUpdate', type: 'REG_DWORD', data: '0x0' },
        { name: 'closeToTray', type: 'REG_SZ', data: 'never' },
        { name: 'pushToTalkShortcut', type: 'REG_SZ', data: '' },
      ],
      unreadable: [],
    });
  });

  it('keeps four spaces inside string data and reads an empty string without trailing spaces', () => {
    const out = '\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\n    serverUrl    REG_SZ    a    b\n    locale    REG_SZ\n';
    expect(parseRegQuery(out).values).toEqual([
      { name: 'serverUrl', type: 'REG_SZ', data: 'a    b' },
      { name: 'locale', type: 'REG_SZ', data: '' },
    ]);
  });

  it('reports lines that are not values', () => {
    expect(parseRegQuery('HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\r\n  relayOnly REG_DWORD 0x1\r\n').unreadable).toEqual(['relayOnly REG_DWORD 0x1']);
  });
});

describe('policyFromRegQuery', () => {
  it('turns REG_SZ into text and REG_DWORD 0/1 into booleans', () => {
    expect(policyFromRegQuery(REAL_OUTPUT)).toEqual({
      kind: 'found',
      raw: { serverUrl: 'https://meet.example.com/confer', relayOnly: true, autoUpdate: false, closeToTray: 'never', pushToTalkShortcut: '' },
    });
  });

  it('matches value names case-insensitively, as the registry does', () => {
    expect(policyFromRegQuery('HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\r\n    RELAYONLY    REG_DWORD    0x00000001\r\n')).toEqual({ kind: 'found', raw: { relayOnly: true } });
  });

  it('counts a key with no values as no policy', () => {
    expect(policyFromRegQuery('\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\r\n\r\nHKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\\Sub\r\n')).toEqual({ kind: 'absent' });
  });

  it.each([
    ['a DWORD other than 0 or 1', '    relayOnly    REG_DWORD    0x2', /relayOnly: REG_DWORD 0x2 must be 0 or 1/],
    ['a type no setting uses', '    serverUrl    REG_EXPAND_SZ    %SERVER%', /serverUrl: REG_EXPAND_SZ is not used by any setting/],
    ['binary data', '    relayOnly    REG_BINARY    01', /relayOnly: REG_BINARY/],
    ['an unreadable line', 'garbage', /unreadable line in reg query output: "garbage"/],
  ])('reports %s as an invalid policy', (_label, line, message) => {
    const read = policyFromRegQuery(`HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\r\n    locale    REG_SZ    de\r\n${line}\r\n`);
    expect(read.kind).toBe('invalid');
    expect(read.kind === 'invalid' && read.message).toMatch(message);
  });
});

describe('the registry policy', () => {
  it('queries the policy key and applies its values as managed settings', async () => {
    const query = jest.fn<Promise<string | null>, [string]>(async () => REAL_OUTPUT);
    const s = await fromRegistry(query);
    expect(query).toHaveBeenCalledWith('HKLM\\Software\\Policies\\Confer');
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, serverUrl: 'https://meet.example.com/confer', relayOnly: true, autoUpdate: false, closeToTray: 'never', pushToTalkShortcut: '' });
    expect(s.managed.sort()).toEqual(['autoUpdate', 'closeToTray', 'pushToTalkShortcut', 'relayOnly', 'serverUrl']);
    expect(s.policySource).toBe(POLICY_KEY);
    expect(s.problems).toEqual([]);
  });

  it('is no policy when the key is absent', async () => {
    const s = await fromRegistry(async () => null);
    expect(s.values).toEqual(DEFAULT_SETTINGS);
    expect(s.managed).toEqual([]);
    expect(s.policySource).toBeNull();
  });

  it.each([
    ['an unknown value name (typo)', '    autoUpdates    REG_DWORD    0x0', /autoUpdates/],
    ['a boolean setting written as text', '    relayOnly    REG_SZ    1', /relayOnly/],
    ['a bad enum value', '    updateChannel    REG_SZ    nightly', /updateChannel/],
    ['a plain-http remote server', '    serverUrl    REG_SZ    http://corp.example.com', /serverUrl/],
    ['a malformed DWORD', '    autoUpdate    REG_DWORD    0x7', /must be 0 or 1/],
  ])('fails closed on %s, naming it', async (_label, line, named) => {
    const s = await loadSettings(async (f) => (f === 'settings.json' ? '{"autoUpdate": true, "locale": "de"}' : null), 'settings.json', [
      registryPolicySource(async () => `HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\r\n${line}\r\n`),
    ]);
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, autoUpdate: false });
    expect(s.problems.join()).toMatch(/policy ignored user settings because it is invalid: HKLM\\Software\\Policies\\Confer/);
    expect(s.problems.join()).toMatch(named);
  });

  it('fails closed when reg.exe fails (a timeout), with the reason logged', async () => {
    const s = await fromRegistry(async () => {
      throw new Error('reg.exe gave no answer within 5000 ms');
    });
    expect(s.values.autoUpdate).toBe(false);
    expect(s.problems).toEqual(['policy ignored user settings because it is invalid: HKLM\\Software\\Policies\\Confer: can\'t be read: reg.exe gave no answer within 5000 ms']);
  });
});
