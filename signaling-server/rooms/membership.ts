import type { LeaveReason } from '../../protocol';
import type { ConferSocket, ServerContext } from '../events/types';
import { participantChannel, roomChannel } from '../events/types';

/** The participant id of a socket that has joined, or undefined. */
export function joinedId(socket: ConferSocket): string | undefined {
  return socket.data.participantId;
}

/**
 * Takes a socket's participant out of its room and tells the others. Shared by `room:leave`
 * and disconnect; the store deletes the room when it empties.
 */
export async function removeParticipant(ctx: ServerContext, socket: ConferSocket, reason: LeaveReason): Promise<void> {
  const id = socket.data.participantId;
  if (id === undefined) return;
  const { room } = socket.data;
  socket.data.participantId = undefined;
  // Leave the channels first, so the broadcast below goes to the others only.
  await socket.leave(roomChannel(room));
  await socket.leave(participantChannel(id));
  const removed = await ctx.store.removeParticipant(room, id);
  if (removed) ctx.io.to(roomChannel(room)).emit('room:participant-left', { id, reason });
}
