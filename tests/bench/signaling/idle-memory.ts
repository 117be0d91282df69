/**
 * Server memory per idle connection: a separate server process (so nothing of the bench is
 * counted) and its resident set size (so sockets' native buffers count too, not just the JS heap),
 * before and after IDLE authenticated connections from another process. Loopback only.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ensureBuilt, REPO_ROOT, SERVER_ENTRY } from '../../harness/server';

export const IDLE = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) * 1024;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return;
    await sleep(100);
  }
  throw new Error('server did not become healthy');
}

/** Opens `n` idle connections from a child process; resolves once all are connected. */
async function idleClients(url: string, token: string, n: number): Promise<ChildProcess> {
  const script =
    "const {io}=require('socket.io-client');let n=0;const N=+process.argv[2];" +
    "for(let i=0;i<N;i++){const s=io(process.argv[1],{transports:['websocket'],forceNew:true,reconnection:false,auth:{token:process.argv[3]}});" +
    "s.on('connect',()=>{if(++n===N)console.log('up')});s.on('connect_error',(e)=>{console.error(e.message);process.exit(1)})}";
  const child = spawn(process.execPath, ['-e', script, url, String(n), token], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('idle clients did not connect')), 60_000);
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('up') && (clearTimeout(timer), resolve()));
    child.once('exit', (code) => reject(new Error(`idle clients exited (${code})`)));
  });
  return child;
}

/** Bytes of server RSS per idle authenticated connection. */
export async function memoryPerIdleConnection(): Promise<number> {
  ensureBuilt();
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn',
    TURN_BUNDLED: 'off',
    JANUS_BUNDLED: 'off',
    JANUS_URL: '',
    REDIS_URL: '',
    CONNECTION_RATE_PER_SEC: '100000',
    CONNECTION_RATE_BURST: '100000',
  };
  const server = spawn(process.execPath, [SERVER_ENTRY], { cwd: REPO_ROOT, env, stdio: 'ignore' });
  let clients: ChildProcess | null = null;
  try {
    await waitHealthy(url);
    const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"room":"idle","name":"idle"}' });
    const { token } = (await res.json()) as { token: string };
    // One connection first, so lazily loaded code and first-use allocations are not charged to the idle ones.
    const warm = await idleClients(url, token, 1);
    await sleep(1000);
    const before = rssBytes(server.pid!);
    clients = await idleClients(url, token, IDLE);
    await sleep(2000);
    const after = rssBytes(server.pid!);
    warm.kill('SIGTERM');
    return Math.round((after - before) / IDLE);
  } finally {
    clients?.kill('SIGTERM');
    server.kill('SIGTERM');
  }
}
