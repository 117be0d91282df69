/**
 * The app's own origin. The renderer is served from `app://confer/` (see protocol/), and every
 * privilege — permissions, IPC, display capture — is granted to that origin only.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'confer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the window opens. */
export const APP_START_URL = `${APP_ORIGIN}/`;

/**
 * True when `url` is a page of the app itself. Compared by parts, not by prefix, so
 * `app://confer.evil/` or `app://confer@evil/` never pass. (Node's URL gives custom schemes an
 * opaque origin, so `.origin` can't be used here.)
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** True for `app://confer` as an origin string (with or without a trailing slash). */
export function isAppOrigin(origin: string | null | undefined): boolean {
  if (typeof origin !== 'string') return false;
  const trimmed = origin.endsWith('/') ? origin.slice(0, -1) : origin;
  return trimmed === APP_ORIGIN;
}
