// Your own properties for beam-search. Run them: npm run kata -- selftest beam-search
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest beam-search
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Properties } from '../../src/harness/properties.ts';
import { beamCase, optionsOf, stepOf } from '../../kits/beam-search/inputs.ts';
import type * as Kata from './beam-search.ts';

const properties: Properties<typeof Kata> = ({ beamSearch }) => [
  {
    name: 'every result ends in EOS or has maxNewTokens tokens, and results are sorted by score',
    property: fc.property(beamCase, (c) => {
      const got = beamSearch(stepOf(c), optionsOf(c));
      got.forEach((h, i) => {
        const what = `${JSON.stringify(c)}: result ${i} ${JSON.stringify(h)}`;
        assert.ok(h.tokens.at(-1) === c.eosTokenId || h.tokens.length === c.maxNewTokens, what);
        if (i > 0) assert.ok(h.score <= (got[i - 1] as Kata.Hypothesis).score, `${what}: sorted`);
      });
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - numBeams 1 equals a greedy loop (argmax, lowest id on ties, stop at EOS; score Σ / len ** lp)
  //   numBeams 为 1 时等于贪心循环（argmax，并列取最小 id，遇 EOS 停止；分数 Σ / len ** lp）
  // - with numBeams >= V ** maxNewTokens the best score equals exhaustive search over complete sequences
  //   numBeams >= V ** maxNewTokens 时最好的分数等于对所有完整序列穷举的结果
  // - score equals the recomputed Σ log-probs / len ** lengthPenalty (len counts EOS, not the prompt)
  //   score 等于重新计算的 Σ log-prob / len ** lengthPenalty（len 计入 EOS，不计 prompt）
  // - wrap step to count calls: once per running beam per position, never after the pool is full
  //   包一层 step 来计数：每个位置每个运行中的束一次，池子满了之后不再调用
];

export default properties;
