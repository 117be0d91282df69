/**
 * A weak downlink in an SFU room of five (bundled Janus, MESH_MAX_PARTICIPANTS=2): what Janus sends
 * to Eve's subscriber connection is capped at 300 kbit/s (tc htb on the namespace's loopback, where
 * every packet between Janus and a page runs, filtered on her connection's UDP port; a short queue,
 * so the cap drops packets as a real bottleneck does). Her page must step every tile down to the
 * lowest layer by itself (loss, Janus's slowlink); where even that overfills the link (four voices
 * and four videos: the fake microphones beep without pause), hold some videos, saying so on their
 * tiles, and keep the others playing: no tile frozen without a word. The others, whose links are
 * untouched, keep the frame heights they had. The cap lifted, everything comes back (one step per
 * 10 clean seconds). Times are printed.
 */
import type { Page } from 'playwright-core';
import { sleep, waitFor } from '../harness/probes';
import { uniqueRoom, type CallUser } from '../harness/ui';
import { JANUS_PORTS, sfuStats, tileLayers, toJanus } from './sfu-probes';
import { useStack } from './stack';

jest.setTimeout(300_000);

const CAP_KBIT = 300;
const stack = useStack({
  env: { JANUS_BUNDLED: 'on', JANUS_RTP_PORTS: `${JANUS_PORTS.min}-${JANUS_PORTS.max}`, MESH_MAX_PARTICIPANTS: '2', TOPOLOGY_HOLDDOWN_SECONDS: '60', SFU_PREWARM: 'off' },
});
const report: Record<string, unknown> = {};
afterAll(() => console.info(`sfu downlink e2e: ${JSON.stringify(report)}`));

/** The local UDP port of the page's connection that receives video from Janus. */
const subscriberPort = (page: Page) =>
  page.evaluate(`(async () => {
    for (const pc of window.__pcs) {
      if (pc.connectionState !== 'connected' || !pc.getReceivers().some((r) => r.track.kind === 'video')) continue;
      const rep = await pc.getStats();
      let port = null;
      rep.forEach((s) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = rep.get(s.selectedCandidatePairId);
        const local = pair && rep.get(pair.localCandidateId);
        if (local) port = local.port;
      });
      if (port !== null && [...rep.values()].some((s) => s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0)) return port;
    }
    return null;
  })()`) as Promise<number | null>;

/** Eve's tiles: the layer asked for and played (tileLayers), and whether the tile says its video is held. */
const eveTiles = async (page: Page) => {
  const layers = await tileLayers(page);
  const held = (await page.evaluate(`[...document.querySelectorAll('[data-testid="tile"][data-local="false"]')].filter((el) => el.querySelector('[data-testid="tile-video-held"]')).map((el) => el.getAttribute('data-participant-id'))`)) as string[];
  return layers.map((t) => ({ ...t, held: held.includes(t.id) }));
};

/** Per inbound video on Janus connections: frames decoded over `ms`, and the height it plays. */
async function videosOver(page: Page, ms: number): Promise<{ frames: number; height: number }[]> {
  const read = async () => new Map((await sfuStats(page)).filter((pc) => toJanus(pc) && pc.state === 'connected').flatMap((pc) => pc.inVideo.map((v) => [`${pc.index}:${v.mid}`, v] as const)));
  const a = await read();
  await sleep(ms);
  const b = await read();
  return [...b].map(([k, v]) => ({ frames: v.frames - (a.get(k)?.frames ?? 0), height: v.height }));
}

/** What Eve's Janus connections receive over `ms`: kbit/s of video and audio, video packets lost, PLIs and NACKs sent. */
const inboundOver = (page: Page, ms: number) =>
  page.evaluate(`(async () => {
    const read = async () => {
      const t = { video: 0, audio: 0, lost: 0, plis: 0, nacks: 0 };
      for (const pc of window.__pcs) {
        if (pc.connectionState !== 'connected') continue;
        (await pc.getStats()).forEach((s) => {
          if (s.type !== 'inbound-rtp') return;
          t[s.kind] += (s.bytesReceived || 0) + (s.headerBytesReceived || 0);
          if (s.kind === 'video') { t.lost += s.packetsLost || 0; t.plis += s.pliCount || 0; t.nacks += s.nackCount || 0; }
        });
      }
      return t;
    };
    const a = await read();
    await new Promise((r) => setTimeout(r, ${ms}));
    const b = await read();
    return { videoKbps: Math.round(((b.video - a.video) * 8) / ${ms}), audioKbps: Math.round(((b.audio - a.audio) * 8) / ${ms}), lost: b.lost - a.lost, plis: b.plis - a.plis, nacks: b.nacks - a.nacks };
  })()`) as Promise<{ videoKbps: number; audioKbps: number; lost: number; plis: number; nacks: number }>;

function cap(port: number | null): void {
  const tc = (...args: string[]) => stack.ns.execSync(['tc', ...args]);
  if (port === null) {
    tc('qdisc', 'del', 'dev', 'lo', 'root');
    return;
  }
  tc('qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '10');
  tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', '10gbit');
  tc('class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:20', 'htb', 'rate', `${CAP_KBIT}kbit`, 'ceil', `${CAP_KBIT}kbit`, 'burst', '4k', 'cburst', '4k');
  // About 300 ms of queue at the cap, then drops.
  tc('qdisc', 'add', 'dev', 'lo', 'parent', '1:20', 'handle', '20:', 'bfifo', 'limit', String(Math.round((CAP_KBIT * 1000 * 0.3) / 8)));
  tc('filter', 'add', 'dev', 'lo', 'protocol', 'ip', 'parent', '1:', 'prio', '1', 'u32', 'match', 'ip', 'protocol', '17', '0xff', 'match', 'ip', 'dport', String(port), '0xffff', 'flowid', '1:20');
}

describe('a weak downlink on the SFU', () => {
  let users: CallUser[];
  let capped = false;
  afterAll(() => {
    if (capped) cap(null);
  });

  it(`on a ${CAP_KBIT} kbit/s downlink takes the lowest layer, holds (saying so) what still does not fit, keeps the rest playing, and leaves the others' layers alone`, async () => {
    users = await stack.enter(uniqueRoom('downlink'), ['Ada', 'Ben', 'Cy', 'Dee', 'Eve']);
    const eve = users[4] as CallUser;
    const others = users.slice(0, 4);
    await stack.diagnose('five on Janus', () =>
      Promise.all(users.map((u) => waitFor(`${u.name}: 4 videos playing from Janus`, () => videosOver(u.page, 1000), (v) => v.length === 4 && v.every((x) => x.frames > 0 && x.height > 0), { timeoutMs: 120_000, intervalMs: 0 }))),
    );
    // Layers settle on the tiles' sizes and on the publishers' estimates (a publisher adds its upper
    // layer once its estimate allows it: with a core busy that took more than the 5 s once waited
    // here, and a feed still at 90 lines in the baseline came back at 180). The baseline is taken
    // once two readings 3 s apart agree.
    const heights = () => Promise.all(others.map(async (u) => (await videosOver(u.page, 1000)).map((v) => v.height).sort()));
    let before = await heights();
    await waitFor(
      "the others' layers settled",
      async () => {
        await sleep(3000);
        const now = await heights();
        const same = JSON.stringify(now) === JSON.stringify(before);
        before = now;
        return same;
      },
      (same) => same,
      { timeoutMs: 60_000, intervalMs: 0 },
    );
    const eveBefore = await tileLayers(eve.page);
    report.before = { others: before, eve: eveBefore.map((t) => ({ requested: t.requested, received: t.received })), eveIn: await inboundOver(eve.page, 2000) };
    // Something to step down from: Eve's tiles are above the lowest layer.
    expect(eveBefore.some((t) => (t.requested ?? 0) > 0)).toBe(true);

    const port = await subscriberPort(eve.page);
    expect(port).not.toBeNull();
    cap(port);
    capped = true;
    const t0 = Date.now();
    const low = await waitFor(
      'Eve: every tile plays the lowest layer or says its video is held, one at least playing',
      () => eveTiles(eve.page),
      (ts) => ts.length === 4 && ts.every((t) => t.held || (t.requested === 0 && t.received > 0 && t.received <= 90)) && ts.some((t) => !t.held),
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    report.lowAfterMs = Date.now() - t0;
    report.eveLow = low.map((t) => ({ requested: t.requested, received: t.received, held: t.held }));
    report.eveInLow = await inboundOver(eve.page, 3000);

    // No tile frozen without a word: once the held set stays the same over a 5 s window (the policy may
    // still be stepping when the condition above first holds), the tiles not held decode at least 2
    // frames a second (the cameras send 8) in it.
    let window: { held: number; frames: number[] } | null = null;
    for (let i = 0; i < 8 && !window; i++) {
      const heldBefore = (await eveTiles(eve.page)).filter((t) => t.held).map((t) => t.id).sort();
      const frames = (await videosOver(eve.page, 5000)).map((v) => v.frames);
      const heldAfter = (await eveTiles(eve.page)).filter((t) => t.held).map((t) => t.id).sort();
      if (JSON.stringify(heldBefore) === JSON.stringify(heldAfter)) window = { held: heldAfter.length, frames };
    }
    report.eveSettled = window;
    expect(window).not.toBeNull();
    const settled = window as { held: number; frames: number[] };
    expect(settled.frames).toHaveLength(4);
    expect(settled.held).toBeLessThanOrEqual(3);
    // Held videos are paused at Janus (no frames); every other one plays.
    expect(settled.frames.filter((f) => f >= 10).length).toBeGreaterThanOrEqual(4 - settled.held);
    // The others' links were not capped: each still plays every tile at the height it had, or higher.
    // Higher happens on its own: with the cores busy, a publisher's encoder drops its upper layer for
    // CPU and adds it back later (a tile at 90 lines in the baseline played 180 after, in runs of the
    // product with and without this session's changes); Eve's cap can only lower what others get.
    const after = await heights();
    report.othersAfter = after;
    expect(after.map((hs, i) => hs.map((h, j) => h >= before[i][j]))).toEqual(before.map((hs) => hs.map(() => true)));

    cap(null);
    capped = false;
    const t1 = Date.now();
    await waitFor(`Eve: every video back, above the lowest layer, after the cap is lifted`, () => eveTiles(eve.page), (ts) => ts.every((t) => !t.held && (t.requested ?? 0) > 0), { timeoutMs: 90_000, intervalMs: 500 });
    report.upAfterMs = Date.now() - t1;
  });
});
