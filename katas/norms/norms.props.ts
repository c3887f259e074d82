// Your own properties for norms. Run them: npm run kata -- selftest norms
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest norms
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
import { normsCase } from '../../kits/norms/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import { float32Of, seededData } from '../../src/harness/tensor-data.ts';
import type * as Kata from './norms.ts';

const properties: Properties<typeof Kata> = ({ layerNorm }) => [
  {
    name: 'layerNorm keeps the shape of x and returns float32',
    property: fc.property(normsCase, (c) => {
      // c: { shape, seed, scale, gamma, beta, eps? }; x holds seeded values of that shape.
      const x = seededData(c.shape, c.seed, c.scale);
      const out = tf.tidy(() =>
        layerNorm(tf.tensor(float32Of(x), c.shape, 'float32'), tf.tensor1d(c.gamma), tf.tensor1d(c.beta), c.eps),
      );
      try {
        assert.deepEqual(out.shape, c.shape);
        assert.equal(out.dtype, 'float32');
      } finally {
        out.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: float64 loops over x.data straight from the README's formulas, within 1e-4
  //   对照：按题面公式对 x.data 写 float64 循环，误差 1e-4 以内
  // - pinned vectors: layerNorm/rmsNorm of [1, 2, 3, 4] and [1e-3, -1e-3]; batchNormTrain of [[1, 2], [3, 6], [5, 1]]
  //   固定向量：[1, 2, 3, 4] 与 [1e-3, -1e-3] 的 layerNorm/rmsNorm；[[1, 2], [3, 6], [5, 1]] 的 batchNormTrain
  // - gamma 1, beta 0: every layerNorm row has mean 0 and variance v/(v + eps)
  //   gamma 为 1、beta 为 0 时：layerNorm 每行均值 0、方差 v/(v + eps)
  // - layerNorm(s·x + c, eps·s²) = layerNorm(x, eps); rmsNorm(s·x, eps·s²) = rmsNorm(x, eps) (batchNormCase for BN)
  //   平移与缩放不变性；BatchNorm 可用 batchNormCase 生成器
  // - batchNormTrain of [N, C] equals layerNorm of its transpose; momentum 0 keeps the running statistics
  //   [N, C] 的 BatchNorm 等于转置后的 LayerNorm；momentum 为 0 时 running 统计量不变
  // - no leaks (batchNormTrain returns 3 new tensors); the state is not disposed; bad input throws RangeError
  //   没有泄漏（batchNormTrain 返回 3 个新张量）；state 未被释放；非法输入抛 RangeError
];

export default properties;
