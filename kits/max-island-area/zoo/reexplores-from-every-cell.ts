export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  const rows = grid.length;
  const cols = validate(grid);
  let best = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (grid[r]![c] !== 1) continue;
      const seen = new Set<number>([r * cols + c]);
      const queue: Array<[number, number]> = [[r, c]];
      for (let head = 0; head < queue.length; head++) {
        const [cr, cc] = queue[head]!;
        for (const [nr, nc] of [
          [cr + 1, cc],
          [cr - 1, cc],
          [cr, cc + 1],
          [cr, cc - 1],
        ] as const) {
          if (nr >= 0 && nc >= 0 && nr < rows && nc < cols && grid[nr]![nc] === 1 && !seen.has(nr * cols + nc)) {
            seen.add(nr * cols + nc);
            queue.push([nr, nc]);
          }
        }
      }
      best = Math.max(best, seen.size);
    }
  }
  return best;
}

function validate(grid: readonly (readonly number[])[]): number {
  const cols = grid[0]?.length ?? 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] as readonly number[];
    if (row.length !== cols) throw new RangeError(`grid[${r}] has ${row.length} cells, expected ${cols}`);
    for (const v of row) if (v !== 0 && v !== 1) throw new RangeError(`cells must be 0 or 1, got ${String(v)}`);
  }
  return cols;
}
