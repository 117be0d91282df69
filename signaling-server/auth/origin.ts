import { isIP } from 'node:net';
import { normaliseOrigin } from '../config';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

/** Who may talk to this server from a browser page. */
export interface OriginPolicy {
  /** Extra origins (ALLOWED_ORIGINS), such as the desktop app's `app://confer`. */
  allowed: readonly string[];
  /** The origin users open the app at (PUBLIC_ORIGIN), scheme included; unset: judged from Host, see below. */
  publicOrigin?: string;
}

/**
 * Whether a request's Origin may talk to this server: one of the configured extra origins, the
 * public origin, or no Origin at all (a non-browser client, which still needs a token: Origin
 * only protects users' browsers from other sites).
 *
 * Without PUBLIC_ORIGIN, same-origin is judged from the Host header. A DNS-rebinding page controls
 * both (its own name, resolved to this server, stands in Origin and Host alike), so that judgement
 * holds only for hosts no DNS name can stand for: IP literals and `localhost`. A server reached by
 * name must set PUBLIC_ORIGIN.
 */
export function isOriginAllowed(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  const normalised = normaliseOrigin(origin);
  if (!normalised) return false; // includes the opaque origin "null" of sandboxed frames and file://
  if (policy.allowed.includes(normalised)) return true;
  if (policy.publicOrigin !== undefined) return normalised === policy.publicOrigin;
  if (host === undefined) return false;
  const url = new URL(normalised);
  const hostHeader = host.toLowerCase();
  const withoutDefaultPort = hostHeader.replace(new RegExp(`:${DEFAULT_PORTS[url.protocol] ?? 'none'}$`), '');
  if (url.host !== hostHeader && url.host !== withoutDefaultPort) return false;
  const name = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || isIP(name) !== 0;
}
