import { ErrorCode, fail, ok } from '../../protocol';
import type { EventGuard } from '../events/handle';

/** The `sfu:*` requests that need a media server to do anything. */
const MEDIA_REQUESTS = ['sfu:publish', 'sfu:subscribe', 'sfu:answer', 'sfu:trickle', 'sfu:configure'] as const;

/**
 * The `sfu:*` events of a server without a media server: its rooms never leave mesh. Each request
 * still gets an answer (once its payload is valid): SFU_UNAVAILABLE for media requests; `sfu:leave`
 * has nothing to leave and succeeds; `sfu:switched` succeeds for mesh, which every client sends
 * as it joins (the room is already there), and is refused for the SFU.
 */
export function registerSfuUnavailableHandlers(guard: EventGuard): void {
  const unavailable = () => fail(ErrorCode.SfuUnavailable, 'this server has no media server');
  for (const event of MEDIA_REQUESTS) guard.on(event, async () => unavailable());
  guard.on('sfu:leave', async () => ok(null));
  guard.on('sfu:switched', async ({ mode }) => (mode === 'mesh' ? ok(null) : unavailable()));
}
