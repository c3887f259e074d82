import { defineFollowups } from '../../src/kit/followups.ts';

// The README's example rows at position 0.
const p0 = [0.125, 0.5, 0.375];
const q0 = [0.5, 0.25, 0.25];
const alpha = p0.reduce((s, v, i) => s + Math.min(v, q0[i] as number), 0);

/** Leviathan et al., Eq. 1: expected tokens per round, (1 − α^(γ+1)) / (1 − α). */
const expectedTokens = (a: number, gamma: number) => (1 - a ** (gamma + 1)) / (1 - a);

export default defineFollowups([
  {
    q: {
      en: 'Why is the output distributed exactly as the target model, and not just approximately?',
      zh: '为什么输出恰好服从目标模型的分布，而不只是近似？',
    },
    a: {
      en: 'For one position: P(emit y) = P(draft y and accept) + P(reject) · residual(y) = q(y)·min(1, p(y)/q(y)) + (1 − Σ_v min(p, q)) · max(0, p(y) − q(y)) / Σ_v max(0, p − q) = min(p(y), q(y)) + max(0, p(y) − q(y)) = p(y), because Σ_v max(0, p − q) = 1 − Σ_v min(p, q). Rejection sampling with the residual as the proposal for the rejected mass (Leviathan et al., Appendix A.1). Each later position repeats the argument conditioned on the accepted prefix.',
      zh: '对一个位置：P(输出 y) = P(草稿给出 y 且被接受) + P(拒绝) · 残差(y) = q(y)·min(1, p(y)/q(y)) + (1 − Σ_v min(p, q)) · max(0, p(y) − q(y)) / Σ_v max(0, p − q) = min(p(y), q(y)) + max(0, p(y) − q(y)) = p(y)，因为 Σ_v max(0, p − q) = 1 − Σ_v min(p, q)。这是拒绝采样，被拒绝的质量用残差来补（Leviathan 等，附录 A.1）。后面的每个位置在已接受前缀的条件下重复同样的论证。',
    },
  },
  {
    q: {
      en: 'What is the acceptance rate, and how many tokens does one round yield on average?',
      zh: '接受率是多少？平均每轮产出多少个 token？',
    },
    a: {
      en: 'A draft token is accepted with probability α = Σ_v min(p(v), q(v)) = 1 − TV(p, q): 0.625 for the README rows at position 0. If every position had that α, a round with γ draft tokens would yield (1 − α^(γ+1)) / (1 − α) tokens in expectation (Leviathan et al., Eq. 1): 2.02 for γ = 2, and at most 1/(1 − α) ≈ 2.67 however long the draft. The bonus token is why the count is accepted + 1.',
      zh: '一个草稿 token 被接受的概率是 α = Σ_v min(p(v), q(v)) = 1 − TV(p, q)：README 的第 0 个位置上是 0.625。若每个位置的 α 都如此，草稿长度为 γ 的一轮期望产出 (1 − α^(γ+1)) / (1 − α) 个 token（Leviathan 等，式 1）：γ = 2 时是 2.02，不论草稿多长都不超过 1/(1 − α) ≈ 2.67。奖励 token 正是个数为 accepted + 1 的原因。',
    },
    numbers: [
      { text: '0.625', equals: 0.625, compute: () => alpha },
      { text: '2.02', equals: 2.02, compute: () => Math.round(expectedTokens(alpha, 2) * 100) / 100 },
      { text: '2.67', equals: 2.67, compute: () => Math.round((1 / (1 - alpha)) * 100) / 100 },
    ],
  },
  {
    q: {
      en: 'How would you choose the draft length K, and where does the speed-up come from?',
      zh: '你会怎样选择草稿长度 K？加速来自哪里？',
    },
    a: {
      en: 'Decoding is memory-bound: one forward pass of the target over K + 1 positions costs about as much as over one, so each round costs K draft passes plus one target pass and yields (1 − α^(K+1)) / (1 − α) tokens. With draft cost c (relative to the target) the speed-up is that count over (K·c + 1) (Leviathan et al., Theorem 3.8): larger K pays only while α^K is still large; HF adapts the number of assistant tokens (num_assistant_tokens_schedule "heuristic": +2 after a fully accepted round, −1 otherwise).',
      zh: '解码受内存带宽限制：目标模型对 K + 1 个位置做一次前向计算，代价与对一个位置差不多，所以每轮代价是 K 次草稿前向加一次目标前向，产出 (1 − α^(K+1)) / (1 − α) 个 token。若草稿代价（相对目标）为 c，加速比就是这个数除以 (K·c + 1)（Leviathan 等，定理 3.8）：只有 α^K 仍然较大时增大 K 才划算；HF 会自适应调整 assistant token 数（num_assistant_tokens_schedule 为 "heuristic"：一轮全部接受则 +2，否则 −1）。',
    },
  },
  {
    q: {
      en: 'What changes with greedy decoding, or with temperature, top-k or top-p?',
      zh: '贪心解码、温度、top-k 或 top-p 会带来什么变化？',
    },
    a: {
      en: 'Both models must be warped the same way before p and q are formed: the guarantee holds for whatever distribution p is, so apply temperature/top-k/top-p to the target logits and use the warped q the draft actually sampled from. Greedy is the limit where p and q are one-hot: accept while the draft token equals the target argmax, then emit the target argmax (HF compares tokens directly when do_sample is False). A q that differs from the one the draft sampled from breaks the guarantee.',
      zh: '在构造 p 和 q 之前，两个模型都要做同样的变换：保证对任何 p 都成立，所以对目标 logits 施加温度/top-k/top-p，q 用草稿实际采样时的那个变换后的分布。贪心是 p、q 都为 one-hot 的极限：草稿 token 等于目标 argmax 时接受，然后输出目标的 argmax（HF 在 do_sample 为 False 时直接比较 token）。q 与草稿实际采样的分布不一致，保证就失效了。',
    },
  },
]);
