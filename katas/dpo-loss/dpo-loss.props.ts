// Your own properties for dpo-loss. Run them: npm run kata -- selftest dpo-loss
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest dpo-loss
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
import { dpoCase } from '../../kits/dpo-loss/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './dpo-loss.ts';

const properties: Properties<typeof Kata> = ({ dpoLoss }) => [
  {
    name: 'policy = reference gives ln 2 for every pair (sigmoid, any β and ε)',
    property: fc.property(dpoCase, (c) => {
      // c: { policyChosen, policyRejected, refChosen, refRejected (plain arrays of length N), opts }.
      const losses = tf.tidy(() => {
        const chosen = tf.tensor1d(c.policyChosen);
        const rejected = tf.tensor1d(c.policyRejected);
        return dpoLoss(chosen, rejected, chosen, rejected, { ...c.opts, lossType: 'sigmoid' }).losses;
      });
      try {
        assert.deepEqual(losses.shape, [c.policyChosen.length]);
        for (const x of losses.dataSync()) assert.ok(Math.abs(x - Math.LN2) < 1e-5, `loss ${x}, expected ln 2`);
      } finally {
        losses.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: a float64 loop over the four arrays: h, then softplus / (h − 1/(2β))² / max(0, 1 − βh)
  //   对照：对四个数组做 float64 循环：先算 h，再按 softplus、(h − 1/(2β))²、max(0, 1 − βh) 计算
  // - pinned vectors: (−1, −3, −2, −2) → 0.598139; (−5, −4, −6, −3) gives the same (h = 2 both times)
  //   固定向量：(−1, −3, −2, −2) → 0.598139；(−5, −4, −6, −3) 结果相同（h 都是 2）
  // - adding c to policyChosen and refChosen changes nothing; swapping chosen/rejected maps h → −h
  //   给 policyChosen 和 refChosen 同加 c 结果不变；交换 chosen/rejected 相当于 h → −h
  // - sequenceLogProbs (seqCase): equals a float64 loop with the shift; labels[:, 0] does not matter
  //   sequenceLogProbs（seqCase）：与带移位的 float64 循环一致；labels[:, 0] 不影响结果
  // - βh = −1000 gives 1000; no leaked tensors; β ≤ 0, ε ∉ [0, 0.5), length mismatch throw RangeError
  //   βh = −1000 得到 1000；没有张量泄漏；β ≤ 0、ε ∉ [0, 0.5)、长度不一致时抛 RangeError
];

export default properties;
