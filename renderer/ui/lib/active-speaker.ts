/**
 * The active speaker for speaker view, from the tiles' speaking flags (which already have their
 * own hysteresis, renderer/call/speaking.ts). The large tile changes only after its speaker has
 * been quiet for `holdMs` while someone else speaks, so short pauses and interjections do not
 * make it flicker.
 */
export class ActiveSpeaker {
  private current: string | null = null;
  private lastHeard = 0;

  constructor(private readonly holdMs = 2000) {}

  /**
   * `candidates`: who may be shown large, in order; `speaking`: whether one of them speaks now.
   * Returns the active speaker, or null when nobody has spoken yet.
   */
  update(candidates: readonly string[], speaking: (id: string) => boolean, now: number): string | null {
    const talker = candidates.find(speaking) ?? null;
    if (this.current === null || !candidates.includes(this.current)) {
      this.current = talker;
      this.lastHeard = now;
    } else if (speaking(this.current)) {
      this.lastHeard = now;
    } else if (talker !== null && now - this.lastHeard >= this.holdMs) {
      this.current = talker;
      this.lastHeard = now;
    }
    return this.current;
  }
}
