import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'adamw-schedule',
  title: {
    en: 'AdamW, warmup + cosine schedule, gradient clipping',
    zh: 'AdamW、预热 + 余弦学习率调度与梯度裁剪',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['training', 'optimizer', 'lr-schedule', 'numerics'],
  seed: [39],
  hints: [
    {
      en: 'Three pure functions. lrAt: step < W → baseLr·step/max(1, W); else minLr + (baseLr − minLr)·0.5·(1 + cos(π·(step − W)/max(1, T − W))). clipGradNorm: ONE norm over every entry of every tensor.',
      zh: '三个纯函数。lrAt：step < W 时为 baseLr·step/max(1, W)；否则为 minLr + (baseLr − minLr)·0.5·(1 + cos(π·(step − W)/max(1, T − W)))。clipGradNorm：在所有张量的所有元素上只算「一个」范数。',
    },
    {
      en: 'Clip coefficient maxNorm/(norm + 1e-6), applied only when it is below 1 (never scale up). AdamW: t = state.step + 1 (counted from 1), p ← p·(1 − lr·wd) first, then m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g².',
      zh: '裁剪系数为 maxNorm/(norm + 1e-6)，只有小于 1 时才乘上去（绝不放大）。AdamW：t = state.step + 1（从 1 开始计），先 p ← p·(1 − lr·wd)，再 m = β1·m + (1 − β1)·g，v = β2·v + (1 − β2)·g²。',
    },
    {
      en: 'p −= lr/(1 − β1^t) · m / (√v/√(1 − β2^t) + eps): eps goes OUTSIDE the square root. Return new arrays (never modify the inputs); state null means step 0 with zero moments. Check types first (TypeError), then values (RangeError).',
      zh: 'p −= lr/(1 − β1^t) · m / (√v/√(1 − β2^t) + eps)：eps 在平方根「外面」。返回新数组（绝不修改输入）；state 为 null 表示 step 0、动量全 0。先查类型（TypeError），再查取值（RangeError）。',
    },
  ],
});
