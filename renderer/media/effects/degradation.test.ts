import { expectedFrameMs, initialPolicy, observe, segmentationMode, type FrameSample, type PolicyOptions, type PolicyState } from './degradation';

const OPTS: PolicyOptions = { budgetMs: 1000 / 24, degradeAfter: 10, recoverAfter: 20 };

/** Feeds `frames` frames where segmentation runs whenever the policy asks for it. */
function run(s: PolicyState, frames: number, costs: { compositeMs: number; segmentMs: number; gapMs?: (i: number) => number }, opts = OPTS): PolicyState {
  for (let i = 0; i < frames; i++) {
    const sample: FrameSample = { compositeMs: costs.compositeMs, gapMs: costs.gapMs?.(i) };
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

  it('does not give up segmentation (level 3) when that would not restore the frame rate: compositing over budget, or segmentation a small share', () => {
    // Figures from loaded runs: 34-41 ms to composite at a 41.7 ms budget, 43-50 ms per segmentation.
    for (const compositeMs of [34, 41]) {
      const s = run(initialPolicy(OPTS), 400, { compositeMs, segmentMs: 45 });
      expect(s.level).toBe(2);
      expect(segmentationMode(s)).toBe('small');
    }
    // The same segmentation cost with cheap compositing: level 3 pays, and is taken.
    const cheap = run(initialPolicy(OPTS), 400, { compositeMs: 30, segmentMs: 120 });
    expect(cheap.level).toBe(3);
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

  it('degrades when camera frames are dropped although the measured per-frame time looks cheap', () => {
    // 24 fps camera, every other frame dropped (work the per-frame time does not see): 12 fps out.
    const s = run(initialPolicy(OPTS), 300, { compositeMs: 8, segmentMs: 15, gapMs: (i) => (i < 5 ? 41.7 : 83.3) });
    expect(s.level).toBe(3);
  });

  it('does not degrade for a slow camera that it keeps up with, nor for timestamp jitter', () => {
    const slow = run(initialPolicy(OPTS), 300, { compositeMs: 8, segmentMs: 15, gapMs: () => 66.7 });
    expect(slow.level).toBe(0);
    const jitter = run(initialPolicy(OPTS), 300, { compositeMs: 8, segmentMs: 15, gapMs: (i) => (i % 50 === 7 ? 3 : 41.7) });
    expect(jitter.level).toBe(0);
    // Early frames (25 ms) make the camera look faster than it is; 22 of 24 fps processed is no reason to degrade.
    const nearMiss = run(initialPolicy(OPTS), 300, { compositeMs: 8, segmentMs: 15, gapMs: (i) => (i % 10 === 3 ? 25 : 45) });
    expect(nearMiss.level).toBe(0);
  });

  it('does not count drops above the target rate (a 30 fps camera processed at 24 fps)', () => {
    const s = run(initialPolicy(OPTS), 300, { compositeMs: 8, segmentMs: 15, gapMs: (i) => (i % 4 === 3 ? 66.7 : 33.3) });
    expect(s.level).toBe(0);
  });
});
