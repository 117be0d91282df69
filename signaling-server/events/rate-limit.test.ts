import { TokenBucket } from './rate-limit';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the configured rate', () => {
    let t = 1000;
    const bucket = new TokenBucket(2, 3, () => t);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    t += 499; // just under one token at 2/s
    expect(bucket.take()).toBe(false);
    t += 1;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never holds more than the burst after a long idle time', () => {
    let t = 0;
    const bucket = new TokenBucket(100, 2, () => t);
    t += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it('does not drain or refill when the clock steps back', () => {
    let t = 10_000;
    const bucket = new TokenBucket(1, 1, () => t);
    expect(bucket.take()).toBe(true);
    t = 0;
    expect(bucket.take()).toBe(false);
    t = 1000;
    expect(bucket.take()).toBe(true);
  });
});
