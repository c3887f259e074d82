export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  const g = grid as number[][];
  const rows = g.length;
  const cols = validate(g);
  let best = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (g[r]![c] !== 1) continue;
      g[r]![c] = 0;
      const stack: Array<[number, number]> = [[r, c]];
      let area = 0;
      while (stack.length > 0) {
        const [cr, cc] = stack.pop()!;
        area++;
        for (const [nr, nc] of [
          [cr + 1, cc],
          [cr - 1, cc],
          [cr, cc + 1],
          [cr, cc - 1],
        ] as const) {
          if (nr >= 0 && nc >= 0 && nr < rows && nc < cols && g[nr]![nc] === 1) {
            g[nr]![nc] = 0;
            stack.push([nr, nc]);
          }
        }
      }
      best = Math.max(best, area);
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
