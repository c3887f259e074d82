import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'accepts-ragged-rows',
    hint: {
      en: 'checks the cell values but not that all rows have the same length; each row is scanned to its own length, so ragged input is answered instead of rejected.',
      zh: '',
    },
    why: {
      en: 'checks the cell values but not that all rows have the same length; each row is scanned to its own length, so ragged input is answered instead of rejected.',
      zh: '',
    },
    file: 'zoo/accepts-ragged-rows.ts',
  },
  {
    id: 'assumes-square-grid',
    hint: {
      en: 'uses grid.length as the width too (n x n habit from square-matrix problems), so columns beyond the row count are never visited on wide grids.',
      zh: '',
    },
    why: {
      en: 'uses grid.length as the width too (n x n habit from square-matrix problems), so columns beyond the row count are never visited on wide grids.',
      zh: '',
    },
    file: 'zoo/assumes-square-grid.ts',
  },
  {
    id: 'counts-islands',
    hint: {
      en: 'returns the number of islands (LeetCode 200, "Number of Islands") instead of the largest island\'s area; the two problems share a template.',
      zh: '',
    },
    why: {
      en: 'returns the number of islands (LeetCode 200, "Number of Islands") instead of the largest island\'s area; the two problems share a template.',
      zh: '',
    },
    file: 'zoo/counts-islands.ts',
  },
  {
    id: 'eight-connectivity',
    hint: {
      en: 'also joins diagonal neighbours (8 directions); "adjacent" read as "touching", a habit from game-of-life style grids.',
      zh: '',
    },
    why: {
      en: 'also joins diagonal neighbours (8 directions); "adjacent" read as "touching", a habit from game-of-life style grids.',
      zh: '',
    },
    file: 'zoo/eight-connectivity.ts',
  },
  {
    id: 'empty-grid-crash',
    hint: {
      en: 'reads grid[0].length to get the width without checking for an empty grid, so [] crashes with a TypeError instead of returning 0.',
      zh: '',
    },
    why: {
      en: 'reads grid[0].length to get the width without checking for an empty grid, so [] crashes with a TypeError instead of returning 0.',
      zh: '',
    },
    file: 'zoo/empty-grid-crash.ts',
  },
  {
    id: 'first-island-area',
    hint: {
      en: 'returns as soon as the first island is measured (a misplaced return inside the scan loop), so only the top-left island counts.',
      zh: '',
    },
    why: {
      en: 'returns as soon as the first island is measured (a misplaced return inside the scan loop), so only the top-left island counts.',
      zh: '',
    },
    file: 'zoo/first-island-area.ts',
  },
  {
    id: 'marks-visited-on-pop',
    hint: {
      en: 'marks a cell visited when it is popped, not when it is pushed, and counts every pop; a cell reachable from two neighbours is pushed and counted twice.',
      zh: '',
    },
    why: {
      en: 'marks a cell visited when it is popped, not when it is pushed, and counts every pop; a cell reachable from two neighbours is pushed and counted twice.',
      zh: '',
    },
    file: 'zoo/marks-visited-on-pop.ts',
  },
  {
    id: 'recursive-dfs',
    hint: {
      en: 'recursive DFS, the textbook answer; on a 1000 x 1000 island the recursion is ~10^6 deep and overflows the call stack.',
      zh: '',
    },
    why: {
      en: 'recursive DFS, the textbook answer; on a 1000 x 1000 island the recursion is ~10^6 deep and overflows the call stack.',
      zh: '',
    },
    file: 'zoo/recursive-dfs.ts',
  },
  {
    id: 'reexplores-from-every-cell',
    hint: {
      en: 'starts a fresh BFS (with its own visited set) from every land cell, so each island of area A is explored A times: O((R·C)^2).',
      zh: '',
    },
    why: {
      en: 'starts a fresh BFS (with its own visited set) from every land cell, so each island of area A is explored A times: O((R·C)^2).',
      zh: '',
    },
    file: 'zoo/reexplores-from-every-cell.ts',
  },
  {
    id: 'sinks-visited-cells',
    hint: {
      en: 'marks visited land by writing 0 into the grid ("sink the island"), the common LeetCode trick; the caller\'s grid is destroyed.',
      zh: '',
    },
    why: {
      en: 'marks visited land by writing 0 into the grid ("sink the island"), the common LeetCode trick; the caller\'s grid is destroyed.',
      zh: '',
    },
    file: 'zoo/sinks-visited-cells.ts',
  },
  {
    id: 'truthy-cells-as-land',
    hint: {
      en: "no value check, and `if (grid[r][c])` takes any truthy cell (2, -1, 0.5, '1', true) for land and any falsy one (NaN, null) for water, instead of throwing RangeError.",
      zh: '',
    },
    why: {
      en: "no value check, and `if (grid[r][c])` takes any truthy cell (2, -1, 0.5, '1', true) for land and any falsy one (NaN, null) for water, instead of throwing RangeError.",
      zh: '',
    },
    file: 'zoo/truthy-cells-as-land.ts',
  },
]);
