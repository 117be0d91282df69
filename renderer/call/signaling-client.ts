/**
 * The ONLY module that touches Socket.IO. Sessions come from `POST /api/session`; the socket
 * carries the token in its `auth` payload (never the query string) over WebSocket only.
 */
import { io, type Socket } from 'socket.io-client';
import { serverEventNames } from '../../protocol/events';
import type { Ack, ClientAnswer, ClientEventName, ClientRequest, CreateMeetingResponse, ServerToClientEvents, SessionResponse } from '../../protocol';
import { CallError } from './api';
import { Emitter } from './emitter';
import { text } from '../i18n/text';

/** A request the client may send: a client event of the protocol's contract table. */
export type RequestEvent = ClientEventName;
/** The payload of request `E`, as the contract table's schema accepts it. */
export type RequestOf<E extends RequestEvent> = ClientRequest<E>;
/** The data a successful ack of `E` carries, from the contract table. */
export type ResponseOf<E extends RequestEvent> = ClientAnswer<E>;

/** Server events plus the connection's own life cycle. */
export interface SignalingEvents extends ServerToClientEvents {
  /** The socket lost its connection; `willReconnect` is false when the server closed it on purpose. */
  disconnected: (reason: string, willReconnect: boolean) => void;
  reconnecting: (attempt: number) => void;
  /** The socket is connected again (possibly to another node): resume, or re-join if the resume is refused. */
  reconnected: () => void;
  /** A (re)connection attempt was refused, e.g. UNAUTHORIZED, TOKEN_EXPIRED, FORBIDDEN_ORIGIN. */
  connectError: (err: CallError) => void;
}

/** What the Room needs from signaling; a fake implements it in unit tests. */
/** What a session request may carry beside the room and name: the meeting's host key, its passcode. */
export interface SessionCredentials {
  hostKey?: string;
  passcode?: string;
}

export interface SignalingPort {
  createSession(room: string, name: string, credentials?: SessionCredentials): Promise<SessionResponse>;
  connect(token: string): Promise<void>;
  /** The token the next reconnection presents (after a refresh). */
  setToken(token: string): void;
  /** Tries to connect again now (after a refused reconnection and a token refresh). */
  reconnect(): void;
  request<E extends RequestEvent>(event: E, payload: RequestOf<E>): Promise<ResponseOf<E>>;
  /**
   * A media path stalled, maybe with the network under it: checks that this connection still
   * answers (`net:ping`) and, when it does not within `timeoutMs`, drops it to reconnect at once
   * rather than when the next request or the server's ping finds it dead. Resolves whether it answered.
   */
  checkAlive(timeoutMs?: number): Promise<boolean>;
  on<K extends keyof SignalingEvents>(event: K, fn: SignalingEvents[K]): () => void;
  off<K extends keyof SignalingEvents>(event: K, fn: SignalingEvents[K]): void;
  disconnect(): void;
}

/** How long a request or the first connection may take before we call the server unreachable. */
export const REQUEST_TIMEOUT_MS = 10_000;
/**
 * How long one connection attempt may take before the next one starts (Socket.IO's default is
 * 20 s). An attempt made while the link is cut waits on TCP's SYN retransmissions (1, 3, 7, 15 s
 * after it began), so the link's return could go unnoticed for up to 8 s, and the next attempt
 * came after up to 7.5 s (5 s backoff, jittered): on the SFU, whose ICE restarts need signaling,
 * the room resumed 4.6 s after a 10 s cut in one network bench run, 0.4 s in another; with these
 * two, 1.6, 0.4 and 1.3 s after 3, 10 and 30 s cuts. Over a working path the WebSocket opens within
 * a few round trips (5 s leaves room for a starved server).
 */
export const CONNECT_ATTEMPT_MS = 5000;
/** The longest wait between connection attempts (jittered by half either way). */
export const RECONNECT_DELAY_MAX_MS = 2000;
/**
 * How long checkAlive waits for `net:ping`. Over a working path the answer takes one round trip;
 * a connection whose address or NAT mapping is gone never answers (TCP retransmits in silence).
 */
export const ALIVE_TIMEOUT_MS = 1500;

type ErrorBody = { code?: unknown; message?: unknown; error?: { code?: unknown; message?: unknown } };

/** Turns any server error shape (`{code,message}`, `{error:{...}}`, `{ok:false,error}`) into a CallError. */
export function toCallError(body: unknown, fallback: string): CallError {
  const b = (body ?? {}) as ErrorBody;
  const e = b.error ?? b;
  const code = typeof e.code === 'string' ? e.code : 'INTERNAL';
  const message = typeof e.message === 'string' ? e.message : fallback;
  return new CallError(code as CallError['code'], message);
}

/** `POST /api/session` => a room-scoped token. `serverUrl` '' means same origin. */
export function createSession(serverUrl: string, room: string, name: string, credentials: SessionCredentials = {}): Promise<SessionResponse> {
  return postJson<SessionResponse>(`${serverUrl}/api/session`, { room, name, ...credentials }, 'session');
}

/** `POST /api/meetings` => a new meeting's id and host key. */
export function createMeeting(serverUrl: string, options: { waitingRoom?: boolean; passcode?: string } = {}): Promise<CreateMeetingResponse> {
  return postJson<CreateMeetingResponse>(`${serverUrl}/api/meetings`, options, 'meeting');
}

async function postJson<T>(url: string, body: unknown, what: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new CallError('SIGNALING_UNREACHABLE', text('errors.server.unreachable'));
  }
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toCallError(answer, text('errors.server.refused', { what, status: String(res.status) }));
  return answer as T;
}

/** Socket.IO implementation of SignalingPort. */
export class SignalingClient extends Emitter<SignalingEvents> implements SignalingPort {
  private socket: Socket | null = null;
  private token = '';
  /** Rejects the first connection still in progress (disconnect() during connect). */
  private abortConnect: ((err: CallError) => void) | null = null;

  /** `timeoutMs` bounds the first connection and every request (tests shorten it). */
  constructor(
    private readonly serverUrl: string,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    super();
  }

  createSession(room: string, name: string, credentials?: SessionCredentials): Promise<SessionResponse> {
    return createSession(this.serverUrl, room, name, credentials);
  }

  setToken(token: string): void {
    this.token = token;
  }

  /** Connects; resolves on the first connection, rejects with the server's refusal code or on timeout. */
  connect(token: string): Promise<void> {
    this.disconnect();
    this.token = token;
    // auth as a callback so reconnections present the latest token (see setToken).
    const socket = io(this.serverUrl || undefined, {
      auth: (cb) => cb({ token: this.token }),
      transports: ['websocket'],
      reconnection: true,
      // Back soon after a lost node (the next attempt may reach another node), then back off.
      reconnectionDelay: 300,
      reconnectionDelayMax: RECONNECT_DELAY_MAX_MS,
      timeout: CONNECT_ATTEMPT_MS,
      // Our own Manager: disconnect() tears it down without touching another client's.
      forceNew: true,
    });
    this.socket = socket;
    for (const name of serverEventNames) {
      socket.on(name, (...args: unknown[]) => (this.emit as (e: string, ...a: unknown[]) => void)(name, ...args));
    }
    return new Promise<void>((resolve, reject) => {
      let first = true;
      const timer = setTimeout(() => fail(new CallError('SIGNALING_UNREACHABLE', text('errors.server.noAnswer'))), this.timeoutMs);
      const fail = (err: CallError) => {
        if (!first) return;
        clearTimeout(timer);
        first = false;
        this.abortConnect = null;
        this.disconnect();
        reject(err);
      };
      this.abortConnect = fail;
      socket.on('connect', () => {
        // Later connects are reconnections. (The Manager's own 'reconnect' fires before the
        // server's middleware has accepted us, so it would also fire for refused tokens.)
        if (!first) return this.emit('reconnected');
        first = false;
        this.abortConnect = null;
        clearTimeout(timer);
        resolve();
      });
      socket.on('connect_error', (err: Error & { data?: unknown }) => {
        const mapped = err.data ? toCallError(err.data, err.message) : new CallError('SIGNALING_UNREACHABLE', err.message);
        if (first && (err.data || !socket.active)) fail(mapped);
        else if (!first) this.emit('connectError', mapped);
      });
      socket.on('disconnect', (reason) => this.emit('disconnected', reason, socket.active));
      socket.io.on('reconnect_attempt', (n) => this.emit('reconnecting', n));
    });
  }

  /** Emits an acknowledged event; resolves with the ack's data or throws CallError(code). */
  request<E extends RequestEvent>(event: E, payload: RequestOf<E>): Promise<ResponseOf<E>> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new CallError('SIGNALING_UNREACHABLE', text('errors.server.notConnected')));
    return new Promise((resolve, reject) => {
      // The typed emit cannot express a generic event name; the ack shape is checked below instead.
      const timed = socket.timeout(this.timeoutMs) as unknown as {
        emit(e: string, p: unknown, cb: (err: unknown, ack: unknown) => void): void;
      };
      timed.emit(event, payload, (err, ack) => {
        if (err) return reject(new CallError('SIGNALING_UNREACHABLE', text('errors.server.noAnswerTo', { event })));
        const a = ack as Ack<ResponseOf<E>> | undefined;
        if (a && a.ok === true) resolve(a.data);
        else reject(toCallError(a, `${event} failed`));
      });
    });
  }

  async checkAlive(timeoutMs = ALIVE_TIMEOUT_MS): Promise<boolean> {
    const socket = this.socket;
    // Not connected: the Manager is already reconnecting.
    if (!socket?.connected) return false;
    const answered = await socket
      .timeout(timeoutMs)
      .emitWithAck('net:ping', {})
      .then(() => true, () => false);
    // Still this socket and still "connected" without an answer: a dead path. Closing the engine
    // makes the Manager reconnect now; the room then resumes ('reconnected').
    if (!answered && this.socket === socket && socket.connected) {
      console.info('signaling connection did not answer: reconnecting');
      socket.io.engine?.close();
    }
    return answered;
  }

  /** Tries to connect again now, e.g. after a refused reconnection and a token refresh. */
  reconnect(): void {
    if (this.socket && !this.socket.connected) this.socket.connect();
  }

  /** Closes the socket for good (no reconnection). */
  disconnect(): void {
    this.abortConnect?.(new CallError('SIGNALING_UNREACHABLE', text('errors.server.disconnectedEarly')));
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.io.removeAllListeners();
    this.socket.disconnect();
    this.socket = null;
  }
}
