// Your own properties for moe-router. Run them: npm run kata -- selftest moe-router
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest moe-router
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Tensors: build them from the arbitrary's plain data inside the property, and dispose them (or use
// tf.tidy); to test for leaks, compare tf.memory().numTensors before and after, outside any tidy.
// Remember that topKRouting hands you r.probs: you dispose it.
// 张量：在性质内部用生成器给出的普通数据创建，用完释放（或用 tf.tidy）；
// 检查泄漏时，在任何 tidy 之外比较调用前后的 tf.memory().numTensors。记住 topKRouting 返回的 r.probs 由你释放。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { routingCase } from '../../kits/moe-router/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './moe-router.ts';

const properties: Properties<typeof Kata> = ({ topKRouting }) => [
  {
    name: 'normalised gates sum to 1 and every token gets k distinct experts',
    property: fc.property(routingCase, (c) => {
      // c: { logits (plain [T][E] numbers, multiples of 1/4), k, normalize (true, false or undefined) }.
      const logits = tf.tensor2d(c.logits);
      const r = topKRouting(logits, c.k); // normalize left out: defaults to true
      try {
        for (const [t, row] of r.gates.entries()) {
          const sum = row.reduce((a, b) => a + b, 0);
          assert.ok(Math.abs(sum - 1) < 1e-5, `gates[${t}] = ${JSON.stringify(row)} sum to ${sum}`);
          assert.equal(new Set(r.experts[t]).size, c.k, `experts[${t}] = ${JSON.stringify(r.experts[t])}`);
        }
      } finally {
        r.probs.dispose();
        logits.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: softmax in float64, rank by (−p, index), top k; gates within 1e-5 (normalize false: raw probs)
  //   对照：float64 softmax，按（−p，下标）排序取前 k；门控值误差 1e-5（normalize false 时为原始概率）
  // - pinned vectors: [[1, 2, 3, 0]] k 2 → experts [[2, 1]], gates [0.731059, 0.268941]; [[1, 1, 0, 1]] → [0, 1]
  //   固定向量：[[1, 2, 3, 0]] k 2 → experts [[2, 1]]，gates [0.731059, 0.268941]；[[1, 1, 0, 1]] → [0, 1]
  // - dispatch (dispatchCase): load ≤ capacity, Σ load = number kept, slot-major: spec k 2 example kept [T,T,F,T,T,F]
  //   dispatch（dispatchCase）：load ≤ capacity，Σ load 等于保留数；槽位优先：规格中 k 2 示例保留 [T,T,F,T,T,F]
  // - loadBalancingLoss (auxCase): uniform probs → 1 for any choices; the spec example k 1 → 1.201621
  //   loadBalancingLoss（auxCase）：probs 均匀 → 1；规格示例 k 1 → 1.201621
  // - moeForward (moeCase): without capacityFactor equals Σ gate · expert(x); relabelling experts changes nothing
  //   moeForward（moeCase）：不给 capacityFactor 时等于 Σ gate · expert(x)；专家重新编号结果不变
  // - leaks: only r.probs / the moeForward output stay; k 0, k > E, cf ≤ 0 throw RangeError
  //   泄漏：只留下 r.probs 和 moeForward 的输出；k 0、k > E、cf ≤ 0 抛 RangeError
];

export default properties;
