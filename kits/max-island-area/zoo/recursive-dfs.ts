export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  const rows = grid.length;
  const cols = validate(grid);
  const seen = new Uint8Array(rows * cols);
  const dfs = (r: number, c: number): number => {
    if (r < 0 || c < 0 || r >= rows || c >= cols) return 0;
    if (grid[r]![c] !== 1 || seen[r * cols + c]) return 0;
    seen[r * cols + c] = 1;
    return 1 + dfs(r + 1, c) + dfs(r - 1, c) + dfs(r, c + 1) + dfs(r, c - 1);
  };
  let best = 0;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) best = Math.max(best, dfs(r, c));
  return best;
}

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
