/**
 * Pieces of a signaling cluster inside a test namespace: redis-server (no persistence, own
 * port, never the system service), several server nodes sharing it, and a TCP balancer in front.
 */
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { newTestPage } from './browser';
import { CallUser } from './ui';
import { randomBytes } from 'node:crypto';
import { killTree } from './netns';
import type { NetNamespace } from './netns';
import { NsProcess, freePort, startAppServer } from './server';

/** redis-server in the namespace on 127.0.0.1:`port`; restartable on the same port. */
export class NsRedis {
  private proc: ChildProcess | undefined;

  private constructor(
    private readonly ns: NetNamespace,
    readonly port: number,
  ) {}

  static async start(ns: NetNamespace): Promise<NsRedis> {
    const redis = new NsRedis(ns, await freePort(ns));
    await redis.restart();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it (again): empty, as a restart without persistence is. */
  async restart(): Promise<void> {
    this.proc = this.ns.spawn(['redis-server', '--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const r = await this.ns.exec(['redis-cli', '-p', String(this.port), 'ping'], { timeoutMs: 3000 });
      if (r.stdout.trim() === 'PONG') return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`redis-server did not answer on ${this.port} in the namespace`);
  }

  /** SIGTERM and wait for the exit. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    killTree(proc, 'SIGTERM');
    await exited;
  }

  /** `redis-cli` output of one command. */
  async cli(...args: string[]): Promise<string> {
    return (await this.ns.exec(['redis-cli', '-p', String(this.port), ...args], { timeoutMs: 5000 })).stdout.trim();
  }
}

/** Starts `count` server nodes on one Redis with one shared JWT secret. */
export async function startNodes(ns: NetNamespace, redisUrl: string, count: number, env: Record<string, string> = {}): Promise<NsProcess[]> {
  const secret = randomBytes(32).toString('hex');
  const nodes: NsProcess[] = [];
  for (let i = 0; i < count; i++) {
    nodes.push(await startAppServer(ns, { env: { REDIS_URL: redisUrl, JWT_SECRET: secret, NODE_ID: `node${i + 1}`, ...env } }));
  }
  return nodes;
}

/** The TCP balancer (tcp-balancer.mjs): first live backend in the order given. */
export async function startBalancer(ns: NetNamespace, backendPorts: number[]): Promise<NsProcess> {
  const port = await freePort(ns);
  const child = ns.spawn([process.execPath, join(__dirname, 'tcp-balancer.mjs'), String(port), ...backendPorts.map(String)]);
  const proc = new NsProcess(child, port, 'tcp balancer');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`balancer did not start: ${proc.log()}`)), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => reject(new Error(`balancer exited: ${proc.log()}`)));
  });
  return proc;
}

/** One join from a plain Socket.IO client inside the namespace (join-probe.mjs). */
export async function probeJoin(ns: NetNamespace, baseUrl: string, room: string, name: string): Promise<{ ms?: number; ack?: { ok: boolean; error?: { code: string }; data?: { participants: { id: string; name: string }[] } }; error?: string }> {
  const r = await ns.exec([process.execPath, join(__dirname, 'join-probe.mjs'), baseUrl, room, name], { timeoutMs: 15_000 });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as never;
  } catch {
    return { error: `probe printed nothing useful: ${r.stdout} ${r.stderr}` };
  }
}

/**
 * Ada and Cy through the balancer (node 1 while it lives), Ben straight on node 2: each enters
 * `room` and is pushed onto `users` as soon as its page exists (so a caller can close it after a failure).
 */
export async function enterSplit(browser: Browser, nodes: NsProcess[], balancer: NsProcess, room: string, users: CallUser[]): Promise<CallUser[]> {
  for (const [name, direct] of [
    ['Ada', false],
    ['Ben', true],
    ['Cy', false],
  ] as const) {
    const base = direct ? (nodes[1] as NsProcess).url : `http://localhost:${balancer.port}`;
    const u = new CallUser(await newTestPage(browser, name, base), name);
    users.push(u);
    await u.enter(base, room, 60_000);
  }
  return users;
}
