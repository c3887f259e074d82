export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  const rows = grid.length;
  const cols = validate(grid);
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
        for (let dr = -1; dr <= 1; dr++) {
          for (let dc = -1; dc <= 1; dc++) {
            const nr = cr + dr;
            const nc = cc + dc;
            if (nr < 0 || nc < 0 || nr >= rows || nc >= cols) continue;
            if (grid[nr]![nc] === 1 && !seen[nr * cols + nc]) {
              seen[nr * cols + nc] = 1;
              stack.push([nr, nc]);
            }
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
