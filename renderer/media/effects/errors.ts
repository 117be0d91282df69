/** Background-effect failures, with codes a user-facing message is chosen from. */
import { text } from '../../i18n/text';

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

/** The user-facing text for anything thrown by the effects code (one sentence per code; the message may add detail for logs). */
export function effectErrorText(err: unknown): string {
  if (err instanceof EffectError) return text(`effects.error.${err.code}`);
  return text('effects.error.unexpected');
}
