/**
 * The settings as the running app sees them, and the one way to change them: `set` checks the key
 * against the policy and the value against its schema, writes the user's settings.json atomically
 * (temp file, then rename) keeping every other key already there, recomputes the effective values
 * and tells the listeners which keys changed. Changes are written one at a time, in order.
 */
import type { PublicSettings, SetSettingResult } from '../../protocol/ipc/settings';
import { SETTING_SCHEMAS } from '../../protocol/ipc/settings';
import type { EffectiveSettings } from './load';
import { readJsonFile, type ReadText } from './json-file';
import { overlay } from './load';
import type { SettingKey, Settings } from './schema';
import { SETTING_KEYS, UserSettingsSchema } from './schema';

/** The file operations the store needs; index.ts passes node:fs, tests an in-memory fake. */
export interface SettingsFs {
  readonly readText: ReadText;
  writeText(path: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export interface SettingsStoreOptions {
  readonly fs: SettingsFs;
  /** The user's settings.json. */
  readonly userFile: string;
  /** What loadSettings found at start (values, managed keys). */
  readonly loaded: EffectiveSettings;
  /** The weakest layer (defaults with CONFER_SERVER_URL applied). */
  readonly defaults: Settings;
}

/** Called after a change with the new effective values and the keys whose value changed. */
export type SettingsListener = (values: Settings, changed: readonly SettingKey[]) => void;

type RawFile = { ok: true; data: Record<string, unknown> } | { ok: false; message: string };

async function readUserFile(read: ReadText, file: string): Promise<RawFile> {
  const parsed = await readJsonFile(read, file);
  if (parsed.kind === 'absent') return { ok: true, data: {} };
  if (parsed.kind === 'found' && parsed.raw && typeof parsed.raw === 'object' && !Array.isArray(parsed.raw)) {
    return { ok: true, data: parsed.raw as Record<string, unknown> };
  }
  if (parsed.kind === 'invalid' && parsed.message.startsWith("can't be read")) return { ok: false, message: `${file} ${parsed.message}` };
  // Overwriting it would throw away whatever the user wrote by hand: they fix it first.
  return { ok: false, message: `${file} is not a JSON object; fix or delete it, then try again` };
}

/** Known keys whose value is invalid are dropped: loading ignored them already, and they would make the file ignored again. */
function withoutInvalidKnownKeys(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const schema = (SETTING_SCHEMAS as Record<string, { safeParse(v: unknown): { success: boolean } }>)[k];
    if (!schema || schema.safeParse(v).success) out[k] = v;
  }
  return out;
}

export class SettingsStore {
  private current: Settings;
  private readonly managedKeys: readonly SettingKey[];
  private readonly policyValues: Partial<Settings>;
  private readonly listeners = new Set<SettingsListener>();
  private queue: Promise<unknown> = Promise.resolve();
  private writes = 0;

  constructor(private readonly options: SettingsStoreOptions) {
    this.current = options.loaded.values;
    this.managedKeys = [...options.loaded.managed];
    const policy: Partial<Record<SettingKey, unknown>> = {};
    for (const key of this.managedKeys) policy[key] = options.loaded.values[key];
    this.policyValues = policy as Partial<Settings>;
  }

  /** The effective values now. */
  values(): Settings {
    return this.current;
  }

  /** Keys fixed by the policy. */
  managed(): readonly SettingKey[] {
    return this.managedKeys;
  }

  /** What the renderer may see (settings:get, settings:changed). */
  view(): PublicSettings {
    return { ...this.current, managed: [...this.managedKeys] };
  }

  /** Listens for changes; returns the unsubscribe. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Changes one setting in the user's file; never throws, answers why when nothing changed. */
  set(key: SettingKey, value: unknown): Promise<SetSettingResult> {
    const next = this.queue.then(() => this.apply(key, value));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async apply(key: SettingKey, value: unknown): Promise<SetSettingResult> {
    if (this.managedKeys.includes(key)) return { ok: false, code: 'MANAGED', message: `${key} is set by your organization` };
    const parsed = (SETTING_SCHEMAS[key] as { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }).safeParse(value);
    if (!parsed.success) return { ok: false, code: 'INVALID', message: `${key}: ${parsed.error?.issues[0]?.message ?? 'invalid value'}`.slice(0, 500) };

    const { fs, userFile } = this.options;
    const file = await readUserFile(fs.readText, userFile);
    if (!file.ok) return { ok: false, code: 'WRITE_FAILED', message: file.message.slice(0, 500) };
    const contents = { ...withoutInvalidKnownKeys(file.data), [key]: parsed.data };
    const temp = `${userFile}.${process.pid}.${++this.writes}.tmp`;
    try {
      await fs.writeText(temp, `${JSON.stringify(contents, null, 2)}\n`);
      await fs.rename(temp, userFile);
    } catch (e) {
      await fs.remove(temp).catch(() => undefined);
      return { ok: false, code: 'WRITE_FAILED', message: `${userFile} could not be written: ${(e as Error).message}`.slice(0, 500) };
    }

    const user = UserSettingsSchema.safeParse(contents);
    const before = this.current;
    this.current = overlay(overlay(this.options.defaults, user.success ? user.data : {}), this.policyValues);
    const changed = SETTING_KEYS.filter((k) => before[k] !== this.current[k]);
    if (changed.length > 0) this.notify(changed);
    return { ok: true, settings: this.view() };
  }

  private notify(changed: readonly SettingKey[]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(this.current, changed);
      } catch (e) {
        // One failing consumer (a shortcut that won't register) must not undo a saved change.
        console.warn(`[confer] settings listener failed: ${(e as Error).message}`);
      }
    }
  }
}
