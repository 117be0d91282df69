/**
 * The settings page's logic, without Svelte so jest tests it: which sections a window shows, the
 * checks a text field passes before it is sent (the IPC contract's own schemas), and the form's
 * state — the settings, per-field saving flags and errors — kept in step with every window.
 */
import type { MessageKey } from '../../i18n/catalog';
import type { Params } from '../../i18n/translate';
import type { Unsubscribe } from '../../../protocol/ipc/contract';
import type { PublicSettings, SetSettingRequest, SetSettingResult, SettingName } from '../../../protocol/ipc/settings';
import { SETTING_SCHEMAS } from '../../../protocol/ipc/settings';

/** The desktop app's settings as the page reaches them (renderer/desktop/bridge.ts). */
export interface SettingsPort {
  /** null in a browser. */
  get(): Promise<PublicSettings | null>;
  set(request: SetSettingRequest): Promise<SetSettingResult | null>;
  onChanged(listener: (settings: PublicSettings) => void): Unsubscribe;
}

export type SettingsSection = 'server' | 'devices' | 'background' | 'noise' | 'app' | 'updates' | 'shortcuts' | 'language';

/**
 * What a window shows. A browser gets what it can use on its own (devices, background, language,
 * all kept in the page's storage); the rest changes the desktop app and needs its bridge.
 */
export function sectionsFor(desktop: boolean): SettingsSection[] {
  return desktop ? ['server', 'devices', 'background', 'noise', 'app', 'updates', 'shortcuts', 'language'] : ['devices', 'background', 'language'];
}

/** A message for the user, translated when shown. */
export interface FieldMessage {
  readonly key: MessageKey;
  readonly params?: Params;
}

export type TextSetting = 'serverUrl' | 'pushToTalkShortcut' | 'toggleMuteShortcut';

const TEXT_PROBLEM: Record<TextSetting, MessageKey> = {
  serverUrl: 'settings.server.invalid',
  pushToTalkShortcut: 'settings.shortcuts.invalid',
  toggleMuteShortcut: 'settings.shortcuts.invalid',
};

/** Why a text field's value would be refused (the same schema main checks), or null. */
export function textProblem(key: TextSetting, raw: string): FieldMessage | null {
  return SETTING_SCHEMAS[key].safeParse(raw.trim()).success ? null : { key: TEXT_PROBLEM[key] };
}

/** The sentence for a refused change. */
export function refusalMessage(result: Extract<SetSettingResult, { ok: false }>): FieldMessage {
  switch (result.code) {
    case 'MANAGED':
      return { key: 'settings.error.managed' };
    case 'INVALID':
      return { key: 'settings.error.invalid' };
    case 'WRITE_FAILED':
      return { key: 'settings.error.writeFailed', params: { detail: result.message } };
  }
}

export interface SettingsFormState {
  /** null until loaded, and always in a browser. */
  readonly settings: PublicSettings | null;
  readonly loadFailed: boolean;
  readonly saving: Readonly<Partial<Record<SettingName, boolean>>>;
  readonly errors: Readonly<Partial<Record<SettingName, FieldMessage>>>;
}

/** The desktop part of the form; the page renders `state` and calls `save`. */
export class SettingsForm {
  private current: SettingsFormState = { settings: null, loadFailed: false, saving: {}, errors: {} };
  private readonly listeners = new Set<(state: SettingsFormState) => void>();
  private stopChanges: Unsubscribe = () => {};

  constructor(private readonly port: SettingsPort) {}

  get state(): SettingsFormState {
    return this.current;
  }

  /** Listens for state changes; returns the unsubscribe. */
  subscribe(listener: (state: SettingsFormState) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Loads the settings and follows changes made in any window. */
  async load(): Promise<void> {
    this.stopChanges();
    this.stopChanges = this.port.onChanged((settings) => this.update({ settings }));
    try {
      const settings = await this.port.get();
      this.update({ settings: this.current.settings ?? settings });
    } catch {
      this.update({ loadFailed: true });
    }
  }

  /** True when the administrator's policy fixes `key`. */
  isManaged(key: SettingName): boolean {
    return this.current.settings?.managed.includes(key) ?? false;
  }

  /** Saves one setting; false (with the field's error set) when nothing changed. */
  async save(request: SetSettingRequest): Promise<boolean> {
    const { key } = request;
    if (this.isManaged(key)) return this.fail(key, { key: 'settings.error.managed' });
    if (key === 'serverUrl' || key === 'pushToTalkShortcut' || key === 'toggleMuteShortcut') {
      const problem = textProblem(key, request.value);
      if (problem) return this.fail(key, problem);
      request = { key, value: request.value.trim() };
    }
    this.update({ saving: { ...this.current.saving, [key]: true }, errors: { ...this.current.errors, [key]: undefined } });
    let result: SetSettingResult | null;
    try {
      result = await this.port.set(request);
    } catch {
      result = null;
    }
    this.update({ saving: { ...this.current.saving, [key]: false } });
    if (!result) return this.fail(key, { key: 'settings.error.noAnswer' });
    if (!result.ok) return this.fail(key, refusalMessage(result));
    this.update({ settings: result.settings });
    return true;
  }

  /** Stops following changes. */
  dispose(): void {
    this.stopChanges();
    this.listeners.clear();
  }

  private fail(key: SettingName, message: FieldMessage): false {
    this.update({ errors: { ...this.current.errors, [key]: message } });
    return false;
  }

  private update(patch: Partial<SettingsFormState>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of [...this.listeners]) listener(this.current);
  }
}
