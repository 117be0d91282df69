/**
 * Times the steps of one negotiation for its log line ("remote 120 ms, answer 30 ms, local 2900 ms"):
 * on a busy machine a switch's seconds go to single WebRTC operations, and the log says which.
 */
export class StepTimer {
  private readonly laps: string[] = [];
  private last: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  /** Ends the step named `name` (it began at the previous lap, or at construction). */
  lap(name: string): void {
    const t = this.now();
    this.laps.push(`${name} ${Math.round(t - this.last)} ms`);
    this.last = t;
  }

  toString(): string {
    return this.laps.join(', ');
  }
}
