/** RedisRoomStore against a real redis-server on a free loopback port (started and stopped here). */
import { Limits } from '../../protocol';
import type { ChatMessage, Participant } from '../../protocol';
import { startRedis } from '../../tests/harness/redis-process';
import type { RedisProcess } from '../../tests/harness/redis-process';
import { silentLogger } from '../testing/harness';
import { StoreUnavailableError } from './errors';
import { RedisRoomStore } from './redis-store';
import type { RedisStoreOptions } from './redis-store';

jest.setTimeout(20_000);
const person = (id: string, joinedAt = 1): Participant => ({ id, name: id, joinedAt, media: { mic: true, camera: false, screen: false, hand: false } });
const message = (n: number): ChatMessage => ({ id: `m${n}`, from: 'a', name: 'A', text: `hi ${n}`, at: n });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RedisRoomStore', () => {
  let redis: RedisProcess;
  const stores: RedisRoomStore[] = [];
  let n = 0;
  const open = async (extra: Partial<RedisStoreOptions> = {}) => {
    const store = new RedisRoomStore({ url: redis.url, node: `node${n++}`, prefix: `t${n}:`, logger: silentLogger, graceMs: 300, ...extra });
    stores.push(store);
    await waitReady(store);
    return store;
  };
  const waitReady = async (store: RedisRoomStore) => {
    for (let i = 0; i < 100 && store.redis.status !== 'ready'; i++) await sleep(20);
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  afterAll(() => redis.stop());

  it('adds, lists, patches media and removes, deleting the room and its chat with the last one', async () => {
    const store = await open();
    expect(await store.addParticipant('r', person('a', 1), 5)).toBe('added');
    expect(await store.addParticipant('r', person('b', 2), 5)).toBe('added');
    expect((await store.listParticipants('r')).map((p) => p.id)).toEqual(['a', 'b']);
    expect(await store.updateMedia('r', 'a', { camera: true })).toEqual({ mic: true, camera: true, screen: false, hand: false });
    expect(await store.updateMedia('r', 'zz', { mic: false })).toBeUndefined();
    expect(await store.countParticipants()).toBe(2);
    expect(await store.listRooms()).toEqual(['r']);
    expect(await store.appendChat('r', message(1))).toBe(true);
    await store.removeParticipant('r', 'a');
    expect((await store.removeParticipant('r', 'b'))?.id).toBe('b');
    expect(await store.listRooms()).toEqual([]);
    expect(await store.getChat('r')).toEqual([]);
    expect(await store.appendChat('r', message(2))).toBe(false);
  });

  it('keeps the room index clean: stale entries are dropped and the index expires when no node is left', async () => {
    const store = await open({ nodeTtlMs: 300, roomTtlMs: 1000 });
    const roomsKey = (store as unknown as { keys: { rooms: string } }).keys.rooms;
    expect(await store.addParticipant('live', person('a'), 5)).toBe('added');
    // A room a dead node left behind: in the index, refreshed by nobody.
    await store.redis.zadd(roomsKey, Date.now() - 5000, 'ghost');
    await sleep(400); // past one heartbeat
    expect(await store.redis.zrange(roomsKey, 0, -1)).toEqual(['live']);
    const ttl = await store.redis.pttl(roomsKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
  });

  it('claims a single-use key once across nodes, for its TTL only', async () => {
    const a = await open();
    const b = await open({ prefix: (a as unknown as { keys: { prefix: string } }).keys.prefix });
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimOnce('resume:t1', 300)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await sleep(400);
    expect(await b.claimOnce('resume:t1', 300)).toBe(true);
  });

  it('shares a value across nodes: the first claim wins, everyone reads it, only its holder value drops it', async () => {
    const a = await open();
    const b = await open({ prefix: (a as unknown as { keys: { prefix: string } }).keys.prefix });
    const held = await Promise.all(['x', 'y', 'z', 'w'].map((v, i) => (i % 2 ? a : b).claimValue('place:r1', v, 5000)));
    expect(new Set(held).size).toBe(1);
    const winner = held[0] as string;
    expect(await a.getValue('place:r1')).toBe(winner);
    await b.dropValue('place:r1', winner === 'x' ? 'y' : 'x');
    expect(await b.getValue('place:r1')).toBe(winner);
    await b.dropValue('place:r1', winner);
    expect(await a.getValue('place:r1')).toBeUndefined();
    expect(await a.claimValue('place:r1', 'new', 200)).toBe('new');
    await sleep(300);
    expect(await b.getValue('place:r1')).toBeUndefined();
    await a.putValue('place:r1', 'one', 5000);
    await b.putValue('place:r1', 'two', 5000);
    expect(await a.getValue('place:r1')).toBe('two');
  });

  it('renews a shared value only for its holder: a lease another node cannot extend, and that lapses unrenewed', async () => {
    const a = await open();
    const b = await open({ prefix: (a as unknown as { keys: { prefix: string } }).keys.prefix });
    expect(await a.claimValue('owner:r1', 'node-a', 300)).toBe('node-a');
    expect(await b.renewValue('owner:r1', 'node-b', 5000)).toBe(false);
    expect(await a.renewValue('owner:r1', 'node-a', 5000)).toBe(true);
    await sleep(500);
    expect(await b.claimValue('owner:r1', 'node-b', 300)).toBe('node-a');
    await a.dropValue('owner:r1', 'node-a');
    expect(await b.claimValue('owner:r1', 'node-b', 200)).toBe('node-b');
    await sleep(300);
    expect(await b.renewValue('owner:r1', 'node-b', 5000)).toBe(false);
    expect(await a.getValue('owner:r1')).toBeUndefined();
  });

  it('works with a password in REDIS_URL, and a wrong one fails as an unavailable store, at once', async () => {
    const locked = await startRedis(undefined, { password: 'p@ss word/0123' });
    try {
      const store = await open({ url: locked.url });
      expect(await store.addParticipant('r', person('a'), 5)).toBe('added');
      expect((await store.listParticipants('r')).map((p) => p.id)).toEqual(['a']);
      const wrong = new RedisRoomStore({ url: locked.url.replace(/:[^:@/]+@/, ':nope@'), node: 'w', logger: silentLogger, graceMs: 300, commandTimeoutMs: 500 });
      stores.push(wrong);
      await expect(wrong.addParticipant('r', person('b'), 5)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      await locked.stop();
    }
  });

  it('keeps the newest chat messages up to the cap', async () => {
    const store = await open();
    await store.addParticipant('r', person('a'), 5);
    for (let i = 0; i < Limits.chatHistory + 5; i++) await store.appendChat('r', message(i));
    const chat = await store.getChat('r');
    expect(chat).toHaveLength(Limits.chatHistory);
    expect(chat[0]?.id).toBe('m5');
  });

  it('checks capacity atomically across nodes: 20 racing joins from two nodes into a room of 5', async () => {
    const a = await open();
    const b = await open({ prefix: (a as unknown as { keys: { prefix: string } }).keys.prefix });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).addParticipant('cap', person(`p${i}`), 5)));
    expect(results.filter((r) => r === 'added')).toHaveLength(5);
    expect(await a.countParticipants()).toBe(5);
  });

  it('caps the number of rooms', async () => {
    const store = await open();
    expect(await store.addParticipant('r1', person('a'), 5, { maxRooms: 1 })).toBe('added');
    expect(await store.addParticipant('r2', person('b'), 5, { maxRooms: 1 })).toBe('too-many-rooms');
    expect(await store.addParticipant('r1', person('c'), 5, { maxRooms: 1 })).toBe('added');
  });

  it('keeps a lost participant until its deadline, lets its new connection resume it, and expires it once', async () => {
    const store = await open();
    await store.addParticipant('r', person('a'), 5, { conn: 's1' });
    expect(await store.markDisconnected('r', 'a', 'other', 0)).toBe(false);
    expect(await store.markDisconnected('r', 'a', 's1', Date.now() + 60_000)).toBe(true);
    expect((await store.resume('r', 'a', 's2'))?.id).toBe('a');
    expect(await store.removeParticipant('r', 'a', 's1')).toBeUndefined();
    expect(await store.expire(Date.now() + 120_000)).toEqual([]);
    await store.markDisconnected('r', 'a', 's2', Date.now());
    const [first, second] = await Promise.all([store.expire(Date.now() + 1), store.expire(Date.now() + 1)]);
    expect([...first, ...second].map((e) => e.participant.id)).toEqual(['a']);
    expect(await store.resume('r', 'a', 's3')).toBeUndefined();
  });

  it('reaps the participants of a node whose heartbeat stopped, after the grace', async () => {
    const dead = await open({ nodeTtlMs: 300 });
    const alive = await open({ nodeTtlMs: 300, prefix: (dead as unknown as { keys: { prefix: string } }).keys.prefix });
    await dead.addParticipant('r', person('x'), 5, { conn: 's1' });
    await alive.addParticipant('r', person('y', 2), 5, { conn: 's2' });
    // A crash: the heartbeat stops without the clean close that drops the liveness key.
    clearInterval((dead as unknown as { heartbeat: NodeJS.Timeout }).heartbeat);
    dead.redis.disconnect();
    expect(await alive.expire(Date.now())).toEqual([]);
    const deadline = Date.now() + 3000;
    let expired: string[] = [];
    while (Date.now() < deadline && expired.length === 0) {
      await sleep(100);
      expired = (await alive.expire(Date.now())).map((e) => e.participant.id);
    }
    expect(expired).toEqual(['x']);
    expect((await alive.listParticipants('r')).map((p) => p.id)).toEqual(['y']);
  });

  it('fails fast with StoreUnavailableError while Redis is down and writes its live members back when it returns empty', async () => {
    const store = await open({ nodeTtlMs: 600, isLive: (conn) => conn === 's1' });
    await store.addParticipant('r', person('a'), 5, { conn: 's1' });
    await redis.stop();
    const started = Date.now();
    await expect(store.addParticipant('r', person('b'), 5)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
    await redis.restart();
    const deadline = Date.now() + 5000;
    let ids: string[] = [];
    while (Date.now() < deadline && ids.length === 0) {
      await sleep(100);
      ids = await store.listParticipants('r').then((ps) => ps.map((p) => p.id), () => []);
    }
    expect(ids).toEqual(['a']);
  });
});
