import type { CreateMeetingResponse, JoinResponse, SessionResponse } from '../../protocol';
import { MEETING_ID_PATTERN } from '../../protocol';
import { MEDIA, emitRaw, nextEvent, record, sleep, startHarness } from '../testing/harness';
import type { Harness, TestClient } from '../testing/harness';

const json = { 'content-type': 'application/json' };
const post = (h: Harness, path: string, body: unknown) => fetch(`${h.url}${path}`, { method: 'POST', headers: json, body: JSON.stringify(body) });

async function startMeeting(h: Harness, opts: Record<string, unknown> = {}): Promise<CreateMeetingResponse> {
  const res = await post(h, '/api/meetings', opts);
  expect(res.status).toBe(201);
  return (await res.json()) as CreateMeetingResponse;
}

async function session(h: Harness, room: string, name: string, extra: Record<string, string> = {}): Promise<SessionResponse> {
  const res = await post(h, '/api/session', { room, name, ...extra });
  if (!res.ok) throw new Error(`session ${res.status}: ${JSON.stringify(await res.json())}`);
  return (await res.json()) as SessionResponse;
}

const join = (c: TestClient) => c.timeout(3000).emitWithAck('room:join', { media: MEDIA });

/** Connected and joined: the host with the meeting's key, a guest without. */
async function enter(h: Harness, room: string, name: string, hostKey?: string): Promise<{ client: TestClient; id: string; token: string; answer: JoinResponse }> {
  const { token } = await session(h, room, name, hostKey ? { hostKey } : {});
  const client = await h.connect(token);
  const ack = await join(client);
  if (!ack.ok) throw new Error(`join: ${ack.error.code}`);
  return { client, id: (ack.data as JoinResponse).self.id, token, answer: ack.data as JoinResponse };
}

describe('meetings: unguessable links and who gets a session', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ SESSION_RATE_BURST: '100000', SESSION_RATE_PER_SEC: '100000', MEETING_CREATE_BURST: '1000', PASSCODE_TRIES_PER_MINUTE: '3' });
  });
  afterAll(() => h.close());

  it('makes a meeting with a 100-bit id and a host key; the key makes a host, nothing else does', async () => {
    const m = await startMeeting(h);
    expect(m.meeting).toMatch(MEETING_ID_PATTERN);
    expect(m.settings).toEqual({ waitingRoom: true, locked: false, passcode: false });
    expect(m.hostKey.length).toBeGreaterThanOrEqual(43);
    expect((await session(h, m.meeting, 'Ada', { hostKey: m.hostKey })).role).toBe('host');
    expect((await session(h, m.meeting, 'Bob')).role).toBe('guest');
    expect((await session(h, m.meeting, 'Eve', { hostKey: 'x'.repeat(43) })).role).toBe('guest');
    // Ids differ every time.
    const ids = new Set(await Promise.all(Array.from({ length: 20 }, async () => (await startMeeting(h)).meeting)));
    expect(ids.size).toBe(20);
  });

  it('a name that is not a meeting creates nothing', async () => {
    const res = await post(h, '/api/session', { room: 'team-sync', name: 'Eve' });
    expect({ status: res.status, body: await res.json() }).toMatchObject({ status: 404, body: { error: { code: 'MEETING_NOT_FOUND' } } });
    expect(await h.server.meetings.store.get('team-sync')).toBeUndefined();
  });

  it('asks for the passcode, refuses a wrong one, and throttles wrong tries per meeting (even the right one then)', async () => {
    const m = await startMeeting(h, { passcode: 'blue-42', waitingRoom: false });
    expect(m.settings.passcode).toBe(true);
    const tryWith = async (passcode?: string) => (await post(h, '/api/session', { room: m.meeting, name: 'Bob', ...(passcode ? { passcode } : {}) })).status;
    expect(await tryWith()).toBe(401);
    expect(await tryWith('blue-42')).toBe(200);
    expect([await tryWith('red-1'), await tryWith('red-2'), await tryWith('red-3')]).toEqual([403, 403, 403]);
    expect(await tryWith('blue-42')).toBe(429);
    // The host key still works: hosts are not locked out by guessers.
    expect((await session(h, m.meeting, 'Ada', { hostKey: m.hostKey })).role).toBe('host');
  });
});

describe('meetings: enumeration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('10,000 random guesses from one address find nothing and are throttled', async () => {
    await startMeeting(h); // a live meeting to find
    const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
    const guess = () => Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => alphabet[Math.floor(Math.random() * 32)]).join('')).join('-');
    const counts: Record<number, number> = {};
    const started = Date.now();
    for (let batch = 0; batch < 100; batch++) {
      const statuses = await Promise.all(Array.from({ length: 100 }, async () => (await post(h, '/api/session', { room: guess(), name: 'Eve' })).status));
      for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
    }
    const seconds = (Date.now() - started) / 1000;
    expect(counts[200]).toBeUndefined();
    // One address gets the default burst (30) and then 5 a second, however fast it asks.
    expect(counts[404]).toBeLessThanOrEqual(30 + Math.ceil(5 * seconds) + 1);
    expect(counts[429]).toBe(10_000 - (counts[404] ?? 0));
  }, 60_000);
});

describe('meetings: waiting room and host actions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ RESUME_GRACE_MS: '0' });
  });
  afterAll(() => h.close());

  it('a guest waits until a host admits them, and gets no roster or chat before', async () => {
    const m = await startMeeting(h);
    const ada = await enter(h, m.meeting, 'Ada', m.hostKey);
    await emitRaw(ada.client, 'chat:send', { text: 'before Bob' });
    const bob = await h.connect((await session(h, m.meeting, 'Bob')).token);
    const knock = nextEvent<{ waiting: { id: string; name: string }[] }>(ada.client, 'lobby:waiting');
    const waiting = await join(bob);
    expect(waiting).toMatchObject({ ok: false, error: { code: 'IN_WAITING_ROOM' } });
    expect(JSON.stringify(waiting)).not.toContain('before Bob');
    const list = (await knock).waiting;
    expect(list.map((w) => w.name)).toEqual(['Bob']);
    // Still waiting after the join deadline would close an idle connection? Not here: it waits for the host.
    const admitted = nextEvent(bob, 'lobby:admitted');
    expect(await ada.client.timeout(2000).emitWithAck('host:admit', { ids: [list[0]!.id] })).toEqual({ ok: true, data: null });
    await admitted;
    const ack = await join(bob);
    expect(ack.ok && (ack.data as JoinResponse).chat.map((c) => c.text)).toEqual(['before Bob']);
  });

  it('a denied guest is turned away and cannot knock again with that session', async () => {
    const m = await startMeeting(h);
    const ada = await enter(h, m.meeting, 'Ada', m.hostKey);
    const { token } = await session(h, m.meeting, 'Mallory');
    const mallory = await h.connect(token);
    const knock = nextEvent<{ waiting: { id: string }[] }>(ada.client, 'lobby:waiting');
    await join(mallory);
    const denied = nextEvent(mallory, 'lobby:denied');
    const id = (await knock).waiting[0]!.id;
    await ada.client.timeout(2000).emitWithAck('host:deny', { ids: [id] });
    await denied;
    await sleep(100);
    expect(mallory.connected).toBe(false);
    const again = await h.connect(token);
    expect(await join(again)).toMatchObject({ ok: false, error: { code: 'DENIED' } });
    expect((await h.server.meetings.store.waiting(m.meeting)).length).toBe(0);
  });

  it('host actions from a guest are FORBIDDEN and change nothing', async () => {
    const m = await startMeeting(h, { waitingRoom: false });
    const ada = await enter(h, m.meeting, 'Ada', m.hostKey);
    const bob = await enter(h, m.meeting, 'Bob');
    for (const [event, payload] of [
      ['host:remove', { id: ada.id }],
      ['host:mute', { id: ada.id, kind: 'mic' }],
      ['host:settings', { locked: true }],
      ['host:end', {}],
      ['host:role', { id: bob.id, role: 'host' }],
      ['host:admit', { all: true }],
    ] as const) {
      expect({ event, ack: await emitRaw(bob.client, event, payload) }).toMatchObject({ event, ack: { ok: false, error: { code: 'FORBIDDEN' } } });
    }
    expect(ada.client.connected).toBe(true);
    expect(await h.server.meetings.store.get(m.meeting)).toMatchObject({ locked: false });
  });

  it('remove: the removed one is told and cut off, the others see them leave, and their session cannot come back', async () => {
    const m = await startMeeting(h, { waitingRoom: false });
    const ada = await enter(h, m.meeting, 'Ada', m.hostKey);
    const bob = await enter(h, m.meeting, 'Bob');
    const cy = await enter(h, m.meeting, 'Cy');
    const told = nextEvent<{ by: string }>(bob.client, 'room:removed');
    const left = nextEvent<{ id: string }>(cy.client, 'room:participant-left');
    expect(await ada.client.timeout(2000).emitWithAck('host:remove', { id: bob.id })).toEqual({ ok: true, data: null });
    expect(await told).toEqual({ by: 'Ada' });
    expect((await left).id).toBe(bob.id);
    const back = await h.connect(bob.token);
    expect(await join(back)).toMatchObject({ ok: false, error: { code: 'DENIED' } });
  });

  it('mute: the person is told who muted them and everyone sees the microphone off', async () => {
    const m = await startMeeting(h, { waitingRoom: false });
    const ada = await enter(h, m.meeting, 'Ada', m.hostKey);
    const bob = await enter(h, m.meeting, 'Bob');
    const cy = await enter(h, m.meeting, 'Cy');
    const told = nextEvent(bob.client, 'host:muted');
    const seen = nextEvent<{ id: string; media: { mic: boolean } }>(cy.client, 'media:updated');
    await ada.client.timeout(2000).emitWithAck('host:mute', { id: bob.id, kind: 'mic' });
    expect(await told).toEqual({ kind: 'mic', by: 'Ada' });
    expect(await seen).toMatchObject({ id: bob.id, media: { mic: false } });
  });

  it('lock keeps newcomers out; a co-host can act but not end; end closes the link for everyone', async () => {
    const m = await startMeeting(h, { waitingRoom: false });
    const ada = await enter(h, m.meeting, 'Ada', m.hostKey);
    const bob = await enter(h, m.meeting, 'Bob');
    const settings = nextEvent(bob.client, 'meeting:settings');
    expect(await ada.client.timeout(2000).emitWithAck('host:settings', { locked: true })).toEqual({ ok: true, data: { waitingRoom: false, locked: true, passcode: false } });
    expect(await settings).toMatchObject({ locked: true });
    const late = await h.connect((await session(h, m.meeting, 'Late')).token);
    expect(await join(late)).toMatchObject({ ok: false, error: { code: 'MEETING_LOCKED' } });

    const role = nextEvent(ada.client, 'room:role');
    await ada.client.timeout(2000).emitWithAck('host:role', { id: bob.id, role: 'cohost' });
    expect(await role).toEqual({ id: bob.id, role: 'cohost' });
    expect(await bob.client.timeout(2000).emitWithAck('host:settings', { locked: false })).toMatchObject({ ok: true });
    expect(await emitRaw(bob.client, 'host:end', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const ended = nextEvent(bob.client, 'meeting:ended');
    expect(await ada.client.timeout(2000).emitWithAck('host:end', {})).toEqual({ ok: true, data: null });
    expect(await ended).toEqual({ by: 'Ada' });
    await sleep(300);
    expect(bob.client.connected).toBe(false);
    expect((await post(h, '/api/session', { room: m.meeting, name: 'Ada', hostKey: m.hostKey })).status).toBe(404);
  });

  it('when the host leaves, the participant present longest becomes host', async () => {
    const m = await startMeeting(h, { waitingRoom: false });
    const ada = await enter(h, m.meeting, 'Ada', m.hostKey);
    const bob = await enter(h, m.meeting, 'Bob');
    const cy = await enter(h, m.meeting, 'Cy');
    const roles = record<{ id: string; role: string }>(cy.client, 'room:role');
    const toBob = nextEvent(bob.client, 'room:role');
    await ada.client.timeout(2000).emitWithAck('room:leave', {});
    expect(await toBob).toEqual({ id: bob.id, role: 'host' });
    await sleep(100);
    expect(roles).toEqual([{ id: bob.id, role: 'host' }]);
    // Bob can act now.
    expect(await bob.client.timeout(2000).emitWithAck('host:mute', { id: cy.id, kind: 'camera' })).toEqual({ ok: true, data: null });
  });
});

describe('meetings: removing someone whose connection is lost', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ RESUME_GRACE_MS: '10000' });
  });
  afterAll(() => h.close());

  it('a participant kept for a resume and removed meanwhile cannot resume', async () => {
    const m = await startMeeting(h, { waitingRoom: false });
    const ada = await enter(h, m.meeting, 'Ada', m.hostKey);
    const bob = await enter(h, m.meeting, 'Bob');
    const resume = bob.answer.resume!.token;
    // Bob's network goes: his participant is kept for the resume grace.
    (bob.client as unknown as { io: { engine: { close(): void } } }).io.engine.close();
    await sleep(200);
    expect(await ada.client.timeout(2000).emitWithAck('host:remove', { id: bob.id })).toEqual({ ok: true, data: null });
    const back = await h.connect(bob.token);
    expect(await back.timeout(2000).emitWithAck('room:resume', { token: resume })).toMatchObject({ ok: false, error: { code: 'DENIED' } });
  });
});
