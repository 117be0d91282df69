import type { EventGuard } from '../events/handle';
import type { ConferSocket, ServerContext } from '../events/types';
import { startExpiry } from './expiry';
import { registerRoomHandlers } from './handlers';
import { registerResumeHandlers } from './resume';
import type { RoomHooks } from './room-hooks';

/**
 * The rooms feature: join, leave, media updates, resume and the expiry sweep, built with the
 * topology hooks it calls wherever a room's participant count changes.
 */
export class RoomsFeature {
  constructor(
    private readonly ctx: ServerContext,
    private readonly hooks: RoomHooks,
  ) {}

  /** Registers the room events of one connection and its disconnect clean-up. */
  register(socket: ConferSocket, guard: EventGuard): void {
    registerRoomHandlers(this.ctx, this.hooks, socket, guard);
    registerResumeHandlers(this.ctx, this.hooks, socket, guard);
  }

  /** Starts announcing participants whose resume grace ran out; returns a stop function. */
  startExpiry(intervalMs?: number): () => void {
    return startExpiry(this.ctx, this.hooks, intervalMs);
  }
}
