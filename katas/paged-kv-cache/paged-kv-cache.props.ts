// Your own properties for paged-kv-cache. Run them: npm run kata -- selftest paged-kv-cache
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest paged-kv-cache
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Op, scenario } from '../../kits/paged-kv-cache/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './paged-kv-cache.ts';

/** Plays the calls, ignoring the ones that throw (unknown ids, a full pool, …). */
function play(cache: Kata.PagedKVCache, ops: readonly Op[]): void {
  for (const op of ops) {
    try {
      if (op.op === 'add') cache.addSequence(op.id);
      else if (op.op === 'append') cache.append(op.id, op.key, op.value);
      else if (op.op === 'fork') cache.fork(op.parent, op.child);
      else cache.free(op.id);
    } catch {
      // a refused call must change nothing; another property can check that
    }
  }
}

const properties: Properties<typeof Kata> = ({ PagedKVCache }) => [
  {
    name: 'numFreeBlocks = numBlocks − the number of distinct blocks in all block tables',
    property: fc.property(scenario, ({ numBlocks, blockSize, headDim, ops }) => {
      const cache = new PagedKVCache({ numBlocks, blockSize, headDim });
      play(cache, ops);
      const used = new Set<number>();
      for (const id of ['a', 'b', 'c', 'd']) {
        try {
          for (const block of cache.blockTable(id)) used.add(block);
        } catch {
          // not a live sequence
        }
      }
      assert.equal(cache.numFreeBlocks, numBlocks - used.size);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: keep each sequence's keys as plain arrays (copied on fork); after every call, keys(id)
  //   and the rows of keyPool at slotOf(id, p) must equal them
  //   对照：把每个序列的 key 存为普通数组（fork 时复制）；每次调用后 keys(id) 和 keyPool 中 slotOf(id, p) 处的行都必须与之相等
  // - no leak: free every live sequence at the end; numFreeBlocks must be numBlocks again
  //   无泄漏：最后释放所有存活序列，numFreeBlocks 必须回到 numBlocks
  // - attention: pagedAttention(cache, id, q) equals softmax(q·Kᵀ/√d)V computed on keys(id), values(id)
  //   注意力：pagedAttention(cache, id, q) 等于用 keys(id)、values(id) 计算的 softmax(q·Kᵀ/√d)V
  // - work: the second argument is { counted, measure }; 3000 appends to one sequence of a
  //   counted.PagedKVCache({ numBlocks: 800, blockSize: 4, headDim: 4 }) within 3000·(12·4 + 40) steps
  //   工作量：第二个参数是 { counted, measure }；对 counted.PagedKVCache 的一个序列 append 3000 次，不超过 3000·(12·4 + 40) 步
];

export default properties;
