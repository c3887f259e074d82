// Your own properties for sqrt-gradient-descent. Run them: npm run kata -- selftest sqrt-gradient-descent
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest sqrt-gradient-descent
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Properties } from '../../src/harness/properties.ts';
import { positiveReals } from '../../kits/sqrt-gradient-descent/inputs.ts';
import type * as Kata from './sqrt-gradient-descent.ts';

const properties: Properties<typeof Kata> = ({ sqrtGD }) => [
  {
    name: 'the root of a positive a is positive',
    property: fc.property(positiveReals, (a) => {
      assert.ok(sqrtGD(a) > 0, `sqrtGD(${a})`);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: relative error against Math.sqrt(a), computed outside the call, at most 1e-9
  //   对照：与调用之外计算的 Math.sqrt(a) 比较，相对误差不超过 1e-9
  // - x² ≈ a; sqrtGD(4a) ≈ 2·sqrtGD(a); sqrtGD(k²) ≈ k  平方回到 a；缩放关系；完全平方数
  // - invalidInputs (negative, NaN, ±Infinity) throw RangeError; sqrtGD(0) === 0
  //   非法输入抛 RangeError；sqrtGD(0) === 0
  // - a tiny maxSteps throws instead of returning an unconverged x  maxSteps 太小时必须抛错
  // - the built-in stays unused: replace Math.sqrt with a spy only while sqrtGD runs
  //   不得使用内置函数：仅在 sqrtGD 运行期间用间谍函数替换 Math.sqrt
];

export default properties;
