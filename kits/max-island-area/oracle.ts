import type { ReadCounter } from '../../src/harness/counting.ts';

/**
 * Test helpers for the max-island-area kata: an independent oracle (union-find, a different
 * algorithm from the reference's flood fill), grid builders, and a cell-read counter that,
 * unlike src/harness/counting.ts, ALLOWS writes (the spec only asks that the grid be unchanged
 * when the call returns, so a mutate-then-restore solution is legal).
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

/** Thrown by a counting grid once the reads exceed the limit, so a quadratic solution stops early. */
export class ReadBudgetExceeded extends Error {
  constructor(limit: number, rows: number, cols: number) {
    super(
      `read grid cells more than ${limit} times on a ${rows} x ${cols} grid: ` +
        'an O(R·C) solution reads each cell a small constant number of times ' +
        '(is every island re-explored from each of its cells, or is a cell pushed more than once?)',
    );
    this.name = 'ReadBudgetExceeded';
  }
}

/**
 * A copy of `grid` whose rows count every cell read in `counter`, and throw ReadBudgetExceeded
 * beyond `limit` reads. The rows are real arrays with accessor properties (not Proxies), so
 * spread, slice, for…of, Array.from and structuredClone all work on them, and writes are
 * allowed. `backing` holds the current cell values, to check the grid after the call.
 */
export function countingGrid(
  grid: readonly (readonly number[])[],
  counter: ReadCounter,
  limit = Number.POSITIVE_INFINITY,
): { grid: number[][]; backing: Grid } {
  const backing = cloneGrid(grid);
  const rows = grid.length;
  const cols = rows === 0 ? 0 : (grid[0] as readonly number[]).length;
  const counted = backing.map((store) => {
    const row = new Array<number>(store.length);
    for (let i = 0; i < store.length; i++) {
      Object.defineProperty(row, i, {
        get() {
          counter.reads += 1;
          if (counter.reads > limit) throw new ReadBudgetExceeded(limit, rows, cols);
          return store[i];
        },
        set(value: number) {
          store[i] = value;
        },
        enumerable: true,
        configurable: false,
      });
    }
    return row;
  });
  return { grid: counted, backing };
}
