/**
 * Where the MediaPipe runtime files come from. They are served from the app bundle
 * (scripts/vite-mediapipe-assets.mts copies them out of node_modules at build time), never a
 * CDN: the CSP is `default-src 'self'`, calls must work offline and on locked-down networks,
 * and a model fetched from a third party at run time could change under us.
 */

/** Absolute like the rest of the bundle (Vite `base: '/'`): `/room/<name>` must not shift it. */
export const MEDIAPIPE_BASE = '/mediapipe/';

/** The loader script (a classic script that defines `window.SelfieSegmentation`). */
export const MEDIAPIPE_LOADER = 'selfie_segmentation.js';

/** The landscape model (256x144 input) is the one used; its presence is checked before start. */
export const LANDSCAPE_MODEL = 'selfie_segmentation_landscape.tflite';

/** Every file the runtime may request; the build copies exactly these. */
export const MEDIAPIPE_FILES = [
  MEDIAPIPE_LOADER,
  'selfie_segmentation.binarypb',
  'selfie_segmentation.tflite',
  LANDSCAPE_MODEL,
  'selfie_segmentation_solution_simd_wasm_bin.js',
  'selfie_segmentation_solution_simd_wasm_bin.wasm',
  'selfie_segmentation_solution_simd_wasm_bin.data',
  'selfie_segmentation_solution_wasm_bin.js',
  'selfie_segmentation_solution_wasm_bin.wasm',
] as const;

/** The URL of one runtime file (MediaPipe's `locateFile`). */
export function mediapipeUrl(file: string, base: string = MEDIAPIPE_BASE): string {
  return base + file;
}
