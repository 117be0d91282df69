/**
 * Serves (dev) and copies (build) the MediaPipe selfie-segmentation runtime from node_modules to
 * `/mediapipe/` in the renderer bundle. Bundled, not loaded from a CDN: the app's CSP is
 * `default-src 'self'` and calls must work offline. Names stay unhashed because MediaPipe asks
 * for them by name through `locateFile`.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { MEDIAPIPE_BASE, MEDIAPIPE_FILES } from '../renderer/media/effects/assets';

const require = createRequire(import.meta.url);
const TYPES: Record<string, string> = { js: 'text/javascript', wasm: 'application/wasm' };

/** The Vite plugin; add it to `plugins` in vite.config.mts. */
export function mediapipeAssets(): Plugin {
  const dir = dirname(require.resolve('@mediapipe/selfie_segmentation/package.json'));
  const files = new Set<string>(MEDIAPIPE_FILES);
  return {
    name: 'confer-mediapipe-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        const name = path.startsWith(MEDIAPIPE_BASE) ? path.slice(MEDIAPIPE_BASE.length) : '';
        if (!files.has(name)) return next();
        res.setHeader('Content-Type', TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
        createReadStream(join(dir, name)).pipe(res);
      });
    },
    generateBundle() {
      for (const name of files) {
        const file = join(dir, name);
        if (!existsSync(file)) this.error(`@mediapipe/selfie_segmentation is missing ${name}; reinstall node_modules`);
        this.emitFile({ type: 'asset', fileName: MEDIAPIPE_BASE.slice(1) + name, source: readFileSync(file) });
      }
    },
  };
}
