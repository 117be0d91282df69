/**
 * Noise suppression in real Chromium: Ada's fake microphone plays sentences over a constant noise
 * bed (tests/harness/noise-fixture.ts); Ben measures what he receives from her (getStats audio
 * energy) with her suppression off and on. The quiet windows are the noise-only parts, the loud
 * ones the speech, whatever the loop's phase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, newTestPage } from '../harness/browser';
import { levelQuantile, prepareNoiseFixture, receivedLevels } from '../harness/noise-fixture';
import { NetNamespace } from '../harness/netns';
import { waitForMediaFromAll } from '../harness/probes';
import { acquireRunLock, releaseRunLock } from '../harness/run-lock';
import { startAppServer, type NsProcess } from '../harness/server';
import { CallUser, uniqueRoom } from '../harness/ui';

jest.setTimeout(180_000);

let ns: NetNamespace;
let app: NsProcess;
let browser: Browser;
let dir: string;
let loopS: number;
let ada: CallUser;
let ben: CallUser;
const users: CallUser[] = [];

/** Noise-only level: the 20th percentile of 100 ms windows; speech: the 90th. */
const summary = (levels: number[]) => ({ noise: levelQuantile(levels, 0.2), speech: levelQuantile(levels, 0.9), windows: levels.length });

async function user(name: string): Promise<CallUser> {
  const u = new CallUser(await newTestPage(browser, name, app.url), name);
  users.push(u);
  return u;
}

const adaSwitch = () => ada.page.getByRole('switch', { name: 'Noise suppression' });

beforeAll(async () => {
  await acquireRunLock();
  dir = mkdtempSync(join(tmpdir(), 'confer-noise-'));
  const fixture = prepareNoiseFixture(dir);
  loopS = fixture.seconds;
  ns = NetNamespace.create();
  app = await startAppServer(ns);
  browser = await chromium.launch({
    executablePath: join(__dirname, '..', 'harness', 'chromium-netns.sh'),
    env: { ...process.env, CONFER_NETNS: ns.name },
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${fixture.wav}`],
    headless: true,
  });
  ada = await user('Ada');
  ben = await user('Ben');
}, 20 * 60_000); // the machine-wide run lock may wait for another file (run-lock.ts)

afterAll(async () => {
  await Promise.all(users.map((u) => u.close()));
  await browser?.close().catch(() => undefined);
  await app?.stop();
  ns?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
  releaseRunLock();
}, 30_000);

describe('noise suppression', () => {
  it('is a switch in the lobby, off by default in a browser', async () => {
    const room = uniqueRoom('noise');
    await ada.openLobby(app.url, room);
    await expect(adaSwitch().getAttribute('aria-checked')).resolves.toBe('false');
    await expect(adaSwitch().textContent()).resolves.toContain('Off');
    await ada.clickJoin();
    await ada.waitInCall();
    await ben.enter(app.url, room);
    await Promise.all([ada, ben].map((u) => waitForMediaFromAll(u.page, 1, 40_000)));
  });

  it('on, the noise-only parts Ben receives are at least 15 dB quieter, the speech within 6 dB; muting still mutes', async () => {
    const measureMs = Math.round(loopS * 2 * 1000);
    const off = summary(await receivedLevels(ben.page, measureMs));

    // In the call: the effects panel's switch, by keyboard.
    await ada.button('Background effects').click();
    await adaSwitch().focus();
    await ada.page.keyboard.press('Space');
    await ada.page.locator('[data-testid="noise-toggle"][data-on="true"][aria-busy="false"]').first().waitFor({ timeout: 20_000 });
    await expect(adaSwitch().textContent()).resolves.toContain('On');
    await new Promise((r) => setTimeout(r, 1500)); // RNNoise's own adaptation, and the jitter buffer's
    const on = summary(await receivedLevels(ben.page, measureMs));

    await ada.button('Mute microphone').click();
    await new Promise((r) => setTimeout(r, 1000));
    const muted = summary(await receivedLevels(ben.page, 2000));

    console.info(
      `received from Ada (dBFS, ${off.windows}/${on.windows} windows): noise-only off ${off.noise.toFixed(1)} on ${on.noise.toFixed(1)}; ` +
        `speech off ${off.speech.toFixed(1)} on ${on.speech.toFixed(1)}; muted with suppression on: loudest ${muted.speech.toFixed(1)}`,
    );
    const noError = ada.tp.errors.filter((e) => /noise|worklet|rnnoise/i.test(e));
    expect(noError).toEqual([]);
    expect(off.speech - off.noise).toBeGreaterThan(10); // the fixture's speech stands out of its noise at all
    expect(on.noise).toBeLessThanOrEqual(off.noise - 15);
    expect(Math.abs(on.speech - off.speech)).toBeLessThanOrEqual(6);
    // Muted means silent: far below the fixture's own noise, and below -60 dBFS. (It was "within 3 dB of
    // the suppressed noise", which is digital silence, -90 dBFS: the receiver's comfort noise while the
    // sender sends nothing, -82.5 dBFS in one fresh-clone run, failed it though nothing leaked.)
    expect(muted.speech).toBeLessThan(Math.min(off.noise - 20, -60));
  });
});
