/**
 * A small typed client of the Janus API over WebSocket (`janus-protocol`), for the signaling server
 * only: transactions with timeouts, sessions with keepalives, plugin handles with messages, JSEP and
 * trickle, events dispatched to the handle that sent them. Janus refusals become JanusError with
 * Janus's own code and reason.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { JanusClosedError, JanusError, JanusErrorCode, JanusTimeoutError } from './errors';

/** A WebRTC session description as Janus passes it (`jsep`). */
export interface Jsep {
  type: 'offer' | 'answer';
  sdp: string;
  /** Janus's hint to the browser, e.g. `trickle: false`; passed through untouched. */
  [key: string]: unknown;
}

/** One ICE candidate as the browser's RTCIceCandidate.toJSON() gives it. */
export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

/** A Janus API message, as parsed JSON. */
export type JanusMessage = { janus: string; transaction?: string; session_id?: number; sender?: number } & Record<string, unknown>;

/** What a plugin answered or pushed: its `plugindata.data` and the optional JSEP. */
export interface PluginResult<T = Record<string, unknown>> {
  plugin: string;
  data: T;
  jsep?: Jsep;
}

/** Janus `info` answer (the fields we read). */
export interface JanusInfo {
  name: string;
  version: number;
  version_string: string;
  plugins: Record<string, unknown>;
  transports: Record<string, unknown>;
  [key: string]: unknown;
}

export interface JanusClientOptions {
  /** Token for every request: a function so each request can carry a freshly signed one (see token.ts). */
  token?: () => string | undefined;
  /** Janus `api_secret`, when the server uses one. */
  apiSecret?: string;
  /** Default time a request may take; default 10 s. */
  requestTimeoutMs?: number;
  /** Time to open the WebSocket; default 5 s. */
  connectTimeoutMs?: number;
  /** Keepalive period of each session; default 15 s (Janus drops sessions silent for 60 s). */
  keepaliveMs?: number;
  /** WebSocket sub-protocol: `janus-protocol` for the Janus API, `janus-admin-protocol` for the Admin API. */
  protocol?: string;
}

interface Pending {
  resolve(msg: JanusMessage): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  /** For plugin messages: an `ack` means "the answer comes later as an event with this transaction". */
  awaitEvent: boolean;
}

const transactionId = () => randomBytes(9).toString('base64url');

/** Turns a Janus reply into a JanusError when it is one (core `error`, or a plugin's `error_code`). */
function errorOf(msg: JanusMessage): JanusError | undefined {
  if (msg.janus === 'error') {
    const e = (msg.error ?? {}) as { code?: number; reason?: string };
    return new JanusError(e.code ?? 0, e.reason ?? 'unknown error');
  }
  const pd = msg.plugindata as { plugin?: string; data?: { error_code?: number; error?: string } } | undefined;
  if (pd?.data && typeof pd.data.error_code === 'number') return new JanusError(pd.data.error_code, pd.data.error ?? 'plugin error', pd.plugin);
  return undefined;
}

function pluginResult<T>(msg: JanusMessage): PluginResult<T> {
  const pd = (msg.plugindata ?? {}) as { plugin?: string; data?: T };
  const result: PluginResult<T> = { plugin: pd.plugin ?? '', data: (pd.data ?? {}) as T };
  if (msg.jsep) result.jsep = msg.jsep as Jsep;
  return result;
}

/**
 * One WebSocket to Janus. Events: `close` (code, reason) once when the socket closes, `message`
 * (every message received, for diagnostics).
 */
export class JanusClient extends EventEmitter {
  private readonly pending = new Map<string, Pending>();
  readonly sessions = new Map<number, JanusSession>();
  private closedFlag = false;
  private readonly closedPromise: Promise<void>;

  private constructor(
    private readonly ws: WebSocket,
    readonly url: string,
    readonly options: JanusClientOptions,
  ) {
    super();
    ws.on('message', (raw) => this.onMessage(raw.toString()));
    ws.on('error', () => {
      // 'close' follows and does the clean-up; an unhandled 'error' would crash the process.
    });
    this.closedPromise = new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        this.closedFlag = true;
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(new JanusClosedError(`Janus WebSocket closed (${code})`));
        }
        this.pending.clear();
        for (const s of this.sessions.values()) s.stopKeepalive();
        this.emit('close', code, reason.toString());
        resolve();
      });
    });
  }

  /** Opens the WebSocket; rejects with JanusClosedError when it cannot (refused, wrong protocol, timeout). */
  static connect(url: string, options: JanusClientOptions = {}): Promise<JanusClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options.protocol ?? 'janus-protocol', { handshakeTimeout: options.connectTimeoutMs ?? 5000 });
      const fail = (err: Error) => {
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(new JanusClosedError(`cannot connect to Janus at ${url}: ${err.message}`));
      };
      ws.once('error', fail);
      ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
      ws.once('open', () => {
        ws.off('error', fail);
        ws.removeAllListeners('unexpected-response');
        resolve(new JanusClient(ws, url, options));
      });
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /**
   * Sends one request and waits for its answer. `awaitEvent`: an `ack` is not the answer (plugin
   * messages handled asynchronously answer later with an event of the same transaction).
   */
  request(body: Record<string, unknown>, opts: { timeoutMs?: number; awaitEvent?: boolean; noToken?: boolean } = {}): Promise<JanusMessage> {
    if (this.closedFlag || this.ws.readyState !== WebSocket.OPEN) return Promise.reject(new JanusClosedError('Janus WebSocket is closed'));
    const transaction = transactionId();
    const message: Record<string, unknown> = { ...body, transaction };
    const token = opts.noToken ? undefined : this.options.token?.();
    if (token !== undefined) message.token = token;
    if (this.options.apiSecret !== undefined) message.apisecret = this.options.apiSecret;
    const timeoutMs = opts.timeoutMs ?? this.options.requestTimeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new JanusTimeoutError(`Janus did not answer "${String(body.janus)}" within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref?.();
      this.pending.set(transaction, { resolve, reject, timer, awaitEvent: opts.awaitEvent ?? false });
      this.ws.send(JSON.stringify(message), (err) => {
        if (!err) return;
        const p = this.pending.get(transaction);
        if (!p) return;
        clearTimeout(p.timer);
        this.pending.delete(transaction);
        reject(new JanusClosedError(`could not send to Janus: ${err.message}`));
      });
    });
  }

  private onMessage(text: string): void {
    let msg: JanusMessage;
    try {
      msg = JSON.parse(text) as JanusMessage;
    } catch {
      return;
    }
    this.emit('message', msg);
    const p = msg.transaction !== undefined ? this.pending.get(msg.transaction) : undefined;
    if (p && !(p.awaitEvent && msg.janus === 'ack')) {
      clearTimeout(p.timer);
      this.pending.delete(msg.transaction as string);
      const err = errorOf(msg);
      if (err) p.reject(err);
      else p.resolve(msg);
      return;
    }
    if (p) return; // the ack of an asynchronous plugin message: the event comes later.
    if (msg.session_id === undefined) return;
    this.sessions.get(msg.session_id)?.dispatch(msg);
  }

  /** `info`: version, plugins and transports (needs no token). */
  async info(timeoutMs?: number): Promise<JanusInfo> {
    return (await this.request({ janus: 'info' }, { timeoutMs, noToken: true })) as unknown as JanusInfo;
  }

  /** `ping` -> `pong` (needs no token): the cheapest liveness check. */
  async ping(timeoutMs?: number): Promise<void> {
    await this.request({ janus: 'ping' }, { timeoutMs, noToken: true });
  }

  /** `create`: a new session, kept alive every `keepaliveMs` until destroyed or the socket closes. */
  async createSession(): Promise<JanusSession> {
    const res = await this.request({ janus: 'create' });
    const id = (res.data as { id: number }).id;
    return this.adopt(id);
  }

  /** `claim`: takes over a session whose WebSocket dropped (within reclaim_session_timeout). */
  async claimSession(id: number): Promise<JanusSession> {
    await this.request({ janus: 'claim', session_id: id });
    return this.adopt(id);
  }

  private adopt(id: number): JanusSession {
    const session = new JanusSession(this, id, this.options.keepaliveMs ?? 15_000);
    this.sessions.set(id, session);
    return session;
  }

  /** @internal */
  forget(session: JanusSession): void {
    if (this.sessions.get(session.id) === session) this.sessions.delete(session.id);
  }

  /**
   * Closes the WebSocket (sessions survive for reclaim_session_timeout unless destroyed first).
   * Resolves once closed; a socket that does not close in `graceMs` is terminated.
   */
  async close(graceMs = 1000): Promise<void> {
    if (!this.closedFlag) {
      for (const s of this.sessions.values()) s.stopKeepalive();
      this.ws.close(1000);
      const timer = setTimeout(() => this.ws.terminate(), graceMs);
      await this.closedPromise;
      clearTimeout(timer);
    }
  }
}

/**
 * A Janus session. Events: `timeout` (Janus timed it out), `destroyed`, `keepalive-error` (err).
 */
export class JanusSession extends EventEmitter {
  readonly handles = new Map<number, JanusHandle>();
  private keepaliveTimer?: NodeJS.Timeout;
  private destroyedFlag = false;

  constructor(
    readonly client: JanusClient,
    readonly id: number,
    keepaliveMs: number,
  ) {
    super();
    if (keepaliveMs > 0) {
      this.keepaliveTimer = setInterval(() => {
        this.keepalive().catch((err: Error) => {
          if (err instanceof JanusError && err.code === JanusErrorCode.SessionNotFound) this.markDestroyed();
          else this.emit('keepalive-error', err);
        });
      }, keepaliveMs);
      this.keepaliveTimer.unref?.();
    }
  }

  get destroyed(): boolean {
    return this.destroyedFlag;
  }

  /** A request in this session. */
  request(body: Record<string, unknown>, opts?: { timeoutMs?: number; awaitEvent?: boolean }): Promise<JanusMessage> {
    return this.client.request({ ...body, session_id: this.id }, opts);
  }

  async keepalive(): Promise<void> {
    await this.request({ janus: 'keepalive' });
  }

  /** `attach`: a handle to `plugin` (default the VideoRoom). */
  async attach(plugin = 'janus.plugin.videoroom', opaqueId?: string): Promise<JanusHandle> {
    const res = await this.request({ janus: 'attach', plugin, ...(opaqueId ? { opaque_id: opaqueId } : {}) });
    return this.handle((res.data as { id: number }).id, plugin);
  }

  /** The object for an existing handle id (e.g. after `claim`), created on first use. */
  handle(id: number, plugin = 'janus.plugin.videoroom'): JanusHandle {
    let h = this.handles.get(id);
    if (!h) {
      h = new JanusHandle(this, id, plugin);
      this.handles.set(id, h);
    }
    return h;
  }

  /** @internal Routes an event to the handle that sent it. */
  dispatch(msg: JanusMessage): void {
    if (msg.janus === 'timeout') {
      this.markDestroyed();
      this.emit('timeout');
      return;
    }
    if (msg.sender !== undefined) this.handles.get(msg.sender)?.dispatch(msg);
  }

  stopKeepalive(): void {
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = undefined;
  }

  private markDestroyed(): void {
    if (this.destroyedFlag) return;
    this.destroyedFlag = true;
    this.stopKeepalive();
    this.client.forget(this);
    for (const h of this.handles.values()) h.markDetached();
    this.emit('destroyed');
  }

  /**
   * Stops using the session without ending it (another connection claimed it): no more
   * keepalives, no more events here. Its handles stay as they are in Janus.
   */
  release(): void {
    this.stopKeepalive();
    this.client.forget(this);
  }

  /** `destroy`: ends the session and every handle (and PeerConnection) in it. Safe to call twice. */
  async destroy(): Promise<void> {
    if (this.destroyedFlag) return;
    this.stopKeepalive();
    try {
      if (!this.client.closed) await this.request({ janus: 'destroy' });
    } catch (err) {
      if (!(err instanceof JanusError && err.code === JanusErrorCode.SessionNotFound)) throw err;
    } finally {
      this.markDestroyed();
    }
  }
}

/** Handle events: `event` (PluginResult, unsolicited plugin events), `webrtcup`, `media`, `slowlink`, `hangup`, `trickle`, `detached`. */
export class JanusHandle extends EventEmitter {
  private detachedFlag = false;

  constructor(
    readonly session: JanusSession,
    readonly id: number,
    readonly plugin: string,
  ) {
    super();
  }

  get detached(): boolean {
    return this.detachedFlag;
  }

  private request(body: Record<string, unknown>, opts?: { timeoutMs?: number; awaitEvent?: boolean }): Promise<JanusMessage> {
    return this.session.request({ ...body, handle_id: this.id }, opts);
  }

  /**
   * Sends a plugin message (with an optional JSEP offer/answer) and returns the plugin's answer:
   * the synchronous `success`, or the event that follows an `ack`. Plugin errors throw JanusError.
   */
  async message<T = Record<string, unknown>>(body: Record<string, unknown>, jsep?: Jsep, opts: { timeoutMs?: number } = {}): Promise<PluginResult<T>> {
    const res = await this.request({ janus: 'message', body, ...(jsep ? { jsep } : {}) }, { timeoutMs: opts.timeoutMs, awaitEvent: true });
    return pluginResult<T>(res);
  }

  /** Trickles one candidate, several, or the end of candidates (`null`). */
  async trickle(candidate: IceCandidate | IceCandidate[] | null): Promise<void> {
    const payload =
      candidate === null ? { candidate: { completed: true } } : Array.isArray(candidate) ? { candidates: candidate } : { candidate };
    await this.request({ janus: 'trickle', ...payload });
  }

  /** Closes this handle's PeerConnection, keeping the handle. */
  async hangup(): Promise<void> {
    await this.request({ janus: 'hangup' });
  }

  /** `detach`: destroys the handle. Safe to call twice. */
  async detach(): Promise<void> {
    if (this.detachedFlag) return;
    try {
      if (!this.session.destroyed && !this.session.client.closed) await this.request({ janus: 'detach' });
    } catch (err) {
      if (!(err instanceof JanusError && (err.code === JanusErrorCode.SessionNotFound || err.code === JanusErrorCode.HandleNotFound))) throw err;
    } finally {
      this.markDetached();
    }
  }

  /** @internal */
  markDetached(): void {
    if (this.detachedFlag) return;
    this.detachedFlag = true;
    this.session.handles.delete(this.id);
    this.emit('detached');
  }

  /** @internal */
  dispatch(msg: JanusMessage): void {
    switch (msg.janus) {
      case 'event':
        this.emit('event', pluginResult(msg));
        break;
      case 'detached':
        this.markDetached();
        break;
      case 'webrtcup':
      case 'media':
      case 'slowlink':
      case 'hangup':
      case 'trickle':
        this.emit(msg.janus, msg);
        break;
      default:
        this.emit('other', msg);
    }
  }
}
