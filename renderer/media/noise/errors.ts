/** Why noise suppression could not start; the UI picks its sentence by code. */
export type NoiseErrorCode =
  /** The browser has no AudioWorklet (or Web Audio). */
  | 'UNSUPPORTED'
  /** The RNNoise worklet did not load or start. */
  | 'LOAD_FAILED';

export class NoiseError extends Error {
  constructor(
    readonly code: NoiseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NoiseError';
  }
}
