import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why does MLA need a separate, decoupled rope key? Why not apply RoPE to the up-projected keys?',
      zh: 'MLA 为什么需要一个单独的、解耦的 rope 键？为什么不直接对上投影得到的键做 RoPE？',
    },
    a: {
      en: 'The absorbed form relies on q_C·(c W_UK)ᵀ = (q_C W_UKᵀ)·c, which only works if nothing position-dependent sits between W_UK and the query. RoPE is a rotation R_p that depends on the key position: q R_q (c W_UK R_p)ᵀ cannot be folded into one fixed matrix, so every cached key would have to be up-projected again at each step. DeepSeek-V2 therefore keeps the content keys position-free and adds a small rope part: q_R per head and one k_R shared by all heads, cached after rotation. The cost is dRope extra elements per token (64 next to 512 for V2).',
      zh: '吸收形式依赖 q_C·(c W_UK)ᵀ = (q_C W_UKᵀ)·c，这只在 W_UK 和查询之间没有与位置有关的东西时才成立。RoPE 是依赖键位置的旋转 R_p：q R_q (c W_UK R_p)ᵀ 无法折叠成一个固定矩阵，于是每一步都得把所有缓存的键重新上投影。所以 DeepSeek-V2 让内容键不带位置信息，另加一个小的 rope 部分：每个头一个 q_R，所有头共享一个 k_R，旋转后缓存。代价是每个 token 多 dRope 个元素（V2 中是 512 之外的 64 个）。',
    },
  },
  {
    q: {
      en: 'How much smaller is the DeepSeek-V2 KV cache than MHA with the same heads, and what is it equivalent to in GQA terms?',
      zh: 'DeepSeek-V2 的 KV 缓存比同样头数的 MHA 小多少？相当于多少个 kv 头的 GQA？',
    },
    a: {
      en: 'Per token and layer MHA caches 2·128·128 = 32768 elements, MLA 512 + 64 = 576: about 56.9 times less. The paper writes it as (d_c + d_h^R)·l = 4.5·d_h·l, the cache of GQA with only 2.25 groups, while its quality matches or beats MHA. Over 60 layers in bf16 that is 69120 bytes per token instead of 3932160.',
      zh: '每个 token 每层 MHA 缓存 2·128·128 = 32768 个元素，MLA 是 512 + 64 = 576 个：约少 56.9 倍。论文写作 (d_c + d_h^R)·l = 4.5·d_h·l，相当于只有 2.25 组的 GQA 的缓存，而效果与 MHA 持平或更好。60 层、bf16 时每个 token 是 69120 字节，而不是 3932160 字节。',
    },
    numbers: [
      { text: '32768', equals: 32768, compute: () => 2 * 128 * 128 },
      { text: '56.9', equals: 56.9, compute: () => Math.round(((2 * 128 * 128) / (512 + 64)) * 10) / 10 },
      { text: '2.25', equals: 2.25, compute: () => (512 + 64) / (2 * 128) },
      { text: '69120', equals: 69120, compute: () => (512 + 64) * 2 * 60 },
    ],
  },
  {
    q: {
      en: 'The absorbed form is not free. When is the naive form cheaper, and what do inference engines do?',
      zh: '吸收形式并不是免费的。什么时候朴素形式更便宜？推理引擎怎么做？',
    },
    a: {
      en: 'Absorbed, each head scores against dLatent + dRope = 576 features instead of dHead + dRope = 192, and the folded query costs an extra [dHead, dLatent] product per head. For a decode step (T = 1, a long cache) this is a clear win: the cache is read once as a single shared "kv head" (it behaves like MQA) and nothing is up-projected. For a prefill, where T ≈ the number of slots, up-projecting k_C and v once and running ordinary attention with 192-wide heads is cheaper, so vLLM and SGLang use the naive form for prefill and the absorbed form for decode.',
      zh: '吸收后每个头要对 dLatent + dRope = 576 个特征打分，而不是 dHead + dRope = 192 个，折叠后的查询每个头还多一次 [dHead, dLatent] 的乘法。对解码一步（T = 1，缓存很长）这显然划算：缓存作为一个共享的“kv 头”只读一遍（行为像 MQA），什么也不用上投影。对预填充（T 约等于槽位数），一次性上投影 k_C 和 v、再用 192 宽的头做普通注意力更便宜，所以 vLLM 和 SGLang 预填充用朴素形式，解码用吸收形式。',
    },
    numbers: [
      { text: '576', equals: 576, compute: () => 512 + 64 },
      { text: '192', equals: 192, compute: () => 128 + 64 },
    ],
  },
  {
    q: {
      en: 'Can you also fold W_UV into W_O ahead of time, and why is the latent normalised in the real model?',
      zh: '能不能也提前把 W_UV 折进 W_O？真实模型里为什么要对潜变量做归一化？',
    },
    a: {
      en: 'Yes: [o_0 … o_{H−1}]·W_O = Σ_h o_h W_O,h, and o_h = (Σ_j p_j c_j) W_UV,h, so W_UV,h·W_O,h is one [dLatent, dModel] matrix per head (the alternative solution of this kata does exactly that); engines often keep them separate because H such matrices are larger than W_UV and W_O together. The RMSNorm on c_kv (HF kv_a_layernorm) sits between W_DKV and the up-projections; it does not break absorption, since it acts on c before it is cached, but it keeps the low-rank bottleneck well scaled during training. This kata leaves it out.',
      zh: '可以：[o_0 … o_{H−1}]·W_O = Σ_h o_h W_O,h，而 o_h = (Σ_j p_j c_j) W_UV,h，所以 W_UV,h·W_O,h 是每个头一个 [dLatent, dModel] 矩阵（本题的另一种解法正是这样做的）；引擎常常不合并，因为 H 个这样的矩阵比 W_UV 和 W_O 加起来还大。c_kv 上的 RMSNorm（HF 的 kv_a_layernorm）位于 W_DKV 和上投影之间；它不妨碍吸收，因为它在 c 被缓存之前作用，但它让训练时的低秩瓶颈保持良好的尺度。本题省略了它。',
    },
  },
]);
