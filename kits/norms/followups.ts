import { defineFollowups } from '../../src/kit/followups.ts';

const FP16_MAX = 65_504; // the largest finite IEEE half-precision value
const float32Ulp = (x: number): number => 2 ** (Math.floor(Math.log2(x)) - 23);

export default defineFollowups([
  {
    q: {
      en: 'Why do Transformers use LayerNorm (or RMSNorm) rather than BatchNorm?',
      zh: '为什么 Transformer 用 LayerNorm（或 RMSNorm）而不用 BatchNorm？',
    },
    a: {
      en: "LayerNorm's statistics are per token, so a token's output does not depend on the batch size, on padding, or on the other sequences in the batch, and training and inference compute the same function. BatchNorm needs a batch large enough for stable statistics, mixes padded positions into them, behaves differently in training and evaluation (running statistics), and needs a cross-device all-reduce of its statistics under data parallelism; with autoregressive decoding one token at a time there is no batch to normalise over at all.",
      zh: 'LayerNorm 的统计量按 token 计算，一个 token 的输出不依赖 batch 大小、padding 或同一 batch 中的其他序列，训练和推理算的是同一个函数。BatchNorm 需要足够大的 batch 才能得到稳定的统计量，会把 padding 位置混进统计量，训练和评估时行为不同（要用 running 统计量），数据并行时还要跨设备 all-reduce 统计量；自回归解码每次只处理一个 token，根本没有 batch 可供归一化。',
    },
  },
  {
    q: {
      en: 'Computing the variance as mean(x²) − mean(x)² is one pass instead of two. Why do libraries avoid it?',
      zh: '把方差算成 mean(x²) − mean(x)² 只需一次遍历而不是两次。为什么各个库都避免这样做？',
    },
    a: {
      en: "Catastrophic cancellation: for activations around 10^4 with a spread of 1, mean(x²) is about 10^8, where the float32 spacing is 8, so the difference of two such numbers cannot resolve a variance of 1 and can even come out negative (then the square root gives NaN). Centring first, or Welford's one-pass update, keeps the error relative to the variance itself; tf.moments and PyTorch use such stable forms.",
      zh: '灾难性抵消：激活值在 10^4 左右、离散程度为 1 时，mean(x²) 约为 10^8，而 float32 在这个量级的间距是 8，两个这样的数相减根本分辨不出大小为 1 的方差，甚至可能得到负数（开方后就是 NaN）。先中心化再求方差，或用 Welford 的单遍更新，误差就只与方差本身成比例；tf.moments 和 PyTorch 都用这类稳定的写法。',
    },
    numbers: [{ text: '8', equals: 8, compute: () => float32Ulp(1e8) }],
  },
  {
    q: {
      en: 'Llama runs in fp16 or bf16, yet its RMSNorm casts x to float32 first. Why?',
      zh: 'Llama 用 fp16 或 bf16 运行，可它的 RMSNorm 先把 x 转成 float32。为什么？',
    },
    a: {
      en: "x² overflows fp16 as soon as |x| exceeds sqrt(65504) ≈ 255.9, and residual-stream activations in large models do reach hundreds; an Infinity in mean(x²) turns the whole row into zeros or NaN. bf16 has float32's range but only 8 bits of precision, so the mean of many squares loses precision. Meta's llama computes self._norm(x.float()).type_as(x): the reduction in float32, the result cast back.",
      zh: '只要 |x| 超过 sqrt(65504) ≈ 255.9，x² 就会在 fp16 中溢出，而大模型残差流里的激活确实能达到几百；mean(x²) 里出现 Infinity 会让整行变成 0 或 NaN。bf16 的范围与 float32 相同，但精度只有 8 位，对大量平方求均值会丢失精度。Meta 的 llama 写的是 self._norm(x.float()).type_as(x)：用 float32 做归约，再把结果转回原类型。',
    },
    numbers: [{ text: '255.9', equals: 255.9, compute: () => Math.floor(Math.sqrt(FP16_MAX) * 10) / 10 }],
  },
  {
    q: {
      en: 'With momentum 0.1, how much history do the running statistics keep, and what happens to BatchNorm at inference?',
      zh: 'momentum 为 0.1 时，running 统计量保留了多长的历史？推理时 BatchNorm 会怎样？',
    },
    a: {
      en: 'The running mean is an exponential moving average: a batch k steps old has weight 0.1·0.9^k, so the weights halve every ln 2 / ln(1/0.9) ≈ 6.6 steps and the estimate reflects the last few dozen batches. At inference BatchNorm uses these fixed statistics, so y = γ·(x − μ)/sqrt(σ² + eps) + β is an affine map a·x + b per channel that can be folded into the preceding convolution or linear layer; the unbiased running variance is the better estimate of the population variance, especially for small batches (the factor n/(n − 1) is 2 for n = 2).',
      zh: 'running mean 是指数滑动平均：k 步之前的 batch 权重为 0.1·0.9^k，权重每 ln 2 / ln(1/0.9) ≈ 6.6 步减半，估计值主要反映最近几十个 batch。推理时 BatchNorm 使用这些固定的统计量，y = γ·(x − μ)/sqrt(σ² + eps) + β 就是逐通道的仿射变换 a·x + b，可以合并进前面的卷积或线性层；无偏的 running 方差能更好地估计总体方差，batch 小时尤其如此（n = 2 时因子 n/(n − 1) 等于 2）。',
    },
    numbers: [{ text: '6.6', equals: 6.6, compute: () => Math.round((Math.LN2 / Math.log(1 / 0.9)) * 10) / 10 }],
  },
  {
    q: {
      en: 'What does RMSNorm drop compared with LayerNorm, and why is that acceptable?',
      zh: '与 LayerNorm 相比，RMSNorm 去掉了什么？为什么可以这样做？',
    },
    a: {
      en: 'It drops the mean subtraction and the bias β: one reduction (mean of squares) instead of two, and D parameters instead of 2D. Zhang and Sennrich (2019) found that the re-scaling invariance, not the re-centring, is what stabilises training, and RMSNorm matched LayerNorm quality while running faster; Llama, T5 and most recent LLMs use it. The price: RMSNorm is invariant to scaling a row but not to shifting it.',
      zh: '它去掉了减均值和偏置 β：只做一次归约（平方的均值）而不是两次，参数也从 2D 个减到 D 个。Zhang 和 Sennrich（2019）发现，稳定训练的是对缩放的不变性，而不是重新中心化；RMSNorm 质量与 LayerNorm 相当而速度更快，Llama、T5 和大多数近期的 LLM 都在用。代价是：RMSNorm 对行的缩放不变，但对平移不是。',
    },
  },
]);
