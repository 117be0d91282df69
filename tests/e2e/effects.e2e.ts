/**
 * Background effects in real Chromium with the real MediaPipe model. The fake camera plays a drawn
 * person (tests/fixtures/person-640x360.png, striped wall) so what Ben receives from Ada can be
 * judged against ground truth. Headless Chromium renders WebGL in software (SwiftShader) here.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, newTestPage } from '../harness/browser';
import { choose, fraction, grab, lumaSpread, prepareFixture, settled, solidPng, type Truth } from '../harness/effects-fixture';
import { NetNamespace } from '../harness/netns';
import { pageTimeline, remoteTiles, resetGaps, sleep, waitFor, waitForMediaFromAll } from '../harness/probes';
import { acquireRunLock, releaseRunLock } from '../harness/run-lock';
import { REPO_ROOT, startAppServer, type NsProcess } from '../harness/server';
import { CallUser, uniqueRoom } from '../harness/ui';

jest.setTimeout(120_000);

/**
 * Switching the effect on must not freeze Ada's video at Ben: the sender swaps to the processed
 * track only once it flows (EffectPipeline.ready). FREEZE_MS is what this test fails on: a swap
 * before frames flow showed seconds of frozen video. SMOOTH_SWITCH_MS is the speed target (no gap
 * a viewer notices), printed here but not judged: on the shared 2-core CI machine the largest gap
 * across the switch was 183-383 ms in fresh-clone runs with one core busy, and Ben's page alone
 * showed 317-350 ms gaps on the same tile before the effect was on, so the 300 ms bound judged
 * the machine, not the product (CI failed on it twice). Speed targets belong to the bench; its
 * effects section does not measure the switch yet (see docs/bench-results.md's effects rows).
 */
const FREEZE_MS = 1000;
const SMOOTH_SWITCH_MS = 300;

let ns: NetNamespace;
let app: NsProcess;
let browser: Browser;
let truth: Truth;
let ada: CallUser;
let ben: CallUser;
const users: CallUser[] = [];

/** Counts live WebGL contexts, insertable-stream generators and workers, to catch leaks. */
const LEAK_PROBE = `(() => {
  const gl = []; const gens = []; let workers = 0;
  for (const C of [HTMLCanvasElement, typeof OffscreenCanvas === 'undefined' ? null : OffscreenCanvas]) {
    if (!C) continue;
    const orig = C.prototype.getContext;
    C.prototype.getContext = function (type, ...rest) {
      const ctx = orig.call(this, type, ...rest);
      if (ctx && /webgl/.test(type) && !gl.some((r) => r.deref() === ctx)) gl.push(new WeakRef(ctx));
      return ctx;
    };
  }
  if (window.MediaStreamTrackGenerator) {
    const G = window.MediaStreamTrackGenerator;
    window.MediaStreamTrackGenerator = function (init) { const t = new G(init); gens.push(new WeakRef(t)); return t; };
  }
  const W = window.Worker;
  window.Worker = function (...a) { workers++; return new W(...a); };
  window.__leaks = () => { if (window.gc) window.gc();
    return { glCreated: gl.length, glLive: gl.filter((r) => { const c = r.deref(); return c && !c.isContextLost(); }).length,
      gensLive: gens.filter((r) => r.deref()?.readyState === 'live').length, workers }; };
})();`;

async function user(name: string): Promise<CallUser> {
  const tp = await newTestPage(browser, name, app.url);
  await tp.context.addInitScript({ content: LEAK_PROBE });
  const u = new CallUser(tp, name);
  users.push(u);
  return u;
}

const adaVideoAtBen = () => ben.remoteTile('Ada').getByTestId('tile-video');

beforeAll(async () => {
  await acquireRunLock();
  const dir = join(REPO_ROOT, '.tmp', 'e2e');
  mkdirSync(dir, { recursive: true });
  const fixture = await prepareFixture(dir);
  truth = fixture.truth;
  ns = NetNamespace.create();
  app = await startAppServer(ns);
  browser = await chromium.launch({
    executablePath: join(__dirname, '..', 'harness', 'chromium-netns.sh'),
    env: { ...process.env, CONFER_NETNS: ns.name },
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${fixture.y4m}`, '--js-flags=--expose-gc'],
    headless: true,
  });
  ada = await user('Ada');
  ben = await user('Ben');
  const room = uniqueRoom('effects');
  for (const u of [ada, ben]) await u.enter(app.url, room);
  await Promise.all([ada, ben].map((u) => waitForMediaFromAll(u.page, 1, 40_000)));
}, 20 * 60_000); // the machine-wide run lock may wait for another file (run-lock.ts)

afterAll(async () => {
  await Promise.all(users.map((u) => u.close()));
  await browser?.close().catch(() => undefined);
  await app?.stop();
  ns?.destroy();
  releaseRunLock();
}, 30_000);

describe('background effects on the sender', () => {
  it('blur: Ben keeps receiving frames across the switch (no freeze), and the wall behind Ada is blurred', async () => {
    const before = await grab(adaVideoAtBen());
    const sharp = lumaSpread(before, truth, 'bg');
    // Control: the same tile's largest gap over the same time without the effect (the machine's own stalls).
    await resetGaps(ben.page);
    await sleep(3000);
    const control = (await remoteTiles(ben.page)).find((t) => t.label === 'Ada')?.maxGapMs ?? -1;
    await resetGaps(ben.page);
    await ada.button('Background effects').click();
    await choose(ada.page, 'Blur (strong)', 'blur:strong');
    await sleep(3000); // the switch and a few seconds of blurred video
    const tile = (await remoteTiles(ben.page)).find((t) => t.label === 'Ada');
    const after = await grab(adaVideoAtBen());
    const blurred = lumaSpread(after, truth, 'bg');
    const kept = fraction(after, truth, 'person', (r, g, b) => Math.abs(r - g) + Math.abs(g - b) > 0); // not grey: a picture is there
    console.info(ada.tp.console.filter((l) => /background effect level/.test(l)).join('\n'));
    const gap = tile?.maxGapMs ?? Infinity;
    console.info(
      `blur: max gap at Ben across the switch ${Math.round(gap)} ms (target ${SMOOTH_SWITCH_MS} ms: ${gap < SMOOTH_SWITCH_MS ? 'met' : 'MISSED'} on this machine; ` +
        `the same tile without the effect, 3 s before: ${Math.round(control)} ms); wall luma spread ${sharp.toFixed(1)} -> ${blurred.toFixed(1)}`,
    );
    // For failure analysis: Ben's tile gaps (was his own page presenting?) and Ada's long tasks (was her pipeline stalled?).
    if (gap >= SMOOTH_SWITCH_MS) console.info(`Ben: ${JSON.stringify(await pageTimeline(ben.page))}\nAda: ${JSON.stringify(await pageTimeline(ada.page))}`);
    expect(tile).toBeDefined();
    expect(gap).toBeLessThan(FREEZE_MS);
    expect(sharp).toBeGreaterThan(20); // the stripes are visible without the effect
    expect(blurred).toBeLessThan(sharp * 0.5);
    expect(kept).toBeGreaterThan(0.9);
  });

  it('own solid-colour image: the wall becomes that colour at Ben and in Ada\'s own tile, the person stays (the model finds the drawn person)', async () => {
    await ada.page.getByLabel('Upload an image').setInputFiles({ name: 'magenta.png', mimeType: 'image/png', buffer: solidPng(64, 36, [255, 0, 255]) });
    await settled(ada.page, 'image:custom');
    const magenta = (r: number, g: number, b: number) => r > 190 && g < 80 && b > 190;
    let px: number[] = [];
    await waitFor('Ada\'s wall replaced at Ben', async () => (px = await grab(adaVideoAtBen())), (p) => fraction(p, truth, 'bg', magenta) > 0.9, { timeoutMs: 10_000 }).catch(() => undefined);
    const wall = fraction(px, truth, 'bg', magenta);
    const person = fraction(px, truth, 'person', (r, g, b) => !magenta(r, g, b));
    console.info(ada.tp.console.filter((l) => /background effect level/.test(l)).join('\n'));
    console.info(`replacement: wall pixels replaced ${(wall * 100).toFixed(1)}%, person pixels kept ${(person * 100).toFixed(1)}%`);
    expect(wall).toBeGreaterThan(0.9);
    // Ada sees herself as the others see her: her own tile plays the processed track (as Meet and Zoom do).
    const self = await grab(ada.page.locator('[data-testid="tile"][data-local="true"]').getByTestId('tile-video'));
    const selfWall = fraction(self, truth, 'bg', magenta);
    console.info(`replacement in Ada's own tile: wall pixels replaced ${(selfWall * 100).toFixed(1)}%`);
    expect(selfWall).toBeGreaterThan(0.9);
    // The model is sure of the drawn face (>0.8) but scores the flat shirt only 0.1-0.8 (one side
    // lowest), so part of the shirt is lost: measured 85% of person pixels kept.
    expect(person).toBeGreaterThan(0.8);
  });

  it('a file that is not an image is refused with a message, and the current effect stays on', async () => {
    await ada.page.getByLabel('Upload an image').setInputFiles({ name: 'notes.png', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect(ada.page.getByTestId('effects-error').textContent({ timeout: 5000 })).resolves.toMatch(/not an image/);
    await ada.page.getByLabel('Upload an image').setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
    await waitFor('decode error shown', () => ada.page.getByTestId('effects-error').textContent(), (t) => /could not be read/.test(t ?? ''), { timeoutMs: 5000 });
    await settled(ada.page, 'image:custom', 2000);
  });

  it('50 on/off cycles create no WebGL context per cycle and leave no generator track or worker behind; the choice is remembered', async () => {
    const cy = await user('Cy');
    await cy.openLobby(app.url, uniqueRoom('effects-lobby'));
    const t0 = Date.now();
    for (let i = 0; i < 50; i++) {
      await choose(cy.page, 'Blur (light)', 'blur:light');
      await choose(cy.page, 'Off', 'off');
    }
    const leaks = await cy.page.evaluate('window.__leaks()') as { glCreated: number; glLive: number; gensLive: number; workers: number };
    console.info(`50 cycles in ${Date.now() - t0} ms: ${JSON.stringify(leaks)}`);
    // One context each for the software-WebGL probe, MediaPipe and the compositor, the last two kept
    // for the next start (acquireSegmenter, acquireCompositor): never one per cycle.
    expect(leaks.glCreated).toBeLessThanOrEqual(3);
    expect(leaks.glLive).toBeLessThanOrEqual(2);
    expect(leaks.gensLive).toBe(0);
    expect(leaks.workers).toBeLessThanOrEqual(1);
    expect(cy.tp.console.filter((l) => /Too many active WebGL contexts/.test(l))).toEqual([]);
    await choose(cy.page, 'Blur (strong)', 'blur:strong');
    await cy.page.reload();
    await settled(cy.page, 'blur:strong');
  }, 420_000); // a hang catcher, not a speed bound: 50 cycles took 144-151 s on a quiet machine and 219 s under load

  it('a missing model file gives a clear error and falls back to Off', async () => {
    const dee = await user('Dee');
    await dee.page.route('**/mediapipe/selfie_segmentation_landscape.tflite', (r) => r.fulfill({ status: 404, body: '' }));
    await dee.openLobby(app.url, uniqueRoom('effects-missing'));
    await dee.page.getByRole('radio', { name: 'Blur (light)', exact: true }).check();
    await waitFor('model error shown', () => dee.page.getByTestId('effects-error').textContent().catch(() => null), (t) => /model failed to load/.test(t ?? ''), { timeoutMs: 15_000 });
    await settled(dee.page, 'off', 2000);
  });
});
