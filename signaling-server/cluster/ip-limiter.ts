import { TokenBucket } from '../events/rate-limit';

/** Buckets kept at most; when full, idle (refilled) ones are dropped so a flood of addresses cannot grow memory. */
const MAX_TRACKED = 50_000;

/**
 * Per-client-IP token buckets (connections, session requests). Per node: behind a load
 * balancer that spreads one IP over N nodes, the effective limit is N times this.
 */
export class IpLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `ip`; false when that address is over its limit. */
  take(ip: string | undefined): boolean {
    const key = ip ?? 'unknown';
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED) this.prune();
      bucket = new TokenBucket(this.perSec, this.burst, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  private prune(): void {
    // Oldest first (Map order); a bucket that has been idle long enough is full again, so forgetting it changes nothing.
    const idleMs = (this.burst / this.perSec) * 1000;
    for (const [ip, bucket] of this.buckets) {
      if (bucket.idleFor() >= idleMs) this.buckets.delete(ip);
    }
    if (this.buckets.size >= MAX_TRACKED) this.buckets.clear();
  }
}
