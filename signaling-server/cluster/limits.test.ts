/** Per-address limits on connections, session requests and rooms, per-user seats, and the cap on rooms, against a real server. */
import { MEDIA, sleep, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';
import { openRawEngine } from '../testing/raw-engine';
import type { RawEngine } from '../testing/raw-engine';

describe('abuse limits', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers 429 RATE_LIMITED to session requests above the per-IP burst', async () => {
    h = await startHarness({ SESSION_RATE_PER_SEC: '1', SESSION_RATE_BURST: '2' });
    await h.token('r');
    await h.token('r');
    const res = await fetch(`${h.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ room: 'r', name: 'X' }) });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('refuses connections above the per-IP burst', async () => {
    h = await startHarness({ CONNECTION_RATE_PER_SEC: '1', CONNECTION_RATE_BURST: '2' });
    const token = await h.token('r');
    await h.connect(token);
    await h.connect(token);
    await expect(h.connect(token)).rejects.toThrow();
  });

  it('refuses a new room above MAX_ROOMS with TOO_MANY_ROOMS', async () => {
    h = await startHarness({ MAX_ROOMS: '1' });
    await h.joined('one');
    const client = await h.connect(await h.token('two'));
    expect(await client.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ROOMS' } });
    await h.joined('one', 'Bob');
  });
});

describe('connection and seat caps', () => {
  let h: Harness;
  afterEach(() => h.close());
  const closedWithin = (raw: RawEngine, ms: number) => Promise.race([raw.closed.then(() => 'closed'), sleep(ms).then(() => 'still open')]);

  it('closes the transport after a refused CONNECT, so it cannot try token after token', async () => {
    h = await startHarness();
    const one = await openRawEngine(h.url);
    one.send('0{"token":"bad"}');
    expect(await one.next('4')).toContain('"code":"UNAUTHORIZED"');
    expect(await closedWithin(one, 2000)).toBe('closed');
    // 100 at once: the transport goes before they are verified one by one.
    const raw = await openRawEngine(h.url);
    for (let i = 0; i < 100; i += 1) raw.send(`0${JSON.stringify({ token: `bad-${i}` })}`);
    expect(await closedWithin(raw, 2000)).toBe('closed');
    expect(raw.received.filter((p) => p.startsWith('4')).length).toBeLessThanOrEqual(1);
    const missing = await openRawEngine(h.url);
    missing.send('0{}');
    expect(await missing.next('4')).toContain('"code":"UNAUTHORIZED"');
    expect(await closedWithin(missing, 2000)).toBe('closed');
  });

  it('closes a connection that has not joined within JOIN_TIMEOUT_MS, not one that has', async () => {
    h = await startHarness({ JOIN_TIMEOUT_MS: '300' });
    const idle = await openRawEngine(h.url);
    expect(await idle.connect(await h.token('idle'))).toMatch(/^0/);
    const { client } = await h.joined('idle');
    expect(await closedWithin(idle, 2000)).toBe('closed');
    await sleep(300);
    expect(client.connected).toBe(true);
  });

  it('gives one user one seat per room: a second join with the same token is refused ALREADY_IN_ROOM', async () => {
    h = await startHarness({ MAX_PARTICIPANTS: '2' });
    const token = await h.token('seat', 'Mallory');
    const first = await h.connect(token);
    expect(await first.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: true });
    for (let i = 0; i < 3; i += 1) {
      const again = await h.connect(token);
      expect(await again.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: false, error: { code: 'ALREADY_IN_ROOM' } });
    }
    // The real other user still gets in.
    await h.joined('seat', 'Bob');
    // The seat is the user's again once the first connection is gone.
    first.disconnect();
    await sleep(100);
    const back = await h.connect(token);
    expect(await back.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: true });
  });

  it('caps the rooms the participants of one address are in at once (MAX_ROOMS_PER_ADDRESS)', async () => {
    h = await startHarness({ MAX_ROOMS_PER_ADDRESS: '2' });
    const a = await h.joined('room-a');
    await h.joined('room-b');
    const third = await h.connect(await h.token('room-c'));
    expect(await third.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ROOMS_FROM_ADDRESS' } });
    // A room the address is already in does not count again.
    await h.joined('room-a', 'Bob');
    expect(await a.client.timeout(2000).emitWithAck('room:leave', {})).toMatchObject({ ok: true });
    // Bob still holds room-a for the address: room-c stays refused.
    await expect(h.joined('room-c', 'Di')).rejects.toThrow('TOO_MANY_ROOMS_FROM_ADDRESS');
  });

  it('caps open connections per address (MAX_SOCKETS_PER_ADDRESS)', async () => {
    h = await startHarness({ MAX_SOCKETS_PER_ADDRESS: '3' });
    const open = await Promise.all([openRawEngine(h.url), openRawEngine(h.url), openRawEngine(h.url)]);
    await expect(openRawEngine(h.url)).rejects.toThrow();
    expect(await (await fetch(`${h.url}/metrics`)).text()).toMatch(/^confer_errors_total\{code="TOO_MANY_CONNECTIONS"\} 1$/m);
    open[0]!.close();
    await open[0]!.closed;
    await sleep(50);
    expect((await openRawEngine(h.url)).isOpen()).toBe(true);
  });
});
