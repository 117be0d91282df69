/**
 * Signaling benchmarks, loopback only: `peer:signal` relay latency (p50/p99) and throughput with
 * 500 sockets (250 sender/receiver pairs) on a bare Socket.IO relay (baseline, same run), one
 * product node, two product nodes on Redis (senders on one, receivers on the other), and two bare
 * servers with the pub/sub vs the streams adapter (the adapter choice in
 * signaling-server/cluster/README.md); plus server memory per idle connection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter as pubsubAdapter } from '@socket.io/redis-adapter';
import { createAdapter as streamsAdapter } from '@socket.io/redis-streams-adapter';
import Redis from 'ioredis';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { silentLogger, startHarness } from '../../../signaling-server/testing/harness';
import type { RedisProcess } from '../../../signaling-server/cluster/redis-process';
import { round, summarize } from '../stats';

const SOCKETS = 500;
const MESSAGES = Number(process.env.BENCH_RELAY_MESSAGES ?? 20_000);
const IN_FLIGHT = 500;
const SIGNAL = { type: 'candidate', candidate: { candidate: 'candidate:1 1 udp 2122260223 10.77.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };

export interface RelayResult {
  label: string;
  msgPerSec: number;
  p50: number | null;
  p99: number | null;
}

/** A pair's way of sending: product sockets use `peer:signal` with an ack; bare ones the same shape. */
interface Pair {
  from: Socket;
  to: Socket;
  toId: string;
}

async function measure(label: string, pairs: Pair[]): Promise<RelayResult> {
  const latencies: number[] = [];
  const waiting = new Map<Socket, ((t: number) => void)[]>();
  for (const p of pairs) {
    waiting.set(p.to, []);
    p.to.on('peer:signal', () => waiting.get(p.to)?.shift()?.(performance.now()));
  }
  const one = (p: Pair) =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      waiting.get(p.to)?.push((t) => {
        latencies.push(t - sent);
        resolve();
      });
      p.from.emit('peer:signal', { to: p.toId, signal: SIGNAL }, () => undefined);
    });
  const started = performance.now();
  for (let i = 0; i < MESSAGES; i += IN_FLIGHT) {
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, MESSAGES - i) }, (_, k) => one(pairs[(i + k) % pairs.length])));
  }
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  return { label, msgPerSec: Math.round(MESSAGES / seconds), p50: s.median, p99: round(sorted[Math.floor(sorted.length * 0.99)] ?? NaN) };
}

function client(url: string, auth: Record<string, unknown> = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

/** Bare Socket.IO relay servers (no auth, no validation, no store): the baseline. `adapter` joins two of them. */
async function bareServers(count: number, adapter?: 'pubsub' | 'streams', redisUrl?: string) {
  const closers: (() => Promise<void>)[] = [];
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const httpServer = http.createServer();
    const io = new Server(httpServer);
    if (adapter && redisUrl) {
      const pub = new Redis(redisUrl);
      const sub = pub.duplicate();
      io.adapter(adapter === 'streams' ? streamsAdapter(pub) : pubsubAdapter(pub, sub));
      closers.push(async () => void (pub.disconnect(), sub.disconnect()));
    }
    io.on('connection', (s) => s.on('peer:signal', (m: { to: string; signal: unknown }, ack: () => void) => {
      io.to(m.to).emit('peer:signal', { from: s.id, signal: m.signal });
      ack();
    }));
    await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', () => r()));
    urls.push(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
    closers.unshift(() => new Promise<void>((r) => void io.close(() => r())));
  }
  return { urls, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}

async function barePairs(urls: string[]): Promise<{ pairs: Pair[]; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const pairs: Pair[] = [];
  for (let i = 0; i < SOCKETS / 2; i++) {
    const from = await client(urls[0]);
    const to = await client(urls[urls.length - 1]);
    await new Promise((r) => setTimeout(r, 0));
    sockets.push(from, to);
    pairs.push({ from, to, toId: to.id as string });
  }
  await new Promise((r) => setTimeout(r, 200)); // socket-id rooms known cluster-wide
  return { pairs, sockets };
}

/** Product nodes (memory store, or Redis + adapter when `redisUrl`); 250 two-person rooms across them. */
async function productPairs(count: number, redisUrl?: string) {
  const env = { RATE_LIMIT_PER_SEC: '100000', RATE_LIMIT_BURST: '100000', CONNECTION_RATE_BURST: '100000', SESSION_RATE_BURST: '100000', ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `bench${Date.now()}:` } : {}) };
  const nodes: Awaited<ReturnType<typeof startHarness>>[] = [];
  for (let i = 0; i < count; i++) nodes.push(await startHarness({ ...env, NODE_ID: `bench${i}` }, { logger: silentLogger }));
  const pairs: Pair[] = [];
  for (let i = 0; i < SOCKETS / 2; i++) {
    const [a, b] = [nodes[0], nodes[count - 1]];
    const from = (await a.joined(`bench-${i}`, 'A')).client as unknown as Socket;
    const joinedB = await b.joined(`bench-${i}`, 'B');
    pairs.push({ from, to: joinedB.client as unknown as Socket, toId: joinedB.id });
  }
  return { pairs, close: async () => void (await Promise.all(nodes.map((n) => n.close()))) };
}

/** Every relay series of the table, in one run. */
export async function relaySeries(redis: RedisProcess): Promise<RelayResult[]> {
  const out: RelayResult[] = [];
  const bare = async (label: string, n: number, adapter?: 'pubsub' | 'streams') => {
    const servers = await bareServers(n, adapter, redis.url);
    const { pairs, sockets } = await barePairs(servers.urls);
    out.push(await measure(label, pairs));
    for (const s of sockets) s.disconnect();
    await servers.close();
  };
  await bare('bare Socket.IO relay, 1 server (baseline)', 1);
  for (const [label, n, url] of [['product, 1 node (memory store)', 1, undefined], ['product, 2 nodes + Redis (pub/sub adapter)', 2, redis.url]] as const) {
    const p = await productPairs(n, url);
    out.push(await measure(label, p.pairs));
    await p.close();
  }
  await bare('bare, 2 servers + pub/sub adapter', 2, 'pubsub');
  await bare('bare, 2 servers + streams adapter', 2, 'streams');
  return out;
}
