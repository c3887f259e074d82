/**
 * Validate while copying the grid into a flat Uint8Array, then flood-fill each island with an
 * explicit stack (recursion would overflow the call stack on a 1000 x 1000 island). Cells are
 * cleared in the copy when pushed, so each cell is pushed once and the input is never written.
 * O(R·C) time, O(R·C) extra space; every input cell is read exactly once.
 */
export function maxAreaOfIsland(grid: readonly (readonly number[])[]): number {
  if (!Array.isArray(grid)) throw new TypeError(`grid must be an array of rows, got ${describe(grid)}`);
  const rows = grid.length;
  const cols = rows === 0 ? 0 : rowAt(grid, 0).length;
  const land = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = rowAt(grid, r);
    if (row.length !== cols) {
      throw new RangeError(
        `grid rows must all have the same length: grid[0] has ${cols} cells, grid[${r}] has ${row.length}`,
      );
    }
    for (let c = 0; c < cols; c++) {
      const value = row[c];
      if (value === 1) land[r * cols + c] = 1;
      else if (value !== 0) {
        throw new RangeError(`grid[${r}][${c}] must be 0 or 1, got ${describe(value)}`);
      }
    }
  }

  const stack = new Int32Array(rows * cols);
  let best = 0;
  for (let start = 0; start < land.length; start++) {
    if (land[start] === 0) continue;
    land[start] = 0;
    stack[0] = start;
    let top = 1;
    let area = 0;
    while (top > 0) {
      const cell = stack[--top] as number;
      area += 1;
      const r = Math.floor(cell / cols);
      const c = cell - r * cols;
      // Up, down, left, right: diagonal neighbours are not connected.
      for (const next of [
        r > 0 ? cell - cols : -1,
        r + 1 < rows ? cell + cols : -1,
        c > 0 ? cell - 1 : -1,
        c + 1 < cols ? cell + 1 : -1,
      ]) {
        if (next >= 0 && land[next] === 1) {
          land[next] = 0;
          stack[top++] = next;
        }
      }
    }
    best = Math.max(best, area);
  }
  return best;
}

function rowAt(grid: readonly (readonly number[])[], r: number): readonly number[] {
  const row: unknown = grid[r];
  if (!Array.isArray(row)) throw new TypeError(`grid[${r}] must be an array of cells, got ${describe(row)}`);
  return row;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
