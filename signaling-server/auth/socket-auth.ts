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

/**
 * Socket.IO middleware: a socket exists only with a valid token. The token is read from the
 * `auth` payload only; query strings end up in proxy and access logs.
 */
export function socketAuth(verify: TokenVerifier, logger: Logger) {
  return (socket: ConferSocket, next: (err?: ExtendedError) => void): void => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token === '') {
      next(refusal(ErrorCode.Unauthorized, 'a token is required'));
      return;
    }
    verify(token).then(
      (claims) => {
        socket.data = { userId: claims.userId, room: claims.room, name: claims.name };
        next();
      },
      (err: unknown) => {
        const refused = err instanceof AuthError ? err : new AuthError(ErrorCode.Unauthorized, 'invalid token');
        logger.debug('connection refused', { code: refused.code, address: socket.handshake.address });
        next(refusal(refused.code, refused.message));
      },
    );
  };
}
