// Every icon of the app, drawn from build/icon.svg, its one source: the desktop files (written by
// build/icons.mjs) and the browser app's favicon, touch icon and manifest icons (emitted by the
// renderer build, scripts/vite-app-icons.mts).
import { readFileSync } from 'node:fs';
import { encodeIco, encodePng } from './png.mjs';
import { parseSvg, rasterize } from './svg-raster.mjs';

export const ICON_SVG_PATH = new URL('./icon.svg', import.meta.url);

/** build/icon.svg, parsed. */
export const loadIcon = () => parseSvg(readFileSync(ICON_SVG_PATH, 'utf8'));

/** The icon as a PNG of `size` x `size`. */
export const iconPng = (icon, size) => encodePng(size, rasterize(icon, size));

/**
 * The macOS menu bar template: the icon's white glyph in black on transparent (macOS tints it for
 * light and dark menu bars), cropped to the glyph so it fills the 16-point slot.
 */
export const trayTemplatePng = (icon, size) =>
  encodePng(size, rasterize(icon, size, { viewBox: [96, 96, 320, 320], paint: (rgb) => (rgb.every((v) => v === 255) ? [0, 0, 0] : null) }));

/** favicon.ico: 16, 32 and 48 px PNGs in one file, for clients that ask for /favicon.ico by name. */
export const faviconIco = (icon) => encodeIco([16, 32, 48].map((size) => [size, iconPng(icon, size)]));

/**
 * The desktop app's files in build/, kept in git because electron-builder.yml names them and
 * main/tray/icon.ts embeds the tray ones (a unit test compares).
 */
export const DESKTOP_FILES = {
  'icon.png': (icon) => iconPng(icon, 512), // installers (Windows, macOS, Linux)
  'trayIcon.png': (icon) => iconPng(icon, 32), // Windows and Linux tray
  'trayTemplate.png': (icon) => trayTemplatePng(icon, 16), // macOS menu bar
  'trayTemplate@2x.png': (icon) => trayTemplatePng(icon, 32),
};
