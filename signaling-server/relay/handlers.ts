import { ClientEvent, ErrorCode, fail, ok, peerSignalRequestSchema } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { participantChannel } from '../events/types';
import { joinedId } from '../rooms/membership';

/**
 * `peer:signal`: relays a WebRTC signal to one member of the sender's own room. Membership is
 * checked in the store, so a participant id from another room is simply not found.
 */
export function registerRelayHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard): void {
  guard.on(ClientEvent.PeerSignal, peerSignalRequestSchema, async ({ to, signal }) => {
    const from = joinedId(socket);
    if (from === undefined) return fail(ErrorCode.NotInRoom, 'join a room first');
    if (to === from) return fail(ErrorCode.PeerNotFound, 'cannot signal yourself');
    const peer = await ctx.store.getParticipant(socket.data.room, to);
    if (!peer) return fail(ErrorCode.PeerNotFound, 'no such participant in this room');
    ctx.io.to(participantChannel(to)).emit('peer:signal', { from, signal });
    return ok(null);
  });
}
