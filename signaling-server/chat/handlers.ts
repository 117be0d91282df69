import { ErrorCode, fail, ok } from '../../protocol';
import type { ChatMessage } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { roomChannel } from '../events/types';
import { randomId } from '../ids';
import { joinedId } from '../rooms/membership';

/**
 * `chat:send`: the server stamps id, sender and time, keeps the message for late joiners and
 * sends it to the whole room, sender included (one code path renders every message). Text is
 * stored as given; rendering it as plain text is the client's job.
 */
export function registerChatHandlers(ctx: ServerContext, socket: ConferSocket, guard: EventGuard): void {
  guard.on('chat:send', async ({ text }) => {
    const from = joinedId(socket);
    if (from === undefined) return fail(ErrorCode.NotInRoom, 'join a room first');
    const { room, name } = socket.data;
    const message: ChatMessage = { id: randomId(), from, name, text, at: ctx.now() };
    if (!(await ctx.store.appendChat(room, message))) return fail(ErrorCode.NotInRoom, 'the room is gone');
    ctx.io.to(roomChannel(room)).emit('chat:message', message);
    return ok(message);
  });
}
