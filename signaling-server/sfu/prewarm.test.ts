import { FakeClock } from '../testing/fake-clock';
import { PrewarmRooms } from './prewarm';

function setup(opts: { enabled?: boolean; available?: boolean } = {}) {
  const clock = new FakeClock();
  const changes: [string, boolean][] = [];
  let available = opts.available ?? true;
  const warm = new PrewarmRooms({
    enabled: opts.enabled ?? true,
    meshMax: 4,
    holdDownMs: 15_000,
    available: () => available,
    onChange: (room, on) => changes.push([room, on]),
    clock,
  });
  return { clock, changes, warm, setAvailable: (v: boolean) => (available = v) };
}

describe('PrewarmRooms', () => {
  it('warms a room when it reaches meshMax, once', () => {
    const { warm, changes } = setup();
    for (let n = 1; n <= 3; n++) warm.countChanged('r', n);
    expect(changes).toEqual([]);
    warm.countChanged('r', 4);
    warm.countChanged('r', 5);
    warm.countChanged('r', 4);
    expect(changes).toEqual([['r', true]]);
    expect(warm.isWarm('r')).toBe(true);
    expect(warm.size).toBe(1);
  });

  it('cools a room only after it stayed below meshMax for the hold-down', () => {
    const { warm, changes, clock } = setup();
    warm.countChanged('r', 4);
    warm.countChanged('r', 3);
    clock.advance(14_000);
    expect(warm.isWarm('r')).toBe(true);
    warm.countChanged('r', 4); // back before the hold-down ran out: stays warm, timer dropped
    clock.advance(60_000);
    expect(changes).toEqual([['r', true]]);
    warm.countChanged('r', 3);
    warm.countChanged('r', 2); // a second drop does not restart the timer
    clock.advance(15_000);
    expect(changes).toEqual([['r', true], ['r', false]]);
    expect(warm.isWarm('r')).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('cools an emptied room at once', () => {
    const { warm, changes, clock } = setup();
    warm.countChanged('r', 4);
    warm.countChanged('r', 0);
    expect(changes).toEqual([['r', true], ['r', false]]);
    expect(clock.pending).toBe(0);
  });

  it('does nothing when disabled or when the SFU is unavailable', () => {
    const off = setup({ enabled: false });
    off.warm.countChanged('r', 4);
    expect(off.changes).toEqual([]);
    const down = setup({ available: false });
    down.warm.countChanged('r', 4);
    expect(down.changes).toEqual([]);
    down.setAvailable(true);
    down.warm.countChanged('r', 4);
    expect(down.changes).toEqual([['r', true]]);
  });

  it('cools every room when the SFU goes down', () => {
    const { warm, changes } = setup();
    warm.countChanged('a', 4);
    warm.countChanged('b', 5);
    warm.sfuDown();
    expect(changes).toEqual([['a', true], ['b', true], ['a', false], ['b', false]]);
    expect(warm.size).toBe(0);
  });
});
