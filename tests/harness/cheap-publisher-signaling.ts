/**
 * A cheap publisher's way in (./cheap-publisher.ts), the renderer's own signaling path:
 * `POST /api/session`, a Socket.IO socket over WebSocket with the token in `auth`, and requests
 * answered by an ack (`{ ok, data | error }`), as `room:join` and the `sfu:*` events are.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SessionResponse } from '../../protocol';

export type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;
type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** `POST /api/session` for `name` in `room`. */
export async function postSession(baseUrl: string, room: string, name: string): Promise<SessionResponse> {
  const headers = { 'content-type': 'application/json', origin: baseUrl };
  const res = await fetch(`${baseUrl}/api/session`, { method: 'POST', headers, body: JSON.stringify({ room, name }) });
  if (!res.ok) throw new Error(`${name}: POST /api/session ${res.status} ${await res.text()}`);
  return (await res.json()) as SessionResponse;
}

/** A new socket with the session's token (it connects, and reconnects, by itself). */
export function sessionSocket(baseUrl: string, session: SessionResponse): Sock {
  return io(baseUrl, {
    auth: (cb) => cb({ token: session.token }),
    transports: ['websocket'],
    extraHeaders: { origin: baseUrl },
    reconnectionDelay: 300,
    reconnectionDelayMax: 2000,
    timeout: 5000,
    forceNew: true,
  });
}

/** Resolves on the socket's first connect; rejects when refused for good or after 15 s. */
export function connected(socket: Sock, name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: socket did not connect`)), 15_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (e) => {
      if (!socket.active) {
        clearTimeout(timer);
        reject(new Error(`${name}: connect refused: ${e.message}`));
      }
    });
  });
}

/** `event` with `payload`, resolved with the ack's data (rejected on an error ack, no socket or no answer). */
export function request<T>(socket: Sock | null, event: string, payload: unknown, timeoutMs: number): Promise<T> {
  if (!socket) return Promise.reject(new Error(`${event}: not connected`));
  const timed = socket.timeout(timeoutMs) as unknown as { emit(e: string, p: unknown, cb: (err: unknown, ack: Ack<T>) => void): void };
  return new Promise<T>((resolve, reject) =>
    timed.emit(event, payload, (err, ack) => {
      if (err) reject(new Error(`${event}: no answer`));
      else if (ack?.ok) resolve(ack.data);
      else reject(new Error(`${event}: ${ack?.error?.code ?? '?'} ${ack?.error?.message ?? ''}`));
    }),
  );
}
