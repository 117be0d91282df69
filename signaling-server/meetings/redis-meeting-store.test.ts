import Redis from 'ioredis';
import { startRedis } from '../../tests/harness/redis-process';
import type { RedisProcess } from '../../tests/harness/redis-process';
import type { Meeting } from './meeting-store';
import { RedisMeetingStore } from './redis-meeting-store';

const meeting = (id: string): Meeting => ({ id, hostKeyHash: 'ab'.repeat(32), waitingRoom: true, locked: false, createdAt: 1_764_680_000_123 });

describe('RedisMeetingStore (two nodes on one Redis)', () => {
  let redis: RedisProcess;
  let one: RedisMeetingStore;
  let two: RedisMeetingStore;
  let raw: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    raw = new Redis(redis.url);
  });
  beforeEach(async () => {
    await raw.flushall();
    one = new RedisMeetingStore(redis.url, 'mt:', 60_000);
    two = new RedisMeetingStore(redis.url, 'mt:', 60_000);
    await Promise.all([one, two].map((s) => waitReady(s)));
  });
  afterEach(async () => {
    await Promise.all([one.close(), two.close()]);
  });
  afterAll(async () => {
    await raw.quit();
    await redis.stop();
  });

  it('a meeting made on one node opens on the other; ids are taken once; settings change atomically with the TTL kept', async () => {
    expect(await one.create(meeting('m1'))).toBe(true);
    expect(await two.create(meeting('m1'))).toBe(false);
    expect(await two.get('m1')).toEqual(meeting('m1'));
    const [a, b] = await Promise.all([one.update('m1', { locked: true }), two.update('m1', { waitingRoom: false })]);
    expect([a?.locked, b?.waitingRoom]).toEqual([true, false]);
    expect(await one.get('m1')).toEqual({ ...meeting('m1'), locked: true, waitingRoom: false });
    expect(await raw.pttl('mt:meeting:m1')).toBeGreaterThan(50_000);
    expect(await one.update('nope', { locked: true })).toBeUndefined();
  });

  it('waiting, admitted and banned are shared, and a ban takes back an admission', async () => {
    await one.create(meeting('m2'));
    await one.knock('m2', { id: 'u2', name: 'Bob', at: 2 });
    await two.knock('m2', { id: 'u1', name: 'Ada', at: 1 });
    expect((await one.waiting('m2')).map((w) => w.name)).toEqual(['Ada', 'Bob']);
    expect(await two.unknock('m2', 'u1')).toBe(true);
    expect(await two.unknock('m2', 'u1')).toBe(false);
    await one.admit('m2', ['u2']);
    expect(await two.isAdmitted('m2', 'u2')).toBe(true);
    await two.ban('m2', ['u2']);
    expect([await one.isAdmitted('m2', 'u2'), await one.isBanned('m2', 'u2')]).toEqual([false, true]);
  });

  it('a node writes back a meeting it knew when Redis comes back empty, but never one that was ended', async () => {
    await one.create(meeting('kept'));
    await one.create(meeting('ended'));
    await two.get('ended');
    await one.delete('ended');
    await raw.del('mt:meeting:kept'); // the record lost (Redis restarted without persistence)
    expect(await two.get('kept')).toBeUndefined(); // node two never saw it
    expect(await one.get('kept')).toEqual(meeting('kept'));
    expect(await raw.exists('mt:meeting:kept')).toBe(1);
    expect(await two.get('ended')).toBeUndefined(); // node two knew it, but it was ended
  });
});

async function waitReady(s: RedisMeetingStore): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      await s.get('probe');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('Redis not ready');
}
