// Your own properties for ppo-gae. Run them: npm run kata -- selftest ppo-gae
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest ppo-gae
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
import { lossCase, trajectory } from '../../kits/ppo-gae/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './ppo-gae.ts';

const properties: Properties<typeof Kata> = ({ gae, ppoLoss }) => [
  {
    name: 'returns = advantages + values',
    property: fc.property(trajectory, (c) => {
      // c: { rewards, values, dones (0/1), lastValue, gamma, lambda }, T = 1..10 steps.
      const { advantages, returns } = gae(c.rewards, c.values, c.dones, c.lastValue, c.gamma, c.lambda);
      assert.equal(returns.length, c.rewards.length);
      for (const [t, a] of advantages.entries()) {
        assert.ok(Math.abs((returns[t] as number) - a - (c.values[t] as number)) < 1e-9, `step ${t}`);
      }
    }),
  },
  {
    name: 'the entropy term of ppoLoss is never negative for entropies ≥ 0',
    property: fc.property(lossCase, (c) => {
      // c: eight [B][T] number[][] (logProbs, oldLogProbs, advantages, values, oldValues, returns, entropy, mask).
      const value = tf.tidy(() => {
        const t = (rows: number[][]) => tf.tensor2d(rows);
        const out = ppoLoss({
          logProbs: t(c.logProbs),
          oldLogProbs: t(c.oldLogProbs),
          advantages: t(c.advantages),
          values: t(c.values),
          oldValues: t(c.oldValues),
          returns: t(c.returns),
          entropy: t(c.entropy),
          mask: t(c.mask),
        });
        return out.entropy.dataSync()[0] as number;
      });
      assert.ok(value >= 0, `entropy ${value}`);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - pinned vector: gae([1,2,3], [0.5,1,1.5], [0,1,0], 2, 0.9, 0.8) → advantages [2.12, 1, 3.3]
  //   固定向量：gae([1,2,3], [0.5,1,1.5], [0,1,0], 2, 0.9, 0.8) → advantages [2.12, 1, 3.3]
  // - λ = 0 gives the one-step TD error; λ = 1 gives discounted returns minus values (within the episode)
  //   λ = 0 得到一步 TD 误差；λ = 1 得到（episode 内的）折扣回报减价值
  // - steps after a done do not change the advantages before it   done 之后的步骤不影响它之前的优势
  // - logProbs = oldLogProbs: policyLoss = −masked mean(A), clipFraction 0, approxKL 0
  //   logProbs = oldLogProbs 时：policyLoss = −(A 的 masked 均值)，clipFraction 与 approxKL 为 0
  // - values under the mask's zeros do not matter; no leaked tensors; an all-zero mask throws RangeError
  //   mask 为 0 处的值不影响结果；没有张量泄漏；全 0 的 mask 抛 RangeError
];

export default properties;
