/** A token bucket: `burst` events at once, refilled at `perSec` events per second. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSec: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty (the event must be refused). */
  take(): boolean {
    if (!this.peek()) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whether a token is there, taking none. */
  peek(): boolean {
    const t = this.now();
    // A clock that steps back (fake clocks, NTP) must not drain the bucket.
    const elapsed = Math.max(0, t - this.last);
    this.last = t;
    this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.perSec) / 1000);
    return this.tokens >= 1;
  }
}
