import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'distillation-loss',
  title: {
    en: 'Knowledge-distillation loss',
    zh: '知识蒸馏损失',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['loss', 'distillation', 'kl-divergence', 'temperature', 'masking', 'numerical-stability'],
  seed: [71],
  hints: [
    {
      en: 'Flatten both logits to [n, V]. log q = logSoftmax(student / T), log p = logSoftmax(teacher / T), each as (x − max) − log Σ exp(x − max). Forward KL per row is Σ p (log p − log q) over the last axis; reverse swaps the roles (q weights the sum). Multiply the mean by T².',
      zh: '把两个 logits 都展平成 [n, V]。log q = logSoftmax(student / T)，log p = logSoftmax(teacher / T)，都按 (x − max) − log Σ exp(x − max) 计算。每行的前向 KL 是沿最后一维的 Σ p (log p − log q)；反向 KL 交换角色（用 q 作权重）。平均值再乘以 T²。',
    },
    {
      en: 'Read the labels once with dataSync(): a 0/1 weight per position (label ≠ ignoreIndex), C = the number of counted positions, and a RangeError for C = 0 or a counted label outside [0, V). Both terms are Σ(weight · value) / C. The hard term is −log softmax(student)[label] at temperature 1: gather it at the flat index i·V + label, with a stand-in index for ignored rows.',
      zh: '用 dataSync() 读一次标签：每个位置一个 0/1 权重（label ≠ ignoreIndex），C = 计入的位置数；C = 0 或计入的标签不在 [0, V) 内时抛 RangeError。两项都是 Σ(权重 · 值) / C。硬损失是温度 1 下的 −log softmax(student)[label]：在扁平下标 i·V + label 处 gather，被忽略的行用一个替代下标。',
    },
    {
      en: 'Validate first (TypeError for wrong types and dtypes, RangeError for shapes, non-finite logits, T ≤ 0, α outside [0, 1], an unknown direction, a non-integer ignoreIndex), then do the tensor work in one tf.tidy that returns [loss, softLoss, hardLoss]; loss = α·softLoss + (1 − α)·hardLoss.',
      zh: '先做检查（类型和 dtype 错误抛 TypeError；形状、非有限 logits、T ≤ 0、α 不在 [0, 1]、未知 direction、非整数 ignoreIndex 抛 RangeError），再把张量运算放进一个返回 [loss, softLoss, hardLoss] 的 tf.tidy；loss = α·softLoss + (1 − α)·hardLoss。',
    },
  ],
});
