/**
 * Loads the effective settings: defaults, then the user's file, then the policy — the policy
 * always wins and its keys are reported as managed. A policy that exists but can't be read or
 * doesn't validate fails closed: the user's file is ignored entirely and updates are off, so a
 * broken policy never hands control back to the user.
 */
import type { Policy, SettingKey, Settings, UserSettings } from './schema';
import { DEFAULT_SETTINGS, PolicySchema, SETTING_KEYS, UserSettingsSchema } from './schema';

/** Reads a file as text; resolves null when it does not exist, rejects on other errors. */
export type ReadText = (path: string) => Promise<string | null>;

export interface EffectiveSettings {
  readonly values: Settings;
  /** Keys fixed by the policy. */
  readonly managed: SettingKey[];
  /** The policy file used, if any. */
  readonly policyPath: string | null;
  /** Problems found (shown in logs; the app still starts). */
  readonly problems: string[];
}

type Parsed<T> = { kind: 'absent' } | { kind: 'ok'; value: T } | { kind: 'invalid'; message: string };

async function readJson<T>(read: ReadText, file: string, parse: (raw: unknown) => { success: boolean; data?: T; error?: { message: string } }): Promise<Parsed<T>> {
  let text: string | null;
  try {
    text = await read(file);
  } catch (e) {
    return { kind: 'invalid', message: `${file}: ${(e as Error).message}` };
  }
  if (text === null) return { kind: 'absent' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'invalid', message: `${file}: not valid JSON` };
  }
  const result = parse(raw);
  return result.success ? { kind: 'ok', value: result.data as T } : { kind: 'invalid', message: `${file}: ${result.error?.message ?? 'invalid'}` };
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

/** Loads settings from the user file and the first policy file that exists. */
export async function loadSettings(
  read: ReadText,
  userFile: string,
  policyFiles: readonly string[],
  defaults: Settings = DEFAULT_SETTINGS,
): Promise<EffectiveSettings> {
  const problems: string[] = [];
  let policy: Parsed<Policy> = { kind: 'absent' };
  let policyPath: string | null = null;
  for (const file of policyFiles) {
    policy = await readJson<Policy>(read, file, (raw) => PolicySchema.safeParse(raw));
    if (policy.kind !== 'absent') {
      policyPath = file;
      break;
    }
  }
  if (policy.kind === 'invalid') {
    problems.push(`policy ignored user settings because it is invalid: ${policy.message}`);
    return { values: { ...DEFAULT_SETTINGS, autoUpdate: false }, managed: [...SETTING_KEYS], policyPath, problems };
  }

  const user = await readJson<UserSettings>(read, userFile, (raw) => UserSettingsSchema.safeParse(raw));
  if (user.kind === 'invalid') problems.push(`user settings ignored: ${user.message}`);
  const userValues = user.kind === 'ok' ? user.value : {};
  const policyValues = policy.kind === 'ok' ? policy.value : {};

  const values = overlay(overlay(defaults, userValues), policyValues);
  const managed = SETTING_KEYS.filter((k) => policyValues[k] !== undefined);
  return { values, managed, policyPath, problems };
}
