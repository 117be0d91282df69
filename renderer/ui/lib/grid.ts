/** How the tile grid is cut: columns and rows for a participant count and a container size. */
export interface GridShape {
  cols: number;
  rows: number;
}

const TILE_ASPECT = 16 / 9;

/**
 * 1 => full, 2 => side by side (stacked on portrait containers), 3-4 => 2x2,
 * more => the column count that gives the largest 16:9 tiles.
 */
export function gridShape(count: number, width = 16, height = 9): GridShape {
  if (count <= 1) return { cols: 1, rows: 1 };
  const portrait = height > width * 1.2;
  if (count === 2) return portrait ? { cols: 1, rows: 2 } : { cols: 2, rows: 1 };
  if (count <= 4) return { cols: 2, rows: 2 };
  let best: GridShape = { cols: Math.ceil(Math.sqrt(count)), rows: Math.ceil(count / Math.ceil(Math.sqrt(count))) };
  let bestSize = -1;
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const tileWidth = Math.min(width / cols, (height / rows) * TILE_ASPECT);
    // On ties, landscape stages prefer more columns and portrait ones fewer.
    const better = tileWidth > bestSize + 1e-9 || (!portrait && Math.abs(tileWidth - bestSize) <= 1e-9);
    if (better) {
      bestSize = tileWidth;
      best = { cols, rows };
    }
  }
  return best;
}
