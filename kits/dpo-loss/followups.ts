import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'What does one DPO step cost compared with supervised fine-tuning, and how do trainers cut it?',
      zh: '一步 DPO 训练比监督微调多花多少？训练框架怎样降低这部分开销？',
    },
    a: {
      en: 'Each pair needs four sequence log-probs: the policy on the chosen and the rejected answer (with gradients) and the frozen reference on both (forward only). The reference is a second copy of the model, 14 GB of bf16 weights for 7B, but no gradients or optimizer states. Since it never changes, TRL can precompute its log-probs once over the dataset (precompute_ref_log_probs) and drop it from memory; chosen and rejected are usually concatenated into one batch of 2N sequences.',
      zh: '每个偏好对需要四个序列对数概率：策略模型在 chosen 和 rejected 上各一次（要算梯度），冻结的参考模型在两者上各一次（只做前向）。参考模型是模型的第二份拷贝，7B 模型的 bf16 权重就是 14 GB，但不需要梯度和优化器状态。因为它从不更新，TRL 可以在整个数据集上预先算好它的对数概率（precompute_ref_log_probs），然后把它从显存中移除；chosen 和 rejected 通常拼成一个 2N 条序列的 batch 一起算。',
    },
    numbers: [{ text: '14 GB', equals: 14, compute: () => (7e9 * 2) / 1e9 }],
  },
  {
    q: {
      en: 'What is the gradient of the DPO loss with respect to the margin, and what does it say about which pairs matter?',
      zh: 'DPO 损失对间隔 h 的梯度是什么？它说明哪些样本对更重要？',
    },
    a: {
      en: 'd/dh softplus(−βh) = −β·σ(−βh): the weight σ(−βh) is near 1 when the implicit reward ranks the pair the wrong way and near 0 once it is ranked right by a wide margin, so DPO focuses on the pairs it still gets wrong. At h = 0 the slope is β/2, 0.05 for β = 0.1; β also sets how far the policy may drift from the reference before the loss saturates.',
      zh: 'd/dh softplus(−βh) = −β·σ(−βh)：当隐式奖励把这对排反时权重 σ(−βh) 接近 1，一旦以很大的间隔排对了就接近 0，所以 DPO 会把注意力集中在仍然排错的样本对上。h = 0 时斜率为 β/2，β = 0.1 时为 0.05；β 也决定了策略在损失饱和之前可以偏离参考模型多远。',
    },
    numbers: [{ text: '0.05', equals: 0.05, compute: () => 0.1 / 2 }],
  },
  {
    q: {
      en: 'Why use softplus instead of log(sigmoid(x)), and where exactly does the naive form break in float32?',
      zh: '为什么用 softplus 而不是 log(sigmoid(x))？朴素写法在 float32 中到底在哪里失效？',
    },
    a: {
      en: 'σ(x) ≈ e^x for very negative x, and e^x rounds to 0 in float32 once x < ln(2^−150) ≈ −103.97, the half-way point below the smallest subnormal; log 0 is −Infinity and the gradient is NaN. −log σ(x) = softplus(−x) = max(−x, 0) + log1p(e^−|x|) never overflows or underflows: βh = −1000 gives 1000. Sequence log-probs are sums over hundreds of tokens, so such margins do happen early in training or with mislabeled pairs.',
      zh: 'x 很负时 σ(x) ≈ e^x，而在 float32 中一旦 x < ln(2^−150) ≈ −103.97（最小次正规数以下的一半处），e^x 就舍入为 0；log 0 是 −Infinity，梯度是 NaN。−log σ(x) = softplus(−x) = max(−x, 0) + log1p(e^−|x|) 既不上溢也不下溢：βh = −1000 得到 1000。序列对数概率是几百个 token 的和，所以在训练初期或标注错误的样本对上，这样大的间隔确实会出现。',
    },
    numbers: [{ text: '103.97', equals: 103.97, compute: () => Math.round(150 * Math.LN2 * 100) / 100 }],
  },
  {
    q: {
      en: 'Summed log-probs favour short answers; what do IPO, SimPO and length-controlled variants do about length?',
      zh: '求和的对数概率偏向短回答；IPO、SimPO 以及控制长度的变体是怎么处理长度的？',
    },
    a: {
      en: 'A sum over tokens is more negative for a longer answer, so h mixes quality with length, and DPO-trained models are known to drift towards longer outputs. IPO uses the average log-prob per token (average: true here) and a squared loss that stops at the margin 1/(2β) instead of pushing h to infinity; SimPO drops the reference, uses the length-normalised average and adds a target margin γ; R-DPO adds an explicit length penalty to the margin.',
      zh: '对 token 求和时，回答越长和越负，所以 h 把质量和长度混在了一起；用 DPO 训练的模型也确实倾向于输出越来越长。IPO 用每个 token 的平均对数概率（本题的 average: true），并用平方损失让 h 停在间隔 1/(2β) 处，而不是一直推向无穷；SimPO 去掉参考模型，用按长度归一化的平均值，并加一个目标间隔 γ；R-DPO 则在间隔中显式加入长度惩罚。',
    },
  },
  {
    q: {
      en: 'What does label smoothing (cDPO) model, and why did TRL move it out of the sigmoid loss?',
      zh: 'label smoothing（cDPO）建模的是什么？TRL 为什么把它移出了 sigmoid 损失？',
    },
    a: {
      en: 'cDPO assumes each preference label is flipped with probability ε and minimises the expected loss, (1 − ε)·L(h) + ε·L(−h); its minimum sits at σ(βh) = 1 − ε, so it stops pushing h once the pair is ranked with confidence 1 − ε. That estimator is biased, so TRL ≥ 1.0 keeps sigmoid as plain DPO and offers robust DPO, which divides (1 − ε)·L(h) − ε·L(−h) by 1 − 2ε to get an unbiased loss; ε must stay below 0.5, where the labels carry no information.',
      zh: 'cDPO 假设每个偏好标签以概率 ε 被翻转，并最小化期望损失 (1 − ε)·L(h) + ε·L(−h)；它的最小值在 σ(βh) = 1 − ε 处，所以当这一对以 1 − ε 的置信度排对后就不再推动 h。这个估计是有偏的，所以 TRL ≥ 1.0 让 sigmoid 回到普通 DPO，另外提供 robust DPO：把 (1 − ε)·L(h) − ε·L(−h) 除以 1 − 2ε 得到无偏的损失；ε 必须小于 0.5，到 0.5 时标签已不携带任何信息。',
    },
  },
]);
