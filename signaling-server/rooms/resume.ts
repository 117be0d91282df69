import { ErrorCode, fail, ok } from '../../protocol';
import { issueResumeToken, verifyResumeToken } from '../cluster/resume-token';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { hostChannel, participantChannel, roomChannel } from '../events/types';
import { mayAct } from '../meetings/host-handlers';
import { joinAnswer } from './handlers';
import { joinedId } from './membership';
import type { RoomHooks } from './room-hooks';

/**
 * `room:resume`: a reconnected client (on any node) takes its participant back with the token
 * from its join (or last resume) answer, once per token: same id, no `participant-joined` for the others, so their peer
 * connections and tiles stay. Refused (RESUME_REFUSED) when the token is bad, for another room
 * or user, or the participant is gone; the client then joins afresh.
 * `room:resume-token`: a fresh token before the current one expires.
 */
export function registerResumeHandlers(ctx: ServerContext, hooks: RoomHooks, socket: ConferSocket, guard: EventGuard): void {
  guard.on('room:resume', async ({ token }) => {
    if (joinedId(socket) !== undefined) return fail(ErrorCode.AlreadyJoined, 'this connection has already joined');
    const { room, userId } = socket.data;
    const claims = await verifyResumeToken(ctx.config.jwt.secret, token, ctx.now());
    if (!claims || claims.room !== room || claims.userId !== userId) return fail(ErrorCode.ResumeRefused, 'resume token not valid here');
    const banned = await Promise.all([ctx.meetings.store.isBanned(room, userId), ctx.meetings.store.isBanned(room, claims.participantId)]);
    if (banned.some(Boolean)) return fail(ErrorCode.Denied, 'A host removed you from this meeting.');
    // Each token resumes once: the answer carries a fresh one, so a copied token cannot take the
    // participant over later. Claimed for the token's remaining life, cluster-wide.
    if (!(await ctx.store.claimOnce(`resume:${claims.tokenId}`, claims.expiresAt - ctx.now() + 1000))) {
      return fail(ErrorCode.ResumeRefused, 'resume token already used');
    }
    if (joinedId(socket) !== undefined) return fail(ErrorCode.AlreadyJoined, 'this connection has already joined');
    const id = claims.participantId;
    // Claimed before the first await, like a join, so two racing requests cannot both pass.
    socket.data.participantId = id;
    let self;
    try {
      self = await ctx.store.resume(room, id, socket.id);
    } catch (err) {
      socket.data.participantId = undefined;
      throw err;
    }
    if (!self) {
      socket.data.participantId = undefined;
      return fail(ErrorCode.ResumeRefused, 'the participant has left; join again');
    }
    if (socket.disconnected || socket.data.participantId !== id) {
      await ctx.store.markDisconnected(room, id, socket.id, ctx.now() + ctx.config.resumeGraceMs);
      return fail(ErrorCode.NotInRoom, 'connection closed');
    }
    // An older connection of the same participant may still be open (half-open TCP, on any
    // node): close it, so signals reach one socket. The store already says this socket holds it.
    // The adapter applies it asynchronously (after our join below): this socket is excepted by its own room.
    ctx.io.in(participantChannel(id)).except(socket.id).disconnectSockets(true);
    await socket.join([roomChannel(room), participantChannel(id), ...(mayAct(self.role) ? [hostChannel(room)] : [])]);
    ctx.logger.debug('resumed', { room, id });
    const answer = await joinAnswer(ctx, hooks, socket, self);
    setImmediate(() => void hooks.resumed(room, id).catch((err: unknown) => ctx.logger.warn('after a resume', { room, id, error: String(err) })));
    return ok(answer);
  });

  guard.on('room:resume-token', async () => {
    const id = joinedId(socket);
    if (id === undefined) return fail(ErrorCode.NotInRoom, 'join a room first');
    const { room, userId } = socket.data;
    return ok(await issueResumeToken(ctx.config.jwt.secret, { participantId: id, room, userId }, ctx.config.resumeTokenTtlSeconds, ctx.now()));
  });
}
