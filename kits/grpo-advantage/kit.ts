import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'grpo-advantage',
  title: {
    en: 'GRPO group advantages and clipped loss',
    zh: 'GRPO 组内优势与截断损失',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['rlhf', 'grpo', 'ppo', 'kl', 'masking'],
  seed: [37, 70],
  hints: [
    {
      en: "Groups are contiguous runs of G rewards. Subtract each group's own mean, then divide by its unbiased std (n − 1) plus eps. A constant group gives exactly 0: compare the rewards themselves, since the float std of three 0.1s is not 0.",
      zh: '分组是连续的 G 个奖励。减去本组均值，再除以本组无偏标准差（n − 1）加 eps。常数组的结果恰好为 0：直接比较奖励本身，因为三个 0.1 的浮点标准差并不是 0。',
    },
    {
      en: 'Per token: r = exp(logp − oldLogp), loss = −min(r·A, clip(r, 1−ε, 1+ε_high)·A) + β·(exp(ref − logp) − (ref − logp) − 1). Broadcast A as [B, 1].',
      zh: '逐 token：r = exp(logp − oldLogp)，loss = −min(r·A, clip(r, 1−ε, 1+ε_high)·A) + β·(exp(ref − logp) − (ref − logp) − 1)。把 A 扩成 [B, 1] 来广播。',
    },
    {
      en: "Multiply by the mask. 'sequence': each row's masked sum ÷ its mask count, then the mean of the rows. 'token': total masked sum ÷ max(total count, 1). Wrap it all in tf.tidy.",
      zh: "乘以 mask。'sequence'：每行 mask 后的和除以该行 mask 个数，再对行取平均；'token'：总和除以 max(总个数, 1)。全部放进 tf.tidy。",
    },
  ],
});
