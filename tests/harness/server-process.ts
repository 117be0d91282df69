/**
 * The built signaling server as its own process on this machine's loopback, with socket.io
 * clients for it. For tests that must see the server's process as it runs in production: its
 * process-level handlers, its exit. (In-process servers run inside Jest's sandbox, whose
 * `process` is a copy: handlers registered there never fire.)
 */
import { spawn } from 'node:child_process';
import { MeetingLabels, newMeeting, sessionToken } from './meetings';
import type { ChildProcess } from 'node:child_process';
import { io as connectClient } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol';
import type { Socket as ClientSocket } from 'socket.io-client';
import { REPO_ROOT, SERVER_ENTRY, ensureBuilt, isolatedServerEnv } from './server';

export type ProcessClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** A token from POST /api/session for the meeting of the room label `room` (made on first use). */
  token(room: string, name: string): Promise<string>;
  /** Connects and waits for `connect`; rejects with the connect_error. */
  connect(token: string): Promise<ProcessClient>;
  /** Connects with a fresh token and joins; the client and its participant id. */
  joined(room: string, name: string): Promise<{ client: ProcessClient; id: string }>;
  /** Sum of every series of one metric in /metrics; null when the server does not export it. */
  metric(name: string): Promise<number | null>;
  /** What the process printed (the tail). */
  log(): string;
  /** Disconnects the clients and ends the server with SIGTERM. */
  stop(): Promise<void>;
}

const MEDIA = { mic: true, camera: true, screen: false, hand: false };

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  ensureBuilt();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...isolatedServerEnv(),
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 20 s:\n${out}`)), 20_000);
    const onData = () => {
      const m = /Serving on http:\/\/localhost:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it listened:\n${out}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const clients: ProcessClient[] = [];

  const meetings = new MeetingLabels();
  const token = async (room: string, name: string) => sessionToken(url, await meetings.id(room, async () => (await newMeeting(url)).meeting), name);
  const connect = (t: string) =>
    new Promise<ProcessClient>((resolve, reject) => {
      const client: ProcessClient = connectClient(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: t } });
      clients.push(client);
      client.once('connect', () => resolve(client));
      client.once('connect_error', reject);
    });

  return {
    url,
    child,
    token,
    connect,
    async joined(room, name) {
      const client = await connect(await token(room, name));
      const ack = await client.timeout(5000).emitWithAck('room:join', { media: MEDIA });
      if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
      return { client, id: ack.data.self.id };
    },
    async metric(name) {
      const text = await (await fetch(`${url}/metrics`)).text();
      const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].map((m) => Number(m[1]));
      return values.length ? values.reduce((a, b) => a + b, 0) : null;
    },
    log: () => out,
    async stop() {
      for (const c of clients) c.disconnect();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
