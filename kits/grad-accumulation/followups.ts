import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'In the first example, how far off is the mean of means, and which tokens does it over-weight?',
      zh: '在第一个例子里，均值的均值偏了多少？它给哪些 token 的权重过大？',
    },
    a: {
      en: 'The full batch gives each of the 3 tokens weight 1/3: loss 14/3 ≈ 4.667. The mean of means gives the two tokens of mb1 weight 1/4 each and the lone token of mb2 weight 1/2, so the loss is (2.5 + 9)/2 = 5.75. Short micro-batches (and sequences with few response tokens) are over-weighted; with equal counts the bias vanishes.',
      zh: '全批次给 3 个 token 各 1/3 的权重：loss 14/3 ≈ 4.667。均值的均值给 mb1 的两个 token 各 1/4、给 mb2 唯一的 token 1/2，于是 loss 为 (2.5 + 9)/2 = 5.75。较短的微批次（以及回答 token 较少的序列）被赋予过大的权重；各微批次 token 数相同时偏差消失。',
    },
    numbers: [
      { text: '5.75', equals: 5.75, compute: () => ((1 + 4) / 2 + 9 / 1) / 2 },
      { text: '4.667', equals: 4.667, compute: () => Math.round((14 / 3) * 1000) / 1000 },
    ],
  },
  {
    q: {
      en: 'With data parallelism on top of accumulation, what do you divide by, and how does that interact with DDP?',
      zh: '在梯度累积之上再加数据并行时，应该除以什么？这和 DDP 有什么关系？',
    },
    a: {
      en: 'By the valid tokens of every micro-batch on every rank in the step: an all-reduce of one integer before the backward passes. DDP then averages the gradients over the W ranks (it divides by W), so each rank multiplies its loss by W to end with Σ loss / global count, which is what transformers does when it averages tokens across devices.',
      zh: '除以这一步中所有 rank 上所有微批次的有效 token 总数：在反向传播之前对一个整数做一次 all-reduce。DDP 随后会对 W 个 rank 的梯度求平均（除以 W），所以每个 rank 要把自己的损失乘以 W，最终得到 Σ 损失 / 全局计数；transformers 在跨设备平均 token 数时就是这样做的。',
    },
  },
  {
    q: {
      en: 'How much activation memory does √L checkpointing save for L = 100 layers, and what does it cost in compute?',
      zh: 'L = 100 层时，√L 检查点能省多少激活显存？计算上的代价是多少？',
    },
    a: {
      en: 'Storing every layer costs 100 units; a checkpoint every 10 layers costs ceil(100/10) + 10 = 20 units, 5 times less. The price is one extra forward pass: with a backward pass about twice a forward, a step goes from 3 to 4 forward-equivalents, about 33% more compute. Frameworks usually checkpoint every transformer block instead (k = 1 block), keeping only block inputs.',
      zh: '保存每一层要 100 个单位；每 10 层存一个检查点只要 ceil(100/10) + 10 = 20 个单位，少了 5 倍。代价是多一次前向：反向大约是前向的两倍，一步从 3 个前向当量变成 4 个，计算量多约 33%。实际框架通常改为对每个 Transformer block 做检查点（k = 1 个 block），只保存各 block 的输入。',
    },
    numbers: [
      { text: '20', equals: 20, compute: () => Math.ceil(100 / 10) + 10 },
      { text: '33%', equals: 33, compute: () => Math.floor(((1 + 2 + 1) / (1 + 2) - 1) * 100) },
    ],
  },
  {
    q: {
      en: 'The summed loss of a big batch can be large. Why divide each micro-batch by the global count as you go, rather than summing first?',
      zh: '大批次的损失之和可能很大。为什么要边累加边用全局计数去除，而不是先求和再除？',
    },
    a: {
      en: 'In real arithmetic it is the same, but gradients are often computed in fp16/bf16 before they reach an fp32 accumulation buffer. A sum of 10^5 token losses around 10 is about 10^6, far above fp16’s largest value 65504, and overflows to Infinity; each micro-batch divided by the global count stays at the scale of a mean. It is also what a backward pass needs: the loss passed to backward() must already carry the 1/num_items_in_batch factor.',
      zh: '在实数运算里两者相同，但梯度通常先以 fp16/bf16 计算，再进入 fp32 的累加缓冲区。10^5 个约为 10 的 token 损失求和约为 10^6，远超 fp16 的最大值 65504，会溢出成 Infinity；而每个微批次先除以全局计数，数值就保持在均值的量级。反向传播也需要这样：传给 backward() 的损失必须已经带上 1/num_items_in_batch 这个因子。',
    },
    numbers: [{ text: '65504', equals: 65504, compute: () => (2 - 2 ** -10) * 2 ** 15 }],
  },
  {
    q: {
      en: 'Can bestCheckpointSegment be faster than the O(L) scan?',
      zh: 'bestCheckpointSegment 能比 O(L) 扫描更快吗？',
    },
    a: {
      en: 'Yes: for s = ceil(√L) and any k > s, ceil(L/k) ≥ ceil(L/s) − (k − s), so no k beyond s is strictly better and scanning k = 1…ceil(√L) is enough: 100 candidates instead of 10000 for L = 10^4. The minimum itself is ceil(2√L) (200 units there), but the smallest k that reaches it still needs the short scan.',
      zh: '可以：设 s = ceil(√L)，对任意 k > s 有 ceil(L/k) ≥ ceil(L/s) − (k − s)，所以 s 之后的 k 都不会严格更优，只需扫描 k = 1…ceil(√L)：L = 10^4 时只有 100 个候选，而不是 10000 个。最小值本身是 ceil(2√L)（此时为 200 个单位），但要找到达到它的最小 k，仍需这段短扫描。',
    },
    numbers: [
      { text: '100', equals: 100, compute: () => Math.ceil(Math.sqrt(10_000)) },
      { text: '200', equals: 200, compute: () => Math.ceil(2 * Math.sqrt(10_000)) },
    ],
  },
]);
