/**
 * Whether the machine keeps up with noise suppression, from the worklet's load reports. Pure.
 *
 * The same idea as the background effects' degradation policy (effects/degradation.ts): judge
 * smoothed measured cost against the real-time budget, and act only after it stayed over budget
 * for a while (hysteresis), so one slow moment changes nothing. Audio has no cheaper level to
 * step down to: missing the budget means clicks and gaps for everyone listening, so the step is
 * straight to off (and the UI says so).
 */

/** One report from the worklet, covering about a second of audio. */
export interface LoadReport {
  /** Milliseconds spent denoising. */
  busyMs: number;
  /** Milliseconds of audio processed. */
  audioMs: number;
  /** Wall-clock milliseconds the audio thread took to render them (more than audioMs: it falls behind). */
  wallMs: number;
}

export interface LoadState {
  /** Smoothed share of real time spent denoising. */
  readonly share: number;
  /** Consecutive reports over budget. */
  readonly overReports: number;
  /** True once the suppressor should turn itself off. */
  readonly overloaded: boolean;
}

export interface LoadOptions {
  /** Share of real time denoising may take (the render thread also mixes and encodes). */
  high?: number;
  /** Audio rendered this much slower than real time means the thread misses its deadlines. */
  lagRatio?: number;
  /** Reports (seconds) over budget before giving up. */
  after?: number;
}

export const INITIAL_LOAD: LoadState = { share: 0, overReports: 0, overloaded: false };

const SMOOTHING = 0.3;

export function observeLoad(s: LoadState, r: LoadReport, opts: LoadOptions = {}): LoadState {
  if (s.overloaded || r.audioMs <= 0) return s;
  const high = opts.high ?? 0.5;
  const lagRatio = opts.lagRatio ?? 1.2;
  const after = opts.after ?? 3;
  const now = r.busyMs / r.audioMs;
  const share = s.share === 0 ? now : s.share + (now - s.share) * SMOOTHING;
  const over = share > high || r.wallMs > r.audioMs * lagRatio;
  const overReports = over ? s.overReports + 1 : 0;
  return { share, overReports, overloaded: overReports >= after };
}
