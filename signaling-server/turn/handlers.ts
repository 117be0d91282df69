import { ok } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { joinedId } from '../rooms/membership';
import { iceServersFor } from './credentials';

/**
 * The network path's events. `ice:refresh`: fresh TURN credentials before the old ones expire;
 * STUN only before a join. `net:ping`: answered at once, joined or not, so a client whose media
 * stalled learns whether this connection still works (renderer/call/signaling-client.ts).
 */
export function registerIceHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard): void {
  guard.on('ice:refresh', async () => ok(iceServersFor(ctx.config, joinedId(socket), ctx.now())));
  guard.on('net:ping', async () => ok(null));
}
