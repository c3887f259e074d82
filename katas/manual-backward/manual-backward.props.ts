// Your own properties for manual-backward. Run them: npm run kata -- selftest manual-backward
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest manual-backward
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
import { crossEntropyCase } from '../../kits/manual-backward/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './manual-backward.ts';

const properties: Properties<typeof Kata> = ({ softmaxCrossEntropyBackward }) => [
  {
    name: 'every row of dlogits sums to 0, and dlogits has the shape [N, C] of the logits',
    property: fc.property(crossEntropyCase, (c) => {
      // c: { n, c, logits (Float64Array, row-major [N, C]), scale, labels (N class indices), dloss? }.
      const data = tf.tidy(() => {
        const logits = tf.tensor2d(Float32Array.from(c.logits), [c.n, c.c], 'float32');
        const out = softmaxCrossEntropyBackward(logits, tf.tensor1d(c.labels, 'int32'), c.dloss);
        assert.deepEqual(out.shape, [c.n, c.c]);
        return out.dataSync();
      });
      for (let row = 0; row < c.n; row++) {
        let sum = 0;
        for (let j = 0; j < c.c; j++) sum += data[row * c.c + j] as number;
        assert.ok(Math.abs(sum) < 1e-5, `row ${row} sums to ${sum}`);
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: float64 forward loops and central finite differences (h = 1e-6) of dloss·mean CE,
  //   of Σ dy ∘ layerNorm(x) and of Σ dOut ∘ attention(q, k, v); layerNormCase, attentionCase
  //   对照：float64 前向循环与中心有限差分（h = 1e-6）：dloss·平均交叉熵、Σ dy ∘ layerNorm(x)、Σ dOut ∘ attention(q, k, v)
  // - pinned vectors: the README examples (N = 2 separates mean from sum; x [[1e-3, -1e-3]] shows eps)
  //   固定向量：README 中的示例（N = 2 区分均值与求和；x [[1e-3, -1e-3]] 能看出 eps 的位置）
  // - dbeta = column sums of dy; every dx row sums to 0; dv = Pᵀ dOut; the rows of dk sum to 0
  //   dbeta 等于 dy 的列和；dx 每行之和为 0；dv = Pᵀ dOut；dk 各行之和为 0
  // - linearity: doubling dloss, dy or dOut doubles every gradient; causal with Tq = 1 sees every key
  //   线性：dloss、dy 或 dOut 加倍，所有梯度加倍；Tq = 1 的因果注意力能看到所有键
  // - no leaks, inputs not disposed; bad input throws RangeError / TypeError as the README lists
  //   不泄漏、不释放输入；非法输入按 README 抛 RangeError / TypeError
];

export default properties;
