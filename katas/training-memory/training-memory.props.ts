// Your own properties for training-memory. Run them: npm run kata -- selftest training-memory
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest training-memory
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { modelStateCase } from '../../kits/training-memory/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './training-memory.ts';

const properties: Properties<typeof Kata> = ({ modelStateBytes }) => [
  {
    name: 'stage 3 (everything partitioned) is stage 0 divided by gpus',
    property: fc.property(modelStateCase, ({ params, gpus, k }) => {
      const s0 = modelStateBytes(params, { stage: 0, gpus, k }).total;
      const s3 = modelStateBytes(params, { stage: 3, gpus, k }).total;
      assert.equal(s3, s0 / gpus, `modelStateBytes(${params}, { gpus: ${gpus}, k: ${k} }) at stages 0 and 3`);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - weights + grads + optimizer = total; with gpus = 1 every stage gives (4 + k)·params
  //   各部分之和等于 total；gpus = 1 时每个 stage 都是 (4 + k)·params
  // - modelStateBytes(params) with no options is 16·params (k defaults to 12: fp32 master + m + v)
  //   不传选项时为 16·params（k 默认 12：fp32 主权重 + m + v）
  // - the total never grows from stage 0 to 3; stage 1 changes only `optimizer`, stage 2 also `grads`
  //   总量随 stage 单调不增；stage 1 只改变 optimizer，stage 2 再加上 grads
  // - oracle: redo the arithmetic with BigInt (params a multiple of gpus gives whole bytes)
  //   对照：用 BigInt 重算（params 是 gpus 的倍数时每项都是整数字节）
  // - activationBytesPerLayer (activationCase): full < selective < none; doubling batch doubles it
  //   activationBytesPerLayer（activationCase）：full < selective < none；batch 翻倍结果翻倍
  // - commElementsPerStep(p, 3) = 1.5 · commElementsPerStep(p, 0)
  // - assert.throws(() => modelStateBytes(1e9, { gpus: 1.5 }), RangeError)
];

export default properties;
