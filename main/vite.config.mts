/**
 * Bundles the Electron side into dist/main: `index.js` (main process, with electron-updater and
 * zod inlined, so the installer ships no node_modules) and `preload.js` (one self-contained file:
 * a sandboxed preload can require nothing but 'electron'). Two builds, chosen by --mode, so the
 * preload never shares a chunk with the main process.
 *   vite build -c main/vite.config.mts --mode main
 *   vite build -c main/vite.config.mts --mode preload
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  return {
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: 'dist/main',
      // The main build runs first and clears the folder; the preload build adds its file.
      emptyOutDir: !preload,
      target: 'node20',
      sourcemap: true,
      minify: false,
      rolldownOptions: {
        input: preload ? { preload: 'main/preload.ts' } : { index: 'main/index.ts' },
        external: ['electron', /^node:/, ...builtinModules],
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
    // Inline every npm dependency (ssr builds externalise them by default).
    ssr: { noExternal: true, target: 'node' },
  };
});
