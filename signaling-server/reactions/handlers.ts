import { ErrorCode, Limits, fail, ok } from '../../protocol';
import { IpLimiter } from '../cluster/ip-limiter';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { roomChannel } from '../events/types';
import { joinedId } from '../rooms/membership';

/** Per-participant budgets for reactions, one per server node (shared by all its sockets, so a resume keeps its budget). */
export function createReactionLimiter(now: () => number): IpLimiter {
  return new IpLimiter(Limits.reactionsPerSec, Limits.reactionBurst, now);
}

/**
 * `reaction:send`: relayed to the whole room, sender included, as `reaction:sent` with the
 * sender's participant id from its socket (never from the payload, whose schema allows only the
 * emoji). Not stored: a late joiner sees none. Someone in the waiting room has not joined, so it
 * can neither send one nor, being outside the room's channel, receive one.
 */
export function registerReactionHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard, limiter: IpLimiter): void {
  guard.on('reaction:send', async ({ emoji }) => {
    const from = joinedId(socket);
    if (from === undefined) return fail(ErrorCode.NotInRoom, 'join a room first');
    if (!limiter.bucket(from).take()) return fail(ErrorCode.RateLimited, 'too many reactions, slow down');
    ctx.io.to(roomChannel(socket.data.room)).emit('reaction:sent', { from, emoji });
    return ok(null);
  });
}
