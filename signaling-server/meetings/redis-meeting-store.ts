/** MeetingStore on Redis, for several server nodes: a meeting made on one node opens on every other. */
import type Redis from 'ioredis';
import type { WaitingEntry } from '../../protocol';
import { closeRedis, connectRedis, runOn, whenReady } from '../store/redis-connection';
import { RedisKeys } from '../store/redis-keys';
import type { Meeting, MeetingPatch, MeetingStore } from './meeting-store';

const PARTS = ['waiting', 'admitted', 'banned'] as const;

/** KEYS: the meeting's record. ARGV: the fields to set (JSON). The new record, or nil when there is none. */
const UPDATE = `
local rec = redis.call('GET', KEYS[1])
if not rec then return false end
local m = cjson.decode(rec)
for k, v in pairs(cjson.decode(ARGV[1])) do m[k] = v end
local out = cjson.encode(m)
redis.call('SET', KEYS[1], out, 'KEEPTTL')
return out
`;

/**
 * Records live in Redis. Each node also remembers the records it read or wrote: when Redis comes
 * back empty (restarted without persistence), a meeting this node knew is written back on its next
 * read, so its link keeps working (like the room store's write-back of live members). Who was
 * admitted, banned or waiting is not restored: admitted people knock again. An ended meeting
 * leaves a marker so no node brings it back.
 */
export class RedisMeetingStore implements MeetingStore {
  private readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly known = new Map<string, { meeting: Meeting; until: number }>();

  constructor(
    url: string,
    prefix: string,
    private readonly ttlMs: number,
  ) {
    this.redis = connectRedis(url);
    this.keys = new RedisKeys(prefix);
  }

  ready(timeoutMs: number): Promise<boolean> {
    return whenReady(this.redis, timeoutMs);
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    return runOn(this.redis, fn);
  }

  private all(id: string): string[] {
    return [this.keys.meeting(id), ...PARTS.map((p) => this.keys.meeting(id, p))];
  }

  private remember(meeting: Meeting): Meeting {
    const now = Date.now();
    for (const [id, k] of this.known) if (k.until <= now) this.known.delete(id);
    this.known.set(meeting.id, { meeting, until: now + this.ttlMs });
    return meeting;
  }

  async create(meeting: Meeting): Promise<boolean> {
    const done = await this.run(() => this.redis.set(this.keys.meeting(meeting.id), JSON.stringify(meeting), 'PX', this.ttlMs, 'NX'));
    if (done === 'OK') this.remember(meeting);
    return done === 'OK';
  }

  async get(id: string): Promise<Meeting | undefined> {
    const [rec, ended] = await this.run(() => Promise.all([this.redis.get(this.keys.meeting(id)), this.redis.exists(this.keys.meeting(id, 'ended'))]));
    if (rec) return this.remember(JSON.parse(rec) as Meeting);
    const mine = this.known.get(id);
    if (!mine || ended || mine.until <= Date.now()) return undefined;
    await this.run(() => this.redis.set(this.keys.meeting(id), JSON.stringify(mine.meeting), 'PX', this.ttlMs, 'NX'));
    return mine.meeting;
  }

  async update(id: string, patch: MeetingPatch): Promise<Meeting | undefined> {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => typeof v === 'boolean'));
    // One script: read, change and write back atomically, keeping the TTL.
    const rec = (await this.run(() => this.redis.eval(UPDATE, 1, this.keys.meeting(id), JSON.stringify(defined)))) as string | null;
    return rec ? this.remember(JSON.parse(rec) as Meeting) : undefined;
  }

  async delete(id: string): Promise<void> {
    this.known.delete(id);
    await this.run(() => this.redis.multi().del(...this.all(id)).set(this.keys.meeting(id, 'ended'), '1', 'PX', this.ttlMs).exec());
  }

  async touch(id: string): Promise<void> {
    const mine = this.known.get(id);
    if (mine) mine.until = Date.now() + this.ttlMs;
    const m = this.redis.multi();
    for (const k of this.all(id)) m.pexpire(k, this.ttlMs);
    await this.run(() => m.exec());
  }

  async knock(id: string, entry: WaitingEntry): Promise<void> {
    const k = this.keys.meeting(id, 'waiting');
    await this.run(() => this.redis.multi().hset(k, entry.id, JSON.stringify(entry)).pexpire(k, this.ttlMs).exec());
  }

  async unknock(id: string, userId: string): Promise<boolean> {
    return (await this.run(() => this.redis.hdel(this.keys.meeting(id, 'waiting'), userId))) === 1;
  }

  async waiting(id: string): Promise<WaitingEntry[]> {
    const all = await this.run(() => this.redis.hvals(this.keys.meeting(id, 'waiting')));
    return all.map((e) => JSON.parse(e) as WaitingEntry).sort((a, b) => a.at - b.at);
  }

  async admit(id: string, userIds: string[]): Promise<void> {
    const k = this.keys.meeting(id, 'admitted');
    await this.run(() => this.redis.multi().sadd(k, ...userIds).pexpire(k, this.ttlMs).exec());
  }

  async isAdmitted(id: string, userId: string): Promise<boolean> {
    return (await this.run(() => this.redis.sismember(this.keys.meeting(id, 'admitted'), userId))) === 1;
  }

  async ban(id: string, userIds: string[]): Promise<void> {
    const k = this.keys.meeting(id, 'banned');
    await this.run(() => this.redis.multi().sadd(k, ...userIds).pexpire(k, this.ttlMs).srem(this.keys.meeting(id, 'admitted'), ...userIds).exec());
  }

  async isBanned(id: string, userId: string): Promise<boolean> {
    return (await this.run(() => this.redis.sismember(this.keys.meeting(id, 'banned'), userId))) === 1;
  }

  close(): Promise<void> {
    return closeRedis(this.redis);
  }
}
