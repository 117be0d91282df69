/**
 * Janus signed tokens (token_auth = true with token_auth_secret), as Janus 1.1 checks them in
 * src/auth.c: `<expiry>,janus,<plugin>[,<plugin>...]:<signature>`, where expiry is in Unix seconds,
 * `janus` is the realm, each plugin is a package the token may attach to, and the signature is
 * base64 (standard alphabet, padded) of HMAC-SHA1(secret, everything before the colon).
 */
import { createHmac } from 'node:crypto';

export const JANUS_TOKEN_REALM = 'janus';
export const VIDEOROOM_PLUGIN = 'janus.plugin.videoroom';

/** One token valid until `expiresAtSec` for the given plugins. */
export function signJanusToken(secret: string, expiresAtSec: number, plugins: readonly string[] = [VIDEOROOM_PLUGIN]): string {
  if (!Number.isInteger(expiresAtSec) || expiresAtSec < 0) throw new Error('token expiry must be whole Unix seconds');
  for (const p of plugins) if (!/^[a-z0-9.]+$/.test(p)) throw new Error(`"${p}" is not a plugin package name`);
  const data = [String(expiresAtSec), JANUS_TOKEN_REALM, ...plugins].join(',');
  return `${data}:${createHmac('sha1', secret).update(data).digest('base64')}`;
}

/**
 * A token source for JanusClient: a fresh token per request, valid `ttlSeconds` from now, so a
 * long-lived connection never carries an expired one.
 */
export function janusTokenSigner(secret: string, ttlSeconds = 300, now: () => number = Date.now): () => string {
  return () => signJanusToken(secret, Math.floor(now() / 1000) + ttlSeconds);
}
