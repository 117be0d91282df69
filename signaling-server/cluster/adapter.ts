/**
 * Cross-node events: Socket.IO's Redis pub/sub adapter (see README.md in this folder for the
 * measured choice over the streams adapter). A broadcast to `r:<room>` or `p:<id>` on any node
 * reaches the sockets of every node.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { ConferIo } from '../events/types';
import type { Logger } from '../logger';
import { whenReady } from '../store/redis-connection';

/** The adapter's two Redis connections; `close` ends them. */
export interface ClusterAdapter {
  /** Resolves once both connections are up; false after `timeoutMs`. */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Redis options shared by the adapter's clients: reconnect forever, quickly. */
const clientOptions = { retryStrategy: (times: number) => Math.min(times * 200, 1000), maxRetriesPerRequest: null } as const;

/** Attaches the Redis adapter to `io` (channels prefixed with `prefix`). */
export function attachRedisAdapter(io: ConferIo, url: string, prefix: string, logger: Logger): ClusterAdapter {
  // No offline queue on the publisher: during an outage broadcasts are dropped, not replayed
  // minutes later (a stale peer signal or roster event is worse than none).
  const pub = new Redis(url, { ...clientOptions, enableOfflineQueue: false });
  const sub = new Redis(url, clientOptions);
  let warned = false;
  for (const client of [pub, sub]) {
    client.on('error', (err: Error) => {
      if (!warned) logger.warn('cluster adapter: Redis unreachable, cross-node events are dropped until it is back', { error: err.message });
      warned = true;
    });
    client.on('ready', () => (warned = false));
  }
  // The adapter calls publish() without awaiting it; a rejected publish would be an unhandled
  // rejection (fatal in Node 20) during an outage.
  const publish = pub.publish.bind(pub);
  pub.publish = ((...args: Parameters<typeof publish>) => publish(...args).catch(() => 0)) as typeof pub.publish;
  io.adapter(createAdapter(pub, sub, { key: `${prefix}socket.io`, requestsTimeout: 2000 }));
  return {
    async ready(timeoutMs) {
      return (await Promise.all([pub, sub].map((c) => whenReady(c, timeoutMs)))).every(Boolean);
    },
    async close() {
      await Promise.all([pub, sub].map((c) => (c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect())));
    },
  };
}
