/**
 * The signaling part of `npm run bench` (loopback only, no browser): `peer:signal` relay
 * throughput and latency (relay.ts), server memory per idle connection (idle-memory.ts) and the
 * time a client needs to be back after its node is killed (recovery.ts), printed as one table
 * with the targets. The measuring part holds the machine-wide run lock.
 */
import { cpus } from 'node:os';
import { startRedis } from '../../harness/redis-process';
import { acquireRunLock, releaseRunLock } from '../../harness/run-lock';
import { ensureBuilt } from '../../harness/server';
import type { SectionResult } from '../section';
import { ratio, summarize, table } from '../stats';
import { IDLE, memoryPerIdleConnection } from './idle-memory';
import { KILL_TRIALS, nodeKillTrials } from './recovery';
import type { KillTrial } from './recovery';
import { LATENCY, PAIRS, ROUNDS, THROUGHPUT, relaySeries } from './relay';
import type { RelaySeries, SeriesKey } from './relay';
import { judge, verdict } from '../targets';
import type { Op, Target } from '../targets';
import { SIGNALING_TARGETS } from './targets';

const TARGET = SIGNALING_TARGETS;

export interface SignalingBench {
  relay: RelaySeries[];
  /** Server RSS bytes per idle authenticated connection (server and clients in their own processes). */
  bytesPerIdleConnection: number | null;
  nodeKill: KillTrial[];
  targets: Target[];
  errors: string[];
}

const n = (x: number) => x.toLocaleString('en-US');

/** Runs the signaling benchmarks and prints their table. */
export async function signalingBench(): Promise<SectionResult> {
  ensureBuilt();
  const out: SignalingBench = { relay: [], bytesPerIdleConnection: null, nodeKill: [], targets: [], errors: [] };
  const attempt = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      out.errors.push(`${what}: ${(e as Error).message}`);
    }
  };
  // Other runs on this machine (e2e, benches) take the lock for long stretches: wait for it rather than measure beside them.
  await acquireRunLock(30 * 60_000);
  const redis = await startRedis();
  try {
    process.stdout.write('relay series ');
    if (!process.env.BENCH_SKIP_RELAY) await attempt('relay', async () => void (out.relay = await relaySeries(redis, () => process.stdout.write('.'))));
    process.stdout.write(' idle memory ');
    await attempt('idle memory', async () => void (out.bytesPerIdleConnection = await memoryPerIdleConnection()));
    process.stdout.write('. node kills ');
    await attempt('node kill', async () => void (out.nodeKill = await nodeKillTrials(redis, () => process.stdout.write('.'))));
    process.stdout.write('\n');
  } finally {
    await redis.stop();
    releaseRunLock();
  }
  print(out);
  for (const e of out.errors) console.info(`signaling bench could not measure: ${e}`);
  return { result: out, failed: out.errors.length > 0, targets: out.targets };
}

function print(out: SignalingBench): void {
  const s = Object.fromEntries(out.relay.map((r) => [r.key, r])) as Partial<Record<SeriesKey, RelaySeries>>;
  const target = (name: string, value: number | null, text: string, op: Op, limit: number, unit: string) => {
    const t = judge(name, value, op, limit, unit);
    out.targets.push(t);
    return [text, verdict(t)];
  };

  const rows: (string | number | null)[][] = [];
  const heading = (text: string) => rows.push([text, '', '', '', '', '']);
  const pct = (srv: number[], client: number, others: number) => `${srv.join(' + ')} / ${client} / ${others}`;
  heading('throughput, msg/s (msg/s per server core)');
  for (const r of out.relay) {
    const vsBare = r.key === 'bare1' ? null : ratio(r.msgPerSec, s.bare1?.msgPerSec ?? null);
    const perCore = r.key === 'bare1' ? null : ratio(r.msgPerCoreSecond, s.bare1?.msgPerCoreSecond ?? null);
    // Met only when both agree: msg/s, and msg/s per server core (which CPU taken by other processes does not move).
    const worse = vsBare === null || perCore === null ? null : Math.min(vsBare, perCore);
    const t = r.key === 'product1' ? target('throughput, product 1 node / bare (lower of msg/s and per core)', worse, `>= ${TARGET.throughputVsBare} x bare`, '>=', TARGET.throughputVsBare, 'x') : ['', ''];
    rows.push([`  ${r.label}`, `${n(r.msgPerSec)} (${n(r.msgPerCoreSecond)})`, pct(r.serverCpuPct, r.clientCpuPct, r.otherCpuPct), vsBare === null ? 'baseline' : `${vsBare} x bare (${perCore} per core)`, ...t]);
  }
  heading('latency p50 / p99 / max, ms (paced)');
  for (const r of out.relay) {
    let vs = '';
    let t = ['', ''];
    if (r.key === 'product1') t = target('latency p99, product 1 node (ms)', r.p99, `p99 < ${TARGET.p99Ms} ms`, '<', TARGET.p99Ms, 'ms');
    if (r.key === 'product2') {
      const x = ratio(r.p50, s.product1?.p50 ?? null);
      vs = x === null ? '' : `p50 ${x} x 1 node`;
      t = target('latency p50, product 2 nodes / 1 node', x, `p50 <= ${TARGET.p50TwoNodesVsOne} x 1 node`, '<=', TARGET.p50TwoNodesVsOne, 'x');
    }
    if (r.key === 'barePubsub' || r.key === 'bareStreams') {
      const x = ratio(r.p50, s.bare1?.p50 ?? null);
      vs = x === null ? '' : `p50 ${x} x bare 1`;
    }
    rows.push([`  ${r.label}`, `${r.p50} / ${r.p99} / ${r.max}`, pct(r.latencyServerCpuPct, r.latencyClientCpuPct, r.latencyOtherCpuPct), vs, ...t]);
  }
  heading('server memory per idle connection (RSS)');
  rows.push([`  product, 1 node, ${n(IDLE)} idle sockets`, out.bytesPerIdleConnection === null ? null : `${n(out.bytesPerIdleConnection)} B`, '', '', '', '']);
  const back = summarize(out.nodeKill.map((k) => k.backMs));
  const noticed = summarize(out.nodeKill.map((k) => k.noticedMs));
  heading('client back after its node got SIGKILL');
  rows.push([
    `  product, 2 nodes + Redis, TCP balancer, ${back.n} kills`,
    back.n ? `median ${n(back.median!)} ms, max ${n(back.max!)} ms` : null,
    '',
    back.n ? `noticed after ${noticed.median} ms` : '',
    ...target('back after node kill, max (ms)', back.n ? back.max : null, `< ${n(TARGET.backMs)} ms, every kill`, '<', TARGET.backMs, 'ms'),
  ]);

  const s0 = s.bare1;
  console.info(
    [
      '',
      `Signaling, loopback, ${cpus().length} CPUs. Every server in its own process, the load in another (load-client.ts); ${PAIRS * 2} sockets = ${PAIRS} sender -> receiver pairs`,
      `(product: one 2-person room per pair; 2-node series: senders on node 1, receivers on node 2). All series set up at once, measured in ${ROUNDS} rounds`,
      `(series order rotating); figures are medians over the rounds (max: largest of any). CPU % of one core in the window: each server (+ Redis) /`,
      `the load client / all other processes of the machine (the noise: this machine is shared).`,
      `- throughput: saturating closed loop, ${THROUGHPUT.inFlightPerPair} messages in flight per pair (${THROUGHPUT.inFlightPerPair * PAIRS} in all), ${THROUGHPUT.seconds} s per round after ${THROUGHPUT.warmupSeconds} s warm-up`,
      `  (about ${n(Math.round(((s0?.msgPerSec ?? 0) * THROUGHPUT.seconds) / 1000) * 1000)} messages a round for the baseline); "per server core" = msg/s / the servers' (+ Redis) CPU in cores,`,
      `  a check against CPU taken by other processes; the throughput target counts as met only when both ratios meet it.`,
      `- latency: paced open loop, ${n(LATENCY.ratePerSec)} msg/s in all (${LATENCY.ratePerSec / PAIRS} per pair, round robin), at most ${LATENCY.maxInFlightPerPair} in flight per pair, ${n(LATENCY.messages)} messages`,
      `  a round after ${n(LATENCY.warmup)} warm-up; send to delivery on the load client's clock.`,
      `- node kill: the renderer's SignalingClient + RoomConnection in Node, joined through the balancer to node 1 (a peer on node 2); SIGKILL of node 1 until the`,
      `  room:resume ack with the same participant id and roster; ${KILL_TRIALS} kills, node 1 restarted between them.`,
      '',
      table(['measure / series', 'value', 'CPU % srv / client / other', 'vs', 'target', 'result'], rows),
      ...out.relay.filter((r) => r.errorAcks || r.skipped).map((r) => `note: ${r.label}: ${r.errorAcks} error acks, ${r.skipped} paced turns skipped (pair at its in-flight maximum)`),
      '',
    ].join('\n'),
  );
}
