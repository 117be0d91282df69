import { feedStreams, MAX_SUBSCRIBER_MIDS, planChanges, planSubscription, type FeedStreams } from './subscription-plan';

const cam = (): FeedStreams => ({ audio: ['0'], video: ['1'] });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
const knownAll = (feeds: string[]) => new Map(feeds.map((f) => [f, cam()]));
/** m-lines a plan carries. */
const mids = (plan: ReturnType<typeof planSubscription>, known: Map<string, FeedStreams>) =>
  [...plan].reduce((n, [f, want]) => n + (want === 'all' ? (known.get(f)?.audio.length ?? 1) + (known.get(f)?.video.length ?? 1) : want.length), 0);

it('reads a publisher and its live streams from an entry of Janus’s publishers list', () => {
  expect(
    feedStreams({
      id: 'ann',
      streams: [
        { type: 'audio', mid: '0' },
        { type: 'video', mid: '1' },
        { type: 'video', mid: '2', disabled: true },
        { type: 'data', mid: '3' },
      ],
    }),
  ).toEqual({ id: 'ann', streams: { audio: ['0'], video: ['1'] } });
  expect(feedStreams({ id: 7, streams: [{ type: 'video', mid: 1 }] })).toEqual({ id: '7', streams: { audio: [], video: ['1'] } });
  expect(feedStreams({ id: 'ann' })).toBeUndefined();
  expect(feedStreams(null)).toBeUndefined();
  expect(feedStreams({ streams: [] })).toBeUndefined();
});

it('takes every stream of every feed while the room fits, paused or not', () => {
  const feeds = ids(MAX_SUBSCRIBER_MIDS / 2);
  const plan = planSubscription(feeds, knownAll(feeds), new Set(feeds.slice(0, 10)));
  expect([...plan.values()].every((w) => w === 'all')).toBe(true);
});

it('past the budget takes everyone’s audio and the video of the shown feeds, in order, as far as the budget goes', () => {
  const feeds = ids(99);
  const known = knownAll(feeds);
  // Shown: p0..p23 (a page); the rest paused.
  const paused = new Set(feeds.slice(24));
  const plan = planSubscription(feeds, known, paused);
  expect(plan.get('p0')).toEqual(['0', '1']);
  expect(plan.get('p23')).toEqual(['0', '1']);
  expect(plan.get('p24')).toEqual(['0']);
  expect(plan.get('p98')).toEqual(['0']);
  expect(mids(plan, known)).toBe(99 + 24);
  // Nothing paused: video only while the budget lasts.
  const all = planSubscription(feeds, known, new Set());
  expect(mids(all, known)).toBeLessThanOrEqual(MAX_SUBSCRIBER_MIDS);
  expect([...all.values()].filter((w) => w !== 'all' && w.length === 2)).toHaveLength(MAX_SUBSCRIBER_MIDS - 99);
  // A feed whose streams are unknown is taken whole and counted as two.
  known.delete('p5');
  const unknown = planSubscription(feeds, known, paused);
  expect(unknown.get('p5')).toBe('all');
});

it('changes only what differs: new feeds whole or by mid, cut feeds back whole once the room fits, gone feeds out', () => {
  const known = new Map([
    ['ann', cam()],
    ['ben', cam()],
    ['cy', cam()],
  ]);
  const have = new Map<string, Set<string> | null>([
    ['ann', new Set(['0', '1'])],
    ['ben', new Set(['0'])],
    ['gone', new Set(['0', '1'])],
  ]);
  // Past the budget: ann paused loses her video, ben shown gets his, cy comes with audio only.
  const cutPlan = new Map<string, 'all' | string[]>([
    ['ann', ['0']],
    ['ben', ['0', '1']],
    ['cy', ['0']],
  ]);
  expect(planChanges(cutPlan, have, known, new Set(['ben']))).toEqual({
    subscribe: [
      { feed: 'ben', mid: '1' },
      { feed: 'cy', mid: '0' },
    ],
    unsubscribe: [{ feed: 'ann', mid: '1' }, { feed: 'gone' }],
  });
  // The room fits again: a feed cut before comes back whole; one never cut is left as it is.
  const fits = new Map<string, 'all' | string[]>([
    ['ann', 'all'],
    ['ben', 'all'],
  ]);
  const now = new Map<string, Set<string> | null>([
    ['ann', new Set(['0'])],
    ['ben', new Set(['0'])],
  ]);
  expect(planChanges(fits, now, known, new Set(['ann']))).toEqual({ subscribe: [{ feed: 'ann', mid: '1' }], unsubscribe: [] });
  // Mids not known (a session taken over): left alone.
  expect(planChanges(cutPlan, new Map([['ann', null]]), known, new Set(['ann']))).toEqual({
    subscribe: [
      { feed: 'ben', mid: '0' },
      { feed: 'ben', mid: '1' },
      { feed: 'cy', mid: '0' },
    ],
    unsubscribe: [],
  });
});
