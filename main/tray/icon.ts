/**
 * The tray icon (32×32 PNG, generated with the app icon in build/), embedded so the packaged app
 * needs no extra file outside app.asar.
 */
export const TRAY_ICON_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAcklEQVR42u3XywkAIQwE0HS2PVm5Haw3QRF/OGaQCXjOQ6MyZlV9If7IZb1CN+8ibjVvIm43LxBezTNCAAFoAbtFBxjBoICZnYEBZo8GAliZjeOA1eF8D+B+BBRDSHENKR4i/YYCCECfDXiiGUU49YrnCW0iMmbwer0gAAAAAElFTkSuQmCC';
