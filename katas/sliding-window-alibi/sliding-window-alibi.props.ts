// Your own properties for sliding-window-alibi. Run them: npm run kata -- selftest sliding-window-alibi
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest sliding-window-alibi
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
  attentionCase,
  attentionInputs,
  attentionOptionsOf,
  maskCase,
} from '../../kits/sliding-window-alibi/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import { type ShapedData, float32Of } from '../../src/harness/tensor-data.ts';
import type * as Kata from './sliding-window-alibi.ts';

const tensor3 = (a: ShapedData) => tf.tensor3d(float32Of(a), a.shape as [number, number, number], 'float32');

const properties: Properties<typeof Kata> = ({ slidingWindowMask, attentionWithBias }) => [
  {
    name: 'the mask has shape [tq, tk] and holds only 0 and -Infinity',
    property: fc.property(maskCase, (c) => {
      // c: { tq, pastLength, window? }; tk = tq + pastLength.
      const tk = c.tq + c.pastLength;
      const mask = slidingWindowMask(c.tq, tk, c.window === undefined ? {} : { window: c.window });
      try {
        assert.deepEqual(mask.shape, [c.tq, tk]);
        assert.ok(Array.from(mask.dataSync()).every((x) => x === 0 || x === Number.NEGATIVE_INFINITY));
      } finally {
        mask.dispose();
      }
    }),
  },
  {
    name: 'attention returns the shape of q: [H, Tq, D]',
    property: fc.property(attentionCase, (c) => {
      // c: { h, tq, pastLength, d, window?, alibi, scale, seed }; attentionInputs(c) gives q, k, v.
      const { q, k, v } = attentionInputs(c);
      const out = tf.tidy(() => attentionWithBias(tensor3(q), tensor3(k), tensor3(v), attentionOptionsOf(c)));
      try {
        assert.deepEqual(out.shape, [...q.shape]);
      } finally {
        out.dispose();
      }
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - each row sees exactly min(window, i + 1) keys, the last its own (i = pastLength + row)
  //   每行恰好看到 min(window, i + 1) 个键，最后一个是自己（i = pastLength + 行号）
  // - alibiSlopes(8) = 2^-1 … 2^-8; alibiSlopes(6) ends in 2^-1, 2^-3; the first n slopes of h are those of n
  //   alibiSlopes(8) = 2^-1 … 2^-8；alibiSlopes(6) 以 2^-1、2^-3 结尾；h 的前 n 个斜率等于 n 个头的斜率
  // - alibiBias(H, tq, tk) is the last tq rows of alibiBias(H, tk, tk); its own key is 0, the past negative
  //   alibiBias(H, tq, tk) 是 alibiBias(H, tk, tk) 的最后 tq 行；自己的键为 0，过去为负
  // - attention vs a float64 loop oracle (softmax over the visible keys only), with and without ALiBi
  //   注意力与 float64 循环对照（只对可见键做 softmax），开关 ALiBi 都要比
  // - no leaked tensors; window 0, tq > tk, a pastLength other than tk − tq throw RangeError
  //   没有张量泄漏；window 为 0、tq > tk、pastLength 不等于 tk − tq 时抛 RangeError
];

export default properties;
