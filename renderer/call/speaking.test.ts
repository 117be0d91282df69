import { SpeakingDetector } from './speaking';

describe('SpeakingDetector', () => {
  it('turns on above the on-level and off only after the hold time below the off-level', () => {
    const d = new SpeakingDetector({ onLevel: 0.04, offLevel: 0.02, holdMs: 600 });
    expect(d.update(0.03, 0)).toBe(false); // between the levels: not yet
    expect(d.update(0.05, 100)).toBe(true);
    expect(d.update(0.01, 200)).toBe(true); // a pause between syllables
    expect(d.update(0.03, 300)).toBe(true); // between levels resets the quiet clock
    expect(d.update(0.01, 400)).toBe(true);
    expect(d.update(0.01, 999)).toBe(true);
    expect(d.update(0.01, 1000)).toBe(false);
  });
});
