/**
 * One owner per room across two signaling nodes (real Redis, real Janus, no browser): the node
 * holding the room's lease decides its topology for everyone, a join on the other node is answered
 * with the owner's decision, and when the owner's node goes the other takes the room over and
 * decides from then on.
 */
import { Redis } from 'ioredis';
import type { JoinResponse } from '../../protocol';
import { sfuConfigFromEnv } from '../config';
import { startSfu } from '../janus/sfu';
import { startSfuCluster, type SfuCluster } from '../testing/cluster';
import { MEDIA, metricValue, nextEvent, record, sleep, startHarness, type Harness, type TestClient } from '../testing/harness';

jest.setTimeout(60_000);

describe('the room owner of a cluster', () => {
  let cluster: SfuCluster;
  let redis: Redis;
  const clients: TestClient[] = [];

  // A cluster for each test: two of them end node two.
  beforeEach(async () => {
    cluster = await startSfuCluster({ REDIS_PREFIX: 'sfuo:', RESUME_GRACE_MS: '1500', TOPOLOGY_HOLDDOWN_SECONDS: '3', SFU_PREWARM: 'off' });
    redis = new Redis(cluster.redis.url);
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    redis?.disconnect();
    await cluster?.close();
  });

  const owner = (room: string) => redis.get(`sfuo:shared:sfu-owner:${room}`);
  const join = async (h: Harness, room: string, name: string) => {
    const j = await h.joined(room, name);
    clients.push(j.client);
    return j.client;
  };
  /** Connects to `h` and sends the join, keeping the answer (and the token, for a resume). */
  const enter = async (h: Harness, room: string, name: string) => {
    const token = await h.token(room, name);
    const client = await h.connect(token);
    clients.push(client);
    const ack = await client.timeout(8000).emitWithAck('room:join', { media: MEDIA });
    return { client, token, joined: ack.ok ? (ack.data as JoinResponse) : undefined };
  };
  /** Node two, the owner, goes (after `meanwhile`): `stay` are told mesh by node one, which owns the room from then on. */
  const ownerGoesBackToMesh = async (room: string, stay: TestClient[], meanwhile: () => Promise<void> = async () => undefined) => {
    const back = Promise.all(stay.map((c) => nextEvent<{ mode: string }>(c, 'room:topology', 20_000)));
    await meanwhile();
    await cluster.nodes[1].close();
    expect((await back).map((e) => e.mode)).toEqual(stay.map(() => 'mesh'));
    expect(await owner(room)).toBe('one');
  };

  it('the owner decides for everyone: a fifth joining on the other node is answered with its decision, and everyone hears it once', async () => {
    const room = 'owned-by-two';
    const [one, two] = cluster.nodes;
    const first = await join(two, room, 'O0');
    expect(await owner(room)).toBe('two');
    const others = [first, await join(one, room, 'O1'), await join(one, room, 'O2'), await join(two, room, 'O3')];
    const heard = others.map((c) => record<{ mode: string }>(c, 'room:topology'));
    expect((await enter(one, room, 'O4')).joined?.topology).toBe('sfu');
    for (let i = 0; i < 50 && heard.some((h) => h.length === 0); i++) await sleep(100);
    await sleep(300);
    expect(heard.map((h) => h.map((e) => e.mode))).toEqual([['sfu'], ['sfu'], ['sfu'], ['sfu']]);
    expect(await owner(room)).toBe('two');
    expect([await metricValue(one, 'confer_sfu_owned_rooms'), await metricValue(two, 'confer_sfu_owned_rooms')]).toEqual([0, 1]);
  });

  it("the owner's node goes: the other node takes the room over and decides (back to mesh after the hold-down)", async () => {
    const room = 'taken-over';
    const [one, two] = cluster.nodes;
    await join(two, room, 'T0');
    const stay = [await join(one, room, 'T1'), await join(one, room, 'T2'), await join(one, room, 'T3')];
    const announced = Promise.all(stay.map((c) => nextEvent<{ mode: string }>(c, 'room:topology', 10_000)));
    stay.push(await join(one, room, 'T4'));
    expect((await announced).map((e) => e.mode)).toEqual(['sfu', 'sfu', 'sfu']);
    expect(await owner(room)).toBe('two');

    // T0 is gone with node two (after its resume grace): four are left, all on node one.
    await ownerGoesBackToMesh(room, stay);
  });

  it("the owner's node goes during a hold-down, with nobody of the room on it: the other node takes the lease over by itself and ends the hold-down", async () => {
    const room = 'lease-lapse';
    const [one, two] = cluster.nodes;
    // L0 joins on node two (the owner from then on), and moves to node one (a resume: the roster does not change).
    const l0 = await enter(two, room, 'L0');
    const stay = [await join(one, room, 'L1'), await join(one, room, 'L2'), await join(one, room, 'L3')];
    const leaving = await join(one, room, 'L4');
    expect(await owner(room)).toBe('two');
    (l0.client as unknown as { io: { engine: { close(): void } } }).io.engine.close();
    l0.client.disconnect();
    const moved = await one.connect(l0.token);
    clients.push(moved);
    const resumed = await moved.timeout(5000).emitWithAck('room:resume', { token: l0.joined?.resume?.token as string });
    expect(resumed.ok).toBe(true);
    stay.push(moved);

    // Four are left, all on node one; node two starts the hold-down and goes before it ends.
    await ownerGoesBackToMesh(room, stay, async () => {
      leaving.disconnect();
      await sleep(300);
    });
  });

  it('a node new to a room on the SFU (started after the switch) answers a joiner with the mode the owner stored', async () => {
    const room = 'met-late';
    const [one, two] = cluster.nodes;
    await join(two, room, 'M0');
    for (const [i, h] of [one, one, two, one].entries()) await join(h, room, `M${i + 1}`);
    for (let i = 0; i < 50 && (await redis.get(`sfuo:shared:sfu-mode:${room}`)) !== 'sfu'; i++) await sleep(100);
    const { proc, settings } = cluster;
    const sfu = await startSfu(sfuConfigFromEnv({ JANUS_URL: proc.url, JANUS_TOKEN_SECRET: settings.tokenSecret, JANUS_VIDEOROOM_ADMIN_KEY: settings.videoroomAdminKey }), { logger: { info: () => undefined, warn: () => undefined } });
    const three = await startHarness({ REDIS_URL: cluster.redis.url, NODE_ID: 'three', REDIS_PREFIX: 'sfuo:', SFU_PREWARM: 'off' }, { sfu });
    try {
      await sfu.health?.waitFor('up', 5000);
      // Without the stored mode it would wait in vain for a decision the owner has no reason to take, and say mesh.
      expect((await enter(three, room, 'M6')).joined?.topology).toBe('sfu');
    } finally {
      await three.close();
      await sfu.stop();
    }
  });
});
