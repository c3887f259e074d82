import { fc, test } from '../../src/harness/prop.ts';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/max-island-area';
import { maxAreaOfIsland } from '@impl/max-island-area';
import { anyGrid, gridWithBadCell, gridWithBadRow, nonEmptyGrid, raggedGrid } from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { type Grid, cloneGrid, filledGrid, snakeGrid, unionFindMaxArea } from './oracle.ts';

const show = (grid: readonly (readonly unknown[])[]): string =>
  JSON.stringify(grid, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
  );

/** Calls the implementation and checks the grid is left exactly as it was given. */
function areaUnchanged(grid: Grid): number {
  const before = cloneGrid(grid);
  const area = maxAreaOfIsland(grid);
  expect(firstChange(before, grid), `the grid was modified by the call on ${show(before)}`).toBeNull();
  return area;
}

/** Where `after` differs from `before` (a short message, not a diff of 10^4 cells), or null. */
function firstChange(before: Grid, after: readonly (readonly unknown[])[]): string | null {
  if (after.length !== before.length) return `it had ${before.length} rows, now ${after.length}`;
  for (let r = 0; r < before.length; r++) {
    const was = before[r] as number[];
    const now = after[r] as readonly unknown[];
    if (now.length !== was.length) return `row ${r} had ${was.length} cells, now ${now.length}`;
    for (let c = 0; c < was.length; c++) {
      if (!Object.is(now[c], was[c])) return `cell [${r}][${c}] was ${was[c]}, now ${String(now[c])}`;
    }
  }
  return null;
}

/** The prompt's budget: 20·R·C + 8·R + 20 steps for an R x C grid. */
function budget(rows: number, cols: number): { steps: number; rule: string } {
  return { steps: 20 * rows * cols + 8 * rows + 20, rule: `20·R·C + 8·R + 20 for R = ${rows}, C = ${cols}` };
}

/** The area on the work-counted module, within the budget; the grid must be unchanged afterwards. */
function areaWithinBudget(grid: Grid): number {
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const before = cloneGrid(grid);
  const area = expectWithinBudget(() => counted.maxAreaOfIsland(grid), budget(rows, cols));
  expect(firstChange(before, grid), `the ${rows} x ${cols} grid was modified by the call`).toBeNull();
  return area;
}

// LeetCode 695, example 1.
const LEETCODE_EXAMPLE: Grid = [
  [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0],
  [0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
  [0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
  [0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0],
];

describe('max-island-area: worked examples', () => {
  test('LeetCode example: the largest of six islands has area 6 (8 x 13 grid)', () => {
    expect(maxAreaOfIsland(LEETCODE_EXAMPLE)).toBe(6);
  });

  test('a single row of water [[0,0,0,0,0,0,0,0]] has no island: 0', () => {
    expect(maxAreaOfIsland([[0, 0, 0, 0, 0, 0, 0, 0]])).toBe(0);
  });

  test('[[1,1,0],[0,1,0],[0,0,1]]: the corner cell touches only diagonally, so the answer is 3', () => {
    expect(
      maxAreaOfIsland([
        [1, 1, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    ).toBe(3);
  });

  test('the largest island is not the first one met: [[1,0,1,1],[0,0,1,1]] gives 4', () => {
    expect(
      maxAreaOfIsland([
        [1, 0, 1, 1],
        [0, 0, 1, 1],
      ]),
    ).toBe(4);
  });

  test('many small islands, one big one: [[1,0,1],[0,0,0],[1,0,1],[0,0,1]] gives 2, not the island count 4', () => {
    expect(
      maxAreaOfIsland([
        [1, 0, 1],
        [0, 0, 0],
        [1, 0, 1],
        [0, 0, 1],
      ]),
    ).toBe(2);
  });
});

describe('max-island-area: edge cases', () => {
  test('an empty grid [] has area 0', () => {
    expect(maxAreaOfIsland([])).toBe(0);
  });

  test('a grid of empty rows ([[]] and [[],[],[]]) has area 0', () => {
    expect(maxAreaOfIsland([[]]), '[[]]').toBe(0);
    expect(maxAreaOfIsland([[], [], []]), '[[],[],[]]').toBe(0);
  });

  test('single cells: [[0]] gives 0, [[1]] gives 1', () => {
    expect(maxAreaOfIsland([[0]]), '[[0]]').toBe(0);
    expect(maxAreaOfIsland([[1]]), '[[1]]').toBe(1);
  });

  test('cells touching only at corners are separate islands: [[1,0],[0,1]] gives 1', () => {
    expect(
      maxAreaOfIsland([
        [1, 0],
        [0, 1],
      ]),
      '[[1,0],[0,1]]',
    ).toBe(1);
    expect(
      maxAreaOfIsland([
        [0, 1],
        [1, 0],
      ]),
      '[[0,1],[1,0]]',
    ).toBe(1);
  });

  test('a 5 x 5 checkerboard and an X shape are all area-1 islands (no diagonal links)', () => {
    const checkerboard = Array.from({ length: 5 }, (_, r) =>
      Array.from({ length: 5 }, (_, c) => ((r + c) % 2 === 0 ? 1 : 0)),
    );
    expect(maxAreaOfIsland(checkerboard), show(checkerboard)).toBe(1);
    const cross = [
      [1, 0, 0, 0, 1],
      [0, 1, 0, 1, 0],
      [0, 0, 1, 0, 0],
      [0, 1, 0, 1, 0],
      [1, 0, 0, 0, 1],
    ];
    expect(maxAreaOfIsland(cross), show(cross)).toBe(1);
  });

  test('no land at all (4 x 7 of zeros) gives 0', () => {
    expect(maxAreaOfIsland(filledGrid(4, 7, 0))).toBe(0);
  });

  test('all land is one island of R·C cells: 3 x 5 and 5 x 3 give 15', () => {
    expect(maxAreaOfIsland(filledGrid(3, 5, 1)), '3 x 5').toBe(15);
    expect(maxAreaOfIsland(filledGrid(5, 3, 1)), '5 x 3').toBe(15);
  });

  test('a single row [[1,1,0,1,1,1,0,1]] and the same as a column both give 3', () => {
    const row = [1, 1, 0, 1, 1, 1, 0, 1];
    expect(maxAreaOfIsland([row]), 'one row').toBe(3);
    expect(maxAreaOfIsland(row.map((v) => [v])), 'one column').toBe(3);
  });

  test('wide grids: an island in the last columns is found, [[0,0,0,0,1,1],[0,0,0,0,0,1]] gives 3', () => {
    expect(
      maxAreaOfIsland([
        [0, 0, 0, 0, 1, 1],
        [0, 0, 0, 0, 0, 1],
      ]),
    ).toBe(3);
    expect(maxAreaOfIsland([[1, 0, 0, 1, 1, 1, 1]]), '[[1,0,0,1,1,1,1]]').toBe(4);
  });

  test('tall grids: an island in the last rows is found, 6 x 2 with land at the bottom gives 3', () => {
    expect(
      maxAreaOfIsland([
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 1],
        [1, 1],
      ]),
    ).toBe(3);
  });

  test('the search goes up and left too: a U shape [[1,0,1],[1,0,1],[1,1,1]] is one island of 7', () => {
    expect(
      maxAreaOfIsland([
        [1, 0, 1],
        [1, 0, 1],
        [1, 1, 1],
      ]),
    ).toBe(7);
    expect(
      maxAreaOfIsland([
        [1, 1, 1],
        [1, 0, 1],
        [1, 0, 1],
      ]),
      'upside-down U',
    ).toBe(7);
    expect(
      maxAreaOfIsland([
        [0, 0, 1],
        [1, 1, 1],
        [1, 0, 0],
      ]),
      'S shape from the top right',
    ).toBe(5);
  });

  test('the grid is left unchanged after the call (deep-compared with a copy)', () => {
    expect(areaUnchanged(LEETCODE_EXAMPLE.map((row) => [...row])), 'LeetCode example').toBe(6);
    expect(areaUnchanged(filledGrid(4, 6, 1)), '4 x 6 all land').toBe(24);
    expect(
      areaUnchanged([
        [1, 0],
        [1, 1],
      ]),
      '[[1,0],[1,1]]',
    ).toBe(3);
  });
});

describe('max-island-area: bad input', () => {
  const badCells: Array<[string, unknown]> = [
    ['2', 2],
    ['-1', -1],
    ['0.5', 0.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ["'1' (a string)", '1'],
    ["'0' (a string)", '0'],
    ['true', true],
    ['null', null],
  ];
  for (const [label, bad] of badCells) {
    test(`a cell holding ${label} throws RangeError`, () => {
      expect(
        () =>
          maxAreaOfIsland([
            [1, 0],
            [0, bad as number],
          ]),
        `[[1,0],[0,${label}]]`,
      ).toThrow(RangeError);
      expect(() => maxAreaOfIsland([[bad as number]]), `[[${label}]]`).toThrow(RangeError);
    });
  }

  test('a bad cell far from any land still throws RangeError: [[1,0,0],[0,0,0],[0,0,2]]', () => {
    expect(() =>
      maxAreaOfIsland([
        [1, 0, 0],
        [0, 0, 0],
        [0, 0, 2],
      ]),
    ).toThrow(RangeError);
    expect(
      () =>
        maxAreaOfIsland([
          [0, 0, 0],
          [0, 0, 7],
        ]),
      '[[0,0,0],[0,0,7]]',
    ).toThrow(RangeError);
  });

  test('a hole in a row (a sparse array) is not a cell: RangeError', () => {
    const row = [1, 0, 1];
    delete row[1];
    expect(() => maxAreaOfIsland([row]), '[[1, <hole>, 1]]').toThrow(RangeError);
  });

  test('ragged rows throw RangeError: [[1,0],[1]], [[1],[1,0]], [[0,0],[0,0],[0]]', () => {
    expect(() => maxAreaOfIsland([[1, 0], [1]]), '[[1,0],[1]]').toThrow(RangeError);
    expect(() => maxAreaOfIsland([[1], [1, 0]]), '[[1],[1,0]]').toThrow(RangeError);
    expect(() => maxAreaOfIsland([[0, 0], [0, 0], [0]]), '[[0,0],[0,0],[0]]').toThrow(RangeError);
  });

  test('ragged rows with an empty row throw RangeError: [[],[0]] and [[0],[]]', () => {
    expect(() => maxAreaOfIsland([[], [0]]), '[[],[0]]').toThrow(RangeError);
    expect(() => maxAreaOfIsland([[0], []]), '[[0],[]]').toThrow(RangeError);
  });

  test('a grid that is not an array throws TypeError: null, "0110", { length: 1, 0: [1] }', () => {
    for (const grid of [null, undefined, '0110', 7, { length: 1, 0: [1] }]) {
      expect(() => maxAreaOfIsland(grid as unknown as Grid), `maxAreaOfIsland(${JSON.stringify(grid)})`).toThrow(
        TypeError,
      );
    }
  });

  test("a row that is not an array throws TypeError: ['01','10'], [[1,0], null], [{ length: 2 }]", () => {
    for (const grid of [['01', '10'], [[1, 0], null], [{ length: 2, 0: 1, 1: 1 }], [[0], undefined], ['']]) {
      expect(() => maxAreaOfIsland(grid as unknown as Grid), JSON.stringify(grid)).toThrow(TypeError);
    }
  });
});

describe('max-island-area: complexity and scale (at most 20·R·C + 8·R + 20 steps)', () => {
  test('all land, 200 x 200: one island of 40000 cells within 20·R·C + 8·R + 20 steps (no re-exploring)', () => {
    expect(areaWithinBudget(filledGrid(200, 200, 1))).toBe(40_000);
  });

  test('16 large square islands on 200 x 200 (water every 50th row and column): 49 x 49 each, within the budget', () => {
    const grid = Array.from({ length: 200 }, (_, r) =>
      Array.from({ length: 200 }, (_, c) => (r % 50 === 49 || c % 50 === 49 ? 0 : 1)),
    );
    expect(areaWithinBudget(grid), 'each island is 49 x 49').toBe(49 * 49);
  });

  test('a snake-shaped island winding through a 99 x 100 grid has area 5049, within the budget', () => {
    // 50 full rows of 100 cells, joined by 49 single connector cells.
    expect(areaWithinBudget(snakeGrid(99, 100))).toBe(50 * 100 + 49);
  });

  test('snake-shaped islands on non-square grids: 7 x 3 gives 15, 3 x 9 gives 19', () => {
    expect(areaWithinBudget(snakeGrid(7, 3)), '7 x 3').toBe(4 * 3 + 3);
    expect(areaWithinBudget(snakeGrid(3, 9)), '3 x 9').toBe(2 * 9 + 1);
  });

  test('thin grids at the size limit: 1000 x 1 and 1 x 1000 of land are one island each, within the budget', () => {
    expect(areaWithinBudget(filledGrid(1000, 1, 1)), '1000 x 1').toBe(1000);
    expect(areaWithinBudget(filledGrid(1, 1000, 1)), '1 x 1000').toBe(1000);
  });

  test('1000 x 1000 all land gives 10^6 without overflowing the call stack (no recursion)', () => {
    // Guard first on a small counted grid, so a re-exploring solution fails here instead of
    // running for hours on 10^6 cells.
    expect(areaWithinBudget(filledGrid(60, 60, 1)), '60 x 60 all land').toBe(3600);
    const grid = filledGrid(1000, 1000, 1);
    expect(maxAreaOfIsland(grid)).toBe(1_000_000);
    expect(firstChange(filledGrid(1000, 1000, 1), grid), 'the 1000 x 1000 grid was modified').toBeNull();
  });
});

describe('max-island-area: properties (against a union-find oracle)', () => {
  test.prop([anyGrid])('matches union-find on random grids (square, non-square, thin)', (grid) => {
    const expected = unionFindMaxArea(grid);
    expect(maxAreaOfIsland(grid), show(grid)).toBe(expected);
  });

  test.prop([anyGrid])('leaves every random grid unchanged', (grid) => {
    const expected = unionFindMaxArea(grid);
    expect(areaUnchanged(grid), show(grid)).toBe(expected);
  });

  test.prop([nonEmptyGrid])('transposing or mirroring the grid does not change the answer', (grid) => {
    const area = maxAreaOfIsland(grid);
    const transposed = (grid[0] as number[]).map((_, c) => grid.map((row) => row[c] as number));
    expect(maxAreaOfIsland(transposed), `transpose of ${show(grid)}`).toBe(area);
    expect(maxAreaOfIsland(grid.map((row) => [...row].reverse())), `left-right mirror of ${show(grid)}`).toBe(area);
    expect(maxAreaOfIsland([...grid].reverse()), `up-down mirror of ${show(grid)}`).toBe(area);
  });

  test.prop([nonEmptyGrid, fc.nat(), fc.nat()])(
    'turning a water cell into land never shrinks the answer; 0 only when there is no land',
    (grid, r0, c0) => {
      const r = r0 % grid.length;
      const c = c0 % (grid[0] as number[]).length;
      const before = maxAreaOfIsland(grid);
      const land = grid.flat().filter((v) => v === 1).length;
      expect(before, `${show(grid)} has ${land} land cells`).toBeLessThanOrEqual(land);
      expect(before === 0, `${show(grid)}`).toBe(land === 0);
      const grown = cloneGrid(grid);
      (grown[r] as number[])[c] = 1;
      expect(maxAreaOfIsland(grown), `${show(grid)} with (${r},${c}) set to land`).toBeGreaterThanOrEqual(
        Math.max(before, 1),
      );
    },
  );

  test.prop([gridWithBadCell])('one bad cell anywhere throws RangeError', (broken) => {
    expect(() => maxAreaOfIsland(broken as number[][]), show(broken)).toThrow(RangeError);
  });

  test.prop([raggedGrid])('one row longer or shorter than the others throws RangeError', (broken) => {
    expect(() => maxAreaOfIsland(broken), show(broken)).toThrow(RangeError);
  });

  test.prop([gridWithBadRow])('one row that is not an array throws TypeError', (broken) => {
    expect(() => maxAreaOfIsland(broken as number[][]), JSON.stringify(broken)).toThrow(TypeError);
  });
});
