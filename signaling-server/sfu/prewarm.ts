/**
 * Which mesh rooms keep the SFU path warm. From the moment a room holds `meshMax` participants
 * (one more moves it to the SFU), each client holds a publisher and a subscriber connection to
 * Janus that are connected but carry nothing (every encoding inactive). The switch then only turns
 * encodings on and adds the newcomer's feed: no ICE, DTLS or encoder start-up on its critical
 * path. A room that stays below `meshMax` for the hold-down lets them go; one that is gone, or
 * whose media server is down, lets them go at once.
 *
 * Pure bookkeeping with an injected clock; the SFU service says it to the room (`sfu:prewarm`).
 */
import { systemClock, type Clock } from '../topology/topology';

export interface PrewarmOptions {
  /** SFU_PREWARM: off keeps the SFU path cold until a switch (the bench compares both). */
  enabled: boolean;
  meshMax: number;
  /** How long a room stays below meshMax before its warm connections go (TOPOLOGY_HOLDDOWN_SECONDS). */
  holdDownMs: number;
  /** Whether the SFU can take rooms now. */
  available: () => boolean;
  /** The room's warm state changed. */
  onChange: (room: string, warm: boolean) => void;
  clock?: Clock;
}

export class PrewarmRooms {
  /** Warm rooms, each with the timer that cools it while it is below meshMax. */
  private readonly warm = new Map<string, { coolTimer?: unknown }>();
  private readonly clock: Clock;

  constructor(private readonly opts: PrewarmOptions) {
    this.clock = opts.clock ?? systemClock;
  }

  isWarm(room: string): boolean {
    return this.warm.has(room);
  }

  /** Rooms warm now (for /metrics). */
  get size(): number {
    return this.warm.size;
  }

  /** The room now has `count` participants. */
  countChanged(room: string, count: number): void {
    if (!this.opts.enabled) return;
    const s = this.warm.get(room);
    if (count === 0) {
      if (s) this.cool(room);
      return;
    }
    if (count >= this.opts.meshMax && this.opts.available()) {
      if (!s) {
        this.warm.set(room, {});
        this.opts.onChange(room, true);
      } else if (s.coolTimer !== undefined) {
        this.clock.clearTimeout(s.coolTimer);
        s.coolTimer = undefined;
      }
      return;
    }
    if (s && s.coolTimer === undefined) s.coolTimer = this.clock.setTimeout(() => this.cool(room), this.opts.holdDownMs);
  }

  /** The media server went down: no room can keep a warm path to it. */
  sfuDown(): void {
    for (const room of [...this.warm.keys()]) this.cool(room);
  }

  /** Stops every timer (server shutdown); says nothing to the rooms. */
  dispose(): void {
    for (const s of this.warm.values()) if (s.coolTimer !== undefined) this.clock.clearTimeout(s.coolTimer);
    this.warm.clear();
  }

  private cool(room: string): void {
    const s = this.warm.get(room);
    if (!s) return;
    if (s.coolTimer !== undefined) this.clock.clearTimeout(s.coolTimer);
    this.warm.delete(room);
    this.opts.onChange(room, false);
  }
}
