import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'masked-loss',
  title: {
    en: 'Masked cross-entropy and the SFT loss',
    zh: '带 mask 的交叉熵与 SFT 损失',
  },
  minutes: 15,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['loss', 'cross-entropy', 'masking', 'sft', 'numerical-stability'],
  seed: [55, 73],
  hints: [
    {
      en: 'Per token, nll = logsumexp(logits) − logits[target]. Weight it by the mask and divide by sum(mask) over the whole batch: not by B·T, and not per sequence.',
      zh: '每个 token 的 nll = logsumexp(logits) − logits[target]。乘以 mask 权重后，除以整个 batch 的 sum(mask)：不是除以 B·T，也不是逐序列平均。',
    },
    {
      en: 'Read mask and targets with dataSync() first: RangeError for a negative/NaN weight or an out-of-range target whose weight is positive; tf.scalar(0) when sum(mask) = 0. Replace masked-out targets (e.g. -100) by a valid index before any gather (tf.gather throws on -100; tf.oneHot needs V ≥ 2).',
      zh: '先用 dataSync() 读取 mask 和 targets：权重为负或 NaN、或权重为正处 target 越界时抛 RangeError；sum(mask) = 0 时返回 tf.scalar(0)。在任何 gather 之前把 mask 为 0 处的 target（如 -100）换成合法下标（tf.gather 遇到 -100 会抛错；tf.oneHot 要求 V ≥ 2）。',
    },
    {
      en: 'causalLmLoss: logits[:, 0:T−1] against labels[:, 1:T], mask = (label ≠ ignoreIndex), then reuse maskedCrossEntropy; T = 1 gives 0. Do the tensor work inside tf.tidy and return a scalar of shape [], not [1].',
      zh: 'causalLmLoss：用 logits[:, 0:T−1] 对应 labels[:, 1:T]，mask = (label ≠ ignoreIndex)，再复用 maskedCrossEntropy；T = 1 时为 0。张量运算放在 tf.tidy 中，返回形状为 [] 而不是 [1] 的标量。',
    },
  ],
});
