/**
 * Notices a media path that went silent, seconds before ICE does. Chromium reports ICE
 * 'disconnected' about 6 s after a link is cut or an address changes (measured in
 * network-change.e2e); the bytes a connection receives stop at once. So a connection that was
 * receiving steadily and then receives nothing for QUIET_SAMPLES samples in a row (half a second
 * each) is called stalled: the caller restarts ICE and checks its signaling connection without
 * waiting for ICE. Bytes arriving again end the stall.
 *
 * Only a connection that was flowing can stall: one whose far side sends nothing (camera off,
 * microphone muted and not sending) never had a steady flow, and ICE's own states cover it.
 */

/** How often the bytes are read, ms. */
export const STALL_SAMPLE_MS = 500;
/**
 * Samples without a byte that make a stall: 1.5 to 2 s of silence. Longer than any gap in a flow
 * of media (Opus DTX sends a packet every 400 ms in silence; RTCP comes at least once a second).
 */
export const QUIET_SAMPLES = 3;
/** Samples with bytes in a row that make a steady flow (1.5 s). */
export const FLOWING_SAMPLES = 3;

export interface StallWatchOptions {
  /** Bytes received on the connection so far; null when it cannot tell (closed, no stats yet). */
  read: () => Promise<number | null>;
  /** The stall began (true) or ended (false). */
  onChange: (stalled: boolean) => void;
  intervalMs?: number;
  now?: () => number;
}

export class StallWatch {
  private last: number | null = null;
  private growing = 0;
  private quiet = 0;
  private current = false;
  /** When a reading last found more bytes, and how long the silence before it lasted. */
  private grewAt = -Infinity;
  private lastSilenceMs = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly opts: StallWatchOptions) {}

  get stalled(): boolean {
    return this.current;
  }

  /**
   * How long the connection has received nothing, or once bytes arrive again, how long the last
   * silence lasted (ms, to the reading that found them; readings are STALL_SAMPLE_MS apart).
   */
  silenceMs(): number {
    if (this.quiet === 0) return this.lastSilenceMs;
    return this.now() - this.grewAt;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Starts watching; a watch started again after stop() starts afresh (no flow known yet). */
  start(): void {
    if (this.timer) return;
    this.last = null;
    this.growing = 0;
    this.quiet = 0;
    this.current = false;
    this.grewAt = -Infinity;
    this.lastSilenceMs = 0;
    this.timer = setInterval(() => {
      this.opts.read().then(
        (bytes) => this.timer && this.sample(bytes),
        () => undefined,
      );
    }, this.opts.intervalMs ?? STALL_SAMPLE_MS);
    // Under Node (unit tests) the watch alone must not keep the process alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One reading of the bytes received so far (exposed for tests). */
  sample(bytes: number | null): void {
    if (bytes === null) return;
    const grew = this.last !== null && bytes > this.last;
    const first = this.last === null;
    this.last = bytes;
    if (first) return;
    if (grew) {
      const now = this.now();
      if (this.quiet > 0) this.lastSilenceMs = now - this.grewAt;
      this.grewAt = now;
      this.growing++;
      this.quiet = 0;
      if (this.current) this.set(false);
      return;
    }
    this.quiet++;
    const wasFlowing = this.growing >= FLOWING_SAMPLES;
    if (this.quiet === QUIET_SAMPLES && wasFlowing) this.set(true);
    if (this.quiet >= QUIET_SAMPLES) this.growing = 0;
  }

  private set(stalled: boolean): void {
    this.current = stalled;
    this.opts.onChange(stalled);
  }
}

/** Bytes received over a connection's transports (RTP, RTCP and data, not ICE checks); null if it has none. */
export async function bytesReceived(pc: RTCPeerConnection): Promise<number | null> {
  if (pc.connectionState === 'closed') return null;
  const report = await pc.getStats();
  let total: number | null = null;
  report.forEach((s: { type?: string; bytesReceived?: number }) => {
    if (s.type === 'transport' && typeof s.bytesReceived === 'number') total = (total ?? 0) + s.bytesReceived;
  });
  return total;
}

/**
 * Bytes received over several connections as one count that only grows: a connection replaced by a
 * new one (starting from 0) adds its own bytes, it does not take the count back. Null while none
 * of them can tell.
 */
export function bytesAcross(connections: () => (RTCPeerConnection | null)[], read = bytesReceived): () => Promise<number | null> {
  const seen = new WeakMap<RTCPeerConnection, number>();
  let total: number | null = null;
  return async () => {
    const pcs = connections().filter((pc): pc is RTCPeerConnection => pc !== null);
    const now = await Promise.all(pcs.map((pc) => read(pc)));
    pcs.forEach((pc, i) => {
      const bytes = now[i];
      if (bytes === null || bytes === undefined) return;
      total = (total ?? 0) + Math.max(0, bytes - (seen.get(pc) ?? 0));
      seen.set(pc, bytes);
    });
    return total;
  };
}
