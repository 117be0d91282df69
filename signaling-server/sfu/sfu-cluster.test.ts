/**
 * Two signaling nodes on one Redis and one real Janus, no browser: five people of one meeting
 * connected three to one node and two to the other all publish into one VideoRoom (the cluster's
 * placement of the room), and the VideoRoom goes when the room ends.
 */
import { Redis } from 'ioredis';
import type { JanusSettings } from '../config';
import { JanusClient } from '../janus/client';
import type { JanusProcess } from '../janus/process';
import { janusTokenSigner } from '../janus/token';
import { VideoRoomAdmin } from '../janus/videoroom';
import { fakePublisherOffer } from '../testing/fake-sdp';
import { MEDIA, metricValue, nextEvent, record, sleep, type Harness, type TestClient } from '../testing/harness';
import type { JoinResponse } from '../../protocol';
import { startSfuCluster, type SfuCluster } from '../testing/cluster';
import type { RedisProcess } from '../../tests/harness/redis-process';

jest.setTimeout(60_000);


describe('the SFU across two signaling nodes', () => {
  let cluster: SfuCluster;
  let redis: RedisProcess;
  let proc: JanusProcess;
  let settings: JanusSettings;
  let nodes: Harness[];
  let admin: { client: JanusClient; rooms: VideoRoomAdmin };

  beforeAll(async () => {
    cluster = await startSfuCluster({ REDIS_PREFIX: 'sfuc:', RESUME_GRACE_MS: '3000', TOPOLOGY_HOLDDOWN_SECONDS: '1', SFU_PREWARM: 'off' });
    ({ redis, proc, settings, nodes } = cluster);
    const client = await JanusClient.connect(proc.url, { token: janusTokenSigner(settings.tokenSecret) });
    admin = { client, rooms: await VideoRoomAdmin.open(await client.createSession(), settings.videoroomAdminKey) };
    await sleep(100);
  });

  afterAll(async () => {
    await admin?.client.close();
    await cluster?.close();
  });

  const publish = async (c: TestClient) =>
    (await (c.timeout(8000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean }> }).emitWithAck('sfu:publish', {
      jsep: { type: 'offer', sdp: fakePublisherOffer() },
    })).ok;

  it('puts everyone of a meeting in one VideoRoom whichever node they reach, and removes it when the meeting empties', async () => {
    const room = 'cross-node';
    const [one, two] = nodes as [Harness, Harness];
    const people: { client: TestClient; id: string }[] = [];
    for (const [i, h] of [one, two, one, two, one].entries()) people.push(await h.joined(room, `P${i}`));
    // Both nodes publish at once: the race for the room's placement has one winner.
    expect(await Promise.all(people.map((p) => publish(p.client)))).toEqual([true, true, true, true, true]);

    const redisClient = new Redis(redis.url);
    try {
      const placement = JSON.parse((await redisClient.get('sfuc:shared:sfu-room:cross-node')) ?? 'null') as { creds: { room: string } } | null;
      expect(placement).not.toBeNull();
      const inRoom = await admin.rooms.listParticipants(placement?.creds.room as string);
      expect(inRoom.map((p) => p.id).sort()).toEqual(people.map((p) => p.id).sort());
      for (const p of people) p.client.disconnect();
      for (let i = 0; i < 100 && (await redisClient.get('sfuc:shared:sfu-room:cross-node')); i++) await sleep(100);
      expect(await redisClient.get('sfuc:shared:sfu-room:cross-node')).toBeNull();
    } finally {
      redisClient.disconnect();
    }
  });

  it('a switch waits for everyone on either node: nobody is told to close the old path while someone on the other node is still moving', async () => {
    const room = 'cross-node-switch';
    const [one, two] = nodes as [Harness, Harness];
    const people: TestClient[] = [];
    try {
      for (const [i, h] of [one, two, one, two].entries()) people.push((await h.joined(room, `S${i}`)).client);
      const announced = Promise.all(people.map((c) => nextEvent<{ mode: string }>(c, 'room:topology', 10_000)));
      const fifth = await one.connect(await one.token(room, 'S4'));
      people.push(fifth);
      const ack = await fifth.timeout(5000).emitWithAck('room:join', { media: MEDIA });
      expect(ack.ok && (ack.data as JoinResponse).topology).toBe('sfu');
      expect((await announced).map((e) => e.mode)).toEqual(['sfu', 'sfu', 'sfu', 'sfu']);
      const done = people.map((c) => record<{ mode: string }>(c, 'sfu:switch-done'));
      const switched = async (c: TestClient) =>
        expect(((await (c.timeout(8000) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: boolean }> }).emitWithAck('sfu:switched', { mode: 'sfu' })) as { ok: boolean }).ok).toBe(true);
      // Node one's three are on the SFU; node two's two are not yet: nobody may close the mesh.
      for (const c of [people[0], people[2], fifth]) await switched(c);
      await sleep(1500);
      expect(done.map((d) => d.length)).toEqual([0, 0, 0, 0, 0]);
      // The last two report on node two: everyone, on both nodes, is told the switch is done.
      for (const c of [people[1], people[3]]) await switched(c);
      for (let i = 0; i < 100 && done.some((d) => d.length === 0); i++) await sleep(100);
      expect(done.map((d) => d.map((e) => e.mode))).toEqual([['sfu'], ['sfu'], ['sfu'], ['sfu'], ['sfu']]);
    } finally {
      for (const c of people) c.disconnect();
    }
  });

  /** Ada joins on node one (four others on node two), publishes, and her connection moves to node two (resume). */
  async function adaMoves(room: string, beforeResume: (redisClient: Redis, self: string) => Promise<void> = async () => undefined) {
    const [one, two] = nodes as [Harness, Harness];
    const others: { client: TestClient; id: string }[] = [];
    for (const [i, h] of [two, two, two, two].entries()) others.push(await h.joined(room, `O${i}`));
    const token = await one.token(room, 'Ada');
    const ada = await one.connect(token);
    const ack = await ada.timeout(5000).emitWithAck('room:join', { media: MEDIA });
    if (!ack.ok) throw new Error(ack.error.code);
    const joined = ack.data as JoinResponse;
    expect(joined.topology).toBe('sfu');
    expect(await publish(ada)).toBe(true);
    const redisClient = new Redis(redis.url);
    const placement = JSON.parse((await redisClient.get(`sfuc:shared:sfu-room:${room}`)) ?? 'null') as { creds: { room: string } };
    const ids = async () => (await admin.rooms.listParticipants(placement.creds.room)).map((p) => p.id);
    expect(await ids()).toContain(joined.self.id);
    const lease = JSON.parse((await redisClient.get(`sfuc:shared:sfu-peer:${room}:${joined.self.id}`)) ?? 'null') as { session: number; published: boolean } | null;
    expect(lease).toMatchObject({ published: true });
    await beforeResume(redisClient, joined.self.id);

    // Ada's connection to node one is cut; she resumes on node two.
    (ada as unknown as { io: { engine: { close(): void } } }).io.engine.close();
    ada.disconnect();
    await sleep(200);
    const moved = await two.connect(token);
    const rehome = nextEvent(moved, 'sfu:rehome', 3000).then(
      () => true,
      () => false,
    );
    const resumed = await moved.timeout(5000).emitWithAck('room:resume', { token: joined.resume?.token as string });
    expect(resumed.ok && (resumed.data as JoinResponse).self.id).toBe(joined.self.id);
    const done = async () => {
      moved.disconnect();
      for (const o of others) o.client.disconnect();
      redisClient.disconnect();
    };
    return { self: joined.self.id, session: lease?.session, moved, rehome, ids, done };
  }

  const resumes = (h: Harness, how: string) => metricValue(h, `confer_sfu_resumes_total{how="${how}"}`);

  it("a participant resuming on the other node keeps its Janus session: that node claims it, and the one that held it lets it go", async () => {
    const [one, two] = nodes as [Harness, Harness];
    const before = await resumes(two, 'taken');
    let heldByOne = 0;
    const m = await adaMoves('moved', async () => {
      heldByOne = await metricValue(one, 'confer_sfu_sessions');
    });
    try {
      // No re-publish: no sfu:rehome, her publisher never left the VideoRoom.
      expect(await m.rehome).toBe(false);
      expect(await m.ids()).toContain(m.self);
      expect(await resumes(two, 'taken')).toBe(before + 1);
      // Node one let the session go (without ending it: Janus still has it).
      expect(heldByOne).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < 30 && (await metricValue(one, 'confer_sfu_sessions')) !== heldByOne - 1; i++) await sleep(100);
      expect(await metricValue(one, 'confer_sfu_sessions')).toBe(heldByOne - 1);
      const c2 = await JanusClient.connect(proc.url, { token: janusTokenSigner(settings.tokenSecret) });
      try {
        // A third connection can still claim it: the session exists in Janus (it was not destroyed by node one).
        await expect(c2.claimSession(m.session as number)).resolves.toBeDefined();
      } finally {
        await c2.close();
      }
    } finally {
      await m.done();
    }
  });

  it('a participant resuming where no session can be claimed (Janus ended it) is removed from the VideoRoom and told to publish again', async () => {
    const [, two] = nodes as [Harness, Harness];
    const before = await resumes(two, 'republished');
    const m = await adaMoves('gone', async (redisClient, self) => {
      // As after reclaim_session_timeout: the record names a session Janus no longer has.
      const key = `sfuc:shared:sfu-peer:gone:${self}`;
      const lease = JSON.parse((await redisClient.get(key)) as string) as { session: number };
      await redisClient.set(key, JSON.stringify({ ...lease, session: lease.session + 1 }));
    });
    try {
      expect(await m.rehome).toBe(true);
      expect(await m.ids()).not.toContain(m.self);
      expect(await resumes(two, 'republished')).toBe(before + 1);
      // She publishes again through node two, under the same id.
      expect(await publish(m.moved)).toBe(true);
      expect(await m.ids()).toContain(m.self);
    } finally {
      await m.done();
    }
  });
});
