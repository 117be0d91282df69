/**
 * One owner per room for the whole cluster: a lease in the shared store (`sfu-owner:<room>`, this
 * node's id, OWNER_LEASE_MS) that the owner renews every third of it. The owner takes the room's
 * topology decisions and coordinates its switches (./sfu-service); the other nodes follow them.
 *
 * Every node that knows the room (a participant of it is connected there, or it heard of it)
 * watches the lease: when the owner stops renewing it (the node died, or lost Redis for longer
 * than the lease), the first node to claim it after it lapsed owns the room from then on
 * (`onTakeover`). An owner whose renewal finds the lease another's stops owning at once
 * (`onLost`), so two nodes never both decide for long; one that finds it gone (Redis was away)
 * claims it again. While the store cannot be reached, every node keeps what it had. A node shutting down drops its leases, so
 * the others take over at their next check instead of waiting for the lease to lapse.
 */
import type { RoomStore } from '../store/room-store';

/** How long a lease lasts unrenewed: the longest a room goes without an owner after its owner died. */
export const OWNER_LEASE_MS = 6000;

export interface RoomOwnersOptions {
  leaseMs?: number;
  /** This node now owns `room` (its owner's lease lapsed). */
  onTakeover: (room: string) => void;
  /** This node no longer owns `room` (its lease was lost). */
  onLost: (room: string) => void;
  log: (msg: string, fields: Record<string, unknown>) => void;
}

const key = (room: string) => `sfu-owner:${room}`;

export class RoomOwners {
  private readonly owned = new Set<string>();
  private readonly known = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly leaseMs: number;
  private checking = false;

  constructor(
    private readonly store: Pick<RoomStore, 'claimValue' | 'renewValue' | 'dropValue'>,
    private readonly nodeId: string,
    private readonly opts: RoomOwnersOptions,
  ) {
    this.leaseMs = opts.leaseMs ?? OWNER_LEASE_MS;
    this.timer = setInterval(() => void this.check(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  /** How many rooms this node owns now. */
  get size(): number {
    return this.owned.size;
  }

  /** Whether this node owns `room` now (as far as its last claim or renewal knows). */
  owns(room: string): boolean {
    return this.owned.has(room);
  }

  /** Takes the room's lease when nobody holds it; whether this node owns the room. The room is watched from now on. */
  async claim(room: string): Promise<boolean> {
    this.known.add(room);
    const holder = await this.store.claimValue(key(room), this.nodeId, this.leaseMs);
    if (!this.known.has(room)) return false;
    if (holder === this.nodeId) this.owned.add(room);
    else this.owned.delete(room);
    return holder === this.nodeId;
  }

  /** The room ended here (nobody of it on this node, or it is empty): its lease, if this node's, is dropped. */
  async forget(room: string): Promise<void> {
    this.known.delete(room);
    if (!this.owned.delete(room)) return;
    await this.store.dropValue(key(room), this.nodeId).catch(() => undefined);
  }

  /** Stops watching and drops this node's leases (shutdown): the other nodes take the rooms over. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const rooms = [...this.owned];
    this.owned.clear();
    this.known.clear();
    await Promise.all(rooms.map((r) => this.store.dropValue(key(r), this.nodeId).catch(() => undefined)));
  }

  /** Renews the owned leases and claims the lapsed ones of the rooms known here. */
  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await Promise.all(
        [...this.known].map(async (room) => {
          const had = this.owned.has(room);
          // A lapsed lease of its own (Redis was away, or came back empty) is claimed again at once.
          const still = (had && (await this.store.renewValue(key(room), this.nodeId, this.leaseMs))) || (await this.claim(room));
          if (!this.known.has(room)) return;
          if (had && !still) {
            this.owned.delete(room);
            this.opts.log('sfu: this node lost the lease of a room it owned', { room });
            this.opts.onLost(room);
          } else if (!had && still) {
            this.opts.log('sfu: this node took over a room whose owner stopped renewing its lease', { room });
            this.opts.onTakeover(room);
          }
        }),
      );
    } catch (err) {
      // The store is down: leases stay as they were; an owner's lapses, and is claimed once the store is back.
      this.opts.log('sfu: room leases could not be checked', { error: String(err) });
    } finally {
      this.checking = false;
    }
  }
}
