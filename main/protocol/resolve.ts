/**
 * Maps an app:// request to a file under the built renderer (dist/renderer). Anything that could
 * leave that folder — `..` in any spelling, backslashes, NUL, absolute paths, another host — is
 * refused. Extension-less paths (`/`, `/room/<name>`) get index.html, so deep links to a room
 * load the single-page app, which then shows the room or its own "not found" page.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security/origin';

export type Resolved =
  | { readonly kind: 'file'; readonly path: string; readonly spaFallback: boolean }
  | { readonly kind: 'forbidden' };

const MAX_URL = 4096;
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?:[/\\]|%2f|%5c|$)/i;

/** Resolves `requestUrl` against `root` (an absolute directory). Pure: touches no file. */
export function resolveAppPath(root: string, requestUrl: string): Resolved {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_URL) return { kind: 'forbidden' };
  // URL parsing silently folds `..` and `%2e%2e` segments away; a request that spells one out is
  // an attempt, not a page, so it is refused before parsing rather than quietly served index.html.
  if (DOT_SEGMENT.test(requestUrl.split(/[?#]/, 1)[0])) return { kind: 'forbidden' };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'forbidden' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port || url.username || url.password) {
    return { kind: 'forbidden' };
  }
  // Checked on the raw path too: URL parsing folds `/a/../b` away, but `%2e%2e` and `%2f` survive it.
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'forbidden' };
  }
  if (/[\\\0]/.test(decoded) || /[\\]/.test(url.pathname) || /%5c|%00/i.test(url.pathname)) return { kind: 'forbidden' };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || /^[A-Za-z]:/.test(s))) return { kind: 'forbidden' };

  const last = segments[segments.length - 1] ?? '';
  const spaFallback = segments.length === 0 || !last.includes('.');
  const relative = spaFallback ? 'index.html' : segments.join('/');
  const base = path.resolve(root);
  const target = path.resolve(base, relative);
  // Belt and braces: whatever the checks above missed, the result must stay inside root.
  if (target !== base && !target.startsWith(base + path.sep)) return { kind: 'forbidden' };
  return { kind: 'file', path: target, spaFallback };
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type by extension; unknown types are served as opaque bytes (with nosniff). */
export function contentTypeFor(filePath: string): string {
  return TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
