/**
 * Two signaling nodes on one Redis and one real Janus, no browser: five people of one meeting
 * connected three to one node and two to the other all publish into one VideoRoom (the cluster's
 * placement of the room), and the VideoRoom goes when the room ends.
 */
import { Redis } from 'ioredis';
import { sfuConfigFromEnv } from '../config';
import type { JanusSettings } from '../config';
import { JanusClient } from '../janus/client';
import type { JanusProcess } from '../janus/process';
import { startSfu, type SfuHandle } from '../janus/sfu';
import { janusTokenSigner } from '../janus/token';
import { VideoRoomAdmin } from '../janus/videoroom';
import { fakePublisherOffer } from '../testing/fake-sdp';
import { sleep, startHarness, type Harness, type TestClient } from '../testing/harness';
import { startTestJanus } from '../testing/janus';
import { startRedis, type RedisProcess } from '../../tests/harness/redis-process';

jest.setTimeout(60_000);

const quiet = { info: () => undefined, warn: () => undefined };

describe('the SFU across two signaling nodes', () => {
  let redis: RedisProcess;
  let proc: JanusProcess;
  let settings: JanusSettings;
  const sfus: SfuHandle[] = [];
  const nodes: Harness[] = [];
  let admin: { client: JanusClient; rooms: VideoRoomAdmin };

  beforeAll(async () => {
    redis = await startRedis();
    ({ proc, settings } = await startTestJanus());
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'sfuc:', RESUME_GRACE_MS: '0', TOPOLOGY_HOLDDOWN_SECONDS: '1', SFU_PREWARM: 'off' };
    for (const id of ['one', 'two']) {
      // Each node watches the same Janus through its own connection, as separate processes would.
      const sfu = await startSfu(sfuConfigFromEnv({ JANUS_URL: proc.url, JANUS_TOKEN_SECRET: settings.tokenSecret, JANUS_VIDEOROOM_ADMIN_KEY: settings.videoroomAdminKey }), {
        logger: quiet,
        pingIntervalMs: 300,
        pingTimeoutMs: 1500,
        reconnectMs: 200,
      });
      await sfu.health?.waitFor('up', 5000);
      sfus.push(sfu);
      nodes.push(await startHarness({ ...env, NODE_ID: id }, { sfu }));
    }
    const client = await JanusClient.connect(proc.url, { token: janusTokenSigner(settings.tokenSecret) });
    admin = { client, rooms: await VideoRoomAdmin.open(await client.createSession(), settings.videoroomAdminKey) };
    await sleep(100);
  });

  afterAll(async () => {
    await admin?.client.close();
    for (const h of nodes) await h.close();
    for (const s of sfus) await s.stop();
    await proc?.stop();
    await redis?.stop();
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
      for (let i = 0; i < 50 && (await redisClient.get('sfuc:shared:sfu-room:cross-node')); i++) await sleep(100);
      expect(await redisClient.get('sfuc:shared:sfu-room:cross-node')).toBeNull();
    } finally {
      redisClient.disconnect();
    }
  });
});
