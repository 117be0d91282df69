/**
 * The main side of the bridge: every handler is registered through here, so every message is
 * checked the same way — allow-listed channel, trusted sender frame, zod-validated payload —
 * before any feature code runs. A refused message changes nothing and learns nothing.
 */
import type { z } from 'zod';
import type { IpcEventLike } from '../security/sender';
import { isTrustedSender } from '../security/sender';
import type { InvokeChannel, SendChannel } from '../../protocol/ipc/contract';
import { isInvokeChannel, isSendChannel } from '../../protocol/ipc/contract';
import { hasConferPrefix } from '../../protocol/ipc/channels';

/** The parts of Electron's ipcMain the router uses. */
export interface IpcMainPort {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): void;
}

/** What a handler learns about the caller: only the id of its web contents. */
export interface CallerInfo {
  readonly webContentsId: number;
}

/** The error an invoke gets when refused; deliberately says nothing about why. */
export const REFUSED_MESSAGE = 'confer: request refused';

export interface IpcRouter {
  /** Registers an answered channel; throws for channels outside the allow-list. */
  handle<S extends z.ZodType, R>(
    channel: InvokeChannel,
    schema: S,
    handler: (payload: z.infer<S>, caller: CallerInfo) => R | Promise<R>,
  ): void;
  /** Registers a fire-and-forget channel; throws for channels outside the allow-list. */
  on<S extends z.ZodType>(channel: SendChannel, schema: S, handler: (payload: z.infer<S>, caller: CallerInfo) => void): void;
}

type Check<S extends z.ZodType> = { ok: true; payload: z.infer<S> } | { ok: false; reason: string };

/** Creates the router over ipcMain; `warn` records refusals (never the payload itself). */
export function createIpcRouter(ipc: IpcMainPort, warn: (message: string) => void): IpcRouter {
  function check<S extends z.ZodType>(schema: S, event: IpcEventLike, args: unknown[]): Check<S> {
    if (!isTrustedSender(event)) return { ok: false, reason: 'untrusted sender frame' };
    if (args.length > 1) return { ok: false, reason: 'too many arguments' };
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) return { ok: false, reason: 'malformed payload' };
    return { ok: true, payload: parsed.data };
  }

  function assertAllowed(channel: string, allowed: boolean): void {
    // A programming error, not an attack: fail loudly at start-up.
    if (!hasConferPrefix(channel) || !allowed) throw new Error(`IPC channel not in the allow-list: ${channel}`);
  }

  return {
    handle(channel, schema, handler) {
      assertAllowed(channel, isInvokeChannel(channel));
      ipc.handle(channel, async (event, ...args) => {
        const result = check(schema, event, args);
        if (!result.ok) {
          warn(`IPC ${channel} refused: ${result.reason}`);
          throw new Error(REFUSED_MESSAGE);
        }
        return handler(result.payload, { webContentsId: event.sender.id });
      });
    },
    on(channel, schema, handler) {
      assertAllowed(channel, isSendChannel(channel));
      ipc.on(channel, (event, ...args) => {
        const result = check(schema, event, args);
        if (!result.ok) {
          warn(`IPC ${channel} refused: ${result.reason}`);
          return;
        }
        handler(result.payload, { webContentsId: event.sender.id });
      });
    },
  };
}
