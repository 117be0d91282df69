/** Rolling per-frame timing of the pipeline, for the bench and for diagnostics. */
import type { DegradationLevel, PolicyState } from './degradation';

export interface EffectStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  /** Output frames per second over the window. */
  fps: number;
  /** Mean segmentation time (ms) over the window, NaN when none ran. */
  segmentMs: number;
  segmentEvery: number;
  level: DegradationLevel;
}

const WINDOW = 240;

/** The q-quantile (0..1) of an ascending list, NaN when empty; the bench uses it too, for one definition. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export class FrameStats {
  private times: number[] = [];
  private at: number[] = [];
  private segs: number[] = [];

  record(totalMs: number, segmentMs?: number): void {
    this.times.push(totalMs);
    this.at.push(performance.now());
    if (segmentMs !== undefined) this.segs.push(segmentMs);
    if (this.times.length > WINDOW) {
      this.times.shift();
      this.at.shift();
    }
    if (this.segs.length > WINDOW) this.segs.shift();
  }

  /** Forgets the window (e.g. when the bench starts a new measurement). */
  reset(): void {
    this.times = [];
    this.at = [];
    this.segs = [];
  }

  summary(policy: PolicyState): EffectStats {
    const sorted = [...this.times].sort((a, b) => a - b);
    const span = this.at.length > 1 ? (this.at[this.at.length - 1] - this.at[0]) / 1000 : 0;
    return {
      frames: this.times.length,
      medianMs: quantile(sorted, 0.5),
      p95Ms: quantile(sorted, 0.95),
      fps: span > 0 ? (this.at.length - 1) / span : 0,
      segmentMs: this.segs.length ? this.segs.reduce((a, b) => a + b, 0) / this.segs.length : NaN,
      segmentEvery: policy.segmentEvery,
      level: policy.level,
    };
  }
}
