import { io as connectClient } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import { loadConfig } from '../config';
import type { ServerConfig } from '../config';
import type { ClientToServerEvents, MediaState, ServerToClientEvents, SessionResponse } from '../../protocol';
import { createServer } from '../server';
import type { ServerDeps, SignalingServer } from '../server';
import type { Logger } from '../logger';

/** Test-only helpers: a real server on a free loopback port and real socket.io-client sockets. */

export type TestClient = ClientSocket<ServerToClientEvents, ClientToServerEvents>;
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
export const MEDIA: MediaState = { mic: true, camera: true, screen: false, hand: false };
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface Harness {
  server: SignalingServer;
  config: ServerConfig;
  url: string;
  /** A token from POST /api/session; the meeting `room` is made first (waiting room off) when it does not exist. */
  token(room: string, name?: string, extra?: { hostKey?: string; passcode?: string }): Promise<string>;
  /** Makes the meeting `room` (waiting room off unless `waitingRoom`) if it does not exist; its host key. */
  meeting(room: string, opts?: { waitingRoom?: boolean; passcode?: string }): Promise<string | undefined>;
  /** Connects and waits for `connect`; rejects with the connect_error. */
  connect(token: string | undefined, extra?: Record<string, unknown>): Promise<TestClient>;
  /** Connects with a fresh token and joins; returns the client and its participant id. */
  joined(room: string, name?: string): Promise<{ client: TestClient; id: string }>;
  close(): Promise<void>;
}

/** Starts a server with test defaults overridden by `env`. */
export async function startHarness(env: Record<string, string> = {}, deps: ServerDeps = {}): Promise<Harness> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', JWT_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', ...env });
  const server = createServer(config, { logger: silentLogger, ...deps });
  const { url } = await server.listen();
  const clients: TestClient[] = [];
  let closed = false;

  const connect = (token: string | undefined, extra: Record<string, unknown> = {}) =>
    new Promise<TestClient>((resolve, reject) => {
      const client: TestClient = connectClient(url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        auth: token === undefined ? {} : { token },
        ...extra,
      });
      clients.push(client);
      client.once('connect', () => resolve(client));
      client.once('connect_error', reject);
    });

  const meeting = async (room: string, opts: { waitingRoom?: boolean; passcode?: string } = {}) =>
    (await server.meetings.create({ waitingRoom: false, ...opts }, room))?.hostKey;

  const token = async (room: string, name = 'Ada', extra: { hostKey?: string; passcode?: string } = {}) => {
    if (!(await server.meetings.store.get(room))) await meeting(room);
    const res = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ room, name, ...extra }),
    });
    if (!res.ok) throw new Error(`session: ${res.status}`);
    return ((await res.json()) as SessionResponse).token;
  };

  return {
    server,
    config,
    url,
    token,
    meeting,
    connect,
    async joined(room, name = 'Ada') {
      const client = await connect(await token(room, name));
      const ack = await client.timeout(2000).emitWithAck('room:join', { media: MEDIA });
      if (!ack.ok) throw new Error(`join failed: ${ack.error.code}`);
      return { client, id: ack.data.self.id };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const client of clients) client.disconnect();
      await server.close();
    },
  };
}

/** Emits any event name with any payload: for malformed and unknown messages. */
export function emitRaw(client: TestClient, event: string, ...args: unknown[]): Promise<unknown> {
  const raw = client.timeout(2000) as unknown as { emitWithAck(ev: string, ...a: unknown[]): Promise<unknown> };
  return raw.emitWithAck(event, ...args);
}

/** The next `event` on `client`, or a rejection after `ms`. */
export function nextEvent<T = unknown>(client: TestClient, event: string, ms = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const listener = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      (client as unknown as ClientSocket).off(event, listener);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    (client as unknown as ClientSocket).once(event, listener);
  });
}

/** Collects every `event` on `client` from now on, to assert later that nothing (or something) arrived. */
export function record<T = unknown>(client: TestClient, event: string): T[] {
  const seen: T[] = [];
  (client as unknown as ClientSocket).on(event, (payload: T) => seen.push(payload));
  return seen;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value of one /metrics line of `h` (its name and labels as written, e.g. `confer_sfu_sessions`); 0 when absent. */
export async function metricValue(h: Harness, line: string): Promise<number> {
  const text = await (await fetch(`${h.url}/metrics`)).text();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return Number(found?.split(' ')[1] ?? 0);
}
