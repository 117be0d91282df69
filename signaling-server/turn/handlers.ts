import { ok } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { iceServersFor } from './credentials';

/** `ice:refresh`: fresh TURN credentials before the old ones expire; needs a token, not a join. */
export function registerIceHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard): void {
  guard.on('ice:refresh', async () => ok(iceServersFor(ctx.config, socket.data.userId, ctx.now())));
}
