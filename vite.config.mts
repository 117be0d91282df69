import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mediapipeAssets } from './scripts/vite-mediapipe-assets.mts'; // background effects: model + WASM from the bundle
import { appIcons } from './scripts/vite-app-icons.mts'; // favicon, manifest and icons, drawn from build/icon.svg

/** The renderer: built to dist/renderer and served by the signaling server (or loaded by Electron). */
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [svelte(), mediapipeAssets(), appIcons()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  // The RNNoise AudioWorklet (renderer/media/noise) is built as a module: a worklet scope has no `self`, which classic worker bundles read.
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true } } },
});
