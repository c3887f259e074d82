/**
 * Another way: check the grid first, then scan it cell by cell; each unvisited land cell starts a
 * depth-first search with an explicit stack of [row, column] pairs, and a cell is marked in our
 * own `seen` array when it is pushed, so it is pushed (and counted) once. The grid is only read.
 * O(R·C) time, O(R·C) extra space for `seen` and the stack.
 */
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
        // Down, up, right, left: diagonal neighbours are not connected.
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

/** The number of columns, after checking that the grid is an array of equally long rows of 0s and 1s. */
function validate(grid: readonly (readonly number[])[]): number {
  if (!Array.isArray(grid)) throw new TypeError(`grid must be an array of rows, got ${typeof grid}`);
  const cols = grid[0]?.length ?? 0;
  for (let r = 0; r < grid.length; r++) {
    const row: unknown = grid[r];
    if (!Array.isArray(row)) throw new TypeError(`grid[${r}] must be an array, got ${typeof row}`);
    if (row.length !== cols) throw new RangeError(`grid[${r}] has ${row.length} cells, expected ${cols}`);
    for (const v of row) if (v !== 0 && v !== 1) throw new RangeError(`cells must be 0 or 1, got ${String(v)}`);
  }
  return cols;
}
