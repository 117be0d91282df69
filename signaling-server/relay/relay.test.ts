import { nextEvent, record, sleep, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';

const offer = { type: 'offer' as const, sdp: 'v=0\r\n' };

describe('peer:signal relay', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('delivers a signal to the addressed member of the same room only', async () => {
    const a = await h.joined('relay');
    const b = await h.joined('relay');
    const c = await h.joined('relay');
    const atC = record(c.client, 'peer:signal');
    const atB = nextEvent(b.client, 'peer:signal');
    expect(await a.client.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toEqual({ ok: true, data: null });
    expect(await atB).toEqual({ from: a.id, signal: offer });
    await sleep(50);
    expect(atC).toEqual([]);
  });

  it('refuses a member of room A signalling a member of room B, and B receives nothing', async () => {
    const a = await h.joined('room-a');
    const b = await h.joined('room-b');
    const atB = record(b.client, 'peer:signal');
    const ack = await a.client.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: offer });
    expect(ack).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
    await sleep(100);
    expect(atB).toEqual([]);
  });

  it('refuses signals before a join and signals to oneself', async () => {
    const b = await h.joined('relay2');
    const outsider = await h.connect(await h.token('relay2'));
    const atB = record(b.client, 'peer:signal');
    expect(await outsider.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_ROOM' },
    });
    expect(await b.client.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toMatchObject({
      ok: false,
      error: { code: 'PEER_NOT_FOUND' },
    });
    await sleep(50);
    expect(atB).toEqual([]);
  });
});
