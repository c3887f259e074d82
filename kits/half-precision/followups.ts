import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why does fp16 training need loss scaling while bf16 training usually does not?',
      zh: '为什么 fp16 训练需要损失缩放，而 bf16 训练通常不需要？',
    },
    a: {
      en: "It is the exponent range, not the precision. fp16's least subnormal is 2^-24 ≈ 5.96e-8, so gradients smaller than half of that round to 0, and many activation gradients live there; multiplying the loss by 2^16 moves them into range. bf16 keeps float32's 8 exponent bits (least normal 2^-126), so the same gradients stay nonzero; it pays with 8 significant bits instead of 11.",
      zh: '关键在指数范围而不在精度。fp16 的最小次正规数是 2^-24 ≈ 5.96e-8，小于它一半的梯度都会舍入为 0，而很多激活的梯度正落在这个区间；把损失乘以 2^16 就能把它们移回可表示的范围。bf16 保留了 float32 的 8 位指数（最小正规数 2^-126），同样的梯度不会变成 0；代价是只有 8 位有效数字而不是 11 位。',
    },
    numbers: [{ text: '5.96e-8', equals: 5.96e-8, compute: () => Number((2 ** -24).toPrecision(3)) }],
  },
  {
    q: {
      en: 'How many bytes per parameter does mixed-precision training with Adam keep, and what is that for a 7B-parameter model?',
      zh: '用 Adam 做混合精度训练时，每个参数要占多少字节？7B 参数的模型一共多少？',
    },
    a: {
      en: 'Half-precision weights (2 bytes) and gradients (2), plus a float32 master copy of the weights (4) and Adam’s two moments (4 + 4): 16 bytes per parameter, the count the ZeRO paper uses. For 7·10^9 parameters that is 112 GB before a single activation, which is why the optimizer state is sharded across GPUs (ZeRO, FSDP).',
      zh: '半精度权重（2 字节）和梯度（2 字节），加上 float32 的权重主副本（4 字节）和 Adam 的两个矩（4 + 4 字节）：每个参数 16 字节，ZeRO 论文也是这样计算的。7·10^9 个参数就是 112 GB，这还没算任何激活，所以优化器状态要分片到多张 GPU 上（ZeRO、FSDP）。',
    },
    numbers: [
      { text: '16', equals: 16, compute: () => 2 + 2 + 4 + 4 + 4 },
      { text: '112 GB', equals: 112, compute: () => (7e9 * (2 + 2 + 4 + 4 + 4)) / 1e9 },
    ],
  },
  {
    q: {
      en: 'With the GradScaler defaults, how often does a stable run skip a step, and why is that fine?',
      zh: '在 GradScaler 的默认设置下，一个稳定的训练过程多久会跳过一步？为什么这没关系？',
    },
    a: {
      en: 'The scaler keeps probing upwards: after 2000 clean steps it doubles the scale, and if that overflows it halves it again and skips the step. A run that sits at its largest safe scale therefore loses about one step in 2000, 0.05% of the updates, in exchange for using as much of fp16’s range as it can. A skipped step only drops one noisy gradient; applying an Infinity or NaN gradient would destroy the weights.',
      zh: '缩放器会不断向上试探：连续 2000 个正常步后把 scale 翻倍，如果因此溢出就再减半并跳过这一步。所以一个停在最大安全 scale 附近的训练大约每 2000 步丢掉一步，即 0.05% 的更新，换来尽可能充分地利用 fp16 的范围。跳过一步只是丢掉一个有噪声的梯度；而应用 Infinity 或 NaN 的梯度会毁掉权重。',
    },
    numbers: [{ text: '0.05%', equals: 0.05, compute: () => (1 / 2000) * 100 }],
  },
  {
    q: {
      en: 'Why keep a float32 master copy of the weights at all? What goes wrong when the weights themselves are bf16 and rounded to nearest?',
      zh: '为什么还要保留一份 float32 的权重主副本？如果权重本身就是 bf16、按就近舍入更新，会出什么问题？',
    },
    a: {
      en: 'An update smaller than half a unit in the last place is rounded away. At a weight of 1.0 the bf16 spacing is 2^-7 = 0.0078125, so a step of lr · grad = 0.001 leaves the weight exactly where it was, every time: training stalls. A float32 master copy accumulates the small updates; pure-bf16 training instead uses stochastic rounding (round up with probability equal to the fraction) or Kahan-compensated updates, so that small steps survive on average.',
      zh: '小于最后一位半个单位的更新会被舍入掉。权重为 1.0 时 bf16 的间距是 2^-7 = 0.0078125，lr · grad = 0.001 的一步更新之后权重原封不动，每一步都是如此：训练停滞。float32 主副本可以把这些小更新累积起来；纯 bf16 训练则改用随机舍入（按小数部分的概率向上舍入）或 Kahan 补偿求和，让小步长在平均意义上保留下来。',
    },
    numbers: [{ text: '0.0078125', equals: 0.0078125, compute: () => 2 ** -7 }],
  },
]);
