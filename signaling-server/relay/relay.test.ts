import { MemoryRoomStore } from '../store/memory-store';
import { MEDIA, nextEvent, record, silentLogger, sleep, startHarness } from '../testing/harness';
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

  it('reads the store once per peer, not once per signal', async () => {
    const store = new MemoryRoomStore();
    const reads = jest.spyOn(store, 'getParticipant');
    const own = await startHarness({}, { store, logger: silentLogger });
    try {
      const a = await own.joined('once');
      const b = await own.joined('once');
      const c = await own.joined('once');
      const atB = record(b.client, 'peer:signal');
      reads.mockClear();
      for (let i = 0; i < 5; i++) {
        for (const to of [b.id, c.id]) expect(await a.client.timeout(2000).emitWithAck('peer:signal', { to, signal: offer })).toEqual({ ok: true, data: null });
      }
      expect(reads).toHaveBeenCalledTimes(2);
      await sleep(50);
      expect(atB).toHaveLength(5);
    } finally {
      await own.close();
    }
  });

  it('answers PEER_NOT_FOUND for a peer that left after being signalled', async () => {
    const a = await h.joined('gone');
    const b = await h.joined('gone');
    expect(await a.client.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toEqual({ ok: true, data: null });
    const left = nextEvent(a.client, 'room:participant-left');
    await b.client.timeout(2000).emitWithAck('room:leave', {});
    await left;
    expect(await a.client.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
  });

  it('checks again after the sender left and joined anew (it heard of no departure while away)', async () => {
    const a = await h.joined('away');
    const b = await h.joined('away');
    expect(await a.client.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toEqual({ ok: true, data: null });
    await a.client.timeout(2000).emitWithAck('room:leave', {});
    await b.client.timeout(2000).emitWithAck('room:leave', {});
    expect(await a.client.timeout(2000).emitWithAck('room:join', { media: MEDIA })).toMatchObject({ ok: true });
    expect(await a.client.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: offer })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
  });

  it("delivers one socket's signals in the order they were sent, even when a store read is slow", async () => {
    const store = new MemoryRoomStore();
    const read = store.getParticipant.bind(store);
    let first = true;
    // The first lookup takes 100 ms, later ones none: without ordering the second signal would overtake.
    jest.spyOn(store, 'getParticipant').mockImplementation(async (room, id) => {
      if (first) {
        first = false;
        await sleep(100);
      }
      return read(room, id);
    });
    const own = await startHarness({}, { store, logger: silentLogger });
    try {
      const a = await own.joined('order');
      const b = await own.joined('order');
      const atB = record(b.client, 'peer:signal');
      const sends = [1, 2, 3].map((n) => a.client.timeout(2000).emitWithAck('peer:signal', { to: b.id, signal: { type: 'offer', sdp: `v=${n}\r\n` } }));
      await Promise.all(sends);
      await sleep(50);
      expect(atB.map((m) => (m as { signal: { sdp: string } }).signal.sdp)).toEqual(['v=1\r\n', 'v=2\r\n', 'v=3\r\n']);
    } finally {
      await own.close();
    }
  });
});
