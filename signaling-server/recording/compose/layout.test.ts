import type { RosterSnapshot } from '../manifest';
import { grid, layout, shareLayout } from './layout';

const person = (id: string, joinedAt: number, over: Partial<RosterSnapshot['participants'][number]> = {}) => ({
  id,
  name: id.toUpperCase(),
  joinedAt,
  mic: true,
  camera: true,
  screen: false,
  ...over,
});

describe('grid', () => {
  it('fills the area as squarely as possible, with even sizes', () => {
    expect(grid(1, { x: 0, y: 0, w: 1280, h: 720 })).toEqual([{ x: 0, y: 0, w: 1280, h: 720 }]);
    expect(grid(2, { x: 0, y: 0, w: 1280, h: 720 }).map((r) => [r.x, r.y, r.w, r.h])).toEqual([
      [0, 0, 640, 720],
      [640, 0, 640, 720],
    ]);
    const three = grid(3, { x: 0, y: 0, w: 1280, h: 720 });
    expect(three.map((r) => [r.x, r.y])).toEqual([
      [0, 0],
      [640, 0],
      [0, 360],
    ]);
    expect(grid(6, { x: 0, y: 0, w: 1280, h: 720 })[5]).toEqual({ x: 852, y: 360, w: 426, h: 360 });
    expect(grid(0, { x: 0, y: 0, w: 10, h: 10 })).toEqual([]);
  });

  it('puts a share on the left three quarters and the cameras in the right column', () => {
    const { share, tiles } = shareLayout(2, 1280, 720);
    expect(share).toEqual({ x: 0, y: 0, w: 960, h: 720 });
    expect(tiles).toEqual([
      { x: 960, y: 0, w: 320, h: 180 },
      { x: 960, y: 180, w: 320, h: 180 },
    ]);
  });
});

describe('layout', () => {
  const base = { startedAt: 1000, stoppedAt: 21000, width: 1280, height: 720 };

  it('adds a late joiner when they joined, and merges snapshots that look the same', () => {
    const a = person('a', 0);
    const b = person('b', 1);
    const c = person('c', 6000);
    const segs = layout({
      ...base,
      screens: new Set(),
      timeline: [
        { at: 1000, participants: [a, b] },
        { at: 3000, participants: [a, b] },
        { at: 6000, participants: [a, b, c] },
      ],
    });
    expect(segs.map((s) => [s.start, s.end, s.tiles.map((t) => t.participant)])).toEqual([
      [0, 5, ['a', 'b']],
      [5, 20, ['a', 'b', 'c']],
    ]);
  });

  it('shows a share large only when its track was recorded, and marks a camera turned off', () => {
    const a = person('a', 0, { screen: true });
    const b = person('b', 1, { camera: false });
    const timeline = [{ at: 1000, participants: [a, b] }];
    const withTrack = layout({ ...base, timeline, screens: new Set(['a']) });
    expect(withTrack[0]?.share).toEqual({ x: 0, y: 0, w: 960, h: 720, participant: 'a' });
    expect(withTrack[0]?.tiles.map((t) => t.camera)).toEqual([true, false]);
    expect(layout({ ...base, timeline, screens: new Set() })[0]?.share).toBeUndefined();
  });

  it('starts at 0 even when the first snapshot is late, and ends at the duration', () => {
    const segs = layout({ ...base, screens: new Set(), timeline: [{ at: 1500, participants: [person('a', 0)] }] });
    expect(segs).toHaveLength(1);
    expect([segs[0]?.start, segs[0]?.end]).toEqual([0, 20]);
    expect(layout({ ...base, stoppedAt: 1000, screens: new Set(), timeline: [] })).toEqual([]);
  });
});
