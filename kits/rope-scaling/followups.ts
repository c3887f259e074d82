import { defineFollowups } from '../../src/kit/followups.ts';

/** YaRN's correction dim: the (fractional) pair index that turns `r` times within L tokens. */
const correctionDim = (dim: number, base: number, L: number, r: number) =>
  (dim * Math.log(L / (r * 2 * Math.PI))) / (2 * Math.log(base));

/** Llama 3.1's bands for dim 128, base 500000, L 8192 (low 1, high 4): how many pairs fall in each. */
function llama31Bands(): { kept: number; blended: number; divided: number } {
  const counts = { kept: 0, blended: 0, divided: 0 };
  for (let i = 0; i < 64; i++) {
    const wavelen = 2 * Math.PI * 500000 ** ((2 * i) / 128);
    if (wavelen < 8192 / 4) counts.kept++;
    else if (wavelen > 8192) counts.divided++;
    else counts.blended++;
  }
  return counts;
}

export default defineFollowups([
  {
    q: {
      en: 'Why did NTK-aware scaling replace plain position interpolation (linear) for extending Llama 2?',
      zh: '为什么在扩展 Llama 2 时，NTK-aware 缩放取代了普通的位置插值（linear）？',
    },
    a: {
      en: 'Linear divides every frequency by factor, including the fast pairs that tell neighbouring tokens apart: with factor 4, tokens 1 apart look like tokens 0.25 apart, so without fine-tuning local order gets blurry. Raising the base instead (NTK) barely moves the fast pairs and divides only the slowest pair by the full scale; the exponent dim/(dim − 2), 1.016 for dim 128, is what makes the last pair exactly d/s. Dynamic NTK picks s from the current length, so short prompts keep plain RoPE.',
      zh: 'linear 把每个频率都除以 factor，包括用来区分相邻 token 的快频率：factor 为 4 时，相距 1 的 token 看起来像相距 0.25，不微调的话局部顺序就变模糊了。改为增大 base（NTK）几乎不动快频率，只把最慢的一对除以完整的缩放比；指数 dim/(dim − 2)（dim 128 时为 1.016）正是让最后一对恰好等于 d/s 的原因。动态 NTK 按当前长度选择 s，所以短提示仍用普通 RoPE。',
    },
    numbers: [{ text: '1.016', equals: 1.016, compute: () => Number((128 / 126).toFixed(3)) }],
  },
  {
    q: {
      en: "What does YaRN's attentionScaling do to the attention logits, and where is it applied?",
      zh: 'YaRN 的 attentionScaling 对注意力 logits 有什么影响？它作用在哪里？',
    },
    a: {
      en: 'HF multiplies cos and sin by it, so both the rotated q and the rotated k grow by that factor and every q·k logit by its square: for factor 8 the scaling is 0.1·ln 8 + 1 ≈ 1.208 and the logits grow by about 1.459, a lower softmax temperature. Interpolated positions spread attention too thinly over long contexts (higher entropy); the YaRN paper fitted √(1/t) = 0.1·ln(s) + 1 to undo that. Forgetting it costs perplexity but raises no error.',
      zh: 'HF 把它乘到 cos 和 sin 上，于是旋转后的 q 和 k 都放大这个倍数，每个 q·k logit 放大它的平方：factor 为 8 时缩放为 0.1·ln 8 + 1 ≈ 1.208，logits 约放大 1.459 倍，相当于降低 softmax 温度。插值后的位置让注意力在长上下文上分布得过于分散（熵更高）；YaRN 论文拟合出 √(1/t) = 0.1·ln(s) + 1 来抵消这一点。忘了它会损失困惑度，但不会报任何错误。',
    },
    numbers: [
      { text: '1.208', equals: 1.208, compute: () => Number((0.1 * Math.log(8) + 1).toFixed(3)) },
      { text: '1.459', equals: 1.459, compute: () => Number(((0.1 * Math.log(8) + 1) ** 2).toFixed(3)) },
    ],
  },
  {
    q: {
      en: 'For Llama 2 (dim 128, base 10000, L 4096), which pairs does YaRN leave alone and which does it interpolate?',
      zh: '对 Llama 2（dim 128、base 10000、L 4096），YaRN 保留哪些对、插值哪些对？',
    },
    a: {
      en: 'correctionDim(32) ≈ 20.9 floors to low = 20 and correctionDim(1) ≈ 45.03 ceils to high = 46, so pairs 0–20 (at least 32 turns within the 4096 training tokens) keep their frequency, pairs 46–63 (less than one turn: the model never saw their full circle) are divided by factor, and the ramp blends the pairs in between. That is the point of YaRN over NTK: extrapolate what was well trained, interpolate only what was not.',
      zh: 'correctionDim(32) ≈ 20.9 向下取整得 low = 20，correctionDim(1) ≈ 45.03 向上取整得 high = 46，所以第 0–20 对（在 4096 个训练 token 内至少转 32 圈）保持原频率，第 46–63 对（不到一圈：模型从没见过它们转满一圈）除以 factor，中间的对由 ramp 混合。这正是 YaRN 相对 NTK 的用意：训练充分的部分外推，只对训练不足的部分插值。',
    },
    numbers: [
      { text: '20.9', equals: 20.9, compute: () => Number(correctionDim(128, 10000, 4096, 32).toFixed(1)) },
      { text: '45.03', equals: 45.03, compute: () => Number(correctionDim(128, 10000, 4096, 1).toFixed(2)) },
      { text: 'low = 20', equals: 20, compute: () => Math.floor(correctionDim(128, 10000, 4096, 32)) },
      { text: 'high = 46', equals: 46, compute: () => Math.ceil(correctionDim(128, 10000, 4096, 1)) },
    ],
  },
  {
    q: {
      en: 'Why is dynamic NTK awkward with a KV cache, and why did Llama 3.1 ship a fixed frequency table instead?',
      zh: '为什么动态 NTK 和 KV cache 配合起来很别扭？Llama 3.1 为什么改用固定的频率表？',
    },
    a: {
      en: "Dynamic NTK changes the base as the sequence grows, but the cached keys were rotated with the frequencies of the length at which they were written, so after crossing L the new queries and the old keys use different rotations (HF's dynamic_rope_update recomputes inv_freq, it cannot re-rotate the cache). Llama 3.1's table is static: fine-tuned once with factor 8, every position uses the same frequencies. With dim 128, base 500000 and L 8192 it keeps 29 pairs, blends 6 and divides 29 by 8.",
      zh: '动态 NTK 随序列增长改变 base，但缓存中的键是按写入时那个长度的频率旋转的，所以越过 L 之后新的查询和旧的键用的是不同的旋转（HF 的 dynamic_rope_update 会重算 inv_freq，但无法重新旋转缓存）。Llama 3.1 的表是静态的：用 factor 8 微调一次，所有位置都用同一组频率。dim 128、base 500000、L 8192 时，它保留 29 对、混合 6 对、把 29 对除以 8。',
    },
    numbers: [
      { text: '29', equals: 29, compute: () => llama31Bands().kept },
      { text: '6', equals: 6, compute: () => llama31Bands().blended },
      { text: '29', equals: 29, compute: () => llama31Bands().divided },
    ],
  },
]);
