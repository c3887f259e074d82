import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'How large is the KV cache of Llama-2-7B (32 layers, 32 heads, Dh = 128) for one sequence of 4096 tokens in fp16?',
      zh: 'Llama-2-7B（32 层、32 个头、Dh = 128）在 fp16 下，一条 4096 token 的序列的 KV 缓存有多大？',
    },
    a: {
      en: 'Keys and values, per layer, per head, per token: 2 · 32 · 32 · 128 · 2 bytes = 524288 bytes (512 KiB) per token, so 2147483648 bytes (2 GiB) for 4096 tokens, about a sixth of the 13.5 GB of fp16 weights, for a single sequence. That is why serving batches are limited by cache memory, not by FLOPs.',
      zh: '每层、每个头、每个 token 都要存键和值：2 · 32 · 32 · 128 · 2 字节 = 每个 token 524288 字节（512 KiB），4096 个 token 就是 2147483648 字节（2 GiB），单条序列就约为 13.5 GB fp16 权重的六分之一。这就是为什么推理服务的 batch 大小受缓存内存限制，而不是受 FLOPs 限制。',
    },
    numbers: [
      { text: '524288', equals: 524288, compute: () => 2 * 32 * 32 * 128 * 2 },
      { text: '2147483648', equals: 2147483648, compute: () => 2 * 32 * 32 * 128 * 2 * 4096 },
    ],
  },
  {
    q: {
      en: 'What does the cache save? Compare the work of decoding token t with and without it.',
      zh: '缓存省下了什么？比较有缓存和没有缓存时解码第 t 个 token 的工作量。',
    },
    a: {
      en: 'Without a cache, step t re-projects all t tokens (3·t·D² multiply-adds for q, k, v) and attends t×t; with it, the step projects one token (3·D²) and attends 1×t, so generating T tokens costs O(T·D²) projections instead of O(T²·D²). The attention read of the cache is still O(t·D) per step, which makes decoding memory-bandwidth bound.',
      zh: '没有缓存时，第 t 步要重新投影全部 t 个 token（q、k、v 共 3·t·D² 次乘加），注意力是 t×t；有缓存时，这一步只投影一个 token（3·D²），注意力是 1×t，因此生成 T 个 token 的投影代价是 O(T·D²) 而不是 O(T²·D²)。每一步读取缓存做注意力仍是 O(t·D)，这让解码受内存带宽限制。',
    },
  },
  {
    q: {
      en: 'Why cache the keys after RoPE rather than before?',
      zh: '为什么缓存 RoPE 之后的键，而不是之前的？',
    },
    a: {
      en: 'A key is rotated by the angle of its own position, which never changes once the token is written, so rotating it once at write time is exact and saves re-rotating the whole prefix on every step (O(t·D) work per step). Meta llama and HF both store rotated keys; only schemes that shift positions later (e.g. some context-extension or sink-token tricks) store unrotated keys.',
      zh: '键按它自己所在位置的角度旋转，token 写入后这个位置再也不会变，所以写入时旋转一次就是精确的，还省掉了每一步把整个前缀重新旋转一遍（每步 O(t·D) 的工作）。Meta llama 和 HF 都存旋转后的键；只有之后还要移动位置的方案（比如某些上下文扩展或 sink token 技巧）才存未旋转的键。',
    },
  },
  {
    q: {
      en: 'How does grouped-query attention change the cache, for Llama-2-70B with 64 query heads and 8 KV heads?',
      zh: '分组查询注意力（GQA）对缓存有什么影响？以 64 个查询头、8 个 KV 头的 Llama-2-70B 为例。',
    },
    a: {
      en: 'The cache holds only the KV heads: [B, Hkv, Tmax, Dh] with Hkv = 8, and each group of 64 / 8 = 8 query heads reads the same K and V. The cache shrinks by that factor of 8 at almost the same quality; multi-query attention (Hkv = 1) shrinks it by 64.',
      zh: '缓存里只存 KV 头：[B, Hkv, Tmax, Dh]，Hkv = 8，每组 64 / 8 = 8 个查询头读取同一份 K 和 V。缓存缩小为原来的 1/8，质量几乎不变；多查询注意力（Hkv = 1）则缩小 64 倍。',
    },
    numbers: [{ text: '8', equals: 8, compute: () => 64 / 8 }],
  },
  {
    q: {
      en: 'This kata copies the whole cache on every step. What do real servers do instead?',
      zh: '本题每一步都复制整个缓存。真实的推理服务是怎么做的？',
    },
    a: {
      en: "They write in place into preallocated memory (Meta slices cache_k[:, start:start+T] = xk, HF StaticCache uses index_copy_), and vLLM's PagedAttention splits each sequence's cache into fixed-size blocks (16 tokens by default) allocated on demand, with a block table per sequence, so memory is not reserved for Tmax and beams can share prefix blocks copy-on-write. The functional copy here costs O(B·H·Tmax·Dh) per step but makes ownership simple to test.",
      zh: '它们在预先分配的内存里原地写入（Meta 用 cache_k[:, start:start+T] = xk，HF StaticCache 用 index_copy_）；vLLM 的 PagedAttention 把每条序列的缓存切成固定大小的块（默认 16 个 token），按需分配，并为每条序列维护一张块表，于是不必为 Tmax 预留内存，束搜索的各分支还能以写时复制的方式共享前缀块。本题的函数式复制每步要 O(B·H·Tmax·Dh)，但所有权因此很容易测试。',
    },
  },
]);
