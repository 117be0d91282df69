/**
 * Parses links that ask the app to join a room: `confer://join/<room>` and the configured
 * server's https invite links (`https://<server>/room/<room>`). Links arrive from other programs
 * (the OS hands them over), so everything else — other schemes, other hosts, credentials, ports,
 * extra path segments, encoded tricks, overlong input — yields null.
 */
import { ROOM_NAME_PATTERN } from '../../protocol/limits';
import { parseUrlWithoutCredentials } from '../../protocol/ipc/url';
import { DEEP_LINK_SCHEME } from '../../protocol/ipc/deep-link';

/** Longer than any link we make; stops pathological input early. */
export const MAX_LINK_LENGTH = 2048;

export interface DeepLinkOptions {
  /** The effective server URL; its https origin is the only one whose invite links we accept. */
  readonly serverUrl: string | null;
}

/** A room to join, already checked against the room-name rules. */
export interface ParsedLink {
  readonly room: string;
}

function hasControlOrSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || /\s/.test(s[i])) return true;
  }
  return false;
}

function roomOrNull(raw: string): ParsedLink | null {
  // No decoding: room names are plain [A-Za-z0-9_-], so any % means someone is being clever.
  return ROOM_NAME_PATTERN.test(raw) ? { room: raw } : null;
}

function serverOrigin(serverUrl: string | null): string | null {
  if (!serverUrl) return null;
  try {
    const url = new URL(serverUrl);
    return url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Returns the room a link asks for, or null when the link is not one of ours. */
export function parseDeepLink(input: unknown, options: DeepLinkOptions): ParsedLink | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > MAX_LINK_LENGTH) return null;
  // Control characters and whitespace are never part of our links (and URL would strip some).
  if (hasControlOrSpace(input)) return null;
  const url = parseUrlWithoutCredentials(input);
  if (!url) return null;

  if (url.protocol === `${DEEP_LINK_SCHEME}:`) {
    if (url.port) return null;
    // Must be spelled exactly confer://join/<room> (an optional trailing slash), lower-case host.
    const m = /^confer:\/\/join\/([^/?#]+)\/?(?:[?#].*)?$/.exec(input);
    if (!m || url.hostname !== 'join') return null;
    return roomOrNull(m[1]);
  }

  if (url.protocol === 'https:') {
    const origin = serverOrigin(options.serverUrl);
    // Origin includes the port, so https://server:8443 links match only a server on 8443.
    if (!origin || url.origin !== origin) return null;
    const m = /^\/room\/([^/]+)\/?$/.exec(url.pathname);
    return m ? roomOrNull(m[1]) : null;
  }
  return null;
}

/**
 * Finds a link among command-line arguments (Windows and Linux pass the link to a second
 * instance this way). Only whole arguments that parse count; flags and anything after them are
 * not links.
 */
export function findLinkInArgv(argv: readonly string[], options: DeepLinkOptions): ParsedLink | null {
  for (const arg of argv.slice(1)) {
    if (typeof arg !== 'string' || arg.startsWith('-')) continue;
    const parsed = parseDeepLink(arg, options);
    if (parsed) return parsed;
  }
  return null;
}
