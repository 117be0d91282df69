/**
 * The settings and the policy. Users write `settings.json` in the app's userData folder;
 * administrators set the policy through the OS (registry, configuration profile) or a
 * `policy.json` in a system folder (policy/platform.ts). Same keys in both; a key set in the
 * policy is fixed and the user's value for it is ignored.
 */
import { z } from 'zod';
import { ServerUrlSchema, SETTING_DEFAULTS, SETTING_SCHEMAS } from '../../protocol/ipc/settings';

/** One schema per key, shared with the IPC contract (protocol/ipc/settings.ts). */
const Keys = SETTING_SCHEMAS;

/** settings.json: unknown keys are tolerated (older/newer app versions), bad values are not. */
export const UserSettingsSchema = z.object(Keys).partial();
export type UserSettings = z.infer<typeof UserSettingsSchema>;

/** The policy (any source): strict, so a typo in a key an administrator meant to enforce is reported, not ignored. */
export const PolicySchema = z.object(Keys).partial().strict();
export type Policy = z.infer<typeof PolicySchema>;

export type SettingKey = keyof typeof Keys;
export const SETTING_KEYS = Object.keys(Keys) as SettingKey[];

/** Every setting with its effective value. */
export type Settings = { [K in SettingKey]-?: NonNullable<UserSettings[K]> };

/** Values used when neither file sets a key (shared with the renderer through the IPC contract). */
export const DEFAULT_SETTINGS: Settings = { ...SETTING_DEFAULTS };

/**
 * Defaults with CONFER_SERVER_URL applied when it is a valid server URL: handy for development and
 * tests (`CONFER_SERVER_URL=http://localhost:8080 npm run desktop`). It is the weakest layer — the
 * user's file and the policy both override it.
 */
export function defaultsFromEnv(env: Readonly<Record<string, string | undefined>>): Settings {
  const fromEnv = ServerUrlSchema.safeParse(env.CONFER_SERVER_URL);
  return fromEnv.success ? { ...DEFAULT_SETTINGS, serverUrl: fromEnv.data } : DEFAULT_SETTINGS;
}
