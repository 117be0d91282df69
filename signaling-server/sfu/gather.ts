/**
 * When a subscriber asks for the room's publishers, wait briefly for those still starting. On a
 * switch to the SFU every participant publishes at once and their media comes up over about a
 * second; subscribing to each as it comes up costs one renegotiation per arrival (each 0.4-1 s on
 * a busy client). Waiting until the starting ones are up, or their window has passed, adds them
 * all in one. Measured at the 5th join, 3 trials each (5 pages on 2 cores, click to the last
 * `sfu:switch-done`): waiting 3.4-3.7 s and 5 renegotiations in all; not waiting 3.2-5.6 s and
 * 11-14; waiting only after the first subscription 3.1-5.4 s and 10.
 */

/** A publisher as the gather sees it. */
export interface PublisherState {
  id: string;
  live: boolean;
  closed: boolean;
  /** When its participant first asked to publish or receive (ms, `now()` clock). */
  startedAt: number;
}

export interface GatherOptions {
  /** A publisher that is not live this long after it started is not waited for any more. */
  windowMs: number;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The live publishers besides `self`, once no other publisher is still within its start window. */
export async function gatherLive(read: () => Promise<PublisherState[]>, self: string, opts: GatherOptions): Promise<string[]> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  for (;;) {
    const others = (await read()).filter((p) => p.id !== self && !p.closed);
    const t = now();
    const starting = others.filter((p) => !p.live && t - p.startedAt < opts.windowMs);
    if (starting.length === 0) return others.filter((p) => p.live).map((p) => p.id);
    await sleep(opts.pollMs ?? 50);
  }
}
