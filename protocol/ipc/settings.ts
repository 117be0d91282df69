/**
 * Settings channels and the shape of every setting: one schema per key, used by main to read the
 * files and to check a change, by the preload to check both directions, and by the settings page
 * to check a field before it is sent.
 */
import { z } from 'zod';
import { parseUrlWithoutCredentials } from './url';

export const SettingsChannels = {
  /** renderer → main (invoke): every effective setting and which are managed. */
  get: 'confer:settings:get',
  /** renderer → main (invoke): change one setting in the user's settings.json. */
  set: 'confer:settings:set',
  /** main → renderer: the effective settings after a change. */
  changed: 'confer:settings:changed',
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

/** What closing the window does: see main/window/close-policy.ts. */
export const CloseToTraySchema = z.enum(['in-call', 'always', 'never']);

/**
 * A global shortcut in Electron's accelerator syntax ("CommandOrControl+Shift+M"), or '' for none.
 * Only the shape is checked here; main checks that Electron accepts it when registering.
 */
export const ShortcutSchema = z.union([z.literal(''), z.string().max(64).regex(/^[A-Za-z0-9]+(\+[A-Za-z0-9]+)*$/, 'must be an accelerator such as CommandOrControl+Shift+M')]);

/** Every setting's name, in the order a settings screen lists them. */
export const SETTING_NAMES = ['serverUrl', 'relayOnly', 'autoUpdate', 'updateChannel', 'closeToTray', 'noiseSuppression', 'startAtLogin', 'pushToTalkShortcut', 'toggleMuteShortcut', 'locale', 'allowRecording'] as const;
export const SettingNameSchema = z.enum(SETTING_NAMES);
export type SettingName = (typeof SETTING_NAMES)[number];

/** Each setting's value schema (settings.json, policy.json and settings:set all use these). */
export const SETTING_SCHEMAS = {
  /** The signaling server (its https origin also decides which invite links the app accepts). */
  serverUrl: ServerUrlSchema,
  /** Send media only through TURN relays (hides the user's IP addresses from other participants). */
  relayOnly: z.boolean(),
  /** Check for updates at start and daily. */
  autoUpdate: z.boolean(),
  updateChannel: UpdateChannelSchema,
  closeToTray: CloseToTraySchema,
  /** Suppress background noise on the microphone (RNNoise). */
  noiseSuppression: z.boolean(),
  /** Start the app (in the tray) when the user logs in. */
  startAtLogin: z.boolean(),
  /** Hold to talk while muted, anywhere in the OS ('' = off). */
  pushToTalkShortcut: ShortcutSchema,
  /** Mute or unmute anywhere in the OS ('' = off). */
  toggleMuteShortcut: ShortcutSchema,
  /** The UI language. */
  locale: LocaleSettingSchema,
  /** Offer Record to hosts in this app (the server's RECORDING policy applies as well). */
  allowRecording: z.boolean(),
} as const satisfies Record<SettingName, z.ZodType>;

/** Every setting with its value. */
export type SettingValues = { [K in SettingName]: z.infer<(typeof SETTING_SCHEMAS)[K]> };

/** Values used when neither the user's settings nor the policy set a key. */
export const SETTING_DEFAULTS: Readonly<SettingValues> = {
  serverUrl: 'http://localhost:8080',
  relayOnly: false,
  autoUpdate: true,
  updateChannel: 'latest',
  closeToTray: 'in-call',
  noiseSuppression: true,
  startAtLogin: false,
  pushToTalkShortcut: '',
  toggleMuteShortcut: '',
  locale: 'system',
  allowRecording: true,
};

/** What the renderer sees: every effective setting, and which of them the policy fixes. */
export const PublicSettingsSchema = z
  .object({
    ...SETTING_SCHEMAS,
    /** Keys fixed by the administrator's policy; the UI shows them as managed. */
    managed: z.array(SettingNameSchema).max(SETTING_NAMES.length),
  })
  .strict();
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

/** settings:get takes no payload. */
export const NoPayloadSchema = z.undefined();

/** settings:set's payload: one key and a value valid for that key. */
export type SetSettingRequest = { [K in SettingName]: { key: K; value: SettingValues[K] } }[SettingName];
export const SetSettingRequestSchema = z.discriminatedUnion(
  'key',
  SETTING_NAMES.map((key) => z.object({ key: z.literal(key), value: SETTING_SCHEMAS[key] as z.ZodType }).strict()) as unknown as [
    z.ZodObject<{ key: z.ZodLiteral<SettingName>; value: z.ZodType }>,
  ],
) as unknown as z.ZodType<SetSettingRequest>;

/** Why a change was refused: fixed by policy, a bad value, or settings.json could not be written. */
export const SetSettingErrorCodeSchema = z.enum(['MANAGED', 'INVALID', 'WRITE_FAILED']);
export type SetSettingErrorCode = z.infer<typeof SetSettingErrorCodeSchema>;

/** settings:set's answer: the effective settings after the change, or why nothing changed. */
export const SetSettingResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), settings: PublicSettingsSchema }).strict(),
  z.object({ ok: z.literal(false), code: SetSettingErrorCodeSchema, message: z.string().max(500) }).strict(),
]);
export type SetSettingResult = z.infer<typeof SetSettingResultSchema>;
