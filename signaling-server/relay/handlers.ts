import { ErrorCode, fail, ok } from '../../protocol';
import type { ValidClientRequest } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { participantChannel } from '../events/types';
import { joinedId } from '../rooms/membership';
import { VerifiedPeers } from './verified-peers';

/**
 * `peer:signal`: relays a WebRTC signal to one member of the sender's own room. Membership is
 * checked in the store, so a participant id from another room is simply not found; a peer once
 * found is remembered (VerifiedPeers) until it leaves, so the store is read once per peer, not
 * once per signal.
 */
export function registerRelayHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard): void {
  const verified = new VerifiedPeers(socket, ctx.now);
  // One socket's signals leave in the order they came: a signal to a peer already verified must not
  // overtake an earlier one still waiting for its store read (offer before candidates; the share
  // announcement before the offer that carries the share).
  let tail: Promise<unknown> = Promise.resolve();
  guard.on('peer:signal', (req) => {
    const run = tail.then(() => relay(req));
    tail = run.catch(() => undefined);
    return run;
  });

  async function relay({ to, signal }: ValidClientRequest<'peer:signal'>) {
    const from = joinedId(socket);
    if (from === undefined) return fail(ErrorCode.NotInRoom, 'join a room first');
    if (to === from) return fail(ErrorCode.PeerNotFound, 'cannot signal yourself');
    if (!verified.has(from, to)) {
      const mark = verified.mark();
      const peer = await ctx.store.getParticipant(socket.data.room, to);
      if (!peer) return fail(ErrorCode.PeerNotFound, 'no such participant in this room');
      verified.confirm(from, to, mark);
    }
    ctx.io.to(participantChannel(to)).emit('peer:signal', { from, signal });
    return ok(null);
  }
}
