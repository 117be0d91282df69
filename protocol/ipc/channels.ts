/**
 * The channel naming rule shared by the main process and the preload. Pure: no Electron, no Node,
 * so the renderer may import its types too.
 */

/** Every channel of ours starts with this; the preload and the router refuse anything else. */
export const CHANNEL_PREFIX = 'confer:';

/** True when `channel` carries our prefix (a cheap first filter before the allow-lists). */
export function hasConferPrefix(channel: string): boolean {
  return typeof channel === 'string' && channel.startsWith(CHANNEL_PREFIX);
}
