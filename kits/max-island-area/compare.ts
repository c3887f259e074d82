import { type Grid, islandInputs } from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type MaxAreaOfIsland = (grid: readonly (readonly number[])[]) => number;

/** A copy a row at a time (a row that is not an array, bad input, is kept as it is). */
const copyOf = (grid: readonly unknown[]): unknown[] => grid.map((row) => (Array.isArray(row) ? [...row] : row));

export const differential: Differential<unknown[], number> = {
  // Grids up to 9 x 9 and thin 2 x 30 / 30 x 2 ones; about one in five is bad input (both must throw alike).
  inputs: islandInputs,
  run(impl, grid) {
    const copy = copyOf(grid);
    const area = exported<MaxAreaOfIsland>(impl, 'maxAreaOfIsland')(copy as Grid);
    if (showJson(copy) !== showJson(grid)) throw new Error('the grid was modified (it must be left unchanged)');
    return area;
  },
  difference: (a, b) => (Object.is(a, b) ? undefined : `area ${showJson(a)} is not ${showJson(b)}`),
  show: (value) =>
    Array.isArray(value)
      ? `\n${value.map((row) => `  ${Array.isArray(row) ? row.map(String).join(' ') : showJson(row)}`).join('\n')}`
      : showJson(value),
};
