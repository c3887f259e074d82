// Your own properties for half-precision. Run them: npm run kata -- selftest half-precision
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest half-precision
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fp16ExactTie } from '../../kits/half-precision/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './half-precision.ts';

const properties: Properties<typeof Kata> = ({ fp16Bits }) => [
  {
    name: 'an exact tie between two fp16 neighbours rounds to the even bit pattern',
    property: fc.property(fp16ExactTie, (x) => {
      const bits = fp16Bits(x);
      assert.equal(bits % 2, 0, `fp16Bits(${x}) = 0x${bits.toString(16)} is odd`);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - odd: toFp16([-x]) is -toFp16([x]), the sign of zero included (Object.is)
  //   奇函数：toFp16([-x]) 等于 -toFp16([x])，包括零的符号
  // - monotone: x <= y implies r(x) <= r(y) (skip NaN)  单调：x <= y 则 r(x) <= r(y)（跳过 NaN）
  // - idempotent (float32Value): toFp16 of a rounded array changes nothing
  //   幂等（float32Value）：对已舍入的数组再做 toFp16 结果不变
  // - fp16Tie (ties and one float32 step either side): compare with a table of all fp16 values
  //   fp16Tie（平局点及其两侧一个 float32 步长）：与全部 fp16 值的表对照
  // - toBf16: the low 16 bits of every non-NaN result are zero (read them through a Uint32Array)
  //   toBf16：每个非 NaN 结果的低 16 位为 0（用 Uint32Array 读取）
  // - NaN in, NaN out for every payload: new Float32Array(new Uint32Array([0x7f800001]).buffer)
  //   任何载荷的 NaN 输入都得到 NaN
  // - fp16: 65519 → 65504, 65520 → Infinity (IEEE overflow, no saturation); 1e-5 stays nonzero
  //   fp16：65519 → 65504，65520 → Infinity（IEEE 溢出，不饱和）；1e-5 不会变成 0
  // - DynamicLossScaler (scalerOptions, infFlags): the scale changes only on an overflow or after
  //   growthInterval clean steps in a row; unscale leaves its input untouched; NaN sets foundInf
  //   缩放器：scale 只在溢出或连续 growthInterval 个正常步之后改变；unscale 不修改输入；NaN 也算溢出
];

export default properties;
