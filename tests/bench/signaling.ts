/**
 * The signaling part of `npm run bench` (loopback only, no browser): relay series from
 * signaling-relay.ts and server memory per idle connection, printed as tables.
 */
import { spawn } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startRedis } from '../../signaling-server/cluster/redis-process';
import { silentLogger, startHarness } from '../../signaling-server/testing/harness';
import { REPO_ROOT } from '../harness/server';
import { ratio, table } from './stats';
import { relaySeries } from './signaling-relay';
import type { RelayResult } from './signaling-relay';

const IDLE = 500;

export interface SignalingBench {
  relay: RelayResult[];
  /** Server heap + external bytes per idle authenticated connection (clients in another process). */
  bytesPerIdleConnection: number | null;
  error?: string;
}

/** Opens IDLE connections from a child process (so their memory is not counted) and measures the server's growth. */
async function memoryPerIdleConnection(): Promise<number> {
  const h = await startHarness({ CONNECTION_RATE_BURST: '100000', SESSION_RATE_BURST: '100000' }, { logger: silentLogger });
  try {
    const token = await h.token('idle');
    // A full collection before each reading; otherwise garbage of earlier series swamps the difference.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const used = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    await new Promise((r) => setTimeout(r, 500));
    const before = used();
    const script =
      "const {io}=require('socket.io-client');let n=0;const N=+process.argv[2];" +
      "for(let i=0;i<N;i++){const s=io(process.argv[1],{transports:['websocket'],forceNew:true,reconnection:false,auth:{token:process.argv[3]}});" +
      "s.on('connect',()=>{if(++n===N)console.log('up')})}";
    const child = spawn(process.execPath, ['-e', script, h.url, String(IDLE), token], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('idle clients did not connect')), 30_000);
      child.stdout.on('data', (d: Buffer) => d.toString().includes('up') && (clearTimeout(timer), resolve()));
    });
    await new Promise((r) => setTimeout(r, 1000));
    const after = used();
    const connected = h.server.io.of('/').sockets.size;
    child.kill('SIGTERM');
    return Math.round((after - before) / connected);
  } finally {
    await h.close();
  }
}

/** Runs the signaling benchmarks and prints their tables. */
export async function signalingBench(): Promise<SignalingBench> {
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
  console.info(`server memory per idle connection: ${out.bytesPerIdleConnection ?? '-'} bytes (heap + external, ${IDLE} connections)`);
  console.info('time back after a node kill: measured by tests/e2e/cluster.e2e.ts (printed there as backMs)');
  if (out.error) console.info(`signaling bench failed: ${out.error}`);
  return out;
}
