// Your own properties for quantization. Run them: npm run kata -- selftest quantization
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest quantization
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matrix } from '../../kits/quantization/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './quantization.ts';

const properties: Properties<typeof Kata> = ({ quantizeAbsmax, dequantizeAbsmax }) => [
  {
    name: 'int8 absmax round trip: every element comes back within half a step of its row',
    property: fc.property(matrix, ({ cols, xs }) => {
      const { q, scale } = quantizeAbsmax(Float32Array.from(xs), cols);
      const back = dequantizeAbsmax(q, scale);
      xs.forEach((x, i) => {
        const step = scale[Math.floor(i / cols)] as number;
        assert.ok(Math.abs(x - (back[i] as number)) <= step / 2 + Math.abs(x) * 2 ** -23, `element ${i} of ${xs}`);
      });
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - halfGrid: exact halves x / scale = k + 0.5 give even codes (torch.round), never Math.round's
  //   halfGrid：恰为 .5 的 x / scale 得到偶数 code（torch.round），而不是 Math.round 的结果
  // - zero-point (tensorValues): 0 dequantizes to exactly 0; q stays in 0..255 (try [-1.5, 253.5])
  //   零点（tensorValues）：0 反量化后恰为 0；q 在 0..255 内（试试 [-1.5, 253.5]）
  // - NF4 (nf4Case): |x − dequant| ≤ (1 − 0.7229568362236023) / 2 · absmax; a zero block codes to 7
  //   NF4（nf4Case）：|x − 反量化| ≤ (1 − 0.7229568362236023) / 2 · absmax；全零块的 code 为 7
  // - fp8 (fp8Input): bits(value(b)) = b for all 254 finite bytes; monotone; 1e6 → 0x7E (saturation)
  //   fp8（fp8Input）：所有 254 个有限字节满足 bits(value(b)) = b；单调；1e6 → 0x7E（饱和）
  // - quantizeFp8Blockwise (fp8Case): every block's largest |x| codes to ±448 (0x7E / 0xFE)
  //   quantizeFp8Blockwise（fp8Case）：每块中 |x| 最大的元素编码为 ±448（0x7E / 0xFE）
];

export default properties;
