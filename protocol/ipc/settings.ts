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

export const PublicSettingsSchema = z
  .object({
    serverUrl: ServerUrlSchema,
    relayOnly: z.boolean(),
    autoUpdate: z.boolean(),
    updateChannel: UpdateChannelSchema,
    /** Keys fixed by the administrator's policy; the UI shows them as managed. */
    managed: z.array(z.enum(['serverUrl', 'relayOnly', 'autoUpdate', 'updateChannel', 'closeToTray'])).max(8),
  })
  .strict();
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

/** settings:get takes no payload. */
export const NoPayloadSchema = z.undefined();
