// Your own properties for ring-allreduce. Run them: npm run kata -- selftest ring-allreduce
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest ring-allreduce
// 每个性质先在参考答案上运行，必须成立（失败即误报）；再在每个错误实现上运行，应当有性质失败。
//
// Call the code under test only through the argument (never import your own file: selftest hands
// in the reference, then each wrong solution). A property fails when it throws or returns false.
// 只通过参数调用被测代码（不要 import 你自己的文件）；性质抛出异常或返回 false 即为失败。
// Ideas: "How would you test it?" in README.md.  思路：README.md 中的“怎么测试它？”一节。

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { integerBuffers, toFloat64 } from '../../kits/ring-allreduce/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './ring-allreduce.ts';

const properties: Properties<typeof Kata> = ({ ringAllReduce }) => [
  {
    name: 'integer buffers: every worker ends with the exact element-wise sum',
    property: fc.property(integerBuffers(), (buffers) => {
      const length = buffers[0]?.length ?? 0;
      const sum = Array.from({ length }, (_, k) => buffers.reduce((s, b) => s + (b[k] as number), 0));
      const { result } = ringAllReduce(toFloat64(buffers));
      assert.equal(result.length, buffers.length, 'one result per worker');
      for (const [worker, buffer] of result.entries()) assert.deepEqual(Array.from(buffer), sum, `result[${worker}]`);
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - the log has 2·N·(N−1) messages, each from worker i to (i + 1) mod N
  //   日志共 2·N·(N−1) 条消息，每条都从 worker i 发往 (i + 1) mod N
  // - sum the chunk sizes (np.array_split: the first S mod N chunks are one longer) of each worker's
  //   logged messages: it equals sentElements[i]; the total is 2(N−1)·S for any S
  //   按 np.array_split 的块大小累加每个 worker 日志里的消息：等于 sentElements[i]；总和对任意 S 都是 2(N−1)·S
  // - S divisible by N: every worker sends 2(N−1)/N·S = ringBytesPerWorker(S, N)
  //   S 能被 N 整除时：每个 worker 发送 2(N−1)/N·S = ringBytesPerWorker(S, N)
  // - the input buffers are unchanged after the call  调用后输入缓冲区不变
  // - replay the log yourself (reduce-scatter adds, all-gather overwrites) and get the same result
  //   自己重放日志（reduce-scatter 累加，all-gather 覆盖），结果应相同
  // - assert.throws(() => ringAllReduce([]), RangeError)
];

export default properties;
