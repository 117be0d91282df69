/** Speaking detection with hysteresis, so the indicator does not flicker between syllables. */

export interface SpeakingOptions {
  /** Level (0..1) that turns speaking on. */
  onLevel?: number;
  /** Level below which speaking may turn off. */
  offLevel?: number;
  /** How long the level must stay below `offLevel` before speaking turns off. */
  holdMs?: number;
}

/** Feed levels with their time; `update` returns the current speaking state. */
export class SpeakingDetector {
  private speaking = false;
  private quietSince: number | null = null;
  private readonly onLevel: number;
  private readonly offLevel: number;
  private readonly holdMs: number;

  constructor(opts: SpeakingOptions = {}) {
    this.onLevel = opts.onLevel ?? 0.04;
    this.offLevel = opts.offLevel ?? 0.02;
    this.holdMs = opts.holdMs ?? 600;
  }

  update(level: number, now: number): boolean {
    if (level >= this.onLevel) {
      this.speaking = true;
      this.quietSince = null;
    } else if (this.speaking && level < this.offLevel) {
      this.quietSince ??= now;
      if (now - this.quietSince >= this.holdMs) this.speaking = false;
    } else {
      // Between the two levels (or silent while not speaking): nothing counts towards stopping.
      this.quietSince = null;
    }
    return this.speaking;
  }
}
