import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'lora-linear',
  title: {
    en: 'LoRA linear layer: forward, init, merge and parameter count',
    zh: 'LoRA 线性层：前向、初始化、合并与参数量',
  },
  minutes: 25,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['lora', 'fine-tuning', 'low-rank', 'tensor', 'parameter-count'],
  seed: [11, 27, 36],
  hints: [
    {
      en: 'y = x·W + bias + s·(x·A)·B with s = alpha/r (rsLoRA: alpha/√r) and r = a.shape[1]. In this [in, out] layout A is [dIn, r] and B is [r, dOut], so go through the rank-r bottleneck: reshape x to [-1, dIn], multiply by A, then by B.',
      zh: 'y = x·W + bias + s·(x·A)·B，其中 s = alpha/r（rsLoRA：alpha/√r），r = a.shape[1]。在 [in, out] 布局下 A 是 [dIn, r]、B 是 [r, dOut]，所以先把 x reshape 成 [-1, dIn]，乘 A，再乘 B，经过秩为 r 的瓶颈。',
    },
    {
      en: 'initLora: B must be all zeros (A·B = 0, so the layer starts as the pretrained one) and A seeded and non-zero (else no gradient ever flows). mergeLora is W + s·A·B (A·B, not B·A: it must be [dIn, dOut]); unmergeLora subtracts the same s·A·B.',
      zh: 'initLora：B 必须全零（A·B = 0，层一开始等于预训练层），A 由种子决定且非零（否则梯度永远为零）。mergeLora 是 W + s·A·B（是 A·B 而不是 B·A，结果必须是 [dIn, dOut]）；unmergeLora 减去同一个 s·A·B。',
    },
    {
      en: 'Count r·(dIn + dOut) per adapted matrix per layer: q [hidden, heads·headDim], k/v [hidden, kvHeads·headDim], o [heads·headDim, hidden], gate/up [hidden, intermediate], down [intermediate, hidden]; headDim defaults to hidden/heads; no bias, no W. Llama-2-7B q,v r=8 → 4,194,304. Each target at most once. Wrap tensor work in tf.tidy; check every argument first: TypeError for a wrong type, a missing field or an unknown option key, RangeError for a bad r, alpha ≤ 0, a non-integer seed, mismatched shapes or an unknown target.',
      zh: '每层每个被适配的矩阵计 r·(dIn + dOut)：q 为 [hidden, heads·headDim]，k/v 为 [hidden, kvHeads·headDim]，o 为 [heads·headDim, hidden]，gate/up 为 [hidden, intermediate]，down 为 [intermediate, hidden]；headDim 默认 hidden/heads；不计偏置和 W。Llama-2-7B q、v、r=8 → 4,194,304。每个 target 最多出现一次。张量运算放进 tf.tidy；先检查所有参数：类型错误、缺少字段或未知选项键抛 TypeError，r 非法、alpha ≤ 0、seed 不是整数、形状不一致或 target 未知抛 RangeError。',
    },
  ],
});
