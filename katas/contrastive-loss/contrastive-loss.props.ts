// Your own properties for contrastive-loss. Run them: npm run kata -- selftest contrastive-loss
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest contrastive-loss
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
import { clipCase } from '../../kits/contrastive-loss/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './contrastive-loss.ts';

const properties: Properties<typeof Kata> = ({ clipLoss }) => [
  {
    name: 'swapping images and texts keeps the loss',
    property: fc.property(clipCase, (c) => {
      // c: { N, D, images, texts (flat arrays of N·D numbers), logitScale, scaleAsTensor, opts }.
      const [a, b] = tf.tidy(() => {
        const images = tf.tensor2d(c.images, [c.N, c.D]);
        const texts = tf.tensor2d(c.texts, [c.N, c.D]);
        return [clipLoss(images, texts, c.logitScale, c.opts).loss, clipLoss(texts, images, c.logitScale, c.opts).loss];
      });
      try {
        assert.deepEqual(a.shape, []);
        const [x, y] = [a.dataSync()[0] as number, b.dataSync()[0] as number];
        assert.ok(Math.abs(x - y) <= 1e-4 * (1 + Math.abs(x)), `loss ${x} vs swapped ${y}`);
      } finally {
        tf.dispose([a, b]);
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: a float64 loop: normalise the rows, scale·cos for every pair, logsumexp − diagonal, both ways
  //   对照：float64 循环：行归一化，每一对算 scale·cos，logsumexp 减对角线，两个方向取平均
  // - pinned vectors: images [[1,0],[0,1]], texts [[1,0],[0.6,0.8]], logitScale 0 → 0.448879
  //   固定向量：images [[1,0],[0,1]]、texts [[1,0],[0.6,0.8]]、logitScale 0 → 0.448879
  // - the clamp: logitScale 5 and ln 100 give the same loss; −1 and 0 give the same loss
  //   截断：logitScale 5 与 ln 100 结果相同；−1 与 0 结果相同
  // - N = 1 → 0; all rows equal → ln N; rescaling a row by c > 0 changes nothing; one permutation of
  //   both sides keeps the loss  /  N = 1 → 0；所有行相同 → ln N；某行乘以 c > 0 不变；两边同一排列损失不变
  // - infoNCE (infoNCECase): equals a float64 loop on raw dot products / τ; logits ±1e4 stay finite
  //   infoNCE（infoNCECase）：与原始点积 / τ 的 float64 循环一致；logits ±1e4 时仍然有限
];

export default properties;
