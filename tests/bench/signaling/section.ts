/**
 * The signaling part of `npm run bench` (loopback only, no browser): relay series from
 * signaling-relay.ts and server memory per idle connection, printed as tables.
 */
import { startRedis } from '../../../signaling-server/cluster/redis-process';
import { ratio, table } from '../stats';
import { relaySeries } from './relay';
import { IDLE, memoryPerIdleConnection } from './idle-memory';
import type { RelayResult } from './relay';
import type { SectionResult } from '../section';

export interface SignalingBench {
  relay: RelayResult[];
  /** Server RSS bytes per idle authenticated connection (server and clients in their own processes). */
  bytesPerIdleConnection: number | null;
  error?: string;
}

/** Runs the signaling benchmarks and prints their tables. */
export async function signalingBench(): Promise<SectionResult> {
  const redis = await startRedis();
  const out: SignalingBench = { relay: [], bytesPerIdleConnection: null };
  try {
    out.relay = process.env.BENCH_SKIP_RELAY ? [] : await relaySeries(redis);
    out.bytesPerIdleConnection = await memoryPerIdleConnection();
  } catch (e) {
    out.error = (e as Error).message;
  } finally {
    await redis.stop();
  }
  const base = out.relay[0];
  console.info('\nSignaling relay: peer:signal, 500 sockets (250 pairs), 500 in flight, loopback; latency = send to delivery (ms)');
  console.info(
    table(
      ['series', 'msg/s', 'p50', 'p99', 'msg/s vs baseline'],
      out.relay.map((r) => [r.label, r.msgPerSec, r.p50, r.p99, base ? ratio(r.msgPerSec, base.msgPerSec) : null]),
    ),
  );
  console.info(`server memory per idle connection: ${out.bytesPerIdleConnection ?? '-'} bytes (RSS of a separate server process, ${IDLE} connections)`);
  console.info('time back after a node kill: measured by tests/e2e/cluster.e2e.ts (printed there as backMs)');
  if (out.error) console.info(`signaling bench failed: ${out.error}`);
  return { result: out, failed: out.error !== undefined };
}
