// Your own properties for max-island-area. Run them: npm run kata -- selftest max-island-area
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest max-island-area
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyGrid } from '../../kits/max-island-area/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './max-island-area.ts';

const properties: Properties<typeof Kata> = ({ maxAreaOfIsland }) => [
  {
    name: 'the answer is at most the number of land cells',
    property: fc.property(anyGrid, (grid) => {
      const land = grid.flat().filter((cell) => cell === 1).length;
      assert.ok(maxAreaOfIsland(grid) <= land, JSON.stringify(grid));
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: your own union-find (or BFS) on small grids  对照：自己写一个并查集（或 BFS）
  // - 0 exactly when there is no land; the grid is unchanged afterwards (compare with a copy)
  //   没有陆地时（且仅此时）为 0；调用后网格不变（与副本比较）
  // - transposing or mirroring keeps the answer; one more land cell never lowers it (nonEmptyGrid)
  //   转置或镜像答案不变；多一块陆地答案不会变小
  // - a cell that is not 0 or 1 (badCell), or a ragged row, throws RangeError
  //   出现非 0/1 的格子（badCell）或行长不一致时抛 RangeError
  // - a 1000 × 1000 island must not overflow the stack  1000 × 1000 的岛不能栈溢出
];

export default properties;
