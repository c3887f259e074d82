import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'max-island-area',
  title: {
    en: 'Max area of island',
    zh: '岛屿的最大面积',
  },
  minutes: 15,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['graph', 'bfs', 'dfs', 'grid', 'union-find'],
  seed: [56],
  hints: [
    {
      en: 'Visit every land cell once; each unvisited land cell starts a new island.',
      zh: '每个陆地格子只访问一次；每遇到一个未访问的陆地格子就开始一个新岛屿。',
    },
    {
      en: 'Recursion on a 1000 x 1000 island overflows the stack: use an explicit stack or queue.',
      zh: '在 1000 x 1000 的岛屿上递归会栈溢出：用显式的栈或队列。',
    },
    {
      en: 'Keep visited cells in your own Uint8Array instead of writing 0s into the grid; the grid must stay unchanged. Check every row and cell once up front: TypeError for a non-array grid or row, RangeError for ragged rows or a cell other than 0 or 1.',
      zh: '用自己的 Uint8Array 记录已访问，不要往 grid 里写 0；grid 必须保持不变。先把每一行、每个格子检查一遍：grid 或某行不是数组抛 TypeError，行长不一致或格子不是 0/1 抛 RangeError。',
    },
  ],
});
