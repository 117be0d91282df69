/**
 * The recording section's peer baseline: a compositor in a browser, as Jibri and LiveKit's
 * room-composite egress run one. One headless Chromium plays the same converted tracks as the
 * product's composer gets (the bench's .webm and .opus files), draws the cameras into the same
 * 1280x720 grid on a canvas at 25 fps, mixes the voices with Web Audio, and records canvas and mix
 * with MediaRecorder (VP8 + Opus, the browser's own encoders): in real time, as such a compositor
 * must. Those products grab a virtual screen with ffmpeg instead, which a headless browser has not;
 * their rendering and encoding work is the same kind. Figure: CPU time of the browser's processes
 * during the recording (/proc), per recorded minute.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../harness/browser';
import { treeCpuMs } from '../signaling/proc-stats';

const ORIGIN = 'http://compositor.test';
/** The page's side, plain JavaScript (a bundler's helpers would not exist in the page). */
const PAGE_SCRIPT = readFileSync(join(__dirname, 'compositor-page.js'), 'utf8');

export interface BrowserComposition {
  /** CPU time of every browser process over the recording, s. */
  cpuS: number;
  wallS: number;
  bytes: number;
}

/** `n` tiles of the tracks in `dir` (p0.webm, p0.opus, ...) composed in Chromium for `seconds`. */
export async function browserCompose(dir: string, n: number, seconds: number, size: { width: number; height: number; fps: number }): Promise<BrowserComposition> {
  const browser = await chromium.launch({ executablePath: process.env.CONFER_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>compositor</title>' });
      if (!/^p\d+\.(webm|opus)$/.test(name)) return route.fulfill({ status: 404 });
      return route.fulfill({ contentType: name.endsWith('webm') ? 'video/webm' : 'audio/ogg', body: readFileSync(join(dir, name)) });
    });
    await page.goto(`${ORIGIN}/`);
    const cpu0 = treeCpuMs(process.pid);
    const t0 = performance.now();
    const bytes = (await page.evaluate(`${PAGE_SCRIPT}\nwindow.composeInPage(${JSON.stringify([n, seconds, size.width, size.height, size.fps])})`)) as number;
    const wallS = (performance.now() - t0) / 1000;
    const cpuS = (treeCpuMs(process.pid) - cpu0) / 1000;
    if (bytes === 0) throw new Error('the browser compositor recorded nothing');
    return { cpuS, wallS, bytes };
  } finally {
    await browser.close();
  }
}
