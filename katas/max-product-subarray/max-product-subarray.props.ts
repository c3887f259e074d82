// Your own properties for max-product-subarray. Run them: npm run kata -- selftest max-product-subarray
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest max-product-subarray
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { shortNums } from '../../kits/max-product-subarray/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './max-product-subarray.ts';

const properties: Properties<typeof Kata> = ({ maxProduct }) => [
  {
    name: 'the answer is at least the largest single element',
    property: fc.property(shortNums, (nums) => {
      assert.ok(maxProduct(nums) >= Math.max(...nums), `maxProduct([${nums}])`);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: the best product over all O(n²) subarrays; assert.equal uses Object.is, so -0 ≠ +0
  //   对照：枚举所有子数组取最大乘积；assert.equal 用 Object.is 比较，-0 与 +0 不同
  // - the empty array: assert.throws(() => maxProduct([]), RangeError)  空数组抛 RangeError
  // - reversing nums keeps the answer; [...nums, 0, ...nums] answers max(answer, 0)
  //   反转不变；[...nums, 0, ...nums] 的答案是 max(原答案, 0)
  // - products past 2^31 stay exact: longNums, or k twos give 2^k  乘积超过 2^31 仍须精确
  // - at most 12·n steps of work: the second argument of this function is { counted, measure }:
  //   measure(() => counted.maxProduct(nums), { budget: 12 * nums.length }).exceeded must be false
  //   工作量最多 12·n 步：本函数的第二个参数是 { counted, measure }，
  //   measure(() => counted.maxProduct(nums), { budget: 12 * nums.length }).exceeded 应为 false
];

export default properties;
