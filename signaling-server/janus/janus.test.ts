/**
 * Integration tests against the real Janus (Debian package), started from the repository's
 * configuration on random loopback ports. A missing binary fails these tests: scripts/setup-system.sh installs it.
 */
import { connect as tcpConnect } from 'node:net';
import { networkInterfaces } from 'node:os';
import WebSocket, { WebSocketServer } from 'ws';
import { adminPortOf, adminUrlOf, startTestJanus } from '../testing/janus';
import { JanusClient, type JanusSession } from './client';
import type { JanusSettings } from '../config';
import { JanusError } from './errors';
import type { JanusProcess } from './process';
import { janusTokenSigner, signJanusToken } from './token';
import { VideoRoomAdmin } from './videoroom';

jest.setTimeout(20_000);

/** One raw request over a fresh WebSocket: what any program on the network could send. */
function rawRequest(url: string, body: Record<string, unknown>, protocol = 'janus-protocol'): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocol);
    const timer = setTimeout(() => reject(new Error('no answer')), 5000);
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ transaction: 'raw-1', ...body })));
    ws.once('message', (data) => {
      clearTimeout(timer);
      ws.close();
      resolve(JSON.parse(data.toString()) as Record<string, unknown>);
    });
  });
}

/** Resolves 'refused' or 'open' for a plain TCP connection. */
function tcpState(host: string, port: number): Promise<'refused' | 'open' | string> {
  return new Promise((resolve) => {
    const sock = tcpConnect({ host, port, timeout: 2000 });
    sock.once('connect', () => {
      sock.destroy();
      resolve('open');
    });
    sock.once('timeout', () => {
      sock.destroy();
      resolve('timeout');
    });
    sock.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED' ? 'refused' : (err.code ?? 'error')));
  });
}

const nowSec = () => Math.floor(Date.now() / 1000);

describe('bundled Janus (real)', () => {
  let proc: JanusProcess;
  let settings: JanusSettings;
  let client: JanusClient;
  let session: JanusSession;
  let admin: VideoRoomAdmin;
  const others: JanusClient[] = [];
  const connectWith = async (token?: () => string) => {
    const c = await JanusClient.connect(proc.url, { token, requestTimeoutMs: 5000 });
    others.push(c);
    return c;
  };

  beforeAll(async () => {
    ({ proc, settings } = await startTestJanus());
    client = await JanusClient.connect(proc.url, { token: janusTokenSigner(settings.tokenSecret), requestTimeoutMs: 5000 });
    session = await client.createSession();
    admin = await VideoRoomAdmin.open(session, settings.videoroomAdminKey);
  });

  afterAll(async () => {
    for (const c of others) await c.close();
    await session?.destroy().catch(() => undefined);
    await client?.close();
    await proc?.stop();
  });

  it('loads only the VideoRoom plugin and the WebSocket transport, no event handlers', async () => {
    const info = await client.info();
    expect(Object.keys(info.plugins)).toEqual(['janus.plugin.videoroom']);
    expect(Object.keys(info.transports)).toEqual(['janus.transport.websockets']);
    expect(Object.keys((info.events as Record<string, unknown> | undefined) ?? {})).toEqual([]);
    expect(info).toMatchObject({ 'auth_token': true, 'reclaim-session-timeout': 20 });
    expect(proc.log()).toMatch(/Signed-Token based authentication enabled/);
    expect(proc.log()).toMatch(/VideoRoom will use alphanumeric IDs/);
  });

  it('creates a room with a random string id, pin and secret, and destroys it', async () => {
    const room = await admin.create();
    expect(room.room).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(room.pin).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(room.secret.length).toBeGreaterThanOrEqual(32);
    expect(await admin.exists(room.room)).toBe(true);
    expect(await admin.listParticipants(room.room)).toEqual([]);
    // The room is private: it does not show up in a plain list.
    const list = await admin.handle.message<{ list: Array<{ room: string }> }>({ request: 'list' });
    expect(list.data.list.map((r) => r.room)).not.toContain(room.room);
    await expect(admin.destroy(room.room, 'wrong-secret')).rejects.toMatchObject({ code: 433 });
    await admin.destroy(room.room, room.secret);
    expect(await admin.exists(room.room)).toBe(false);
  });

  it('refuses to create a room without the VideoRoom admin key', async () => {
    const noKey = new VideoRoomAdmin(admin.handle);
    await expect(noKey.create()).rejects.toBeInstanceOf(JanusError);
  });

  it('refuses a raw WebSocket client without a token', async () => {
    const res = await rawRequest(proc.url, { janus: 'create' });
    expect(res).toMatchObject({ janus: 'error', error: { code: 403 } });
    // The stock demo secrets mean nothing here.
    expect(await rawRequest(proc.url, { janus: 'create', token: 'janusrocks', apisecret: 'janusrocks' })).toMatchObject({ error: { code: 403 } });
  });

  it('refuses tokens signed with the wrong secret, expired tokens, and tokens for another plugin', async () => {
    const wrong = await connectWith(() => signJanusToken('not-the-secret-0123456789', nowSec() + 60));
    await expect(wrong.createSession()).rejects.toMatchObject({ name: 'JanusError', code: 403 });
    const expired = await connectWith(() => signJanusToken(settings.tokenSecret, nowSec() - 5));
    await expect(expired.createSession()).rejects.toMatchObject({ code: 403 });
    // A token whose plugin list was changed after signing.
    const good = signJanusToken(settings.tokenSecret, nowSec() + 60, ['janus.plugin.echotest']);
    const tampered = good.replace('janus.plugin.echotest', 'janus.plugin.videoroom');
    expect(await rawRequest(proc.url, { janus: 'create', token: tampered })).toMatchObject({ error: { code: 403 } });
    const echoOnly = await connectWith(() => good);
    const s = await echoOnly.createSession();
    await expect(s.attach('janus.plugin.videoroom')).rejects.toMatchObject({ code: 405 });
    await s.destroy();
  });

  it('refuses a join with a wrong pin, admits the right one, lists and kicks participants', async () => {
    const room = await admin.create({ description: 'pins' });
    const h = await session.attach();
    await expect(h.message({ request: 'join', ptype: 'publisher', room: room.room, pin: 'wrong', display: 'Eve' })).rejects.toMatchObject({
      code: 433,
      plugin: 'janus.plugin.videoroom',
    });
    // Without a pin: "missing mandatory element".
    await expect(h.message({ request: 'join', ptype: 'publisher', room: room.room, display: 'Eve' })).rejects.toMatchObject({ code: 429 });
    const joined = await h.message<{ videoroom: string; id: string; private_id: number }>({ request: 'join', ptype: 'publisher', room: room.room, pin: room.pin, display: 'Ada' });
    expect(joined.data).toMatchObject({ videoroom: 'joined', id: expect.any(String) });
    expect(await admin.listParticipants(room.room)).toEqual([expect.objectContaining({ id: joined.data.id, display: 'Ada' })]);
    await admin.kick(room.room, room.secret, joined.data.id);
    expect(await admin.listParticipants(room.room)).toEqual([]);
    await admin.destroy(room.room, room.secret);
    await h.detach();
  });

  it('enforces the per-room allowed token list', async () => {
    const room = await admin.create({ allowed: ['ticket-1'] });
    const h = await session.attach();
    const join = (token?: string) => h.message({ request: 'join', ptype: 'publisher', room: room.room, pin: room.pin, ...(token ? { token } : {}) });
    await expect(join()).rejects.toMatchObject({ code: 433 });
    await expect(join('ticket-2')).rejects.toMatchObject({ code: 433 });
    expect(await admin.allowed(room.room, room.secret, 'add', ['ticket-2'])).toEqual(expect.arrayContaining(['ticket-1', 'ticket-2']));
    await expect(join('ticket-2')).resolves.toMatchObject({ data: { videoroom: 'joined' } });
    await admin.destroy(room.room, room.secret);
    await h.detach();
  });

  it('keeps a session whose WebSocket dropped, so a new connection can claim it', async () => {
    const c1 = await connectWith(janusTokenSigner(settings.tokenSecret));
    const s1 = await c1.createSession();
    const h = await s1.attach();
    await c1.close();
    const c2 = await connectWith(janusTokenSigner(settings.tokenSecret));
    const s2 = await c2.claimSession(s1.id);
    const h2 = s2.handle(h.id);
    const res = await h2.message<{ exists: boolean }>({ request: 'exists', room: 'nope' });
    expect(res.data.exists).toBe(false);
    await s2.destroy();
  });

  it('reports Janus errors, timeouts and a closed connection as typed errors', async () => {
    const c = await connectWith(janusTokenSigner(settings.tokenSecret));
    await expect(c.request({ janus: 'keepalive', session_id: 1 })).rejects.toMatchObject({ name: 'JanusError', code: 458 });
    await c.close();
    await expect(c.ping()).rejects.toMatchObject({ name: 'JanusClosedError' });
    // A peer that accepts the WebSocket and never answers (a hung Janus).
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'janus-protocol' });
    await new Promise((r) => silent.once('listening', r));
    try {
      const s = await JanusClient.connect(`ws://127.0.0.1:${(silent.address() as { port: number }).port}`);
      await expect(s.ping(200)).rejects.toMatchObject({ name: 'JanusTimeoutError' });
      const pending = s.request({ janus: 'info' });
      for (const ws of silent.clients) ws.terminate();
      await expect(pending).rejects.toMatchObject({ name: 'JanusClosedError' });
      await s.close();
    } finally {
      await new Promise((r) => silent.close(r));
    }
    await expect(JanusClient.connect(`ws://127.0.0.1:${adminPortOf(settings)}`)).rejects.toMatchObject({ name: 'JanusClosedError' });
  });

  it('serves the admin API on 127.0.0.1 only, and only with the admin secret', async () => {
    const res = await rawRequest(adminUrlOf(proc), { janus: 'list_sessions', admin_secret: settings.adminSecret }, 'janus-admin-protocol');
    expect(res).toMatchObject({ janus: 'success', sessions: expect.any(Array) });
    const refused = await rawRequest(adminUrlOf(proc), { janus: 'list_sessions', admin_secret: 'janusoverlord' }, 'janus-admin-protocol');
    expect(refused).toMatchObject({ janus: 'error', error: { code: 403 } });
    // Another address of this host: nothing listens there for the admin API.
    expect(await tcpState('127.0.0.2', adminPortOf(settings))).toBe('refused');
  });

  it('with the Janus API on every address, the admin API is still not reachable on the public one', async () => {
    const wide = await startTestJanus({ JANUS_WS_IP: '0.0.0.0' });
    try {
      const publicIps = Object.values(networkInterfaces())
        .flatMap((l) => l ?? [])
        .filter((a) => a.family === 'IPv4' && !a.internal)
        .map((a) => a.address);
      for (const ip of ['127.0.0.2', ...publicIps]) {
        expect(await tcpState(ip, wide.settings.wsPort)).toBe('open');
        expect(await tcpState(ip, adminPortOf(wide.settings))).toBe('refused');
      }
      expect(await tcpState('127.0.0.1', adminPortOf(wide.settings))).toBe('open');
    } finally {
      await wide.proc.stop();
    }
  });
});
