import { durationText, sizeText } from './recordings';

describe('recordings list text', () => {
  const format = (n: number, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat('en', o).format(n);
  it('writes durations as m:ss or h:mm:ss and sizes in decimal units', () => {
    expect(durationText(undefined)).toBe('–');
    expect(durationText(19_600)).toBe('0:20');
    expect(durationText(3_725_000)).toBe('1:02:05');
    expect(sizeText(undefined, format)).toBe('–');
    expect(sizeText(999, format)).toBe('999 B');
    expect(sizeText(2_345_678, format)).toBe('2.3 MB');
  });
});
