// Your own properties for mha-kv-cache. Run them: npm run kata -- selftest mha-kv-cache
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest mha-kv-cache
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
import { configOf, kvCacheCase, kvCacheInputs, tokensOf } from '../../kits/mha-kv-cache/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import { type ShapedData, float32Of } from '../../src/harness/tensor-data.ts';
import type * as Kata from './mha-kv-cache.ts';

const tensor = (a: ShapedData) => tf.tensor(float32Of(a), [...a.shape], 'float32');

const properties: Properties<typeof Kata> = ({ createKvCache, mhaWithCache }) => [
  {
    name: 'a prefill returns y of the shape of x and a cache of length T with the shape [B, H, Tmax, Dh]',
    property: fc.property(kvCacheCase, (c) => {
      // c: { b, nHeads, dh, chunks, slack, rope, seed }; kvCacheInputs(c) gives x [B, T, D] and
      // the four [D, D] weights; configOf(c) the config argument; T = tokensOf(c), Tmax = T + slack.
      const { x, wq, wk, wv, wo } = kvCacheInputs(c);
      const t = tokensOf(c);
      const tmax = t + c.slack;
      const inputs = [x, wq, wk, wv, wo].map(tensor);
      const [xt, ...ws] = inputs as [tf.Tensor3D, ...tf.Tensor2D[]];
      const w = {
        wq: ws[0] as tf.Tensor2D,
        wk: ws[1] as tf.Tensor2D,
        wv: ws[2] as tf.Tensor2D,
        wo: ws[3] as tf.Tensor2D,
      };
      const empty = createKvCache(c.b, c.nHeads, tmax, c.dh);
      try {
        const { y, cache } = mhaWithCache(xt, w, empty, configOf(c));
        try {
          assert.deepEqual(y.shape, [...x.shape]);
          assert.deepEqual(cache.k.shape, [c.b, c.nHeads, tmax, c.dh]);
          assert.equal(cache.length, t);
        } finally {
          tf.dispose([y, cache.k, cache.v]);
        }
      } finally {
        tf.dispose([...inputs, empty.k, empty.v]);
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - any chunking: run c.chunks through mhaWithCache one after another; the ys joined along T
  //   equal mhaFull(x) within 1e-4 (with and without RoPE)
  //   任意分块：依次对 c.chunks 调用 mhaWithCache，各块的 y 沿 T 拼起来等于 mhaFull(x)（误差 1e-4，有无 RoPE 都要测）
  // - oracle: a float64 loop (project, rotate at L+i, softmax over slots j ≤ L+i, merge heads, @ wo)
  //   对照：float64 循环（投影、按 L+i 旋转、在 j ≤ L+i 的槽位上 softmax、合并各头、乘 wo）
  // - slots [0, L+T) of the new cache hold the (rotated) keys and the values; later slots stay zero
  //   新缓存的 [0, L+T) 槽位存（旋转后的）k 和 v，之后的槽位仍为 0
  // - the input cache is not disposed, its object and data do not change; changing x[t:] leaves y[:t]
  //   输入缓存不被释放、对象和数据都不变；改动 x[t:] 不影响 y[:t]
  // - no leaked tensors beyond y, cache.k, cache.v; L+T > Tmax, T = 0, a cache of the wrong
  //   batch/heads/Dh, D % nHeads ≠ 0 and rank ≠ 3 throw RangeError
  //   除 y、cache.k、cache.v 外没有泄漏；L+T > Tmax、T = 0、缓存的 batch/heads/Dh 不符、D % nHeads ≠ 0、秩 ≠ 3 时抛 RangeError
];

export default properties;
