import { isIPv6 } from 'node:net';
import { TokenBucket } from '../events/rate-limit';

/** Buckets kept at most; beyond it the least recently used address is forgotten. */
const MAX_TRACKED = 50_000;

/**
 * The key one client is limited under. An IPv6 host usually owns a whole /64 (and can pick any
 * address in it), so IPv6 addresses are keyed by their first 64 bits; IPv4-mapped IPv6 addresses
 * (`::ffff:a.b.c.d`, what a dual-stack listener reports) are keyed as the IPv4 address.
 */
export function addressKey(ip: string | undefined): string {
  if (ip === undefined || ip === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * A map of at most `max` entries that forgets the least recently used one when full, so a flood
 * of addresses costs bounded memory and never resets the limits of the addresses still active.
 */
export class LruMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly max: number = MAX_TRACKED) {}

  /** The value for `key`, created with `make` when missing; marks it as most recently used. */
  getOrCreate(key: string, make: () => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = make();
      if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
    } else {
      this.entries.delete(key);
    }
    // Map keeps insertion order: re-inserting moves the key to the young end.
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Per-client-address token buckets (connections, session requests, packets), keyed by
 * `addressKey`. Per node: behind a load balancer that spreads one address over N nodes, the
 * effective limit is N times this.
 */
export class IpLimiter {
  private readonly buckets: LruMap<TokenBucket>;

  constructor(
    private readonly perSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    maxTracked: number = MAX_TRACKED,
  ) {
    this.buckets = new LruMap(maxTracked);
  }

  /** Takes one token for `ip`; false when that address is over its limit. */
  take(ip: string | undefined): boolean {
    return this.bucket(addressKey(ip)).take();
  }

  /** The bucket of any key (a meeting id, an address's addressKey). */
  bucket(key: string): TokenBucket {
    return this.buckets.getOrCreate(key, () => new TokenBucket(this.perSec, this.burst, this.now));
  }
}
