import { QUIET_SAMPLES, StallWatch } from './stall-watch';

function watch() {
  const changes: boolean[] = [];
  const w = new StallWatch({ read: async () => null, onChange: (s) => changes.push(s) });
  const feed = (...bytes: (number | null)[]) => bytes.forEach((b) => w.sample(b));
  return { w, changes, feed };
}

describe('StallWatch', () => {
  it('calls a steady flow that stops a stall after QUIET_SAMPLES silent samples, and its end when bytes come again', () => {
    const { w, changes, feed } = watch();
    feed(100, 200, 300);
    feed(...Array<number>(QUIET_SAMPLES - 1).fill(300));
    expect(changes).toEqual([]);
    feed(300);
    expect([changes, w.stalled]).toEqual([[true], true]);
    // Still silent: one stall, not one per sample.
    feed(300, 300);
    expect(changes).toEqual([true]);
    feed(350);
    expect([changes, w.stalled]).toEqual([[true, false], false]);
  });

  it('never calls a stall on a connection that was not flowing (the far side sends nothing)', () => {
    const { changes, feed } = watch();
    feed(100, 100, 100, 100, 150, 150, 150, 150);
    expect(changes).toEqual([]);
  });

  it('needs a steady flow again before the next stall, and ignores readings it cannot make', () => {
    const { changes, feed } = watch();
    feed(1, 2, 3, 3, 3, 4, 4, 4);
    expect(changes).toEqual([true, false]);
    feed(5, 6, null, null, null, 6, 6);
    expect(changes).toEqual([true, false, true]);
  });
});
