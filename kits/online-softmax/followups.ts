import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'How much memory does tiling save for one layer with B = 1, H = 32, T = 8192 in fp16, and what is left?',
      zh: '对 B = 1、H = 32、T = 8192、fp16 的一层，分块能省多少内存？还剩下什么？',
    },
    a: {
      en: 'Standard attention materialises B·H·T² scores: 32 · 8192² · 2 = 4294967296 bytes (4 GiB) per layer, and as much again for the softmax P if it is kept for the backward pass. Tiled attention keeps one [blockQ, blockK] tile per running block plus, per query row, m, ℓ and the output: O(T·d) per head instead of O(T²).',
      zh: '标准注意力要物化 B·H·T² 个分数：32 · 8192² · 2 = 4294967296 字节（4 GiB）每层；如果为反向传播保留 softmax 的 P，还要再来一份。分块注意力每个正在处理的块只保留一个 [blockQ, blockK] 分块，外加每个查询行的 m、ℓ 和输出：每个头 O(T·d)，而不是 O(T²)。',
    },
    numbers: [{ text: '4294967296', equals: 4294967296, compute: () => 32 * 8192 ** 2 * 2 }],
  },
  {
    q: {
      en: 'Tiling does not reduce the FLOPs. Why is FlashAttention faster, then?',
      zh: '分块并没有减少 FLOPs，那为什么 FlashAttention 更快？',
    },
    a: {
      en: 'The two matmuls still cost 4·T²·d FLOPs per head: 1099511627776 (about 1.1 TFLOP) for T = 8192, d = 128, H = 32. Standard attention is bound by memory traffic instead: it writes S and P to HBM and reads them back, O(T²) bytes per head. FlashAttention keeps each tile in on-chip SRAM, reads q once and k, v once per query block (T/blockQ times), and writes only the output, so it is IO-aware: fewer bytes moved, the same arithmetic.',
      zh: '两个矩阵乘每个头仍要 4·T²·d FLOPs：T = 8192、d = 128、H = 32 时是 1099511627776（约 1.1 TFLOP）。标准注意力的瓶颈在访存：它把 S 和 P 写到 HBM 再读回来，每个头 O(T²) 字节。FlashAttention 把每个分块留在片上 SRAM 里，q 只读一遍，k、v 每个查询块读一遍（共 T/blockQ 遍），只写出输出，所以是 IO 感知的：算术量不变，搬运的字节少了。',
    },
    numbers: [{ text: '1099511627776', equals: 1099511627776, compute: () => 4 * 8192 ** 2 * 128 * 32 }],
  },
  {
    q: {
      en: 'Why subtract the running max at all? When would float32 overflow without it?',
      zh: '为什么一定要减去当前最大值？不减的话 float32 什么时候会溢出？',
    },
    a: {
      en: 'e^x overflows float32 once x > ln(3.4028·10^38) ≈ 88.72, and float64 above about 709.78, while attention logits of a few hundred are normal. Subtracting m makes every exponent ≤ 0, so e^{x−m} ∈ (0, 1] and the sum is at least 1. The online form keeps that guarantee one block at a time, rescaling the old sum by e^{m−m′} ≤ 1 whenever the max grows.',
      zh: 'x 超过 ln(3.4028·10^38) ≈ 88.72 时 e^x 就会让 float32 溢出，float64 的上限约是 709.78，而几百的注意力 logit 很常见。减去 m 之后每个指数都 ≤ 0，于是 e^{x−m} ∈ (0, 1]，和至少为 1。在线形式逐块保持这个性质：最大值变大时，把旧的和乘以 e^{m−m′} ≤ 1。',
    },
    numbers: [
      { text: '88.72', equals: 88.72, compute: () => Math.round(Math.log(3.4028234663852886e38) * 100) / 100 },
      { text: '709.78', equals: 709.78, compute: () => Math.round(Math.log(Number.MAX_VALUE) * 100) / 100 },
    ],
  },
  {
    q: {
      en: 'What does the backward pass need from the forward pass, if P was never stored?',
      zh: '如果从来没有存下 P，反向传播需要前向传播留下什么？',
    },
    a: {
      en: 'Only the output O and one number per query row, the log-sum-exp L = m + ln ℓ: the backward pass recomputes S = q·kᵀ/√d tile by tile and gets P = e^{S − L} exactly. For T = 8192 that is 32 KiB of fp32 per head, against 128 MiB for an fp16 P: recomputation trades a second pass of matmul FLOPs for O(T²) memory.',
      zh: '只需要输出 O，以及每个查询行的一个数：log-sum-exp L = m + ln ℓ。反向传播逐块重新计算 S = q·kᵀ/√d，再精确地得到 P = e^{S − L}。T = 8192 时每个头只要 32 KiB 的 fp32，而 fp16 的 P 要 128 MiB：用再算一遍矩阵乘的 FLOPs 换掉了 O(T²) 的内存。',
    },
    numbers: [
      { text: '32 KiB', equals: 32, compute: () => (8192 * 4) / 1024 },
      { text: '128 MiB', equals: 128, compute: () => (8192 ** 2 * 2) / 2 ** 20 },
    ],
  },
  {
    q: {
      en: 'During decoding Tq = 1. How do you keep a GPU busy, and what does the causal mask become?',
      zh: '解码时 Tq = 1。怎样让 GPU 保持忙碌？因果掩码又变成了什么？',
    },
    a: {
      en: 'With one query row there is one query block, so the loop over key blocks is all the work. Split-K (Flash-Decoding) gives each key chunk to a different thread block, each returns its partial (m, ℓ, O), and a final step merges them with the same rescaling: m′ = max(m₁, m₂), ℓ = e^{m₁−m′}ℓ₁ + e^{m₂−m′}ℓ₂, likewise O; the merge is associative, so any order and grouping works. The bottom-right causal mask with Tq = 1 lets the single query see every cached key: no mask at all.',
      zh: '只有一个查询行就只有一个查询块，全部工作都在对键块的循环里。Split-K（Flash-Decoding）把不同的键块分给不同的线程块，各自返回部分结果 (m, ℓ, O)，最后用同样的缩放合并：m′ = max(m₁, m₂)，ℓ = e^{m₁−m′}ℓ₁ + e^{m₂−m′}ℓ₂，O 同理；这种合并满足结合律，任何顺序和分组都可以。右下对齐的因果掩码在 Tq = 1 时让这个查询看到所有缓存的键：相当于没有掩码。',
    },
  },
]);
