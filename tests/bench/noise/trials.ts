/**
 * The noise bench's two measurements, in Node on the same wasm module the AudioWorklet runs
 * (@jitsi/rnnoise-wasm's sync build): CPU per second of audio for bare RNNoise inference and for
 * the product's path (128-sample quanta → Reframer → Denoiser), and the delay input → output.
 */
import createRNNWasmModuleSync from '@jitsi/rnnoise-wasm/dist/rnnoise-sync.js';
import { Reframer } from '../../../renderer/media/noise/reframer';
import { Denoiser, RNNOISE_FRAME, type RnnoiseModule } from '../../../renderer/media/noise/rnnoise';

export const RATE = 48_000;
const QUANTUM = 128;

/** CPU (user + system) ms spent in `fn`. */
function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

/** Bare inference: each frame, already int16-scaled, copied into wasm memory and denoised in place. */
export function bareTrial(mod: RnnoiseModule, audio: Float32Array): number {
  const scaled = audio.map((v) => v * 32768);
  const state = mod._rnnoise_create(0);
  const ptr = mod._malloc(RNNOISE_FRAME * 4);
  const ms = cpuMs(() => {
    for (let at = 0; at + RNNOISE_FRAME <= scaled.length; at += RNNOISE_FRAME) {
      mod.HEAPF32.set(scaled.subarray(at, at + RNNOISE_FRAME), ptr >> 2);
      mod._rnnoise_process_frame(state, ptr, ptr);
    }
  });
  mod._free(ptr);
  mod._rnnoise_destroy(state);
  return ms;
}

/** Bare RNNoise's output on `audio` (frame by frame, no framing code): the reference the product's delay is measured against. */
export function bareOutput(mod: RnnoiseModule, audio: Float32Array): Float32Array {
  const state = mod._rnnoise_create(0);
  const ptr = mod._malloc(RNNOISE_FRAME * 4);
  const base = ptr >> 2;
  const out = new Float32Array(audio.length);
  for (let at = 0; at + RNNOISE_FRAME <= audio.length; at += RNNOISE_FRAME) {
    for (let i = 0; i < RNNOISE_FRAME; i++) mod.HEAPF32[base + i] = audio[at + i] * 32768;
    mod._rnnoise_process_frame(state, ptr, ptr);
    for (let i = 0; i < RNNOISE_FRAME; i++) out[at + i] = mod.HEAPF32[base + i] / 32768;
  }
  mod._free(ptr);
  mod._rnnoise_destroy(state);
  return out;
}

/** The product's path as the worklet runs it; returns its CPU ms and its output. */
export function productTrial(mod: RnnoiseModule, audio: Float32Array): { ms: number; output: Float32Array } {
  const denoiser = new Denoiser(mod);
  const reframer = new Reframer(RNNOISE_FRAME, (f) => denoiser.process(f), QUANTUM);
  const output = new Float32Array(audio.length);
  const ms = cpuMs(() => {
    for (let at = 0; at + QUANTUM <= audio.length; at += QUANTUM) reframer.push(audio.subarray(at, at + QUANTUM), output.subarray(at, at + QUANTUM));
  });
  denoiser.destroy();
  return { ms, output };
}

/** The lag (samples, 0..maxLag) at which `output` best matches `input`, by normalised cross-correlation over [from, to). */
export function bestLag(input: Float32Array, output: Float32Array, from: number, to: number, maxLag: number): { lag: number; correlation: number } {
  let best = { lag: 0, correlation: -Infinity };
  let ii = 0;
  for (let i = from; i < to; i++) ii += input[i] * input[i];
  for (let lag = 0; lag <= maxLag; lag++) {
    let io = 0;
    let oo = 0;
    for (let i = from; i < to; i++) {
      const o = output[i + lag];
      io += input[i] * o;
      oo += o * o;
    }
    const c = io / Math.sqrt(ii * oo || 1);
    if (c > best.correlation) best = { lag, correlation: c };
  }
  return best;
}

export function loadRnnoise(): RnnoiseModule {
  return createRNNWasmModuleSync();
}
