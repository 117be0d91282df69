import { expectedFrameMs, initialPolicy, observe, segmentationMode, type FrameSample, type PolicyOptions, type PolicyState } from './degradation';

const OPTS: PolicyOptions = { budgetMs: 1000 / 24, degradeAfter: 10, recoverAfter: 20 };

/** Feeds `frames` frames where segmentation runs whenever the policy asks for it. */
function run(s: PolicyState, frames: number, costs: { compositeMs: number; segmentMs: number }, opts = OPTS): PolicyState {
  for (let i = 0; i < frames; i++) {
    const sample: FrameSample = { compositeMs: costs.compositeMs };
    if (segmentationMode(s) !== 'none' && i % s.segmentEvery === 0) sample.segmentMs = costs.segmentMs;
    s = observe(s, sample, opts);
  }
  return s;
}

describe('degradation policy', () => {
  it('stays at full quality, segmenting every frame, when there is time', () => {
    const s = run(initialPolicy(OPTS), 200, { compositeMs: 4, segmentMs: 8 });
    expect(s.level).toBe(0);
    expect(s.segmentEvery).toBe(1);
    expect(segmentationMode(s)).toBe('normal');
  });

  it('segments every Nth frame, N from the measured segmentation time', () => {
    const s = run(initialPolicy(OPTS), 200, { compositeMs: 4, segmentMs: 40 });
    expect(s.level).toBe(0);
    expect(s.segmentEvery).toBe(2);
    expect(expectedFrameMs(s)).toBeCloseTo(24, 0);
  });

  it('degrades step by step under sustained load: less often, then a smaller mask, then blur only', () => {
    let s = initialPolicy(OPTS);
    const seen: number[] = [];
    for (let i = 0; i < 300; i++) {
      s = run(s, 1, { compositeMs: 30, segmentMs: 120 });
      if (seen[seen.length - 1] !== s.level) seen.push(s.level);
    }
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(segmentationMode(s)).toBe('none');
  });

  it('holds the level when compositing, not segmentation, is what costs the time', () => {
    // One step (segment every 5th frame) still pays; beyond it segmentation is 4 of 49 ms, so the level holds.
    const s = run(initialPolicy(OPTS), 300, { compositeMs: 45, segmentMs: 20 });
    expect(s.level).toBe(1);
    expect(segmentationMode(s)).toBe('normal');
  });

  it('does not degrade on a short spike', () => {
    let s = run(initialPolicy(OPTS), 100, { compositeMs: 4, segmentMs: 8 });
    s = run(s, 5, { compositeMs: 60, segmentMs: 200 });
    s = run(s, 100, { compositeMs: 4, segmentMs: 8 });
    expect(s.level).toBe(0);
  });

  it('recovers when the load goes away, and waits longer after a failed recovery', () => {
    let s = run(initialPolicy(OPTS), 12, { compositeMs: 30, segmentMs: 120 });
    expect(s.level).toBe(1);
    const before = s.recoverAfter;
    s = run(s, 80, { compositeMs: 2, segmentMs: 5 });
    expect(s.level).toBe(0);
    // Load comes back right away: the recovery was premature, so the next one waits twice as long.
    s = run(s, 15, { compositeMs: 30, segmentMs: 120 });
    expect(s.level).toBe(1);
    expect(s.recoverAfter).toBe(before * 2);
  });

  it('never segments less often than every 6th frame before giving up segmentation', () => {
    let s = initialPolicy(OPTS);
    for (let i = 0; i < 300; i++) {
      s = observe(s, { compositeMs: 10, segmentMs: 500 }, OPTS);
      expect(s.segmentEvery).toBeLessThanOrEqual(6);
      expect(s.segmentEvery).toBeGreaterThanOrEqual(1);
    }
  });
});
