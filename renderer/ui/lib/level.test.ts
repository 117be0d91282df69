import { levelPercent } from './level';

describe('levelPercent', () => {
  it('maps silence and full scale to the ends', () => {
    expect(levelPercent(0)).toBe(0);
    expect(levelPercent(-1)).toBe(0);
    expect(levelPercent(Number.NaN)).toBe(0);
    expect(levelPercent(1)).toBe(100);
    expect(levelPercent(2)).toBe(100);
    expect(levelPercent(0.001)).toBe(0);
  });
  it('puts speech in the middle of the scale', () => {
    expect(levelPercent(0.1)).toBe(67);
    expect(levelPercent(0.03)).toBeGreaterThan(40);
  });
});
