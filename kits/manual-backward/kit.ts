import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'manual-backward',
  title: {
    en: 'Backward passes by hand: cross-entropy, LayerNorm, attention',
    zh: '手写反向传播：交叉熵、LayerNorm、注意力',
  },
  minutes: 30,
  difficulty: 'hard',
  kind: 'tensor',
  tags: ['backprop', 'gradients', 'cross-entropy', 'layer-norm', 'attention', 'tensor'],
  seed: [40, 67],
  hints: [
    {
      en: 'Cross-entropy first: with the MEAN over N, dlogits = dloss·(softmax(logits) − onehot)/N. tf.softmax is stable; build the one-hot by comparing labels (expandDims to [N, 1]) with tf.range(0, C) (tf.oneHot needs C ≥ 2). Check [[0, 0], [ln 3, 0]], labels [0, 1] → [[-0.25, 0.25], [0.375, -0.375]].',
      zh: '先做交叉熵：对 N 取均值时，dlogits = dloss·(softmax(logits) − onehot)/N。tf.softmax 是数值稳定的；one-hot 可以用 labels（expandDims 成 [N, 1]）与 tf.range(0, C) 比较得到（tf.oneHot 要求 C ≥ 2）。用 [[0, 0], [ln 3, 0]]、标签 [0, 1] 检查：应得 [[-0.25, 0.25], [0.375, -0.375]]。',
    },
    {
      en: 'LayerNorm: recompute μ, the biased var and rstd = 1/sqrt(var + eps) per row (tf.moments(x, -1, true)), x̂ = (x − μ)·rstd, g = dy·γ. Then dx = rstd·(g − mean(g) − x̂·mean(g·x̂)) with row means (keepDims), dgamma = Σ_n dy·x̂, dbeta = Σ_n dy (sum over axis 0).',
      zh: 'LayerNorm：逐行重新计算 μ、有偏方差和 rstd = 1/sqrt(var + eps)（tf.moments(x, -1, true)），x̂ = (x − μ)·rstd，g = dy·γ。然后 dx = rstd·(g − mean(g) − x̂·mean(g·x̂))（逐行均值，keepDims），dgamma = Σ_n dy·x̂，dbeta = Σ_n dy（沿第 0 维求和）。',
    },
    {
      en: 'Attention: recompute P = softmax(q kᵀ/sqrt(d)) with the bottom-right mask (tf.linalg.bandPart(ones, −1, Tk − Tq), masked scores −Infinity) and Out = P v. Then dv = Pᵀ dOut, dP = dOut vᵀ, dS = P ∘ (dP − rowsum(dOut ∘ Out)), dq = dS k/sqrt(d), dk = dSᵀ q/sqrt(d) (tf.matMul(a, b, transposeA, transposeB)). Wrap each function in tf.tidy and throw RangeError / TypeError as the README lists; never call tf.grad and friends.',
      zh: '注意力：重新计算 P = softmax(q kᵀ/sqrt(d))（右下角对齐的掩码：tf.linalg.bandPart(ones, −1, Tk − Tq)，被遮住的分数设为 −Infinity）和 Out = P v。然后 dv = Pᵀ dOut，dP = dOut vᵀ，dS = P ∘ (dP − rowsum(dOut ∘ Out))，dq = dS k/sqrt(d)，dk = dSᵀ q/sqrt(d)（tf.matMul(a, b, transposeA, transposeB)）。每个函数都用 tf.tidy 包住，按 README 抛 RangeError / TypeError；不要调用 tf.grad 之类的函数。',
    },
  ],
});
