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

/** Cell values that are neither 0 nor 1 (each must make the call throw RangeError). */
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
