/**
 * The AudioWorklet that runs RNNoise on the audio thread: microphone in, denoised mono out, through
 * the Reframer (128-sample quanta to 480-sample frames, 9.3 ms). Built as its own module by Vite
 * (`?worker&url`, see worklet-graph.ts) and served from the app's bundle; the wasm is inlined in
 * it and compiled synchronously, which CSP allows with 'wasm-unsafe-eval'.
 *
 * Messages out: {type: 'ready'} once RNNoise runs, {type: 'load', ...LoadReport} about every second.
 * Message in: 'stop' frees RNNoise and ends the processor.
 */
import createRNNWasmModuleSync from '@jitsi/rnnoise-wasm/dist/rnnoise-sync.js';
import { Reframer } from './reframer';
import { Denoiser, RNNOISE_FRAME } from './rnnoise';
import { PROCESSOR_NAME, STOP_MESSAGE, type WorkletMessage } from './worklet-messages';

// The AudioWorkletGlobalScope is not in TypeScript's DOM lib.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, ctor: new () => AudioWorkletProcessor): void;

/** Chromium has no `performance` in worklets; Date.now() averaged over a second is fine for load. */
const clock: () => number = typeof performance === 'undefined' ? () => Date.now() : () => performance.now();

const REPORT_EVERY_SAMPLES = 48_000;

class RnnoiseProcessor extends AudioWorkletProcessor {
  private readonly denoiser = new Denoiser(createRNNWasmModuleSync());
  private readonly reframer: Reframer;
  private silence = new Float32Array(128);
  private alive = true;
  private busyMs = 0;
  private samples = 0;
  private windowStart = clock();

  constructor() {
    super();
    this.reframer = new Reframer(RNNOISE_FRAME, (frame) => {
      const t0 = clock();
      this.denoiser.process(frame);
      this.busyMs += clock() - t0;
    });
    this.port.onmessage = (e: MessageEvent) => {
      if (e.data !== STOP_MESSAGE) return;
      this.alive = false;
      this.denoiser.destroy();
    };
    this.post({ type: 'ready', sampleRate, delaySamples: this.reframer.delay });
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    if (!this.alive) return false;
    const output = outputs[0][0];
    let input = inputs[0]?.[0];
    if (!input) {
      if (this.silence.length !== output.length) this.silence = new Float32Array(output.length);
      input = this.silence;
    }
    this.reframer.push(input, output);
    this.samples += output.length;
    if (this.samples >= REPORT_EVERY_SAMPLES) this.report();
    return true;
  }

  private post(m: WorkletMessage): void {
    this.port.postMessage(m);
  }

  private report(): void {
    const now = clock();
    this.post({ type: 'load', busyMs: this.busyMs, audioMs: (this.samples / sampleRate) * 1000, wallMs: now - this.windowStart });
    this.busyMs = 0;
    this.samples = 0;
    this.windowStart = now;
  }
}

registerProcessor(PROCESSOR_NAME, RnnoiseProcessor);
