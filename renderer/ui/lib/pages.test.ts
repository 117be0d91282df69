import { DEFAULT_PAGE_SIZE, pageSize, pageView, RecentSpeakers } from './pages';

const roster = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);

it('one page while everyone fits: every tile, in the roster order', () => {
  expect(pageView({ ids: roster(4), size: 4, page: 3, first: ['p3'], recent: ['p2'] })).toEqual({ ids: ['p0', 'p1', 'p2', 'p3'], page: 0, pages: 1 });
});

it('the first page holds us, the pinned tile and the last speakers; the others follow in roster order on the next pages', () => {
  const ids = roster(10);
  const recent = new RecentSpeakers();
  recent.heard('p8');
  recent.heard('p9'); // the most recent
  const view = (page: number) => pageView({ ids, size: 4, page, first: ['p5', 'p7'], recent: recent.list });
  expect(view(0)).toEqual({ ids: ['p5', 'p7', 'p8', 'p9'], page: 0, pages: 3 });
  expect(view(1).ids).toEqual(['p0', 'p1', 'p2', 'p3']);
  expect(view(2).ids).toEqual(['p4', 'p6']);
  // Past the last page (people left): the last one.
  expect(view(7).page).toBe(2);
});

it('a speaker from another page comes to the first, and the least recent speaker there leaves it; nobody else moves', () => {
  const ids = roster(8);
  const recent = new RecentSpeakers();
  for (const id of ['p1', 'p2', 'p3']) recent.heard(id);
  const first = () => pageView({ ids, size: 4, page: 0, first: ['p0', null], recent: recent.list }).ids;
  expect(first()).toEqual(['p0', 'p1', 'p2', 'p3']);
  recent.heard('p6');
  expect(first()).toEqual(['p0', 'p2', 'p3', 'p6']);
  // Speaking again while on the first page changes nothing.
  recent.heard('p2');
  expect(first()).toEqual(['p0', 'p2', 'p3', 'p6']);
});

it('fills the first page from the roster while few have spoken, and skips people who left', () => {
  const recent = new RecentSpeakers();
  recent.heard('gone');
  recent.heard('p5');
  expect(pageView({ ids: roster(6), size: 3, page: 0, first: ['p0'], recent: recent.list }).ids).toEqual(['p0', 'p1', 'p5']);
});

it('takes a stored page size only when it is one of the choices', () => {
  expect(pageSize('9')).toBe(9);
  expect(pageSize('7')).toBe(DEFAULT_PAGE_SIZE);
  expect(pageSize('')).toBe(DEFAULT_PAGE_SIZE);
});
