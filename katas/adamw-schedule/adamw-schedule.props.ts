// Your own properties for adamw-schedule. Run them: npm run kata -- selftest adamw-schedule
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest adamw-schedule
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { clipCase } from '../../kits/adamw-schedule/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './adamw-schedule.ts';

const properties: Properties<typeof Kata> = ({ clipGradNorm }) => [
  {
    name: 'clipping never increases the global norm',
    property: fc.property(clipCase, ({ grads, maxNorm }) => {
      const { grads: clipped, totalNorm } = clipGradNorm(grads, maxNorm);
      const norm = Math.sqrt(clipped.flat().reduce((s, g) => s + g * g, 0));
      assert.ok(norm <= totalNorm * (1 + 1e-12), `clipped norm ${norm} > ${totalNorm}`);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - oracle: write AdamW with m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t) in float64 and compare (adamwCase)
  //   对照：用 m̂、v̂ 的教科书写法在 float64 下实现 AdamW 并比较（adamwCase）
  // - the first step from null moves each p by ≈ lr·sign(g) (weightDecay 0, |g| >> eps)
  //   从 null 出发的第一步让每个 p 移动约 lr·sign(g)（weightDecay 为 0，|g| 远大于 eps）
  // - [[3], [4]] with maxNorm 1 gives 0.6 and 0.8 (ONE norm over all tensors), never scales up
  //   [[3], [4]]、maxNorm 1 得到 0.6 和 0.8（所有张量一个范数），绝不放大
  // - lrAt (scheduleCase): 0 at step 0 with warmup, baseLr at warmupSteps, minLr at totalSteps, monotone after
  //   lrAt（scheduleCase）：有预热时 step 0 为 0，warmupSteps 处为 baseLr，totalSteps 处为 minLr，之后单调
  // - eps outside the root: p = 0, g = 1e-8, lr = 1, weightDecay 0 → −0.5
  //   eps 在根号外：p = 0、g = 1e-8、lr = 1、weightDecay 0 → −0.5
];

export default properties;
