import { loadSettings } from '../load';
import { DEFAULT_SETTINGS } from '../schema';
import { adminOwned } from './admin-owner';
import { filePolicySource } from './file';

const FILE = 'C:\\ProgramData\\Confer\\policy.json';
const USER_FILE = 'C:\\Users\\ann\\AppData\\Roaming\\Confer\\settings.json';
const USER_SID = 'S-1-5-21-3623811015-3361044348-30300820-1013';

/** A ProgramData policy owned by `owner` (a SID, or an Error when Get-Acl fails), beside a user file. */
function setup(owner: string | Error, policy: string | null = '{"relayOnly": true, "autoUpdate": false}') {
  const readOwner = jest.fn(async (_file: string) => {
    if (owner instanceof Error) throw owner;
    return owner;
  });
  const read = async (f: string) => (f === FILE ? policy : f === USER_FILE ? '{"locale": "de", "autoUpdate": true}' : null);
  const load = () => loadSettings(read, USER_FILE, [filePolicySource(FILE, read, adminOwned(readOwner))]);
  return { readOwner, load };
}

describe('a policy file trusted only when an administrator owns it', () => {
  it.each([
    ['BUILTIN\\Administrators', 'S-1-5-32-544'],
    ['NT AUTHORITY\\SYSTEM', 'S-1-5-18'],
    ['SYSTEM, with a newline from PowerShell', 'S-1-5-18\r\n'],
  ])('applies a file owned by %s', async (_label, sid) => {
    const { readOwner, load } = setup(sid);
    const s = await load();
    expect(readOwner).toHaveBeenCalledWith(FILE);
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, relayOnly: true, autoUpdate: false, locale: 'de' });
    expect(s.managed.sort()).toEqual(['autoUpdate', 'relayOnly']);
    expect(s.problems).toEqual([]);
  });

  it('ignores a file a user owns, says why, and keeps the user settings', async () => {
    const s = await setup(USER_SID).load();
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, locale: 'de', autoUpdate: true });
    expect(s.managed).toEqual([]);
    expect(s.policySource).toBeNull();
    expect(s.problems).toEqual([`policy ${FILE} ignored: owned by ${USER_SID}, not by BUILTIN\\Administrators or NT AUTHORITY\\SYSTEM (a user may have created it)`]);
  });

  it('fails closed when the owner cannot be read (PowerShell timed out): the file may be the administrator\'s', async () => {
    const s = await setup(new Error('powershell.exe gave no answer within 15000 ms')).load();
    expect(s.values).toEqual({ ...DEFAULT_SETTINGS, autoUpdate: false });
    expect(s.problems.join()).toMatch(/policy\.json: its owner can't be read: powershell\.exe gave no answer within 15000 ms/);
  });

  it('asks for no owner when there is no file', async () => {
    const { readOwner, load } = setup('S-1-5-18', null);
    const s = await load();
    expect(readOwner).not.toHaveBeenCalled();
    expect(s.values.locale).toBe('de');
  });

  it('checks the owner before trusting the content: a user-owned broken file is ignored, not fatal', async () => {
    const s = await setup(USER_SID, '{"relayOnly": tr').load();
    expect(s.values.autoUpdate).toBe(true);
    expect(s.problems.join()).toMatch(/ignored: owned by/);
  });
});
