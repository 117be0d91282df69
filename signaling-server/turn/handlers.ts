import { ok } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { joinedId } from '../rooms/membership';
import { iceServersFor } from './credentials';

/** `ice:refresh`: fresh TURN credentials before the old ones expire; STUN only before a join. */
export function registerIceHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard): void {
  guard.on('ice:refresh', async () => ok(iceServersFor(ctx.config, joinedId(socket), ctx.now())));
}
