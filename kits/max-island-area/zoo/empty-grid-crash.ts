export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  const rows = grid.length;
  const cols = grid[0]!.length;
  for (const row of grid) {
    if (row.length !== cols) throw new RangeError('rows must have equal length');
    for (const v of row) if (v !== 0 && v !== 1) throw new RangeError(`cells must be 0 or 1, got ${String(v)}`);
  }
  const seen = new Uint8Array(rows * cols);
  let best = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (grid[r]![c] !== 1 || seen[r * cols + c]) continue;
      seen[r * cols + c] = 1;
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
          if (nr >= 0 && nc >= 0 && nr < rows && nc < cols && grid[nr]![nc] === 1 && !seen[nr * cols + nc]) {
            seen[nr * cols + nc] = 1;
            stack.push([nr, nc]);
          }
        }
      }
      best = Math.max(best, area);
    }
  }
  return best;
}
