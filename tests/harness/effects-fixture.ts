/**
 * Test inputs for background effects: the drawn person fixture as a fake-camera Y4M file with its
 * ground truth (which pixels are wall, which are person), solid-colour PNGs, and pixel grabs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { chromium, type Locator, type Page } from 'playwright-core';

export const FIXTURE_PNG = join(__dirname, '..', 'fixtures', 'person-640x360.png');
/** The two exact wall colours of the fixture (scripts/make-effect-images.mjs). */
const WALL = [[0x3d, 0x8f, 0x7c], [0x8f, 0xd0, 0xbd]];
/** Grabs are compared at this size: 1 grab pixel = 4x4 fixture pixels. */
export const GRAB_W = 160;
export const GRAB_H = 90;

/** Per grab pixel: 'bg' (all wall), 'person' (no wall) or null (an edge: not judged). */
export type Truth = ('bg' | 'person' | null)[];

/** Decodes the fixture (in a plain local Chromium), writes it as a 2-second Y4M, returns its ground truth. */
export async function prepareFixture(outDir: string): Promise<{ y4m: string; truth: Truth }> {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CONFER_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const dataUrl = `data:image/png;base64,${readFileSync(FIXTURE_PNG).toString('base64')}`;
  const rgba: number[] = await page.evaluate(async (src) => {
    const im = new Image();
    im.src = src;
    await im.decode();
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 360;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(im, 0, 0);
    return Array.from(ctx.getImageData(0, 0, 640, 360).data);
  }, dataUrl);
  await browser.close();
  const w = 640;
  const h = 360;
  const isWall = (i: number) => WALL.some((c) => Math.abs(rgba[i] - c[0]) < 3 && Math.abs(rgba[i + 1] - c[1]) < 3 && Math.abs(rgba[i + 2] - c[2]) < 3);
  const truth: Truth = [];
  for (let gy = 0; gy < GRAB_H; gy++) {
    for (let gx = 0; gx < GRAB_W; gx++) {
      let walls = 0;
      for (let y = gy * 4; y < gy * 4 + 4; y++) for (let x = gx * 4; x < gx * 4 + 4; x++) walls += isWall((y * w + x) * 4) ? 1 : 0;
      truth.push(walls === 16 ? 'bg' : walls === 0 ? 'person' : null);
    }
  }
  // I420 (BT.601 limited range); 48 identical frames at 24 fps, which Chromium's file capture loops. Not at
  // TEST_CAMERA_FPS: the effect's timing (its settling, the 300 ms gap bound in effects.e2e) is made for
  // the app's 24 fps, and at 8 fps both failed in a CI-style run.
  const Y = Buffer.alloc(w * h);
  const U = Buffer.alloc((w * h) / 4);
  const V = Buffer.alloc((w * h) / 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const [r, g, b] = [rgba[i], rgba[i + 1], rgba[i + 2]];
      Y[y * w + x] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
      if (y % 2 === 0 && x % 2 === 0) {
        const j = (y / 2) * (w / 2) + x / 2;
        U[j] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
        V[j] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
      }
    }
  }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), Y, U, V]);
  const y4m = join(outDir, 'person-640x360.y4m');
  writeFileSync(y4m, Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F24:1 Ip A1:1 C420jpeg\n`), ...Array(48).fill(frame)]));
  return { y4m, truth };
}

/** A solid-colour PNG (for "own image" uploads). */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())]);
  const idat = deflateSync(Buffer.concat(Array(height).fill(row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** The current picture of a <video>, scaled to GRAB_W x GRAB_H, as RGBA. */
export function grab(video: Locator): Promise<number[]> {
  return video.evaluate(
    (v: HTMLVideoElement, [w, h]) => {
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(v, 0, 0, w, h);
      return Array.from(ctx.getImageData(0, 0, w, h).data);
    },
    [GRAB_W, GRAB_H] as const,
  );
}

/** Fraction of pixels of a truth class for which `test(r, g, b)` holds. */
export function fraction(px: number[], truth: Truth, cls: 'bg' | 'person', test: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  let hit = 0;
  truth.forEach((t, i) => {
    if (t !== cls) return;
    n++;
    if (test(px[i * 4], px[i * 4 + 1], px[i * 4 + 2])) hit++;
  });
  return n ? hit / n : NaN;
}

/** Standard deviation of luma over the pixels of a class (the striped wall has a lot; blurred, little). */
export function lumaSpread(px: number[], truth: Truth, cls: 'bg' | 'person'): number {
  const l: number[] = [];
  truth.forEach((t, i) => t === cls && l.push(0.299 * px[i * 4] + 0.587 * px[i * 4 + 1] + 0.114 * px[i * 4 + 2]));
  const mean = l.reduce((a, b) => a + b, 0) / l.length;
  return Math.sqrt(l.reduce((a, b) => a + (b - mean) ** 2, 0) / l.length);
}

/** Picks an effect in the open effects picker and waits until it runs (its key shows, not busy). */
export async function choose(page: Page, label: string, expectKey: string): Promise<void> {
  await page.getByRole('radio', { name: label, exact: true }).first().check();
  await settled(page, expectKey);
}

/** Waits until the picker shows effect `key` applied (not busy). */
export async function settled(page: Page, key: string, timeoutMs = 30_000): Promise<void> {
  await page.locator(`[data-testid="effects-picker"][data-effect="${key}"][aria-busy="false"]`).first().waitFor({ timeout: timeoutMs });
}
