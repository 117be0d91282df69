import { gridShape } from './grid';

describe('gridShape', () => {
  it('fills the stage with one tile', () => {
    expect(gridShape(1, 1280, 720)).toEqual({ cols: 1, rows: 1 });
    expect(gridShape(0, 1280, 720)).toEqual({ cols: 1, rows: 1 });
  });

  it('puts two side by side on landscape and stacks them on portrait', () => {
    expect(gridShape(2, 1280, 720)).toEqual({ cols: 2, rows: 1 });
    expect(gridShape(2, 400, 800)).toEqual({ cols: 1, rows: 2 });
  });

  it('uses 2x2 for three and four', () => {
    expect(gridShape(3, 1280, 720)).toEqual({ cols: 2, rows: 2 });
    expect(gridShape(4, 1280, 720)).toEqual({ cols: 2, rows: 2 });
  });

  it('chooses the largest tiles for bigger calls', () => {
    expect(gridShape(9, 1600, 900)).toEqual({ cols: 3, rows: 3 });
    expect(gridShape(6, 1600, 900)).toEqual({ cols: 3, rows: 2 });
    // A tall, narrow container prefers fewer columns.
    expect(gridShape(6, 400, 1200).cols).toBeLessThanOrEqual(2);
    const wide = gridShape(10, 3000, 500);
    expect(wide.cols * wide.rows).toBeGreaterThanOrEqual(10);
    expect(wide.cols).toBeGreaterThan(wide.rows);
  });
});
