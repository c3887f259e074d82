import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'sft-packing-mask',
  title: {
    en: 'SFT loss masks and sequence packing',
    zh: 'SFT 损失掩码与序列打包',
  },
  minutes: 25,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['sft', 'packing', 'attention-mask', 'memory'],
  seed: [73, 80],
  hints: [
    {
      en: 'Labels are not shifted (the model shifts): prompt positions get ignoreIndex (−100), response positions keep their ids. When packing, also set each sequence’s first label to −100.',
      zh: '标签不做移位（由模型移位）：提示部分为 ignoreIndex（−100），回答部分保留 token id。打包时，还要把每条序列的第一个标签设为 −100。',
    },
    {
      en: 'Positions restart at 0 for every sequence; seqIds number the sequences; cuSeqlens is the running total of lengths starting with 0. mask[i][j] = 1 when seqIds agree and j ≤ i.',
      zh: '每条序列的位置都从 0 重新开始；seqIds 给序列编号；cuSeqlens 是长度的前缀和，以 0 开头。当 seqIds 相同且 j ≤ i 时 mask[i][j] = 1。',
    },
    {
      en: 'packedAttention: loop over the sequences given by cuSeqlens and run ordinary causal attention (scale 1/√d) on each slice, then concat. Nothing of size [T, T] is ever built.',
      zh: 'packedAttention：按 cuSeqlens 遍历每条序列，对每个切片做普通的因果注意力（缩放 1/√d），最后拼接。任何时候都不构造 [T, T] 的张量。',
    },
  ],
});
