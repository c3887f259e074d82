import { anyGrid, type Grid } from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type MaxAreaOfIsland = (grid: readonly (readonly number[])[]) => number;

export const differential: Differential<Grid, number> = {
  inputs: anyGrid,
  run(impl, grid) {
    const copy = grid.map((row) => [...row]);
    const area = exported<MaxAreaOfIsland>(impl, 'maxAreaOfIsland')(copy);
    const changed = copy.some((row, r) => row.some((cell, c) => cell !== grid[r]?.[c]));
    if (changed) throw new Error('the grid was modified (it must be left unchanged)');
    return area;
  },
  difference: (a, b) => (Object.is(a, b) ? undefined : `area ${showJson(a)} is not ${showJson(b)}`),
  show: (value) =>
    Array.isArray(value) ? `\n${(value as Grid).map((row) => `  ${row.join(' ')}`).join('\n')}` : showJson(value),
};
