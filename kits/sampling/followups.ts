import { defineFollowups } from '../../src/kit/followups.ts';

const V = 128_256; // Llama 3's vocabulary

export default defineFollowups([
  {
    q: {
      en: "For Llama 3's vocabulary of 128256 tokens, what does a full sort cost, and how would you do top-k with k = 50 faster?",
      zh: '对 Llama 3 的 128256 个 token 的词表，完整排序要多少代价？k = 50 的 top-k 怎样做得更快？',
    },
    a: {
      en: 'A comparison sort does about V·log2 V ≈ 2176000 comparisons per row. Top-k needs only the k-th value: a size-k min-heap costs about V·log2 k ≈ 724000, a quickselect O(V) on average, and on a GPU torch.topk does it per row in parallel. Top-p still needs the sorted order of the probabilities, but only of the few tokens carrying the mass, so libraries often take a top-k first.',
      zh: '比较排序每行大约要 V·log2 V ≈ 2176000 次比较。top-k 只需要第 k 大的值：大小为 k 的最小堆约 V·log2 k ≈ 724000 次，快速选择平均 O(V)，在 GPU 上 torch.topk 对每行并行完成。top-p 仍然需要按概率排好的顺序，但只需要承载了主要质量的少数 token，所以很多库先做一次 top-k。',
    },
    numbers: [
      { text: '2176000', equals: 2_176_000, compute: () => Math.round((V * Math.log2(V)) / 1000) * 1000 },
      { text: '724000', equals: 724_000, compute: () => Math.round((V * Math.log2(50)) / 1000) * 1000 },
    ],
  },
  {
    q: {
      en: 'Why subtract the maximum before exponentiating, and where would a naive softmax break?',
      zh: '为什么要先减去最大值再取指数？朴素的 softmax 会在哪里出问题？',
    },
    a: {
      en: 'exp overflows to Infinity above ln(Number.MAX_VALUE) ≈ 709.78 in float64 and above about 88.72 in float32 (what GPU logits are), and Infinity/Infinity is NaN. Softmax is unchanged by shifting every logit by the same amount, so subtracting the max makes the largest exponent exp(0) = 1 and the rest ≤ 1; a removed −Infinity logit still gives exp(−Infinity) = 0.',
      zh: 'float64 中 exp 在 ln(Number.MAX_VALUE) ≈ 709.78 以上溢出为 Infinity，float32（GPU 上 logits 的类型）在约 88.72 以上溢出，而 Infinity/Infinity 是 NaN。所有 logit 平移同一个量 softmax 不变，所以减去最大值后最大的指数是 exp(0) = 1，其余都 ≤ 1；被移除的 −Infinity logit 仍然得到 exp(−Infinity) = 0。',
    },
    numbers: [
      { text: '709.78', equals: 709.78, compute: () => Math.round(Math.log(Number.MAX_VALUE) * 100) / 100 },
      { text: '88.72', equals: 88.72, compute: () => Math.round(Math.log(3.4028234663852886e38) * 100) / 100 },
    ],
  },
  {
    q: {
      en: 'Why does the repetition penalty multiply negative logits instead of dividing them, and what does it not do?',
      zh: '为什么重复惩罚对负 logit 是乘而不是除？它又做不到什么？',
    },
    a: {
      en: "The CTRL paper (Keskar et al., 2019) divides a seen token's logit by θ (about 1.2 worked well with greedy decoding). Dividing a negative logit moves it toward 0 and makes the token more likely, so HF's RepetitionPenaltyLogitsProcessor multiplies negatives instead. It is once per distinct token, independent of how often it appeared; OpenAI-style frequency and presence penalties subtract a term that does grow with the count.",
      zh: 'CTRL 论文（Keskar 等，2019）把已出现 token 的 logit 除以 θ（配合贪心解码约 1.2 效果较好）。负 logit 除以 θ 会向 0 靠近，反而让 token 更可能，所以 HF 的 RepetitionPenaltyLogitsProcessor 对负数改为相乘。它对每个不同的 token 只作用一次，与出现次数无关；OpenAI 风格的 frequency/presence penalty 则减去一个随次数增长的项。',
    },
  },
  {
    q: {
      en: 'How does min-p differ from top-p, and why run temperature before the filters?',
      zh: 'min-p 与 top-p 有什么不同？为什么温度要在过滤之前？',
    },
    a: {
      en: "min-p (HF's MinPLogitsWarper) keeps the tokens whose probability is at least min_p times the top token's: the cut scales with the model's confidence, where top-p keeps a fixed mass and lets a flat distribution's long tail in. Temperature first means the filters see the distribution that is actually sampled: with t = 0.5 on [1,2,3,4] top-p 0.7 keeps one token; filtering first would keep two and then sharpen them.",
      zh: 'min-p（HF 的 MinPLogitsWarper）保留概率不低于最大概率 min_p 倍的 token：截断随模型的置信度缩放；而 top-p 保留固定的质量，分布很平时会放进长长的尾巴。先做温度，过滤器看到的才是真正被抽样的分布：[1,2,3,4] 在 t = 0.5 时 top-p 0.7 只保留一个 token；先过滤则会保留两个，再把它们变尖。',
    },
  },
  {
    q: {
      en: 'Why insist on exactly one rng() draw per call, and how do serving engines sample a batch?',
      zh: '为什么要求每次调用恰好抽一次 rng()？推理引擎又是怎样对一个 batch 采样的？',
    },
    a: {
      en: 'One uniform per token makes a seeded run reproducible and lets tests replay it: the same stream gives the same tokens, whatever the vocabulary. HF samples with torch.multinomial on the filtered probabilities, one draw per row; engines such as vLLM keep per-request generators so a seed survives batching, and kernels like FlashInfer sample top-k/top-p by rejection without a full sort.',
      zh: '每个 token 只用一个均匀随机数，带种子的运行才可复现、测试才能重放：同一个随机流给出同样的 token，与词表无关。HF 在过滤后的概率上用 torch.multinomial 采样，每行一次；vLLM 等引擎为每个请求保留各自的生成器，使种子在组 batch 后依然有效；FlashInfer 之类的 kernel 用拒绝采样实现 top-k/top-p，而无需完整排序。',
    },
  },
]);
