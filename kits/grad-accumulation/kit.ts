import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'grad-accumulation',
  title: {
    en: 'Gradient accumulation and checkpointing',
    zh: '梯度累积与梯度检查点',
  },
  minutes: 15,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['training', 'memory', 'loss-normalisation', 'checkpointing'],
  seed: [46],
  hints: [
    {
      en: 'The full batch divides the summed token loss by the number of valid tokens in ALL micro-batches. Averaging per-micro-batch means weighs a 1-token micro-batch like a 1000-token one.',
      zh: '全批次把所有 token 损失之和除以「所有」微批次中的有效 token 数。对每个微批次的均值再取平均，会让 1 个 token 的微批次与 1000 个 token 的微批次同等权重。',
    },
    {
      en: "Count num_items_in_batch = Σ mask over every micro-batch first, then add each micro-batch's summed loss and gradient 2·m·(x·θ − y)·x divided by that one count. Zero valid tokens: loss 0, grad zeros.",
      zh: '先在所有微批次上统计 num_items_in_batch = Σ mask，再把每个微批次的损失和梯度 2·m·(x·θ − y)·x 之和除以这一个总数后累加。没有有效 token 时：loss 为 0，梯度全 0。',
    },
    {
      en: 'Checkpointing: ceil(L/k) + k is smallest near k = √L; scan k = 1..L and keep a new k only when it is strictly better, so ties go to the smallest k. Validate segment with Number.isInteger.',
      zh: '检查点：ceil(L/k) + k 在 k ≈ √L 附近最小；扫描 k = 1..L，只有严格更优时才更新，这样并列时取最小的 k。用 Number.isInteger 校验 segment。',
    },
  ],
});
