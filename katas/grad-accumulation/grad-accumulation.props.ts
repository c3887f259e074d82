// Your own properties for grad-accumulation. Run them: npm run kata -- selftest grad-accumulation
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest grad-accumulation
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accumulationCase } from '../../kits/grad-accumulation/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './grad-accumulation.ts';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

const properties: Properties<typeof Kata> = ({ accumulate, fullBatchLossAndGrad }) => [
  {
    name: "'global-token-mean' accumulation equals the full batch",
    property: fc.property(accumulationCase, ({ theta, mbs }) => {
      const acc = accumulate(theta, mbs, 'global-token-mean');
      const full = fullBatchLossAndGrad(theta, mbs);
      assert.ok(close(acc.loss, full.loss), `loss ${acc.loss} vs ${full.loss}`);
      full.grad.forEach((g, j) => {
        assert.ok(close(acc.grad[j] as number, g), `grad[${j}] ${acc.grad[j]} vs ${g}`);
      });
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: put all tokens in one list, Σ m·(x·θ − y)² ÷ Σ m, written out by hand
  //   对照：把所有 token 放进一个列表，手写 Σ m·(x·θ − y)² ÷ Σ m
  // - every token masked: loss 0 and grad all zeros, never NaN  全部被遮蔽：loss 为 0、梯度全 0，不能是 NaN
  // - reversing the micro-batches, or merging them into one, changes nothing
  //   反转微批次的顺序，或合并成一个微批次，结果不变
  // - equal valid counts per micro-batch (equalCountCase): 'mean-of-means' equals the full batch
  //   每个微批次有效 token 数相同（equalCountCase）时，'mean-of-means' 等于全批次
  // - bestCheckpointSegment(L): compare with a scan of every k; memory <= L once L >= 4; ties → smallest k
  //   bestCheckpointSegment(L)：与枚举所有 k 的结果比较；L >= 4 时 memory <= L；并列时取最小的 k
];

export default properties;
