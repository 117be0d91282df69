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

/** Disconnects the client did not ask for: its network, a ping timeout, a node shutting down. ('transport error' is one only when the network failed, below.) */
const RESUMABLE = new Set<DisconnectReason>(['transport close', 'ping timeout', 'server shutting down']);

/** The error code behind a disconnect (Socket.IO's `description`: the WebSocket's error), if any. */
export function disconnectCause(description: unknown): string | undefined {
  const d = description as { code?: unknown; message?: unknown; description?: { code?: unknown } } | undefined;
  const code = d?.code ?? d?.description?.code;
  return typeof code === 'string' ? code : typeof d?.message === 'string' ? d.message : undefined;
}

/**
 * A 'transport error' from the network itself can be resumed: the operating system's error (a reset
 * or unreachable connection) or engine.io's 'write error' (a send that failed: measured when a
 * client's link was cut for 30 s). One from the WebSocket layer (an oversized or malformed frame:
 * codes WS_ERR_*) or of no known cause ends the participant at once.
 */
const NETWORK_ERROR = /^(E[A-Z]+|write error)$/;

/**
 * How long a participant whose socket went for `reason` (and `cause`, its error code) is kept for
 * a resume (0: it leaves now). A ping timeout or a network error gets longer: the network vanished
 * and was noticed late, so a link back after a 30 s cut must still find the participant.
 */
export function resumeGraceFor(reason: DisconnectReason, config: { resumeGraceMs: number; resumeGraceAfterTimeoutMs: number }, cause?: string): number {
  const networkError = reason === 'transport error' && cause !== undefined && NETWORK_ERROR.test(cause);
  if ((!RESUMABLE.has(reason) && !networkError) || config.resumeGraceMs === 0) return 0;
  return reason === 'ping timeout' || networkError ? Math.max(config.resumeGraceMs, config.resumeGraceAfterTimeoutMs) : config.resumeGraceMs;
}

/**
 * A socket is gone. When the client meant it (it closed the socket, or the server did), its
 * participant leaves now; when the network lost it, the participant is kept for a grace
 * (resumeGraceFor) so a reconnection can resume it with its peer connections (the expiry
 * sweep announces the departure if nobody does).
 */
export async function dropParticipant(ctx: ServerContext, hooks: RoomHooks, socket: ConferSocket, reason: DisconnectReason, cause?: string): Promise<void> {
  const id = socket.data.participantId;
  if (id === undefined) return;
  const grace = resumeGraceFor(reason, ctx.config, cause);
  if (grace === 0) return removeParticipant(ctx, hooks, socket, 'disconnected');
  socket.data.participantId = undefined;
  await ctx.store.markDisconnected(socket.data.room, id, socket.id, ctx.now() + grace);
}
