import type { ServerContext } from '../events/types';
import { roomChannel } from '../events/types';
import { StoreUnavailableError } from '../store/errors';
import type { RoomHooks } from './room-hooks';
import { afterLeave } from './membership';

/** How often every node looks for participants past their resume deadline. */
export const EXPIRY_INTERVAL_MS = 500;

/**
 * Announces participants whose connection was lost and not resumed within the grace period
 * (and, with Redis, those of crashed nodes). The store hands each one to exactly one node, which
 * broadcasts `room:participant-left` to every node. Returns a stop function.
 */
export function startExpiry(ctx: ServerContext, hooks: RoomHooks, intervalMs = EXPIRY_INTERVAL_MS): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    ctx.store
      .expire(ctx.now())
      .then((gone) => {
        for (const { room, participant } of gone) {
          ctx.io.to(roomChannel(room)).emit('room:participant-left', { id: participant.id, reason: 'disconnected' });
          void hooks
            .countChanged(room, participant.id)
            .then(() => afterLeave(ctx, room))
            .catch(() => undefined);
        }
      })
      .catch((err: unknown) => {
        if (!(err instanceof StoreUnavailableError)) ctx.logger.error('expiry sweep failed', { error: String(err) });
      })
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
