// Your own properties for merge-k-lists. Run them: npm run kata -- selftest merge-k-lists
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest merge-k-lists
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildList, listValues, sortedLists } from '../../kits/merge-k-lists/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './merge-k-lists.ts';

const properties: Properties<typeof Kata> = ({ mergeKLists }) => [
  {
    name: 'the merged list is in ascending order',
    property: fc.property(sortedLists(), (lists) => {
      const total = lists.reduce((n, list) => n + list.length, 0);
      const merged = listValues(mergeKLists(lists.map((list) => buildList(list))), total);
      for (let i = 1; i < merged.length; i++) {
        assert.ok((merged[i - 1] as number) <= (merged[i] as number), `not sorted: [${merged}]`);
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: the merge equals lists.flat().sort((a, b) => a - b) (nothing lost, nothing invented)
  //   对照：结果等于把所有链表摊平后按数值排序
  // - null exactly when every list is empty  所有链表都为空时（且仅此时）返回 null
  // - doubles merge like integers: sortedDoubleLists  浮点数与整数一样按数值合并
  // - complexity: buildList(values, counter) counts reads of val; compare with N·log2(k)
  //   复杂度：buildList(values, counter) 统计 val 的读取次数，与 N·log2(k) 比较
];

export default properties;
