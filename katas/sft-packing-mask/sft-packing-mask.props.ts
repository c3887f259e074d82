// Your own properties for sft-packing-mask. Run them: npm run kata -- selftest sft-packing-mask
// selftest runs each property on the reference solution, where it must hold (a failure there is a
// false alarm), then on every wrong solution in the zoo, where one of them should fail.
// 你自己的性质测试。运行：npm run kata -- selftest sft-packing-mask
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
import { packCase, seqLengths, seqIdsFromLengths } from '../../kits/sft-packing-mask/inputs.ts';
import type * as Kata from './sft-packing-mask.ts';

const properties: Properties<typeof Kata> = ({ packSequences, blockCausalMask }) => [
  {
    name: 'cuSeqlens starts at 0, ends at T, and every sequence start has label ignoreIndex and position 0',
    property: fc.property(packCase, ({ seqs, ignoreIndex }) => {
      // seqs: 1..5 sequences { inputIds, labels } of 1..7 tokens; ignoreIndex: undefined (−100) or a negative number.
      const ignore = ignoreIndex ?? -100;
      const pack = packSequences(structuredClone(seqs), ignore);
      const t = pack.inputIds.length;
      assert.equal(pack.cuSeqlens[0], 0, `cuSeqlens [${pack.cuSeqlens}] must start at 0`);
      assert.equal(pack.cuSeqlens.at(-1), t, `cuSeqlens [${pack.cuSeqlens}] must end at T = ${t}`);
      for (const start of pack.cuSeqlens.slice(0, -1)) {
        assert.equal(pack.labels[start], ignore, `labels[${start}] starts a sequence`);
        assert.equal(pack.positionIds[start], 0, `positionIds[${start}] starts a sequence`);
      }
    }),
  },
  {
    name: 'the mask has Σ l(l+1)/2 ones',
    property: fc.property(seqLengths(6), (lengths) => {
      // lengths: 1..6 sequence lengths; seqIds = [0 ×l₁, 1 ×l₂, …].
      const ones = tf.tidy(() => blockCausalMask(seqIdsFromLengths(lengths)).sum().dataSync()[0]);
      assert.equal(
        ones,
        lengths.reduce((sum, l) => sum + (l * (l + 1)) / 2, 0),
      );
    }),
  },

  // More ideas (uncomment, finish, add your own) / 更多思路（取消注释并补全，或自己写）：
  // - pinned vectors: the spec pack of README.md, field by field; buildSftExample([5, 6], [7, 8, 9])
  //   固定向量：题面中的打包示例逐字段比较；buildSftExample([5, 6], [7, 8, 9])
  // - round trip: seqIdsFromCuSeqlens(pack.cuSeqlens) equals pack.seqIds   往返：由 cuSeqlens 还原 seqIds
  // - mask[i][j] = 1 exactly when seqIds agree and j ≤ i (mask.arraySync(), a double loop)
  //   掩码恰好在 seqIds 相同且 j ≤ i 时为 1（arraySync 后双重循环检查）
  // - attentionCase: packedAttention on a pack = each sequence alone with cuSeqlens [0, l], concatenated
  //   打包后的注意力 = 每条序列单独计算（cuSeqlens [0, l]）后拼接
  // - tf.profile(() => packedAttention(…)): no kernel output with T² elements (many short sequences)
  //   tf.profile 下没有 T² 个元素的 kernel 输出（用很多条短序列）
  // - packSequences leaves seqs unchanged; bad cuSeqlens ([3, 5], [0, 2, 2]) throw RangeError
  //   packSequences 不修改 seqs；非法的 cuSeqlens 抛 RangeError
];

export default properties;
