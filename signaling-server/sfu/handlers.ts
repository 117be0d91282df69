/**
 * The `sfu:*` events of one socket, through the shared event guard (ack, rate limit, zod,
 * exception capture). Janus errors never reach the browser verbatim: they become
 * SFU_UNAVAILABLE (Janus down) or INTERNAL.
 */
import { ErrorCode, fail, ok } from '../../protocol';
import type { Ack } from '../../protocol';
import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { JanusClosedError, JanusError, JanusTimeoutError } from '../janus/errors';
import { joinedId } from '../rooms/membership';
import { AnswerParts } from './answer-parts';
import { SfuDownError } from './sfu-rooms';
import type { SfuService } from './sfu-service';

/** Runs a Janus step; maps its failures to protocol errors (logged with Janus's reason). */
async function janusStep<T>(ctx: ServerContext, what: string, fn: () => Promise<Ack<T>>): Promise<Ack<T>> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SfuDownError || err instanceof JanusClosedError || err instanceof JanusTimeoutError) {
      return fail(ErrorCode.SfuUnavailable, 'the media server is unavailable');
    }
    if (err instanceof JanusError) {
      ctx.logger.warn(`${what} refused by Janus`, { code: err.code, reason: err.message });
      return fail(ErrorCode.Internal, `${what} failed`);
    }
    throw err;
  }
}

/** Registers the sfu:* handlers of one socket. */
export function registerSfuHandlers(ctx: ServerContext, service: SfuService, socket: ConferSocket, guard: EventGuard): void {
  const inRoom = () => {
    const id = joinedId(socket);
    return id === undefined ? undefined : { id, room: socket.data.room };
  };
  const notIn = () => fail(ErrorCode.NotInRoom, 'join a room first');

  guard.on('sfu:publish', async ({ jsep }) => {
    const me = inRoom();
    if (!me) return notIn();
    if (!service.mediaAllowed(me.room)) return fail(ErrorCode.SfuUnavailable, 'the room is not on the media server');
    return janusStep(ctx, 'publish', async () => {
      const peer = await service.rooms.peer(me.room, me.id);
      // Everyone else subscribes to it once its media is up (SfuPeer's onLive).
      return ok({ jsep: await peer.publish(jsep) });
    });
  });

  guard.on('sfu:subscribe', async ({ layers, substream, restart, iceRestart }) => {
    const me = inRoom();
    if (!me) return notIn();
    if (!service.mediaAllowed(me.room)) return fail(ErrorCode.SfuUnavailable, 'the room is not on the media server');
    return janusStep(ctx, 'subscribe', async () => {
      const peer = await service.rooms.peer(me.room, me.id);
      if (iceRestart) {
        // The offer with fresh ICE credentials comes as sfu:offer.
        void peer.restartIce().catch(() => undefined);
        return ok(null);
      }
      peer.preferLayers(layers ?? [], substream);
      if (restart) peer.resetSubscriber();
      peer.wantsSubscribe = true;
      // The offer is pushed as sfu:offer (now, or when the first other publisher appears).
      void peer.sync(() => service.rooms.publishersBesides(me.room, me.id)).catch(() => undefined);
      return ok(null);
    });
  });

  const answers = new AnswerParts();
  guard.on('sfu:answer', async ({ seq, jsep, part }) => {
    const me = inRoom();
    if (!me) return notIn();
    let sdp = jsep.sdp;
    if (part) {
      const joined = answers.add(seq, part, sdp);
      if ('refused' in joined) return fail(ErrorCode.InvalidPayload, joined.refused);
      if ('waiting' in joined) return ok(null);
      sdp = joined.sdp;
    }
    return janusStep(ctx, 'answer', async () => {
      const peer = await service.rooms.existing(me.room, me.id);
      if (!peer || !(await peer.answer(seq, { type: 'answer', sdp }))) return fail(ErrorCode.InvalidPayload, 'no offer is waiting for this answer');
      return ok(null);
    });
  });

  guard.on('sfu:trickle', async ({ target, candidate }) => {
    const me = inRoom();
    if (!me) return notIn();
    return janusStep(ctx, 'trickle', async () => {
      const peer = await service.rooms.existing(me.room, me.id);
      if (!peer) return fail(ErrorCode.InvalidPayload, 'publish or subscribe first');
      await peer.trickle(target, candidate);
      return ok(null);
    });
  });

  guard.on('sfu:configure', async ({ layers }) => {
    const me = inRoom();
    if (!me) return notIn();
    return janusStep(ctx, 'configure', async () => {
      await (await service.rooms.existing(me.room, me.id))?.configure(layers);
      return ok(null);
    });
  });

  guard.on('sfu:leave', async () => {
    const me = inRoom();
    if (!me) return notIn();
    await service.rooms.removePeer(me.room, me.id);
    return ok(null);
  });

  guard.on('sfu:switched', async ({ mode }) => {
    const me = inRoom();
    if (!me) return notIn();
    service.switched(me.room, me.id, mode);
    return ok(null);
  });
}
