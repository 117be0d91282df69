/**
 * Per-server SFU wiring: participant counts drive the TopologyManager; its decisions are
 * broadcast as `room:topology`; switches are coordinated make-before-break (every participant
 * present at the announcement reports `sfu:switched` once all its tiles run on the new path, then
 * `sfu:switch-done` tells everyone to close the old one); Janus rooms and sessions follow.
 *
 * With several nodes (Redis), one node owns each room (a lease in Redis, ./room-owner): it alone
 * takes the room's topology decisions from the shared roster (every node recounts it on any
 * node's change), announces them to every participant on any node, and coordinates the switch: it
 * waits for every participant connected to any node (the other nodes pass their participants'
 * `sfu:switched` on to it) and then tells everyone `sfu:switch-done`. The other nodes follow its
 * decisions (`sfu:decided`) for what they do locally (admission, media, the joiner's answer). When
 * the owner dies, another node takes the lease over and decides from the room's count and mode.
 * Each node holds the Janus sessions of its own participants; the room's VideoRoom is one for the
 * cluster (./sfu-rooms placements).
 */
import { Limits } from '../../protocol';
import type { Topology } from '../../protocol';
import type { ServerContext } from '../events/types';
import { roomChannel, participantChannel } from '../events/types';
import type { JanusMember, SfuHandle } from '../janus/sfu';
import type { RoomHooks } from '../rooms/room-hooks';
import { TopologyManager } from '../topology/topology';
import { PrewarmRooms } from './prewarm';
import { RoomOwners } from './room-owner';
import { SfuRooms, type PeerLeases, type RoomPlacements } from './sfu-rooms';

/** How long the cluster remembers where a room lives without a change (a destroyed room drops it at once). */
const PLACEMENT_TTL_MS = 12 * 3600_000;
/** How long a node where a join grew the room waits for its owner's decision before answering the joiner. */
const DECISION_WAIT_MS = 3000;
/** The room's topology as its owner last announced it (a cluster). */
const modeKey = (room: string) => `sfu-mode:${room}`;

export interface SfuServiceOptions {
  /** TOPOLOGY_HOLDDOWN_SECONDS in ms. */
  holdDownMs: number;
  /** MESH_MAX_PARTICIPANTS (default Limits.meshMax). */
  meshMax?: number;
  /** How long a switch waits for everyone's `sfu:switched` before it is declared done; default 12 s. */
  switchTimeoutMs?: number;
  /** SFU_PREWARM: full mesh rooms keep an idle SFU path (./prewarm); default on. */
  prewarm?: boolean;
}

interface SwitchState {
  mode: Topology;
  waiting: Set<string>;
  timer: NodeJS.Timeout;
}

/** `sfu:switched` from another node before this node announced the switch itself (its recount came later). */
interface EarlyReports {
  mode: Topology;
  ids: Set<string>;
  at: number;
}

export class SfuService {
  readonly topology: TopologyManager;
  readonly rooms: SfuRooms;
  readonly prewarm: PrewarmRooms;
  private readonly switches = new Map<string, SwitchState>();
  private readonly early = new Map<string, EarlyReports>();
  /** A topology change being announced, per room: `countChanged` resolves only once it is out. */
  private readonly announcing = new Map<string, Promise<void>>();
  /** Each room's owner (a cluster); undefined alone: this node decides for every room. */
  private readonly owners?: RoomOwners;
  /** Joins on this node waiting for the owner's decision, per room. */
  private readonly awaitingDecision = new Map<string, Set<() => void>>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly sfu: Pick<SfuHandle, 'available'> & Partial<Pick<SfuHandle, 'health' | 'members' | 'videoroomAdminKey'>>,
    private readonly opts: SfuServiceOptions,
  ) {
    const log = (msg: string, err: unknown) => ctx.logger.warn(msg, { error: err instanceof Error ? err.message : String(err) });
    const members: JanusMember[] = sfu.members ?? (sfu.health ? [{ id: 'janus', health: sfu.health }] : []);
    // Several nodes (Redis): one placement per room for the cluster, so everyone meets in one VideoRoom.
    const key = (room: string) => `sfu-room:${room}`;
    const placements: RoomPlacements | undefined = ctx.config.redisUrl
      ? {
          claim: (room, p) => ctx.store.claimValue(key(room), p, PLACEMENT_TTL_MS),
          get: (room) => ctx.store.getValue(key(room)),
          drop: (room, p) => ctx.store.dropValue(key(room), p),
        }
      : undefined;
    const lease = (room: string, id: string) => `sfu-peer:${room}:${id}`;
    const leases: PeerLeases | undefined = ctx.config.redisUrl
      ? {
          put: (room, id, l) => ctx.store.putValue(lease(room, id), l, PLACEMENT_TTL_MS),
          get: (room, id) => ctx.store.getValue(lease(room, id)),
          drop: (room, id, l) => ctx.store.dropValue(lease(room, id), l),
        }
      : undefined;
    this.rooms = new SfuRooms(
      {
        members: () => members.flatMap((m) => (m.health.available && m.health.client ? [{ id: m.id, client: m.health.client }] : [])),
        videoroomAdminKey: sfu.videoroomAdminKey,
      },
      (id) => ({
        offer: (o) => ctx.io.to(participantChannel(id)).emit('sfu:offer', o),
        trickle: (target, candidate) => ctx.io.to(participantChannel(id)).emit('sfu:trickle', { target, candidate }),
        slowlink: (target, info) => ctx.io.to(participantChannel(id)).emit('sfu:slowlink', { target, ...info }),
        rehome: () => ctx.io.to(participantChannel(id)).emit('sfu:rehome', {}),
      }),
      log,
      (msg, fields) => ctx.logger.debug(msg, fields),
      placements,
      leases,
    );
    // Our own switch timeout decides; the manager's is only a backstop.
    this.topology = new TopologyManager({ sfuAvailable: () => sfu.available(), meshMax: opts.meshMax, holdDownMs: opts.holdDownMs, switchTimeoutMs: 60_000 });
    this.topology.on('change', (room: string, mode: Topology) => {
      const done = this.onChange(room, mode).finally(() => {
        if (this.announcing.get(room) === done) this.announcing.delete(room);
      });
      this.announcing.set(room, done);
    });
    this.prewarm = new PrewarmRooms({
      enabled: opts.prewarm ?? true,
      meshMax: opts.meshMax ?? Limits.meshMax,
      holdDownMs: opts.holdDownMs,
      available: () => sfu.available(),
      onChange: (room, on) => {
        ctx.logger.info('sfu prewarm', { room, on });
        ctx.io.local.to(roomChannel(room)).emit('sfu:prewarm', { on });
        // Released on mesh: nobody needs the VideoRoom any more (on the SFU, the switch back does it).
        if (!on && this.topology.mode(room) === 'mesh' && !this.switches.has(room)) void this.rooms.destroyRoom(room);
      },
    });
    this.topology.on('removed', (room: string) => {
      if (this.owners) for (const m of ['sfu', 'mesh']) void ctx.store.dropValue(modeKey(room), m).catch(() => undefined);
      this.clearSwitch(room);
      this.early.delete(room);
      this.prewarm.countChanged(room, 0);
      void this.rooms.destroyRoom(room);
    });
    for (const m of members) {
      m.health.on('up', () => this.topology.onSfuAvailability(true));
      m.health.on('down', () => this.memberDown(m.id));
    }
    // A cluster: the room's owner decides from the shared roster, recounted whenever any node's changes.
    if (ctx.config.redisUrl) {
      this.owners = new RoomOwners(ctx.store, ctx.config.nodeId, {
        onTakeover: (room) => this.topology.lead(room, true),
        onLost: (room) => {
          this.topology.lead(room, false);
          this.clearSwitch(room);
        },
        log: (msg, fields) => ctx.logger.info(msg, fields),
      });
      ctx.io.on('sfu:count', (room: string) => void this.recount(room).catch(() => undefined));
      ctx.io.on('sfu:released', (room: string, id: string, session: number) => void this.rooms.release(room, id, session));
      ctx.io.on('sfu:switched', (room: string, id: string, mode: Topology) => {
        if (this.owners?.owns(room)) this.reported(room, id, mode);
      });
      ctx.io.on('sfu:decided', (room: string, mode: Topology) => this.decided(room, mode));
      ctx.io.on('sfu:finished', (room: string, mode: Topology) => this.releaseAfterSwitch(room, mode));
    }
  }

  /** The room's owner (another node) announced `mode`: this node follows it, and joins waiting for it go on. */
  private decided(room: string, mode: Topology): void {
    this.topology.follow(room, mode);
    const waiting = this.awaitingDecision.get(room);
    this.awaitingDecision.delete(room);
    for (const go of waiting ?? []) go();
  }

  /** On a node that does not own the room: waits (bounded) for the owner's decision on a join that grows the room past mesh. */
  private async decisionFor(room: string, count: number): Promise<void> {
    if (!this.owners || this.owners.owns(room) || this.topology.mode(room) !== 'mesh') return;
    const d = this.topology.admit(room, count);
    if (!d.ok || d.mode !== 'sfu') return;
    await new Promise<void>((resolve) => {
      const set = this.awaitingDecision.get(room) ?? new Set<() => void>();
      const timer = setTimeout(() => (set.delete(go), resolve()), DECISION_WAIT_MS);
      const go = () => (clearTimeout(timer), resolve());
      set.add(go);
      this.awaitingDecision.set(room, set);
    });
  }

  /** Reads the room's roster and feeds the topology decision and the warm path with its size. */
  private async recount(room: string): Promise<number> {
    const present = await this.ctx.store.listParticipants(room);
    const count = present.length;
    if (this.owners) {
      const owners = this.owners;
      if (count === 0) await owners.forget(room);
      else {
        // An owner's lease is renewed by its check; a recount only tries to claim a room it does not own.
        const leading = owners.owns(room) || (await owners.claim(room).catch(() => false));
        // A room new to this node (it started, or the room's first person here) may be on the SFU
        // already: its mode as the owner last stored it, before this node counts or decides.
        const stored = this.topology.get(room) ? undefined : await this.ctx.store.getValue(modeKey(room)).catch(() => undefined);
        if (stored === 'sfu' || stored === 'mesh') {
          this.topology.lead(room, false);
          this.topology.follow(room, stored);
        }
        this.topology.lead(room, leading);
      }
    }
    // Someone who left on another node is no longer waited for.
    const ids = new Set(present.map((p) => p.id));
    this.stopWaitingFor(room, [...(this.switches.get(room)?.waiting ?? [])].filter((id) => !ids.has(id)));
    this.topology.onParticipantCount(room, count);
    this.prewarm.countChanged(room, count);
    return count;
  }

  /**
   * One Janus died: its sessions died with it (or will after reclaim_session_timeout). With another
   * Janus up, each of its rooms on the SFU (or warm) moves there: its participants are told to
   * publish and subscribe again (`sfu:rehome`), and the rooms are placed afresh on their first
   * request. With none left, rooms fall back to mesh and start over when a Janus returns.
   */
  private memberDown(member: string): void {
    const lost = this.rooms.forgetMember(member);
    if (!this.sfu.available()) {
      this.rooms.forgetAll();
      this.prewarm.sfuDown();
      this.topology.onSfuAvailability(false);
      return;
    }
    for (const room of lost) {
      if (this.topology.mode(room) !== 'sfu' && !this.prewarm.isWarm(room)) continue;
      this.ctx.logger.warn('sfu failover: the room moves to another Janus', { room, from: member });
      this.ctx.metrics.sfuFailovers.inc();
      // Every node whose Janus sessions died tells its own participants (no double notice in a cluster).
      this.ctx.io.local.to(roomChannel(room)).emit('sfu:rehome', {});
    }
  }

  /** The rooms feature's hooks: admission by topology, and topology decisions as rosters change. */
  readonly hooks: RoomHooks = {
    admit: async (room) => {
      const count = (await this.ctx.store.listParticipants(room)).length + 1;
      const d = this.topology.admit(room, count);
      return d.ok ? undefined : { code: d.code, message: d.message };
    },
    mode: (room) => this.topology.mode(room),
    prewarm: (room) => this.prewarm.isWarm(room),
    resumed: (room, id) => this.resumedHere(room, id),
    // On the SFU or warm, the joiner will publish at once: its Janus session, publisher (joined)
    // and subscriber handles are made while its browser builds the offer.
    entered: (room, id) => {
      if (!this.mediaAllowed(room)) return;
      this.rooms.prepare(room, id).catch((err: unknown) => this.ctx.logger.debug('sfu: preparing a joiner failed', { room, id, err: String(err) }));
    },
    countChanged: async (room, left) => {
      if (left !== undefined) {
        this.stopWaitingFor(room, [left]);
        await this.rooms.removePeer(room, left);
      }
      const count = await this.recount(room);
      if (this.ctx.config.redisUrl) this.ctx.io.serverSideEmit('sfu:count', room);
      await this.decisionFor(room, count);
      this.ctx.logger.debug('room count', { room, count, left, ...this.topology.get(room), warm: this.prewarm.isWarm(room) });
      // A join tells the others about the joiner only after this: they hear of the new topology
      // first, so nobody starts a mesh connection to someone who is already on the SFU.
      await this.announcing.get(room);
    },
  };

  /**
   * A participant resumed here. Its Janus session held here: an unanswered offer goes out again
   * (SfuPeer.resumed). A participant whose Janus session this node does not hold (it was held by a node
   * that died, or its connection moved here): this node claims the session and carries on with it
   * (the node that held it, if alive, lets it go), so its media never stops. When there is nothing
   * to claim (no record, or Janus ended the session after reclaim_session_timeout), its old
   * publisher is removed from the VideoRoom (its feed id is its participant id, so a new one would
   * clash) and it is told to publish and subscribe again here (`sfu:rehome`).
   */
  private async resumedHere(room: string, id: string): Promise<void> {
    if (!this.mediaAllowed(room)) return;
    // Held here: the offer its lost connection may have missed goes out again.
    const here = await this.rooms.existing(room, id);
    if (here) return here.resumed();
    const taken = await this.rooms.adopt(room, id).catch(() => undefined);
    if (taken) {
      this.ctx.logger.info('sfu: took over the Janus session of a participant who resumed here', { room, id });
      this.ctx.metrics.sfuResumes.inc({ how: 'taken' });
      this.ctx.io.serverSideEmit('sfu:released', room, id, taken.session);
      return;
    }
    this.ctx.metrics.sfuResumes.inc({ how: 'republished' });
    await this.rooms.evict(room, id);
    this.ctx.logger.info('sfu: resumed without its Janus sessions here: publish and subscribe again', { room, id });
    this.ctx.io.to(participantChannel(id)).emit('sfu:rehome', {});
  }

  /** Whether the room's participants may publish to and subscribe from Janus now: on the SFU, or warming it. */
  mediaAllowed(room: string): boolean {
    return this.topology.mode(room) === 'sfu' || this.prewarm.isWarm(room);
  }

  /** `sfu:switched`: this participant's tiles all run on `mode`. */
  switched(room: string, id: string, mode: Topology): void {
    // The room's owner coordinates the switch: another node's participant's report goes to it.
    if (this.owners && !this.owners.owns(room)) return void this.ctx.io.serverSideEmit('sfu:switched', room, id, mode);
    const s = this.switches.get(room);
    if (!s || s.mode !== mode) return;
    this.reported(room, id, mode);
  }

  /** Someone's tiles all run on `mode` (reported here or on another node). */
  private reported(room: string, id: string, mode: Topology): void {
    if (this.switches.get(room)?.mode === mode) return this.stopWaitingFor(room, [id]);
    // Another node's participant was quicker than this node's own decision: kept for it a while.
    const e = this.earlyReports(room, mode);
    if (e) e.ids.add(id);
    else this.early.set(room, { mode, ids: new Set([id]), at: Date.now() });
  }

  /** The room's switch stops waiting for `ids` (reported, or gone); done when nobody is left. */
  private stopWaitingFor(room: string, ids: readonly string[]): void {
    const s = this.switches.get(room);
    if (!s) return;
    for (const id of ids) s.waiting.delete(id);
    if (s.waiting.size === 0) this.finishSwitch(room);
  }

  /** Reports kept for a switch to `mode` this node has not announced yet, if recent enough. */
  private earlyReports(room: string, mode: Topology): EarlyReports | undefined {
    const e = this.early.get(room);
    return e && e.mode === mode && Date.now() - e.at < this.switchTimeoutMs ? e : undefined;
  }

  private get switchTimeoutMs(): number {
    return this.opts.switchTimeoutMs ?? 12_000;
  }

  async close(): Promise<void> {
    await this.owners?.close();
    for (const room of [...this.switches.keys()]) this.clearSwitch(room);
    this.early.clear();
    this.topology.dispose();
    this.prewarm.dispose();
    await this.rooms.close();
  }

  /** Rooms this node decides for: those whose lease it holds in a cluster, every room it counts alone (/metrics). */
  ownedRooms(): number {
    return this.owners ? this.owners.size : this.topology.roomIds().length;
  }

  /** Everyone in the room: on every node in a cluster (this node owns the room), or here alone. */
  private everyone(room: string) {
    return this.owners ? this.ctx.io.to(roomChannel(room)) : this.ctx.io.local.to(roomChannel(room));
  }

  private async onChange(room: string, mode: Topology): Promise<void> {
    this.clearSwitch(room);
    // This node decides (alone, or as the room's owner): it announces to everyone, on any node,
    // and waits for everyone connected, to any node.
    const present = await this.ctx.store.listParticipants(room).catch(() => []);
    const sockets = this.ctx.config.redisUrl ? this.ctx.io.in(roomChannel(room)) : this.ctx.io.local.in(roomChannel(room));
    // Not known (another node did not answer): everyone on the roster is waited for.
    const connected = await sockets.fetchSockets().then((ss) => new Set(ss.map((s) => s.data.participantId)), () => null);
    const timer = setTimeout(() => this.finishSwitch(room), this.switchTimeoutMs);
    timer.unref();
    const done = this.earlyReports(room, mode)?.ids ?? new Set<string>();
    this.early.delete(room);
    this.switches.set(room, { mode, waiting: new Set(present.map((p) => p.id).filter((id) => (connected === null || connected.has(id)) && !done.has(id))), timer });
    this.ctx.logger.info('topology change', { room, mode, participants: present.length });
    if (this.owners) {
      await this.ctx.store.putValue(modeKey(room), mode, PLACEMENT_TTL_MS).catch(() => undefined);
      this.ctx.io.serverSideEmit('sfu:decided', room, mode);
    }
    this.everyone(room).emit('room:topology', { mode });
  }

  private finishSwitch(room: string): void {
    const s = this.switches.get(room);
    if (!s) return;
    this.clearSwitch(room);
    this.everyone(room).emit('sfu:switch-done', { mode: s.mode });
    if (this.owners) this.ctx.io.serverSideEmit('sfu:finished', room, s.mode);
    this.releaseAfterSwitch(room, s.mode);
    // May announce the next switch at once (a decision held back during this one).
    this.topology.switchComplete(room);
  }

  /** A switch ended (here, or at the room's owner): back on mesh, nobody needs this node's part of the VideoRoom any more, unless the room keeps the path warm. */
  private releaseAfterSwitch(room: string, mode: Topology): void {
    if (mode === 'mesh' && this.topology.mode(room) === 'mesh' && !this.prewarm.isWarm(room)) void this.rooms.destroyRoom(room);
  }

  private clearSwitch(room: string): void {
    const s = this.switches.get(room);
    if (s) clearTimeout(s.timer);
    this.switches.delete(room);
  }
}
