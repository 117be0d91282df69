import type Redis from 'ioredis';
import { Limits } from '../../protocol';
import type { ChatMessage, MediaPatch, MediaState, Participant, Role } from '../../protocol';
import type { Logger } from '../logger';
import { closeRedis, connectRedis, runOn, whenReady } from './redis-connection';
import { RedisKeys, type Holder, tagOf, untag } from './redis-keys';
import { ADD, CHAT, MARK, MEDIA, REAP, REMOVE, RESUME, ROLE } from './redis-scripts';
import type { AddOptions, AddResult, Expired, RoomStore } from './room-store';

/** Timing of the shared store; tests shorten it. */
export interface RedisStoreOptions {
  url: string;
  /** This server node; its liveness key and member set carry it. */
  node: string;
  prefix?: string;
  logger: Logger;
  /** A crashed node's participants get this long (from its liveness key's expiry) to resume elsewhere. */
  graceMs: number;
  /** Liveness key TTL; the heartbeat refreshes it every third of that. */
  nodeTtlMs?: number;
  /** Room keys live this long without a heartbeat of a node holding a member (whole cluster gone). */
  roomTtlMs?: number;
  /** A command waits at most this long: a hung Redis must not hang joins (they fail fast instead). */
  commandTimeoutMs?: number;
  /** Whether a socket id is connected to this node (to restore its participants after Redis lost its data). */
  isLive?: (conn: string) => boolean;
}

type Scripts = Record<'cAdd' | 'cRemove' | 'cMedia' | 'cMark' | 'cResume' | 'cReap' | 'cChat' | 'cRole', (...args: (string | number)[]) => Promise<unknown>>;

/**
 * RoomStore on Redis for several server nodes. Writes that check and change go through Lua
 * scripts (atomic). A per-node heartbeat refreshes the node's liveness key and its rooms' TTLs;
 * `expire` (every node calls it) removes participants past their resume deadline and reaps
 * nodes whose liveness key expired. Without Redis every call throws StoreUnavailableError at once.
 */
export class RedisRoomStore implements RoomStore {
  readonly redis: Redis;
  private readonly keys: RedisKeys;
  private readonly nodeTtlMs: number;
  private readonly roomTtlMs: number;
  /** Records this node holds, to write back if Redis comes back empty. */
  private readonly mine = new Map<string, { room: string; holder: Holder }>();
  private heartbeat: NodeJS.Timeout | undefined;
  private down = false;

  constructor(private readonly opts: RedisStoreOptions) {
    this.keys = new RedisKeys(opts.prefix ?? 'confer:');
    this.nodeTtlMs = opts.nodeTtlMs ?? 6000;
    this.roomTtlMs = opts.roomTtlMs ?? 120_000;
    this.redis = connectRedis(opts.url, opts.commandTimeoutMs); // outages are reported by the heartbeat, once each
    // Announce this node as soon as Redis is reachable (and again after an outage), not a period later.
    this.redis.on('ready', () => void this.beat());
    const scripts: [keyof Scripts, string, number][] = [
      ['cAdd', ADD, 3], ['cRemove', REMOVE, 4], ['cMedia', MEDIA, 1], ['cMark', MARK, 2],
      ['cResume', RESUME, 3], ['cReap', REAP, 4], ['cChat', CHAT, 2], ['cRole', ROLE, 1],
    ];
    for (const [name, lua, numberOfKeys] of scripts) this.redis.defineCommand(name, { lua, numberOfKeys });
    this.heartbeat = setInterval(() => void this.beat(), Math.max(100, Math.floor(this.nodeTtlMs / 3)));
    this.heartbeat.unref();
  }

  private get s(): Scripts {
    return this.redis as unknown as Scripts;
  }

  ready(timeoutMs: number): Promise<boolean> {
    return whenReady(this.redis, timeoutMs);
  }

  private run<T>(fn: () => Promise<T>): Promise<T> {
    return runOn(this.redis, fn);
  }

  async addParticipant(room: string, participant: Participant, max: number, opts: AddOptions = {}): Promise<AddResult> {
    const holder: Holder = { p: participant, node: this.opts.node, conn: opts.conn ?? '' };
    const k = this.keys;
    const result = await this.run(() =>
      this.s.cAdd(k.rooms, k.members(room), k.nodeMembers(this.opts.node), k.prefix, room, participant.id,
        JSON.stringify(holder), max, opts.maxRooms ?? 0, Date.now(), this.roomTtlMs, tagOf(room, participant.id)),
    );
    if (result === 'added') this.mine.set(tagOf(room, participant.id), { room, holder });
    return result as AddResult;
  }

  async removeParticipant(room: string, id: string, conn?: string): Promise<Participant | undefined> {
    return this.remove(room, id, conn ?? '', '');
  }

  private async remove(room: string, id: string, conn: string, now: string): Promise<Participant | undefined> {
    const k = this.keys;
    const tag = tagOf(room, id);
    const rec = await this.run(() => this.s.cRemove(k.members(room), k.chat(room), k.rooms, k.gone, k.prefix, room, id, tag, conn, now));
    if (typeof rec !== 'string') return undefined;
    this.mine.delete(tag);
    return (JSON.parse(rec) as Holder).p;
  }

  async getParticipant(room: string, id: string): Promise<Participant | undefined> {
    const rec = await this.run(() => this.redis.hget(this.keys.members(room), id));
    return rec ? (JSON.parse(rec) as Holder).p : undefined;
  }

  async listParticipants(room: string): Promise<Participant[]> {
    const all = await this.run(() => this.redis.hvals(this.keys.members(room)));
    return all.map((rec) => (JSON.parse(rec) as Holder).p).sort((a, b) => a.joinedAt - b.joinedAt);
  }

  async updateMedia(room: string, id: string, patch: MediaPatch): Promise<MediaState | undefined> {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => typeof v === 'boolean'));
    const out = await this.run(() => this.s.cMedia(this.keys.members(room), id, JSON.stringify(defined)));
    if (typeof out !== 'string') return undefined;
    const media = JSON.parse(out) as MediaState;
    const own = this.mine.get(tagOf(room, id));
    if (own) own.holder.p = { ...own.holder.p, media };
    return media;
  }

  async updateRole(room: string, id: string, role: Role): Promise<boolean> {
    const done = await this.run(() => this.s.cRole(this.keys.members(room), id, role));
    const own = this.mine.get(tagOf(room, id));
    if (done === 1 && own) own.holder.p = { ...own.holder.p, role };
    return done === 1;
  }

  async appendChat(room: string, message: ChatMessage): Promise<boolean> {
    const k = this.keys;
    const done = await this.run(() => this.s.cChat(k.members(room), k.chat(room), JSON.stringify(message), Limits.chatHistory, this.roomTtlMs));
    return done === 1;
  }

  async getChat(room: string): Promise<ChatMessage[]> {
    const all = await this.run(() => this.redis.lrange(this.keys.chat(room), 0, -1));
    return all.map((m) => JSON.parse(m) as ChatMessage);
  }

  async listRooms(): Promise<string[]> {
    return this.run(() => this.redis.zrangebyscore(this.keys.rooms, Date.now() - this.roomTtlMs, '+inf'));
  }

  async countRooms(): Promise<number> {
    return this.run(() => this.redis.zcount(this.keys.rooms, Date.now() - this.roomTtlMs, '+inf'));
  }

  async countParticipants(): Promise<number> {
    const rooms = await this.listRooms();
    if (rooms.length === 0) return 0;
    const pipeline = this.redis.pipeline();
    for (const room of rooms) pipeline.hlen(this.keys.members(room));
    const counts = await this.run(() => pipeline.exec());
    return (counts ?? []).reduce((sum, [, n]) => sum + (typeof n === 'number' ? n : 0), 0);
  }

  async deleteRoomIfEmpty(room: string): Promise<boolean> {
    const k = this.keys;
    if ((await this.run(() => this.redis.hlen(k.members(room)))) > 0) return false;
    const removed = await this.run(() => this.redis.multi().del(k.chat(room)).zrem(k.rooms, room).exec());
    return removed?.[1]?.[1] === 1;
  }

  async markDisconnected(room: string, id: string, conn: string, deadline: number): Promise<boolean> {
    const tag = tagOf(room, id);
    const done = (await this.run(() => this.s.cMark(this.keys.members(room), this.keys.gone, id, conn, deadline, tag))) === 1;
    if (done) this.mine.delete(tag);
    return done;
  }

  async resume(room: string, id: string, conn: string): Promise<Participant | undefined> {
    const k = this.keys;
    const tag = tagOf(room, id);
    const rec = await this.run(() => this.s.cResume(k.members(room), k.gone, k.nodeMembers(this.opts.node), k.prefix, id, conn, this.opts.node, tag));
    if (typeof rec !== 'string') return undefined;
    const holder = JSON.parse(rec) as Holder;
    this.mine.set(tag, { room, holder });
    return holder.p;
  }

  async expire(now: number): Promise<Expired[]> {
    const k = this.keys;
    const nodes = await this.run(() => this.redis.smembers(k.nodes));
    for (const node of nodes.filter((n) => n !== this.opts.node)) {
      await this.run(() => this.s.cReap(k.nodes, k.alive(node), k.nodeMembers(node), k.gone, node, now + Math.max(0, this.opts.graceMs - this.nodeTtlMs)));
    }
    const due = await this.run(() => this.redis.zrangebyscore(k.gone, '-inf', now, 'LIMIT', 0, 200));
    const out: Expired[] = [];
    for (const tag of due) {
      const { room, id } = untag(tag);
      const participant = await this.remove(room, id, '', String(now));
      if (participant) out.push({ room, participant });
      else await this.run(() => this.redis.zrem(k.gone, tag)); // its member was removed another way
    }
    return out;
  }

  /** Refreshes this node's liveness and its rooms' TTLs; writes its participants back after Redis lost them. */
  private async beat(): Promise<void> {
    const k = this.keys;
    try {
      const lost = (await this.run(() => this.redis.set(k.alive(this.opts.node), '1', 'PX', this.nodeTtlMs, 'GET'))) === null;
      const m = this.redis.multi().sadd(k.nodes, this.opts.node).pexpire(k.nodes, this.roomTtlMs).pexpire(k.gone, this.roomTtlMs);
      for (const [tag, { room, holder }] of this.mine) {
        if (this.opts.isLive && !this.opts.isLive(holder.conn)) continue;
        // After a Redis restart (no persistence) or a reap of this node, the live members are written back.
        if (lost) m.hset(k.members(room), holder.p.id, JSON.stringify(holder)).zrem(k.gone, tag).sadd(k.nodeMembers(this.opts.node), tag);
        m.pexpire(k.members(room), this.roomTtlMs).pexpire(k.chat(room), this.roomTtlMs).zadd(k.rooms, Date.now(), room);
      }
      m.pexpire(k.nodeMembers(this.opts.node), this.roomTtlMs);
      // The room index is kept clean here: entries no node refreshed within the room TTL go, and the
      // index itself expires with the last node, so a cluster that died leaves nothing listed behind.
      m.zremrangebyscore(k.rooms, '-inf', Date.now() - this.roomTtlMs).pexpire(k.rooms, this.roomTtlMs);
      await this.run(() => m.exec());
      if (this.down) this.opts.logger.info('Redis is back', { restored: lost ? this.mine.size : 0 });
      this.down = false;
    } catch (err) {
      if (!this.down) this.opts.logger.warn('Redis unavailable: live calls go on, joins fail until it is back', { error: String(err) });
      this.down = true;
    }
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    const set = await this.run(() => this.redis.set(this.keys.once(key), '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'));
    return set === 'OK';
  }

  async claimValue(key: string, value: string, ttlMs: number): Promise<string> {
    const k = this.keys.shared(key);
    const set = await this.run(() => this.redis.set(k, value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'));
    if (set === 'OK') return value;
    return (await this.run(() => this.redis.get(k))) ?? (await this.claimValue(key, value, ttlMs));
  }

  async putValue(key: string, value: string, ttlMs: number): Promise<void> {
    await this.run(() => this.redis.set(this.keys.shared(key), value, 'PX', Math.max(1, Math.ceil(ttlMs))));
  }

  async getValue(key: string): Promise<string | undefined> {
    return (await this.run(() => this.redis.get(this.keys.shared(key)))) ?? undefined;
  }

  async renewValue(key: string, value: string, ttlMs: number): Promise<boolean> {
    const script = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";
    return (await this.run(() => this.redis.eval(script, 1, this.keys.shared(key), value, String(Math.max(1, Math.ceil(ttlMs)))))) === 1;
  }

  async dropValue(key: string, value: string): Promise<void> {
    const script = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
    await this.run(() => this.redis.eval(script, 1, this.keys.shared(key), value));
  }

  /** Stops the heartbeat, drops this node's liveness key (survivors take over its participants at once) and disconnects. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    if (this.redis.status === 'ready') {
      await this.redis.del(this.keys.alive(this.opts.node)).catch(() => undefined);
    }
    await closeRedis(this.redis);
  }
}
