/**
 * The preload side of the bridge: the only code that touches ipcRenderer. It refuses channels
 * outside the allow-lists, validates what it sends and what it receives with the same schemas the
 * main side uses, and never hands Electron's event object to the page.
 */
import type { z } from 'zod';
import type { EventChannel, InvokeChannel, SendChannel, Unsubscribe } from '../../protocol/ipc/contract';
import { isEventChannel, isInvokeChannel, isSendChannel } from '../../protocol/ipc/contract';

/** The parts of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Typed, validated access to the main process for the preload's feature halves. */
export interface BridgeTransport {
  invoke<P extends z.ZodType, R extends z.ZodType>(channel: InvokeChannel, payloadSchema: P, payload: unknown, resultSchema: R): Promise<z.infer<R>>;
  send<P extends z.ZodType>(channel: SendChannel, payloadSchema: P, payload: unknown): void;
  subscribe<P extends z.ZodType>(channel: EventChannel, payloadSchema: P, listener: (payload: z.infer<P>) => void): Unsubscribe;
}

/** Thrown to the page when it passes something the contract does not allow. */
export class BridgeError extends Error {
  constructor(readonly code: 'UNKNOWN_CHANNEL' | 'INVALID_PAYLOAD' | 'INVALID_RESULT' | 'INVALID_LISTENER', message: string) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** Wraps ipcRenderer; `warn` records dropped messages. */
export function createBridgeTransport(ipc: IpcRendererPort, warn: (message: string) => void = () => {}): BridgeTransport {
  return {
    async invoke(channel, payloadSchema, payload, resultSchema) {
      if (!isInvokeChannel(channel)) throw new BridgeError('UNKNOWN_CHANNEL', `unknown channel ${String(channel)}`);
      const out = payloadSchema.safeParse(payload);
      if (!out.success) throw new BridgeError('INVALID_PAYLOAD', `invalid payload for ${channel}`);
      const args = out.data === undefined ? [] : [out.data];
      const result = resultSchema.safeParse(await ipc.invoke(channel, ...args));
      if (!result.success) throw new BridgeError('INVALID_RESULT', `invalid answer on ${channel}`);
      return result.data;
    },
    send(channel, payloadSchema, payload) {
      if (!isSendChannel(channel)) throw new BridgeError('UNKNOWN_CHANNEL', `unknown channel ${String(channel)}`);
      const out = payloadSchema.safeParse(payload);
      if (!out.success) throw new BridgeError('INVALID_PAYLOAD', `invalid payload for ${channel}`);
      ipc.send(channel, out.data);
    },
    subscribe(channel, payloadSchema, listener) {
      if (!isEventChannel(channel)) throw new BridgeError('UNKNOWN_CHANNEL', `unknown channel ${String(channel)}`);
      if (typeof listener !== 'function') throw new BridgeError('INVALID_LISTENER', 'listener must be a function');
      const wrapped = (_event: unknown, ...args: unknown[]) => {
        const parsed = payloadSchema.safeParse(args[0]);
        if (args.length !== 1 || !parsed.success) {
          warn(`dropped malformed message on ${channel}`);
          return;
        }
        listener(parsed.data);
      };
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  };
}
