/**
 * Servers under test, each in its own process on a free loopback port, so the bench's own event
 * loop (and the load client's) is never part of a measurement: the built product
 * (dist/server/signaling-server/main.js) and the bare Socket.IO relay baseline (bare-server.mjs).
 * Their RSS and CPU time are read from /proc by pid.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freeLoopbackPort } from '../../harness/redis-process';
import { REPO_ROOT, SERVER_ENTRY } from '../../harness/server';
import { rssBytesOf } from './proc-stats';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One server process on 127.0.0.1. */
export class ServerProcess {
  private child: ChildProcess;
  private readonly out: string[] = [];

  constructor(
    readonly label: string,
    readonly port: number,
    private readonly argv: string[],
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.child = this.launch();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.label} has no pid`);
    return this.child.pid;
  }

  private launch(): ChildProcess {
    const child = spawn(process.execPath, this.argv, { cwd: REPO_ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => {
      this.out.push(d.toString());
      if (this.out.length > 200) this.out.splice(0, this.out.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  private get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Waits until GET /healthz answers 200. */
  async healthy(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.label} exited (${this.child.exitCode ?? this.child.signalCode}):\n${this.out.join('').slice(-3000)}`);
      if (await fetch(`${this.url}/healthz`).then((r) => r.ok, () => false)) return;
      await sleep(100);
    }
    throw new Error(`${this.label} not healthy within ${timeoutMs} ms:\n${this.out.join('').slice(-3000)}`);
  }

  /** Resident set size in bytes (sockets' native buffers included, not just the JS heap). */
  rssBytes(): number {
    return rssBytesOf(this.pid);
  }

  /** SIGKILL, resolving once the process is gone (the node-kill case). */
  async kill(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGKILL');
    await gone;
  }

  /** Starts it again on the same port (after a kill), with `env` changes; waits until healthy. */
  async restart(env: Record<string, string> = {}): Promise<void> {
    await this.kill();
    Object.assign(this.env, env);
    this.out.length = 0;
    this.child = this.launch();
    await this.healthy();
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}

/** Limits that would refuse a load generator's connections and messages from one address. */
export const UNLIMITED = {
  RATE_LIMIT_PER_SEC: '100000',
  RATE_LIMIT_BURST: '100000',
  CONNECTION_RATE_PER_SEC: '100000',
  CONNECTION_RATE_BURST: '100000',
  SESSION_RATE_PER_SEC: '100000',
  SESSION_RATE_BURST: '100000',
  MEETING_CREATE_PER_SEC: '100000',
  MEETING_CREATE_BURST: '100000',
  // The per-address caps (200 sockets, 50 rooms): every load client is on 127.0.0.1.
  ADDRESS_RATE_PER_SEC: '1000000',
  ADDRESS_RATE_BURST: '1000000',
  MAX_SOCKETS_PER_ADDRESS: '1000000',
  MAX_ROOMS_PER_ADDRESS: '1000000',
};

/** A shared JWT secret for the nodes of one cluster. */
export const newSecret = (): string => randomBytes(32).toString('hex');

/** The built product server (one node; a cluster node when `env.REDIS_URL` is set), healthy. */
export async function startProductNode(env: Record<string, string> = {}, label = 'product node'): Promise<ServerProcess> {
  const port = await freeLoopbackPort();
  const proc = new ServerProcess(label, port, [SERVER_ENTRY], {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: newSecret(),
    LOG_LEVEL: 'warn',
    // Nothing but signaling: no bundled coturn or Janus, no STUN/TURN from the caller's environment.
    TURN_BUNDLED: 'off',
    JANUS_BUNDLED: 'off',
    JANUS_URL: '',
    STUN_URLS: '',
    TURN_URLS: '',
    TURN_SECRET: '',
    REDIS_URL: '',
    ...env,
  });
  await proc.healthy().catch(async (e: unknown) => {
    await proc.stop();
    throw e;
  });
  return proc;
}

/** The bare Socket.IO relay (bare-server.mjs); two of them share Redis through `adapter`. */
export async function startBareServer(adapter?: { kind: 'pubsub' | 'streams'; redisUrl: string }): Promise<ServerProcess> {
  const port = await freeLoopbackPort();
  const argv = [join(__dirname, 'bare-server.mjs'), String(port), ...(adapter ? [adapter.kind, adapter.redisUrl] : [])];
  const proc = new ServerProcess(`bare server${adapter ? ` (${adapter.kind})` : ''}`, port, argv, { ...process.env, NODE_ENV: 'production' });
  await proc.healthy().catch(async (e: unknown) => {
    await proc.stop();
    throw e;
  });
  return proc;
}
