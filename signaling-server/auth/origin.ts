import { normaliseOrigin } from '../config';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

/**
 * Whether a request's Origin may talk to this server: same-origin (Origin's host equals the
 * Host header), one of the configured extra origins, or no Origin at all (a non-browser client,
 * which still needs a token: Origin only protects users' browsers from other sites).
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  const normalised = normaliseOrigin(origin);
  if (!normalised) return false; // includes the opaque origin "null" of sandboxed frames and file://
  const url = new URL(normalised);
  if (host !== undefined) {
    const hostHeader = host.toLowerCase();
    const withoutDefaultPort = hostHeader.replace(new RegExp(`:${DEFAULT_PORTS[url.protocol] ?? 'none'}$`), '');
    if (url.host === hostHeader || url.host === withoutDefaultPort) return true;
  }
  return allowed.includes(normalised);
}
