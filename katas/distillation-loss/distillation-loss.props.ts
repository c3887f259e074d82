// Your own properties for distillation-loss. Run them: npm run kata -- selftest distillation-loss
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest distillation-loss
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
import { distillCase } from '../../kits/distillation-loss/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './distillation-loss.ts';

const properties: Properties<typeof Kata> = ({ distillationLoss }) => [
  {
    name: 'loss, softLoss and hardLoss are finite scalars (shape []), and softLoss ≥ 0',
    property: fc.property(distillCase, (c) => {
      // c: { shape ([N, V] or [B, T, V]), student, teacher (logits, row-major), labels (one per position),
      //      opts (undefined, or some of temperature, alpha, direction, ignoreIndex), scale }, plain arrays.
      const r = tf.tidy(() => {
        const out = distillationLoss(
          tf.tensor(Float32Array.from(c.student), c.shape, 'float32'),
          tf.tensor(Float32Array.from(c.teacher), c.shape, 'float32'),
          tf.tensor(c.labels, c.shape.slice(0, -1), 'int32'),
          c.opts,
        );
        return [out.loss, out.softLoss, out.hardLoss];
      });
      try {
        for (const t of r) {
          assert.deepEqual(t.shape, []);
          assert.ok(Number.isFinite(t.dataSync()[0]), 'a loss is not finite');
        }
        const tolerance = 1e-3 * c.scale; // float32 round-off, times T² for the soft term
        assert.ok((r[1]?.dataSync()[0] as number) >= -tolerance, 'softLoss < 0');
      } finally {
        tf.dispose(r);
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: float64 loops per counted position: KL of log-softmax(x/T) rows, −log softmax(s)[label]; T²·mean, mean
  //   对照：对每个计入的位置做 float64 循环：x/T 的 log-softmax 求 KL，−log softmax(s)[label]；T²·平均、平均
  // - student = teacher: softLoss = 0; alpha = 1: loss = softLoss; alpha = 0: loss = hardLoss
  //   student = teacher 时 softLoss = 0；alpha = 1 时 loss = softLoss；alpha = 0 时 loss = hardLoss
  // - 'reverse' on (s, t) = 'forward' on (t, s) for softLoss; new logits at ignored positions change nothing
  //   (s, t) 的 'reverse' 等于 (t, s) 的 'forward'（softLoss）；改动被忽略位置的 logits 结果不变
  // - logits ±1e4 stay finite; V = 1 gives 0; no leaked tensors, also when it throws
  //   ±1e4 的 logits 结果有限；V = 1 时为 0；不泄漏张量（抛错时也不能）
  // - T ≤ 0, alpha outside [0, 1], an unknown direction, all labels ignored, a label ≥ V: RangeError
  //   T ≤ 0、alpha 不在 [0, 1]、未知 direction、所有标签都被忽略、标签 ≥ V：抛 RangeError
];

export default properties;
