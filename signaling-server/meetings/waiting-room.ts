/** The waiting room on the server: knocking, telling the hosts, letting in and turning away. */
import type { ConferSocket, ServerContext } from '../events/types';
import { hostChannel, waitChannel } from '../events/types';

/** Tells every host of `room` who waits now (the whole list). */
export async function announceWaiting(ctx: ServerContext, room: string): Promise<void> {
  ctx.io.to(hostChannel(room)).emit('lobby:waiting', { waiting: await ctx.meetings.store.waiting(room) });
}

/** `socket` waits to be let in; the hosts are told. */
export async function knock(ctx: ServerContext, socket: ConferSocket): Promise<void> {
  const { room, userId, name } = socket.data;
  socket.data.waiting = true;
  await socket.join(waitChannel(room, userId));
  await ctx.meetings.store.knock(room, { id: userId, name, at: ctx.now() });
  await announceWaiting(ctx, room);
}

/** A waiting socket went away (closed, or it joined): off the list. */
export async function stopWaiting(ctx: ServerContext, socket: ConferSocket): Promise<void> {
  if (!socket.data.waiting) return;
  socket.data.waiting = false;
  const { room, userId } = socket.data;
  await socket.leave(waitChannel(room, userId));
  if (await ctx.meetings.store.unknock(room, userId)) await announceWaiting(ctx, room);
}

/** Lets `ids` in (they join again when told) or turns them away for good. */
export async function answerKnocks(ctx: ServerContext, room: string, ids: string[], admit: boolean): Promise<void> {
  const store = ctx.meetings.store;
  if (admit) await store.admit(room, ids);
  else await store.ban(room, ids);
  await Promise.all(ids.map((id) => store.unknock(room, id)));
  for (const id of ids) {
    if (admit) ctx.io.to(waitChannel(room, id)).emit('lobby:admitted', {});
    else {
      ctx.io.to(waitChannel(room, id)).emit('lobby:denied', {});
      ctx.io.in(waitChannel(room, id)).disconnectSockets(true);
    }
  }
  await announceWaiting(ctx, room);
}
