/**
 * The app:// request handler, written against fetch's Request/Response (what protocol.handle
 * uses) and an injected file reader, so it runs in tests without Electron.
 */
import { buildCsp } from './csp';
import { contentTypeFor, resolveAppPath } from './resolve';

export interface AppProtocolDeps {
  /** Absolute path of dist/renderer. */
  readonly root: string;
  /** Reads a whole file; rejects when it does not exist. */
  readFile(path: string): Promise<Uint8Array>;
  /** The effective server URL, read per request so a policy change needs no restart of the handler. */
  serverUrl(): string;
}

function securityHeaders(serverUrl: string): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(serverUrl),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=(), usb=(), serial=(), hid=()',
  };
}

function plain(status: number, text: string, serverUrl: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(serverUrl), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Creates the handler passed to protocol.handle('app', …). */
export function createAppProtocolHandler(deps: AppProtocolDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const serverUrl = deps.serverUrl();
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed', serverUrl);
    const resolved = resolveAppPath(deps.root, request.url);
    if (resolved.kind === 'forbidden') return plain(403, 'Forbidden', serverUrl);
    let body: Uint8Array;
    try {
      body = await deps.readFile(resolved.path);
    } catch {
      return plain(404, 'Not found', serverUrl);
    }
    const headers = {
      ...securityHeaders(serverUrl),
      'Content-Type': contentTypeFor(resolved.path),
      // index.html must be revalidated so an update takes effect; hashed assets may be cached.
      'Cache-Control': resolved.spaFallback ? 'no-cache' : 'max-age=31536000, immutable',
    };
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), { status: 200, headers });
  };
}
