/**
 * Server memory per idle connection: a separate server process (so nothing of the bench is
 * counted) and its resident set size (so sockets' native buffers count too, not just the JS heap),
 * before and after IDLE authenticated connections from another process. Loopback only.
 */
import { spawn } from 'node:child_process';
import { newMeeting, sessionToken } from '../../harness/meetings';
import type { ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '../../harness/server';
import { UNLIMITED, startProductNode } from './processes';

export const IDLE = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** Bytes of server RSS per idle authenticated connection (one product node, memory store). */
export async function memoryPerIdleConnection(): Promise<number> {
  const server = await startProductNode(UNLIMITED);
  const clients: ChildProcess[] = [];
  try {
    const token = await sessionToken(server.url, (await newMeeting(server.url)).meeting, 'idle');
    // One connection first, so lazily loaded code and first-use allocations are not charged to the idle ones.
    clients.push(await idleClients(server.url, token, 1));
    await sleep(1000);
    const before = server.rssBytes();
    clients.push(await idleClients(server.url, token, IDLE));
    await sleep(2000);
    const after = server.rssBytes();
    return Math.round((after - before) / IDLE);
  } finally {
    for (const c of clients) c.kill('SIGTERM');
    await server.stop();
  }
}
