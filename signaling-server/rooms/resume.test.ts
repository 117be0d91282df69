/** Resume on one node (in-memory store): grace period, takeover of a half-open connection, token checks. */
import type { JoinResponse } from '../../protocol';
import { MEDIA, emitRaw, nextEvent, record, sleep, startHarness } from '../testing/harness';
import type { Harness, TestClient } from '../testing/harness';

const tokenOf = (c: TestClient) => (c as unknown as { auth: { token: string } }).auth.token;

describe('room:resume on one node', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ RESUME_GRACE_MS: '1000' });
  });
  afterEach(() => h.close());

  async function join(room: string, name: string) {
    const client = await h.connect(await h.token(room, name));
    const ack = await client.timeout(2000).emitWithAck('room:join', { media: MEDIA });
    if (!ack.ok) throw new Error(ack.error.code);
    return { client, data: ack.data as JoinResponse };
  }

  it('takes over a still-open connection of the same participant: the old one is closed, nobody leaves', async () => {
    const a = await join('r', 'Ada');
    const b = await join('r', 'Bob');
    const left = record(b.client, 'room:participant-left');
    const oldClosed = nextEvent(a.client, 'disconnect');
    const fresh = await h.connect(tokenOf(a.client));
    const ack = await fresh.timeout(2000).emitWithAck('room:resume', { token: a.data.resume!.token });
    expect(ack).toMatchObject({ ok: true, data: { self: { id: a.data.self.id } } });
    await oldClosed;
    await sleep(1500);
    expect(left).toEqual([]);
    const chat = nextEvent(b.client, 'chat:message');
    await fresh.timeout(2000).emitWithAck('chat:send', { text: 'still here' });
    expect(await chat).toMatchObject({ from: a.data.self.id });
  });

  it('refuses a token for another room, a forged one, and one after the participant left', async () => {
    const a = await join('r', 'Ada');
    const other = await h.connect(await h.token('elsewhere', 'Ada'));
    expect(await emitRaw(other, 'room:resume', { token: a.data.resume!.token })).toMatchObject({ ok: false, error: { code: 'RESUME_REFUSED' } });
    const [head, body] = a.data.resume!.token.split('.');
    const same = await h.connect(tokenOf(a.client));
    expect(await emitRaw(same, 'room:resume', { token: `${head}.${body}.AAAA` })).toMatchObject({ ok: false, error: { code: 'RESUME_REFUSED' } });
    expect(await emitRaw(same, 'room:resume', { token: 'not a token' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    await a.client.timeout(2000).emitWithAck('room:leave', {});
    expect(await emitRaw(same, 'room:resume', { token: a.data.resume!.token })).toMatchObject({ ok: false, error: { code: 'RESUME_REFUSED' } });
  });

  it('takes each token once: a replayed token cannot take the participant over again, the fresh one from the answer can', async () => {
    const a = await join('r', 'Ada');
    const used = a.data.resume!.token;
    const first = await h.connect(tokenOf(a.client));
    const ack = await first.timeout(2000).emitWithAck('room:resume', { token: used });
    expect(ack).toMatchObject({ ok: true, data: { self: { id: a.data.self.id }, resume: { token: expect.any(String) } } });
    const fresh = (ack as { data: JoinResponse }).data.resume!.token;
    expect(fresh).not.toBe(used);
    // The replay, from yet another connection with the same session: refused, and the live holder keeps it.
    const replay = await h.connect(tokenOf(a.client));
    const firstStillOpen = record(first, 'disconnect');
    expect(await emitRaw(replay, 'room:resume', { token: used })).toMatchObject({ ok: false, error: { code: 'RESUME_REFUSED', message: expect.stringMatching(/already used/) } });
    await sleep(300);
    expect(firstStillOpen).toEqual([]);
    expect(first.connected).toBe(true);
    // The fresh token works (once).
    const next = await h.connect(tokenOf(a.client));
    expect(await emitRaw(next, 'room:resume', { token: fresh })).toMatchObject({ ok: true, data: { self: { id: a.data.self.id } } });
  });

  it('hands out a fresh resume token on request', async () => {
    const a = await join('r', 'Ada');
    const ack = await a.client.timeout(2000).emitWithAck('room:resume-token', {});
    expect(ack).toMatchObject({ ok: true, data: { token: expect.any(String), expiresAt: expect.any(Number) } });
  });
});
