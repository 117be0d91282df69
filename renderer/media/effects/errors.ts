/** Background-effect failures, with codes a user-facing message is chosen from. */

export type EffectErrorCode =
  /** The segmentation model or its WASM runtime could not be loaded from the app bundle. */
  | 'MODEL_MISSING'
  /** The browser lacks WebGL2 (or another piece the pipeline needs). */
  | 'UNSUPPORTED'
  /** A chosen background is not an image file. */
  | 'IMAGE_NOT_IMAGE'
  /** A chosen background is over the size or dimension limit. */
  | 'IMAGE_TOO_LARGE'
  /** A chosen background could not be decoded. */
  | 'IMAGE_DECODE';

export class EffectError extends Error {
  constructor(
    readonly code: EffectErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EffectError';
  }
}

/** The sentence shown to the user for each code (the message may add detail for logs). */
export const EFFECT_ERROR_TEXT: Record<EffectErrorCode, string> = {
  MODEL_MISSING: 'Background effects could not start: the segmentation model failed to load. Effects are off.',
  UNSUPPORTED: 'Background effects need WebGL2, which this browser does not provide. Effects are off.',
  IMAGE_NOT_IMAGE: 'That file is not an image. Choose a JPEG, PNG or WebP picture.',
  IMAGE_TOO_LARGE: 'That image is too large. Choose one under 8 MB and at most 4096 pixels wide and high.',
  IMAGE_DECODE: 'That image could not be read. It may be damaged; try another one.',
};

/** The user-facing text for anything thrown by the effects code. */
export function effectErrorText(err: unknown): string {
  if (err instanceof EffectError) return EFFECT_ERROR_TEXT[err.code];
  return 'Background effects stopped because of an unexpected error. Effects are off.';
}
