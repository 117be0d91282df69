/** Settings channel and the read-only view of the effective settings the renderer may see. */
import { z } from 'zod';
import { parseUrlWithoutCredentials } from './url';

export const SettingsChannels = {
  /** renderer → main (invoke): the effective settings. */
  get: 'confer:settings:get',
} as const;

export const UpdateChannelSchema = z.enum(['latest', 'beta']);

/** A server the app may talk to: https anywhere, plain http only on this machine (development). */
export function isAllowedServerUrl(raw: string): boolean {
  const url = parseUrlWithoutCredentials(raw);
  if (!url) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export const ServerUrlSchema = z.string().max(2048).refine(isAllowedServerUrl, 'must be an https:// URL (http:// only for localhost)');

/** The UI language: the OS's, or one the user (or policy) picked. */
export const LocaleSettingSchema = z.enum(['system', 'en', 'de']);

/**
 * A global shortcut in Electron's accelerator syntax ("CommandOrControl+Shift+M"), or '' for none.
 * Only the shape is checked here; main checks that Electron accepts it when registering.
 */
export const ShortcutSchema = z.union([z.literal(''), z.string().max(64).regex(/^[A-Za-z0-9]+(\+[A-Za-z0-9]+)*$/, 'must be an accelerator such as CommandOrControl+Shift+M')]);

/** Every setting's name, in the order a settings screen lists them. */
export const SETTING_NAMES = ['serverUrl', 'relayOnly', 'autoUpdate', 'updateChannel', 'closeToTray', 'noiseSuppression', 'startAtLogin', 'pushToTalkShortcut', 'toggleMuteShortcut', 'locale'] as const;
export const SettingNameSchema = z.enum(SETTING_NAMES);

export const PublicSettingsSchema = z
  .object({
    serverUrl: ServerUrlSchema,
    relayOnly: z.boolean(),
    autoUpdate: z.boolean(),
    updateChannel: UpdateChannelSchema,
    noiseSuppression: z.boolean(),
    locale: LocaleSettingSchema,
    /** Keys fixed by the administrator's policy; the UI shows them as managed. */
    managed: z.array(SettingNameSchema).max(SETTING_NAMES.length),
  })
  .strict();
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

/** settings:get takes no payload. */
export const NoPayloadSchema = z.undefined();
