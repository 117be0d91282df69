/**
 * The Janus side of SFU rooms: one VideoRoom per conference room (created on the first need,
 * destroyed when the room ends or goes back to mesh) and one SfuPeer per participant. Keeps
 * every subscriber subscribed to exactly the other publishers of its room.
 *
 * With several Janus (a pool), a new room goes to the one that is up and forwards the fewest
 * streams by the pool's own counters (each Janus's room list, the same for every node); when a
 * Janus does not answer in time, to the one with the fewest sessions of this node. The whole room
 * stays there. When a Janus dies, `forgetMember` drops its rooms and says which they were.
 *
 * Several signaling nodes (a shared store): the room's placement (its Janus and VideoRoom) is
 * claimed once for the cluster (`RoomPlacements`), so every node's participants publish into the
 * same VideoRoom, and a subscriber also receives the publishers other nodes hold (Janus's own
 * participant list; a new one is noticed from Janus's events on the local publishers).
 * Each participant's Janus session is described in the store too (`PeerLeases`), so a node where
 * the participant resumes (its node died, or its connection moved) claims the session and carries
 * on with it: the browser's connections to Janus never stop.
 */
import type { JanusClient, JanusSession } from '../janus/client';
import { VideoRoomAdmin, type VideoRoomCredentials, type VideoRoomSummary } from '../janus/videoroom';
import { gatherLive } from './gather';
import { SfuPeer, type PeerState, type SfuPeerPush } from './sfu-peer';

/**
 * How long a subscriber waits for a publisher that started but is not live yet (./gather). The
 * wait ends as soon as every starting publisher is live, so a fast machine never waits this long.
 * It was 1.5 s; with Chromium 156 on 2 cores, publishers went live 2.1-8 s after they started
 * (server trace, 5 pages), so that window missed all of them and each one cost its own
 * renegotiation, at 2-7 s each on a page that is busy switching (setRemoteDescription alone 1-5 s).
 */
const GATHER_WINDOW_MS = 8000;

/** Where Janus sessions come from: each Janus that is up now, with its live connection. */
export interface JanusSource {
  members(): { id: string; client: JanusClient }[];
  videoroomAdminKey?: string;
}

/** The cluster-wide record of where each room lives (the room store's shared values). */
export interface RoomPlacements {
  claim(room: string, placement: string): Promise<string>;
  get(room: string): Promise<string | undefined>;
  drop(room: string, placement: string): Promise<void>;
}

/** The cluster-wide record of each participant's Janus session (a PeerState and its Janus, as JSON). */
export interface PeerLeases {
  put(room: string, id: string, lease: string): Promise<void>;
  get(room: string, id: string): Promise<string | undefined>;
  /** Deletes the record if it still holds `lease`. */
  drop(room: string, id: string, lease: string): Promise<void>;
}

type Lease = PeerState & { member: string };

const parseLease = (raw: string | undefined): Lease | undefined => {
  if (!raw) return undefined;
  try {
    const l = JSON.parse(raw) as Lease;
    return typeof l.member === 'string' && typeof l.session === 'number' && Array.isArray(l.streams) ? l : undefined;
  } catch {
    return undefined;
  }
};

interface Placement {
  member: string;
  creds: VideoRoomCredentials;
}

const parsePlacement = (raw: string | undefined): Placement | undefined => {
  if (!raw) return undefined;
  try {
    const p = JSON.parse(raw) as Placement;
    return typeof p.member === 'string' && typeof p.creds?.room === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
};

/** How long a placement waits for the pool's room lists before it decides alone. */
const PLACE_LIST_TIMEOUT_MS = 1000;

/**
 * The load a Janus carries, in streams it forwards: in a room of P publishers each is received by
 * the P - 1 others (every participant subscribes to everyone). Each room adds one, so rooms that
 * are still empty spread too.
 */
export function forwardedStreams(rooms: VideoRoomSummary[]): number {
  return rooms.reduce((sum, r) => sum + r.publishers * Math.max(0, r.publishers - 1) + 1, 0);
}

/** Thrown when Janus cannot be used now (down, or not configured). */
export class SfuDownError extends Error {
  constructor(message = 'the media server is unavailable') {
    super(message);
    this.name = 'SfuDownError';
  }
}

interface RoomEntry {
  /** The Janus the room lives on (set from the cluster's placement once `creds` resolves). */
  member: string;
  /** The placement as stored for the cluster, once known. */
  placement?: string;
  creds: Promise<VideoRoomCredentials>;
  peers: Map<string, Promise<SfuPeer>>;
}

interface AdminHolder {
  client: JanusClient;
  session?: JanusSession;
  admin: Promise<VideoRoomAdmin>;
}

/** The room's peers whose creation succeeded (a failed one is dropped from the map on its own). */
async function settledPeers(entry: RoomEntry): Promise<SfuPeer[]> {
  const peers = await Promise.all([...entry.peers.values()].map((p) => p.catch(() => undefined)));
  return peers.filter((p): p is SfuPeer => !!p);
}

export class SfuRooms {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly admins = new Map<string, AdminHolder>();
  /** Per peer: its last lease write (writes run one after the other, each with the state of its time). */
  private readonly leaseWrites = new WeakMap<SfuPeer, Promise<void>>();

  constructor(
    private readonly janus: JanusSource,
    private readonly pushTo: (participantId: string) => SfuPeerPush,
    private readonly log: (msg: string, err: unknown) => void,
    private readonly trace: (msg: string, fields: Record<string, unknown>) => void = () => undefined,
    /** With several signaling nodes: where each room lives, for the whole cluster. */
    private readonly placements?: RoomPlacements,
    /** With several signaling nodes: each participant's Janus session, for another node to claim. */
    private readonly leases?: PeerLeases,
  ) {}

  /** The participant's peer, creating the VideoRoom and the Janus session on first use. */
  peer(room: string, id: string): Promise<SfuPeer> {
    const entry = this.entry(room);
    let p = entry.peers.get(id);
    if (!p) {
      p = this.hold(entry, id, async () => {
        const creds = await entry.creds;
        return this.makePeer(room, id, await this.client(entry.member).createSession(), creds, entry.member);
      });
    }
    return p;
  }

  /** Makes the participant's peer and its Janus handles ahead of its first request (SfuPeer.prepare). */
  async prepare(room: string, id: string): Promise<void> {
    await (await this.peer(room, id)).prepare();
  }

  /**
   * Takes the participant's Janus session over from the node that held it (Janus `claim`): the
   * peer carries on here from the state that node recorded. Resolves to that state, or undefined
   * when there is nothing to take over (no record, the room moved, Janus no longer has the session).
   */
  async adopt(room: string, id: string): Promise<PeerState | undefined> {
    const lease = parseLease(await this.leases?.get(room, id));
    if (!lease) return undefined;
    const entry = this.entry(room);
    const creds = await entry.creds;
    if (entry.member !== lease.member || entry.peers.has(id)) return undefined;
    const p = this.hold(entry, id, async () => {
      const peer = this.makePeer(room, id, await this.client(lease.member).claimSession(lease.session), creds, lease.member);
      peer.takeOver(lease);
      return peer;
    });
    const peer = await p.catch((err: unknown) => this.log('claiming a Janus session failed', err));
    if (!peer) return undefined;
    this.keepLease(room, lease.member, peer);
    // Publishers that came or went while nobody held the session (its events were lost).
    void this.resync(room);
    return lease;
  }

  /** Another node took this participant's Janus session over: forget it here, without ending it. */
  async release(room: string, id: string, session: number): Promise<void> {
    const entry = this.rooms.get(room);
    const p = entry?.peers.get(id);
    const peer = await p?.catch(() => undefined);
    if (!entry || !peer || peer.session.id !== session) return;
    if (entry.peers.get(id) === p) entry.peers.delete(id);
    peer.release();
  }

  /** Keeps a peer being made under `id`; a failed creation does not stay (the next request tries again). */
  private hold(entry: RoomEntry, id: string, make: () => Promise<SfuPeer>): Promise<SfuPeer> {
    const p = make();
    entry.peers.set(id, p);
    p.catch(() => entry.peers.get(id) === p && entry.peers.delete(id));
    return p;
  }

  private makePeer(room: string, id: string, session: JanusSession, creds: VideoRoomCredentials, member: string): SfuPeer {
    const follow = (gone?: string) =>
      void (async () => {
        if (gone !== undefined) await this.forgetFeed(room, gone);
        await this.resync(room);
      })();
    const peer = new SfuPeer(id, session, { room: creds.room, pin: creds.pin }, this.pushTo(id), this.log, follow, this.trace);
    peer.onStateChange = () => this.keepLease(room, member, peer);
    peer.onLost = (target, reason) => void this.connectionLost(room, peer, target, reason);
    return peer;
  }

  /**
   * Janus gave up one of the peer's connections (its ICE failed: the path stayed down past
   * Janus's grace). The browser's connection cannot come back to it, so the peer's Janus session
   * ends (the others stop receiving it) and the participant publishes and subscribes again from
   * scratch (`sfu:rehome`).
   */
  private async connectionLost(room: string, peer: SfuPeer, target: string, reason: string): Promise<void> {
    if ((await this.existing(room, peer.id)) !== peer) return;
    this.log('Janus gave up a connection: the participant connects to the SFU again', new Error(`${peer.id}, ${target}: ${reason}`));
    await this.removePeer(room, peer.id);
    this.pushTo(peer.id).rehome();
  }

  /** Records the peer's state for the cluster (latest write wins; a closed or released peer writes nothing). */
  private keepLease(room: string, member: string, peer: SfuPeer): void {
    const leases = this.leases;
    if (!leases) return;
    const next = (this.leaseWrites.get(peer) ?? Promise.resolve())
      .then(() => (peer.isClosed ? undefined : leases.put(room, peer.id, JSON.stringify({ member, ...peer.state() } satisfies Lease))))
      .catch((err: unknown) => this.log('recording a Janus session in the shared store failed', err));
    this.leaseWrites.set(peer, next);
  }

  /** Forgets the record of a peer that ended (if it still names this peer's session). */
  private async dropLease(room: string, peer: SfuPeer): Promise<void> {
    if (!this.leases) return;
    await this.leaseWrites.get(peer);
    const raw = await this.leases.get(room, peer.id).catch(() => undefined);
    if (raw && parseLease(raw)?.session === peer.session.id) await this.leases.drop(room, peer.id, raw).catch(() => undefined);
  }

  /** The peer if it exists (no creation). */
  async existing(room: string, id: string): Promise<SfuPeer | undefined> {
    return this.rooms.get(room)?.peers.get(id)?.catch(() => undefined);
  }

  /** Other live publishers' ids in the room, once those still starting are up or past their window (./gather). */
  async publishersBesides(room: string, id: string): Promise<string[]> {
    const read = async () => {
      const entry = this.rooms.get(room);
      const peers = entry ? await settledPeers(entry) : [];
      return peers.map((p) => ({ id: p.id, live: p.live, closed: p.isClosed, startedAt: p.startedAt }));
    };
    const local = await gatherLive(read, id, { windowMs: GATHER_WINDOW_MS });
    return this.placements ? [...new Set([...local, ...(await this.remotePublishers(room, id))])] : local;
  }

  /** Live publishers of the room that other nodes hold (Janus's list; those of this node come from gatherLive). */
  private async remotePublishers(room: string, id: string): Promise<string[]> {
    const entry = this.rooms.get(room);
    const creds = await entry?.creds.catch(() => undefined);
    if (!entry || !creds) return [];
    const mine = new Set(entry.peers.keys());
    const admin = await this.adminHandle(entry.member).catch(() => undefined);
    const all = (await admin?.listParticipants(creds.room).catch(() => [])) ?? [];
    return all.filter((p) => p.publisher && p.id !== id && !mine.has(p.id)).map((p) => p.id);
  }

  /** Brings every subscriber of the room in line with the room's publishers. */
  async resync(room: string): Promise<void> {
    const entry = this.rooms.get(room);
    if (!entry) return;
    const peers = await settledPeers(entry);
    await Promise.all(
      peers.map(async (p) => {
        if (p.isClosed || !p.wantsSubscribe) return;
        await p.sync(() => this.publishersBesides(room, p.id)).catch((err: unknown) => this.log('subscriber update failed', err));
      }),
    );
  }

  /** Removes a participant's publisher from the room's VideoRoom when another node's (dead) session holds it. */
  async evict(room: string, id: string): Promise<void> {
    const local = this.rooms.get(room);
    const placed = local ? undefined : parsePlacement(await this.placements?.get(room));
    const member = local?.member ?? placed?.member;
    const creds = local ? await local.creds.catch(() => undefined) : placed?.creds;
    if (!member || !creds) return;
    const admin = await this.adminHandle(member).catch(() => undefined);
    // Not there (it never published, or it is gone already): nothing to do.
    await admin?.kick(creds.room, creds.secret, id).catch(() => undefined);
    await this.forgetFeed(room, id);
  }

  /** Every local subscriber stops counting `feed` as received (it left, or publishes anew). */
  private async forgetFeed(room: string, feed: string): Promise<void> {
    const entry = this.rooms.get(room);
    for (const p of entry ? await settledPeers(entry) : []) p.forgetFeed(feed);
  }

  /** Ends a participant's Janus session; the others stop receiving it. */
  async removePeer(room: string, id: string): Promise<void> {
    const entry = this.rooms.get(room);
    const p = entry?.peers.get(id);
    if (!entry || !p) return;
    entry.peers.delete(id);
    const peer = await p.catch(() => undefined);
    await peer?.close();
    if (peer) await this.dropLease(room, peer);
    await this.resync(room);
  }

  /** Ends every session of the room and destroys its VideoRoom. */
  async destroyRoom(room: string): Promise<void> {
    const entry = this.rooms.get(room);
    if (!entry) return;
    this.rooms.delete(room);
    const peers = await settledPeers(entry);
    await Promise.all(peers.map(async (p) => (await p.close(), await this.dropLease(room, p))));
    const creds = await entry.creds.catch(() => undefined);
    if (!creds) return;
    if (entry.placement) await this.placements?.drop(room, entry.placement).catch(() => undefined);
    const admin = await this.adminHandle(entry.member).catch(() => undefined);
    await admin?.destroy(creds.room, creds.secret).catch((err: unknown) => this.log('destroying a VideoRoom failed', err));
  }

  /**
   * Turns Janus's recording of the room on (into `dir`) or off, creating the VideoRoom first when
   * nobody publishes yet. Returns the VideoRoom's id (it is part of the .mjr names).
   */
  async record(room: string, on: boolean, dir?: string): Promise<string | undefined> {
    if (!on && !this.rooms.has(room)) return undefined;
    const entry = this.entry(room);
    const creds = await entry.creds;
    const admin = await this.adminHandle(entry.member);
    await admin.record(creds.room, creds.secret, on, dir);
    return creds.room;
  }

  /** Janus went away: its sessions are gone with it; forget them without talking to Janus. */
  forgetAll(): void {
    this.rooms.clear();
    this.admins.clear();
  }

  /** One Janus of the pool went away: forgets its rooms (without talking to it); returns their ids. */
  forgetMember(member: string): string[] {
    const lost = [...this.rooms].filter(([, e]) => e.member === member).map(([room]) => room);
    for (const room of lost) {
      const placement = this.rooms.get(room)?.placement;
      if (placement) void this.placements?.drop(room, placement).catch(() => undefined);
      this.rooms.delete(room);
    }
    this.admins.delete(member);
    return lost;
  }

  roomIds(): string[] {
    return [...this.rooms.keys()];
  }

  /** The Janus a room lives on (undefined: not on any). */
  memberOf(room: string): string | undefined {
    return this.rooms.get(room)?.member;
  }

  /** Per Janus: rooms and participants' sessions this node placed there (placement, metrics). */
  load(): Map<string, { rooms: number; sessions: number }> {
    const out = new Map<string, { rooms: number; sessions: number }>();
    for (const { id } of this.janus.members()) out.set(id, { rooms: 0, sessions: 0 });
    for (const e of this.rooms.values()) {
      const l = out.get(e.member) ?? { rooms: 0, sessions: 0 };
      l.rooms += 1;
      l.sessions += e.peers.size;
      out.set(e.member, l);
    }
    return out;
  }

  /** Janus session count this object holds (for tests: no leaks). */
  async sessionCount(): Promise<number> {
    let n = 0;
    for (const entry of this.rooms.values()) {
      const peers = await settledPeers(entry);
      n += peers.filter((p) => !p.isClosed).length;
    }
    return n;
  }

  async close(): Promise<void> {
    await Promise.all(this.roomIds().map((r) => this.destroyRoom(r)));
    await Promise.all([...this.admins.values()].map((a) => a.session?.destroy().catch(() => undefined)));
    this.admins.clear();
  }

  private entry(room: string): RoomEntry {
    let entry = this.rooms.get(room);
    if (!entry) {
      const created: RoomEntry = { member: this.place(), creds: Promise.resolve() as never, peers: new Map() };
      created.creds = this.placeRoom(room, created);
      this.rooms.set(room, created);
      created.creds.catch(() => this.rooms.get(room) === created && this.rooms.delete(room));
      entry = created;
    }
    return entry;
  }

  /** The room's VideoRoom: where the cluster placed it already, or a new one on `entry.member` (claimed for the cluster). */
  private async placeRoom(room: string, entry: RoomEntry): Promise<VideoRoomCredentials> {
    const held = this.placements ? await this.placements.get(room) : undefined;
    const found = parsePlacement(held);
    if (held && found && this.janus.members().some((m) => m.id === found.member && !m.client.closed)) {
      entry.member = found.member;
      entry.placement = held;
      return found.creds;
    }
    // Held on a Janus that is gone: forget it.
    if (held) await this.placements?.drop(room, held);
    entry.member = await this.placeByCounters(entry.member);
    const admin = await this.adminHandle(entry.member);
    const creds = await admin.create({ description: 'confer' });
    if (!this.placements) return creds;
    const mine = JSON.stringify({ member: entry.member, creds } satisfies Placement);
    const won = await this.placements.claim(room, mine);
    const winner = parsePlacement(won);
    if (won === mine || !winner) {
      entry.placement = mine;
      return creds;
    }
    // Another node placed the room first: join theirs, remove ours.
    await admin.destroy(creds.room, creds.secret).catch((err: unknown) => this.log('destroying a VideoRoom failed', err));
    entry.member = winner.member;
    entry.placement = won;
    return winner.creds;
  }

  /** The Janus for a new room: up, and the fewest sessions (then rooms) of this node on it. */
  private place(): string {
    const up = this.janus.members().filter((m) => !m.client.closed);
    if (up.length === 0) throw new SfuDownError();
    const load = this.load();
    const weight = (id: string) => {
      const l = load.get(id) ?? { rooms: 0, sessions: 0 };
      return l.sessions + l.rooms;
    };
    return up.reduce((best, m) => (weight(m.id) < weight(best.id) ? m : best)).id;
  }

  /**
   * Where a new room goes, from the pool's own counters: every Janus lists its rooms and their
   * publishers (VideoRoom `list`), and the one forwarding the fewest streams takes it. Every node
   * reads the same counters, so rooms another node placed, and rooms that grew since, weigh the
   * same as this node's own. A Janus that does not answer within PLACE_LIST_TIMEOUT_MS leaves the
   * choice to this node's own view (`fallback`, from `place()`), which also wins ties.
   */
  private async placeByCounters(fallback: string): Promise<string> {
    const up = this.janus.members().filter((m) => !m.client.closed);
    if (up.length < 2) return fallback;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no room list within ${PLACE_LIST_TIMEOUT_MS} ms`)), PLACE_LIST_TIMEOUT_MS)));
    try {
      const lists = up.map(async (m) => forwardedStreams(await (await this.adminHandle(m.id)).listRooms(PLACE_LIST_TIMEOUT_MS)));
      const weights = await Promise.race([Promise.all(lists), late]);
      const least = Math.min(...weights);
      const mine = up.findIndex((m) => m.id === fallback);
      const chosen = weights[mine] === least ? fallback : (up[weights.indexOf(least)] as { id: string }).id;
      this.trace('room placed from the Janus counters', { janus: chosen, weights: Object.fromEntries(up.map((m, i) => [m.id, weights[i]])) });
      return chosen;
    } catch (err) {
      this.log('placing a room from the Janus counters failed; placed by this node alone', err);
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }

  private client(member: string): JanusClient {
    const c = this.janus.members().find((m) => m.id === member)?.client;
    if (!c || c.closed) throw new SfuDownError();
    return c;
  }

  /** Rejects (never throws) when the member's Janus is gone: callers that shrug it off use .catch. */
  private async adminHandle(member: string): Promise<VideoRoomAdmin> {
    const client = this.client(member);
    let holder = this.admins.get(member);
    if (!holder || holder.client !== client || holder.session?.destroyed) {
      // Kept as a promise at once, so concurrent first uses share one admin session.
      const made: AdminHolder = { client, admin: Promise.resolve() as never };
      made.admin = client.createSession().then((session) => {
        made.session = session;
        return VideoRoomAdmin.open(session, this.janus.videoroomAdminKey);
      });
      made.admin.catch(() => this.admins.get(member) === made && this.admins.delete(member));
      this.admins.set(member, made);
      holder = made;
    }
    return holder.admin;
  }
}
