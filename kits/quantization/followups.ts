import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why does per-channel int8 beat per-tensor int8 on LLM weights, and why does LLM.int8() still keep some columns in fp16?',
      zh: '为什么 LLM 权重用逐通道 int8 比逐张量 int8 好？LLM.int8() 为什么还要把一些列留在 fp16？',
    },
    a: {
      en: 'The step is absmax / 127, so one outlier sets the grid for everything it shares a scale with: a row whose weights are 100 times smaller than the tensor’s largest uses about 1 of the 127 levels. A scale per row confines the damage to that row. Activations are worse: past about 6.7B parameters a few feature dimensions carry values up to about 20 times larger than the rest, so LLM.int8() keeps the columns with |x| ≥ 6 in fp16 (mixed-precision decomposition) and quantizes the other ~99.9% per row.',
      zh: '步长是 absmax / 127，所以一个离群值决定了与它共享 scale 的所有元素的网格：若一行权重比整个张量的最大值小 100 倍，它大约只用到 127 级中的 1 级。每行一个 scale 把损害限制在这一行。激活更糟：参数超过约 6.7B 后，少数特征维度的值可达其余维度的约 20 倍，所以 LLM.int8() 把 |x| ≥ 6 的列留在 fp16（混合精度分解），其余约 99.9% 逐行量化。',
    },
    numbers: [{ text: '127', equals: 127, compute: () => 2 ** 7 - 1 }],
  },
  {
    q: {
      en: 'How many bits per parameter does NF4 with blocksize 64 really cost, and what does double quantization save?',
      zh: 'blocksize 为 64 的 NF4 每个参数实际占多少位？双重量化能省多少？',
    },
    a: {
      en: 'Each block of 64 stores one float32 absmax, 32 / 64 = 0.5 extra bits per parameter, so 4.5 bits in all. QLoRA’s double quantization stores the absmax values themselves in 8 bits with one float32 constant per 256 of them: 8 / 64 + 32 / (64 · 256) ≈ 0.127 bits, saving about 0.373 bits per parameter, roughly 3 GB on a 65B model.',
      zh: '每 64 个一块，存一个 float32 的 absmax，每个参数多 32 / 64 = 0.5 位，共 4.5 位。QLoRA 的双重量化把这些 absmax 本身用 8 位存储，每 256 个再配一个 float32 常数：8 / 64 + 32 / (64 · 256) ≈ 0.127 位，每个参数约省 0.373 位，65B 模型约省 3 GB。',
    },
    numbers: [
      { text: '4.5', equals: 4.5, compute: () => 4 + 32 / 64 },
      { text: '0.127', equals: 0.127, compute: () => Number((8 / 64 + 32 / (64 * 256)).toFixed(3)) },
      { text: '0.373', equals: 0.373, compute: () => Number((0.5 - (8 / 64 + 32 / (64 * 256))).toFixed(3)) },
    ],
  },
  {
    q: {
      en: 'Why does DeepSeek-V3 scale fp8 per 1 × 128 tile and 128 × 128 block instead of per tensor?',
      zh: 'DeepSeek-V3 为什么按 1 × 128 的 tile 和 128 × 128 的块来缩放 fp8，而不是按整个张量？',
    },
    a: {
      en: 'e4m3 has only 3 mantissa bits and a range from 2^-9 to 448, about 18 binades. With one scale per tensor, an activation outlier pushes every other value down into the subnormals or to zero. A scale per 128 elements follows the outliers locally, and the scales are applied inside the GEMM’s accumulation, which DeepSeek promotes to float32 every 128 elements along K. E5M2 would buy range at the cost of a mantissa bit; fine-grained scaling lets them use E4M3 everywhere.',
      zh: 'e4m3 只有 3 位尾数，范围从 2^-9 到 448，约 18 个二进制量级。整个张量共用一个 scale 时，一个激活离群值会把其他值都压进次正规数甚至变成零。每 128 个元素一个 scale 能在局部跟随离群值，而这些 scale 在 GEMM 的累加中应用，DeepSeek 沿 K 方向每 128 个元素就把累加提升到 float32。E5M2 以一位尾数换取范围；细粒度缩放让他们处处都能用 E4M3。',
    },
    numbers: [
      { text: '448', equals: 448, compute: () => (1 + 6 / 8) * 2 ** (15 - 7) },
      { text: '18', equals: 18, compute: () => Math.round(Math.log2(448 / 2 ** -9)) },
    ],
  },
  {
    q: {
      en: 'Why are NF4’s levels not evenly spaced, and why are there 7 negative levels but 8 positive ones?',
      zh: 'NF4 的量化级为什么不等间距？为什么负侧有 7 级、正侧却有 8 级？',
    },
    a: {
      en: 'They are quantiles of a standard normal rescaled to [−1, 1], so each of the 16 codes is used about equally often by normally distributed weights (information-theoretically optimal for that distribution). Symmetric quantiles would have no exact zero, so QLoRA builds 8 positive and 7 negative quantile levels and shares 0: 7 + 1 + 8 = 16, which is why the negative side reaches −0.0911 and the positive side starts at 0.0796.',
      zh: '它们是标准正态分布的分位数，再缩放到 [−1, 1]，所以正态分布的权重大约平均地用到 16 个 code 中的每一个（对这个分布在信息论意义上最优）。对称的分位数没有精确的 0，所以 QLoRA 取 8 个正侧、7 个负侧的分位数并共用 0：7 + 1 + 8 = 16，因此负侧最近的一级是 −0.0911，正侧从 0.0796 开始。',
    },
    numbers: [{ text: '16', equals: 16, compute: () => 7 + 1 + 8 }],
  },
]);
