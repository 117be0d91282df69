/**
 * The Content-Security-Policy sent with every app:// page. Scripts only from the bundle (no
 * inline, no eval), network only to the configured call server (https + its wss twin), images
 * from the bundle plus data:/blob: (screen-picker thumbnails, avatars), media from streams.
 */

/** The connect-src entries for one server URL: its origin, and the ws(s) origin Socket.IO uses. */
export function connectSourcesFor(serverUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return [];
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return [];
  const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${ws}//${url.host}`];
}

/** Builds the policy; `serverUrl` is the effective (policy-or-user) server. */
export function buildCsp(serverUrl: string): string {
  const connect = ["'self'", ...connectSourcesFor(serverUrl)].join(' ');
  return [
    "default-src 'none'",
    // 'wasm-unsafe-eval': background effects compile MediaPipe's WASM, the noise-suppression AudioWorklet
    // (a script from the bundle, under script-src) compiles RNNoise's; both bundled, still no JS eval.
    "script-src 'self' 'wasm-unsafe-eval'",
    // Svelte writes style attributes for dynamic layout; styles can't run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    `connect-src ${connect}`,
    // Segmentation models and audio worklets load from the bundle (never a CDN).
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
