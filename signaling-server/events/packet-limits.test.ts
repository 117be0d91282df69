/** Rate limits per engine.io connection and per address, probed with a raw engine.io client. */
import { sleep, startHarness } from '../testing/harness';
import type { Harness } from '../testing/harness';
import { countAcks, openRawEngine } from '../testing/raw-engine';

const SLOW = { RATE_LIMIT_PER_SEC: '1', RATE_LIMIT_BURST: '20' };
const refresh = (ackId: number) => `2${ackId}["ice:refresh",{}]`;

describe('packet rate limits', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('keeps one budget across namespace re-CONNECTs over one transport, and closes it when far over', async () => {
    h = await startHarness(SLOW);
    const token = await h.token('loop');
    const raw = await openRawEngine(h.url);
    let ackId = 0;
    for (let round = 0; round < 10 && raw.isOpen(); round += 1) {
      expect(await raw.connect(token)).toMatch(/^0/);
      for (let i = 0; i < 30; i += 1) raw.send(refresh((ackId += 1)));
      raw.send('1');
      await sleep(50);
    }
    const { ok } = countAcks(raw.received);
    // One burst for the whole transport, whatever the number of CONNECTs (they take tokens too).
    expect(ok).toBeLessThanOrEqual(20);
    expect(await Promise.race([raw.closed, sleep(2000).then(() => 'still open')])).toEqual(expect.any(Number));
  });

  it('counts unacked and unknown events: the next acked event is refused', async () => {
    h = await startHarness(SLOW);
    const raw = await openRawEngine(h.url);
    expect(await raw.connect(await h.token('unacked'))).toMatch(/^0/);
    for (let i = 0; i < 12; i += 1) raw.send('2["chat:send",{"text":"no ack"}]');
    for (let i = 0; i < 12; i += 1) raw.send('2["admin:anything",{}]');
    raw.send(refresh(1));
    expect(await raw.next('31[')).toContain('"code":"RATE_LIMITED"');
    expect(raw.isOpen()).toBe(true);
  });

  it('closes the transport of an unacked flood', async () => {
    h = await startHarness(SLOW);
    const raw = await openRawEngine(h.url);
    expect(await raw.connect(await h.token('flood'))).toMatch(/^0/);
    for (let i = 0; i < 5000; i += 1) raw.send(i % 2 ? '2["chat:send",{"text":"x"}]' : '2["nope",1]');
    expect(await Promise.race([raw.closed, sleep(2000).then(() => 'still open')])).toEqual(expect.any(Number));
    expect(countAcks(raw.received)).toEqual({ ok: 0, refused: 0 });
  });

  it('shares one budget among the connections of one address', async () => {
    h = await startHarness({ RATE_LIMIT_PER_SEC: '1', RATE_LIMIT_BURST: '1000', ADDRESS_RATE_PER_SEC: '1', ADDRESS_RATE_BURST: '40' });
    const a = await openRawEngine(h.url);
    const b = await openRawEngine(h.url);
    expect(await a.connect(await h.token('addr'))).toMatch(/^0/);
    expect(await b.connect(await h.token('addr'))).toMatch(/^0/);
    for (let i = 1; i <= 25; i += 1) a.send(refresh(i));
    await a.next('325[');
    for (let i = 1; i <= 25; i += 1) b.send(refresh(i));
    // Refusals are answered at once, handled events a little later: wait for all 25.
    while (b.received.length < 26) await sleep(10);
    expect(countAcks(a.received)).toEqual({ ok: 25, refused: 0 });
    // 40 for the address, CONNECTs included: b gets what a left, not a budget of its own.
    const { ok, refused } = countAcks(b.received);
    expect(ok + refused).toBe(25);
    expect(25 + ok).toBeLessThanOrEqual(38);
    expect(ok).toBeGreaterThanOrEqual(10);
  });
});
