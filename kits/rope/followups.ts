import { defineFollowups } from '../../src/kit/followups.ts';

/** The longest wavelength of RoPE, in tokens: the slowest pair i = D/2 − 1 turns by base^(−(D−2)/D) per token. */
const longestWavelength = (base: number, d: number) => (2 * Math.PI) / base ** (-(d - 2) / d);

export default defineFollowups([
  {
    q: {
      en: 'Why does RoPE encode relative position, when each vector is rotated by its absolute position?',
      zh: '每个向量按它的绝对位置旋转，为什么 RoPE 编码的却是相对位置？',
    },
    a: {
      en: 'View each pair as a complex number: rope(q, m) = q·e^{i·m·θ} and rope(k, n) = k·e^{i·n·θ}, so their dot product is Re(q · conj(k) · e^{i·(m−n)·θ}) summed over pairs: only m − n survives. Rotations are orthogonal, so norms are kept and the score of a query and a key depends on their content and their distance, not on where the pair sits in the sequence. That is also why the KV cache can store keys already rotated.',
      zh: '把每一对看成一个复数：rope(q, m) = q·e^{i·m·θ}，rope(k, n) = k·e^{i·n·θ}，于是两者的点积是各对 Re(q · conj(k) · e^{i·(m−n)·θ}) 之和：只剩下 m − n。旋转是正交变换，范数不变，查询与键的分数只取决于内容和距离，而与它们在序列中的绝对位置无关。这也是 KV cache 可以直接存放已旋转过的键的原因。',
    },
  },
  {
    q: {
      en: 'Where does RoPE go in a Llama layer, and what happens with a KV cache?',
      zh: 'RoPE 在 Llama 的一层里放在哪里？有 KV cache 时又怎样？',
    },
    a: {
      en: 'After the q and k projections and the split into heads, before the q·k scores; never on v, and there are no position embeddings added to the input. With a KV cache, keys are cached after rotation, and the new tokens use positions offset by the cache length (positions [5, 6, 7] after 5 cached tokens), which is what the decode-offset test checks. Batched decoding with left padding needs per-sequence positions (HF passes position_ids).',
      zh: '放在 q、k 投影并拆分成多头之后、计算 q·k 分数之前；不作用于 v，输入端也不再加位置嵌入。有 KV cache 时，缓存的是旋转之后的键，新 token 的位置要加上缓存长度（缓存了 5 个 token 之后用 positions [5, 6, 7]），这正是解码偏移测试检查的内容。左侧 padding 的批量解码需要每条序列各自的位置（HF 通过 position_ids 传入）。',
    },
  },
  {
    q: {
      en: 'How expensive is RoPE, and what is worth precomputing?',
      zh: 'RoPE 的代价有多大？哪些东西值得预先计算？',
    },
    a: {
      en: 'Per element it is two multiplies and one add (a·cos − b·sin), O(N) against the O(N·D) of the projections, so it is cheap but memory-bound: fuse it into the q/k projection or attention kernel if you can. The cos and sin tables depend only on the position and the pair, so models precompute them once: for 4096 positions and D = 128 that is 4096 · 64 · 2 float32 values = 2 MiB, shared by every layer and head.',
      zh: '每个元素只需两次乘法和一次加法（a·cos − b·sin），是 O(N) 的，而投影是 O(N·D)，所以它很便宜，但受内存带宽限制：能融合进 q/k 投影或注意力内核就融合。cos、sin 表只取决于位置和配对序号，模型会预先算好一次：4096 个位置、D = 128 时是 4096 · 64 · 2 个 float32 = 2 MiB，所有层、所有头共用。',
    },
    numbers: [{ text: '2 MiB', equals: 2, compute: () => (4096 * (128 / 2) * 2 * 4) / 2 ** 20 }],
  },
  {
    q: {
      en: 'Why do implementations compute the angles in float32 even when the model runs in bf16?',
      zh: '为什么模型用 bf16 运行时，实现里仍然用 float32 计算角度？',
    },
    a: {
      en: 'The angle pos·inv_freq grows with the position, and its absolute error is the position times the relative precision. bf16 keeps 8 significant bits, so integers are exact only up to 256 and a position of 4000 is off by up to 8 radians: the rotation is garbage. float32 (24 bits) gives about 2.4e-4 rad at 4096, which is why this kata allows 1e-3 there; HuggingFace computes inv_freq and the angles in float32 with autocast disabled, then casts cos and sin.',
      zh: '角度 pos·inv_freq 随位置增大，它的绝对误差等于位置乘以相对精度。bf16 只有 8 位有效数字，整数只在 256 以内精确，位置 4000 的误差可达 8 弧度：旋转完全错了。float32（24 位）在 4096 处的误差约 2.4e-4 弧度，这也是本题在那里放宽到 1e-3 的原因；HuggingFace 在关闭 autocast 的情况下用 float32 计算 inv_freq 和角度，再把 cos、sin 转换类型。',
    },
    numbers: [
      { text: '256', equals: 256, compute: () => 2 ** 8 },
      { text: '2.4e-4', equals: 2.4e-4, compute: () => Number((4096 * 2 ** -24).toPrecision(2)) },
    ],
  },
  {
    q: {
      en: 'How do models stretch RoPE to longer contexts than they were trained on?',
      zh: '模型怎样把 RoPE 拉伸到比训练时更长的上下文？',
    },
    a: {
      en: 'The slowest pair has wavelength 2π·base^((D−2)/D): 54410 tokens for base 10000 and D = 128, and about 2.6·10^6 for base 500000 (Llama 3), so raising the base (the NTK-aware idea) keeps far positions distinguishable. Position interpolation instead scales positions by trained length / new length; YaRN and Llama 3.1 scale the frequencies per band, leaving the fast pairs alone. Each needs some fine-tuning at the new length.',
      zh: '最慢那一对的波长是 2π·base^((D−2)/D)：base 为 10000、D = 128 时是 54410 个 token，base 为 500000（Llama 3）时约 2.6·10^6 个，所以调大 base（NTK-aware 的思路）能让远处的位置仍可区分。位置插值（position interpolation）则是把位置乘以训练长度 / 新长度；YaRN 和 Llama 3.1 按频段分别缩放频率，不动转得快的那些配对。这些方法都需要在新长度上做一些微调。',
    },
    numbers: [
      { text: '54410', equals: 54410, compute: () => Math.round(longestWavelength(10000, 128)) },
      { text: '2.6·10^6', equals: 2.6, compute: () => Number((longestWavelength(500000, 128) / 1e6).toPrecision(2)) },
    ],
  },
]);
