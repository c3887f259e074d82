// Your own properties for speculative-decoding. Run them: npm run kata -- selftest speculative-decoding
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest speculative-decoding
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Properties } from '../../src/harness/properties.ts';
import { inputOf, stepCase, uniformOf } from '../../kits/speculative-decoding/inputs.ts';
import type * as Kata from './speculative-decoding.ts';

const properties: Properties<typeof Kata> = ({ speculativeStep }) => [
  {
    name: 'tokens = the first `accepted` draft tokens + one more; accepted ≤ K',
    property: fc.property(stepCase, (c) => {
      const got = speculativeStep(inputOf(c, uniformOf(c).uniform));
      const what = `${JSON.stringify(c)} → ${JSON.stringify(got)}`;
      assert.ok(got.accepted >= 0 && got.accepted <= c.draftTokens.length, what);
      assert.equal(got.tokens.length, got.accepted + 1, what);
      assert.deepEqual(got.tokens.slice(0, got.accepted), c.draftTokens.slice(0, got.accepted), what);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - uniform is called accepted + 2 times after a rejection, K + 1 times when all are accepted
  //   拒绝时 uniform 被调用 accepted + 2 次，全部接受时 K + 1 次
  // - sameModelCase (draft rows = target rows): every draft token is accepted, then a bonus token
  //   sameModelCase（草稿行 = 目标行）：每个草稿 token 都被接受，然后一个奖励 token
  // - a uniform source returning chosen values pins each branch: u equal to p/q rejects (strict)
  //   用返回指定值的均匀源固定每个分支：u 等于 p/q 时拒绝（严格）
  // - 20000 seeded rounds with draft tokens drawn from q: the first token's frequencies ≈ p_0
  //   20000 轮带种子的运行（草稿 token 从 q 抽取）：第一个 token 的频率 ≈ p_0
];

export default properties;
