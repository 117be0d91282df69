/**
 * The SFU wiring against the real Janus, no browser: topology broadcast at the 5th join and back
 * after the hold-down, SFU_UNAVAILABLE without Janus, publish/subscribe JSEP proxying (fake
 * SDPs), and no Janus session left behind after leaves and disconnects.
 */
import type { SfuOffer } from '../../protocol';
import { JanusClient } from '../janus/client';
import { sfuConfigFromEnv } from '../config';
import type { JanusSettings } from '../config';
import type { JanusProcess } from '../janus/process';
import { startSfu, type SfuHandle } from '../janus/sfu';
import { fakePublisherOffer } from '../testing/fake-sdp';
import { MEDIA, nextEvent, sleep, startHarness, type Harness, type TestClient } from '../testing/harness';
import { adminUrlOf, startTestJanus } from '../testing/janus';

jest.setTimeout(40_000);

const quiet = { info: () => undefined, warn: () => undefined };

/** One request to Janus's admin API. */
async function adminRequest(proc: JanusProcess, settings: JanusSettings, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const admin = await JanusClient.connect(adminUrlOf(proc), { protocol: 'janus-admin-protocol' });
  try {
    return (await admin.request({ ...body, admin_secret: settings.adminSecret })) as Record<string, unknown>;
  } finally {
    await admin.close();
  }
}

const sessionIds = async (proc: JanusProcess, settings: JanusSettings) => (await adminRequest(proc, settings, { janus: 'list_sessions' })).sessions as number[];

async function janusSessions(proc: JanusProcess, settings: JanusSettings): Promise<number> {
  return (await sessionIds(proc, settings)).length;
}

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

describe('SFU signaling with the real Janus', () => {
  let proc: JanusProcess;
  let settings: JanusSettings;
  let sfu: SfuHandle;
  let h: Harness;

  beforeAll(async () => {
    ({ proc, settings } = await startTestJanus());
    sfu = await startSfu(
      sfuConfigFromEnv({ JANUS_URL: proc.url, JANUS_TOKEN_SECRET: settings.tokenSecret, JANUS_VIDEOROOM_ADMIN_KEY: settings.videoroomAdminKey }),
      { logger: quiet, pingIntervalMs: 300, pingTimeoutMs: 1500, reconnectMs: 200 },
    );
    await sfu.health?.waitFor('up', 5000);
    h = await startHarness({ RESUME_GRACE_MS: '0', TOPOLOGY_HOLDDOWN_SECONDS: '1' }, { sfu });
  });

  afterAll(async () => {
    await h?.close();
    await sfu?.stop();
    await proc?.stop();
  });

  const join = async (room: string, n: number) => {
    const out: { client: TestClient; id: string }[] = [];
    for (let i = 0; i < n; i++) out.push(await h.joined(room, `P${i}`));
    return out;
  };
  const emit = async (c: TestClient, event: string, payload: unknown) => {
    const ack = (await (c.timeout(8000) as unknown as { emitWithAck(e: string, p: unknown): Promise<unknown> }).emitWithAck(event, payload)) as {
      ok: boolean;
      data?: unknown;
      error?: { code: string; message?: string };
    };
    return ack;
  };

  it('moves the room to the SFU at the 5th join, and back to mesh after the hold-down', async () => {
    const room = 'topo-a';
    const four = await join(room, 4);
    const announced = Promise.all(four.map((p) => nextEvent<{ mode: string }>(p.client, 'room:topology', 5000)));
    const fifth = await h.connect(await h.token(room, 'P4'));
    const ack = await fifth.timeout(5000).emitWithAck('room:join', { media: MEDIA });
    expect(ack.ok && ack.data.topology).toBe('sfu');
    expect((await announced).map((e) => e.mode)).toEqual(['sfu', 'sfu', 'sfu', 'sfu']);

    // Everyone reports its tiles moved: the switch is done for all.
    const done = Promise.all(four.map((p) => nextEvent<{ mode: string }>(p.client, 'sfu:switch-done', 5000)));
    for (const c of [...four.map((p) => p.client), fifth]) expect((await emit(c, 'sfu:switched', { mode: 'sfu' })).ok).toBe(true);
    expect((await done).map((e) => e.mode)).toEqual(['sfu', 'sfu', 'sfu', 'sfu']);

    const back = nextEvent<{ mode: string }>(four[0].client, 'room:topology', 5000);
    fifth.disconnect();
    expect((await back).mode).toBe('mesh');
  });

  it('proxies publish (Janus answers), holds subscriptions until media is up, and leaves no Janus session behind', async () => {
    const before = await janusSessions(proc, settings);
    const room = 'media-a';
    const people = await join(room, 5);
    const [a, b] = people;
    const pub = await emit(a.client, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } });
    expect(pub).toMatchObject({ ok: true, data: { jsep: { type: 'answer' } } });

    // b subscribes; Janus lets nobody subscribe to a feed before its media is up (no ICE with a
    // fake SDP), so no offer comes: the browser flow is covered end to end in tests/e2e/sfu.e2e.ts.
    expect((await emit(b.client, 'sfu:subscribe', {})).ok).toBe(true);
    const offers: SfuOffer[] = [];
    b.client.on('sfu:offer', (o) => offers.push(o));
    expect((await emit(people[2].client, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
    expect((await emit(b.client, 'sfu:answer', { seq: 1, jsep: { type: 'answer', sdp: 'v=0' } })).error?.code).toBe('INVALID_PAYLOAD');
    // A long answer comes in parts: the first is taken, the last carries the whole to the peer (no
    // offer waits here, so it is refused there); a part out of order is refused at once.
    const part = (index: number, sdp: string) => emit(b.client, 'sfu:answer', { seq: 1, jsep: { type: 'answer', sdp }, part: { index, count: 2 } });
    expect((await part(0, 'v=0\r\n')).ok).toBe(true);
    expect((await part(1, 's=-\r\n')).error?.message).toBe('no offer is waiting for this answer');
    expect((await part(1, 's=-\r\n')).error?.message).toMatch(/out of order/);
    expect((await emit(b.client, 'sfu:configure', { layers: [{ feed: a.id, substream: 0 }] })).ok).toBe(true);
    await sleep(500);
    expect(offers).toEqual([]);

    // Three participants hold a session each (plus the server's admin session).
    expect(await janusSessions(proc, settings)).toBeGreaterThanOrEqual(before + 3);
    expect((await emit(a.client, 'sfu:leave', {})).ok).toBe(true);
    b.client.disconnect();
    for (const p of people.slice(2)) p.client.disconnect();
    a.client.disconnect();
    // Only the admin session may remain.
    await waitUntil('Janus sessions released', async () => (await janusSessions(proc, settings)) <= Math.max(before, 1));
  });

  it('connects a participant again whose connection Janus gave up (an admin hangs it up): its Janus session ends and it is told to publish and subscribe anew, which works', async () => {
    const room = 'lost-a';
    const people = await join(room, 5);
    const [a] = people;
    const before = await sessionIds(proc, settings);
    expect((await emit(a.client, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
    const mine = (await sessionIds(proc, settings)).filter((s) => !before.includes(s));
    expect(mine).toHaveLength(1);
    const [handle] = (await adminRequest(proc, settings, { janus: 'list_handles', session_id: mine[0] })).handles as number[];
    const rehome = nextEvent(a.client, 'sfu:rehome', 5000);
    await adminRequest(proc, settings, { janus: 'hangup_webrtc', session_id: mine[0], handle_id: handle });
    await rehome;
    await waitUntil('its Janus session ended', async () => !(await sessionIds(proc, settings)).includes(mine[0] as number));
    expect((await emit(a.client, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
    for (const p of people) p.client.disconnect();
  });

  it('keeps a full mesh room warm: sfu:prewarm to all, the join answer says so, publish allowed on mesh; below four for the hold-down it goes cold again', async () => {
    const room = 'warm-a';
    const three = await join(room, 3);
    const warmed = Promise.all(three.map((p) => nextEvent<{ on: boolean }>(p.client, 'sfu:prewarm', 5000)));
    const fourth = await h.connect(await h.token(room, 'P3'));
    const ack = await fourth.timeout(5000).emitWithAck('room:join', { media: MEDIA });
    expect(ack.ok && [ack.data.topology, ack.data.prewarm]).toEqual(['mesh', true]);
    expect((await warmed).map((e) => e.on)).toEqual([true, true, true]);
    // Warm, still mesh: the idle SFU path may be built.
    expect((await emit(three[0].client, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).ok).toBe(true);
    const cooled = nextEvent<{ on: boolean }>(three[0].client, 'sfu:prewarm', 5000);
    fourth.disconnect();
    expect((await cooled).on).toBe(false);
    // Cold again: nothing may publish while on mesh.
    expect((await emit(three[1].client, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).error?.code).toBe('SFU_UNAVAILABLE');
  });

  it('refuses sfu:publish while the room is on mesh, and bad payloads', async () => {
    const [a] = await join('mesh-b', 1);
    expect((await emit(a.client, 'sfu:publish', { jsep: { type: 'offer', sdp: fakePublisherOffer() } })).error?.code).toBe('SFU_UNAVAILABLE');
    expect((await emit(a.client, 'sfu:publish', { jsep: { type: 'answer', sdp: 'x' } })).error?.code).toBe('INVALID_PAYLOAD');
    expect((await emit(a.client, 'sfu:configure', { layers: [{ feed: 'x', substream: 7 }] })).error?.code).toBe('INVALID_PAYLOAD');
  });
});

describe('without Janus', () => {
  it('refuses the 5th join with SFU_UNAVAILABLE', async () => {
    const h = await startHarness();
    try {
      for (let i = 0; i < 4; i++) await h.joined('full-mesh', `P${i}`);
      const c = await h.connect(await h.token('full-mesh', 'P4'));
      const ack = await c.timeout(2000).emitWithAck('room:join', { media: MEDIA });
      expect(ack.ok ? 'joined' : ack.error.code).toBe('SFU_UNAVAILABLE');
    } finally {
      await h.close();
    }
  });
});
