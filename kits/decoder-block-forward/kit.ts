import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'decoder-block-forward',
  title: {
    en: 'Decoder block forward pass on random tensors',
    zh: '随机 tensor 的 Decoder Block 前向计算',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['transformer', 'attention', 'rmsnorm', 'swiglu', 'tensor'],
  seed: [26],
  hints: [
    {
      en: 'Pre-norm: normalise the input of each sub-layer, then add its output back. h = x + MHA(RMSNorm(x)), y = h + MLP(RMSNorm(h)). RMSNorm never subtracts the mean, and eps goes inside the square root.',
      zh: 'Pre-norm：先对每个子层的输入做归一化，再把子层输出加回残差。h = x + MHA(RMSNorm(x))，y = h + MLP(RMSNorm(h))。RMSNorm 不减均值，eps 放在根号里面。',
    },
    {
      en: 'Flatten to [B·T, D] for every projection. For the heads, reshape to [B, T, H, Dh] and then transpose to [B, H, T, Dh]; reshaping straight to [B, H, T, Dh] mixes tokens. Scale the scores by 1/sqrt(Dh), not 1/sqrt(D).',
      zh: '所有投影都先展平成 [B·T, D]。拆头时先 reshape 成 [B, T, H, Dh]，再 transpose 成 [B, H, T, Dh]；直接 reshape 成 [B, H, T, Dh] 会把不同 token 混在一起。得分乘以 1/sqrt(Dh)，不是 1/sqrt(D)。',
    },
    {
      en: 'Causal mask: add −Infinity where key s > query t before the softmax. The MLP is silu(m·wGate) ⊙ (m·wUp), then ·wDown, with m = RMSNorm(h) and silu(z) = z·sigmoid(z). Wrap everything in tf.tidy and reshape back to [B, T, D]. Throw RangeError for D % nHeads !== 0, a bad nHeads or eps, or a wrong shape, and TypeError for a missing or non-tensor argument.',
      zh: '因果 mask：softmax 之前在 key s > query t 的位置加上 −Infinity。MLP 为 silu(m·wGate) ⊙ (m·wUp) 再乘 wDown，其中 m = RMSNorm(h)，silu(z) = z·sigmoid(z)。全部包在 tf.tidy 里，最后 reshape 回 [B, T, D]。D % nHeads !== 0、nHeads 或 eps 不合法、形状不对时抛 RangeError；参数缺失或不是张量时抛 TypeError。',
    },
  ],
});
