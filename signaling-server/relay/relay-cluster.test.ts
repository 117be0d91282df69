/**
 * The relay's remembered peers across two nodes on one redis-server: a departure on the other
 * node reaches the sender's node as the room's broadcast and ends the memory, so the next signal
 * is refused as before.
 */
import { startRedis } from '../../tests/harness/redis-process';
import type { RedisProcess } from '../../tests/harness/redis-process';
import { nextEvent, sleep, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';

jest.setTimeout(30_000);

const offer = { type: 'offer' as const, sdp: 'v=0\r\n' };

describe('peer:signal relay across nodes', () => {
  let redis: RedisProcess;
  let one: Harness;
  let two: Harness;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: 'relay:' };
    one = await startHarness({ ...env, NODE_ID: 'one' });
    two = await startHarness({ ...env, NODE_ID: 'two' });
    await sleep(100); // both adapters subscribed
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await redis.stop();
  });

  it('answers PEER_NOT_FOUND once a peer on the other node has left', async () => {
    const a = await one.joined('far');
    const b = await two.joined('far');
    const atB = nextEvent(b.client, 'peer:signal');
    expect(await a.client.timeout(3000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toEqual({ ok: true, data: null });
    expect(await atB).toEqual({ from: a.id, signal: offer });
    const left = nextEvent(a.client, 'room:participant-left');
    await b.client.timeout(3000).emitWithAck('room:leave', {});
    await left;
    expect(await a.client.timeout(3000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
  });
});
