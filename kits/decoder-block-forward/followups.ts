import { defineFollowups } from '../../src/kit/followups.ts';

// Llama-2 7B (Meta's llama/model.py and params.json): D = 4096, 32 heads, 32 layers, vocabulary
// 32000, FFN hidden size from 4·D·2/3 rounded up to a multiple of 256.
const D = 4096;
const LAYERS = 32;
const VOCAB = 32_000;
const ffnDim = (): number => {
  const hidden = Math.floor((2 * 4 * D) / 3);
  return 256 * Math.ceil(hidden / 256);
};
const blockParams = (): number => 4 * D * D + 3 * D * ffnDim() + 2 * D;

export default defineFollowups([
  {
    q: {
      en: 'How many parameters does one block have, and what does that give for Llama-2 7B (D = 4096, F = 11008, 32 layers)?',
      zh: '一个 block 有多少参数？对 Llama-2 7B（D = 4096、F = 11008、32 层）算出来是多少？',
    },
    a: {
      en: 'Four D×D attention projections, three D×F MLP matrices and two gains: 4D² + 3DF + 2D = 202383360 per block. Times 32 layers, plus the token embedding and the output head (32000·4096 each) and the final norm, that is 6738415616, the 6.7B reported for the model. Attention is a third of each block; the MLP is two thirds.',
      zh: '四个 D×D 的注意力投影、三个 D×F 的 MLP 矩阵和两个增益：每个 block 4D² + 3DF + 2D = 202383360 个参数。乘以 32 层，再加上 token embedding 和输出层（各 32000·4096）以及最后的 norm，共 6738415616 个，也就是该模型公布的 6.7B。注意力约占每个 block 的三分之一，MLP 约占三分之二。',
    },
    numbers: [
      { text: '202383360', equals: 202_383_360, compute: blockParams },
      {
        text: '6738415616',
        equals: 6_738_415_616,
        compute: () => LAYERS * blockParams() + 2 * VOCAB * D + D,
      },
    ],
  },
  {
    q: {
      en: 'Where does F = 11008 come from, and why three MLP matrices instead of two?',
      zh: 'F = 11008 是怎么来的？为什么 MLP 有三个矩阵而不是两个？',
    },
    a: {
      en: 'SwiGLU adds a gate matrix, so Meta keeps the MLP parameter count of a classic 4D MLP by shrinking the hidden size to 2/3 of 4D: int(2·16384/3) = 10922, rounded up to a multiple of 256 (multiple_of) for fast kernels, gives 11008. The gate is what makes it better: silu(m·wGate) decides per hidden unit how much of m·wUp passes, which trains to a lower loss than a plain ReLU or GELU MLP of the same size (Shazeer, "GLU Variants Improve Transformer").',
      zh: 'SwiGLU 多了一个 gate 矩阵，所以 Meta 把隐藏层缩到 4D 的 2/3，让 MLP 的参数量与经典的 4D MLP 持平：int(2·16384/3) = 10922，为了 kernel 高效再向上取整到 256 的倍数（multiple_of），得到 11008。效果来自门控：silu(m·wGate) 逐个隐藏单元决定 m·wUp 通过多少，同样大小下比普通的 ReLU 或 GELU MLP 训练到更低的 loss（Shazeer，“GLU Variants Improve Transformer”）。',
    },
    numbers: [{ text: '11008', equals: 11_008, compute: ffnDim }],
  },
  {
    q: {
      en: 'When generating token by token, what would you cache, and how much memory does it take for Llama-2 7B in fp16?',
      zh: '逐个 token 生成时要缓存什么？Llama-2 7B 用 fp16 时要占多少内存？',
    },
    a: {
      en: 'Causality means the keys and values of past positions never change, so each layer keeps its k and v (2·D numbers per token) and a new token only computes its own q, k, v and attends over the cache: O(T·D) per token instead of redoing O(T²·D). In fp16 that is 2·4096·2 bytes·32 layers = 512 KiB per token, 2 GiB for a 4096-token context, per sequence; grouped-query attention (fewer k/v heads) exists to shrink exactly this.',
      zh: '因果性意味着过去位置的 key 和 value 永远不变，所以每层缓存自己的 k 和 v（每个 token 2·D 个数）；新 token 只需算自己的 q、k、v，再对缓存做注意力：每个 token O(T·D)，而不是重新算 O(T²·D)。fp16 下是 2·4096·2 字节·32 层 = 每个 token 512 KiB，4096 个 token 的上下文就是 2 GiB（每条序列）；分组查询注意力（更少的 k/v 头）正是为了压缩这部分。',
    },
    numbers: [
      { text: '512 KiB', equals: 512, compute: () => (2 * D * 2 * LAYERS) / 1024 },
      { text: '2 GiB', equals: 2, compute: () => (2 * D * 2 * LAYERS * 4096) / 2 ** 30 },
    ],
  },
  {
    q: {
      en: 'Why pre-norm rather than the original post-norm, and what does the model need at the end because of it?',
      zh: '为什么用 pre-norm 而不是原始 Transformer 的 post-norm？因此模型末尾还需要什么？',
    },
    a: {
      en: 'With pre-norm the residual stream x → h → y is a plain sum, so the gradient reaches every layer through the identity path and deep stacks train without learning-rate warm-up tricks; post-norm puts a norm on that path after every add, which makes very deep models unstable early in training. The price is that the stream itself is never normalised and grows with depth, so Llama applies one final RMSNorm before the output projection.',
      zh: 'pre-norm 下残差流 x → h → y 只是简单相加，梯度通过恒等路径直达每一层，很深的网络也不依赖学习率 warm-up 之类的技巧就能训练；post-norm 在每次相加后都在这条路径上做归一化，很深的模型在训练初期容易不稳定。代价是残差流本身从不归一化、会随深度变大，所以 Llama 在输出投影前还有一个最终的 RMSNorm。',
    },
  },
  {
    q: {
      en: 'Why divide the scores by sqrt(Dh), and why mask with −Infinity rather than multiplying by 0?',
      zh: '为什么得分要除以 sqrt(Dh)？为什么用 −Infinity 做 mask，而不是乘以 0？',
    },
    a: {
      en: 'For q and k with unit-variance entries, q·k sums Dh products, so its standard deviation is sqrt(Dh), about 11.3 for Dh = 128; unscaled, the softmax saturates to one key and its gradient vanishes. A masked score must get zero weight after the softmax: exp(−∞) = 0 does that, while a score of 0 still gets weight e^0 = 1. Each causal row keeps its diagonal, so it is never all −∞ (which would be 0/0); in fp16 code a large finite negative such as the dtype minimum is used instead of −∞ for the same reason.',
      zh: '若 q 和 k 的各元素方差为 1，q·k 是 Dh 个乘积之和，标准差为 sqrt(Dh)，Dh = 128 时约为 11.3；不缩放的话 softmax 会饱和到单个 key，梯度消失。被 mask 的得分在 softmax 之后权重必须为 0：exp(−∞) = 0 做到了这一点，而得分为 0 仍然有 e^0 = 1 的权重。因果 mask 的每一行都保留对角线，所以不会整行都是 −∞（那会变成 0/0）；fp16 代码里出于同样的原因常用该 dtype 的最小值之类的大负有限数代替 −∞。',
    },
    numbers: [{ text: '11.3', equals: 11.3, compute: () => Math.round(Math.sqrt(128) * 10) / 10 }],
  },
]);
