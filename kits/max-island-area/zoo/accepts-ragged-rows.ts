export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  for (const row of grid) {
    for (const v of row) if (v !== 0 && v !== 1) throw new RangeError(`cells must be 0 or 1, got ${String(v)}`);
  }
  const seen = grid.map((row) => new Uint8Array(row.length));
  let best = 0;
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r]!.length; c++) {
      if (grid[r]![c] !== 1 || seen[r]![c]) continue;
      seen[r]![c] = 1;
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
          if (grid[nr]?.[nc] === 1 && !seen[nr]![nc]) {
            seen[nr]![nc] = 1;
            stack.push([nr, nc]);
          }
        }
      }
      best = Math.max(best, area);
    }
  }
  return best;
}
