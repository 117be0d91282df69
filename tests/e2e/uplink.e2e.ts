/**
 * A 2-person mesh call through the NAT topology (harness/nat.ts, TURN on the public side) with
 * Ana's uplink capped by a token bucket (`tc qdisc ... tbf`) on her router's WAN link:
 *  - at 150 kbit/s her camera steps down (at most 15 fps at half size) or pauses, and her audio
 *    keeps reaching Bo;
 *  - at 100 kbit/s her video pauses: Bo's tile of Ana says "Video paused: poor connection", Ana's own
 *    tile says why, and her audio keeps reaching Bo;
 *  - with the cap removed her video comes back by itself.
 * A second call has 10 % of Ana's packets dropped on her uplink (iptables `statistic`): both tiles'
 * quality indicators turn fair or poor and name packet loss, on the right side.
 * Times and Bo's audio concealment are printed; the bounds here only catch a call that never adapts
 * or never recovers (the targets, 5 s to adapt and 10 s to recover, are reported, not asserted).
 */
import type { Page } from 'playwright-core';
import { tokenBucket } from '../harness/nat';
import { useNatSuite } from '../harness/nat-suite';
import { remoteTiles, sleep, waitFor, waitForMediaFromAll } from '../harness/probes';
import type { CallUser } from '../harness/ui';
import { PAUSE_BELOW_BPS } from '../../renderer/call/uplink/uplink-policy';

jest.setTimeout(240_000);

const ADAPT_BOUND_MS = 30_000;
const RECOVER_BOUND_MS = 60_000;

const nat = useNatSuite();

/** Ana's camera sender's first encoding as the page set it. */
const cameraEncoding = (page: Page) =>
  page.evaluate(`(() => {
    for (const pc of window.__pcs) {
      if (pc.connectionState === 'closed') continue;
      const s = pc.getSenders().find((x) => x.track && x.track.kind === 'video');
      if (s) return s.getParameters().encodings[0] || null;
    }
    return null;
  })()`) as Promise<{ active?: boolean; maxBitrate?: number; scaleResolutionDownBy?: number; maxFramerate?: number } | null>;

/** Bo's inbound audio from Ana: samples received and concealed so far. */
const audioIn = (page: Page) =>
  page.evaluate(`(async () => {
    let total = 0, concealed = 0;
    for (const pc of window.__pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') { total += s.totalSamplesReceived || 0; concealed += s.concealedSamples || 0; } });
    }
    return { total, concealed };
  })()`) as Promise<{ total: number; concealed: number }>;

/** Over `ms`: how many audio samples Bo received from Ana, and the share of them concealed (percent). */
async function audioOver(page: Page, ms: number): Promise<{ received: number; concealedPercent: number }> {
  const a = await audioIn(page);
  await sleep(ms);
  const b = await audioIn(page);
  return { received: b.total - a.total, concealedPercent: (100 * (b.concealed - a.concealed)) / Math.max(1, b.total - a.total) };
}

const pausedLabel = (page: Page, local: boolean) =>
  page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="tile"][data-local="${local}"] [data-testid="tile-video-paused"]');
    return el ? el.textContent : null;
  })()`) as Promise<string | null>;

/** The remote tile's quality level and the tooltip's last line (what is wrong, on which side). */
const quality = (page: Page) =>
  page.evaluate(`(() => {
    const tile = document.querySelector('[data-testid="tile"][data-local="false"]');
    const button = tile && tile.querySelector('[data-testid="tile-quality"]');
    const lines = tile ? [...tile.querySelectorAll('[role="tooltip"] div')].map((d) => d.textContent) : [];
    return { level: button ? button.getAttribute('data-level') : null, cause: lines[lines.length - 1] || null };
  })()`) as Promise<{ level: string | null; cause: string | null }>;

/** When each cap was set, as the page consoles stamp their lines (for reading the policy's log). */
const capLog: string[] = [];

function cap(kbit: number | null): void {
  capLog.push(`${new Date().toISOString().slice(11, 23)} cap ${kbit === null ? 'removed' : `${kbit} kbit/s`}`);
  const router = nat.topo.sides[0].router;
  if (kbit === null) router.execSync(['tc', 'qdisc', 'del', 'dev', 'wan', 'root']);
  else router.execSync(['tc', 'qdisc', 'replace', 'dev', 'wan', 'root', ...tokenBucket(kbit * 1000, 300)]);
}

describe("a mesh call on a weak uplink", () => {
  it('steps the camera down, pauses it below what video needs (saying so on both sides), keeps the audio, and recovers', async () => {
    const [ana, bo] = (await nat.call(nat.turnEnv, 'uplink')) as [CallUser, CallUser];
    await Promise.all([ana, bo].map((u) => waitForMediaFromAll(u.page, 1, 45_000)));
    const report = async <T>(step: () => Promise<T>): Promise<T> =>
      step().catch(async (e: Error) => {
        e.message += `\nAna's camera encoding: ${JSON.stringify(await cameraEncoding(ana.page).catch(() => null))}\nAna:\n  ${ana.tp.console.slice(-30).join('\n  ')}`;
        throw e;
      });
    try {
      let t0 = Date.now();
      cap(150);
      const stepped = await report(() =>
        waitFor('Ana\'s camera steps down or pauses at 150 kbit/s', () => cameraEncoding(ana.page), (e) => !!e && (e.active === false || ((e.scaleResolutionDownBy ?? 1) >= 2 && (e.maxFramerate ?? 99) <= 15)), { timeoutMs: ADAPT_BOUND_MS, intervalMs: 200 }),
      );
      const stepMs = Date.now() - t0;
      const audio150 = await audioOver(bo.page, 5000);
      expect(audio150.received).toBeGreaterThan(0);
      const conceal150 = audio150.concealedPercent;

      t0 = Date.now();
      cap(100);
      const label = await report(() => waitFor('Bo\'s tile of Ana says her video is paused', () => pausedLabel(bo.page, false), (l) => !!l, { timeoutMs: ADAPT_BOUND_MS, intervalMs: 200 }));
      const pauseMs = Date.now() - t0;
      expect(label).toBe('Video paused: poor connection');
      expect(await pausedLabel(ana.page, true)).toMatch(/Your video is paused/);
      // Paused, or in one of its short probes: the reduced picture capped at what video needs.
      const enc = await cameraEncoding(ana.page);
      expect(enc?.active === false || (enc?.maxBitrate ?? Infinity) <= PAUSE_BELOW_BPS).toBe(true);
      const audioPaused = await audioOver(bo.page, 5000);
      expect(audioPaused.received).toBeGreaterThan(0);
      const concealPaused = audioPaused.concealedPercent;

      t0 = Date.now();
      cap(null);
      await report(() => waitFor('Bo\'s tile of Ana no longer says paused', () => pausedLabel(bo.page, false), (l) => l === null, { timeoutMs: RECOVER_BOUND_MS, intervalMs: 200 }));
      const base = (await remoteTiles(bo.page))[0]?.frames ?? 0;
      await waitFor('Bo decodes Ana\'s video again', () => remoteTiles(bo.page), (t) => (t[0]?.frames ?? 0) >= base + 5, { timeoutMs: RECOVER_BOUND_MS, intervalMs: 200 });
      const backMs = Date.now() - t0;
      console.info(
        `uplink e2e: 150 kbit/s -> camera ${stepped?.active === false ? 'paused' : `reduced (1/${stepped?.scaleResolutionDownBy}, ${stepped?.maxFramerate} fps)`} after ${stepMs} ms, Bo's audio concealed ${conceal150.toFixed(1)} %; ` +
          `100 kbit/s -> paused, labelled on Bo's side after ${pauseMs} ms, audio concealed ${concealPaused.toFixed(1)} %; cap removed -> video back after ${backMs} ms (targets: 5 s, under 5 %, 10 s)\n` +
          `Ana's uplink policy (${capLog.join(', ')}):\n  ${ana.tp.console.filter((l) => /\] uplink:/.test(l)).join('\n  ')}`,
      );
    } finally {
      try {
        cap(null);
      } catch {
        // already removed
      }
    }
  });

  it("10 % loss on one side's uplink: both quality indicators name packet loss, on the right side, and audio keeps flowing", async () => {
    const [ana, bo] = (await nat.call(nat.turnEnv, 'lossy')) as [CallUser, CallUser];
    await Promise.all([ana, bo].map((u) => waitForMediaFromAll(u.page, 1, 45_000)));
    const router = nat.topo.sides[0].router;
    const rule = ['FORWARD', '-i', 'lan', '-o', 'wan', '-m', 'statistic', '--mode', 'random', '--probability', '0.1', '-j', 'DROP'];
    const t0 = Date.now();
    router.execSync(['iptables', '-I', ...rule]);
    try {
      const lossy = (q: { level: string | null; cause: string | null }) => (q.level === 'fair' || q.level === 'poor') && /^Packet loss/.test(q.cause ?? '');
      const atBo = await waitFor("Bo's tile of Ana names packet loss", () => quality(bo.page), lossy, { timeoutMs: 30_000, intervalMs: 100 });
      const boMs = Date.now() - t0;
      const atAna = await waitFor("Ana's tile of Bo names packet loss", () => quality(ana.page), lossy, { timeoutMs: 30_000, intervalMs: 100 });
      const anaMs = Date.now() - t0;
      expect(atBo.cause).toBe('Packet loss on the way to you');
      expect(atAna.cause).toBe('Packet loss on the way from you');
      expect((await audioOver(bo.page, 3000)).received).toBeGreaterThan(0);
      console.info(`loss e2e: 10 % uplink loss named on Bo's tile after ${boMs} ms (${atBo.level}), on Ana's after ${anaMs} ms (${atAna.level}) (target 4 s)`);
    } finally {
      router.execSync(['iptables', '-D', ...rule]);
    }
  });
});
