/** Getting into a room over signaling: session token, connection, `room:join`, token refresh. */
import type { JoinResponse, MediaState } from '../../protocol';
import type { CallError } from './api';
import type { SignalingPort } from './signaling-client';

export class RoomConnection {
  constructor(
    private readonly signaling: SignalingPort,
    private readonly roomName: string,
    private readonly displayName: string,
  ) {}

  /** Session => connect => `room:join`. Rejects with the server's CallError. */
  async open(media: MediaState): Promise<JoinResponse> {
    const session = await this.signaling.createSession(this.roomName, this.displayName);
    await this.signaling.connect(session.token);
    return this.join(media);
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
