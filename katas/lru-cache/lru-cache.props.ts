// Your own properties for lru-cache. Run them: npm run kata -- selftest lru-cache
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest lru-cache
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Key, lruScenario, runOps } from '../../kits/lru-cache/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './lru-cache.ts';

const properties: Properties<typeof Kata> = ({ LRUCache }) => [
  {
    name: 'an LRUCache never holds more than capacity entries',
    property: fc.property(lruScenario, ({ capacity, ops }) => {
      for (const step of runOps(new LRUCache<Key, number>(capacity), ops, false)) {
        assert.ok(step.size <= capacity, `size ${step.size} > capacity ${capacity} after ${step.call}`);
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: a brute-force cache with a use counter per entry; runOps on both must agree step by step
  //   对照：每个条目带使用计数的暴力缓存；两者的 runOps 结果必须逐步一致
  // - the key just put is the last of keys(); a get hit moves its key to the end
  //   刚 put 的键是 keys() 的最后一个；命中的 get 把键移到末尾
  // - SizedLRUCache (sizedScenario): bytes <= maxBytes after every call, and a put larger than
  //   maxBytes throws RangeError and leaves keys() and bytes as they were
  //   SizedLRUCache：每次调用后 bytes <= maxBytes；超过 maxBytes 的 put 抛 RangeError，keys() 和 bytes 不变
  // - work: the second argument is { counted, measure }; busyOps(20_000, 1500, seed) on a
  //   counted.LRUCache(1000) must stay within 30 steps per call. Map iterators are charged only
  //   inside chargingIteration (kits/lru-cache/iteration-work.ts), as in the hidden suite.
  //   工作量：第二个参数是 { counted, measure }；在 counted.LRUCache(1000) 上执行 busyOps(20_000, 1500, seed)，
  //   每次调用不超过 30 步。Map 迭代器只在 chargingIteration 内计费，与隐藏测试相同。
];

export default properties;
