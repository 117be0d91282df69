/**
 * The door of every meeting: who gets a session (host key, passcode), who gets in at a join
 * (locked, waiting room, removed), and the meeting records behind it.
 */
import { ErrorCode, MEETING_ID_PATTERN } from '../../protocol';
import type { MeetingSettings, ProtocolError, Role } from '../../protocol';
import { IpLimiter, addressKey } from '../cluster/ip-limiter';
import type { ServerConfig } from '../config';
import { hashHostKey, hashPasscode, hostKeyMatches, newHostKey, newMeetingId, passcodeMatches } from './meeting-ids';
import type { Meeting, MeetingStore } from './meeting-store';

/** A refused session request: its HTTP status and the error the client shows. */
export interface SessionRefusal {
  status: number;
  error: ProtocolError;
}

/** What a join may do: enter, wait in the waiting room, or be refused. */
export type Entry = { kind: 'enter' } | { kind: 'wait' } | { kind: 'refused'; error: ProtocolError };

const NOT_FOUND: ProtocolError = { code: ErrorCode.MeetingNotFound, message: "This meeting doesn't exist or has ended." };

export const settingsOf = (m: Meeting): MeetingSettings => ({ waitingRoom: m.waitingRoom, locked: m.locked, passcode: m.passcodeHash !== undefined });

export class Meetings {
  /** Wrong passcodes per meeting and per address: 10 a minute by default. */
  private readonly wrongByMeeting: IpLimiter;
  private readonly wrongByAddress: IpLimiter;

  constructor(
    readonly store: MeetingStore,
    private readonly config: Pick<ServerConfig, 'roomNames' | 'passcodeTriesPerMinute'>,
    private readonly now: () => number,
  ) {
    const perMinute = config.passcodeTriesPerMinute;
    this.wrongByMeeting = new IpLimiter(perMinute / 60, perMinute, now);
    this.wrongByAddress = new IpLimiter(perMinute / 60, perMinute, now);
  }

  /** A new meeting with a fresh id; its host key goes to the creator only. The waiting room is on unless asked off. */
  async create(opts: { waitingRoom?: boolean; passcode?: string }, id = newMeetingId()): Promise<{ meeting: Meeting; hostKey: string } | undefined> {
    const hostKey = newHostKey();
    const meeting: Meeting = {
      id,
      hostKeyHash: hashHostKey(hostKey),
      ...(opts.passcode !== undefined ? { passcodeHash: await hashPasscode(opts.passcode) } : {}),
      waitingRoom: opts.waitingRoom ?? true,
      locked: false,
      createdAt: this.now(),
    };
    return (await this.store.create(meeting)) ? { meeting, hostKey } : undefined;
  }

  /**
   * The role a session request for `room` gets, or why not. Where typed names are open, the first
   * session of an unknown name makes it a meeting (waiting room on) and is its host (`hostKey` returned).
   */
  async sessionFor(room: string, given: { hostKey?: string; passcode?: string }, ip: string | undefined): Promise<{ role: Role; hostKey?: string } | SessionRefusal> {
    let meeting = await this.store.get(room);
    if (!meeting) {
      if (this.config.roomNames !== 'open' || MEETING_ID_PATTERN.test(room)) return { status: 404, error: NOT_FOUND };
      const made = await this.create({ waitingRoom: true }, room);
      if (made) return { role: 'host', hostKey: made.hostKey };
      meeting = await this.store.get(room); // another session made it meanwhile
      if (!meeting) return { status: 404, error: NOT_FOUND };
    }
    if (given.hostKey !== undefined && hostKeyMatches(given.hostKey, meeting.hostKeyHash)) return { role: 'host' };
    if (meeting.passcodeHash === undefined) return { role: 'guest' };
    if (given.passcode === undefined) return { status: 401, error: { code: ErrorCode.PasscodeRequired, message: 'This meeting needs a passcode.' } };
    const byMeeting = this.wrongByMeeting.bucket(room);
    const byAddress = this.wrongByAddress.bucket(addressKey(ip));
    if (!byMeeting.peek() || !byAddress.peek()) return { status: 429, error: { code: ErrorCode.RateLimited, message: 'Too many wrong passcodes: wait a minute and try again.' } };
    if (await passcodeMatches(given.passcode, meeting.passcodeHash)) return { role: 'guest' };
    byMeeting.take();
    byAddress.take();
    return { status: 403, error: { code: ErrorCode.WrongPasscode, message: 'That passcode is not right.' } };
  }

  /**
   * Whether a join of `user` may enter now. Hosts always do (unless removed); others are refused
   * while the meeting is locked, and wait while the waiting room is on, unless they were let in
   * (or were in) before. Identity-provider sessions may open a meeting under a typed name.
   */
  async entry(room: string, user: { userId: string; role: Role; idp: boolean }): Promise<Entry> {
    let meeting = await this.store.get(room);
    if (!meeting && user.idp && !MEETING_ID_PATTERN.test(room)) {
      await this.create({ waitingRoom: true }, room);
      meeting = await this.store.get(room);
    }
    if (!meeting) return { kind: 'refused', error: NOT_FOUND };
    if (await this.store.isBanned(room, user.userId)) {
      return { kind: 'refused', error: { code: ErrorCode.Denied, message: 'A host removed you from this meeting or did not let you in.' } };
    }
    if (user.role === 'host' || (await this.store.isAdmitted(room, user.userId))) return { kind: 'enter' };
    if (meeting.locked) return { kind: 'refused', error: { code: ErrorCode.MeetingLocked, message: 'The host has locked this meeting: nobody new can join.' } };
    return meeting.waitingRoom ? { kind: 'wait' } : { kind: 'enter' };
  }

  /** Someone is in: a later join of theirs (after a reload or a lost connection) needs no new admission. */
  async entered(room: string, userId: string): Promise<void> {
    await Promise.all([this.store.admit(room, [userId]), this.store.touch(room)]);
  }

  async settings(room: string): Promise<MeetingSettings | undefined> {
    const m = await this.store.get(room);
    return m && settingsOf(m);
  }
}
