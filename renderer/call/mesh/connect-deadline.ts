/** Per-peer deadlines that bound how long a peer may stay unconnected, across all its restarts. */
export class ConnectDeadlines {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly ms: number) {}

  /** Starts the clock for `peerId` unless it already runs (restarts do not extend it). */
  arm(peerId: string, onExpired: () => void): void {
    if (this.timers.has(peerId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(peerId);
      onExpired();
    }, this.ms);
    // Under Node (unit tests) a pending deadline alone must not keep the process alive.
    (timer as { unref?: () => void }).unref?.();
    this.timers.set(peerId, timer);
  }

  /** Stops the clock (the peer connected, gave up, or left). */
  clear(peerId: string): void {
    const t = this.timers.get(peerId);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(peerId);
  }
}
