import { EffectError } from './errors';
import { checkImageFile, checkImageSize, MAX_IMAGE_BYTES, storedSize } from './image-input';

const code = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof EffectError ? e.code : 'other';
  }
};

describe('user background images', () => {
  it('refuses files that are not images and files over 8 MB', () => {
    expect(code(() => checkImageFile({ type: 'application/pdf', size: 10 }))).toBe('IMAGE_NOT_IMAGE');
    expect(code(() => checkImageFile({ type: '', size: 10 }))).toBe('IMAGE_NOT_IMAGE');
    expect(code(() => checkImageFile({ type: 'image/svg+xml', size: 10 }))).toBe('IMAGE_NOT_IMAGE');
    expect(code(() => checkImageFile({ type: 'image/png', size: MAX_IMAGE_BYTES + 1 }))).toBe('IMAGE_TOO_LARGE');
    expect(code(() => checkImageFile({ type: 'image/jpeg', size: MAX_IMAGE_BYTES }))).toBeNull();
  });

  it('refuses images over 4096 px on a side', () => {
    expect(code(() => checkImageSize(4097, 100))).toBe('IMAGE_TOO_LARGE');
    expect(code(() => checkImageSize(4096, 4096))).toBeNull();
    expect(code(() => checkImageSize(0, 10))).toBe('IMAGE_DECODE');
  });

  it('stores at most 1280x720, keeping the aspect and never enlarging', () => {
    expect(storedSize(4000, 3000)).toEqual({ width: 960, height: 720 });
    expect(storedSize(3840, 1080)).toEqual({ width: 1280, height: 360 });
    expect(storedSize(300, 200)).toEqual({ width: 300, height: 200 });
  });
});
