export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  const rows = grid.length;
  const cols = validate(grid);
  const seen = new Uint8Array(rows * cols);
  let islands = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (grid[r]![c] !== 1 || seen[r * cols + c]) continue;
      islands++;
      seen[r * cols + c] = 1;
      const stack: Array<[number, number]> = [[r, c]];
      while (stack.length > 0) {
        const [cr, cc] = stack.pop()!;
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
    }
  }
  return islands;
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
