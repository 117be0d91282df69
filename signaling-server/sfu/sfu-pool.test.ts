/**
 * A pool of two real Janus (JANUS_URLS), no browser: new rooms go to the Janus forwarding fewer
 * streams by its own counters, whichever node places them; when a
 * room's Janus is killed, its participants are told to publish and subscribe again (`sfu:rehome`),
 * the room stays on the SFU and its next publish lands on the survivor, and the other room is left
 * alone; with no Janus left, rooms fall back to mesh.
 */
import { sfuConfigFromEnv } from '../config';
import type { JanusProcess } from '../janus/process';
import { startSfu, type SfuHandle } from '../janus/sfu';
import { JanusClient } from '../janus/client';
import { janusTokenSigner } from '../janus/token';
import { VideoRoomAdmin, type VideoRoomSummary } from '../janus/videoroom';
import { forwardedStreams } from './sfu-rooms';
import { fakePublisherOffer } from '../testing/fake-sdp';
import { nextEvent, sleep, startHarness, type Harness, type TestClient } from '../testing/harness';
import { startTestJanus } from '../testing/janus';

jest.setTimeout(60_000);

const quiet = { info: () => undefined, warn: () => undefined };
const shared = { JANUS_TOKEN_SECRET: 'pool-token-secret-0123456789', JANUS_VIDEOROOM_ADMIN_KEY: 'pool-admin-key-0123456789', JANUS_ADMIN_SECRET: 'pool-admin-secret-0123456789' };

describe('a pool of two Janus', () => {
  let procs: JanusProcess[];
  let sfu: SfuHandle;
  let h: Harness;

  /** A node's own connections to both Janus of the pool, once both are up. */
  const startPool = async (): Promise<SfuHandle> => {
    const pool = await startSfu(sfuConfigFromEnv({ JANUS_URLS: procs.map((p) => p.url).join(','), ...shared }), { logger: quiet, pingIntervalMs: 300, pingTimeoutMs: 1500, reconnectMs: 200 });
    await Promise.all((pool.members ?? []).map((m) => m.health.waitFor('up', 5000)));
    return pool;
  };

  beforeAll(async () => {
    procs = (await Promise.all([startTestJanus(shared), startTestJanus(shared)])).map((j) => j.proc);
    sfu = await startPool();
    h = await startHarness({ RESUME_GRACE_MS: '0', TOPOLOGY_HOLDDOWN_SECONDS: '30', SFU_PREWARM: 'off' }, { sfu });
  });

  afterAll(async () => {
    await h?.close();
    await sfu?.stop();
    await Promise.all((procs ?? []).map((p) => p.stop()));
  });

  const emit = async (c: TestClient, event: string, payload: unknown) =>
    (await (c.timeout(8000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, payload)) as {
      ok: boolean;
      error?: { code: string };
    };
  /** Five people (the room goes to the SFU), the first one publishing: the room is placed. */
  const sfuRoom = async (room: string) => {
    const people: TestClient[] = [];
    for (let i = 0; i < 5; i++) people.push((await h.joined(room, `P${i}`)).client);
    expect((await emit(people[0] as TestClient, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
    return people;
  };
  const metric = async (name: string): Promise<Map<string, number>> => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    const out = new Map<string, number>();
    for (const m of text.matchAll(new RegExp(`^${name}(?:\\{janus="([^"]+)"\\})? (\\S+)$`, 'gm'))) out.set(m[1] ?? '', Number(m[2]));
    return out;
  };

  /** Another signaling node on the same pool: its own Janus connections and its own view of the load. */
  const otherNode = async () => {
    const own = await startPool();
    const env = { RESUME_GRACE_MS: '0', TOPOLOGY_HOLDDOWN_SECONDS: '30', SFU_PREWARM: 'off', MESH_MAX_PARTICIPANTS: '1', SESSION_RATE_BURST: '100', MEETING_CREATE_BURST: '100' };
    const node = await startHarness(env, { sfu: own });
    return { node, close: async () => void (await node.close(), await own.stop()) };
  };
  /** What each Janus of the pool reports itself: its rooms and their publishers, read with its own admin key. */
  const counters = async () => {
    const out: { url: string; rooms: VideoRoomSummary[] }[] = [];
    for (const p of procs) {
      const client = await JanusClient.connect(p.url, { token: janusTokenSigner(shared.JANUS_TOKEN_SECRET) });
      try {
        out.push({ url: p.url, rooms: await (await VideoRoomAdmin.open(await client.createSession(), shared.JANUS_VIDEOROOM_ADMIN_KEY)).listRooms() });
      } finally {
        await client.close();
      }
    }
    return out;
  };
  /**
   * The counters once the pool holds `publishers` joined publishers in all (joins made ahead of a
   * participant's first request run beside it), or as they are after 5 s.
   */
  const countersOnceJoined = async (publishers: number) => {
    const until = Date.now() + 5000;
    for (;;) {
      const list = await counters();
      if (list.flatMap((j) => j.rooms).reduce((n, r) => n + r.publishers, 0) === publishers || Date.now() > until) return list;
      await sleep(100);
    }
  };
  const holding = (list: { url: string; rooms: VideoRoomSummary[] }[], publishers: number) => list.filter((j) => j.rooms.some((r) => r.publishers === publishers)).map((j) => j.url);

  it('places a room by the Janus counters: a room another node placed counts', async () => {
    const [x, y] = [await otherNode(), await otherNode()];
    const clients: TestClient[] = [];
    try {
      // Node x opens a room of four publishers. The pool is empty: a tie, so the first Janus.
      for (let i = 0; i < 4; i++) clients.push((await x.node.joined('heavy', `H${i}`)).client);
      for (const c of clients) expect((await emit(c, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
      expect(holding(await counters(), 4)).toEqual([procs[0]?.url]);
      // Node y has placed nothing: by its own view the first Janus again; by the counters the other.
      const light = (await y.node.joined('light', 'L')).client;
      clients.push(light, (await y.node.joined('light', 'M')).client);
      expect((await emit(light, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
      // L publishes; M, whose join moved the room to the SFU, was joined to it as a publisher ahead
      // of its first request (SfuPeer.prepare): Janus counts both.
      expect(holding(await countersOnceJoined(6), 2)).toEqual([procs[1]?.url]);
    } finally {
      for (const c of clients) c.disconnect();
      await x.close();
      await y.close();
    }
  });

  it('spreads twenty rooms opened in turn on two nodes evenly (within 20 % of forwarded streams) over the two', async () => {
    const nodes = [await otherNode(), await otherNode()];
    const clients: TestClient[] = [];
    try {
      for (let r = 0; r < 20; r++) {
        // Rooms of two, some of three (on the SFU from the second), opened on either node in turn:
        // unequal loads. Whoever joins a room on the SFU is joined to its VideoRoom as a publisher
        // ahead of its first request (SfuPeer.prepare); the first one publishes.
        const on = (nodes[r % 2] as { node: Harness }).node;
        const names = r % 3 === 0 ? ['A', 'B', 'C'] : ['A', 'B'];
        const people: TestClient[] = [];
        for (const name of names) people.push((await on.joined(`spread-${r}`, name)).client);
        clients.push(...people);
        expect((await emit(people[0] as TestClient, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
      }
      const mine = (await countersOnceJoined(47)).map((j) => ({ ...j, rooms: j.rooms.filter((r) => r.publishers > 0) }));
      expect(mine.map((j) => j.rooms.length).reduce((x, y) => x + y, 0)).toBe(20);
      expect(mine.flatMap((j) => j.rooms.map((r) => r.publishers)).reduce((x, y) => x + y, 0)).toBe(47);
      const streams = mine.map((j) => forwardedStreams(j.rooms));
      const [lo, hi] = [Math.min(...streams), Math.max(...streams)];
      console.info(`pool placement: forwarded streams per Janus ${streams.join(' / ')} over 20 rooms opened on two nodes`);
      expect((hi - lo) / hi).toBeLessThanOrEqual(0.2);
    } finally {
      for (const c of clients) c.disconnect();
      for (const n of nodes) await n.close();
    }
  });

  it('places rooms on the less loaded Janus, moves a room whose Janus dies to the other, and falls back to mesh with none', async () => {
    const [urlA, urlB] = procs.map((p) => p.url) as [string, string];
    const one = await sfuRoom('pool-one');
    const two = await sfuRoom('pool-two');
    const rooms = await metric('confer_sfu_janus_rooms');
    expect([rooms.get(urlA), rooms.get(urlB)]).toEqual([1, 1]);

    // The Janus of pool-one dies (the first room went to the first Janus: equal load, first listed).
    const rehomed = Promise.all(one.map((c) => nextEvent(c, 'sfu:rehome', 10_000)));
    const noTopology: string[] = [];
    for (const c of one) c.on('room:topology', ({ mode }: { mode: string }) => noTopology.push(mode));
    const otherRehome: unknown[] = [];
    for (const c of two) c.on('sfu:rehome', (e: unknown) => otherRehome.push(e));
    process.kill(procs[0]?.pid as number, 'SIGKILL');
    await rehomed;
    expect((await metric('confer_sfu_failovers_total')).get('')).toBe(1);

    // Still on the SFU: its next publish goes to the surviving Janus.
    expect((await emit(one[1] as TestClient, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
    const after = await metric('confer_sfu_janus_rooms');
    expect(after.get(urlB)).toBe(2);
    expect(after.get(urlA) ?? 0).toBe(0);
    await sleep(300);
    expect(noTopology).toEqual([]);
    expect(otherRehome).toEqual([]);

    // The last Janus dies: both rooms fall back to mesh.
    const toMesh = Promise.all([one[0], two[0]].map((c) => nextEvent<{ mode: string }>(c as TestClient, 'room:topology', 10_000)));
    process.kill(procs[1]?.pid as number, 'SIGKILL');
    expect((await toMesh).map((e) => e.mode)).toEqual(['mesh', 'mesh']);
  });
});
