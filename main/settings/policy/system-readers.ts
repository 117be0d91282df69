/** The real PolicyReaders: reg.exe, PowerShell's Get-Acl and plutil, each with a timeout. */
import path from 'node:path';
import type { ReadText } from '../json-file';
import type { ReadOwnerSid } from './admin-owner';
import type { Exec } from './exec';
import { ExecFailure } from './exec';
import type { ReadPlistJson } from './managed-prefs';
import type { PolicyReaders } from './platform';
import type { RegQuery } from './registry';

export const REG_TIMEOUT_MS = 5_000;
/** PowerShell alone can take seconds to start on a busy machine; it runs only when the file exists. */
export const OWNER_TIMEOUT_MS = 15_000;
export const PLUTIL_TIMEOUT_MS = 5_000;

type Env = Readonly<Record<string, string | undefined>>;

/** System32 by full path: a bare "reg.exe" would be looked up in the working directory first. */
function system32(env: Env, ...parts: string[]): string {
  return path.win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32', ...parts);
}

/**
 * `reg query`; reg.exe exits with 1 when the key does not exist (its message is localized, its code
 * is not). It exits with 1 on "access denied" too, which HKLM\Software\Policies does not give by
 * default (every user may read it). Its output is in the console's code page, read here as UTF-8:
 * fine for the policy's values (URLs, accelerators, list values are ASCII), but a non-ASCII server
 * host must be written in its punycode form (xn--…).
 */
export function regQuery(exec: Exec, env: Env): RegQuery {
  return async (key) => {
    try {
      return await exec(system32(env, 'reg.exe'), ['query', key], { timeoutMs: REG_TIMEOUT_MS });
    } catch (e) {
      if (e instanceof ExecFailure && e.reason === 'exit' && e.exitCode === 1) return null;
      throw e;
    }
  };
}

/** The owner's SID through Get-Acl; the path travels in the environment, never inside the script. */
export function readOwnerSid(exec: Exec, env: Env): ReadOwnerSid {
  const script = "$ErrorActionPreference = 'Stop'; (Get-Acl -LiteralPath $env:CONFER_POLICY_FILE).GetOwner([System.Security.Principal.SecurityIdentifier]).Value";
  return async (file) => {
    const out = await exec(system32(env, 'WindowsPowerShell', 'v1.0', 'powershell.exe'), ['-NoProfile', '-NonInteractive', '-Command', script], {
      timeoutMs: OWNER_TIMEOUT_MS,
      env: { ...env, CONFER_POLICY_FILE: file },
    });
    const sid = out.trim();
    if (!/^S-\d+(-\d+)+$/i.test(sid)) throw new Error(`Get-Acl gave no owner SID (${JSON.stringify(sid.slice(0, 80))})`);
    return sid;
  };
}

/** plutil's JSON for a plist, or null when there is no such file. */
export function readPlistJson(exec: Exec, exists: (file: string) => Promise<boolean>): ReadPlistJson {
  return async (file) => {
    if (!(await exists(file))) return null;
    return exec('/usr/bin/plutil', ['-convert', 'json', '-o', '-', file], { timeoutMs: PLUTIL_TIMEOUT_MS });
  };
}

/** Every reader, wired to the real system. */
export function systemPolicyReaders(exec: Exec, env: Env, readText: ReadText, exists: (file: string) => Promise<boolean>): PolicyReaders {
  return { readText, regQuery: regQuery(exec, env), readOwnerSid: readOwnerSid(exec, env), readPlistJson: readPlistJson(exec, exists) };
}
