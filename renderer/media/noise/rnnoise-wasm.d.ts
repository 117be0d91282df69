/** @jitsi/rnnoise-wasm ships no types: its synchronous build (wasm inlined), as used here. */
declare module '@jitsi/rnnoise-wasm/dist/rnnoise-sync.js' {
  import type { RnnoiseModule } from './rnnoise';
  const createRNNWasmModuleSync: () => RnnoiseModule;
  export default createRNNWasmModuleSync;
}
