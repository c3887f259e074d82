import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'masked-loss',
  title: {
    en: 'Masked cross-entropy and the SFT loss',
    zh: '带 mask 的交叉熵与 SFT 损失',
  },
  minutes: 20,
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
      en: 'Check the inputs before any tensor work: tf.Tensor and dtype (float32 logits and mask, int32 targets and labels) else TypeError; rank 3 logits and [B, T] targets/mask/labels else RangeError. Then read mask and targets with dataSync(): RangeError for a negative, NaN or infinite weight, or an out-of-range target whose weight is positive; tf.scalar(0) when sum(mask) = 0. Replace masked-out targets (e.g. -100) by a valid index before any gather (tf.gather throws on -100; tf.oneHot needs V ≥ 2).',
      zh: '在任何张量运算之前先检查输入：是否为 tf.Tensor、dtype 是否正确（logits 和 mask 为 float32，targets 和 labels 为 int32），否则抛 TypeError；logits 秩为 3、targets/mask/labels 形状为 [B, T]，否则抛 RangeError。然后用 dataSync() 读取 mask 和 targets：权重为负、NaN 或无穷，或权重为正处 target 越界时抛 RangeError；sum(mask) = 0 时返回 tf.scalar(0)。在任何 gather 之前把 mask 为 0 处的 target（如 -100）换成合法下标（tf.gather 遇到 -100 会抛错；tf.oneHot 要求 V ≥ 2）。',
    },
    {
      en: 'causalLmLoss: ignoreIndex must be an integer (RangeError, or TypeError if not a number). Slice logits[:, 0:T−1] against labels[:, 1:T], mask = (label ≠ ignoreIndex), then reuse maskedCrossEntropy: labels[:, 0] is never read, so never checked; T = 1 gives 0. Do the tensor work inside tf.tidy and return a scalar of shape [], not [1].',
      zh: 'causalLmLoss：ignoreIndex 必须是整数（否则抛 RangeError；不是数字则抛 TypeError）。用 logits[:, 0:T−1] 对应 labels[:, 1:T]，mask = (label ≠ ignoreIndex)，再复用 maskedCrossEntropy：labels[:, 0] 从不读取，所以也从不检查；T = 1 时为 0。张量运算放在 tf.tidy 中，返回形状为 [] 而不是 [1] 的标量。',
    },
  ],
});
