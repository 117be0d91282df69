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
import { MEDIA, nextEvent, record, sleep, startHarness, type Harness, type TestClient } from '../testing/harness';

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

  it('the owner decides for everyone: a fifth joining on the other node is answered with its decision, and everyone hears it once', async () => {
    const room = 'owned-by-two';
    const [one, two] = cluster.nodes;
    const first = await join(two, room, 'O0');
    expect(await owner(room)).toBe('two');
    const others = [first, await join(one, room, 'O1'), await join(one, room, 'O2'), await join(two, room, 'O3')];
    const heard = others.map((c) => record<{ mode: string }>(c, 'room:topology'));
    const fifth = await one.connect(await one.token(room, 'O4'));
    clients.push(fifth);
    const ack = await fifth.timeout(5000).emitWithAck('room:join', { media: MEDIA });
    expect(ack.ok && (ack.data as JoinResponse).topology).toBe('sfu');
    for (let i = 0; i < 50 && heard.some((h) => h.length === 0); i++) await sleep(100);
    await sleep(300);
    expect(heard.map((h) => h.map((e) => e.mode))).toEqual([['sfu'], ['sfu'], ['sfu'], ['sfu']]);
    expect(await owner(room)).toBe('two');
    const owned = async (h: Harness) => Number(/^confer_sfu_owned_rooms (\d+)$/m.exec(await (await fetch(`${h.url}/metrics`)).text())?.[1]);
    expect([await owned(one), await owned(two)]).toEqual([0, 1]);
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

    const back = Promise.all(stay.map((c) => nextEvent<{ mode: string }>(c, 'room:topology', 20_000)));
    await two.close();
    // T0 is gone with node two (after its resume grace): four are left, all on node one.
    expect((await back).map((e) => e.mode)).toEqual(['mesh', 'mesh', 'mesh', 'mesh']);
    expect(await owner(room)).toBe('one');
  });

  it("the owner's node goes during a hold-down, with nobody of the room on it: the other node takes the lease over by itself and ends the hold-down", async () => {
    const room = 'lease-lapse';
    const [one, two] = cluster.nodes;
    // L0 joins on node two (the owner from then on), and moves to node one (a resume: the roster does not change).
    const token = await two.token(room, 'L0');
    const l0 = await two.connect(token);
    const ack = await l0.timeout(5000).emitWithAck('room:join', { media: MEDIA });
    const resume = ack.ok ? (ack.data as JoinResponse).resume?.token : undefined;
    const stay = [await join(one, room, 'L1'), await join(one, room, 'L2'), await join(one, room, 'L3')];
    const leaving = await join(one, room, 'L4');
    expect(await owner(room)).toBe('two');
    (l0 as unknown as { io: { engine: { close(): void } } }).io.engine.close();
    l0.disconnect();
    const moved = await one.connect(token);
    clients.push(moved);
    const resumed = await moved.timeout(5000).emitWithAck('room:resume', { token: resume as string });
    expect(resumed.ok).toBe(true);
    stay.push(moved);

    // Four are left, all on node one; node two starts the hold-down and goes before it ends.
    const back = Promise.all(stay.map((c) => nextEvent<{ mode: string }>(c, 'room:topology', 20_000)));
    leaving.disconnect();
    await sleep(300);
    await two.close();
    expect((await back).map((e) => e.mode)).toEqual(['mesh', 'mesh', 'mesh', 'mesh']);
    expect(await owner(room)).toBe('one');
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
      const late = await three.connect(await three.token(room, 'M6'));
      clients.push(late);
      // Without the stored mode it would wait in vain for a decision the owner has no reason to take, and say mesh.
      const ack = await late.timeout(8000).emitWithAck('room:join', { media: MEDIA });
      expect(ack.ok && (ack.data as JoinResponse).topology).toBe('sfu');
    } finally {
      await three.close();
      await sfu.stop();
    }
  });
});
