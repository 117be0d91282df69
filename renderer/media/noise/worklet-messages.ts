/** What the RNNoise worklet (rnnoise-processor.ts) and the page say to each other. */
import type { LoadReport } from './load';

export const PROCESSOR_NAME = 'confer-rnnoise';

export type WorkletMessage =
  /** RNNoise runs; `delaySamples` is the framing delay the worklet adds. */
  | { type: 'ready'; sampleRate: number; delaySamples: number }
  /** About a second of audio processed. */
  | ({ type: 'load' } & LoadReport);

/** Page to worklet: free RNNoise and end the processor. */
export const STOP_MESSAGE = 'stop';
