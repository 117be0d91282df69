/**
 * Relays our peer signals (offers, answers, ICE candidates) to the server, and holds them while
 * the room is away: between a lost signaling connection and the room's resume, a signal sent
 * would reach the new connection before the resume (Socket.IO sends what it buffered as soon as
 * it connects) and be refused ("join a room first"), and an ICE restart's offer lost that way
 * left a call on a dead path until the connection was made again. Held signals go out, in order,
 * once the room is back, each peer's from its last offer or answer on: an earlier one was rolled
 * back or answered already, and its answer would have been applied to the newer offer (a call
 * that had come back then lost its path again). A rejoin (new participant id, new peers) drops them.
 */
import type { PeerSignalData } from '../../protocol';
import { CallError } from './api';

/** More than this held (a long outage of a busy call): the oldest go first; ICE restarts send fresh ones. */
const MAX_HELD = 200;

export class SignalRelay {
  private held: { seq: number; to: string; signal: PeerSignalData }[] | null = null;
  private seq = 0;

  constructor(private readonly send: (to: string, signal: PeerSignalData) => Promise<unknown>) {}

  relay(to: string, signal: PeerSignalData): void {
    this.sendOrKeep(++this.seq, to, signal);
  }

  private sendOrKeep(seq: number, to: string, signal: PeerSignalData): void {
    if (this.held) return this.keep(seq, to, signal);
    this.send(to, signal).catch((e: unknown) => {
      // Sent just as the connection went: the room is away now; this one goes again with the others, in its place.
      if (this.held && e instanceof CallError && e.code === 'NOT_IN_ROOM') this.keep(seq, to, signal);
      else console.warn('peer:signal not relayed', e);
    });
  }

  /** The room is away (signaling reconnecting): hold what is relayed from now on. */
  hold(): void {
    this.held ??= [];
  }

  /** The room is back: send what was held, in order. */
  release(): void {
    const held = (this.held ?? []).sort((a, b) => a.seq - b.seq);
    this.held = null;
    const lastSdp = new Map<string, number>();
    for (const h of held) if (h.signal.type === 'offer' || h.signal.type === 'answer') lastSdp.set(h.to, h.seq);
    for (const { seq, to, signal } of held) if (seq >= (lastSdp.get(to) ?? 0)) this.sendOrKeep(seq, to, signal);
  }

  /** The peers are gone (rejoin, leave): what was held is for nobody. */
  drop(): void {
    this.held = null;
  }

  private keep(seq: number, to: string, signal: PeerSignalData): void {
    const held = (this.held ??= []);
    held.push({ seq, to, signal });
    if (held.length > MAX_HELD) held.shift();
  }
}
