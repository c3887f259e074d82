import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'With a sliding window of W keys, can a token still use information from further back than W?',
      zh: '滑动窗口只有 W 个键时，一个 token 还能用到比 W 更早的信息吗？',
    },
    a: {
      en: 'Yes, through depth: layer l at position i reads hidden states at i − W + 1 … i, which already mixed in their own windows, so after L layers the receptive field is about L·W tokens. Mistral 7B has W = 4096 and 32 layers, a theoretical span of 4096 · 32 = 131072 tokens, while each layer costs O(T·W) instead of O(T²). The information from far away is compressed through many hops, so it is weaker than direct attention.',
      zh: '可以，靠层数传递：第 l 层在位置 i 读取 i − W + 1 … i 的隐藏状态，而这些状态在上一层已经混合了各自窗口里的信息，所以经过 L 层后感受野约为 L·W 个 token。Mistral 7B 的 W = 4096、共 32 层，理论跨度是 4096 · 32 = 131072 个 token，而每层代价是 O(T·W) 而不是 O(T²)。远处的信息要经过多次转手压缩，比直接注意力弱。',
    },
    numbers: [{ text: '131072', equals: 131072, compute: () => 4096 * 32 }],
  },
  {
    q: {
      en: 'How does a sliding window change the KV cache during generation?',
      zh: '生成时，滑动窗口怎样改变 KV cache？',
    },
    a: {
      en: 'A query never looks further back than W − 1 positions, so only the last W keys and values need to be kept: Mistral uses a rolling buffer, writing position i into slot i mod W. The cache stops growing at W entries; for a 32768-token sequence with W = 4096 it is 32768 / 4096 = 8 times smaller. The mask must still use absolute positions (pastLength + r), and with a rolling buffer the slots are no longer in position order, so the mask (or a rotation of the buffer) has to account for that.',
      zh: '查询最多往回看 W − 1 个位置，所以只需保留最后 W 个键和值：Mistral 用滚动缓冲区，把位置 i 写进第 i mod W 个槽。缓存长到 W 就不再增长；对 32768 个 token 的序列、W = 4096，它小了 32768 / 4096 = 8 倍。掩码仍要用绝对位置（pastLength + r）；而用滚动缓冲区时各槽不再按位置排列，掩码（或把缓冲区转回顺序）必须考虑这一点。',
    },
    numbers: [{ text: '32768 / 4096 = 8', equals: 8, compute: () => 32768 / 4096 }],
  },
  {
    q: {
      en: "BLOOM's build_alibi_tensor returns slope · j with shape [B·H, 1, T], not slope · (j − i). Why is that correct, and why do it?",
      zh: 'BLOOM 的 build_alibi_tensor 返回的是形状 [B·H, 1, T] 的 slope · j，而不是 slope · (j − i)。为什么这是对的，又为什么这样做？',
    },
    a: {
      en: 'slope · (j − i) = slope · j − slope · i, and the second term is the same for every key of row i: softmax is unchanged by adding a constant to a whole row, so the weights are identical (future keys get larger biases, but the causal mask removes them). The gain is memory: one row per head broadcasts over the queries instead of a full [H, T, T] tensor. For BLOOM-176B, 112 heads and T = 2048 in float32, the full tensor would be 1.75 GiB per sequence. It is also why this kata tests alibiBias itself: the shortcut is invisible in the attention output.',
      zh: 'slope · (j − i) = slope · j − slope · i，而第二项对第 i 行的所有键都相同：给整行加一个常数不改变 softmax，所以权重完全一样（未来的键偏置更大，但被因果掩码去掉了）。好处是省内存：每个头只需一行，沿查询方向广播，而不是完整的 [H, T, T] 张量。对 BLOOM-176B，112 个头、T = 2048、float32，完整张量每条序列要 1.75 GiB。这也是本题直接检查 alibiBias 的原因：这个捷径在注意力输出中看不出来。',
    },
    numbers: [{ text: '1.75 GiB', equals: 1.75, compute: () => (112 * 2048 * 2048 * 4) / 2 ** 30 }],
  },
  {
    q: {
      en: 'Why does ALiBi use this particular slope rule for a head count that is not a power of two?',
      zh: '头数不是 2 的幂时，ALiBi 为什么用这样的斜率规则？',
    },
    a: {
      en: "For a power of two n the slopes 2^(−8/n) … 2^(−8) form a geometric series spread over the range the paper tuned: steep heads look locally, shallow heads almost globally. For other counts the authors keep the n slopes of the nearest lower power and fill in the odd-indexed slopes of 2n heads, which lie half-way (in log scale) between the existing ones, so the range and spacing stay the same. Computing 2^(−8k/h) directly is a different set of slopes: a checkpoint trained with the paper's rule (BLOOM has 112 heads) would get the wrong biases.",
      zh: '对 2 的幂 n，斜率 2^(−8/n) … 2^(−8) 构成等比数列，覆盖论文调好的范围：斜率大的头看局部，斜率小的头几乎看全局。其他头数时，作者保留下面最近的 2 的幂的 n 个斜率，再补上 2n 个头中奇数位置的斜率，它们（在对数尺度上）恰好落在已有斜率的正中间，范围和间距都不变。直接计算 2^(−8k/h) 会得到另一组斜率：按论文规则训练的权重（BLOOM 有 112 个头）就会拿到错误的偏置。',
    },
  },
  {
    q: {
      en: 'When can a row of the mask be entirely −Infinity, and what do implementations do about it?',
      zh: '什么时候掩码的某一行会全是 −Infinity？实现里怎么处理？',
    },
    a: {
      en: 'Not here: with a causal window every query sees its own key. But combined with a padding mask (left-padded batches), a padding query can see nothing, and softmax of an all −∞ row is 0/0 = NaN, which then spreads through the layer. HF fills masks with torch.finfo(dtype).min instead of −∞, so such a row becomes a uniform average instead of NaN, and some kernels zero out fully masked rows explicitly. The padded positions are ignored by the loss anyway; what matters is that NaN never appears.',
      zh: '本题中不会：因果窗口下每个查询都能看到自己的键。但与 padding 掩码（左侧补齐的批次）组合时，一个 padding 位置的查询可能什么也看不到，而全为 −∞ 的一行做 softmax 是 0/0 = NaN，并会扩散到整层。HF 用 torch.finfo(dtype).min 而不是 −∞ 填掩码，这样的行就变成均匀平均而不是 NaN；有些内核则显式把全被遮住的行置零。padding 位置反正不计入损失，关键是不能出现 NaN。',
    },
  },
]);
