/** Getting into a room over signaling: session token, connection, `room:join`, token refresh. */
import type { JoinResponse, MediaState } from '../../protocol';
import type { CallError } from './api';
import type { SignalingPort } from './signaling-client';

export class RoomConnection {
  /** Session and connection made ahead of `room:join` (in the lobby), so Join only costs one round trip. */
  private ready: Promise<void> | null = null;

  constructor(
    private readonly signaling: SignalingPort,
    private readonly roomName: string,
    private readonly displayName: string,
  ) {}

  /** Gets a session token and connects, once; a failed attempt is forgotten so the next call retries. */
  prepare(): Promise<void> {
    if (!this.ready) {
      const attempt = this.signaling
        .createSession(this.roomName, this.displayName)
        .then((session) => this.signaling.connect(session.token));
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

  /** Forgets the prepared connection (after a disconnect the next open starts over). */
  reset(): void {
    this.ready = null;
  }

  /** `room:join` on the current connection (also after a reconnection: the server gives a new id). */
  join(media: MediaState): Promise<JoinResponse> {
    return this.signaling.request('room:join', { media });
  }

  /**
   * A reconnection was refused. An expired token is renewed and the connection retried;
   * other refusals (UNAUTHORIZED, FORBIDDEN_ORIGIN) are final and rethrown. Network errors
   * are left to the socket's own retries.
   */
  async onReconnectRefused(err: CallError): Promise<void> {
    if (err.code === 'TOKEN_EXPIRED') {
      const session = await this.signaling.createSession(this.roomName, this.displayName);
      this.signaling.setToken(session.token);
      this.signaling.reconnect();
      return;
    }
    if (err.code === 'UNAUTHORIZED' || err.code === 'FORBIDDEN_ORIGIN') throw err;
  }
}
