/**
 * The cluster-sfu section of `npm run bench`: two signaling nodes on one Redis behind a TCP
 * balancer and a pool of two Janus (JANUS_URLS), all in one test namespace, and Chromium pages;
 * each trial starts its own pair of nodes and a room of three on the SFU (MESH_MAX_PARTICIPANTS=2),
 * Ada and Cy through the balancer (node 1 while it lives), Ben on node 2.
 *
 * 1. Janus kill (BENCH_CSFU_JANUS_KILLS, default 5): the room's Janus is SIGKILLed; the time until
 *    video came back on every tile of every page through the other Janus (the first frame after
 *    the freeze; the slowest tile counts), once every page is seen receiving advancing video and
 *    audio from both others there. The dead Janus is started again before the next trial. Target:
 *    every kill under 3 s.
 * 2. Node kill (BENCH_CSFU_NODE_KILLS, default 3): node 1 is SIGKILLed; the time until node 2 took
 *    both movers' Janus sessions over (confer_sfu_resumes_total{how="taken"}), whether anyone
 *    published again, and the largest tile freeze on any page since the kill. Target: every
 *    freeze under 1 s, nobody publishing again.
 *
 * 3. Large rooms (./large-room.ts; BENCH_CSFU_ROOMS, default 5,25,50,100): one page among N-1 cheap
 *    publishers, its downlink and decoded frames against the ideal (the videos of its page and the
 *    speakers' audio). Targets: the largest ratios over the sizes, every size measured.
 *
 * BENCH_CSFU_PARTS (default `kills,rooms`) picks the parts.
 *
 * Placement balance (20 rooms opened in turn on two nodes, forwarded streams per Janus by its own
 * room list, within 20 %) is checked by signaling-server/sfu/sfu-pool.test.ts (real Janus, no
 * browser), not here.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../harness/browser';
import { NsRedis, enterSplit, startBalancer, startNodes } from '../../harness/cluster';
import { startJanusInNs, type NsJanus } from '../../harness/janus-ns';
import { NetNamespace, killTree } from '../../harness/netns';
import { pageClockOffset, remoteTiles, resetGaps, videoBackMs, waitFor } from '../../harness/probes';
import { acquireRunLock, releaseRunLock } from '../../harness/run-lock';
import type { NsProcess } from '../../harness/server';
import { uniqueRoom, type CallUser } from '../../harness/ui';
import { carriers, janusMetrics, mediaFromBoth, poolNodeEnv, POOL_RANGES } from '../../e2e/sfu-probes';
import type { SectionResult } from '../section';
import { summarize, table } from '../stats';
import { judge, type Target } from '../targets';
import { largeRooms, ROOM_SIZES, type LargeRoom } from './large-room';
import { JANUS_KILL_TARGET_MS, LARGE_ROOM_DECODE_RATIO, LARGE_ROOM_DOWNLINK_RATIO, NODE_KILL_FREEZE_TARGET_MS } from './targets';

const PARTS = (process.env.BENCH_CSFU_PARTS ?? 'kills,rooms').split(',');
const JANUS_KILLS = PARTS.includes('kills') ? Number(process.env.BENCH_CSFU_JANUS_KILLS ?? 5) : 0;
const NODE_KILLS = PARTS.includes('kills') ? Number(process.env.BENCH_CSFU_NODE_KILLS ?? 3) : 0;
const shared = { JANUS_TOKEN_SECRET: 'bench-csfu-token-secret-0123', JANUS_VIDEOROOM_ADMIN_KEY: 'bench-csfu-admin-key-0123', JANUS_ADMIN_SECRET: 'bench-csfu-admin-secret-0123' };

interface Cluster {
  nodes: NsProcess[];
  balancer: NsProcess;
  users: CallUser[];
}

/** Two fresh nodes on the pool, a balancer, and three people in one room on the SFU receiving each other. */
async function openCluster(ns: NetNamespace, redis: NsRedis, janus: NsJanus[], browser: Browser): Promise<Cluster> {
  const nodes = await startNodes(ns, redis.url, 2, poolNodeEnv(janus, shared));
  const balancer = await startBalancer(ns, nodes.map((n) => n.port));
  const c: Cluster = { nodes, balancer, users: [] };
  const room = uniqueRoom('csfu');
  await enterSplit(browser, nodes, balancer, room, c.users);
  await Promise.all(c.users.map((u) => waitFor(`${u.name} receives through one Janus`, () => carriers(u), (x) => x.length > 0 && new Set(x).size === 1, { timeoutMs: 90_000 })));
  await Promise.all(c.users.map((u) => mediaFromBoth(u, 60_000)));
  return c;
}

async function closeCluster(c: Cluster): Promise<void> {
  await Promise.all(c.users.map((u) => u.close()));
  for (const n of c.nodes) await n.stop();
  await c.balancer.stop();
}

/**
 * One Janus kill. `ms`: until video came back on every tile of every page through the survivor
 * (the first frame after the freeze, from the pages' frame probes; the slowest tile counts).
 * `confirmedMs`: until every page was also seen receiving both others through the survivor over a
 * 1.5 s sample with rising audio (the condition waited for; it ends at least one sample window
 * after the return, so it is not the return itself).
 */
async function janusKill(c: Cluster, janus: NsJanus[]): Promise<{ ms: number; confirmedMs: number; killed: number }> {
  const on = (await carriers(c.users[0] as CallUser))[0] as number;
  const survivor = 1 - on;
  const offsets = await Promise.all(c.users.map((u) => pageClockOffset(u.page)));
  const killedAt = Date.now();
  process.kill((janus[on] as NsJanus).proc.pid as number, 'SIGKILL');
  const confirmed = await Promise.all(
    c.users.map(async (u) => {
      await waitFor(`${u.name} receives through the survivor`, () => carriers(u), (x) => x.includes(survivor), { timeoutMs: 45_000 });
      await mediaFromBoth(u, 45_000);
      return Date.now() - killedAt;
    }),
  );
  const back = await Promise.all(c.users.map((u, i) => videoBackMs(u.page, offsets[i] as number, killedAt)));
  return { ms: Math.max(...back), confirmedMs: Math.max(...confirmed), killed: on };
}

/** One node kill: when node 2 took both sessions over, whether anyone published again, the largest freeze. */
async function nodeKill(c: Cluster): Promise<{ takenMs: number; republished: number; freezeMs: number }> {
  const ben = c.users[1] as CallUser;
  let republished = 0;
  for (const u of c.users) u.page.on('console', (m) => void (m.text().includes('the SFU path starts over') && republished++));
  await Promise.all(c.users.map((u) => resetGaps(u.page)));
  const killedAt = Date.now();
  killTree((c.nodes[0] as NsProcess).child, 'SIGKILL');
  const taken = async () => Number(/^confer_sfu_resumes_total\{how="taken"\} (\d+)$/m.exec(await janusMetrics(ben))?.[1] ?? 0);
  await waitFor('node 2 took both sessions over', taken, (n) => n === 2, { timeoutMs: 30_000, intervalMs: 100 });
  const takenMs = Date.now() - killedAt;
  // Let a freeze, if any, show in the tiles' gap probes; then read the largest since the kill.
  await Promise.all(c.users.map((u) => mediaFromBoth(u, 30_000)));
  const freezes = await Promise.all(c.users.map(async (u) => Math.max(...(await remoteTiles(u.page)).map((t) => t.maxFreezeMs))));
  return { takenMs, republished, freezeMs: Math.round(Math.max(...freezes)) };
}

export async function clusterSfuBench(): Promise<SectionResult> {
  await acquireRunLock();
  const ns = NetNamespace.create();
  const janus: NsJanus[] = [];
  let redis: NsRedis | undefined;
  let browser: Browser | undefined;
  const janusKills: number[] = [];
  const janusConfirmed: number[] = [];
  const nodeKills: { takenMs: number; republished: number; freezeMs: number }[] = [];
  let failed = false;
  let large: { rooms: LargeRoom[]; errors: string[] } | null = null;
  try {
    if (JANUS_KILLS + NODE_KILLS > 0) {
      redis = await NsRedis.start(ns);
      for (const r of POOL_RANGES) janus.push(await startJanusInNs(ns, r.ws, r.rtp, shared));
      browser = await launchBrowser(ns);
    }
    for (let i = 0; i < JANUS_KILLS; i++) {
      const c = await openCluster(ns, redis as NsRedis, janus, browser as Browser);
      try {
        const { ms, confirmedMs, killed } = await janusKill(c, janus);
        janusKills.push(ms);
        janusConfirmed.push(confirmedMs);
        console.info(`janus kill ${i + 1}/${JANUS_KILLS}: video back on every tile ${ms} ms after the SIGKILL (confirmed by a 1.5 s sample at ${confirmedMs} ms)`);
        const r = POOL_RANGES[killed] as (typeof POOL_RANGES)[number];
        janus[killed] = await startJanusInNs(ns, r.ws, r.rtp, shared);
      } catch (e) {
        failed = true;
        console.error(`janus kill ${i + 1}: ${(e as Error).message}`);
      } finally {
        await closeCluster(c);
      }
    }
    for (let i = 0; i < NODE_KILLS; i++) {
      const c = await openCluster(ns, redis as NsRedis, janus, browser as Browser);
      try {
        const k = await nodeKill(c);
        nodeKills.push(k);
        console.info(`node kill ${i + 1}/${NODE_KILLS}: sessions taken over at ${k.takenMs} ms, ${k.republished} published again, largest freeze ${k.freezeMs} ms`);
      } catch (e) {
        failed = true;
        console.error(`node kill ${i + 1}: ${(e as Error).message}`);
      } finally {
        await closeCluster(c);
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    for (const j of janus) await j.proc.stop().catch(() => undefined);
    await redis?.stop();
    ns.destroy();
  }
  try {
    // In a namespace of its own: its one node's bundled Janus takes the ports the pool had.
    if (PARTS.includes('rooms')) {
      const rns = NetNamespace.create();
      try {
        large = await largeRooms(rns);
      } finally {
        rns.destroy();
      }
      if (large.errors.length) failed = true;
    }
  } finally {
    releaseRunLock();
  }
  const jk = summarize(janusKills);
  const jc = summarize(janusConfirmed);
  const freeze = summarize(nodeKills.map((k) => k.freezeMs));
  const taken = summarize(nodeKills.map((k) => k.takenMs));
  console.info(
    table(
      ['measure', 'n', 'median', 'max'],
      [
        ['Janus kill -> video back on every tile (first frame), ms', jk.n, jk.median, jk.max],
        ['Janus kill -> media confirmed on every page (1.5 s sample), ms', jc.n, jc.median, jc.max],
        ['node kill -> sessions taken over, ms', taken.n, taken.median, taken.max],
        ['node kill -> largest tile freeze, ms', freeze.n, freeze.median, freeze.max],
        ['node kill -> pages that published again', nodeKills.length, null, nodeKills.reduce((s, k) => s + k.republished, 0)],
      ],
    ),
  );
  if (large) {
    console.info(
      table(
        ['room of', 'videos on the page', 'shown after, ms', 'downlink kbit/s', 'ideal', 'ratio', 'decoded fps', 'ideal', 'ratio', 'Janus CPU, % of a core'],
        large.rooms.map((r) => [r.n, r.visible, r.shownMs, r.downKbps, r.idealKbps, r.downRatio, r.decodedFps, r.idealFps, r.decodeRatio, r.janusCpuPct]),
      ),
    );
  }
  const targets: Target[] = [];
  if (PARTS.includes('kills')) {
    targets.push(
    judge('Janus kill to video back on every tile, slowest of the kills', jk.max, '<', JANUS_KILL_TARGET_MS, 'ms', {
      valid: janusKills.length === JANUS_KILLS,
      note: `${janusKills.length} of ${JANUS_KILLS} kills measured`,
    }),
    judge('signaling node kill: largest tile freeze, worst of the kills', freeze.max, '<', NODE_KILL_FREEZE_TARGET_MS, 'ms', {
      valid: nodeKills.length === NODE_KILLS && nodeKills.every((k) => k.republished === 0),
      note: `${nodeKills.length} of ${NODE_KILLS} kills measured, ${nodeKills.reduce((s, k) => s + k.republished, 0)} re-publishes`,
    }),
    );
  }
  if (large) {
    const worst = (k: 'downRatio' | 'decodeRatio') => (large && large.rooms.length ? Math.max(...large.rooms.map((r) => r[k])) : null);
    const valid = large.rooms.length === ROOM_SIZES.length;
    const note = (k: 'downRatio' | 'decodeRatio') =>
      `rooms of ${ROOM_SIZES.join(', ')}: ${ROOM_SIZES.map((n) => large?.rooms.find((r) => r.n === n)?.[k] ?? 'not measured').join(', ')}`;
    targets.push(
      judge("large room: one page's downlink against the videos it shows and the speakers, largest ratio", worst('downRatio'), '<=', LARGE_ROOM_DOWNLINK_RATIO, '', { valid, note: note('downRatio') }),
      judge("large room: one page's decoded frames against the videos it shows, largest ratio", worst('decodeRatio'), '<=', LARGE_ROOM_DECODE_RATIO, '', { valid, note: note('decodeRatio') }),
    );
  }
  return { result: { janusKillsMs: janusKills, janusKillsConfirmedMs: janusConfirmed, nodeKills, largeRooms: large }, failed, targets };
}
