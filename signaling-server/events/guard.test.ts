import type { Participant } from '../../protocol';
import { MemoryRoomStore } from '../store/memory-store';
import { MEDIA, emitRaw, nextEvent, record, sleep, startHarness } from '../testing/harness';
import type { Harness, TestClient } from '../testing/harness';

const metricsText = async (h: Harness) => (await fetch(`${h.url}/metrics`)).text();
const rawEmit = (client: TestClient, event: string, ...args: unknown[]) =>
  (client as unknown as { emit(ev: string, ...a: unknown[]): void }).emit(event, ...args);

describe('the shared event guard', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers INVALID_PAYLOAD to malformed payloads of every event and changes nothing', async () => {
    h = await startHarness();
    const a = await h.joined('guard', 'Ada');
    const b = await h.joined('guard', 'Bob');
    const outsider = await h.connect(await h.token('guard', 'Eve'));
    const events = ['room:participant-joined', 'room:participant-left', 'media:updated', 'peer:signal', 'chat:message'];
    const seen = events.flatMap((e) => [record(a.client, e), record(b.client, e)]);
    const offer = { type: 'offer', sdp: 'v=0' };

    const cases: [TestClient, string, unknown[]][] = [
      [outsider, 'room:join', []],
      [outsider, 'room:join', [{}]],
      [outsider, 'room:join', [null]],
      [outsider, 'room:join', ['join']],
      [outsider, 'room:join', [{ media: { ...MEDIA, mic: 'yes' } }]],
      [outsider, 'room:join', [{ media: MEDIA, name: 'Admin' }]],
      [outsider, 'room:join', [{ media: MEDIA }, 'extra']],
      [a.client, 'room:leave', [{ now: true }]],
      [a.client, 'room:leave', [null]],
      [a.client, 'media:update', [{}]],
      [a.client, 'media:update', [{ mic: 'off' }]],
      [a.client, 'media:update', [{ speaker: true }]],
      [a.client, 'peer:signal', [{ to: b.id }]],
      [a.client, 'peer:signal', [{ to: 'bad id!', signal: offer }]],
      [a.client, 'peer:signal', [{ to: b.id, signal: { type: 'offer', sdp: 'x'.repeat(40_000) } }]],
      [a.client, 'peer:signal', [{ to: b.id, signal: { type: 'exploit' } }]],
      [a.client, 'peer:signal', [{ to: b.id, signal: offer, from: 'someone' }]],
      [a.client, 'chat:send', [{ text: '' }]],
      [a.client, 'chat:send', [{ text: '   ' }]],
      [a.client, 'chat:send', [{ text: 'x'.repeat(2001) }]],
      [a.client, 'chat:send', [{ text: 42 }]],
      [a.client, 'chat:send', [{ text: 'hi', from: b.id }]],
      [a.client, 'ice:refresh', [{ force: true }]],
      [a.client, 'ice:refresh', [null]],
    ];
    for (const [client, event, args] of cases) {
      const ack = await emitRaw(client, event, ...args);
      expect({ event, args: JSON.stringify(args).slice(0, 60), ack }).toMatchObject({
        ack: { ok: false, error: { code: 'INVALID_PAYLOAD', message: expect.any(String) } },
      });
    }

    const late = await h.connect(await h.token('guard', 'Cy'));
    const join = await late.timeout(2000).emitWithAck('room:join', { media: MEDIA });
    if (!join.ok) throw new Error(join.error.code);
    const roster = join.data.participants.map((p: Participant) => [p.name, p.media]);
    expect(roster).toEqual([
      ['Ada', MEDIA],
      ['Bob', MEDIA],
    ]);
    expect(join.data.chat).toEqual([]);
    // Cy's own join is the only event A and B saw.
    expect(seen.flat()).toEqual([join.data.self, join.data.self]);
    expect(await metricsText(h)).toMatch(/^confer_errors_total\{code="INVALID_PAYLOAD"\} 24$/m);
  });

  it('drops events without an ack and counts unknown events, without acting on them', async () => {
    h = await startHarness();
    const a = await h.joined('noack');
    const b = await h.joined('noack');
    const chat = record(b.client, 'chat:message');
    rawEmit(a.client, 'chat:send', { text: 'no ack' });
    rawEmit(a.client, 'admin:shutdown', {}, () => undefined);
    await sleep(100);
    expect(chat).toEqual([]);
    const text = await metricsText(h);
    expect(text).toMatch(/^confer_errors_total\{code="NO_ACK"\} 1$/m);
    expect(text).toMatch(/^confer_errors_total\{code="UNKNOWN_EVENT"\} 1$/m);
    expect(text).not.toContain('admin:shutdown');
  });

  it('rate-limits a connection above its burst', async () => {
    // 6 = the namespace CONNECT (every packet counts) and 5 events.
    h = await startHarness({ RATE_LIMIT_PER_SEC: '1', RATE_LIMIT_BURST: '6' });
    const client = await h.connect(await h.token('rl'));
    const acks = await Promise.all(Array.from({ length: 8 }, () => client.timeout(2000).emitWithAck('ice:refresh', {})));
    expect(acks.filter((ack) => ack.ok)).toHaveLength(5);
    expect(acks.filter((ack) => !ack.ok && ack.error.code === 'RATE_LIMITED')).toHaveLength(3);
    // Another connection has its own budget.
    const other = await h.connect(await h.token('rl'));
    expect(await other.timeout(2000).emitWithAck('ice:refresh', {})).toMatchObject({ ok: true });
  });

  it('closes a connection sending a frame above 64 KB and keeps serving the others', async () => {
    h = await startHarness();
    const a = await h.joined('big');
    const b = await h.joined('big');
    const chat = record(b.client, 'chat:message');
    const closed = nextEvent<string>(a.client, 'disconnect');
    const left = nextEvent(b.client, 'room:participant-left');
    rawEmit(a.client, 'chat:send', { text: 'x'.repeat(70_000) }, () => undefined);
    expect(await closed).toMatch(/transport (close|error)/);
    expect(await left).toEqual({ id: a.id, reason: 'disconnected' });
    const ack = await b.client.timeout(2000).emitWithAck('chat:send', { text: 'still here' });
    expect(ack.ok).toBe(true);
    expect(chat.map((m) => (m as { text: string }).text)).toEqual(['still here']);
  });

  it('turns an exception in a handler into INTERNAL and keeps running', async () => {
    class BrokenChatStore extends MemoryRoomStore {
      override async appendChat(): Promise<boolean> {
        throw new Error('disk on fire');
      }
    }
    h = await startHarness({}, { store: new BrokenChatStore() });
    const a = await h.joined('boom');
    expect(await a.client.timeout(2000).emitWithAck('chat:send', { text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(await a.client.timeout(2000).emitWithAck('media:update', { mic: false })).toMatchObject({ ok: true });
  });
});
