import { ClientEvent, ErrorCode, emptyRequestSchema, fail, joinRequestSchema, mediaPatchSchema, ok } from '../../protocol';
import type { JoinRequest, JoinResponse, Participant } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { participantChannel, roomChannel } from '../events/types';
import { randomId } from '../ids';
import { iceServersFor } from '../turn/credentials';
import { joinedId, removeParticipant } from './membership';

/** `room:join`: the room comes from the token, never from the payload. */
async function join(ctx: ServerContext, socket: ConferSocket, req: JoinRequest) {
  // Check and claim in one synchronous step, so two joins racing on one socket cannot both pass.
  if (joinedId(socket) !== undefined) return fail(ErrorCode.AlreadyJoined, 'this connection has already joined');
  const id = randomId();
  socket.data.participantId = id;
  const { room, name, userId } = socket.data;
  const self: Participant = { id, name, joinedAt: ctx.now(), media: req.media };

  const added = await ctx.store.addParticipant(room, self, ctx.config.maxParticipants);
  if (added === 'full') {
    socket.data.participantId = undefined;
    return fail(ErrorCode.RoomFull, `the room is full (${ctx.config.maxParticipants} participants)`);
  }
  if (socket.disconnected || socket.data.participantId !== id) {
    // A disconnect or leave ran while we were adding; undo, or a ghost stays in the roster.
    await ctx.store.removeParticipant(room, id);
    return fail(ErrorCode.NotInRoom, 'connection closed');
  }
  await socket.join([roomChannel(room), participantChannel(id)]);
  const [everyone, chat] = await Promise.all([ctx.store.listParticipants(room), ctx.store.getChat(room)]);
  socket.to(roomChannel(room)).emit('room:participant-joined', self);
  ctx.logger.debug('joined', { room, id });
  const response: JoinResponse = {
    self,
    participants: everyone.filter((p) => p.id !== id),
    chat,
    topology: 'mesh',
    ice: iceServersFor(ctx.config, userId, ctx.now()),
  };
  return ok(response);
}

/** `room:join`, `room:leave`, `media:update` and the disconnect clean-up of one socket. */
export function registerRoomHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard): void {
  guard.on(ClientEvent.Join, joinRequestSchema, (req) => join(ctx, socket, req));

  guard.on(ClientEvent.Leave, emptyRequestSchema, async () => {
    if (joinedId(socket) === undefined) return fail(ErrorCode.NotInRoom, 'not in a room');
    await removeParticipant(ctx, socket, 'left');
    return ok(null);
  });

  guard.on(ClientEvent.MediaUpdate, mediaPatchSchema, async (patch) => {
    const id = joinedId(socket);
    if (id === undefined) return fail(ErrorCode.NotInRoom, 'join a room first');
    const media = await ctx.store.updateMedia(socket.data.room, id, patch);
    if (!media) return fail(ErrorCode.NotInRoom, 'not in the room any more');
    socket.to(roomChannel(socket.data.room)).emit('media:updated', { id, media });
    return ok(media);
  });

  socket.on('disconnect', () => {
    removeParticipant(ctx, socket, 'disconnected').catch((err: unknown) =>
      ctx.logger.error('clean-up after disconnect failed', { error: String(err) }),
    );
  });
}
