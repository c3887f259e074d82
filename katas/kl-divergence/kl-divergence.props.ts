// Your own properties for kl-divergence. Run them: npm run kata -- selftest kl-divergence
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest kl-divergence
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
import { distPair } from '../../kits/kl-divergence/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './kl-divergence.ts';

const properties: Properties<typeof Kata> = ({ klDivergence }) => [
  {
    name: 'KL(p‖q) ≥ 0 on every row, and the result has shape [...] (the last axis reduced)',
    property: fc.property(distPair, (c) => {
      // c: { shape: [..., V], p, q (logits, row-major, maybe -Infinity), scale, holes }, plain arrays.
      const kl = tf.tidy(() =>
        klDivergence(
          tf.tensor(Float32Array.from(c.p), c.shape, 'float32'),
          tf.tensor(Float32Array.from(c.q), c.shape, 'float32'),
        ),
      );
      try {
        assert.deepEqual(kl.shape, c.shape.slice(0, -1));
        const tolerance = 1e-4 * c.scale + 1e-6 * c.scale * c.scale; // float32 round-off
        for (const value of kl.dataSync()) assert.ok(value >= -tolerance, `KL = ${value} < 0`);
      } finally {
        kl.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: float64 loops, log-softmax by max + log Σ exp(x − max), then Σ p(log p − log q), skipping p = 0
  //   对照：float64 循环，log-softmax 用 max + log Σ exp(x − max)，再算 Σ p(log p − log q)，跳过 p = 0
  // - KL(p‖p) = 0; crossEntropy = entropy + klDivergence; a constant added to a row changes nothing
  //   KL(p‖p) = 0；交叉熵 = 熵 + KL；给某一行加常数结果不变
  // - klDivLoss (klDivLossCase): 'batchmean'·B = 'sum' = 'mean'·size; equals Σ klDivergence(p, q)
  //   for input = logSoftmax(q), target = softmax(p)
  //   klDivLoss：'batchmean'·B = 'sum' = 'mean'·元素数；input = logSoftmax(q)、target = softmax(p) 时等于 Σ KL(p‖q)
  // - finitePair: finite results for |logits| ≤ 1e4; V = 1 gives 0; no leaked tensors, also when it throws
  //   finitePair：|logits| ≤ 1e4 时结果有限；V = 1 时为 0；不泄漏张量（抛错时也不能）
  // - rank 0, V = 0, mismatched shapes, an unknown reduction, a negative target: RangeError
  //   rank 0、V = 0、形状不一致、未知 reduction、负的 target：抛 RangeError
];

export default properties;
