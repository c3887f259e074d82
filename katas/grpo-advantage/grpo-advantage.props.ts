// Your own properties for grpo-advantage. Run them: npm run kata -- selftest grpo-advantage
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest grpo-advantage
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Tensors: build them from the arbitrary's plain data inside the property, and dispose them (or use
// tf.tidy); to test for leaks, compare tf.memory().numTensors before and after, outside any tidy.
// 张量：在性质内部用生成器给出的普通数据创建，用完释放（或用 tf.tidy）；
// 检查泄漏时，在任何 tidy 之外比较调用前后的 tf.memory().numTensors。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { lossCase, rewardScale, rewardsCase } from '../../kits/grpo-advantage/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './grpo-advantage.ts';

const properties: Properties<typeof Kata> = ({ groupAdvantages, k3Kl }) => [
  {
    name: 'the advantages of every group sum to 0',
    property: fc.property(rewardsCase, rewardScale, ({ rewards, groupSize }, scale) => {
      // rewards: N = groups·G numbers (multiples of 1/2); groupSize: G in 2..6.
      const out = groupAdvantages(rewards, groupSize, { scale });
      assert.equal(out.length, rewards.length);
      for (let s = 0; s < out.length; s += groupSize) {
        const sum = out.slice(s, s + groupSize).reduce((a, b) => a + b, 0);
        assert.ok(Math.abs(sum) < 1e-9, `group at ${s} sums to ${sum}`);
      }
    }),
  },
  {
    name: 'k3 is never negative',
    property: fc.property(lossCase, (c) => {
      // c.logp and c.refLogp are [B][L] number[][] log-probabilities.
      const values = tf.tidy(() => k3Kl(tf.tensor2d(c.logp), tf.tensor2d(c.refLogp)).dataSync());
      assert.ok(values.every((v) => v >= 0));
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - pinned vector: [1,0,0,1, 3,3,3,0], G=4 → [0.865875, −0.865875, …, 0.499967, …, −1.4999]
  //   固定向量：[1,0,0,1, 3,3,3,0]，G=4 的结果（见题面）
  // - adding a constant to one group leaves 'group' advantages unchanged; scaling by k > 0 (almost) too
  //   给某一组整体加常数，'group' 优势不变；整体乘以 k > 0 也（几乎）不变
  // - a constant group gives 0, never NaN, even with eps 0   常数组得到 0（eps 为 0 时也不能是 NaN）
  // - logp = oldLogp and beta 0: grpoLoss = −(mean of A) ('sequence')   logp = oldLogp 且 beta 为 0 时损失为 −mean(A)
  // - a float64 loop over every token, straight from the README's formula   逐 token 的 float64 对照实现
  // - no leaked tensors; shape mismatches, G < 2, an all-masked row throw RangeError
  //   没有张量泄漏；形状不符、G < 2、整行被 mask 时抛 RangeError
];

export default properties;
