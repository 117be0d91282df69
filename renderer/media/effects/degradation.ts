/**
 * How much background-effect work the machine can afford, decided from measured frame times.
 * Pure: the pipeline feeds it one sample per output frame and applies what it returns, and the
 * UI shows `level` ("Background effect reduced to keep the call smooth") when it is above 0.
 *
 * Cheapest first, the steps are: segment less often (the last mask is reused in between),
 * segment a smaller copy of the frame, and finally stop segmenting and blur the whole frame
 * (the background is never shown sharp, which is what the user asked for, at a fraction of the cost).
 * Frames dropped at the source count as load too: the camera delivering more frames than come out
 * means the machine cannot keep up, whatever the per-frame time says (work off the measured path:
 * the canvas capture's readback, software WebGL in the GPU process, the preview's <video>).
 */

/** 0 full quality, 1 segment less often, 2 smaller mask, 3 blur only (no segmentation). */
export type DegradationLevel = 0 | 1 | 2 | 3;

export interface PolicyState {
  readonly level: DegradationLevel;
  /** Run segmentation on every Nth frame; the mask is reused in between. */
  readonly segmentEvery: number;
  /** Smoothed cost of one segmentation and of compositing one frame, in ms. */
  readonly segmentMs: number;
  readonly compositeMs: number;
  /** Smoothed camera time between processed frames, and the camera's own frame interval (0: not yet seen), in ms. */
  readonly gapMs: number;
  readonly cameraMs: number;
  /** Consecutive frames over / under budget at this level (hysteresis). */
  readonly overFrames: number;
  readonly underFrames: number;
  /** Calm frames needed before trying a better level; doubles after each failed attempt. */
  readonly recoverAfter: number;
  /** Frames since the last level change (a change right after recovering counts as a failed attempt). */
  readonly sinceChange: number;
}

export interface FrameSample {
  /** Time spent compositing this frame (upload, blur, blend, output). */
  compositeMs: number;
  /** Time the segmentation took, when it ran for this frame. */
  segmentMs?: number;
  /** Camera time since the previous processed frame: a multiple of the camera's interval when frames were dropped. */
  gapMs?: number;
}

/** Tunables; defaults suit a 24 fps camera. */
export interface PolicyOptions {
  /** Per-frame budget in ms (1000 / frame rate). */
  budgetMs: number;
  /** Share of the budget the effect may use on average before degrading. */
  high?: number;
  /** Share below which quality is raised again. */
  low?: number;
  /** Frames over budget before degrading (about 2 s at 24 fps). */
  degradeAfter?: number;
  /** Calm frames before the first attempt to raise quality (about 5 s). */
  recoverAfter?: number;
}

/** Largest N per level: beyond ~6 frames (a quarter second) a moving person visibly leaves the mask. */
const MAX_EVERY: Record<DegradationLevel, number> = { 0: 2, 1: 6, 2: 6, 3: 1 };
/** Segmentation is sampled only every Nth frame, so its average follows faster than the per-frame cost's. */
const SMOOTHING = 0.1;
const SEGMENT_SMOOTHING = 0.25;
const MAX_RECOVER_FRAMES = 24 * 60;
/** Below this share of a frame's cost, segmentation is not worth degrading further. */
const MIN_SEGMENT_SHARE = 0.15;
/** The share segmentation must have before it is given up altogether (level 3, see `observe`). */
const LEVEL3_SHARE = 1 / 3;
/**
 * Processed frames this much further apart than both the camera's and the budget's interval (about
 * 1 in 4 dropped, under ~18 fps at a 24 fps budget) count as over budget. A near miss (22 of 24 fps)
 * does not: degrading would cost quality for nothing a viewer notices.
 */
const DROP_RATIO = 1.3;
/** The camera-interval estimate (the smallest gap) creeps up per frame, to follow a camera that slows down. */
const INTERVAL_RELAX = 1.002;

export function initialPolicy(opts: PolicyOptions): PolicyState {
  return { level: 0, segmentEvery: 1, segmentMs: 0, compositeMs: 0, gapMs: 0, cameraMs: 0, overFrames: 0, underFrames: 0, recoverAfter: opts.recoverAfter ?? 120, sinceChange: 0 };
}

/** Whether the pipeline should segment at all, and at what input size. */
export function segmentationMode(s: PolicyState): 'normal' | 'small' | 'none' {
  return s.level === 3 ? 'none' : s.level === 2 ? 'small' : 'normal';
}

/** The average per-frame cost (ms) at the current settings. */
export function expectedFrameMs(s: PolicyState): number {
  return s.compositeMs + (s.level === 3 ? 0 : s.segmentMs / s.segmentEvery);
}

function smooth(prev: number, next: number, k = SMOOTHING): number {
  return prev === 0 ? next : prev + (next - prev) * k;
}

/** N: the smallest interval that keeps segmentation within its share of the budget, capped per level. */
function chooseEvery(level: DegradationLevel, segmentMs: number, compositeMs: number, budget: number): number {
  if (level === 3) return 1;
  const room = Math.max(budget * 0.7 - compositeMs, budget * 0.1);
  return Math.min(MAX_EVERY[level], Math.max(1, Math.ceil(segmentMs / room)));
}

/** The camera's frame interval: the smallest gap seen, ignoring gaps under half of it (timestamp jitter). */
function cameraInterval(prev: number, gap: number | undefined): number {
  if (gap === undefined || gap <= 0) return prev;
  if (prev === 0) return gap;
  return gap < prev * 0.5 ? prev * INTERVAL_RELAX : Math.min(prev * INTERVAL_RELAX, gap);
}

/** Folds one frame's measurements into the policy and returns the next state. */
export function observe(s: PolicyState, sample: FrameSample, opts: PolicyOptions): PolicyState {
  const high = opts.high ?? 0.85;
  const low = opts.low ?? 0.5;
  const degradeAfter = opts.degradeAfter ?? 48;
  const compositeMs = smooth(s.compositeMs, sample.compositeMs);
  const segmentMs = sample.segmentMs === undefined ? s.segmentMs : smooth(s.segmentMs, sample.segmentMs, SEGMENT_SMOOTHING);
  const segmentEvery = chooseEvery(s.level, segmentMs, compositeMs, opts.budgetMs);
  const gapMs = sample.gapMs === undefined || sample.gapMs <= 0 ? s.gapMs : smooth(s.gapMs, sample.gapMs);
  const cameraMs = cameraInterval(s.cameraMs, sample.gapMs);
  const next: PolicyState = { ...s, compositeMs, segmentMs, gapMs, cameraMs, segmentEvery, sinceChange: s.sinceChange + 1 };
  const load = expectedFrameMs(next) / opts.budgetMs;
  // Dropping only matters well below the target rate: a 30 fps camera processed at 24 fps is fine.
  const dropping = cameraMs > 0 && gapMs > Math.max(cameraMs, opts.budgetMs) * DROP_RATIO;
  const overFrames = load > high || dropping ? s.overFrames + 1 : 0;
  const underFrames = load < low && !dropping ? s.underFrames + 1 : 0;
  // Each step only gives up segmentation work: when compositing alone is the cost, a step would
  // lower quality for nothing, so the level holds.
  const segmentShare = next.segmentMs / next.segmentEvery / Math.max(expectedFrameMs(next), 1e-3);
  // Level 3 gives up what the effect is for (the person is no longer cut out, a chosen image is
  // not shown), so it must buy a real saving: segmentation at least LEVEL3_SHARE of the frame's
  // cost, and compositing alone within budget (otherwise the machine is short of time whatever we
  // drop). Measured under load: compositing 34-41 ms of a 42 ms budget and segmentation 7-8 ms a
  // frame (every 6th, small mask); level 3 took the image away for 13.5 -> 15.4 and 17.8 -> 18.8 fps.
  const stepPays = s.level < 2 || (segmentShare >= LEVEL3_SHARE && compositeMs < opts.budgetMs * high);
  if (overFrames >= degradeAfter && s.level < 3 && segmentShare >= MIN_SEGMENT_SHARE && stepPays) {
    const level = (s.level + 1) as DegradationLevel;
    // Degrading soon after a recovery means the recovery was premature: wait longer next time.
    const recoverAfter = s.sinceChange < s.recoverAfter ? Math.min(s.recoverAfter * 2, MAX_RECOVER_FRAMES) : s.recoverAfter;
    return { ...next, level, segmentEvery: chooseEvery(level, segmentMs, compositeMs, opts.budgetMs), overFrames: 0, underFrames: 0, recoverAfter, sinceChange: 0 };
  }
  if (underFrames >= s.recoverAfter && s.level > 0) {
    // At level 3 nothing is segmented, so `load` says little: try the level above and let it prove itself.
    const level = (s.level - 1) as DegradationLevel;
    return { ...next, level, segmentEvery: chooseEvery(level, segmentMs, compositeMs, opts.budgetMs), overFrames: 0, underFrames: 0, sinceChange: 0 };
  }
  return { ...next, overFrames, underFrames };
}
