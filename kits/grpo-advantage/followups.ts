import { defineFollowups } from '../../src/kit/followups.ts';

/** Unbiased std of G binary rewards with k ones. */
const binaryStd = (k: number, g: number) => {
  const p = k / g;
  return Math.sqrt((p * (1 - p) * g) / (g - 1));
};

export default defineFollowups([
  {
    q: {
      en: 'What does GRPO save by dropping the value network, and what does it pay instead?',
      zh: 'GRPO 去掉价值网络省下了什么？又付出了什么代价？',
    },
    a: {
      en: "PPO's critic is usually as large as the policy: for a 7B policy that is another 7·10^9 parameters, 14 GB of bf16 weights before gradients and Adam states, plus its forward and backward passes. GRPO replaces the learned baseline with the group mean, so it must sample G completions per prompt (G = 8 to 64 in practice) and gets a baseline only as good as G samples allow.",
      zh: 'PPO 的 critic 通常和策略一样大：7B 的策略就要再多 7·10^9 个参数，仅 bf16 权重就是 14 GB，还不算梯度和 Adam 状态，以及它的前向和反向计算。GRPO 用组内均值代替学出来的基线，因此每个 prompt 要采样 G 个回答（实践中 G = 8 到 64），而基线的质量也只取决于这 G 个样本。',
    },
    numbers: [{ text: '14 GB', equals: 14, compute: () => (7e9 * 2) / 1e9 }],
  },
  {
    q: {
      en: 'A constant group gets advantage 0. How often does that happen with 0/1 rewards, and what do people do about it?',
      zh: '常数组的优势为 0。奖励为 0/1 时这种情况有多常见？大家怎么处理？',
    },
    a: {
      en: "With per-sample accuracy p and G = 8 the chance that all eight agree is p^8 + (1 − p)^8: 0.0078125 at p = 0.5 but 0.43046722 at p = 0.9, so on easy prompts almost half the groups give no gradient at all (only the KL term). DAPO's dynamic sampling over-samples and drops groups whose accuracy is 0 or 1 so every batch carries signal.",
      zh: '单个样本正确率为 p、G = 8 时，八个结果全相同的概率是 p^8 + (1 − p)^8：p = 0.5 时为 0.0078125，p = 0.9 时却是 0.43046722，所以在简单的 prompt 上将近一半的组完全没有梯度（只剩 KL 项）。DAPO 的动态采样会多采一些，并丢掉正确率为 0 或 1 的组，让每个 batch 都有信号。',
    },
    numbers: [
      { text: '0.0078125', equals: 0.0078125, compute: () => 0.5 ** 8 + 0.5 ** 8 },
      { text: '0.43046722', equals: 0.43046722, compute: () => Math.round((0.9 ** 8 + 0.1 ** 8) * 1e8) / 1e8 },
    ],
  },
  {
    q: {
      en: 'What does dividing by the group std do to easy and hard prompts?',
      zh: '除以组内标准差，对简单和困难的 prompt 各有什么影响？',
    },
    a: {
      en: "With binary rewards and G = 8, one correct answer out of eight has std 0.353553 and advantage 2.474874, while four out of eight have std 0.534522 and advantage 0.935414 for each correct one: near-unanimous groups (very easy or very hard prompts) are up-weighted. Dr. GRPO calls this a difficulty bias and drops the std (scale 'none'); TRL exposes the choice as scale_rewards.",
      zh: "奖励为 0/1、G = 8 时，八个里只有一个正确，标准差为 0.353553，正确答案的优势为 2.474874；八个里有四个正确，标准差为 0.534522，每个正确答案的优势为 0.935414：结果几乎一致的组（非常简单或非常难的 prompt）被放大了。Dr. GRPO 把这称为难度偏差并去掉了标准差（scale 为 'none'）；TRL 用 scale_rewards 提供这个选择。",
    },
    numbers: [
      { text: '0.353553', equals: 0.353553, compute: () => Math.round(binaryStd(1, 8) * 1e6) / 1e6 },
      { text: '2.474874', equals: 2.474874, compute: () => Math.round(((1 - 1 / 8) / binaryStd(1, 8)) * 1e6) / 1e6 },
      { text: '0.534522', equals: 0.534522, compute: () => Math.round(binaryStd(4, 8) * 1e6) / 1e6 },
      { text: '0.935414', equals: 0.935414, compute: () => Math.round((0.5 / binaryStd(4, 8)) * 1e6) / 1e6 },
    ],
  },
  {
    q: {
      en: "Why 'sequence' versus 'token' aggregation: what changes for long answers?",
      zh: "'sequence' 和 'token' 两种聚合有什么区别？对长回答有什么影响？",
    },
    a: {
      en: "'sequence' first averages each answer over its own tokens, so a token of a 1000-token answer weighs 10 times less than a token of a 100-token answer: a long wrong answer is penalised less per token, which rewards rambling. DAPO's token-level loss (TRL's bnpo/dapo) weighs every token of the batch equally; Dr. GRPO divides by a constant (B·L_max) for the same reason.",
      zh: "'sequence' 先在每个回答自己的 token 上取平均，所以 1000 个 token 的回答中的一个 token，权重只有 100 个 token 的回答中一个 token 的 1/10：长的错误回答每个 token 受到的惩罚更小，等于鼓励啰嗦。DAPO 的 token 级损失（TRL 的 bnpo/dapo）让 batch 中每个 token 权重相同；Dr. GRPO 出于同样的原因改为除以常数（B·L_max）。",
    },
    numbers: [{ text: '10', equals: 10, compute: () => 1 / 100 / (1 / 1000) }],
  },
  {
    q: {
      en: 'Why the k3 estimator, and why put the KL in the loss rather than in the reward?',
      zh: '为什么用 k3 估计？为什么把 KL 放进损失而不是奖励里？',
    },
    a: {
      en: "With samples from π, k1 = log π − log π_ref is unbiased but negative on many tokens and noisy; k3 = exp(ref − logp) − (ref − logp) − 1 is also unbiased, never negative and has lower variance (Schulman's note on KL approximations). DeepSeekMath adds β·KL to the loss directly, so the advantages stay pure group-relative rewards and the per-token KL does not leak into the baseline.",
      zh: '在从 π 采样的情况下，k1 = log π − log π_ref 是无偏的，但在很多 token 上为负、噪声大；k3 = exp(ref − logp) − (ref − logp) − 1 同样无偏，永不为负且方差更小（见 Schulman 关于 KL 近似的笔记）。DeepSeekMath 直接把 β·KL 加进损失，这样优势仍然是纯粹的组内相对奖励，逐 token 的 KL 不会混进基线。',
    },
  },
]);
