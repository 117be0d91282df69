import type { ConferSocket } from '../events/types';

/**
 * How long a peer found in the store is trusted without asking the store again: the bound on a
 * departure this socket never heard of (a broadcast dropped while Redis was unreachable).
 */
export const VERIFIED_FOR_MS = 10_000;

/**
 * The peers one socket's participant has signalled and the store confirmed to be in its room.
 * A call's signalling (offer, answer, dozens of ICE candidates per peer) then costs one store
 * read per peer, not one per message, which in cluster mode was a Redis round trip before every
 * relay. An entry goes when the room tells this socket that the peer left (the
 * `room:participant-left` broadcast, seen on its way out: sent after the store removed the peer),
 * when the socket's participant changes (leave, then join again), and after VERIFIED_FOR_MS.
 */
export class VerifiedPeers {
  private readonly peers = new Map<string, number>();
  private owner: string | undefined;
  /** Departures seen so far: a store read that a departure overtook must not be kept. */
  private departures = 0;
  private watching = false;

  constructor(
    private readonly socket: ConferSocket,
    private readonly now: () => number,
  ) {}

  /** True when `id` was confirmed for participant `from` less than VERIFIED_FOR_MS ago and has not left since. */
  has(from: string, id: string): boolean {
    if (from !== this.owner) return false;
    const at = this.peers.get(id);
    if (at === undefined) return false;
    if (this.now() - at < VERIFIED_FOR_MS) return true;
    this.peers.delete(id);
    return false;
  }

  /** Call before the store read; hand the result to `confirm`. */
  mark(): number {
    this.watch();
    return this.departures;
  }

  /** The store found `id` in the room of participant `from` (read after `mark` returned `mark`). */
  confirm(from: string, id: string, mark: number): void {
    if (mark !== this.departures) return;
    if (from !== this.owner) {
      this.peers.clear();
      this.owner = from;
    }
    this.peers.set(id, this.now());
  }

  /** Watches what this socket is sent, from its first signal on (idle sockets pay nothing). */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    this.socket.onAnyOutgoing((event: string, e?: { id?: unknown }) => {
      if (event !== 'room:participant-left') return;
      this.departures++;
      if (typeof e?.id === 'string') this.peers.delete(e.id);
    });
  }
}
