/** Download links of local recordings: signed by the server with an expiry (HMAC-SHA256). */
import { createHmac, timingSafeEqual } from 'node:crypto';

const sign = (key: Uint8Array, id: string, expires: number) => createHmac('sha256', key).update(`recording:${id}:${expires}`).digest('base64url');

/** `/api/recordings/<id>/file?expires=…&sig=…`, valid until `expires` (ms since the epoch). */
export function signedPath(key: Uint8Array, id: string, expires: number): string {
  return `/api/recordings/${encodeURIComponent(id)}/file?expires=${expires}&sig=${sign(key, id, expires)}`;
}

/** Whether a link's signature is the server's and it has not expired. */
export function verifyLink(key: Uint8Array, id: string, expires: unknown, sig: unknown, now: number): boolean {
  if (typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,15}$/.test(expires)) return false;
  const exp = Number(expires);
  if (exp < now) return false;
  const want = Buffer.from(sign(key, id, exp));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}
