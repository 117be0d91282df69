/**
 * The SFU across two signaling nodes: one Redis, a pool of two Janus (JANUS_URLS, the same for both
 * nodes), and a room pushed to the SFU (MESH_MAX_PARTICIPANTS=2) whose three people reach different
 * nodes (Ada and Cy on node 1, Ben on node 2). Everyone receives advancing video and audio from
 * both others, every SFU connection of every page goes to one and the same Janus, and the other
 * Janus holds nothing for the room (both nodes' /metrics).
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, newTestPage } from '../harness/browser';
import { NsRedis, startNodes } from '../harness/cluster';
import { startJanusInNs, type NsJanus } from '../harness/janus-ns';
import { NetNamespace } from '../harness/netns';
import { waitFor } from '../harness/probes';
import { acquireRunLock, releaseRunLock } from '../harness/run-lock';
import type { NsProcess } from '../harness/server';
import { CallUser, uniqueRoom } from '../harness/ui';
import { carriers, janusMetrics, mediaFromBoth, POOL_RANGES, roomsOn } from './sfu-probes';

jest.setTimeout(240_000);

const shared = { JANUS_TOKEN_SECRET: 'e2e-cluster-token-secret-0123', JANUS_VIDEOROOM_ADMIN_KEY: 'e2e-cluster-admin-key-0123', JANUS_ADMIN_SECRET: 'e2e-cluster-admin-secret-0123' };

let ns: NetNamespace;
let redis: NsRedis;
const janus: NsJanus[] = [];
let nodes: NsProcess[] = [];
let browser: Browser;
const users: CallUser[] = [];
const room = uniqueRoom('cluster-sfu');

beforeAll(async () => {
  await acquireRunLock();
  ns = NetNamespace.create();
  try {
    redis = await NsRedis.start(ns);
    for (const r of POOL_RANGES) janus.push(await startJanusInNs(ns, r.ws, r.rtp, shared));
    nodes = await startNodes(ns, redis.url, 2, {
      JANUS_URLS: janus.map((j) => j.url).join(','),
      JANUS_TOKEN_SECRET: shared.JANUS_TOKEN_SECRET,
      JANUS_VIDEOROOM_ADMIN_KEY: shared.JANUS_VIDEOROOM_ADMIN_KEY,
      MESH_MAX_PARTICIPANTS: '2',
      SFU_PREWARM: 'off',
      TOPOLOGY_HOLDDOWN_SECONDS: '60',
    });
    browser = await launchBrowser(ns);
  } catch (e) {
    for (const j of janus) await j.proc.stop();
    ns.destroy();
    throw e;
  }
}, 20 * 60_000); // the machine-wide run lock may wait for another file (run-lock.ts)

afterAll(async () => {
  await Promise.all(users.map((u) => u.close()));
  await browser?.close().catch(() => undefined);
  for (const n of nodes) await n.stop();
  for (const j of janus) await j.proc.stop();
  await redis?.stop();
  ns?.destroy();
  releaseRunLock();
}, 30_000);

const logs = () => nodes.map((n, i) => `node${i + 1}:\n${n.log(2000)}`).join('\n');

describe('the SFU across two signaling nodes', () => {
  it('people on different nodes meet in one VideoRoom on one Janus and receive each other', async () => {
    for (const [name, node] of [
      ['Ada', 0],
      ['Ben', 1],
      ['Cy', 0],
    ] as const) {
      const base = (nodes[node] as NsProcess).url;
      const u = new CallUser(await newTestPage(browser, name, base), name);
      users.push(u);
      await u.enter(base, room, 60_000);
    }
    try {
      await Promise.all(users.map((u) => waitFor(`${u.name} receives through Janus`, () => carriers(u), (c) => c.length > 0, { timeoutMs: 90_000 })));
      await Promise.all(users.map((u) => mediaFromBoth(u, 60_000)));
    } catch (e) {
      (e as Error).message += `\n\n${users.map((u) => u.tp.diagnostics()).join('\n')}\n\n${logs()}`;
      throw e;
    }
    const used = new Set((await Promise.all(users.map(carriers))).flat());
    expect(used.size).toBe(1);
    const on = [...used][0] as number;
    // Both nodes placed (or joined) the room on that Janus only.
    const texts = [await janusMetrics(users[0] as CallUser), await janusMetrics(users[1] as CallUser)];
    const other = (janus[1 - on] as NsJanus).url;
    expect(texts.map((t) => roomsOn(t, other))).toEqual([0, 0]);
    expect(texts.map((t) => roomsOn(t, (janus[on] as NsJanus).url))).toEqual([1, 1]);
  });
});
