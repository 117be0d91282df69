/**
 * Hidden tiles cost no video on the SFU: a room of three on Janus (MESH_MAX_PARTICIPANTS=2). Ben's
 * window is hidden: within seconds his subscriber connection decodes no more video frames from
 * either other (Janus stopped sending it: the page paused both feeds' video, `sfu:configure`
 * `video: false`), his audio keeps coming, and Ada still receives both others. Shown again, his
 * video from both comes back by itself.
 *
 * Headless Chromium never hides a page (window minimize and a tab in front both leave
 * `visibilityState` 'visible'; tried with Chromium 156), so the test gives Ben's page the hidden
 * state and `visibilitychange` event the OS would; everything after that is the product's.
 */
import type { Page } from 'playwright-core';
import { waitFor } from '../harness/probes';
import { uniqueRoom, type CallUser } from '../harness/ui';
import { JANUS_PORTS, mediaFromBoth, sfuStats, toJanus } from './sfu-probes';
import { useStack } from './stack';

jest.setTimeout(180_000);

const stack = useStack({
  env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, MESH_MAX_PARTICIPANTS: '2', TOPOLOGY_HOLDDOWN_SECONDS: '60', SFU_PREWARM: 'off' },
});

/** What the page's OS-level visibility would do: the state, then the event. */
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate(`(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => ${hidden ? "'hidden'" : "'visible'"} });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} });
    document.dispatchEvent(new Event('visibilitychange'));
  })()`);

/** Video frames decoded per inbound video stream and total audio energy on the page's SFU subscriber connection(s). */
async function received(page: Page): Promise<{ frames: Record<string, number>; audio: number }> {
  const pcs = (await sfuStats(page)).filter((pc) => toJanus(pc) && pc.state === 'connected');
  const frames: Record<string, number> = {};
  for (const pc of pcs) for (const v of pc.inVideo) frames[`${pc.index}:${v.mid}`] = v.frames;
  return { frames, audio: pcs.reduce((sum, pc) => sum + pc.inAudio.reduce((s, a) => s + a.energy, 0), 0) };
}

/** Over `ms`: frames decoded per inbound video stream, and whether audio energy rose. */
async function flowOver(page: Page, ms: number): Promise<{ frames: number[]; audioRose: boolean }> {
  const a = await received(page);
  await page.waitForTimeout(ms);
  const b = await received(page);
  return { frames: Object.keys(b.frames).map((k) => (b.frames[k] ?? 0) - (a.frames[k] ?? 0)), audioRose: b.audio > a.audio };
}

describe('hidden tiles on the SFU', () => {
  it("a hidden window receives no video (audio goes on, others unaffected) and gets it back when shown", async () => {
    const room = uniqueRoom('hidden');
    const users = await stack.enter(room, ['Ada', 'Ben', 'Cy']);
    const [ada, ben] = users as [CallUser, CallUser, CallUser];
    await stack.diagnose('everyone receives both others on the SFU', () => Promise.all(users.map((u) => mediaFromBoth(u, 90_000))));
    const before = await flowOver(ben.page, 2000);
    expect(before.frames.filter((n) => n > 0)).toHaveLength(2);

    await setHidden(ben.page, true);
    // Janus stops sending once the page's configure arrives; frames in flight may still decode.
    await ben.page.waitForTimeout(1500);
    const hidden = await stack.diagnose('Ben hidden: no video, audio goes on', async () => {
      const f = await flowOver(ben.page, 3000);
      expect(f.frames).toHaveLength(2);
      expect(f.frames.every((n) => n === 0)).toBe(true);
      expect(f.audioRose).toBe(true);
      return f;
    });
    // Nobody else's reception changes.
    await mediaFromBoth(ada, 10_000);

    const shownAt = Date.now();
    await setHidden(ben.page, false);
    await stack.diagnose('Ben shown again: video from both others', () =>
      waitFor('Ben decodes video from both others again', () => flowOver(ben.page, 1000), (f) => f.frames.filter((n) => n > 0).length === 2, { timeoutMs: 20_000, intervalMs: 0 }),
    );
    const backMs = Date.now() - shownAt;
    console.info(`sfu hidden e2e: frames decoded over 2 s visible ${before.frames.join('/')}, over 3 s hidden ${hidden.frames.join('/')}; video back ${backMs} ms after showing`);
  });
});
