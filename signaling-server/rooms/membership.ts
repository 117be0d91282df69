import type { DisconnectReason } from 'socket.io';
import type { LeaveReason } from '../../protocol';
import type { ConferSocket, ServerContext } from '../events/types';
import { participantChannel, roomChannel } from '../events/types';
import type { RoomHooks } from './room-hooks';
import { ensureHost } from '../meetings/host-handlers';

/** The participant id of a socket that has joined, or undefined. */
export function joinedId(socket: ConferSocket): string | undefined {
  return socket.data.participantId;
}

/**
 * Takes a socket's participant out of its room and tells the others. Shared by `room:leave`
 * and disconnect; the store deletes the room when it empties.
 */
export async function removeParticipant(ctx: ServerContext, hooks: RoomHooks, socket: ConferSocket, reason: LeaveReason): Promise<void> {
  const id = socket.data.participantId;
  if (id === undefined) return;
  const { room } = socket.data;
  socket.data.participantId = undefined;
  // Leave the channels first, so the broadcast below goes to the others only.
  await socket.leave(roomChannel(room));
  await socket.leave(participantChannel(id));
  // Only while this connection holds it: a resume elsewhere may have taken it over.
  const removed = await ctx.store.removeParticipant(room, id, socket.id);
  if (!removed) return;
  ctx.io.to(roomChannel(room)).emit('room:participant-left', { id, reason });
  await hooks.countChanged(room, id);
  await afterLeave(ctx, room);
}

/** After someone left: the meeting's link lives on from now, and a room without a host gets one. */
export async function afterLeave(ctx: ServerContext, room: string): Promise<void> {
  await ctx.meetings.store.touch(room);
  await ensureHost(ctx, room);
}

/** Disconnects the client did not ask for: its network, a ping timeout, a node shutting down. ('transport error' is not one: an oversized or malformed frame ends the participant at once.) */
const RESUMABLE = new Set<DisconnectReason>(['transport close', 'ping timeout', 'server shutting down']);

/**
 * A socket is gone. When the client meant it (it closed the socket, or the server did), its
 * participant leaves now; when the network lost it, the participant is kept for
 * `resumeGraceMs` so a reconnection can resume it with its peer connections (the expiry
 * sweep announces the departure if nobody does).
 */
export async function dropParticipant(ctx: ServerContext, hooks: RoomHooks, socket: ConferSocket, reason: DisconnectReason): Promise<void> {
  const id = socket.data.participantId;
  if (id === undefined) return;
  if (!RESUMABLE.has(reason) || ctx.config.resumeGraceMs === 0) return removeParticipant(ctx, hooks, socket, 'disconnected');
  socket.data.participantId = undefined;
  await ctx.store.markDisconnected(socket.data.room, id, socket.id, ctx.now() + ctx.config.resumeGraceMs);
}
