/**
 * Per-room topology decision: mesh or SFU. Pure logic with an injected clock; no sockets, no Janus.
 *
 * Rules:
 * - a room is `mesh` while it has at most `meshMax` participants and nothing requires the SFU;
 * - the participant after `meshMax` moves it to `sfu` (if the SFU is available: otherwise that join
 *   is refused with SFU_UNAVAILABLE and the room stays mesh);
 * - it goes back to `mesh` only after it has had at most `meshMax` participants for `holdDownMs`
 *   without a break; growing again during the hold-down cancels it;
 * - a switch is announced with `change` and is in progress until `switchComplete(room)` (or
 *   `switchTimeoutMs`); a new switch is never announced while one is in progress: the decision is
 *   taken again when it completes;
 * - when the SFU goes down, every room on it falls back to mesh at once (reason `sfu-down`).
 *
 * Events: `change` (room, mode, reason), `removed` (room, lastMode) when the last participant leaves.
 */
import { EventEmitter } from 'node:events';
import { ErrorCode, Limits } from '../../protocol';
import type { Topology } from '../../protocol';

/** The same type as the wire's `room:topology` event carries. */
export type { Topology };
/** Why a room changes: it grew past meshMax, shrank for the hold-down, lost the SFU, or something requires the SFU. */
export type ChangeReason = 'grow' | 'hold-down' | 'sfu-down' | 'required';

/** The timers the manager uses; tests inject a fake one. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface TopologyOptions {
  /** Whether the SFU can take rooms now (e.g. `() => sfu.available()`). */
  sfuAvailable: () => boolean;
  /** Default Limits.meshMax (4). */
  meshMax?: number;
  /** Default 15 s (TOPOLOGY_HOLDDOWN_SECONDS). */
  holdDownMs?: number;
  /** How long a switch may stay unconfirmed before it counts as done; default 20 s; 0: switches complete at once. */
  switchTimeoutMs?: number;
  clock?: Clock;
}

/** The answer to "may participant number n join?". */
export type AdmitDecision = { ok: true; mode: Topology } | { ok: false; code: typeof ErrorCode.SfuUnavailable; message: string };

/** A read-only view of one room. */
export interface RoomTopology {
  mode: Topology;
  count: number;
  /** True while the last announced switch is not complete. */
  switching: boolean;
  /** When the hold-down back to mesh ends (ms, clock time), if one is running. */
  holdDownUntil?: number;
  sfuRequired: boolean;
}

interface RoomState {
  mode: Topology;
  count: number;
  switching: boolean;
  switchTimer?: unknown;
  belowSince?: number;
  holdTimer?: unknown;
  sfuRequired: boolean;
}

export class TopologyManager extends EventEmitter {
  private readonly rooms = new Map<string, RoomState>();
  /** Rooms another node decides for (a cluster's room owner, ../sfu/room-owner): counted here, never decided. */
  private readonly followed = new Set<string>();
  private readonly meshMax: number;
  private readonly holdDownMs: number;
  private readonly switchTimeoutMs: number;
  private readonly clock: Clock;
  private lastAvailable: boolean;

  constructor(private readonly opts: TopologyOptions) {
    super();
    this.meshMax = opts.meshMax ?? Limits.meshMax;
    this.holdDownMs = opts.holdDownMs ?? 15_000;
    this.switchTimeoutMs = opts.switchTimeoutMs ?? 20_000;
    this.clock = opts.clock ?? systemClock;
    this.lastAvailable = opts.sfuAvailable();
  }

  /** The room's current (announced) topology; `mesh` for a room not known. */
  mode(room: string): Topology {
    return this.rooms.get(room)?.mode ?? 'mesh';
  }

  get(room: string): RoomTopology | undefined {
    const s = this.rooms.get(room);
    if (!s) return undefined;
    return {
      mode: s.mode,
      count: s.count,
      switching: s.switching,
      holdDownUntil: s.belowSince !== undefined ? s.belowSince + this.holdDownMs : undefined,
      sfuRequired: s.sfuRequired,
    };
  }

  /** Rooms known (with at least one participant). */
  roomIds(): string[] {
    return [...this.rooms.keys()];
  }

  /**
   * Whether a join that would bring the room to `countAfterJoin` participants may happen, and in
   * which topology the room will then be. Changes nothing; call onParticipantCount after the join.
   */
  admit(room: string, countAfterJoin: number): AdmitDecision {
    const needsSfu = countAfterJoin > this.meshMax || this.rooms.get(room)?.sfuRequired === true;
    if (!needsSfu) return { ok: true, mode: this.mode(room) };
    if (!this.opts.sfuAvailable()) {
      return { ok: false, code: ErrorCode.SfuUnavailable, message: `rooms above ${this.meshMax} participants need the media server, which is unavailable` };
    }
    return { ok: true, mode: 'sfu' };
  }

  /** Tells the manager the room now has `count` participants; returns its (announced) topology. */
  onParticipantCount(room: string, count: number): Topology {
    if (!Number.isInteger(count) || count < 0) throw new Error(`participant count must be a whole number (got ${count})`);
    let s = this.rooms.get(room);
    if (count === 0) {
      if (s) this.remove(room, s);
      return 'mesh';
    }
    if (!s) {
      s = { mode: 'mesh', count, switching: false, sfuRequired: false };
      this.rooms.set(room, s);
    }
    s.count = count;
    this.evaluate(room, s);
    return s.mode;
  }

  /**
   * Whether this node decides for `room` (the default) or follows another's decisions (`follow`).
   * A room taken over is decided at once from its count and mode: a switch the old owner left
   * unconfirmed counts as done.
   */
  lead(room: string, leading: boolean): void {
    if (!leading) {
      if (this.followed.has(room)) return;
      this.followed.add(room);
      const s = this.rooms.get(room);
      if (s) {
        this.clearTimers(s);
        s.switching = false;
        s.belowSince = undefined;
      }
      return;
    }
    if (!this.followed.delete(room)) return;
    const s = this.rooms.get(room);
    if (s) this.evaluate(room, s);
  }

  /** The room's owner announced `mode`: a followed room takes it (no event: this node announces nothing). */
  follow(room: string, mode: Topology): void {
    if (!this.followed.has(room)) return;
    let s = this.rooms.get(room);
    if (!s) {
      // Heard before this node counted the room: its next count corrects the size.
      s = { mode, count: 1, switching: false, sfuRequired: false };
      this.rooms.set(room, s);
    }
    s.mode = mode;
  }

  /** Something other than size needs the SFU for this room (or no longer does). */
  setSfuRequired(room: string, required: boolean): Topology {
    const s = this.rooms.get(room);
    if (!s) return 'mesh';
    s.sfuRequired = required;
    this.evaluate(room, s);
    return s.mode;
  }

  /** The switch announced for this room is done (clients moved). A decision held back meanwhile is taken now. */
  switchComplete(room: string): void {
    const s = this.rooms.get(room);
    if (!s?.switching) return;
    s.switching = false;
    if (s.switchTimer !== undefined) this.clock.clearTimeout(s.switchTimer);
    s.switchTimer = undefined;
    this.evaluate(room, s);
  }

  /** Call when the SFU's availability changes (JanusHealth up/down): rooms on a dead SFU fall back to mesh, rooms too big for mesh go back to it when it returns. */
  onSfuAvailability(available: boolean): void {
    if (available === this.lastAvailable) return;
    this.lastAvailable = available;
    for (const [room, s] of this.rooms) {
      if (this.followed.has(room)) continue;
      if (!available && s.mode === 'sfu') {
        // No point waiting for a switch to a dead SFU to complete.
        this.clearTimers(s);
        s.switching = false;
        s.belowSince = undefined;
        this.announce(room, s, 'mesh', 'sfu-down');
      } else {
        this.evaluate(room, s);
      }
    }
  }

  /** Stops every timer (server shutdown). */
  dispose(): void {
    for (const s of this.rooms.values()) this.clearTimers(s);
    this.rooms.clear();
    this.followed.clear();
  }

  private remove(room: string, s: RoomState): void {
    this.clearTimers(s);
    this.rooms.delete(room);
    this.followed.delete(room);
    this.emit('removed', room, s.mode);
  }

  private clearTimers(s: RoomState): void {
    if (s.holdTimer !== undefined) this.clock.clearTimeout(s.holdTimer);
    if (s.switchTimer !== undefined) this.clock.clearTimeout(s.switchTimer);
    s.holdTimer = undefined;
    s.switchTimer = undefined;
  }

  private announce(room: string, s: RoomState, mode: Topology, reason: ChangeReason): void {
    s.mode = mode;
    if (this.switchTimeoutMs > 0 && reason !== 'sfu-down') {
      s.switching = true;
      s.switchTimer = this.clock.setTimeout(() => {
        s.switchTimer = undefined;
        this.switchComplete(room);
      }, this.switchTimeoutMs);
    }
    this.emit('change', room, mode, reason);
  }

  /** Applies the rules to one room. */
  private evaluate(room: string, s: RoomState): void {
    if (this.rooms.get(room) !== s || this.followed.has(room)) return;
    const available = this.opts.sfuAvailable();
    const needsSfu = (s.count > this.meshMax || s.sfuRequired) && available;

    // Hold-down bookkeeping: runs while the room is on the SFU and small enough for mesh. The timer
    // is armed again for what is left when it fired early: Node's timers run on a monotonic clock
    // and may fire a millisecond before Date.now() says the time is up, and a hold-down that found
    // itself not over yet, with no timer left, kept a room on the SFU until its size changed again.
    if (s.mode === 'sfu' && !needsSfu && available) {
      if (s.belowSince === undefined) s.belowSince = this.clock.now();
      const left = s.belowSince + this.holdDownMs - this.clock.now();
      if (left > 0 && s.holdTimer === undefined) {
        s.holdTimer = this.clock.setTimeout(() => {
          s.holdTimer = undefined;
          this.evaluate(room, s);
        }, left);
      }
    } else if (s.belowSince !== undefined) {
      s.belowSince = undefined;
      if (s.holdTimer !== undefined) this.clock.clearTimeout(s.holdTimer);
      s.holdTimer = undefined;
    }

    if (s.switching) return; // decided again at switchComplete
    if (s.mode === 'mesh' && needsSfu) {
      this.announce(room, s, 'sfu', s.count > this.meshMax ? 'grow' : 'required');
    } else if (s.mode === 'sfu' && !available) {
      this.announce(room, s, 'mesh', 'sfu-down');
    } else if (s.mode === 'sfu' && s.belowSince !== undefined && this.clock.now() - s.belowSince >= this.holdDownMs) {
      s.belowSince = undefined;
      if (s.holdTimer !== undefined) this.clock.clearTimeout(s.holdTimer);
      s.holdTimer = undefined;
      this.announce(room, s, 'mesh', 'hold-down');
    }
  }
}
