// Writes the desktop app's icon files in build/ from build/icon.svg (see app-icon.mjs for what each
// is). `npm run dist` runs it before electron-builder; `--check` only compares and exits 1 when a
// file in build/ is not what icon.svg gives (a unit test runs that, so a changed icon.svg without
// its files fails the tests).
// Run: node build/icons.mjs [--check]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DESKTOP_FILES, loadIcon } from './app-icon.mjs';

const check = process.argv.includes('--check');
const icon = loadIcon();
let stale = 0;
for (const [name, make] of Object.entries(DESKTOP_FILES)) {
  const file = new URL(name, import.meta.url);
  const bytes = make(icon);
  if (existsSync(file) && readFileSync(file).equals(bytes)) continue;
  if (check) {
    console.error(`build/${name} is not what build/icon.svg gives: run node build/icons.mjs`);
    stale++;
  } else {
    writeFileSync(file, bytes);
    console.info(`build/${name}: ${bytes.length} bytes`);
  }
}
process.exitCode = stale ? 1 : 0;
