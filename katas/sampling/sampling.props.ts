// Your own properties for sampling. Run them: npm run kata -- selftest sampling
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest sampling
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Properties } from '../../src/harness/properties.ts';
import { topKCase } from '../../kits/sampling/inputs.ts';
import type * as Kata from './sampling.ts';

const properties: Properties<typeof Kata> = ({ topKFilter }) => [
  {
    name: 'top-k keeps every logit with fewer than k strictly larger ones (ties kept), the rest → -Infinity',
    property: fc.property(topKCase, ({ logits, k }) => {
      const out = topKFilter([...logits], k);
      logits.forEach((v, i) => {
        const larger = logits.filter((w) => w > v).length;
        assert.equal(
          out[i],
          larger < k ? v : Number.NEGATIVE_INFINITY,
          `entry ${i} of ${JSON.stringify(logits)}, k=${k}`,
        );
      });
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - top-p (topPCase): the kept tokens are a most-probable prefix with softmax mass >= p, ties → lower index
  //   top-p（topPCase）：保留的是质量 >= p 的最可能前缀，并列时下标小的优先
  // - repetitionPenalty (penaltyCase): penalty 1 is the identity; repeating `previous` changes nothing;
  //   a seen negative logit gets more negative   penalty 为 1 时不变；重复 previous 不影响；见过的负 logit 变得更负
  // - sampleToken (sampleCase): calls rng exactly once; same seed (seededUniform) → same tokens
  //   sampleToken（sampleCase）：恰好调用一次 rng；同一种子 → 同样的 token
  // - frequencies over 10^4 seeded draws within 4σ of the softmax probabilities
  //   10^4 次带种子的抽样中，频率与 softmax 概率相差不超过 4σ
];

export default properties;
