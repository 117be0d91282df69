import type { JoinResponse, Participant } from '../../protocol';
import { MEDIA, emitRaw, nextEvent, record, sleep, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';

describe('rooms', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ MAX_PARTICIPANTS: '3' });
  });
  afterEach(() => h.close());

  it('answers a join with the others, chat, topology and ICE, and tells the others', async () => {
    const a = await h.joined('standup', 'Ada');
    const joinedSeen = nextEvent<Participant>(a.client, 'room:participant-joined');
    const b = await h.connect(await h.token('standup', 'Bob'));
    const ack = await b.timeout(2000).emitWithAck('room:join', { media: { ...MEDIA, camera: false } });
    if (!ack.ok) throw new Error(ack.error.code);
    const data: JoinResponse = ack.data;
    expect(data.self).toMatchObject({ name: 'Bob', media: { camera: false } });
    expect(data.self.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(data.participants.map((p) => p.name)).toEqual(['Ada']);
    expect(data.topology).toBe('mesh');
    expect(data.chat).toEqual([]);
    expect(data.ice).toEqual({ iceServers: [] });
    expect(await joinedSeen).toEqual(data.self);
  });

  it('refuses a second join on the same socket', async () => {
    const a = await h.joined('r1');
    const again = await a.client.timeout(2000).emitWithAck('room:join', { media: MEDIA });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_JOINED' } });
  });

  it('refuses the participant above MAX_PARTICIPANTS with ROOM_FULL, and frees the place on leave', async () => {
    const first = await h.joined('full');
    await h.joined('full');
    await h.joined('full');
    const late = await h.connect(await h.token('full'));
    expect(await late.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: false, error: { code: 'ROOM_FULL' } });
    await first.client.timeout(2000).emitWithAck('room:leave', {});
    expect(await late.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: true });
  });

  it('broadcasts leave with reason "left" and disconnect with reason "disconnected"', async () => {
    const a = await h.joined('r2');
    const b = await h.joined('r2');
    const c = await h.joined('r2');
    const left = nextEvent(a.client, 'room:participant-left');
    expect(await b.client.timeout(2000).emitWithAck('room:leave', {})).toEqual({ ok: true, data: null });
    expect(await left).toEqual({ id: b.id, reason: 'left' });
    const gone = nextEvent(a.client, 'room:participant-left');
    c.client.disconnect();
    expect(await gone).toEqual({ id: c.id, reason: 'disconnected' });
    expect(await b.client.timeout(2000).emitWithAck('room:leave', {})).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
  });

  it('leaves no room behind when the last participant goes', async () => {
    const a = await h.joined('ephemeral');
    await sleep(10);
    a.client.disconnect();
    await sleep(100);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/^confer_rooms 0$/m);
    expect(metrics).toMatch(/^confer_participants 0$/m);
  });

  it('broadcasts media updates to the others, not to the sender', async () => {
    const a = await h.joined('r3');
    const b = await h.joined('r3');
    const own = record(a.client, 'media:updated');
    const seen = nextEvent(b.client, 'media:updated');
    const ack = await a.client.timeout(2000).emitWithAck('media:update', { mic: false, hand: true });
    expect(ack).toEqual({ ok: true, data: { ...MEDIA, mic: false, hand: true } });
    expect(await seen).toEqual({ id: a.id, media: { ...MEDIA, mic: false, hand: true } });
    await sleep(50);
    expect(own).toEqual([]);
  });

  it('scopes everything to the token room: a room field in the join payload is refused', async () => {
    const inB = await h.joined('room-b');
    const seenInB = record(inB.client, 'room:participant-joined');
    const intruder = await h.connect(await h.token('room-a'));
    const forged = await emitRaw(intruder, 'room:join', { media: MEDIA, room: 'room-b' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const ack = await intruder.timeout(2000).emitWithAck('room:join', { media: MEDIA });
    expect(ack.ok && ack.data.participants).toEqual([]);
    await sleep(50);
    expect(seenInB).toEqual([]);
  });

  it('needs a join before media updates', async () => {
    const client = await h.connect(await h.token('r4'));
    expect(await client.timeout(2000).emitWithAck('media:update', { mic: true })).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
  });
});
