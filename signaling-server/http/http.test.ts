import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { IceServersResponse, SessionResponse } from '../../protocol';
import { MEDIA, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';

/** A raw request with a Host header of our choosing (fetch always sends the URL's host). */
const rawGet = (h: Harness, pathname: string, headers: Record<string, string>, method = 'GET', body?: string) =>
  new Promise<number>((resolve, reject) => {
    // A fresh connection each time (no keep-alive agent), so one refusal cannot spoil the next request.
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request(`${h.url}${pathname}`, { method, headers: { ...headers, ...length }, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });

/** A harness with the meetings 'r' and 'team-sync' made: a session is only issued for an existing meeting. */
async function harnessWithMeetings(...args: Parameters<typeof startHarness>): Promise<Harness> {
  const h = await startHarness(...args);
  await h.meeting('r');
  await h.meeting('team-sync');
  return h;
}

const post = (h: Harness, body: string, headers: Record<string, string> = {}) =>
  fetch(`${h.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('HTTP API', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('issues a session for a valid body', async () => {
    h = await harnessWithMeetings({ TOKEN_TTL_SECONDS: '600' });
    const before = Date.now();
    const res = await post(h, JSON.stringify({ room: 'team-sync', name: '  Ada  ' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SessionResponse;
    expect(body).toMatchObject({ room: 'team-sync', name: 'Ada', token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    expect(body.expiresAt).toBeGreaterThanOrEqual(before + 599_000);
    expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
    expect((await h.connect(body.token)).connected).toBe(true);
  });

  it.each([
    ['not JSON', '{room:', 400, 'INVALID_PAYLOAD'],
    ['a missing name', JSON.stringify({ room: 'r' }), 400, 'INVALID_PAYLOAD'],
    ['a bad room name', JSON.stringify({ room: '../etc', name: 'A' }), 400, 'INVALID_PAYLOAD'],
    ['an extra key', JSON.stringify({ room: 'r', name: 'A', admin: true }), 400, 'INVALID_PAYLOAD'],
    ['a body above 4 KB', JSON.stringify({ room: 'r', name: 'x'.repeat(5000) }), 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s', async (_label, body, status, code) => {
    h = await harnessWithMeetings();
    const res = await post(h, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('refuses sessions when SESSION_ISSUING=off', async () => {
    h = await harnessWithMeetings({ SESSION_ISSUING: 'off' });
    const res = await post(h, JSON.stringify({ room: 'r', name: 'A' }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('SESSIONS_DISABLED');
  });

  it('refuses other origins and answers CORS for the configured ones', async () => {
    h = await harnessWithMeetings({ ALLOWED_ORIGINS: 'app://confer' });
    const evil = await post(h, JSON.stringify({ room: 'r', name: 'A' }), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN_ORIGIN');
    const app = await post(h, JSON.stringify({ room: 'r', name: 'A' }), { origin: 'app://confer' });
    expect(app.status).toBe(200);
    expect(app.headers.get('access-control-allow-origin')).toBe('app://confer');
  });

  it('serves /metrics to this machine, not through a proxy, and with METRICS_TOKEN only to its bearer', async () => {
    h = await harnessWithMeetings();
    expect(await rawGet(h, '/metrics', {})).toBe(200);
    expect(await rawGet(h, '/metrics', { 'x-forwarded-for': '203.0.113.9' })).toBe(403);
    await h.close();
    h = await harnessWithMeetings({ METRICS_TOKEN: 'scrape-0123456789abcdef' });
    expect(await rawGet(h, '/metrics', {})).toBe(403);
    expect(await rawGet(h, '/metrics', { authorization: 'Bearer scrape-0123456789abcdef' })).toBe(200);
  });

  it('refuses a DNS-rebinding page: Host and Origin both name the attacker, resolved to this server', async () => {
    h = await harnessWithMeetings();
    const port = new URL(h.url).port;
    const rebound = { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, 'content-type': 'application/json' };
    expect(await rawGet(h, '/api/session', rebound, 'POST', JSON.stringify({ room: 'r', name: 'A' }))).toBe(403);
    expect(await rawGet(h, '/socket.io/?EIO=4&transport=polling', rebound)).toBe(403);
    // The same page opened at the address itself is same-origin.
    const direct = { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' };
    expect(await rawGet(h, '/api/session', direct, 'POST', JSON.stringify({ room: 'r', name: 'A' }))).toBe(200);
    expect(await rawGet(h, '/socket.io/?EIO=4&transport=polling', direct)).toBe(200);
  });

  it('with PUBLIC_ORIGIN, only that origin (scheme included) is same-origin', async () => {
    h = await harnessWithMeetings({ PUBLIC_ORIGIN: 'https://meet.example' });
    const body = JSON.stringify({ room: 'r', name: 'A' });
    const json = { 'content-type': 'application/json' };
    expect(await rawGet(h, '/api/session', { ...json, host: 'meet.example', origin: 'https://meet.example' }, 'POST', body)).toBe(200);
    expect(await rawGet(h, '/api/session', { ...json, host: 'meet.example', origin: 'http://meet.example' }, 'POST', body)).toBe(403);
  });

  it('gives TURN credentials only to a joined participant, in its participant id; a token alone gets STUN', async () => {
    h = await harnessWithMeetings({ STUN_URLS: 'stun:127.0.0.1:3478', TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'turn-key-0123456789abcdef0123456789', TURN_TTL_SECONDS: '300' });
    expect((await fetch(`${h.url}/api/ice-servers`)).status).toBe(401);
    const bad = await fetch(`${h.url}/api/ice-servers`, { headers: { authorization: 'Bearer not.a.token' } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');

    // A valid token that has joined nothing: STUN only, over HTTP and over the socket.
    const token = await h.token('ice');
    const res = await fetch(`${h.url}/api/ice-servers`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect((await res.json()) as IceServersResponse).toEqual({ iceServers: [{ urls: ['stun:127.0.0.1:3478'] }] });
    const client = await h.connect(token);
    expect(await client.timeout(2000).emitWithAck('ice:refresh', {})).toEqual({ ok: true, data: { iceServers: [{ urls: ['stun:127.0.0.1:3478'] }] } });
    // The liveness probe answers before a join too, and refuses a payload like every empty event.
    expect(await client.timeout(2000).emitWithAck('net:ping', {})).toEqual({ ok: true, data: null });
    expect(await client.timeout(2000).emitWithAck('net:ping', { x: 1 } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    // Joined: the answer and ice:refresh carry TURN credentials named after the participant.
    const join = await client.timeout(2000).emitWithAck('room:join', { media: MEDIA });
    if (!join.ok) throw new Error(join.error.code);
    const self = join.data.self.id;
    const turn = join.data.ice.iceServers[1]!;
    const [expiry, user] = turn.username!.split(':');
    expect(user).toBe(self);
    expect(Number(expiry) * 1000).toBe(join.data.ice.expiresAt);
    expect(join.data.ice.expiresAt! - Date.now()).toBeGreaterThan(298_000);
    expect(turn.credential).toBe(createHmac('sha1', 'turn-key-0123456789abcdef0123456789').update(turn.username!).digest('base64'));
    const ack = await client.timeout(2000).emitWithAck('ice:refresh', {});
    expect(ack.ok && ack.data.iceServers[1]?.username).toMatch(new RegExp(`^\\d+:${self}$`));
  });

  it('reports the media server state in /healthz', async () => {
    let status: 'up' | 'down' = 'up';
    h = await harnessWithMeetings({}, { sfu: { status: () => status, available: () => status === 'up' } });
    expect(await (await fetch(`${h.url}/healthz`)).json()).toMatchObject({ status: 'ok', janus: 'up' });
    status = 'down';
    expect(await (await fetch(`${h.url}/healthz`)).json()).toMatchObject({ status: 'ok', janus: 'down' });
  });

  it('reports health and metrics that change with activity', async () => {
    h = await harnessWithMeetings();
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({ status: 'ok', uptime: expect.any(Number), janus: 'disabled' });
    const before = await (await fetch(`${h.url}/metrics`)).text();
    expect(before).toMatch(/^confer_connections 0$/m);
    expect(before).toMatch(/^confer_rooms 0$/m);
    expect(before).toMatch(/^confer_sfu_rooms 0$/m);
    expect(before).toMatch(/^confer_sfu_sessions 0$/m);
    const a = await h.joined('metrics');
    await a.client.timeout(2000).emitWithAck('chat:send', { text: 'hi' });
    const after = await (await fetch(`${h.url}/metrics`)).text();
    expect(after).toMatch(/^confer_connections 1$/m);
    expect(after).toMatch(/^confer_rooms 1$/m);
    expect(after).toMatch(/^confer_participants 1$/m);
    expect(after).toMatch(/^confer_messages_total\{event="chat:send"\} 1$/m);
    expect(after).toMatch(/^confer_messages_total\{event="room:join"\} 1$/m);
  });
});

describe('static files', () => {
  let h: Harness;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'confer-static-'));
  });
  afterEach(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the renderer with the SPA fallback and security headers', async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
    h = await harnessWithMeetings({ STATIC_DIR: dir, ALLOWED_ORIGINS: 'app://confer' });
    for (const page of ['/', '/room/standup']) {
      const res = await fetch(`${h.url}${page}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>app</title>');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      // Only its own origin: an injected script has nowhere else to send what it reads.
      expect(csp).toMatch(/(^|; )connect-src 'self'(;|$)/);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('permissions-policy')).toContain('camera=(self)');
      expect(res.headers.get('permissions-policy')).toContain('geolocation=()');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      // Plain http and no https public origin: no HSTS.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    expect(await (await fetch(`${h.url}/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${h.url}/missing.js`)).status).toBe(404);
  });

  it('serves the icons and the web app manifest the renderer build emits, with their types (nosniff is on)', async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    mkdirSync(path.join(dir, 'icons'));
    const files = {
      '/favicon.ico': 'image/vnd.microsoft.icon',
      '/favicon.svg': 'image/svg+xml',
      '/apple-touch-icon.png': 'image/png',
      '/icons/icon-192.png': 'image/png',
      '/manifest.webmanifest': 'application/manifest+json',
    };
    for (const name of Object.keys(files)) writeFileSync(path.join(dir, name), 'x');
    h = await harnessWithMeetings({ STATIC_DIR: dir });
    for (const [name, type] of Object.entries(files)) {
      const res = await fetch(`${h.url}${name}`);
      expect([name, res.status, res.headers.get('content-type')?.split(';')[0]]).toEqual([name, 200, type]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // The page may load them: manifest-src and img-src fall back to, or are, 'self'.
    const csp = (await fetch(`${h.url}/`)).headers.get('content-security-policy')!;
    expect(csp).not.toContain('manifest-src');
    expect(csp).toMatch(/(^|; )img-src 'self'/);
  });

  it('sends HSTS when the public origin is https (a TLS proxy in front)', async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>');
    h = await harnessWithMeetings({ STATIC_DIR: dir, PUBLIC_ORIGIN: 'https://meet.example' });
    const res = await fetch(`${h.url}/`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('says the renderer is not built when there is no index.html', async () => {
    h = await harnessWithMeetings({ STATIC_DIR: dir });
    const res = await fetch(`${h.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build');
  });
});
