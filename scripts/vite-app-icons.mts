/**
 * The browser app's icons, drawn from build/icon.svg (the app's one icon source) at build time:
 * favicon.svg (the file itself), favicon.ico (16, 32, 48 px, for clients that ask by name),
 * apple-touch-icon.png, icons/icon-192.png and icons/icon-512.png (the web app manifest's, and the
 * desktop window's), and manifest.webmanifest; index.html gets the links. Served in dev, emitted
 * into the bundle on build, so the signaling server serves them as it serves the rest.
 */
import { readFileSync } from 'node:fs';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { faviconIco, iconPng, ICON_SVG_PATH, loadIcon } from '../build/app-icon.mjs';

/** Same as the app's background (renderer/ui/styles/global.css --bg). */
const BACKGROUND = '#0f1115';

const MANIFEST = {
  name: 'Confer',
  short_name: 'Confer',
  description: 'Video calls for companies',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: BACKGROUND,
  theme_color: BACKGROUND,
  icons: [
    { src: '/favicon.svg', type: 'image/svg+xml', sizes: 'any' },
    { src: '/icons/icon-192.png', type: 'image/png', sizes: '192x192' },
    { src: '/icons/icon-512.png', type: 'image/png', sizes: '512x512' },
  ],
};

const TAGS: HtmlTagDescriptor[] = [
  { tag: 'link', attrs: { rel: 'icon', href: '/favicon.ico', sizes: '16x16 32x32 48x48' } },
  { tag: 'link', attrs: { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' } },
  { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/apple-touch-icon.png' } },
  { tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' } },
  { tag: 'meta', attrs: { name: 'theme-color', content: BACKGROUND } },
].map((t) => ({ ...t, injectTo: 'head' as const }));

const TYPES: Record<string, string> = { svg: 'image/svg+xml', ico: 'image/x-icon', png: 'image/png', webmanifest: 'application/manifest+json' };

/** Every file by its path in the bundle (no leading slash). */
function iconFiles(): Map<string, Buffer> {
  const icon = loadIcon();
  return new Map<string, Buffer>([
    ['favicon.svg', readFileSync(ICON_SVG_PATH)],
    ['favicon.ico', faviconIco(icon)],
    ['apple-touch-icon.png', iconPng(icon, 180)],
    ['icons/icon-192.png', iconPng(icon, 192)],
    ['icons/icon-512.png', iconPng(icon, 512)],
    ['manifest.webmanifest', Buffer.from(JSON.stringify(MANIFEST, null, 2) + '\n')],
  ]);
}

/** The Vite plugin; add it to `plugins` in vite.config.mts. */
export function appIcons(): Plugin {
  let files: Map<string, Buffer> | undefined;
  const get = () => (files ??= iconFiles());
  return {
    name: 'confer-app-icons',
    transformIndexHtml: () => TAGS,
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const bytes = get().get((req.url ?? '').split('?')[0].slice(1));
        if (!bytes) return next();
        res.setHeader('Content-Type', TYPES[(req.url ?? '').split('?')[0].split('.').pop() ?? ''] ?? 'application/octet-stream');
        res.end(bytes);
      });
    },
    generateBundle() {
      for (const [fileName, source] of get()) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
