import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why fuse softmax and cross-entropy into one backward instead of chaining the softmax Jacobian and d(−log p)?',
      zh: '为什么把 softmax 和交叉熵合成一个反向，而不是把 softmax 的雅可比矩阵和 d(−log p) 串起来？',
    },
    a: {
      en: 'The chained route computes −1/p_y and multiplies it by the C×C Jacobian diag(p) − p pᵀ: O(C²) per row, and for a confident wrong prediction p_y underflows to 0 in float32, giving −Infinity times 0 = NaN. The fused result p − onehot is O(C), needs only a stable softmax, and is bounded in [−1, 1]; that is why PyTorch exposes cross_entropy on logits (log_softmax + nll) rather than on probabilities.',
      zh: '串联的做法要先算 −1/p_y，再乘以 C×C 的雅可比矩阵 diag(p) − p pᵀ：每行 O(C²)；而且对一个很自信的错误预测，p_y 在 float32 中下溢为 0，得到 −Infinity 乘 0 = NaN。合并后的结果 p − onehot 只要 O(C)，只需一个稳定的 softmax，且取值在 [−1, 1] 内；这也是 PyTorch 的 cross_entropy 接收 logits（log_softmax + nll）而不是概率的原因。',
    },
  },
  {
    q: {
      en: 'How large is the attention backward’s memory if you keep P for a sequence of 8192 tokens, and what does FlashAttention keep instead?',
      zh: '序列长 8192 时，如果保存 P，注意力反向要多少内存？FlashAttention 保存的是什么？',
    },
    a: {
      en: 'P is Tq × Tk = 8192² = 67108864 entries per head, 256 MiB in float32 for one head of one sequence, times heads and batch. FlashAttention keeps only Out and the per-row log-sum-exp (Tq numbers), recomputes P block by block in the backward, and uses D_i = rowsum(dO_i ∘ O_i) for the Jacobian term, which is why the kata’s dS is written with rowsum(dOut ∘ Out) rather than rowsum(P ∘ dP): the same number, without a full row of P.',
      zh: 'P 有 Tq × Tk = 8192² = 67108864 个元素（每个头），一个序列的一个头用 float32 就要 256 MiB，再乘上头数和 batch。FlashAttention 只保存 Out 和每行的 log-sum-exp（Tq 个数），在反向时分块重算 P，并用 D_i = rowsum(dO_i ∘ O_i) 计算雅可比项；这就是本题把 dS 写成 rowsum(dOut ∘ Out) 而不是 rowsum(P ∘ dP) 的原因：数值相同，却不需要一整行 P。',
    },
    numbers: [
      { text: '67108864', equals: 67108864, compute: () => 8192 * 8192 },
      { text: '256 MiB', equals: 256, compute: () => (8192 * 8192 * 4) / 2 ** 20 },
    ],
  },
  {
    q: {
      en: 'Your gradient check passes in float64 with h = 1e-6. Why not run it in float32 with the same step?',
      zh: '你的梯度检查在 float64、h = 1e-6 下通过了。为什么不能在 float32 下用同样的步长？',
    },
    a: {
      en: 'The central difference has truncation error O(h²) and round-off error about ε·|L|/h. In float64 (ε ≈ 2.2e-16) h = 1e-6 gives about 1e-12 + 2e-10, far below the 1e-4 tolerance. In float32 ε ≈ 1.2e-7, so the round-off term is about 0.1 at h = 1e-6: noise larger than many gradients. The best float32 step is near ε^(1/3) ≈ 5e-3, and even then only about 4 digits are right, so gradient checks run the forward pass in float64.',
      zh: '中心差分的截断误差是 O(h²)，舍入误差约为 ε·|L|/h。在 float64（ε ≈ 2.2e-16）中 h = 1e-6 给出约 1e-12 + 2e-10，远小于 1e-4 的容差。在 float32 中 ε ≈ 1.2e-7，h = 1e-6 时舍入项约为 0.1：噪声比很多梯度还大。float32 的最佳步长约为 ε^(1/3) ≈ 5e-3，即便如此也只有大约 4 位有效数字，所以梯度检查都用 float64 跑前向。',
    },
    numbers: [{ text: '5e-3', equals: 5e-3, compute: () => Math.round(Math.cbrt(2 ** -23) * 1000) / 1000 }],
  },
  {
    q: {
      en: 'Why does every row of the LayerNorm dx sum to zero, and what does that say about the gradient?',
      zh: '为什么 LayerNorm 的 dx 每行之和为零？这说明了梯度的什么性质？',
    },
    a: {
      en: 'Adding a constant c to every feature of a row changes neither x − μ nor the variance, so y does not change: the directional derivative along (1, …, 1) is zero, i.e. Σ_j dx_j = 0. In the closed form, dx = rstd·(g − mean(g) − x̂·mean(g·x̂)) sums to rstd·(−Σ_j x̂_j)·mean(g·x̂) = 0 because x̂ is centred. RMSNorm has no such invariance (it subtracts no mean), so its dx rows do not sum to zero.',
      zh: '给一行的每个特征都加同一个常数 c，x − μ 和方差都不变，所以 y 不变：沿 (1, …, 1) 方向的方向导数为零，即 Σ_j dx_j = 0。在闭式解中，dx = rstd·(g − mean(g) − x̂·mean(g·x̂)) 的和为 rstd·(−Σ_j x̂_j)·mean(g·x̂) = 0，因为 x̂ 已经中心化。RMSNorm 没有这种不变性（它不减均值），所以它的 dx 每行之和不为零。',
    },
  },
]);
