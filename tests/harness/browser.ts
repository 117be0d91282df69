/**
 * Debian Chromium inside a test namespace, driven by playwright-core. One browser process per
 * test file; one context per participant (separate storage, cheaper than a browser each).
 */
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { NetNamespace } from './netns';
import { logDirFile } from './log-dir';

export const PROBES_SCRIPT = join(__dirname, 'page-probes.js');
/** Decoded-frame timing off the main thread (decode-probes.js); needs the CSP bypassed. */
export const DECODE_PROBES_SCRIPT = join(__dirname, 'decode-probes.js');
const WRAPPER = join(__dirname, 'chromium-netns.sh');

export const CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
  // Several pages render at once in one headless browser: none of them may be throttled.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/**
 * The fake cameras' frame rate in every test browser, unless a test sets its own. All pages of a
 * test share this machine's 2 cores (each would have its own in a real call), and CI runs on a
 * shared machine with other work: with Chromium 156 a 4-page mesh at 12 fps already took 1.9
 * cores (11 ms per 640x360 VP8 frame, three encoders per page), so a switch starved every page,
 * and media.e2e's 4-page mesh at the app's 24 fps failed in CI. 8 fps cuts the coding
 * work to a third of 24; a frame interval is then 125 ms. What is tested is the product, not a
 * starved machine. The effects fixture (effects-fixture.ts) keeps the app's 24 fps.
 */
export const TEST_CAMERA_FPS = 8;

export interface BrowserOptions {
  /** Frame rate of the fake camera's generated pattern (default TEST_CAMERA_FPS; null: the page's constraints decide, as the benches run it). */
  fakeCameraFps?: number | null;
  /** How many fake cameras and microphones Chromium lists (device-count; default its own: one camera). */
  fakeDeviceCount?: number;
  /** A Y4M file the fake camera plays instead of its generated pattern. */
  fakeCameraFile?: string;
  /** A WAV file the fake microphone plays (in a loop) instead of its beep. */
  fakeMicrophoneFile?: string;
  /** Chromium field trials ("Trial/Group/"), e.g. the desktop app's (main/webrtc/field-trials.ts). */
  fieldTrials?: string;
  /**
   * The browser's preferred languages (e.g. 'de'): `--accept-lang` is what sets navigator.languages
   * in headless Chromium (`--lang` alone left them at en-US); `--lang` is passed too, as a German OS would.
   */
  language?: string;
}

/** Launches Chromium inside the namespace (through chromium-netns.sh). */
export async function launchBrowser(ns: NetNamespace, opts: BrowserOptions = {}): Promise<Browser> {
  // Git may lose the executable bit; the wrapper must be executable for playwright to spawn it.
  if ((statSync(WRAPPER).mode & 0o111) === 0) chmodSync(WRAPPER, 0o755);
  const fps = opts.fakeCameraFps === undefined ? TEST_CAMERA_FPS : opts.fakeCameraFps;
  const fake = [...(fps !== null ? [`fps=${fps}`] : []), ...(opts.fakeDeviceCount ? [`device-count=${opts.fakeDeviceCount}`] : [])].join(',');
  return chromium.launch({
    executablePath: WRAPPER,
    env: { ...process.env, CONFER_NETNS: ns.name },
    args: [
      ...CHROMIUM_ARGS.map((a) => (a === '--use-fake-device-for-media-stream' && fake ? `${a}=${fake}` : a)),
      ...(opts.fakeCameraFile ? [`--use-file-for-fake-video-capture=${opts.fakeCameraFile}`] : []),
      ...(opts.fakeMicrophoneFile ? [`--use-file-for-fake-audio-capture=${opts.fakeMicrophoneFile}`] : []),
      ...(opts.fieldTrials ? [`--force-fieldtrials=${opts.fieldTrials}`] : []),
      ...(opts.language ? [`--lang=${opts.language}`, `--accept-lang=${opts.language}`] : []),
    ],
    headless: true,
    timeout: 30_000,
  });
}

/** A page with the probes installed and its console errors and page errors kept for failure reports. */
export class TestPage {
  readonly errors: string[] = [];
  readonly console: string[] = [];

  constructor(
    readonly label: string,
    readonly context: BrowserContext,
    readonly page: Page,
    /** A browser launched for this page alone: closed with it. */
    private readonly ownBrowser?: Browser,
  ) {
    const file = logDirFile(`page ${label}`, process.pid, (end) => page.on('close', end));
    page.on('console', (msg) => {
      const line = `${new Date().toISOString().slice(11, 23)} [${msg.type()}] ${msg.text()}`;
      file?.write(`${line}\n`);
      this.console.push(line);
      if (this.console.length > 200) this.console.shift();
      if (msg.type() === 'error') this.errors.push(line);
    });
    page.on('pageerror', (err) => this.errors.push(`[pageerror] ${err.message}`));
    page.on('response', (res) => {
      if (res.status() >= 400) this.console.push(`[http ${res.status()}] ${res.request().method()} ${res.url()}`);
    });
    page.on('crash', () => this.errors.push('[crash] the page crashed'));
  }

  /** Console errors and uncaught exceptions seen so far, for assertion messages. */
  diagnostics(): string {
    const http = this.console.filter((l) => l.startsWith('[http '));
    const lines = [...this.errors.slice(-20), ...http.slice(-10)];
    return lines.length ? `${this.label} page errors:\n  ${lines.join('\n  ')}` : `${this.label}: no page errors`;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.ownBrowser?.close().catch(() => undefined);
  }
}

/**
 * A fresh context (own storage, camera and microphone granted) with one page carrying the probes.
 * `decodeProbe`: also time each remote tile's decoded frames in a Worker (decode-probes.js). Its
 * blob: Worker needs the page's CSP bypassed, so only tests that measure frame gaps ask for it.
 */
export async function newTestPage(browser: Browser, label: string, origin?: string, opts: { decodeProbe?: boolean; ownsBrowser?: boolean } = {}): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: { width: 960, height: 600 },
    permissions: ['camera', 'microphone'],
    bypassCSP: opts.decodeProbe === true,
  });
  // Page loads and clicks wait up to 60 s, not Playwright's 30: on this shared 2-core machine a
  // page load took over 30 s while other work ran. A slow load is not what these tests judge.
  context.setDefaultNavigationTimeout(60_000);
  context.setDefaultTimeout(60_000);
  if (origin) await context.grantPermissions(['camera', 'microphone', 'clipboard-read', 'clipboard-write'], { origin });
  await context.addInitScript({ path: PROBES_SCRIPT });
  if (opts.decodeProbe) await context.addInitScript({ path: DECODE_PROBES_SCRIPT });
  const page = await context.newPage();
  return new TestPage(label, context, page, opts.ownsBrowser ? browser : undefined);
}
