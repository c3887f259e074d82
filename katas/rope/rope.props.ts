// Your own properties for rope. Run them: npm run kata -- selftest rope
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest rope
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
import type { Properties } from '../../src/harness/properties.ts';
import { ropeCase, ropeOptionsOf } from '../../kits/rope/inputs.ts';
import { float32Of, seededData } from '../../src/harness/tensor-data.ts';
import type * as Kata from './rope.ts';

const properties: Properties<typeof Kata> = ({ applyRope }) => [
  {
    name: 'the result has the shape of x and dtype float32',
    property: fc.property(ropeCase, (c) => {
      // c: { shape, seed, positions?, base?, style? }; x holds seeded values of that shape.
      const x = seededData(c.shape, c.seed);
      const out = tf.tidy(() => applyRope(tf.tensor(float32Of(x), c.shape, 'float32'), ropeOptionsOf(c)));
      try {
        assert.deepEqual(out.shape, c.shape);
        assert.equal(out.dtype, 'float32');
      } finally {
        out.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: a float64 loop over x.data straight from the README's formulas, within 1e-4
  //   对照：按题面公式对 x.data 写 float64 循环，误差 1e-4 以内
  // - pinned vectors: the [1..8] examples of the README, one per style  固定向量：题面中 [1..8] 的两个示例
  // - position 0 is the identity; every [D] row keeps its norm  位置 0 为恒等；每行范数不变
  // - <rope(q, m), rope(k, n)> depends only on m − n; decode offset: rows 5..7 with positions [5, 6, 7]
  //   内积只依赖 m − n；解码偏移：positions [5, 6, 7] 等于完整序列的第 5..7 行
  // - no leaked tensors; odd D, rank < 2, wrong positions length, base <= 0 throw RangeError
  //   没有张量泄漏；D 为奇数、秩小于 2、positions 长度不对、base <= 0 时抛 RangeError
];

export default properties;
