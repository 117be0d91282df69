import { createServer, type Server as HttpServer } from 'http';
import type { AddressInfo } from 'net';
import { Server } from 'socket.io';
import { CallError } from './api';
import { createSession, SignalingClient } from './signaling-client';

/** A real Socket.IO server on a random localhost port, with a token check like the real one. */
let http: HttpServer;
let io: Server;
let url: string;
let seenAuth: unknown[] = [];
let seenQuery: unknown[] = [];
/** While set, `net:ping` goes unanswered, as over a path that died without a word. */
let pingSilent = false;

beforeAll(async () => {
  http = createServer((req, res) => {
    if (req.url === '/api/session' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const { room, name } = JSON.parse(body) as { room: string; name: string };
        if (room === 'closed') {
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ code: 'SESSIONS_DISABLED', message: 'Sessions are disabled.' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ token: 'good', room, name, expiresAt: 1 }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  io = new Server(http);
  io.use((socket, next) => {
    seenAuth.push(socket.handshake.auth);
    seenQuery.push(socket.handshake.query);
    if (socket.handshake.auth.token === 'good') return next();
    next(Object.assign(new Error('refused'), { data: { code: 'UNAUTHORIZED', message: 'Bad token.' } }));
  });
  io.on('connection', (socket) => {
    socket.on('chat:send', (req: { text: string }, ack: (a: unknown) => void) => {
      if (req.text === 'bad') ack({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'empty message' } });
      else ack({ ok: true, data: { id: 'm1', from: 'x', name: 'X', text: req.text, at: 1 } });
    });
    socket.on('room:leave', () => undefined); // never acks
    socket.on('net:ping', (_p: unknown, ack: (a: unknown) => void) => pingSilent || ack({ ok: true, data: null }));
    socket.emit('room:topology', { mode: 'mesh' });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await io.close();
});

beforeEach(() => {
  seenAuth = [];
  seenQuery = [];
});

describe('createSession', () => {
  it('returns the session', async () => {
    await expect(createSession(url, 'standup', 'Ada')).resolves.toMatchObject({ token: 'good', room: 'standup' });
  });
  it('maps an HTTP error to a CallError with the server code', async () => {
    await expect(createSession(url, 'closed', 'Ada')).rejects.toMatchObject({ code: 'SESSIONS_DISABLED', message: 'Sessions are disabled.' });
  });
  it('an unreachable server is SIGNALING_UNREACHABLE', async () => {
    await expect(createSession('http://127.0.0.1:1', 'r', 'n')).rejects.toMatchObject({ code: 'SIGNALING_UNREACHABLE' });
  });
});

describe('SignalingClient', () => {
  it('sends the token in auth (not the query string), acks resolve with data, failed acks throw the code', async () => {
    const client = new SignalingClient(url);
    const topology = new Promise((r) => client.on('room:topology', r));
    await client.connect('good');
    expect(seenAuth).toEqual([{ token: 'good' }]);
    expect(JSON.stringify(seenQuery)).not.toContain('good');
    await expect(topology).resolves.toEqual({ mode: 'mesh' });
    await expect(client.request('chat:send', { text: 'hi' })).resolves.toMatchObject({ id: 'm1', text: 'hi' });
    const err = await client.request('chat:send', { text: 'bad' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallError);
    expect(err).toMatchObject({ code: 'INVALID_PAYLOAD', message: 'empty message' });
    client.disconnect();
  });

  it('a refused connection rejects with the code from connect_error data', async () => {
    const client = new SignalingClient(url);
    await expect(client.connect('bad')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Bad token.' });
  });

  it('checkAlive: an answered ping keeps the connection; an unanswered one drops it and reconnects at once', async () => {
    const client = new SignalingClient(url);
    await client.connect('good');
    const reconnected = new Promise<void>((r) => client.on('reconnected', r));
    let disconnects = 0;
    client.on('disconnected', () => disconnects++);
    await expect(client.checkAlive(1000)).resolves.toBe(true);
    expect([disconnects, seenAuth.length]).toEqual([0, 1]);
    pingSilent = true;
    try {
      await expect(client.checkAlive(200)).resolves.toBe(false);
      await reconnected;
    } finally {
      pingSilent = false;
    }
    // One drop, one new connection presenting the token again; it answers again.
    expect([disconnects, seenAuth.length]).toEqual([1, 2]);
    await expect(client.checkAlive(1000)).resolves.toBe(true);
    client.disconnect();
    await expect(client.checkAlive(100)).resolves.toBe(false);
  });

  it('a request without an answer times out as SIGNALING_UNREACHABLE', async () => {
    const client = new SignalingClient(url, 200);
    await client.connect('good');
    await expect(client.request('room:leave', {})).rejects.toMatchObject({ code: 'SIGNALING_UNREACHABLE' });
    client.disconnect();
  });

  it('an unreachable server fails the first connection after the timeout', async () => {
    const client = new SignalingClient('http://127.0.0.1:1', 300);
    await expect(client.connect('good')).rejects.toMatchObject({ code: 'SIGNALING_UNREACHABLE' });
  });

  it('reports a server restart as disconnected + reconnected', async () => {
    const client = new SignalingClient(url);
    await client.connect('good');
    const events: string[] = [];
    client.on('disconnected', (_r, will) => events.push(`disconnected:${will}`));
    const back = new Promise<void>((r) => client.on('reconnected', () => r()));
    // Dropping the transport is what a restart looks like from the client.
    for (const s of await io.fetchSockets()) (s as unknown as { conn: { close(): void } }).conn.close();
    await back;
    expect(events).toEqual(['disconnected:true']);
    expect(seenAuth.at(-1)).toEqual({ token: 'good' });
    client.disconnect();
  });

  it('disconnect during the first connection rejects it', async () => {
    const client = new SignalingClient('http://127.0.0.1:1', 5000);
    const pending = client.connect('good');
    client.disconnect();
    await expect(pending).rejects.toMatchObject({ code: 'SIGNALING_UNREACHABLE' });
  });

  it('request before connect rejects', async () => {
    await expect(new SignalingClient(url).request('room:leave', {})).rejects.toMatchObject({ code: 'SIGNALING_UNREACHABLE' });
  });
});
