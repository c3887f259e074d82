import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'rope-scaling',
  title: {
    en: 'RoPE context extension: linear, dynamic NTK, YaRN, Llama 3.1',
    zh: 'RoPE 上下文扩展：线性插值、动态 NTK、YaRN、Llama 3.1',
  },
  minutes: 25,
  difficulty: 'hard',
  kind: 'algorithm',
  tags: ['positional-encoding', 'long-context', 'numerics', 'hf-conventions'],
  seed: [30, 32, 88],
  hints: [
    {
      en: "Start from d[i] = 1/base^(2i/dim) for i < dim/2 (arange(0, dim, 2)/dim). 'linear' is d/factor. 'dynamic' is d with base' = base·(factor·seqLen/L − (factor − 1))^(dim/(dim − 2)), but only when seqLen > L.",
      zh: "从 d[i] = 1/base^(2i/dim)（i < dim/2，即 arange(0, dim, 2)/dim）出发。'linear' 是 d/factor。'dynamic' 是把 base 换成 base·(factor·seqLen/L − (factor − 1))^(dim/(dim − 2)) 的 d，但只在 seqLen > L 时。",
    },
    {
      en: "'yarn': correctionDim(r) = dim·ln(L/(2πr))/(2·ln base); low = max(floor(cd(betaFast)), 0), high = min(ceil(cd(betaSlow)), dim − 1), +0.001 if equal; ramp = clamp((i − low)/(high − low), 0, 1); invFreq = d/factor·ramp + d·(1 − ramp); attentionScaling = 0.1·ln(factor) + 1.",
      zh: "'yarn'：correctionDim(r) = dim·ln(L/(2πr))/(2·ln base)；low = max(floor(cd(betaFast)), 0)，high = min(ceil(cd(betaSlow)), dim − 1)，相等时加 0.001；ramp = clamp((i − low)/(high − low), 0, 1)；invFreq = d/factor·ramp + d·(1 − ramp)；attentionScaling = 0.1·ln(factor) + 1。",
    },
    {
      en: "'llama3': wavelen = 2π/d[i]; < L/highFreqFactor keeps d, > L/lowFreqFactor gives d/factor, else smooth = (L/wavelen − low)/(high − low) and (1 − smooth)·d/factor + smooth·d. Validate only the options the type uses: TypeError for a missing or non-number field, RangeError for a bad value.",
      zh: "'llama3'：wavelen = 2π/d[i]；小于 L/highFreqFactor 保留 d，大于 L/lowFreqFactor 取 d/factor，否则 smooth = (L/wavelen − low)/(high − low)，结果为 (1 − smooth)·d/factor + smooth·d。只校验该类型用到的选项：缺失或不是数字抛 TypeError，取值不对抛 RangeError。",
    },
  ],
});
