export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  validate(grid);
  const n = grid.length;
  const seen = new Uint8Array(n * n);
  let best = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (grid[r]![c] !== 1 || seen[r * n + c]) continue;
      seen[r * n + c] = 1;
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
          if (nr >= 0 && nc >= 0 && nr < n && nc < n && grid[nr]![nc] === 1 && !seen[nr * n + nc]) {
            seen[nr * n + nc] = 1;
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
