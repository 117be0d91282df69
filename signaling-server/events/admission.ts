import { ErrorCode, fail } from '../../protocol';
import type { ProtocolError } from '../../protocol';
import { addressKey } from '../cluster/ip-limiter';
import type { ConferSocket } from './types';

/** What `Admission` needs from the configuration. */
export interface AdmissionSettings {
  joinTimeoutMs: number;
  maxRoomsPerAddress: number;
  maxParticipantsPerUser: number;
}

interface Seat {
  userKey: string;
  address: string;
  room: string;
}

/**
 * Per-node caps on who may take a seat: live participants per user and room (one by default),
 * rooms the participants of one address are in at once, and a deadline to join after connecting.
 *
 * A second join with the same user is refused (`ALREADY_IN_ROOM`), not allowed to take over: a
 * leaked or shared token could otherwise kick the real user out again and again, and a reload
 * or a crashed tab does not hit the cap, because a seat is released when its connection closes.
 */
export class Admission {
  private readonly seats = new Map<string, Seat>();
  private readonly perUser = new Map<string, number>();
  private readonly roomsByAddress = new Map<string, Map<string, number>>();

  constructor(private readonly settings: AdmissionSettings) {}

  /**
   * Starts the join deadline of a new socket and releases its seat when it goes. The deadline
   * closes the transport: an idle authenticated connection holds memory and a connection slot.
   */
  watch(socket: ConferSocket): void {
    const timer = setTimeout(() => {
      // Someone in the waiting room waits for a host, however long that takes.
      if (socket.data.participantId === undefined && !this.seats.has(socket.id) && !socket.data.waiting) socket.conn.close();
    }, this.settings.joinTimeoutMs);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      this.release(socket);
    });
  }

  /**
   * Takes a seat for a join of `socket` before the join runs; a refusal to answer instead.
   * `force` (a resume of a participant that already held the seat) records without checking.
   * Returns whether this call took the seat (release it if the join then fails).
   */
  claim(socket: ConferSocket, force = false): { refusal?: ReturnType<typeof fail>; claimed: boolean } {
    // A second join on one socket: the join handler answers ALREADY_JOINED.
    if (this.seats.has(socket.id)) return { claimed: false };
    const seat: Seat = { userKey: `${socket.data.room}\n${socket.data.userId}`, address: addressKey(socket.handshake.address), room: socket.data.room };
    const rooms = this.roomsByAddress.get(seat.address) ?? new Map<string, number>();
    if (!force) {
      const refusal = this.refusal(seat, rooms);
      if (refusal) return { refusal: fail(refusal.code, refusal.message), claimed: false };
    }
    this.seats.set(socket.id, seat);
    this.perUser.set(seat.userKey, (this.perUser.get(seat.userKey) ?? 0) + 1);
    rooms.set(seat.room, (rooms.get(seat.room) ?? 0) + 1);
    this.roomsByAddress.set(seat.address, rooms);
    return { claimed: true };
  }

  /**
   * The guard's hook around one validated event: a refusal to answer instead of running it, and
   * `settle(ok)` to call with the outcome. Joins and resumes take a seat; a failed one gives it
   * back, and so does a successful leave.
   */
  gate(socket: ConferSocket, event: string): { refusal?: ReturnType<typeof fail>; settle(ok: boolean): void } {
    if (event === 'room:leave') return { settle: (ok) => ok && this.release(socket) };
    if (event !== 'room:join' && event !== 'room:resume') return { settle: () => undefined };
    const { refusal, claimed } = this.claim(socket, event === 'room:resume');
    return { refusal, settle: (ok) => !ok && claimed && this.release(socket) };
  }

  /** Gives back the seat of `socket` (after a leave, a failed join or a disconnect); idempotent. */
  release(socket: ConferSocket): void {
    const seat = this.seats.get(socket.id);
    if (!seat) return;
    this.seats.delete(socket.id);
    decrement(this.perUser, seat.userKey);
    const rooms = this.roomsByAddress.get(seat.address);
    if (rooms) {
      decrement(rooms, seat.room);
      if (rooms.size === 0) this.roomsByAddress.delete(seat.address);
    }
  }

  private refusal(seat: Seat, rooms: Map<string, number>): ProtocolError | undefined {
    if ((this.perUser.get(seat.userKey) ?? 0) >= this.settings.maxParticipantsPerUser) {
      return { code: ErrorCode.AlreadyInRoom, message: 'you are already in this meeting from another window or device; leave there first' };
    }
    if (!rooms.has(seat.room) && rooms.size >= this.settings.maxRoomsPerAddress) {
      return { code: ErrorCode.TooManyRoomsFromAddress, message: 'too many meetings from your network address at once; try again later' };
    }
    return undefined;
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const left = (map.get(key) ?? 0) - 1;
  if (left > 0) map.set(key, left);
  else map.delete(key);
}
