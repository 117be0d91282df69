/**
 * Tray icons, embedded so the packaged app needs no extra file outside app.asar. All are drawn
 * from build/icon.svg by build/icons.mjs; a unit test checks these bytes against build/.
 * Windows and Linux: the coloured icon at 32×32 (build/trayIcon.png).
 */
export const TRAY_ICON_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAA1UlEQVR42mNgQAL2RR8E7Is+NNgXfThvX/ThP5XxeajZAgzYgH3RhwD7og/vaWAxOgbZEYDN8v90xgHIwf5+ABzwHhwd0Hj5P0C4gYFGCY7ohMkwgJaD8agDBq8DvKs//t9+6uf/83d+E4UPX/71P7nnM/UcMH/nj/+kApBD0M0BOWryhu+kOwBkGDkA3fLP3/6BPUN3B7Qv/wYXo7sDkC2nuwNACRcdjCwHDHgUDIpESJVsOOAF0YAXxaO14YhywIA3Sge8WT6wHZMB75oNis7pQHbPASs9J2DAbctyAAAAAElFTkSuQmCC';

/**
 * macOS: a template image (black and alpha; the menu bar tints it for light and dark mode) at
 * 16×16 points, with the @2x bitmap for Retina: the icon's white glyph in black. Same bytes as
 * build/trayTemplate.png and build/trayTemplate@2x.png.
 */
export const MAC_TRAY_TEMPLATE_PNG_BASE64 = {
  x1: 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAS0lEQVR42mNgGBZAAEg0EIEDcBmwnoGB4T+RGBkoMDAw9IMY+8kwwICBgeE9VC/JBjhANf8nx4AEND79DaDYC1gDkeJopDghDXEAAIsBcnXdYeO4AAAAAElFTkSuQmCC',
  x2: 'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAkElEQVR42mNgGAWjYBQggAADA4MDFTBZIIGBgeE/lfB7EhwC8jSDAhUtR3YEMZ5uADEKaOCA/wRCoQGqpgGZQy8HzEdSQ1cHgOJ7PZoaujkAZPl5LGro4gADHJbTxQEG0BzxfyAcUEPA8uHvgAGPgkGRCAdFNhwUBRHeonjAK6MBr44HvEEyKJpko2AUjFwAAOmD1Y5shMqNAAAAAElFTkSuQmCC',
} as const;
