// Your own properties for lora-linear. Run them: npm run kata -- selftest lora-linear
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest lora-linear
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
import { loraCase, loraDataOf } from '../../kits/lora-linear/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import { float32Of } from '../../src/harness/tensor-data.ts';
import type * as Kata from './lora-linear.ts';

const properties: Properties<typeof Kata> = ({ loraForward }) => [
  {
    name: 'loraForward maps x [..., dIn] to a float32 [..., dOut]',
    property: fc.property(loraCase, (c) => {
      // c: { lead, dIn, dOut, r, alpha, rslora, withBias, seed }; loraDataOf(c) gives x, w, bias, a, b values.
      const v = loraDataOf(c);
      const y = tf.tidy(() => {
        const t = (d: { shape: readonly number[]; data: Float64Array }) => tf.tensor(float32Of(d), [...d.shape]);
        const p = {
          w: t(v.w) as tf.Tensor2D,
          ...(v.bias !== undefined && { bias: t(v.bias) as tf.Tensor1D }),
          a: t(v.a) as tf.Tensor2D,
          b: t(v.b) as tf.Tensor2D,
          alpha: c.alpha,
        };
        return loraForward(t(v.x), p, { rslora: c.rslora });
      });
      try {
        assert.deepEqual(y.shape, [...c.lead, c.dOut]);
        assert.equal(y.dtype, 'float32');
      } finally {
        y.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - the README's worked example: y = [[12.5, 76.5]], rsLoRA [[15.813708, 106.323376]]
  //   题面示例：y = [[12.5, 76.5]]，rsLoRA 为 [[15.813708, 106.323376]]
  // - B = 0 ⇒ loraForward(x) = x·W + bias; initLora gives B = 0 and a non-zero A
  //   B = 0 时输出等于 x·W + bias；initLora 返回 B 全零、A 非零
  // - x·mergeLora(p) + bias ≈ loraForward(x, p); unmergeLora(mergeLora(p), p) ≈ W
  //   合并后做普通矩阵乘法等于 loraForward；先合并再拆分得回 W
  // - loraParamCount: Llama-2-7B q,v r 8 → 4,194,304; Llama-3-8B (8 kv heads) → 3,407,872
  //   参数量：Llama-2-7B q、v、r=8 为 4,194,304；Llama-3-8B 为 3,407,872
  // - no leaked tensors; r not a positive integer, alpha ≤ 0, mismatched shapes throw RangeError
  //   没有张量泄漏；r 不是正整数、alpha ≤ 0、形状不一致时抛 RangeError
];

export default properties;
