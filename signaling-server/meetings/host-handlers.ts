/**
 * The host's actions. Each is checked here, on the server, against the acting participant's role
 * in the store: a client without it gets FORBIDDEN and nothing changes.
 */
import { ErrorCode, fail, ok } from '../../protocol';
import type { Participant, Role } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { hostChannel, participantChannel, roomChannel, waitChannel } from '../events/types';
import { joinedId } from '../rooms/membership';
import { settingsOf } from './meetings';
import { answerKnocks } from './waiting-room';

export const mayAct = (role: Role | undefined): boolean => role === 'host' || role === 'cohost';

/** Sets `id`'s role, moves its sockets in or out of the hosts' channel, and tells everyone. */
export async function setRole(ctx: ServerContext, room: string, id: string, role: Role): Promise<boolean> {
  if (!(await ctx.store.updateRole(room, id, role))) return false;
  const target = ctx.io.in(participantChannel(id));
  if (mayAct(role)) target.socketsJoin(hostChannel(room));
  else target.socketsLeave(hostChannel(room));
  ctx.io.to(roomChannel(room)).emit('room:role', { id, role });
  if (mayAct(role)) ctx.io.to(participantChannel(id)).emit('lobby:waiting', { waiting: await ctx.meetings.store.waiting(room) });
  return true;
}

/** A room left without a host gets one: the participant present longest. */
export async function ensureHost(ctx: ServerContext, room: string): Promise<void> {
  const everyone = await ctx.store.listParticipants(room);
  if (everyone.length === 0 || everyone.some((p) => p.role === 'host')) return;
  const longest = [...everyone].sort((a, b) => a.joinedAt - b.joinedAt)[0] as Participant;
  await setRole(ctx, room, longest.id, 'host');
}

/** The acting participant, if its role (in the store, never the client's word) allows the action; else the failure to answer. */
export async function actingHost(ctx: ServerContext, socket: ConferSocket, hostOnly = false): Promise<Participant | ReturnType<typeof fail>> {
  const id = joinedId(socket);
  if (id === undefined) return fail(ErrorCode.NotInRoom, 'join the meeting first');
  const me = await ctx.store.getParticipant(socket.data.room, id);
  if (!me) return fail(ErrorCode.NotInRoom, 'not in the meeting any more');
  if (hostOnly ? me.role !== 'host' : !mayAct(me.role)) return fail(ErrorCode.Forbidden, hostOnly ? 'only the host can do that' : 'only a host or co-host can do that');
  return me;
}

/** Whether `actingHost` refused. */
export const refused = (a: Participant | ReturnType<typeof fail>): a is ReturnType<typeof fail> => 'ok' in a;

export function registerHostHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard): void {
  const actor = (hostOnly = false) => actingHost(ctx, socket, hostOnly);
  const room = () => socket.data.room;
  /** Another participant of this room, or the failure to answer. */
  const other = async (id: string) => {
    if (id === joinedId(socket)) return fail(ErrorCode.InvalidPayload, 'not on yourself');
    return (await ctx.store.getParticipant(room(), id)) ?? fail(ErrorCode.PeerNotFound, 'nobody with that id in this meeting');
  };

  guard.on('host:admit', async (req) => {
    const me = await actor();
    if (refused(me)) return me;
    const ids = 'all' in req ? (await ctx.meetings.store.waiting(room())).map((w) => w.id) : req.ids;
    if (ids.length) await answerKnocks(ctx, room(), ids, true);
    return ok(null);
  });

  guard.on('host:deny', async (req) => {
    const me = await actor();
    if (refused(me)) return me;
    await answerKnocks(ctx, room(), req.ids, false);
    return ok(null);
  });

  guard.on('host:mute', async ({ id, kind }) => {
    const me = await actor();
    if (refused(me)) return me;
    const target = await other(id);
    if (refused(target)) return target;
    // Everyone sees it off at once; the person's app turns the device off and only they can turn it on.
    const media = await ctx.store.updateMedia(room(), id, { [kind]: false });
    if (media) ctx.io.to(roomChannel(room())).emit('media:updated', { id, media });
    ctx.io.to(participantChannel(id)).emit('host:muted', { kind, by: me.name });
    ctx.recording?.observe(room());
    return ok(null);
  });

  guard.on('host:remove', async ({ id }) => {
    const me = await actor();
    if (refused(me)) return me;
    const target = await other(id);
    if (refused(target)) return target;
    // Their session may never come back; their connection closes, which takes them out of the room.
    // The participant id is banned too: one whose connection was already lost (kept for a resume)
    // has no socket to name its session, and must not resume (the expiry then announces it gone).
    const sockets = await ctx.io.in(participantChannel(id)).fetchSockets();
    await ctx.meetings.store.ban(room(), [...new Set(sockets.map((s) => s.data.userId)), id]);
    ctx.io.to(participantChannel(id)).emit('room:removed', { by: me.name });
    ctx.io.in(participantChannel(id)).disconnectSockets(true);
    ctx.logger.info('participant removed', { room: room(), id, by: me.id });
    return ok(null);
  });

  guard.on('host:settings', async (patch) => {
    const me = await actor();
    if (refused(me)) return me;
    const meeting = await ctx.meetings.store.update(room(), patch);
    if (!meeting) return fail(ErrorCode.MeetingNotFound, "This meeting doesn't exist or has ended.");
    const settings = settingsOf(meeting);
    socket.to(roomChannel(room())).emit('meeting:settings', settings);
    return ok(settings);
  });

  guard.on('host:role', async ({ id, role }) => {
    const me = await actor(true);
    if (refused(me)) return me;
    const target = await other(id);
    if (refused(target)) return target;
    await setRole(ctx, room(), id, role);
    // Making someone else the host hands the role over.
    if (role === 'host') await setRole(ctx, room(), me.id, 'cohost');
    return ok(null);
  });

  guard.on('host:end', async () => {
    const me = await actor(true);
    if (refused(me)) return me;
    const r = room();
    const waiting = await ctx.meetings.store.waiting(r);
    await ctx.meetings.store.delete(r);
    await ctx.recording?.stop(r);
    ctx.io.to(roomChannel(r)).emit('meeting:ended', { by: me.name });
    for (const w of waiting) ctx.io.to(waitChannel(r, w.id)).emit('meeting:ended', { by: me.name });
    // A moment later, so this answer reaches the host before the connections close.
    setTimeout(() => {
      ctx.io.in(roomChannel(r)).disconnectSockets(true);
      for (const w of waiting) ctx.io.in(waitChannel(r, w.id)).disconnectSockets(true);
    }, 100);
    ctx.logger.info('meeting ended', { room: r, by: me.id });
    return ok(null);
  });
}
