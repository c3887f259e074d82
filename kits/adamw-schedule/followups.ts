import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'With an HF warmup, the very first optimizer update uses lr 0. Is that step wasted?',
      zh: '使用 HF 的预热时，第一次优化器更新用的 lr 是 0。这一步白费了吗？',
    },
    a: {
      en: 'The parameters do not move (the decoupled decay is scaled by lr too), but the step is not free: m and v take in the first gradient, and the counter goes to t = 1, so the next update (lr = baseLr/W, 1e-4 for baseLr 1e-3 and W = 10) already uses bias-corrected moments of two gradients. The lr-0 step comes from the order optimizer.step() then lr_scheduler.step() with a LambdaLR that starts at its value for step 0; some trainers warm up with (step + 1)/W to avoid it, which is a different schedule.',
      zh: '参数不会动（解耦衰减也乘了 lr），但这一步并非没有作用：m 和 v 吸收了第一个梯度，计数器变为 t = 1，于是下一次更新（lr = baseLr/W，baseLr 1e-3、W = 10 时为 1e-4）已经用上了两个梯度的偏差修正动量。lr 为 0 的一步来自“先 optimizer.step() 再 lr_scheduler.step()”的顺序，以及 LambdaLR 从 step 0 的值开始；有些训练器用 (step + 1)/W 预热来避免它，但那是另一种调度。',
    },
    numbers: [{ text: '1e-4', equals: 1e-4, compute: () => 1e-3 / 10 }],
  },
  {
    q: {
      en: 'How far would the first step move a parameter without bias correction?',
      zh: '如果没有偏差修正，第一步会让参数移动多远？',
    },
    a: {
      en: 'From zero moments, m = (1 − β1)·g and √v = √(1 − β2)·|g|, so the raw ratio is 0.1/√0.001 ≈ 3.16 times sign(g): the first steps are over three times lr, exactly when the model is least trained. Dividing by 1 − β1^t and √(1 − β2^t) makes the first step lr·g/(|g| + eps) ≈ lr. The factor fades as β^t → 0, after a few thousand steps for β2 = 0.999.',
      zh: '动量从 0 开始，m = (1 − β1)·g，√v = √(1 − β2)·|g|，未修正的比值是 0.1/√0.001 ≈ 3.16 倍 sign(g)：最初几步超过 lr 的三倍，而此时模型恰恰训练得最少。除以 1 − β1^t 和 √(1 − β2^t) 之后，第一步为 lr·g/(|g| + eps) ≈ lr。随着 β^t → 0，这个因子逐渐消失，β2 = 0.999 时要几千步。',
    },
    numbers: [{ text: '3.16', equals: 3.16, compute: () => Math.round((0.1 / Math.sqrt(0.001)) * 100) / 100 }],
  },
  {
    q: {
      en: 'Why is the decay in AdamW multiplied by lr, and how much does it shrink the weights over a run?',
      zh: 'AdamW 的衰减为什么要乘以 lr？一次训练下来权重会被缩小多少？',
    },
    a: {
      en: 'Loshchilov & Hutter decouple the decay from the gradient so Adam’s normalisation cannot cancel it, and PyTorch scales it by the scheduled lr so it follows warmup and decay. Each step multiplies p by 1 − lr·wd: at lr 1e-3 and wd 0.01 for 10^4 steps that is (1 − 1e-5)^10000 ≈ 0.905, about 10% shrinkage of a weight no gradient pushes. With L2 in Adam, wd·p would be divided by √v̂, so weights with large gradients would hardly be decayed at all.',
      zh: 'Loshchilov 与 Hutter 把衰减与梯度解耦，使 Adam 的归一化无法抵消它；PyTorch 再乘以调度后的 lr，使它跟着预热和衰减变化。每一步把 p 乘以 1 − lr·wd：lr 1e-3、wd 0.01、10^4 步时为 (1 − 1e-5)^10000 ≈ 0.905，没有梯度推动的权重缩小约 10%。如果在 Adam 中用 L2，wd·p 会被除以 √v̂，梯度大的权重几乎得不到衰减。',
    },
    numbers: [{ text: '0.905', equals: 0.905, compute: () => Math.round((1 - 1e-3 * 0.01) ** 10_000 * 1000) / 1000 }],
  },
  {
    q: {
      en: 'Adam divides by √v̂. Does gradient clipping still matter for it?',
      zh: 'Adam 会除以 √v̂。梯度裁剪对它还有意义吗？',
    },
    a: {
      en: 'Scaling every gradient by the same c leaves m̂/√v̂ unchanged (up to eps), so a constant clip factor changes nothing. Clipping matters for spikes: one step with a norm 100 times the usual would enter m with weight 1 − β1 = 0.1 and dominate v for about 1/(1 − β2) = 1000 steps, shrinking every later update; clipped, it enters at the same scale as its neighbours. That is why LLM recipes clip at 1.0 and log the pre-clip norm, which clip_grad_norm_ returns.',
      zh: '把所有梯度都乘以同一个 c，m̂/√v̂ 不变（eps 除外），所以恒定的裁剪系数什么也不改变。裁剪针对的是尖峰：某一步的范数是平常的 100 倍时，它以 1 − β1 = 0.1 的权重进入 m，并在大约 1/(1 − β2) = 1000 步内主导 v，使之后的每次更新都变小；裁剪后它与相邻各步处于同一量级。所以大模型训练配方在 1.0 处裁剪，并记录 clip_grad_norm_ 返回的裁剪前范数。',
    },
    numbers: [{ text: '1000', equals: 1000, compute: () => Math.round(1 / (1 - 0.999)) }],
  },
  {
    q: {
      en: 'How much memory does AdamW’s state take for a 7B-parameter model?',
      zh: '一个 7B 参数的模型，AdamW 的状态要占多少显存？',
    },
    a: {
      en: 'Two fp32 moments per parameter: 2 × 4 bytes × 7·10^9 = 56 GB, on top of the weights and gradients (and usually an fp32 master copy in mixed precision: 28 GB more). This is why ZeRO shards optimizer states across data-parallel ranks, and why 8-bit Adam or Adafactor (factored second moment) exist; the step itself is elementwise, so it shards trivially, except for the global clip norm, which needs one all-reduce of a scalar.',
      zh: '每个参数两个 fp32 动量：2 × 4 字节 × 7·10^9 = 56 GB，这还不算权重和梯度（混合精度下通常还有一份 fp32 主权重：再加 28 GB）。所以 ZeRO 把优化器状态切分到各数据并行 rank 上，也因此有了 8-bit Adam 和 Adafactor（分解的二阶矩）；更新本身是逐元素的，切分很容易，只有全局裁剪范数需要对一个标量做一次 all-reduce。',
    },
    numbers: [
      { text: '56 GB', equals: 56, compute: () => (2 * 4 * 7e9) / 1e9 },
      { text: '28 GB', equals: 28, compute: () => (4 * 7e9) / 1e9 },
    ],
  },
]);
