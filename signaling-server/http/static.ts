import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

/**
 * The Content-Security-Policy of every response. The app talks only to its own origin (the socket
 * and /api; CSP 3's 'self' covers same-origin ws: and wss:), so connect-src names nothing else:
 * an injected script cannot send what it reads to another server.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    // Svelte transitions write inline styles; scripts stay strictly same-origin.
    "style-src 'self' 'unsafe-inline'",
    // 'wasm-unsafe-eval': background effects compile MediaPipe's WASM and the noise-suppression AudioWorklet
    // (a same-origin script, under script-src) compiles RNNoise's; both bundled; no JS eval.
    "script-src 'self' 'wasm-unsafe-eval'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Powerful features only this origin's own pages may use: a call needs camera, microphone and screen capture, nothing more. */
export const PERMISSIONS_POLICY =
  'camera=(self), microphone=(self), display-capture=(self), fullscreen=(self), autoplay=(self), ' +
  'geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=()';

/**
 * Security headers on every response (HTML gets them; JSON loses nothing by having them).
 * Cross-Origin-Resource-Policy was tried and taken out again: with it, the local tile in Chromium
 * 156 no longer showed the processed camera (effects.e2e, own tile 0.0 % instead of 99.7 %). The
 * same symptom later came back without it on a machine with one core busy, so CORP may not have
 * been the cause; it stays out until that is known.
 * HSTS only when the public origin is https: sent over plain http it would be ignored at best, and
 * on a server also reached by its address it would pin that address to https.
 */
export function securityHeaders(publicOrigin?: string) {
  const csp = contentSecurityPolicy();
  const hsts = publicOrigin?.startsWith('https:') ? 'max-age=31536000' : undefined;
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (hsts) res.setHeader('Strict-Transport-Security', hsts);
    next();
  };
}

const NOT_BUILT_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Confer</title>' +
  '<p>The renderer is not built. Run <code>npm run build</code>, then reload.</p>\n';

/**
 * The renderer's files, plus the SPA fallback: any GET of a path without a file extension
 * (such as `/room/<name>`) answers index.html, so deep links survive a reload.
 */
export function staticFiles(staticDir: string): express.Router {
  const router = express.Router();
  const index = path.join(staticDir, 'index.html');
  router.use(express.static(staticDir, { index: false, fallthrough: true }));
  router.use((req, res, next) => {
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && path.extname(req.path) === '';
    if (!isPage) return next();
    res.setHeader('Cache-Control', 'no-cache');
    // Checked per request so building the renderer needs no server restart.
    if (existsSync(index)) return res.sendFile(index);
    res.type('html').send(NOT_BUILT_PAGE);
  });
  return router;
}
