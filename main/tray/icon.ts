/**
 * Tray icons, embedded so the packaged app needs no extra file outside app.asar.
 * Windows and Linux: a coloured 32×32 PNG, made with the app icon in build/.
 */
export const TRAY_ICON_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAcklEQVR42u3XywkAIQwE0HS2PVm5Haw3QRF/OGaQCXjOQ6MyZlV9If7IZb1CN+8ibjVvIm43LxBezTNCAAFoAbtFBxjBoICZnYEBZo8GAliZjeOA1eF8D+B+BBRDSHENKR4i/YYCCECfDXiiGUU49YrnCW0iMmbwer0gAAAAAElFTkSuQmCC';

/**
 * macOS: a template image (black and alpha; the menu bar tints it for light and dark mode) at
 * 16×16 points, with the @2x bitmap for Retina. Same bytes as build/trayTemplate.png and
 * build/trayTemplate@2x.png, drawn by build/tray-icons.mjs.
 */
export const MAC_TRAY_TEMPLATE_PNG_BASE64 = {
  x1: 'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAPUlEQVR42mNgGAUw8J8I3ICkXoCBgWE+uQYYMDAwnIeKkWxAAgMDw3skMZINQBejvwEUe4HiQMQZjSMZAAC+AF+liB8lkgAAAABJRU5ErkJggg==',
  x2: 'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAaElEQVR42mNgGAWjYBSMAgT4T0WMDwgwMDDMHygHGDAwMJzHpYbWDkhgYGB4j08NrRwAC3KCjqSFA5CDnO4OQA9yujuA5HQy6oBh54ABT4QDng0HRUE0KIriQVMZEayOR8EoGAUjEwAAS55+kLW8F/0AAAAASUVORK5CYII=',
} as const;
