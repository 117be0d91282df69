import { Limits, REACTIONS } from '../../protocol';
import type { Reaction } from '../../protocol';
import { MEDIA, emitRaw, nextEvent, record, sleep, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';

const send = (client: Parameters<typeof emitRaw>[0], payload: unknown) => emitRaw(client, 'reaction:send', payload);

describe('reactions', () => {
  let h: Harness;
  let clock = Date.now();
  beforeAll(async () => {
    h = await startHarness({ RESUME_GRACE_MS: '0' }, { now: () => clock });
  });
  afterAll(() => h.close());

  it('relays an emoji of the set to the whole room, sender included, with the sender id from the server', async () => {
    const a = await h.joined('react', 'Ada');
    const b = await h.joined('react', 'Bob');
    const atA = nextEvent<Reaction>(a.client, 'reaction:sent');
    const atB = nextEvent<Reaction>(b.client, 'reaction:sent');
    expect(await send(a.client, { emoji: '👍' })).toEqual({ ok: true, data: null });
    expect(await atA).toEqual({ from: a.id, emoji: '👍' });
    expect(await atB).toEqual({ from: a.id, emoji: '👍' });
  });

  it('accepts only the allowed set and no sender id from the client', async () => {
    const a = await h.joined('react-set', 'Ada');
    const b = await h.joined('react-set', 'Bob');
    const seen = record<Reaction>(b.client, 'reaction:sent');
    for (const bad of [{ emoji: '💩' }, { emoji: '👍', from: b.id }, { emoji: '' }, {}, { emoji: '👍👍' }, null]) {
      expect(await send(a.client, bad)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    for (const emoji of REACTIONS) {
      clock += 1000; // one a second: within the rate limit
      expect(await send(a.client, { emoji })).toEqual({ ok: true, data: null });
    }
    await sleep(100);
    expect(seen).toEqual(REACTIONS.map((emoji) => ({ from: a.id, emoji })));
  });

  it('refuses a participant above its burst until the budget refills; another participant has its own', async () => {
    const a = await h.joined('react-rl', 'Ada');
    const b = await h.joined('react-rl', 'Bob');
    const acks = await Promise.all(Array.from({ length: Limits.reactionBurst + 3 }, () => send(a.client, { emoji: '🎉' })));
    expect(acks.filter((ack) => (ack as { ok: boolean }).ok)).toHaveLength(Limits.reactionBurst);
    expect(acks.filter((ack) => (ack as { error?: { code: string } }).error?.code === 'RATE_LIMITED')).toHaveLength(3);
    expect(await send(b.client, { emoji: '🎉' })).toEqual({ ok: true, data: null });
    clock += 1000 / Limits.reactionsPerSec;
    expect(await send(a.client, { emoji: '🎉' })).toEqual({ ok: true, data: null });
    expect(await send(a.client, { emoji: '🎉' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('keeps the waiting room out: someone waiting can neither send nor receive reactions', async () => {
    const hostKey = await h.meeting('react-wait', { waitingRoom: true });
    const ada = await h.connect(await h.token('react-wait', 'Ada', { hostKey }));
    const joined = await ada.timeout(2000).emitWithAck('room:join', { media: MEDIA });
    if (!joined.ok) throw new Error(joined.error.code);
    const bob = await h.connect(await h.token('react-wait', 'Bob'));
    expect(await bob.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: false, error: { code: 'IN_WAITING_ROOM' } });
    const atBob = record<Reaction>(bob, 'reaction:sent');
    const atAda = record<Reaction>(ada, 'reaction:sent');
    expect(await send(bob, { emoji: '👍' })).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
    expect(await send(ada, { emoji: '❤️' })).toEqual({ ok: true, data: null });
    await sleep(200);
    expect(atAda).toEqual([{ from: joined.data.self.id, emoji: '❤️' }]);
    expect(atBob).toEqual([]);
  });
});
