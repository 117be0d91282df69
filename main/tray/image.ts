/**
 * The tray icon as a NativeImage for the platform: on macOS a 16-point template image with its
 * @2x representation (a coloured 32-pixel icon at 1x shows blurred and ignores dark mode);
 * elsewhere the coloured icon.
 */
import { MAC_TRAY_TEMPLATE_PNG_BASE64, TRAY_ICON_PNG_BASE64 } from './icon';

/** The parts of a NativeImage used here. */
export interface TrayImageLike {
  addRepresentation(options: { scaleFactor: number; dataURL: string }): void;
  setTemplateImage(option: boolean): void;
}

/** Electron's nativeImage module, narrowed. */
export interface NativeImageFactory<I extends TrayImageLike> {
  createEmpty(): I;
  createFromDataURL(dataURL: string): I;
}

const png = (base64: string) => `data:image/png;base64,${base64}`;

/** Builds the tray image for `platform`. */
export function createTrayImage<I extends TrayImageLike>(factory: NativeImageFactory<I>, platform: string): I {
  if (platform !== 'darwin') return factory.createFromDataURL(png(TRAY_ICON_PNG_BASE64));
  const image = factory.createEmpty();
  image.addRepresentation({ scaleFactor: 1, dataURL: png(MAC_TRAY_TEMPLATE_PNG_BASE64.x1) });
  image.addRepresentation({ scaleFactor: 2, dataURL: png(MAC_TRAY_TEMPLATE_PNG_BASE64.x2) });
  image.setTemplateImage(true);
  return image;
}
