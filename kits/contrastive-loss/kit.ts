import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'contrastive-loss',
  title: {
    en: 'CLIP contrastive loss and InfoNCE',
    zh: 'CLIP 对比损失与 InfoNCE',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['loss', 'contrastive', 'clip', 'infonce', 'multimodal', 'numerical-stability'],
  seed: [12, 20],
  hints: [
    {
      en: 'Normalise the rows (x / ‖x‖), then logitsPerImage = scale · img @ txtᵀ with rows = images, and logitsPerText is its transpose. Both losses are a cross-entropy whose label for row i is column i.',
      zh: '先对每行归一化（x / ‖x‖），再算 logitsPerImage = scale · img @ txtᵀ（每行一张图像），logitsPerText 是它的转置。两个损失都是交叉熵，第 i 行的标签是第 i 列。',
    },
    {
      en: 'scale = exp(clamp(logitScale, 0, maxLogitScale)): clamp the log, then exponentiate. CE(L) = mean over rows of logSumExp(L[i]) − L[i][i] (tf.logSumExp subtracts the maximum; the diagonal is sum(L · eye(N), 1)). loss = (CE(logitsPerImage) + CE(logitsPerText)) / 2; infoNCE is CE(q @ kᵀ / τ) on the raw vectors.',
      zh: 'scale = exp(clamp(logitScale, 0, maxLogitScale))：先截断对数，再取指数。CE(L) = 对各行的 logSumExp(L[i]) − L[i][i] 取平均（tf.logSumExp 会减去最大值；对角线是 sum(L · eye(N), 1)）。loss = (CE(logitsPerImage) + CE(logitsPerText)) / 2；infoNCE 就是原始向量上的 CE(q @ kᵀ / τ)。',
    },
    {
      en: 'Check the arguments first (tf.Tensor, one shape [N, D], finite logitScale and a tensor of shape [] read back once, maxLogitScale ≥ 0, τ > 0), and reject bad rows with one tensor test read back once: every row norm finite and > 0. Then do the work in tf.tidy. tf.oneHot rejects depth 1, so use tf.eye(N) for N = 1.',
      zh: '先检查参数（是否为 tf.Tensor、是否同为 [N, D]、logitScale 是否有限、形状为 [] 的张量读回一次、maxLogitScale ≥ 0、τ > 0），再用一次张量判断并读回一个值来拒绝坏行：每行范数有限且 > 0。然后在 tf.tidy 中计算。tf.oneHot 不接受深度 1，N = 1 时用 tf.eye(N)。',
    },
  ],
});
