import { ErrorCode, fail, ok } from '../../protocol';
import type { JoinResponse, Participant, ValidClientRequest } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { hostChannel, participantChannel, roomChannel } from '../events/types';
import { mayAct } from '../meetings/host-handlers';
import { knock, stopWaiting } from '../meetings/waiting-room';
import { randomId } from '../ids';
import { iceServersFor } from '../turn/credentials';
import { issueResumeToken } from '../cluster/resume-token';
import { disconnectCause, dropParticipant, joinedId, removeParticipant } from './membership';
import type { RoomHooks } from './room-hooks';

/** `room:join`: the room comes from the token, never from the payload. */
async function join(ctx: ServerContext, hooks: RoomHooks, socket: ConferSocket, req: ValidClientRequest<'room:join'>) {
  // Check and claim in one synchronous step, so two joins racing on one socket cannot both pass.
  if (joinedId(socket) !== undefined) return fail(ErrorCode.AlreadyJoined, 'this connection has already joined');
  const id = randomId();
  socket.data.participantId = id;
  const { room, name, userId } = socket.data;
  const self: Participant = { id, name, joinedAt: ctx.now(), media: req.media, role: socket.data.role === 'host' ? 'host' : 'guest' };

  // The meeting's door: removed, locked, or the waiting room (the hosts are told someone knocks).
  const entry = await ctx.meetings.entry(room, socket.data).catch((err: unknown) => {
    socket.data.participantId = undefined;
    throw err;
  });
  if (entry.kind !== 'enter') {
    socket.data.participantId = undefined;
    if (entry.kind === 'refused') return fail(entry.error.code, entry.error.message);
    await knock(ctx, socket);
    return fail(ErrorCode.InWaitingRoom, 'Waiting for the host to let you in.');
  }

  // A join the room's topology cannot take (above 4 without Janus) is refused.
  const refusal = await hooks.admit(room).catch((err: unknown) => {
    socket.data.participantId = undefined;
    throw err;
  });
  if (refusal) {
    socket.data.participantId = undefined;
    return fail(refusal.code, refusal.message);
  }
  let added;
  try {
    added = await ctx.store.addParticipant(room, self, ctx.config.maxParticipants, { conn: socket.id, maxRooms: ctx.config.maxRooms });
  } catch (err) {
    socket.data.participantId = undefined;
    throw err;
  }
  if (added !== 'added') {
    socket.data.participantId = undefined;
    if (added === 'too-many-rooms') return fail(ErrorCode.TooManyRooms, 'the server holds as many rooms as it may; try again later');
    return fail(ErrorCode.RoomFull, `the room is full (${ctx.config.maxParticipants} participants)`);
  }
  if (socket.disconnected || socket.data.participantId !== id) {
    // A disconnect or leave ran while we were adding; undo, or a ghost stays in the roster.
    await ctx.store.removeParticipant(room, id, socket.id);
    return fail(ErrorCode.NotInRoom, 'connection closed');
  }
  await stopWaiting(ctx, socket);
  await ctx.meetings.entered(room, userId);
  await socket.join([roomChannel(room), participantChannel(id), ...(mayAct(self.role) ? [hostChannel(room)] : [])]);
  // May switch the room's topology; announced before the joiner, so the others move to the SFU
  // instead of opening a mesh connection to it.
  await hooks.countChanged(room);
  hooks.entered(room, id);
  socket.to(roomChannel(room)).emit('room:participant-joined', self);
  ctx.logger.debug('joined', { room, id });
  return ok(await joinAnswer(ctx, hooks, socket, self));
}

/** The answer of a join or a resume: the others, chat, topology, ICE and a fresh resume token. */
export async function joinAnswer(ctx: ServerContext, hooks: RoomHooks, socket: ConferSocket, self: Participant): Promise<JoinResponse> {
  const { room, userId } = socket.data;
  const [everyone, chat, resume, settings, waiting] = await Promise.all([
    ctx.store.listParticipants(room),
    ctx.store.getChat(room),
    issueResumeToken(ctx.config.jwt.secret, { participantId: self.id, room, userId }, ctx.config.resumeTokenTtlSeconds, ctx.now()),
    ctx.meetings.settings(room),
    mayAct(self.role) ? ctx.meetings.store.waiting(room) : Promise.resolve(undefined),
  ]);
  return {
    ...(settings ? { settings } : {}),
    ...(waiting ? { waiting } : {}),
    self,
    participants: everyone.filter((p) => p.id !== self.id),
    chat,
    topology: hooks.mode(room),
    prewarm: hooks.prewarm(room),
    ...(ctx.recording ? { recording: ctx.recording.state(room), recordingAllowed: ctx.recording.allowed() } : {}),
    ice: iceServersFor(ctx.config, self.id, ctx.now()),
    resume,
  };
}

/** `room:join`, `room:leave`, `media:update` and the disconnect clean-up of one socket. */
export function registerRoomHandlers(ctx: ServerContext, hooks: RoomHooks, socket: ConferSocket, guard: EventGuard): void {
  guard.on('room:join', (req) => join(ctx, hooks, socket, req));

  guard.on('room:leave', async () => {
    if (joinedId(socket) === undefined) return fail(ErrorCode.NotInRoom, 'not in a room');
    await removeParticipant(ctx, hooks, socket, 'left');
    return ok(null);
  });

  guard.on('media:update', async (patch) => {
    const id = joinedId(socket);
    if (id === undefined) return fail(ErrorCode.NotInRoom, 'join a room first');
    const media = await ctx.store.updateMedia(socket.data.room, id, patch);
    if (!media) return fail(ErrorCode.NotInRoom, 'not in the room any more');
    socket.to(roomChannel(socket.data.room)).emit('media:updated', { id, media });
    ctx.recording?.observe(socket.data.room);
    return ok(media);
  });

  socket.on('disconnect', (reason, description) => {
    const cause = disconnectCause(description);
    ctx.logger.debug('socket closed', { id: socket.data.participantId, reason, ...(cause ? { cause } : {}) });
    stopWaiting(ctx, socket).catch((err: unknown) => ctx.logger.warn('waiting room clean-up failed', { error: String(err) }));
    dropParticipant(ctx, hooks, socket, reason, cause).catch((err: unknown) =>
      ctx.logger.error('clean-up after disconnect failed', { error: String(err) }),
    );
  });
}
