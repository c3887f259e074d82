/**
 * Test helpers for the max-island-area kata: an independent oracle (union-find, a different
 * algorithm from the reference's flood fill) and grid builders.
 */

export type Grid = number[][];

/** The oracle: union-find over land cells (union with the right and lower neighbour). */
export function unionFindMaxArea(grid: readonly (readonly number[])[]): number {
  const rows = grid.length;
  const cols = rows === 0 ? 0 : (grid[0] as readonly number[]).length;
  const parent: number[] = [];
  const size: number[] = [];
  for (let i = 0; i < rows * cols; i++) {
    parent.push(i);
    size.push(1);
  }
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    const [big, small] = (size[ra] as number) >= (size[rb] as number) ? [ra, rb] : [rb, ra];
    parent[small] = big;
    size[big] = (size[big] as number) + (size[small] as number);
  };
  const isLand = (r: number, c: number): boolean => (grid[r] as readonly number[])[c] === 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!isLand(r, c)) continue;
      if (c + 1 < cols && isLand(r, c + 1)) union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && isLand(r + 1, c)) union(r * cols + c, (r + 1) * cols + c);
    }
  }
  let best = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (isLand(r, c)) best = Math.max(best, size[find(r * cols + c)] as number);
    }
  }
  return best;
}

export function cloneGrid(grid: readonly (readonly number[])[]): Grid {
  return grid.map((row) => [...row]);
}

export function filledGrid(rows: number, cols: number, value: number): Grid {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(value));
}

/**
 * A serpentine island: every even row is all land; odd row r holds one land cell joining
 * rows r-1 and r+1, alternately at the last and the first column. One island, whose cells
 * form a single path (a depth-first search goes as deep as the island is large).
 */
export function snakeGrid(rows: number, cols: number): Grid {
  const grid = filledGrid(rows, cols, 0);
  for (let r = 0; r < rows; r++) {
    const row = grid[r] as number[];
    if (r % 2 === 0) row.fill(1);
    else row[r % 4 === 1 ? cols - 1 : 0] = 1;
  }
  return grid;
}
