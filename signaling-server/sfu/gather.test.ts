import { gatherLive, type PublisherState } from './gather';

/** A fake clock: sleeping advances it. */
function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

const pub = (id: string, live: boolean, startedAt = 0, closed = false): PublisherState => ({ id, live, closed, startedAt });

describe('gatherLive: a subscriber waits for publishers still starting', () => {
  it('returns at once when nobody else is starting', async () => {
    const c = clock();
    const ids = await gatherLive(async () => [pub('me', false), pub('ann', true), pub('ben', true)], 'me', { windowMs: 1000, ...c });
    expect(ids).toEqual(['ann', 'ben']);
    expect(c.now()).toBe(0);
  });

  it('waits until the starting publishers are live, and returns them all together', async () => {
    const c = clock();
    // ben comes up at 300 ms, cy at 600 ms.
    const read = async () => [pub('ann', true), pub('ben', c.now() >= 300), pub('cy', c.now() >= 600), pub('me', false)];
    const ids = await gatherLive(read, 'me', { windowMs: 1000, pollMs: 50, ...c });
    expect(ids).toEqual(['ann', 'ben', 'cy']);
    expect(c.now()).toBe(600);
  });

  it('stops waiting for a publisher whose window has passed (it may never come up)', async () => {
    const c = clock();
    const read = async () => [pub('ann', true), pub('stuck', false, 200)];
    const ids = await gatherLive(read, 'me', { windowMs: 1000, pollMs: 100, ...c });
    expect(ids).toEqual(['ann']);
    expect(c.now()).toBe(1200);
  });

  it('does not wait for closed publishers or for itself', async () => {
    const c = clock();
    const ids = await gatherLive(async () => [pub('gone', false, 0, true), pub('me', false)], 'me', { windowMs: 1000, ...c });
    expect(ids).toEqual([]);
    expect(c.now()).toBe(0);
  });
});
