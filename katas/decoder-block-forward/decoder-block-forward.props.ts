// Your own properties for decoder-block-forward. Run them: npm run kata -- selftest decoder-block-forward
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest decoder-block-forward
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
import {
  decoderCase,
  decoderConfig,
  decoderInputs,
  inputTensor,
  paramTensors,
} from '../../kits/decoder-block-forward/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './decoder-block-forward.ts';

const properties: Properties<typeof Kata> = ({ decoderBlockForward }) => [
  {
    name: 'the output has the shape of x, [B, T, D], and dtype float32',
    property: fc.property(decoderCase, (c) => {
      // c: { batch, seqLen, dModel, nHeads, ffnDim, seed, eps?, rowScales? }
      const { x, params } = decoderInputs(c);
      const y = tf.tidy(() => decoderBlockForward(inputTensor(x), paramTensors(params), decoderConfig(c)));
      try {
        assert.deepEqual(y.shape, [...x.shape]);
        assert.equal(y.dtype, 'float32');
      } finally {
        y.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: the block in float64 loops on x.data and params.*.data, within 1e-4
  //   对照：在 x.data 与 params.*.data 上用 float64 循环实现整个 block，误差 1e-4 以内
  // - causality: changing x[:, t+1:] leaves y[:, :t+1] unchanged; a prefix gives the prefix
  //   因果性：改动 x[:, t+1:] 不影响 y[:, :t+1]；前缀输入得到前缀输出
  // - each batch row alone equals its row of the batched result; wo = wDown = 0 gives y = x
  //   单独计算每个 batch 行与批量结果一致；wo = wDown = 0 时 y = x
  // - tiny rows (rowScales) and eps 0.1 expose where eps goes; gains that are not 1 expose ignored norms
  //   极小的行和 eps = 0.1 暴露 eps 的位置；不为 1 的增益暴露被忽略的归一化
  // - no leaked tensors; D % nHeads ≠ 0 or a wrong weight shape throws RangeError
  //   没有张量泄漏；D % nHeads ≠ 0 或权重形状不对时抛 RangeError
];

export default properties;
