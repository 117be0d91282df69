/**
 * `peer:signal` relay, loopback only, 500 sockets (250 sender/receiver pairs, one room per pair for
 * the product). Every server under test runs in its own process, the load in another
 * (load-client.ts, one per series). Two measurements per series:
 * - throughput: a saturating closed loop (each pair keeps THROUGHPUT.inFlightPerPair undelivered);
 * - latency: a paced open loop, LATENCY.ratePerSec messages per second over all pairs, at most
 *   LATENCY.maxInFlightPerPair undelivered per pair: signaling as calls set up, not a queue.
 * Series: a bare Socket.IO relay (baseline), the product on one node, the product on two nodes and
 * Redis (senders on one node, receivers on the other), and two bare servers with the pub/sub and
 * the streams adapter (the adapter choice in signaling-server/cluster/README.md).
 *
 * This machine is shared and noisy: all series are set up at once and measured in ROUNDS rounds,
 * one series after the other (the order rotating), so a disturbance hits one round of one series,
 * not a whole series; each figure is the median over the rounds.
 */
import Redis from 'ioredis';
import type { RedisProcess } from '../../harness/redis-process';
import { startLoadClient } from './load';
import type { LoadClient } from './load';
import type { LoadResult } from './load-client';
import { UNLIMITED, newSecret, startBareServer, startProductNode } from './processes';
import type { ServerProcess } from './processes';

export const PAIRS = 250;
export const ROUNDS = Number(process.env.BENCH_RELAY_ROUNDS ?? 5);
export const THROUGHPUT = { warmupSeconds: 1, seconds: Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 3), inFlightPerPair: 2 };
export const LATENCY = { warmup: 500, messages: Number(process.env.BENCH_LATENCY_MESSAGES ?? 5000), ratePerSec: 1000, maxInFlightPerPair: 2 };

export type SeriesKey = 'bare1' | 'product1' | 'product2' | 'barePubsub' | 'bareStreams';

/** One series' figures: medians over the rounds (max: the largest of any round). */
export interface RelaySeries {
  key: SeriesKey;
  label: string;
  msgPerSec: number;
  /** msg/s divided by the servers' CPU use (cores): what one fully used core relays, whatever else ran. */
  msgPerCoreSecond: number;
  /** CPU % of one core in the throughput window of the median round: each server (then Redis, if used), the load client, all other processes. */
  serverCpuPct: number[];
  clientCpuPct: number;
  otherCpuPct: number;
  p50: number;
  p99: number;
  max: number;
  latencyServerCpuPct: number[];
  latencyClientCpuPct: number;
  latencyOtherCpuPct: number;
  errorAcks: number;
  skipped: number;
  rounds: { throughput: LoadResult; latency: LoadResult }[];
}

interface Setup {
  kind: 'bare' | 'product';
  servers: ServerProcess[];
  /** Redis is part of the system under test: its CPU counts with the servers'. */
  redis?: boolean;
}

const SERIES: { key: SeriesKey; label: string; start(redis: RedisProcess): Promise<Setup> }[] = [
  { key: 'bare1', label: 'bare Socket.IO relay, 1 server (baseline)', start: async () => ({ kind: 'bare', servers: [await startBareServer()] }) },
  { key: 'product1', label: 'product, 1 node (memory store)', start: async () => ({ kind: 'product', servers: [await startProductNode(UNLIMITED)] }) },
  {
    key: 'product2',
    label: 'product, 2 nodes + Redis (pub/sub adapter)',
    start: async (redis) => {
      const env = { ...UNLIMITED, REDIS_URL: redis.url, REDIS_PREFIX: `bench${Date.now()}:`, JWT_SECRET: newSecret() };
      const a = await startProductNode({ ...env, NODE_ID: 'bench1' });
      const b = await startProductNode({ ...env, NODE_ID: 'bench2' }).catch(async (e: unknown) => Promise.reject((await a.stop(), e)));
      return { kind: 'product', servers: [a, b], redis: true };
    },
  },
  ...(['pubsub', 'streams'] as const).map((adapter) => ({
    key: adapter === 'pubsub' ? ('barePubsub' as const) : ('bareStreams' as const),
    label: `bare, 2 servers + ${adapter === 'pubsub' ? 'pub/sub' : 'streams'} adapter`,
    start: async (redis: RedisProcess): Promise<Setup> => {
      const a = await startBareServer({ kind: adapter, redisUrl: redis.url });
      const b = await startBareServer({ kind: adapter, redisUrl: redis.url }).catch(async (e: unknown) => Promise.reject((await a.stop(), e)));
      return { kind: 'bare', servers: [a, b], redis: true };
    },
  })),
];

interface Running {
  series: (typeof SERIES)[number];
  setup: Setup;
  load: LoadClient;
  rounds: { throughput: LoadResult; latency: LoadResult }[];
}

/** Servers started, pairs connected (and joined), nothing sent yet. */
async function prepare(series: (typeof SERIES)[number], redis: RedisProcess): Promise<Running> {
  const setup = await series.start(redis);
  const load = startLoadClient();
  const running = { series, setup, load, rounds: [] };
  try {
    const [first, last] = [setup.servers[0], setup.servers[setup.servers.length - 1]];
    await load.connect({ kind: setup.kind, senderUrl: first.url, receiverUrl: last.url, pairs: PAIRS });
  } catch (e) {
    await close(running);
    throw e;
  }
  return running;
}

async function close(r: Running): Promise<void> {
  await r.load.close();
  for (const p of r.setup.servers) await p.stop();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const cores = (r: LoadResult) => r.serverCpuPct.reduce((a, b) => a + b, 0) / 100;

function summary(r: Running): RelaySeries {
  const byRate = [...r.rounds].sort((a, b) => a.throughput.msgPerSec - b.throughput.msgPerSec);
  const mid = byRate[Math.floor((byRate.length - 1) / 2)].throughput;
  const lat = r.rounds.map((x) => x.latency);
  return {
    key: r.series.key,
    label: r.series.label,
    msgPerSec: mid.msgPerSec,
    msgPerCoreSecond: Math.round(median(r.rounds.map((x) => x.throughput.msgPerSec / Math.max(0.01, cores(x.throughput))))),
    serverCpuPct: mid.serverCpuPct,
    clientCpuPct: mid.clientCpuPct,
    otherCpuPct: mid.otherCpuPct,
    p50: median(lat.map((l) => l.p50)),
    p99: median(lat.map((l) => l.p99)),
    max: Math.max(...lat.map((l) => l.max)),
    latencyServerCpuPct: lat[0].serverCpuPct.map((_, i) => median(lat.map((l) => l.serverCpuPct[i]))),
    latencyClientCpuPct: median(lat.map((l) => l.clientCpuPct)),
    latencyOtherCpuPct: median(lat.map((l) => l.otherCpuPct)),
    errorAcks: r.rounds.reduce((a, x) => a + x.throughput.errorAcks + x.latency.errorAcks, 0),
    skipped: lat.reduce((a, l) => a + l.skipped, 0),
    rounds: r.rounds,
  };
}

/** The pid of the redis-server at `url` (from INFO), so its CPU time can be read. */
async function redisPid(url: string): Promise<number> {
  const client = new Redis(url);
  try {
    const pid = Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1]);
    if (!pid) throw new Error('redis INFO has no process_id');
    return pid;
  } finally {
    client.disconnect();
  }
}

/** Every relay series of the table, in one run; `onRound` hears of each finished round. */
export async function relaySeries(redis: RedisProcess, onRound: () => void = () => undefined): Promise<RelaySeries[]> {
  const running: Running[] = [];
  const redisCpu = await redisPid(redis.url);
  try {
    for (const s of SERIES) running.push(await prepare(s, redis));
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...running.slice(round % running.length), ...running.slice(0, round % running.length)];
      for (const r of order) {
        const pids = [...r.setup.servers.map((p) => p.pid), ...(r.setup.redis ? [redisCpu] : [])];
        const throughput = await r.load.throughput({ ...THROUGHPUT, pids });
        const latency = await r.load.latency({ ...LATENCY, pids });
        r.rounds.push({ throughput, latency });
      }
      onRound();
    }
    return running.map(summary);
  } finally {
    for (const r of running) await close(r);
  }
}
