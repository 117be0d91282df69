/**
 * A throwaway redis-server for tests and benchmarks: its own free loopback port, no persistence
 * (`--save '' --appendonly no`), never the system service. Stopped by its pid.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** One redis-server child. */
export interface RedisProcess {
  port: number;
  url: string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was saved). */
  restart(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function waitListening(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`redis-server exited with ${child.exitCode}`));
      const sock = net.connect(port, '127.0.0.1', () => {
        sock.end();
        resolve();
      });
      sock.on('error', () => {
        if (Date.now() > deadline) reject(new Error(`redis-server not listening on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts redis-server on a free loopback port (or `port`), with `password` required when given (the
 * URL then carries it). Fails plainly when redis-server is not installed.
 */
export async function startRedis(port?: number, opts: { password?: string } = {}): Promise<RedisProcess> {
  const chosen = port ?? (await freeLoopbackPort());
  let child: ChildProcess;
  const auth = opts.password === undefined ? [] : ['--requirepass', opts.password];
  const launch = async () => {
    child = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], {
      stdio: 'ignore',
    });
    child.on('error', () => undefined);
    await waitListening(chosen, child, 5000);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await exited;
  };
  await launch();
  const credentials = opts.password === undefined ? '' : `:${encodeURIComponent(opts.password)}@`;
  return { port: chosen, url: `redis://${credentials}127.0.0.1:${chosen}`, stop, restart: launch };
}
