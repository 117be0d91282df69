/** Getting into a room over signaling: session token, connection, `room:join`, resume, token refresh. */
import type { JoinResponse, MediaState, ResumeToken } from '../../protocol';
import { CallError } from './api';
import { text } from '../i18n/text';
import type { SessionCredentials, SignalingPort } from './signaling-client';

/** Refusals after which a fresh join is the way back (anything else, e.g. unreachable, is not solved by joining). */
const RESUME_REFUSALS = new Set(['RESUME_REFUSED', 'INVALID_PAYLOAD', 'NOT_IN_ROOM']);
/** A refresh that failed is tried again this much later (the token usually has minutes left). */
const REFRESH_RETRY_MS = 15_000;

export class RoomConnection {
  /** Session and connection made ahead of `room:join` (in the lobby), so Join only costs one round trip. */
  private ready: Promise<void> | null = null;
  /** From the last join or resume answer: lets a reconnection keep the participant id and its peers. */
  private resumeToken: ResumeToken | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ends a wait in the waiting room (the join was cancelled). */
  private stopWaiting: ((err: CallError) => void) | null = null;

  constructor(
    private readonly signaling: SignalingPort,
    private readonly roomName: string,
    private readonly displayName: string,
    private readonly door: { credentials?: SessionCredentials; onHostKey?: (key: string) => void; onWaiting?: (waiting: boolean) => void } = {},
  ) {}

  private session() {
    return this.signaling.createSession(this.roomName, this.displayName, this.door.credentials).then((session) => {
      if (session.hostKey) this.door.onHostKey?.(session.hostKey);
      return session;
    });
  }

  /** Gets a session token and connects, once; a failed attempt is forgotten so the next call retries. */
  prepare(): Promise<void> {
    if (!this.ready) {
      const attempt = this.session().then((session) => this.signaling.connect(session.token));
      this.ready = attempt;
      attempt.catch(() => {
        if (this.ready === attempt) this.ready = null;
      });
    }
    return this.ready;
  }

  /** Session => connect (unless prepared) => `room:join`. Rejects with the server's CallError. */
  async open(media: MediaState): Promise<JoinResponse> {
    try {
      await this.prepare();
    } catch {
      // A lobby-time attempt may have failed long ago (server restarted, token expired): try afresh.
      this.ready = null;
      await this.prepare();
    }
    return this.join(media);
  }

  /** Forgets the prepared connection and the resume token (after a disconnect the next open starts over); a wait in the waiting room ends. */
  reset(): void {
    this.stopWaiting?.(new CallError('SIGNALING_UNREACHABLE', text('errors.server.stoppedWaiting')));
    this.ready = null;
    this.keepResumeToken(undefined);
  }

  /**
   * `room:join` on the current connection (a new participant id). In a meeting with a waiting
   * room the join waits (`onWaiting(true)`) until a host lets us in, then joins again; a host
   * turning us away, or ending the meeting, rejects.
   */
  async join(media: MediaState): Promise<JoinResponse> {
    for (;;) {
      try {
        const answer = await this.signaling.request('room:join', { media });
        this.keepResumeToken(answer.resume);
        return answer;
      } catch (err) {
        if (!(err instanceof CallError && err.code === 'IN_WAITING_ROOM')) throw err;
      }
      this.door.onWaiting?.(true);
      try {
        await this.admission();
      } finally {
        this.door.onWaiting?.(false);
      }
    }
  }

  /** Resolves when a host lets us in; rejects when one turns us away, ends the meeting, or the connection closes. */
  private admission(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const offs: (() => void)[] = [];
      const done = (err?: CallError) => {
        this.stopWaiting = null;
        for (const off of offs) off();
        if (err) reject(err);
        else resolve();
      };
      this.stopWaiting = done;
      offs.push(
        this.signaling.on('lobby:admitted', () => done()),
        this.signaling.on('lobby:denied', () => done(new CallError('DENIED', text('errors.join.DENIED')))),
        this.signaling.on('meeting:ended', () => done(new CallError('MEETING_ENDED', text('errors.join.MEETING_ENDED')))),
        this.signaling.on('disconnected', () => done(new CallError('SIGNALING_UNREACHABLE', text('errors.server.closedWhileWaiting')))),
      );
    });
  }

  /**
   * After a reconnection (to any server node): takes the participant back with the resume token,
   * same id, peers untouched. Null when there is no token or the server refused it (the
   * participant is gone): the caller joins afresh. Other failures are rethrown.
   */
  async resume(): Promise<JoinResponse | null> {
    const token = this.resumeToken?.token;
    if (!token) return null;
    try {
      const answer = await this.signaling.request('room:resume', { token });
      this.keepResumeToken(answer.resume);
      return answer;
    } catch (err) {
      if (err instanceof CallError && RESUME_REFUSALS.has(err.code)) {
        this.keepResumeToken(undefined);
        return null;
      }
      throw err;
    }
  }

  /** Keeps `token` and asks for a new one at 80 % of its life. */
  private keepResumeToken(token: ResumeToken | undefined): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.resumeToken = token;
    if (!token) return;
    this.scheduleRefresh(Math.max(5000, (token.expiresAt - Date.now()) * 0.8));
  }

  private scheduleRefresh(delayMs: number): void {
    this.refreshTimer = setTimeout(() => {
      this.signaling.request('room:resume-token', {}).then(
        (next) => this.keepResumeToken(next),
        () => this.scheduleRefresh(REFRESH_RETRY_MS),
      );
    }, Math.min(delayMs, 2 ** 31 - 1));
  }

  /**
   * A reconnection was refused. An expired token is renewed and the connection retried;
   * other refusals (UNAUTHORIZED, FORBIDDEN_ORIGIN) are final and rethrown. Network errors
   * are left to the socket's own retries.
   */
  async onReconnectRefused(err: CallError): Promise<void> {
    if (err.code === 'TOKEN_EXPIRED') {
      const session = await this.session();
      this.signaling.setToken(session.token);
      this.signaling.reconnect();
      return;
    }
    if (err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN_ORIGIN') throw err;
  }
}
