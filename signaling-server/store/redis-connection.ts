/** The Redis connection every store opens, and how a call on it fails: fast, as StoreUnavailableError. */
import Redis from 'ioredis';
import { StoreUnavailableError } from './errors';

/** A connection that fails commands at once through an outage instead of queueing them (joins would hang). */
export function connectRedis(url: string, commandTimeoutMs = 1500): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 1500,
    retryStrategy: (times) => Math.min(times * 200, 1000),
    lazyConnect: false,
  });
  redis.on('error', () => undefined); // each store reports an outage its own way
  return redis;
}

/** Resolves true once the connection is ready, false if it is not within `timeoutMs` (it keeps trying after). */
export function whenReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on('ready', onReady);
  });
}

/** Runs a Redis call; connection problems become StoreUnavailableError, script bugs stay what they are. */
export async function runOn<T>(redis: Redis, fn: () => Promise<T>): Promise<T> {
  if (redis.status !== 'ready') throw new StoreUnavailableError(`Redis is ${redis.status}`);
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Error && err.name === 'ReplyError') throw err;
    throw new StoreUnavailableError(err instanceof Error ? err.message : String(err));
  }
}

/** Closes a connection cleanly (QUIT lets the socket close; disconnect() would leave a timer running). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else if (redis.status !== 'end') redis.disconnect();
}
