import type { ExtendedError } from 'socket.io';
import type { ProtocolError } from '../../protocol';
import { ErrorCode } from '../../protocol';
import type { Logger } from '../logger';
import type { ConferSocket } from '../events/types';
import { AuthError } from './tokens';
import type { TokenVerifier } from './tokens';

/** A connection error whose `data` reaches the client as `connect_error.data`. */
function refusal(code: ProtocolError['code'], message: string): ExtendedError {
  const err: ExtendedError = new Error(message);
  err.data = { code, message } satisfies ProtocolError;
  return err;
}

/** Transports with a CONNECT being verified. */
const verifying = new WeakSet<ConferSocket['conn']>();

/**
 * Socket.IO middleware: a socket exists only with a valid token. The token is read from the
 * `auth` payload only; query strings end up in proxy and access logs. A refused CONNECT also
 * closes the transport under it, so one connection cannot be used to try token after token, and
 * so does a CONNECT sent while another one on the same transport is still being verified (a client
 * connects its one namespace once at a time).
 */
export function socketAuth(verify: TokenVerifier, logger: Logger) {
  return (socket: ConferSocket, next: (err?: ExtendedError) => void): void => {
    const refuse = (err: ExtendedError) => {
      next(err);
      // Socket.IO writes the CONNECT_ERROR on the next tick and skips it if the transport is no
      // longer open; a close after that waits for the write to drain, so the client still learns why.
      setImmediate(() => socket.conn.close());
    };
    const { conn } = socket;
    if (verifying.has(conn)) {
      // Dropped at once, queued packets with it: answering each would be the work the client wants.
      conn.close(true);
      return;
    }
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token === '') {
      refuse(refusal(ErrorCode.Unauthorized, 'a token is required'));
      return;
    }
    verifying.add(conn);
    verify(token).finally(() => verifying.delete(conn)).then(
      (claims) => {
        socket.data = { userId: claims.userId, room: claims.room, name: claims.name, role: claims.role, idp: claims.idp };
        next();
      },
      (err: unknown) => {
        const refused = err instanceof AuthError ? err : new AuthError(ErrorCode.Unauthorized, 'invalid token');
        logger.debug('connection refused', { code: refused.code, address: socket.handshake.address });
        refuse(refusal(refused.code, refused.message));
      },
    );
  };
}
