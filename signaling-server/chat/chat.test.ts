import type { ChatMessage } from '../../protocol';
import { MEDIA, nextEvent, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';

describe('chat', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('stamps, broadcasts to the whole room including the sender, and keeps history for late joiners', async () => {
    const a = await h.joined('chat', 'Ada');
    const b = await h.joined('chat', 'Bob');
    const atA = nextEvent<ChatMessage>(a.client, 'chat:message');
    const atB = nextEvent<ChatMessage>(b.client, 'chat:message');
    const before = Date.now();
    const ack = await a.client.timeout(2000).emitWithAck('chat:send', { text: '  <b>hello</b>  ' });
    if (!ack.ok) throw new Error(ack.error.code);
    expect(ack.data).toMatchObject({ from: a.id, name: 'Ada', text: '<b>hello</b>' });
    expect(ack.data.at).toBeGreaterThanOrEqual(before);
    expect(await atA).toEqual(ack.data);
    expect(await atB).toEqual(ack.data);

    const late = await h.connect(await h.token('chat', 'Cy'));
    const join = await late.timeout(2000).emitWithAck('room:join', { media: MEDIA });
    expect(join.ok && join.data.chat).toEqual([ack.data]);
  });

  it('refuses chat before a join', async () => {
    const client = await h.connect(await h.token('chat2'));
    expect(await client.timeout(2000).emitWithAck('chat:send', { text: 'hi' })).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
  });
});
