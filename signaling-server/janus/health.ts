/**
 * Watches one Janus: keeps a WebSocket to it, pings it every `pingIntervalMs`, and says `down` as
 * soon as the socket closes or a ping goes unanswered for `pingTimeoutMs`; reconnects every
 * `reconnectMs` and says `up` again once Janus answers (and accepts our token, when one is given).
 *
 * Events: `up` (client) and `down` (reason), each only on a change.
 */
import { EventEmitter } from 'node:events';
import { JanusClient, type JanusClientOptions } from './client';
import { JanusError } from './errors';

export type JanusHealthStatus = 'up' | 'down';

export interface JanusHealthOptions {
  url: string;
  /** Options of the watched connection (token source, timeouts, keepalive). */
  client?: JanusClientOptions;
  /** Default 1000 ms. */
  pingIntervalMs?: number;
  /** Default 2000 ms. */
  pingTimeoutMs?: number;
  /** Pause between reconnection attempts; default 1000 ms. */
  reconnectMs?: number;
  /** Check on each connection that Janus accepts our token (create + destroy a session); default: when a token source is given. */
  checkToken?: boolean;
  /** The VideoRoom plugin must be loaded; default true. */
  requireVideoRoom?: boolean;
}

export class JanusHealth extends EventEmitter {
  private statusValue: JanusHealthStatus = 'down';
  private current: JanusClient | null = null;
  private running = false;
  private pingTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private lastReason = 'not connected yet';
  private connecting: Promise<void> | null = null;

  constructor(private readonly opts: JanusHealthOptions) {
    super();
  }

  get status(): JanusHealthStatus {
    return this.statusValue;
  }

  get available(): boolean {
    return this.statusValue === 'up';
  }

  /** Why Janus is down (the last failure), for logs and /healthz diagnostics. */
  get reason(): string {
    return this.statusValue === 'up' ? '' : this.lastReason;
  }

  /** The watched connection while Janus is up: the place to create the server's sessions. */
  get client(): JanusClient | null {
    return this.statusValue === 'up' ? this.current : null;
  }

  /** Starts watching (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.connecting = this.connect();
  }

  /** Resolves once Janus is up; rejects after `timeoutMs`. */
  waitFor(status: JanusHealthStatus, timeoutMs = 10_000): Promise<void> {
    if (this.statusValue === status) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off(status, done);
        reject(new Error(`Janus not ${status} within ${timeoutMs} ms (${this.lastReason})`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.once(status, done);
    });
  }

  private setStatus(status: JanusHealthStatus, reason = ''): void {
    if (status === 'down') this.lastReason = reason;
    if (status === this.statusValue) return;
    this.statusValue = status;
    if (status === 'up') this.emit('up', this.current);
    else this.emit('down', reason);
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const clientOpts: JanusClientOptions = { connectTimeoutMs: this.opts.pingTimeoutMs ?? 2000, ...this.opts.client };
    let client: JanusClient | null = null;
    try {
      client = await JanusClient.connect(this.opts.url, clientOpts);
      const timeoutMs = this.opts.pingTimeoutMs ?? 2000;
      const info = await client.info(timeoutMs);
      if ((this.opts.requireVideoRoom ?? true) && !info.plugins?.['janus.plugin.videoroom']) throw new Error('the VideoRoom plugin is not loaded');
      if (this.opts.checkToken ?? this.opts.client?.token !== undefined) {
        const probe = await client.createSession();
        await probe.destroy();
      }
      if (!this.running) {
        await client.close();
        return;
      }
      this.current = client;
      client.once('close', () => this.lost(client as JanusClient, 'WebSocket closed'));
      if (client.closed) return this.lost(client, 'WebSocket closed');
      this.schedulePing(client);
      this.setStatus('up');
    } catch (err) {
      await client?.close().catch(() => undefined);
      const reason = err instanceof JanusError && err.code === 403 ? 'Janus refused our token (JANUS_TOKEN_SECRET differs?)' : (err as Error).message;
      this.setStatus('down', reason);
      this.scheduleReconnect();
    }
  }

  private schedulePing(client: JanusClient): void {
    this.pingTimer = setTimeout(() => {
      client.ping(this.opts.pingTimeoutMs ?? 2000).then(
        () => {
          if (this.current === client && this.running) this.schedulePing(client);
        },
        (err: Error) => {
          if (this.current !== client) return;
          // A hung Janus keeps its socket open: close it so the next connection starts clean.
          void client.close(200);
          this.lost(client, `ping failed: ${err.message}`);
        },
      );
    }, this.opts.pingIntervalMs ?? 1000);
    this.pingTimer.unref?.();
  }

  private lost(client: JanusClient, reason: string): void {
    if (this.current !== client) return;
    this.current = null;
    clearTimeout(this.pingTimer);
    this.setStatus('down', reason);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.connecting = this.connect();
    }, this.opts.reconnectMs ?? 1000);
    this.retryTimer.unref?.();
  }

  /** Stops watching and closes the connection (status becomes `down`, reason "stopped"). */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.pingTimer);
    clearTimeout(this.retryTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.current;
    this.current = null;
    await client?.close().catch(() => undefined);
    this.setStatus('down', 'stopped');
  }
}
