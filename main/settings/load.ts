/**
 * Loads the effective settings: defaults, then the user's file, then the policy — the policy
 * always wins and its keys are reported as managed. The policy is the first of the platform's
 * sources that has one (policy/platform.ts names them in order). A policy that exists but can't be
 * read or doesn't validate fails closed: the user's file is ignored entirely and updates are off,
 * so a broken policy never hands control back to the user. A source that is not trustworthy (a
 * %ProgramData% file a user owns) is skipped and logged.
 */
import type { Policy, SettingKey, Settings, UserSettings } from './schema';
import { DEFAULT_SETTINGS, PolicySchema, SETTING_KEYS, UserSettingsSchema } from './schema';
import type { PolicyRead, PolicySource } from './policy/source';
import { readJsonFile } from './json-file';
import type { ReadText } from './json-file';

export interface EffectiveSettings {
  readonly values: Settings;
  /** Keys fixed by the policy. */
  readonly managed: SettingKey[];
  /** Where the policy came from (a file path or registry key), if there is one. */
  readonly policySource: string | null;
  /** Problems found (shown in logs; the app still starts). */
  readonly problems: string[];
}

type Parsed<T> = { kind: 'absent' } | { kind: 'ok'; value: T } | { kind: 'invalid'; message: string };

async function readUserSettings(read: ReadText, file: string): Promise<Parsed<UserSettings>> {
  const json = await readJsonFile(read, file);
  if (json.kind !== 'found') return json.kind === 'absent' ? json : { kind: 'invalid', message: `${file}: ${json.message}` };
  const result = UserSettingsSchema.safeParse(json.raw);
  return result.success ? { kind: 'ok', value: result.data } : { kind: 'invalid', message: `${file}: ${result.error.message}` };
}

/** Merges without letting `undefined` overwrite a value. */
export function overlay(base: Settings, layer: Partial<Settings>): Settings {
  const out: Settings = { ...base };
  for (const key of SETTING_KEYS) {
    const v = layer[key];
    if (v !== undefined) (out as Record<SettingKey, unknown>)[key] = v;
  }
  return out;
}

/** The first source that has a policy (untrusted ones are skipped with a problem), validated. */
async function readPolicy(sources: readonly PolicySource[], problems: string[]): Promise<{ source: string | null; policy: Parsed<Policy> }> {
  for (const source of sources) {
    const found: PolicyRead = await source.read();
    if (found.kind === 'absent') continue;
    if (found.kind === 'untrusted') {
      problems.push(`policy ${source.name} ${found.message}`);
      continue;
    }
    if (found.kind === 'invalid') return { source: source.name, policy: { kind: 'invalid', message: `${source.name}: ${found.message}` } };
    const result = PolicySchema.safeParse(found.raw);
    return { source: source.name, policy: result.success ? { kind: 'ok', value: result.data } : { kind: 'invalid', message: `${source.name}: ${result.error.message}` } };
  }
  return { source: null, policy: { kind: 'absent' } };
}

/** Loads settings from the user file and the first policy source that has a policy. */
export async function loadSettings(
  read: ReadText,
  userFile: string,
  policySources: readonly PolicySource[],
  defaults: Settings = DEFAULT_SETTINGS,
): Promise<EffectiveSettings> {
  const problems: string[] = [];
  const { source: policySource, policy } = await readPolicy(policySources, problems);
  if (policy.kind === 'invalid') {
    problems.push(`policy ignored user settings because it is invalid: ${policy.message}`);
    return { values: { ...DEFAULT_SETTINGS, autoUpdate: false }, managed: [...SETTING_KEYS], policySource, problems };
  }

  const user = await readUserSettings(read, userFile);
  if (user.kind === 'invalid') problems.push(`user settings ignored: ${user.message}`);
  const userValues = user.kind === 'ok' ? user.value : {};
  const policyValues = policy.kind === 'ok' ? policy.value : {};

  const values = overlay(overlay(defaults, userValues), policyValues);
  const managed = SETTING_KEYS.filter((k) => policyValues[k] !== undefined);
  return { values, managed, policySource, problems };
}
