import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'norms',
  title: {
    en: 'LayerNorm, RMSNorm and BatchNorm',
    zh: 'LayerNorm、RMSNorm 与 BatchNorm',
  },
  minutes: 15,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['normalization', 'layer-norm', 'batch-norm', 'tensor', 'numerical-stability'],
  seed: [67],
  hints: [
    {
      en: 'All three normalise over the last axis or across it: LayerNorm and RMSNorm reduce each row over the last axis (keepDims), BatchNorm reduces each channel (the last axis) over every OTHER axis. tf.moments(x, axes, keepDims) gives the mean and the biased variance.',
      zh: '三者都围绕最后一维：LayerNorm 和 RMSNorm 对每一行在最后一维上归约（keepDims），BatchNorm 对每个通道（最后一维）在其余所有维上归约。tf.moments(x, axes, keepDims) 返回均值和有偏方差。',
    },
    {
      en: 'Normalise first, then apply gamma/beta: (x − mean)·rsqrt(var + eps)·γ + β, eps INSIDE the square root. RMSNorm subtracts nothing: x·rsqrt(mean(x²) + eps)·γ, default eps 1e-6. Check [1, 2, 3, 4] → ±1.341635, ±0.447212 (LN) and 0.365148, … (RMS).',
      zh: '先归一化再乘 γ 加 β：(x − mean)·rsqrt(var + eps)·γ + β，eps 在平方根里面。RMSNorm 不减均值：x·rsqrt(mean(x²) + eps)·γ，默认 eps 1e-6。用 [1, 2, 3, 4] 检查：LN 得 ±1.341635、±0.447212，RMS 得 0.365148, …。',
    },
    {
      en: 'BatchNorm: the forward uses the biased variance, but the running variance stores the UNBIASED one (var·n/(n − 1)); running ← (1 − momentum)·running + momentum·batch with momentum 0.1. Return NEW running tensors, dispose nothing you were given, wrap the work in tf.tidy, and throw RangeError for rank 0, a wrong gamma/beta/state length, eps that is not a finite number > 0, momentum outside [0, 1] (NaN included) or one element per channel; TypeError for an argument that is not a tensor or not a number.',
      zh: 'BatchNorm：前向用有偏方差，但 running var 存的是无偏方差（var·n/(n − 1)）；running ← (1 − momentum)·running + momentum·batch，momentum 为 0.1。返回新的 running 张量，不要释放传入的任何张量，用 tf.tidy 包住计算；秩为 0、gamma/beta/state 长度不对、eps 不是大于 0 的有限数、momentum 不在 [0, 1] 内（包括 NaN）或每个通道只有一个元素时抛 RangeError；参数不是张量或不是数字时抛 TypeError。',
    },
  ],
});
