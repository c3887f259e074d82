// Your own properties for masked-loss. Run them: npm run kata -- selftest masked-loss
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest masked-loss
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
import { lossCase } from '../../kits/masked-loss/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './masked-loss.ts';

const properties: Properties<typeof Kata> = ({ maskedCrossEntropy }) => [
  {
    name: 'maskedCrossEntropy returns a finite scalar (shape [])',
    property: fc.property(lossCase, (c) => {
      // c: { shape: { B, T, V }, logits (B·T·V), targets (B·T), mask (B·T) }, plain arrays.
      const { B, T, V } = c.shape;
      const loss = tf.tidy(() =>
        maskedCrossEntropy(
          tf.tensor3d(Float32Array.from(c.logits), [B, T, V], 'float32'),
          tf.tensor2d(c.targets, [B, T], 'int32'),
          tf.tensor2d(Float32Array.from(c.mask), [B, T], 'float32'),
        ),
      );
      try {
        assert.deepEqual(loss.shape, []);
        assert.ok(Number.isFinite(loss.dataSync()[0]), 'the loss is not finite');
      } finally {
        loss.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: a float64 loop, sum(mask·nll) / sum(mask) with nll = logsumexp − logit[target]; 0 when sum(mask) = 0
  //   对照：float64 循环计算 sum(mask·nll) / sum(mask)；sum(mask) = 0 时为 0
  // - scaling the mask by c > 0, changing targets under mask 0, shifting one position's logits: no change
  //   mask 乘以 c > 0、改动 mask 为 0 处的目标、给某位置的 logits 加常数：结果都不变
  // - causalLmLoss (causalCase, randomLabels) equals maskedCrossEntropy on logits[:, :-1], labels[:, 1:]
  //   causalLmLoss 等于在 logits[:, :-1]、labels[:, 1:] 上的 maskedCrossEntropy
  // - logits [1e4, 0, −1e4] stay finite; V = 1 works; no leaked tensors, also when it throws
  //   大 logits 不溢出；V = 1 可用；没有张量泄漏（抛错时也不能泄漏）
  // - a negative or NaN weight, or an out-of-range counted target, throws RangeError
  //   负数或 NaN 的权重、越界的有效目标抛 RangeError
];

export default properties;
