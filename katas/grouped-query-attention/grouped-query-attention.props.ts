// Your own properties for grouped-query-attention. Run them: npm run kata -- selftest grouped-query-attention
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest grouped-query-attention
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
import { gqaInputs, gqaShape } from '../../kits/grouped-query-attention/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import { type ShapedData, float32Of } from '../../src/harness/tensor-data.ts';
import type * as Kata from './grouped-query-attention.ts';

const tensor4 = (a: ShapedData) => tf.tensor4d(float32Of(a), a.shape as [number, number, number, number], 'float32');

const properties: Properties<typeof Kata> = ({ groupedQueryAttention }) => [
  {
    name: 'the output has the shape of q: [B, Hq, Tq, D]',
    property: fc.property(gqaShape, fc.boolean(), (s, causal) => {
      // s: { b, hkv, group, tq, extraKeys, d, seed }; q, k, v hold seeded values (ShapedData).
      const { q, k, v } = gqaInputs(s);
      const out = tf.tidy(() => groupedQueryAttention(tensor4(q), tensor4(k), tensor4(v), { causal }));
      try {
        assert.deepEqual(out.shape, [...q.shape]);
      } finally {
        out.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: a float64 loop (row-max-subtracted softmax) on q.data, k.data, v.data, within 1e-4
  //   对照：在 q.data、k.data、v.data 上写 float64 循环（softmax 先减行最大值），误差 1e-4 以内
  // - MHA: GQA equals attention on kv heads repeated G times; MQA: each query head alone
  //   MHA：等于把每个 kv 头重复 G 次后的注意力；MQA：每个查询头单独计算结果相同
  // - causal with Tq = 1 equals non-causal; shuffling keys (k and v alike) changes nothing non-causal
  //   Tq = 1 时因果与非因果相同；非因果时同时打乱 k、v 的位置结果不变
  // - large integer scores (~40) must not overflow; no leaked tensors; bad shapes throw RangeError
  //   大分数（约 40）不能溢出；没有张量泄漏；形状不合法时抛 RangeError
  // - gqaSelfAttention: selfAttentionShape and selfAttentionInputs give x and the four weights
  //   gqaSelfAttention：selfAttentionShape 与 selfAttentionInputs 给出 x 和四个权重矩阵
];

export default properties;
