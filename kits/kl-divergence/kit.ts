import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'kl-divergence',
  title: {
    en: 'KL divergence and cross-entropy',
    zh: 'KL 散度与交叉熵',
  },
  minutes: 25,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['loss', 'kl-divergence', 'cross-entropy', 'entropy', 'numerical-stability'],
  seed: [42],
  hints: [
    {
      en: 'Work in log space: logSoftmax(x) = (x − max) − log Σ exp(x − max) over the last axis. Then H(p) = −Σ p log p, H(p, q) = −Σ p log q and KL(p‖q) = Σ p (log p − log q) = H(p, q) − H(p), each a sum over axis −1 (no keepDims).',
      zh: '在对数空间里计算：沿最后一维 logSoftmax(x) = (x − max) − log Σ exp(x − max)。然后 H(p) = −Σ p log p，H(p, q) = −Σ p log q，KL(p‖q) = Σ p (log p − log q) = H(p, q) − H(p)，都是沿 axis −1 求和（不保留维度）。',
    },
    {
      en: 'p = exp(logSoftmax): where p = 0 (a −Infinity logit) the product p·log p is 0·(−Infinity) = NaN, so select those terms away with tf.where(p > 0, …, 0) instead of multiplying. p > 0 where log q = −Infinity must stay +Infinity.',
      zh: 'p = exp(logSoftmax)：p = 0（logit 为 −Infinity）处 p·log p 是 0·(−Infinity) = NaN，所以用 tf.where(p > 0, …, 0) 把这些项选掉，而不是相乘。p > 0 而 log q = −Infinity 处结果必须保持 +Infinity。',
    },
    {
      en: "klDivLoss is PyTorch's kl_div: input = log q, target = p, pointwise p·(log p − input), so it is KL(p‖q). 'mean' (the default) divides by every element, 'batchmean' by input.shape[0], 'sum' sums, 'none' keeps the shape. Check the arguments first (tf.Tensor, same shape, the reduction, NaN or +Infinity values, target ≥ 0: tf.isNaN / tf.any and one value read back), then wrap the rest in tf.tidy.",
      zh: "klDivLoss 就是 PyTorch 的 kl_div：input = log q，target = p，逐元素 p·(log p − input)，所以它是 KL(p‖q)。'mean'（默认）除以元素总数，'batchmean' 除以 input.shape[0]，'sum' 求和，'none' 保持形状。先检查参数（是否为 tf.Tensor、形状是否相同、reduction、有无 NaN 或 +Infinity、target ≥ 0：用 tf.isNaN / tf.any 再读回一个值），其余放在 tf.tidy 中。",
    },
  ],
});
