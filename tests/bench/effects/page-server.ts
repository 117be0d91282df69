/**
 * Builds the effects bench page (index.html + page.ts, importing the product's effect code) with
 * Vite and serves it from the harness's static server inside the namespace, together with the
 * MediaPipe files of the app's own build (dist/renderer/mediapipe), so the page and the app load
 * the very same model and WASM from the same origin.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MEDIAPIPE_FILES } from '../../../renderer/media/effects/assets';
import type { NetNamespace } from '../../harness/netns';
import { ensureBuilt, REPO_ROOT, startStaticServer, type NsProcess } from '../../harness/server';

const OUT_DIR = join(REPO_ROOT, '.tmp', 'bench-effects');
const MEDIAPIPE_DIR = join(REPO_ROOT, 'dist', 'renderer', 'mediapipe');

/** Builds the app (if stale) and the bench page, then serves both; the page is at `${url}/index.html`. */
export function startBenchPage(ns: NetNamespace): Promise<NsProcess> {
  ensureBuilt();
  // Vite's CLI with this folder as root: it finds no config there, so the app's config (and its
  // plugins) stay out of the bench page's build.
  execFileSync(join(REPO_ROOT, 'node_modules', '.bin', 'vite'), ['build', __dirname, '--outDir', OUT_DIR, '--emptyOutDir', '--base', '/', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 120_000,
  });
  const mounts: Record<string, string> = {};
  for (const f of MEDIAPIPE_FILES) {
    const file = join(MEDIAPIPE_DIR, f);
    if (!existsSync(file)) throw new Error(`the app build lacks ${file}: the bench needs the bundled model`);
    mounts[`/mediapipe/${f}`] = file;
  }
  return startStaticServer(ns, OUT_DIR, mounts);
}
