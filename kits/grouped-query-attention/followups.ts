import { defineFollowups } from '../../src/kit/followups.ts';

// Llama 2 70B (HuggingFace config): 80 layers, 64 query heads, 8 kv heads, head size 128; fp16 cache.
const LAYERS = 80;
const HQ = 64;
const HKV = 8;
const D = 128;
const BYTES = 2;
const GIB = 2 ** 30;
const kvBytesPerToken = (heads: number) => 2 * LAYERS * heads * D * BYTES; // K and V, every layer

export default defineFollowups([
  {
    q: {
      en: 'How much KV cache does GQA save? Work it out for Llama 2 70B (80 layers, 64 query heads, 8 kv heads, D = 128) in fp16.',
      zh: 'GQA 能省多少 KV cache？以 Llama 2 70B（80 层、64 个查询头、8 个 kv 头、D = 128）的 fp16 缓存为例算一算。',
    },
    a: {
      en: 'Per token the cache holds K and V for every layer and kv head: 2 · 80 · 8 · 128 · 2 bytes = 327680 bytes (320 KiB). A 4096-token sequence takes 1.25 GiB; with MHA (64 kv heads) it would take 10 GiB, Hq / Hkv = 8 times more. That factor is what lets a server hold more sequences, or longer ones, in the same GPU memory.',
      zh: '每个 token 要为每一层、每个 kv 头缓存 K 和 V：2 · 80 · 8 · 128 · 2 字节 = 327680 字节（320 KiB）。4096 个 token 的序列占 1.25 GiB；若用 MHA（64 个 kv 头）则要 10 GiB，多出 Hq / Hkv = 8 倍。正是这个倍数让服务器在同样的显存里容纳更多或更长的序列。',
    },
    numbers: [
      { text: '327680', equals: 327680, compute: () => kvBytesPerToken(HKV) },
      { text: '1.25 GiB', equals: 1.25, compute: () => (4096 * kvBytesPerToken(HKV)) / GIB },
      { text: '10 GiB', equals: 10, compute: () => (4096 * kvBytesPerToken(HQ)) / GIB },
      { text: '8', equals: 8, compute: () => HQ / HKV },
    ],
  },
  {
    q: {
      en: 'GQA does the same attention FLOPs as MHA with the same number of query heads. Why is decoding still faster?',
      zh: '在查询头数相同的情况下，GQA 的注意力 FLOPs 与 MHA 一样。为什么解码还是更快？',
    },
    a: {
      en: 'A decode step is memory-bound: one query per head must read the whole cache. For one Llama 2 70B layer at Tk = 4096 the scores and the weighted sum cost 4 · 64 · 4096 · 128 = 134217728 FLOPs, while reading K and V costs 2 · 8 · 4096 · 128 · 2 = 16777216 bytes (16 MiB): 8 FLOPs per byte. MHA reads 128 MiB for the same FLOPs, 1 FLOP per byte. A GPU needs well over a hundred FLOPs per byte to be compute-bound, so the time is the bytes, and GQA cuts them by Hq / Hkv. The k and v projections also shrink by that factor.',
      zh: '解码一步是受内存带宽限制的：每个头只有一个查询，却要读完整个缓存。对 Llama 2 70B 的一层、Tk = 4096，计算分数和加权求和共 4 · 64 · 4096 · 128 = 134217728 FLOPs，而读取 K、V 需要 2 · 8 · 4096 · 128 · 2 = 16777216 字节（16 MiB）：每字节 8 FLOPs。MHA 做同样的 FLOPs 要读 128 MiB，每字节 1 FLOP。GPU 要每字节一百多 FLOPs 才会受算力限制，所以耗时取决于字节数，而 GQA 把它减少为 1/(Hq / Hkv)。k、v 的投影也按同样的倍数变小。',
    },
    numbers: [
      { text: '134217728', equals: 134217728, compute: () => 4 * HQ * 4096 * D },
      { text: '16777216', equals: 16777216, compute: () => 2 * HKV * 4096 * D * BYTES },
      { text: '128 MiB', equals: 128, compute: () => (2 * HQ * 4096 * D * BYTES) / 2 ** 20 },
    ],
  },
  {
    q: {
      en: 'You repeated k and v G times (repeat_kv). What does that cost, and how do production kernels avoid it?',
      zh: '你把 k 和 v 重复了 G 次（repeat_kv）。这样做的代价是什么？生产环境的内核怎么避免？',
    },
    a: {
      en: 'repeat_kv materialises a [B, Hq, Tk, D] copy of keys and values, G times the cache, on every call: the memory GQA saved comes back as a temporary, and the copy itself is memory traffic. Reshaping q to [B, Hkv, G·Tq, D] (as the reference does) lets one matmul serve a whole group instead; FlashAttention and PyTorch scaled_dot_product_attention(..., enable_gqa=True) index the shared kv head inside the kernel and never copy.',
      zh: 'repeat_kv 每次调用都会物化一份 [B, Hq, Tk, D] 的键和值，是缓存的 G 倍：GQA 省下的内存又以临时张量的形式回来了，而复制本身也是内存流量。把 q reshape 成 [B, Hkv, G·Tq, D]（参考答案的做法）可以让一次 matmul 处理整组查询头；FlashAttention 和 PyTorch 的 scaled_dot_product_attention(..., enable_gqa=True) 在内核里直接按共享的 kv 头取数，从不复制。',
    },
  },
  {
    q: {
      en: 'Your mask uses −∞. What goes wrong with −1e9 in fp16, or with a row where every key is masked?',
      zh: '你的掩码用的是 −∞。在 fp16 里用 −1e9 会出什么问题？某一行所有键都被屏蔽又会怎样？',
    },
    a: {
      en: 'fp16 tops out at 65504, so −1e9 rounds to −∞ anyway, and an additive mask of −1e4 is not small enough once scores are large; HuggingFace uses torch.finfo(dtype).min. With −∞, a row whose keys are all masked gives exp(−∞ − (−∞)) = NaN; that cannot happen here because bottom-right causal attention with Tq <= Tk always lets a query see key 0, which is why Tq > Tk must be rejected. Padding masks in batched decoding can empty a row, and kernels then guard it (output 0).',
      zh: 'fp16 的最大值是 65504，所以 −1e9 本来就会舍入成 −∞；而 −1e4 这样的加性掩码在分数很大时又不够小。HuggingFace 用的是 torch.finfo(dtype).min。用 −∞ 时，如果某一行的键全被屏蔽，exp(−∞ − (−∞)) = NaN；这里不会发生，因为 Tq <= Tk 的右下角因果注意力总能让查询看到键 0，这也是必须拒绝 Tq > Tk 的原因。批量解码中的 padding 掩码可能让一整行为空，内核会专门处理（输出 0）。',
    },
    numbers: [{ text: '65504', equals: 65504, compute: () => (2 - 2 ** -10) * 2 ** 15 }],
  },
  {
    q: {
      en: 'How do you turn an existing MHA checkpoint into a GQA model?',
      zh: '怎样把一个现有的 MHA 检查点变成 GQA 模型？',
    },
    a: {
      en: 'Ainslie et al. (2023), who introduced GQA, mean-pool the key and value projection heads of each group into one head, then uptrain the model for a small fraction (about 5%) of the original pre-training compute; quality recovers to near MHA while decoding runs at close to MQA speed. Choosing Hkv trades cache size against quality: Llama 2 70B and Llama 3 use 8 kv heads.',
      zh: '提出 GQA 的 Ainslie 等人（2023）把每组的 key、value 投影头取平均合成一个头，再用原预训练算力的一小部分（约 5%）继续训练（uptraining）；质量接近 MHA，解码速度接近 MQA。Hkv 的取值是在缓存大小与质量之间权衡：Llama 2 70B 和 Llama 3 用 8 个 kv 头。',
    },
    numbers: [{ text: '5%', equals: 5, compute: () => 0.05 * 100 }],
  },
]);
