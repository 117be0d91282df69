/** The bench's handle on a load-client.ts child process: one command at a time over IPC. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { ConnectCommand, LatencyCommand, LoadCommand, LoadReply, LoadResult, ThroughputCommand } from './load-client';

export interface LoadClient {
  /** Connects and joins the pairs; resolves with the number of sockets. */
  connect(c: Omit<ConnectCommand, 'type'>): Promise<number>;
  throughput(c: Omit<ThroughputCommand, 'type'>): Promise<LoadResult>;
  latency(c: Omit<LatencyCommand, 'type'>): Promise<LoadResult>;
  /** Closes its sockets and ends the process. */
  close(): Promise<void>;
}

/** Starts a load client (TypeScript through tsx's loader, in its own process). */
export function startLoadClient(): LoadClient {
  const child = fork(join(__dirname, 'load-client.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited = false;
  child.once('exit', () => (exited = true));
  const ask = (c: LoadCommand, timeoutMs: number) =>
    new Promise<LoadReply>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`load client: no answer to ${c.type} within ${timeoutMs} ms`)), timeoutMs);
      const onMessage = (reply: LoadReply) => done(null, reply);
      const onExit = (code: number | null) => done(new Error(`load client exited (${code}) during ${c.type}`));
      const done = (err: Error | null, reply?: LoadReply) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (err) reject(err);
        else if (reply?.type === 'error') reject(new Error(`load client, ${c.type}: ${reply.message}`));
        else resolve(reply as LoadReply);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(c);
    });
  const result = async (c: LoadCommand) => {
    const reply = await ask(c, 120_000);
    if (reply.type !== 'result') throw new Error(`load client answered ${reply.type} to ${c.type}`);
    return reply.result;
  };
  return {
    async connect(c) {
      const reply = await ask({ type: 'connect', ...c }, 120_000);
      return reply.type === 'ready' ? reply.sockets : 0;
    },
    throughput: (c) => result({ type: 'throughput', ...c }),
    latency: (c) => result({ type: 'latency', ...c }),
    async close() {
      if (exited) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
