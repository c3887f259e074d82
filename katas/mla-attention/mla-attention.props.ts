// Your own properties for mla-attention. Run them: npm run kata -- selftest mla-attention
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest mla-attention
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
import { WEIGHT_NAMES, mlaCase, mlaInputs, optionsOf } from '../../kits/mla-attention/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import { type ShapedData, float32Of } from '../../src/harness/tensor-data.ts';
import type * as Kata from './mla-attention.ts';

const tensor2 = (a: ShapedData) => tf.tensor2d(float32Of(a), a.shape as [number, number], 'float32');

const properties: Properties<typeof Kata> = ({ mlaAttention }) => [
  {
    name: 'out is [T, dModel]; the cache grows to Tpast + T rows of dLatent and dRope',
    property: fc.property(mlaCase, (c) => {
      // c: { numHeads, dHead, dRope, dLatent, dModel, ropeBase, seed, past, t }; mlaInputs(c) gives
      // h [t, dModel], the six weights w and, when past > 0, a cache { cKv, kRope }; optionsOf(c) the
      // options without the cache.
      const { h, w, cache } = mlaInputs(c);
      const ht = tensor2(h);
      const wt = Object.fromEntries(WEIGHT_NAMES.map((n) => [n, tensor2(w[n])])) as unknown as Kata.MlaWeights;
      const ct = cache && { cKv: tensor2(cache.cKv), kRope: tensor2(cache.kRope) };
      try {
        const r = mlaAttention(ht, wt, { ...optionsOf(c), ...(ct && { cache: ct }) });
        try {
          assert.deepEqual(r.out.shape, [c.t, c.dModel]);
          assert.deepEqual(r.cache.cKv.shape, [c.past + c.t, c.dLatent]);
          assert.deepEqual(r.cache.kRope.shape, [c.past + c.t, c.dRope]);
        } finally {
          tf.dispose([r.out, r.cache.cKv, r.cache.kRope]);
        }
      } finally {
        tf.dispose([ht, ...Object.values(wt), ...(ct ? [ct.cKv, ct.kRope] : [])]);
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - mlaAttentionAbsorbed gives the same out and cache as mlaAttention (within 1e-4)
  //   mlaAttentionAbsorbed 与 mlaAttention 的 out 和缓存相同（误差 1e-4）
  // - chunkCase from inputs.ts: feeding chunkInputs(c).h chunk by chunk, each call with the last
  //   cache, gives the rows of one call on the whole sequence (try alternating the two forms)
  //   用 inputs.ts 的 chunkCase：把 chunkInputs(c).h 分块依次送入、每次带上一次的缓存，结果等于一次处理整个序列
  // - a float64 loop oracle: c = h·wDkv, k_R = RoPE(h·wKr, p) interleaved, scores / √(dHead + dRope)
  //   float64 循环对照：c = h·wDkv，k_R = RoPE(h·wKr, p)（交错式），分数除以 √(dHead + dRope)
  // - the past rows of the returned cache equal the input cache; its kRope has no head axis
  //   返回缓存的前 Tpast 行等于输入缓存；kRope 没有头这一维
  // - kvCacheBytesPerToken: MLA (512 + 64)·2·60 = 69120; GQA with numKvHeads = numHeads equals MHA
  //   kvCacheBytesPerToken：MLA (512 + 64)·2·60 = 69120；numKvHeads = numHeads 的 GQA 等于 MHA
];

export default properties;
