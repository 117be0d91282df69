import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** The renderer: built to dist/renderer and served by the signaling server (or loaded by Electron). */
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [svelte()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true } } },
});
