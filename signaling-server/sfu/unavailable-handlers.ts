import { ErrorCode, fail } from '../../protocol';
import type { EventGuard } from '../events/handle';

/** Every `sfu:*` request; a server without a media server still answers each one. */
const SFU_REQUESTS = ['sfu:publish', 'sfu:subscribe', 'sfu:answer', 'sfu:trickle', 'sfu:configure', 'sfu:leave', 'sfu:switched'] as const;

/**
 * The `sfu:*` events of a server without a media server: its rooms never leave mesh, so each
 * request (once its payload is valid) is answered SFU_UNAVAILABLE rather than left without an ack.
 */
export function registerSfuUnavailableHandlers(guard: EventGuard): void {
  for (const event of SFU_REQUESTS) {
    guard.on(event, async () => fail(ErrorCode.SfuUnavailable, 'this server has no media server'));
  }
}
