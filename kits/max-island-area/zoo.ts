import { defineZoo } from '../../src/kit/zoo.ts';

const FOUR_NEIGHBOURS =
  '        for (const [nr, nc] of [\n          [cr + 1, cc],\n          [cr - 1, cc],\n          [cr, cc + 1],\n          [cr, cc - 1],\n        ] as const) {';

export default defineZoo([
  {
    id: 'accepts-ragged-rows',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'What if one row is shorter or longer than the first?',
      zh: '如果某一行比第一行短或长呢？',
    },
    why: {
      en: 'Checks the cell values but not that every row has as many cells as the first: a short row reads undefined past its end (taken for water) and a long row is cut off, so [[1,0],[1]] answers 2 instead of throwing RangeError.',
      zh: '检查了格子的值，却没检查每一行的长度是否与第一行相同：短行越界读到 undefined（被当成水），长行被截断，于是 [[1,0],[1]] 返回 2，而不是抛出 RangeError。',
    },
    edits: [
      [
        '    if (row.length !== cols) throw new RangeError(`grid[${r}] has ${row.length} cells, expected ${cols}`);\n',
        '',
      ],
    ],
  },
  {
    id: 'assumes-square-grid',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'Try a grid that is wider than it is tall, with land only in the last columns.',
      zh: '试试宽大于高、只在最后几列有陆地的网格。',
    },
    why: {
      en: 'Uses grid.length as the width too (the n x n habit from square-matrix problems): on a wide grid the columns past the row count are never visited, so [[0,0,0,0,1,1],[0,0,0,0,0,1]] answers 0 instead of 3.',
      zh: '把 grid.length 也当成宽度（方阵题目里 n x n 的习惯）：在宽网格上，超过行数的列永远不会被访问，于是 [[0,0,0,0,1,1],[0,0,0,0,0,1]] 返回 0 而不是 3。',
    },
    edits: [['  const cols = validate(grid);', '  validate(grid);\n  const cols = rows;']],
  },
  {
    id: 'counts-islands',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'Many small islands and one bigger one: what does it return?',
      zh: '许多小岛加一座大一些的岛：它返回什么？',
    },
    why: {
      en: 'Returns the number of islands (LeetCode 200, "Number of Islands") instead of the largest area; the two problems share a template, and on grids with one island of size 1 they even agree.',
      zh: '返回岛屿的个数（LeetCode 200“岛屿数量”）而不是最大面积；两道题共用同一个模板，在只有一座面积为 1 的岛时结果甚至一样。',
    },
    edits: [['      best = Math.max(best, area);', '      best += 1;']],
  },
  {
    id: 'eight-connectivity',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'Do cells that touch only at a corner belong to the same island?',
      zh: '只在角上相接的格子属于同一座岛吗？',
    },
    why: {
      en: 'Also joins diagonal neighbours (8 directions), reading "adjacent" as "touching", a habit from game-of-life style grids: [[1,1,0],[0,1,0],[0,0,1]] answers 4 instead of 3.',
      zh: '把对角线上的邻居也连起来（8 个方向），把“相邻”理解成“接触”，这是生命游戏一类网格题的习惯：[[1,1,0],[0,1,0],[0,0,1]] 返回 4 而不是 3。',
    },
    edits: [
      [
        FOUR_NEIGHBOURS,
        '        for (const [nr, nc] of [\n          [cr + 1, cc],\n          [cr - 1, cc],\n          [cr, cc + 1],\n          [cr, cc - 1],\n          [cr + 1, cc + 1],\n          [cr + 1, cc - 1],\n          [cr - 1, cc + 1],\n          [cr - 1, cc - 1],\n        ] as const) {',
      ],
    ],
  },
  {
    id: 'empty-grid-crash',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'What does it do with [] (no rows at all)?',
      zh: '对 []（一行都没有）它怎么处理？',
    },
    why: {
      en: 'Reads grid[0].length for the width without checking for an empty grid, so [] crashes with a TypeError ("cannot read properties of undefined") instead of returning 0.',
      zh: '取宽度时直接读 grid[0].length，没有考虑空网格，于是 [] 因 TypeError（“cannot read properties of undefined”）崩溃，而不是返回 0。',
    },
    edits: [['  const cols = grid[0]?.length ?? 0;', '  const cols = grid[0]!.length;']],
  },
  {
    id: 'first-island-area',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'Is the largest island always the first one the scan meets?',
      zh: '最大的岛一定是扫描最先遇到的那座吗？',
    },
    why: {
      en: 'Returns as soon as the first island is measured (a return where the running maximum should be updated), so only the top-left island counts: [[1,0,1,1],[0,0,1,1]] answers 1 instead of 4.',
      zh: '量完第一座岛就返回（本该更新最大值的地方写成了 return），于是只算了左上角的那座岛：[[1,0,1,1],[0,0,1,1]] 返回 1 而不是 4。',
    },
    edits: [['      best = Math.max(best, area);', '      return area;']],
  },
  {
    id: 'marks-visited-on-pop',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'A cell can be reached from two of its neighbours: how often is it pushed and counted?',
      zh: '一个格子可能从它的两个邻居到达：它被压栈、被计数了几次？',
    },
    why: {
      en: 'Marks a cell visited when it is popped instead of when it is pushed, and counts every pop: a cell reachable from two neighbours is pushed twice before either copy is popped, so it is counted twice; a 2 x 2 block of land answers 5 or more instead of 4.',
      zh: '在弹栈时而不是压栈时标记已访问，并对每次弹栈计数：能从两个邻居到达的格子，在任何一份被弹出前就已经被压栈两次，于是被数了两次；2 x 2 的陆地块返回 5 或更多，而不是 4。',
    },
    edits: [
      ['      seen[r * cols + c] = 1;\n', ''],
      [
        '        const [cr, cc] = stack.pop()!;',
        '        const [cr, cc] = stack.pop()!;\n        seen[cr * cols + cc] = 1;',
      ],
      ['            seen[nr * cols + nc] = 1;\n', ''],
    ],
  },
  {
    id: 'reexplores-from-every-cell',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'Right answers: count the work on a 200 x 200 grid of land.',
      zh: '答案都对：数一数在 200 x 200 全是陆地的网格上做了多少工作。',
    },
    why: {
      en: 'Creates the visited array afresh for every starting cell, so every land cell explores its whole island again: right areas, but O((R·C)²), about 1.6·10^9 cell visits for a 200 x 200 island where one flood fill per island visits 40000.',
      zh: '每个起点都重新建一个“已访问”数组，于是每个陆地格子都把整座岛重新探索一遍：面积正确，但复杂度是 O((R·C)²)；200 x 200 的岛要访问约 1.6·10^9 次格子，而每座岛只灌水一次只需 40000 次。',
    },
    edits: [
      ['  const seen = new Uint8Array(rows * cols);\n', ''],
      [
        '      if (grid[r]![c] !== 1 || seen[r * cols + c]) continue;',
        '      const seen = new Uint8Array(rows * cols);\n      if (grid[r]![c] !== 1 || seen[r * cols + c]) continue;',
      ],
    ],
  },
  {
    id: 'sinks-visited-cells',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'Look at the grid after the call.',
      zh: '调用之后看看网格。',
    },
    why: {
      en: 'Marks visited cells by "sinking" them (writing 0 into the grid), the in-place trick from LeetCode editorials: the answer is right, but the caller\'s grid comes back all water where land was, and the contract says the grid must be unchanged.',
      zh: '用“沉岛”的办法标记已访问（往网格里写 0），这是 LeetCode 题解里常见的原地技巧：答案正确，但调用者的网格被改成了一片水，而契约要求网格保持不变。',
    },
    edits: [
      ['      seen[r * cols + c] = 1;', '      (grid[r] as number[])[c] = 0;'],
      ['            seen[nr * cols + nc] = 1;', '            (grid[nr] as number[])[nc] = 0;'],
    ],
  },
  {
    id: 'truthy-cells-as-land',
    base: 'alt-stack-of-pairs',
    hint: {
      en: "Try a cell holding 2, or the string '1'.",
      zh: "试试值为 2 或字符串 '1' 的格子。",
    },
    why: {
      en: "Treats the cells as booleans: never checks that they are 0 or 1, and counts any truthy cell as land, so 2, '1' and true are land and NaN or null water, silent answers where the contract asks for a RangeError.",
      zh: "把格子当作布尔值：从不检查它们是否为 0 或 1，任何真值都算陆地，于是 2、'1'、true 成了陆地，NaN、null 成了水——契约要求抛出 RangeError 的地方给出了无声的答案。",
    },
    edits: [
      [
        '    for (const v of row) if (v !== 0 && v !== 1) throw new RangeError(`cells must be 0 or 1, got ${String(v)}`);\n',
        '',
      ],
      [
        '      if (grid[r]![c] !== 1 || seen[r * cols + c]) continue;',
        '      if (!grid[r]![c] || seen[r * cols + c]) continue;',
      ],
      ['grid[nr]![nc] === 1 && !seen[nr * cols + nc]', 'grid[nr]![nc] && !seen[nr * cols + nc]'],
    ],
  },
  {
    id: 'shift-queue-bfs',
    base: 'alt-stack-of-pairs',
    hint: {
      en: 'Right answers: what does taking the next cell from the front of the array cost when the frontier is long?',
      zh: '答案都对：前沿很长时，从数组头部取下一个格子要花多少？',
    },
    why: {
      en: 'Turns the search into a breadth-first search with queue.shift(), the usual JavaScript queue: shift moves every remaining element, so each cell costs the length of the frontier, about 140·R·C steps on a 200 x 200 island against a budget of 20·R·C. A queue needs a head index (or a stack).',
      zh: '用 queue.shift() 把搜索改成了广度优先，这是 JavaScript 里常见的队列写法：shift 要移动剩下的所有元素，于是每个格子都要付出前沿长度的代价，在 200 x 200 的岛上约 140·R·C 步，而预算是 20·R·C。队列要用头指针（或者干脆用栈）。',
    },
    edits: [['        const [cr, cc] = stack.pop()!;', '        const [cr, cc] = stack.shift()!;']],
  },
  {
    id: 'recursive-dfs',
    hint: {
      en: 'Right answers on small grids: how deep does the call stack get on one big island?',
      zh: '小网格上答案都对：在一座大岛上调用栈有多深？',
    },
    why: {
      en: 'Flood-fills with a recursive depth-first search, the textbook version: one stack frame per cell on the current path, so a 200 x 200 island (a search path of tens of thousands of cells), let alone a 1000 x 1000 one, overflows the call stack ("Maximum call stack size exceeded").',
      zh: '用递归的深度优先搜索灌水，这是教科书写法：当前路径上每个格子占一层栈帧，于是 200 x 200 的岛（搜索路径长达数万个格子）就会让调用栈溢出，1000 x 1000 的岛更不用说（“Maximum call stack size exceeded”）。',
    },
    file: 'zoo/recursive-dfs.ts',
  },
  {
    id: 'copy-then-reexplore',
    hint: {
      en: 'Right answers, and each grid cell is read only once: count the work it does on its own copy.',
      zh: '答案都对，而且每个网格格子只读一次：数一数它在自己的副本上做了多少工作。',
    },
    why: {
      en: 'Copies the grid once (so each input cell is read once, which fools a read counter), then floods from every land cell with a fresh visited array instead of clearing cells in the copy: O((R·C)²) work on the copy, far over 20·R·C on a 200 x 200 island.',
      zh: '先把网格复制一份（于是每个输入格子只读一次，能骗过统计读取次数的检查），然后从每个陆地格子出发、用新的已访问数组灌水，而不是在副本里清除已访问的格子：在副本上做了 O((R·C)²) 的工作，在 200 x 200 的岛上远超 20·R·C。',
    },
    edits: [
      [
        '    if (land[start] === 0) continue;\n    land[start] = 0;',
        '    if (land[start] === 0) continue;\n    const seen = new Uint8Array(land.length);\n    seen[start] = 1;',
      ],
      [
        '        if (next >= 0 && land[next] === 1) {\n          land[next] = 0;',
        '        if (next >= 0 && land[next] === 1 && seen[next] === 0) {\n          seen[next] = 1;',
      ],
    ],
  },
  {
    id: 'no-row-type-check',
    hint: {
      en: "Which error does a row such as the string '0110' raise?",
      zh: "像字符串 '0110' 这样的行抛出的是哪种错误？",
    },
    why: {
      en: "Never checks that each row is an array: a string row has a length and indexes, so ['01','10'] reaches the cell check and throws a RangeError for the cell '0', where the contract asks for a TypeError (a wrong type, not a bad value).",
      zh: "从不检查每一行是不是数组：字符串也有 length 和下标，于是 ['01','10'] 走到了格子检查，因格子 '0' 抛出 RangeError，而契约要求 TypeError（类型不对，而不是值不合法）。",
    },
    edits: [
      [
        '  if (!Array.isArray(row)) throw new TypeError(`grid[${r}] must be an array of cells, got ${describe(row)}`);\n  return row;',
        '  return row as readonly number[];',
      ],
    ],
  },
  {
    id: 'array-like-grid-accepted',
    hint: {
      en: 'Pass something with a length and numbered rows that is not an array.',
      zh: '传入一个有 length 和编号行、但不是数组的对象。',
    },
    why: {
      en: 'Trusts the type annotation and never checks that grid itself is an array: { length: 1, 0: [1] } is answered 1 and a string grid reaches the row checks, where the contract asks for a TypeError at once.',
      zh: '相信类型标注，从不检查 grid 本身是不是数组：{ length: 1, 0: [1] } 得到 1，字符串网格也一路走到了行检查，而契约要求立即抛出 TypeError。',
    },
    edits: [
      [
        '  if (!Array.isArray(grid)) throw new TypeError(`grid must be an array of rows, got ${describe(grid)}`);\n',
        '',
      ],
    ],
  },
]);
