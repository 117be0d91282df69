import { ExecFailure, nodeExec } from './exec';
import type { Exec } from './exec';
import { readOwnerSid, readPlistJson, regQuery } from './system-readers';

const ENV = { SystemRoot: 'C:\\Windows' };

/** An Exec that records its calls and answers with `answer` (or throws it). */
function fakeExec(answer: string | Error) {
  const calls: Array<{ program: string; args: readonly string[]; env?: NodeJS.ProcessEnv; timeoutMs: number }> = [];
  const exec: Exec = async (program, args, options) => {
    calls.push({ program, args, env: options.env, timeoutMs: options.timeoutMs });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { exec, calls };
}

describe('regQuery', () => {
  it('runs System32\'s reg.exe with a timeout and returns its output', async () => {
    const { exec, calls } = fakeExec('HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\r\n');
    await expect(regQuery(exec, ENV)('HKLM\\Software\\Policies\\Confer')).resolves.toBe('HKEY_LOCAL_MACHINE\\Software\\Policies\\Confer\r\n');
    expect(calls).toEqual([{ program: 'C:\\Windows\\System32\\reg.exe', args: ['query', 'HKLM\\Software\\Policies\\Confer'], env: undefined, timeoutMs: 5000 }]);
  });

  it('reads exit code 1 (the key does not exist, in any language) as no key', async () => {
    const { exec } = fakeExec(new ExecFailure('reg.exe', 1, 'exit', 'FEHLER: Der angegebene Registrierungsschlüssel wurde nicht gefunden.', 'exited with code 1'));
    await expect(regQuery(exec, ENV)('HKLM\\Software\\Policies\\Confer')).resolves.toBeNull();
  });

  it.each([
    ['a timeout', new ExecFailure('reg.exe', null, 'timeout', '', 'gave no answer within 5000 ms')],
    ['a missing reg.exe', new ExecFailure('reg.exe', null, 'not-found', '', 'was not found')],
    ['another exit code', new ExecFailure('reg.exe', 2, 'exit', '', 'exited with code 2')],
  ])('rejects on %s', async (_label, failure) => {
    await expect(regQuery(fakeExec(failure).exec, ENV)('k')).rejects.toBe(failure);
  });
});

describe('readOwnerSid', () => {
  it('passes the path in the environment, never inside the script, and returns the SID', async () => {
    const file = "C:\\ProgramData\\Confer'; Remove-Item C:\\ -Recurse; '\\policy.json";
    const { exec, calls } = fakeExec('S-1-5-32-544\r\n');
    await expect(readOwnerSid(exec, ENV)(file)).resolves.toBe('S-1-5-32-544');
    expect(calls[0].program).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(calls[0].args.join(' ')).not.toContain('ProgramData');
    expect(calls[0].args.join(' ')).toContain('Get-Acl -LiteralPath $env:CONFER_POLICY_FILE');
    expect(calls[0].env?.CONFER_POLICY_FILE).toBe(file);
  });

  it('rejects an answer that is not a SID', async () => {
    await expect(readOwnerSid(fakeExec('BUILTIN\\Administrators').exec, ENV)('f')).rejects.toThrow(/no owner SID/);
  });
});

describe('readPlistJson', () => {
  it('runs plutil only for a file that exists', async () => {
    const { exec, calls } = fakeExec('{"relayOnly":true}');
    const read = readPlistJson(exec, async (f) => f === '/Library/Managed Preferences/x.plist');
    await expect(read('/Library/Managed Preferences/y.plist')).resolves.toBeNull();
    expect(calls).toEqual([]);
    await expect(read('/Library/Managed Preferences/x.plist')).resolves.toBe('{"relayOnly":true}');
    expect(calls[0].program).toBe('/usr/bin/plutil');
    expect(calls[0].args).toEqual(['-convert', 'json', '-o', '-', '/Library/Managed Preferences/x.plist']);
  });
});

describe('nodeExec (real processes)', () => {
  const node = process.execPath;

  it('resolves stdout', async () => {
    await expect(nodeExec(node, ['-e', 'process.stdout.write("ok")'], { timeoutMs: 10_000 })).resolves.toBe('ok');
  });

  it('reports the exit code and the first stderr line', async () => {
    const e = await nodeExec(node, ['-e', 'console.error("no such key\\nmore"); process.exit(1)'], { timeoutMs: 10_000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExecFailure);
    expect(e).toMatchObject({ reason: 'exit', exitCode: 1, message: `${node} exited with code 1: no such key` });
  });

  it('reports a timeout', async () => {
    const e = await nodeExec(node, ['-e', 'setTimeout(() => {}, 20000)'], { timeoutMs: 300 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: 'timeout', exitCode: null, message: `${node} gave no answer within 300 ms` });
  });

  it('reports a program that does not exist', async () => {
    const e = await nodeExec('/nonexistent/reg.exe', [], { timeoutMs: 1000 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ reason: 'not-found', message: '/nonexistent/reg.exe was not found' });
  });
});
