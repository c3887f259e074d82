// Your own properties for online-softmax. Run them: npm run kata -- selftest online-softmax
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest online-softmax
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
import { attentionCase, attentionInputs, statsCase } from '../../kits/online-softmax/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import { float32Of } from '../../src/harness/tensor-data.ts';
import type * as Kata from './online-softmax.ts';

const properties: Properties<typeof Kata> = ({ onlineSoftmaxStats, tiledAttention }) => [
  {
    name: 'onlineSoftmaxStats gives the same max and sumExp for blockSize b as for one block of everything',
    property: fc.property(statsCase, ({ x, blockSize }) => {
      // x: finite numbers (some near ±1000) and the odd -Infinity; blockSize 1..10.
      const blocked = onlineSoftmaxStats([...x], blockSize);
      const whole = onlineSoftmaxStats([...x], x.length);
      assert.equal(blocked.max, whole.max);
      assert.ok(
        Math.abs(blocked.sumExp - whole.sumExp) <= 1e-12 * whole.sumExp,
        `${blocked.sumExp} vs ${whole.sumExp}`,
      );
    }),
  },
  {
    name: 'tiledAttention returns a float32 [Tq, dv] tensor',
    property: fc.property(attentionCase, (c) => {
      // c: { tq, tk, d, dv, blockQ, blockK, causal, scale, seed }; attentionInputs(c) gives q, k, v data.
      const { q, k, v } = attentionInputs(c);
      const opts = { blockQ: c.blockQ, blockK: c.blockK, causal: c.causal };
      const out = tf.tidy(() =>
        tiledAttention(
          tf.tensor2d(float32Of(q), [c.tq, c.d]),
          tf.tensor2d(float32Of(k), [c.tk, c.d]),
          tf.tensor2d(float32Of(v), [c.tk, c.dv]),
          opts,
        ),
      );
      try {
        assert.deepEqual(out.shape, [c.tq, c.dv]);
        assert.equal(out.dtype, 'float32');
      } finally {
        out.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: plain attention in float64 loops (row max subtracted), within 1e-4, for blocks 1, uneven, >= T
  //   对照：float64 循环的普通注意力（减去行最大值），误差 1e-4 以内；块大小取 1、不整除、>= T
  // - pinned vectors: the README's 4×4 example, with and without causal; [-1000, -1001, -1002] → lse -999.592394
  //   固定向量：题面的 4×4 示例（含因果）；[-1000, -1001, -1002] → lse -999.592394
  // - without a mask, shuffling the rows of k and v alike leaves the result unchanged
  //   不加掩码时，对 k、v 的行做同样的重排，结果不变
  // - causal with Tq < Tk: query i sees keys j <= i + Tk - Tq (bottom-right), try q = 0
  //   因果且 Tq < Tk：查询 i 看到 j <= i + Tk - Tq 的键（右下对齐），可以令 q = 0
  // - memory: await tf.profile(() => tiledAttention(...)): no kernel output shape with >= Tq·Tk elements;
  //   peakBytes grows ~4x (not ~16x) from T = 32 to T = 128 at 8×8 blocks (use fc.asyncProperty)
  //   内存：tf.profile 中没有元素数 >= Tq·Tk 的输出；8×8 分块下 T 从 32 到 128，峰值约增 4 倍而非 16 倍
  // - no leaked tensors; empty x, blockSize 0, d mismatch, causal with Tq > Tk throw RangeError
  //   没有张量泄漏；空 x、blockSize 为 0、d 不一致、因果且 Tq > Tk 时抛 RangeError
];

export default properties;
