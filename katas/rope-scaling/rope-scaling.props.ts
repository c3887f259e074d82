// Your own properties for rope-scaling. Run them: npm run kata -- selftest rope-scaling
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest rope-scaling
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ropeCase } from '../../kits/rope-scaling/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './rope-scaling.ts';

const properties: Properties<typeof Kata> = ({ ropeInvFreq }) => [
  {
    name: 'invFreq has dim/2 entries and is strictly decreasing',
    property: fc.property(ropeCase, ({ dim, options }) => {
      // ropeCase: { dim, options } of a random rope type, optional fields sometimes left out.
      const { invFreq } = ropeInvFreq(dim, options);
      assert.equal(invFreq.length, dim / 2);
      for (let i = 1; i < invFreq.length; i++) assert.ok((invFreq[i] as number) < (invFreq[i - 1] as number));
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - factor 1 gives plain RoPE for every type (dynamic: seqLen <= L), attentionScaling 1
  //   factor 为 1 时每种类型都是普通 RoPE（dynamic 要求 seqLen <= L），attentionScaling 为 1
  // - the README's hand vectors, one per type; the YaRN corners L 4 (low == high) and L 477, base 10 (high clamped)
  //   题面中每种类型的手算向量；YaRN 的角落情况 L 4（low == high）和 L 477、base 10（high 被截断）
  // - dynamic above L: invFreq[0] = 1 and the last pair is d/s with s = factor·seqLen/L − (factor − 1)
  //   dynamic 在 L 以上：invFreq[0] = 1，最后一对为 d/s，s = factor·seqLen/L − (factor − 1)
  // - llama3: wavelength < L/high kept, > L/low divided by factor; yarn: attentionScaling 0.1·ln(factor) + 1
  //   llama3：波长 < L/high 保留，> L/low 除以 factor；yarn：attentionScaling 为 0.1·ln(factor) + 1
  // - bad input (badCall in inputs.ts): TypeError for missing/non-number fields, RangeError for bad values
  //   非法输入（inputs.ts 的 badCall）：字段缺失或不是数字抛 TypeError，取值不对抛 RangeError
];

export default properties;
