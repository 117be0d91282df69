/**
 * Checks a user's own background picture and shrinks it for use and for storage. Bad input
 * (not an image, too big, undecodable) is refused with an EffectError, so the caller can keep
 * the current effect and say why.
 */
import { EffectError } from './errors';

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 4096;
/** Backgrounds are shown behind a 640x360 (at most 1280x720) camera: more pixels are wasted. */
const STORE_WIDTH = 1280;
const STORE_HEIGHT = 720;

/** What is known about a file before decoding it; pure so unit tests can cover the rules. */
export function checkImageFile(file: { type: string; size: number }): void {
  if (!/^image\/(jpeg|png|webp|gif|bmp|avif)$/.test(file.type)) throw new EffectError('IMAGE_NOT_IMAGE', `type ${file.type || 'unknown'}`);
  if (file.size > MAX_IMAGE_BYTES) throw new EffectError('IMAGE_TOO_LARGE', `${file.size} bytes`);
}

/** Checks decoded dimensions. */
export function checkImageSize(width: number, height: number): void {
  if (width < 1 || height < 1) throw new EffectError('IMAGE_DECODE', 'empty image');
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) throw new EffectError('IMAGE_TOO_LARGE', `${width}x${height}`);
}

/** The size to store an image at: fits within 1280x720 keeping the aspect, never enlarged. */
export function storedSize(width: number, height: number): { width: number; height: number } {
  const k = Math.min(1, STORE_WIDTH / width, STORE_HEIGHT / height, 1);
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** Validates, decodes and shrinks a picked file; resolves to a JPEG data: URL. */
export async function prepareUserImage(file: File): Promise<string> {
  checkImageFile(file);
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new EffectError('IMAGE_DECODE', 'createImageBitmap failed');
  });
  try {
    checkImageSize(bitmap.width, bitmap.height);
    const { width, height } = storedSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new EffectError('IMAGE_DECODE', 'no 2D canvas');
    ctx.drawImage(bitmap, 0, 0, width, height);
    return canvas.toDataURL('image/jpeg', 0.85);
  } finally {
    bitmap.close();
  }
}
