/** main → renderer messages: allow-listed channels and validated payloads here too. */
import type { z } from 'zod';
import type { EventChannel } from '../../protocol/ipc/contract';
import { isEventChannel } from '../../protocol/ipc/contract';

/** The parts of WebContents used to send. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Sends one event; false (and nothing sent) when the channel, payload or target is not fit. */
export function sendEvent<S extends z.ZodType>(target: EventTarget | null | undefined, channel: EventChannel, schema: S, payload: z.infer<S>): boolean {
  if (!target || target.isDestroyed() || !isEventChannel(channel)) return false;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return false;
  target.send(channel, parsed.data);
  return true;
}
