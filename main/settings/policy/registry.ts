/**
 * Windows Group Policy: HKLM\Software\Policies\Confer, one value per setting (the value name is
 * the setting key; REG_SZ for text and lists, REG_DWORD 0/1 for on/off), as build/policy/windows/
 * Confer.admx writes them. Read through `reg query`, whose text output is parsed here.
 */
import { SETTING_KEYS } from '../schema';
import type { PolicyRead, PolicySource } from './source';
import { errorMessage } from './source';

export const POLICY_KEY = 'HKLM\\Software\\Policies\\Confer';

/** Runs `reg query <key>`: its output, null when the key does not exist; rejects on any other failure. */
export type RegQuery = (key: string) => Promise<string | null>;

export interface RegValue {
  readonly name: string;
  readonly type: string;
  readonly data: string;
}

/**
 * The values of the queried key in `reg query` output. It prints the key's full name, then one
 * line per value — four spaces, name, four spaces, REG_ type, four spaces, data — then the subkeys'
 * full names (ignored). Lines it can't read are returned as `unreadable`.
 */
export function parseRegQuery(output: string): { values: RegValue[]; unreadable: string[] } {
  const values: RegValue[] = [];
  const unreadable: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('HKEY_')) continue;
    const m = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/.exec(line);
    if (m) values.push({ name: m[1], type: m[2], data: m[3] ?? '' });
    else unreadable.push(line.trim());
  }
  return { values, unreadable };
}

/** Value names are case-insensitive in the registry: "RelayOnly" is relayOnly. */
function settingName(name: string): string {
  return SETTING_KEYS.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
}

/** A value as a setting's value, or why it can't be one. */
function decode(v: RegValue): { ok: true; value: string | boolean } | { ok: false; message: string } {
  if (v.type === 'REG_SZ') return { ok: true, value: v.data };
  if (v.type === 'REG_DWORD') {
    if (/^0x0*1$/i.test(v.data)) return { ok: true, value: true };
    if (/^0x0+$/i.test(v.data)) return { ok: true, value: false };
    return { ok: false, message: `${v.name}: REG_DWORD ${v.data} must be 0 or 1` };
  }
  return { ok: false, message: `${v.name}: ${v.type} is not used by any setting (REG_SZ or REG_DWORD 0/1)` };
}

/** The key's values as a policy object (validated later, like a file's); any bad value makes it invalid. */
export function policyFromRegQuery(output: string): PolicyRead {
  const { values, unreadable } = parseRegQuery(output);
  const problems = unreadable.map((line) => `unreadable line in reg query output: ${JSON.stringify(line)}`);
  const raw: Record<string, string | boolean> = {};
  for (const v of values) {
    const decoded = decode(v);
    if (decoded.ok) raw[settingName(v.name)] = decoded.value;
    else problems.push(decoded.message);
  }
  if (problems.length > 0) return { kind: 'invalid', message: problems.join('; ') };
  // A key with no values (every policy "Not configured" leaves it behind) sets nothing: the next source counts.
  return values.length === 0 ? { kind: 'absent' } : { kind: 'found', raw };
}

/** The registry policy source. */
export function registryPolicySource(query: RegQuery): PolicySource {
  return {
    name: POLICY_KEY,
    async read(): Promise<PolicyRead> {
      let output: string | null;
      try {
        output = await query(POLICY_KEY);
      } catch (e) {
        return { kind: 'invalid', message: `can't be read: ${errorMessage(e)}` };
      }
      return output === null ? { kind: 'absent' } : policyFromRegQuery(output);
    },
  };
}
