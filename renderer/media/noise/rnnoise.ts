/**
 * One RNNoise denoiser over the wasm module of @jitsi/rnnoise-wasm (its `rnnoise-sync.js` build,
 * the wasm inlined, so an AudioWorklet can start it without fetching). Used by the worklet and by
 * the bench, so both run the same code.
 */

/** What we use of the emscripten module. */
export interface RnnoiseModule {
  HEAPF32: Float32Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _rnnoise_create(model: number): number;
  _rnnoise_destroy(state: number): void;
  /** Denoises 480 samples at `input` into `output` (int16 scale); returns the voice probability. */
  _rnnoise_process_frame(state: number, output: number, input: number): number;
}

/** RNNoise's frame: 10 ms at 48 kHz. */
export const RNNOISE_FRAME = 480;
/** RNNoise works on int16-scaled floats; Web Audio on -1..1. */
const SCALE = 32768;

export class Denoiser {
  private state: number;
  private readonly ptr: number;

  constructor(private readonly mod: RnnoiseModule) {
    this.state = mod._rnnoise_create(0);
    this.ptr = mod._malloc(RNNOISE_FRAME * 4);
  }

  /** Denoises one frame of -1..1 samples in place; returns the voice probability (0..1). */
  process(frame: Float32Array): number {
    // Read HEAPF32 each time: a memory growth replaces the view.
    const heap = this.mod.HEAPF32;
    const base = this.ptr >> 2;
    for (let i = 0; i < RNNOISE_FRAME; i++) heap[base + i] = frame[i] * SCALE;
    const vad = this.mod._rnnoise_process_frame(this.state, this.ptr, this.ptr);
    const out = this.mod.HEAPF32;
    for (let i = 0; i < RNNOISE_FRAME; i++) frame[i] = out[base + i] / SCALE;
    return vad;
  }

  /** Frees the wasm state. Idempotent. */
  destroy(): void {
    if (!this.state) return;
    this.mod._rnnoise_destroy(this.state);
    this.mod._free(this.ptr);
    this.state = 0;
  }
}
