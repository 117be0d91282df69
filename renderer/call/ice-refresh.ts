/**
 * Keeps TURN credentials fresh during a call. The server's TURN REST credentials expire
 * (TURN_TTL_SECONDS); a connection that gathers or re-allocates with expired ones is refused by
 * coturn. So at ~80 % of their lifetime we ask `ice:refresh` and hand the new servers over.
 */
import type { IceServersResponse } from '../../protocol';

export interface IceRefreshDeps {
  /** `ice:refresh` on the signaling connection. */
  request(): Promise<IceServersResponse>;
  /** Applies the new servers (the transport's live connections and the ones it makes next). */
  apply(ice: IceServersResponse): void;
  now?: () => number;
}

/** Share of the credentials' remaining lifetime after which they are renewed. */
const REFRESH_AT = 0.8;
/** Never ask more often than this, whatever the server says. */
const MIN_DELAY_MS = 5_000;
/** A failed refresh is retried after this (while the old credentials still hold). */
const RETRY_MS = 15_000;
/** setTimeout fires at once above 2^31-1 ms. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** Schedules `ice:refresh` before each set of credentials expires; stop() ends it. */
export class IceRefresh {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(private readonly deps: IceRefreshDeps) {}

  /** Starts (or restarts) the schedule from the servers just received; nothing happens without `expiresAt`. */
  start(ice: IceServersResponse): void {
    this.stop();
    this.schedule(ice.expiresAt);
  }

  stop(): void {
    this.generation++;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(expiresAt: number | undefined): void {
    if (expiresAt === undefined) return;
    const left = expiresAt - this.now();
    this.arm(Math.max(MIN_DELAY_MS, left * REFRESH_AT), expiresAt);
  }

  private arm(delayMs: number, expiresAt: number): void {
    const gen = this.generation;
    this.timer = setTimeout(() => void this.refresh(gen, expiresAt), Math.min(delayMs, MAX_DELAY_MS));
  }

  private async refresh(gen: number, oldExpiry: number): Promise<void> {
    this.timer = null;
    try {
      const ice = await this.deps.request();
      if (gen !== this.generation) return;
      this.deps.apply(ice);
      this.schedule(ice.expiresAt);
    } catch (err) {
      if (gen !== this.generation) return;
      console.warn('ice:refresh failed; retrying', err);
      // Retry while the old credentials last; past their expiry only a new join can help.
      if (this.now() + RETRY_MS < oldExpiry) this.arm(RETRY_MS, oldExpiry);
    }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
