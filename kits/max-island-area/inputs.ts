import fc from 'fast-check';

/**
 * Inputs of the max-island-area kata, shared by the hidden suite and the learner's
 * katas/max-island-area/max-island-area.props.ts: rectangular grids of 0 (water) and 1 (land).
 */
export type Grid = number[][];

/** Grids of minRows…maxRows × minCols…maxCols cells, with a land density drawn per grid (0 to 100 %). */
export function grid(maxRows: number, maxCols: number, minRows = 0, minCols = 0): fc.Arbitrary<Grid> {
  return fc
    .record({
      rows: fc.integer({ min: minRows, max: maxRows }),
      cols: fc.integer({ min: minCols, max: maxCols }),
      density: fc.integer({ min: 0, max: 10 }),
    })
    .chain(({ rows, cols, density }) =>
      fc.array(
        fc.array(
          fc.integer({ min: 0, max: 9 }).map((x) => (x < density ? 1 : 0)),
          { minLength: cols, maxLength: cols },
        ),
        { minLength: rows, maxLength: rows },
      ),
    );
}

/** Square-ish grids up to 9 × 9 (the empty grid and empty rows included), plus thin 2 × 30 and 30 × 2 ones. */
export const anyGrid: fc.Arbitrary<Grid> = fc.oneof(grid(9, 9), grid(2, 30, 1, 1), grid(30, 2, 1, 1));

/** Like `anyGrid`, with at least one row and one column. */
export const nonEmptyGrid: fc.Arbitrary<Grid> = fc.oneof(grid(9, 9, 1, 1), grid(2, 30, 1, 1), grid(30, 2, 1, 1));

/** Cell values that are neither 0 nor 1 (each must make the call throw RangeError, whatever its type). */
export const badCell: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  2,
  -1,
  0.5,
  1.5,
  Number.NaN,
  Number.NEGATIVE_INFINITY,
  '1',
  '',
  false,
  undefined,
);

/** A grid with one cell set to `bad` (a `badCell`), at any position: the call must throw RangeError. */
export const gridWithBadCell: fc.Arbitrary<unknown[][]> = fc
  .tuple(nonEmptyGrid, fc.nat(), fc.nat(), badCell)
  .map(([grid, r0, c0, bad]) => {
    const broken: unknown[][] = grid.map((row) => [...row]);
    (broken[r0 % broken.length] as unknown[])[c0 % (grid[0] as number[]).length] = bad;
    return broken;
  });

/** A grid of at least two rows with one row 1 to 3 cells longer or shorter: RangeError. */
export const raggedGrid: fc.Arbitrary<number[][]> = fc
  .tuple(grid(8, 8, 2, 0), fc.nat(), fc.integer({ min: 1, max: 3 }), fc.boolean())
  .map(([valid, r0, delta, longer]) => {
    const broken = valid.map((row) => [...row]);
    const row = broken[r0 % broken.length] as number[];
    if (longer || row.length === 0) for (let i = 0; i < delta; i++) row.push(0);
    else row.length = Math.max(0, row.length - delta);
    return broken;
  });

/** A grid with one row replaced by something that is not an array (a string, null, a number…): TypeError. */
export const gridWithBadRow: fc.Arbitrary<unknown[]> = fc
  .tuple(nonEmptyGrid, fc.nat(), fc.constantFrom<unknown>('0110', '', null, undefined, 1, { length: 1, 0: 1 }))
  .map(([valid, r0, bad]) => {
    const broken: unknown[] = valid.map((row) => [...row]);
    broken[r0 % broken.length] = bad;
    return broken;
  });

/** What `kata compare` draws: mostly valid grids, now and then one of the bad inputs above. */
export const islandInputs: fc.Arbitrary<unknown[]> = fc.oneof(
  { weight: 12, arbitrary: anyGrid as fc.Arbitrary<unknown[]> },
  { weight: 1, arbitrary: gridWithBadCell as fc.Arbitrary<unknown[]> },
  { weight: 1, arbitrary: raggedGrid as fc.Arbitrary<unknown[]> },
  { weight: 1, arbitrary: gridWithBadRow },
);
