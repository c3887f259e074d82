import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'rounds-half-up',
    hint: {
      en: 'Quantize [127, 2.5, -1.5] to int8: which codes should the halves get?',
      zh: '把 [127, 2.5, -1.5] 量化为 int8：这些 .5 应该得到什么 code？',
    },
    why: {
      en: 'Rounds with Math.round, which sends every half up (2.5 → 3, −1.5 → −1). torch.round rounds half to even (2.5 → 2, −1.5 → −2); on a grid of exact halves the half-up rule biases every code upward.',
      zh: '用 Math.round 舍入，把所有 .5 都向上取（2.5 → 3，−1.5 → −1）。torch.round 是平局取偶（2.5 → 2，−1.5 → −2）；在恰好为 .5 的网格上，向上舍入会让所有 code 整体偏大。',
    },
    edits: [['  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;', '  return r;']],
  },
  {
    id: 'scale-over-128',
    hint: { en: 'What is the int8 scale of [127, 1]?', zh: '[127, 1] 的 int8 scale 是多少？' },
    why: {
      en: 'Divides absmax by 128 (the int8 range is −128..127, so 128 looks natural). The symmetric scheme maps absmax to ±127 so the grid is symmetric; /128 gives a different scale and codes that never reach 127.',
      zh: '用 absmax 除以 128（int8 的范围是 −128..127，看起来很自然）。对称量化把 absmax 映射到 ±127，使网格对称；除以 128 得到的 scale 不同，code 也永远到不了 127。',
    },
    edits: [['    const s = absmax === 0 ? 1 : absmax / 127;', '    const s = absmax === 0 ? 1 : absmax / 128;']],
  },
  {
    id: 'per-tensor-absmax-in-rows',
    hint: {
      en: 'Quantize with cols 3: [127, 0, 0, 1, -0.5, 0.25]. Does the second row get its own scale?',
      zh: '用 cols 3 量化 [127, 0, 0, 1, -0.5, 0.25]：第二行有自己的 scale 吗？',
    },
    why: {
      en: 'Takes the absmax of the whole tensor for every row: each row reports a scale, but they are all the global one, so a row of small weights is quantized on a grid far too coarse. Per-channel quantization exists exactly to avoid that.',
      zh: '每一行都用整个张量的 absmax：虽然每行都有一个 scale，但都是全局的那个，于是一行小权重被放在过粗的网格上量化。逐通道量化正是为了避免这一点。',
    },
    edits: [
      [
        '    for (let i = g * len; i < (g + 1) * len; i++) absmax = Math.max(absmax, Math.abs(x[i] as number));',
        '    for (let i = 0; i < x.length; i++) absmax = Math.max(absmax, Math.abs(x[i] as number));',
      ],
    ],
  },
  {
    id: 'dequant-divides-by-scale',
    hint: {
      en: 'Dequantize q = [2] with scale [0.5]. Is the step size multiplied or divided?',
      zh: '用 scale [0.5] 反量化 q = [2]：步长是乘还是除？',
    },
    why: {
      en: "Divides by the scale on the way back, as if scale were LLM.int8()'s 127/absmax. Here scale is the step size (absmax/127), so dequantization multiplies; mixing the two conventions is the classic int8 bug.",
      zh: '反量化时除以 scale，好像 scale 是 LLM.int8() 的 127/absmax。这里 scale 是步长（absmax/127），反量化应当相乘；把两种约定混在一起是 int8 的经典错误。',
    },
    edits: [
      [
        '  for (let i = 0; i < q.length; i++) out[i] = (q[i] as number) * (scale[Math.floor(i / len)] as number);',
        '  for (let i = 0; i < q.length; i++) out[i] = (q[i] as number) / (scale[Math.floor(i / len)] as number);',
      ],
    ],
  },
  {
    id: 'zero-point-not-clamped',
    hint: {
      en: 'Quantize [-1.5, 253.5] with a zero point. What is round(253.5) + zeroPoint, and does it fit a uint8?',
      zh: '带零点量化 [-1.5, 253.5]：round(253.5) + zeroPoint 是多少？放得进 uint8 吗？',
    },
    why: {
      en: "Adds the zero point without clamping to 0..255. When the zero point's own rounding went up, the top value lands on 256, and a Uint8Array silently wraps it to 0: the largest weight becomes the smallest.",
      zh: '加上零点后没有钳到 0..255。当零点本身的舍入向上时，最大值会落到 256，而 Uint8Array 会悄悄把它变成 0：最大的权重变成了最小的。',
    },
    edits: [
      [
        '    for (let i = g * len; i < (g + 1) * len; i++) q[i] = clamp(roundHalfEven((x[i] as number) / s) + zp, 0, 255);',
        '    for (let i = g * len; i < (g + 1) * len; i++) q[i] = roundHalfEven((x[i] as number) / s) + zp;',
      ],
    ],
  },
  {
    id: 'zero-point-range-without-zero',
    hint: {
      en: 'Quantize the all-positive [2, 4] with a zero point: is 0 inside the range?',
      zh: '带零点量化全为正的 [2, 4]：0 在范围内吗？',
    },
    why: {
      en: "Uses [min x, max x] as the range. PyTorch's MinMaxObserver widens it to include 0 (min_val_neg, max_val_pos) so that 0, which padding and ReLU produce everywhere, is stored exactly; without it [2, 4] gets scale 2/255 and a negative zero point.",
      zh: '用 [min x, max x] 作为范围。PyTorch 的 MinMaxObserver 会把它扩展到包含 0（min_val_neg、max_val_pos），让 padding 和 ReLU 到处产生的 0 能被精确存储；不扩展的话 [2, 4] 的 scale 是 2/255，零点还是负的。',
    },
    edits: [
      [
        '    let lo = 0;\n    let hi = 0;',
        '    let lo = Number.POSITIVE_INFINITY;\n    let hi = Number.NEGATIVE_INFINITY;',
      ],
    ],
  },
  {
    id: 'dequant-adds-zero-point',
    hint: { en: 'Dequantize q = [zeroPoint]: does it come back as 0?', zh: '反量化 q = [zeroPoint]：结果是 0 吗？' },
    why: {
      en: 'Computes (q + zeroPoint) · scale. The zero point is the code of 0, so it must be subtracted: x̂ = (q − zp) · scale.',
      zh: '计算 (q + zeroPoint) · scale。零点是 0 的 code，应当减去：x̂ = (q − zp) · scale。',
    },
    edits: [
      [
        '    out[i] = ((q[i] as number) - (zeroPoint[g] as number)) * (scale[g] as number);',
        '    out[i] = ((q[i] as number) + (zeroPoint[g] as number)) * (scale[g] as number);',
      ],
    ],
  },
  {
    id: 'nf4-thresholds-at-levels',
    hint: {
      en: 'NF4 of 0.5 with absmax 1: is it nearer 0.4407 or 0.5626?',
      zh: 'absmax 为 1 时 0.5 的 NF4：它离 0.4407 近还是离 0.5626 近？',
    },
    why: {
      en: 'Compares x / absmax with the levels themselves instead of the midpoints between them, so every value between two levels goes to the upper one (0.5 → 0.5626 although 0.4407 is nearer). Nearest means thresholds at (L[i] + L[i+1]) / 2.',
      zh: '把 x / absmax 与各级本身比较，而不是与相邻两级的中点比较，于是两级之间的值都取了较高的那一级（0.5 → 0.5626，尽管 0.4407 更近）。“最近”意味着阈值在 (L[i] + L[i+1]) / 2。',
    },
    edits: [
      [
        'const NF4_MIDPOINTS = NF4_LEVELS.slice(1).map((hi, i) => ((NF4_LEVELS[i] as number) + hi) / 2);',
        'const NF4_MIDPOINTS = NF4_LEVELS.slice(1).map((_hi, i) => NF4_LEVELS[i] as number);',
      ],
    ],
  },
  {
    id: 'nf4-drops-partial-block',
    hint: {
      en: 'quantizeNF4 of 65 values with blockSize 64: how many absmax values?',
      zh: 'blockSize 为 64 时对 65 个值做 quantizeNF4：有几个 absmax？',
    },
    why: {
      en: 'Counts blocks with Math.floor, so a last partial block gets no absmax and its codes stay 0 (the level −1): the tail of every tensor whose size is not a multiple of 64 is destroyed.',
      zh: '用 Math.floor 计算块数，最后一个不完整的块没有 absmax，其 code 保持为 0（即 −1 那一级）：凡大小不是 64 倍数的张量，尾部都被毁掉。',
    },
    edits: [
      [
        '  const blocks = Math.ceil(x.length / blockSize);\n  const codes = new Uint8Array(x.length);\n  const absmax = new Float64Array(blocks);',
        '  const blocks = Math.floor(x.length / blockSize);\n  const codes = new Uint8Array(x.length);\n  const absmax = new Float64Array(blocks);',
      ],
    ],
  },
  {
    id: 'nf4-zero-block-nan',
    hint: {
      en: 'quantizeNF4 of a block of zeros: what is 0 / absmax when absmax is 0?',
      zh: '对全零块做 quantizeNF4：absmax 为 0 时 0 / absmax 是多少？',
    },
    why: {
      en: 'Divides by an absmax of 0: 0 / 0 is NaN, every comparison with a threshold is false, and the whole block gets code 0, the level −1.0, instead of code 7, the level 0.0. The values survive only by luck (−1 · 0 = −0); anything that reads the codes, or a later non-zero absmax, sees −1.',
      zh: '用为 0 的 absmax 做除法：0 / 0 是 NaN，与阈值的比较全为 false，整块都得到 code 0（−1.0 那一级），而不是 code 7（0.0 那一级）。数值只是碰巧没坏（−1 · 0 = −0）；凡是读取 code 的地方，或之后换成非零的 absmax，看到的都是 −1。',
    },
    edits: [
      [
        'codes[i] = m === 0 ? NF4_ZERO_CODE : nf4Code((x[i] as number) / m);',
        'codes[i] = nf4Code((x[i] as number) / m);',
      ],
    ],
  },
  {
    id: 'nf4-signed-max',
    hint: {
      en: 'A block whose largest magnitude is negative: [-2, 0.1]. What is its absmax?',
      zh: '一个绝对值最大的元素为负的块：[-2, 0.1]。它的 absmax 是多少？',
    },
    why: {
      en: 'Takes max x instead of max |x|: a block dominated by a negative weight gets a too-small absmax, x / absmax falls below −1 and saturates at code 0, and an all-negative block gets absmax 0.',
      zh: '取 max x 而不是 max |x|：以负权重为主的块 absmax 偏小，x / absmax 低于 −1 而饱和在 code 0，全为负的块 absmax 为 0。',
    },
    edits: [
      [
        '    for (let i = b * blockSize; i < end; i++) m = Math.max(m, Math.abs(x[i] as number));',
        '    for (let i = b * blockSize; i < end; i++) m = Math.max(m, x[i] as number);',
      ],
    ],
  },
  {
    id: 'fp8-no-saturation',
    hint: {
      en: 'fp8E4M3Bits(470): the next step above 448 would be 480, which e4m3fn does not have.',
      zh: 'fp8E4M3Bits(470)：448 之上的下一个值本应是 480，而 e4m3fn 没有它。',
    },
    why: {
      en: 'Saturates only from 480 on and lets values in (464, 480) round up onto the pattern 0x7F, which in e4m3fn is NaN (and returns 0x7F beyond), like a non-saturating cast. Block scaling relies on saturation at ±448.',
      zh: '只从 480 开始饱和，让 (464, 480) 内的值向上舍入到 0x7F 这个位模式，而它在 e4m3fn 中是 NaN（更大的值也返回 0x7F），就像不饱和的转换。分块缩放依赖于在 ±448 处饱和。',
    },
    edits: [['  if (a >= FP8_MAX) return sign | 0x7e;', '  if (a >= 480) return sign | 0x7f;']],
  },
  {
    id: 'fp8-flushes-subnormals',
    hint: { en: 'What is fp8E4M3Bits(2^-9)?', zh: 'fp8E4M3Bits(2^-9) 是多少？' },
    why: {
      en: 'Flushes everything below the least normal 2^-6 to ±0. e4m3fn keeps subnormals (E = 0, value M/8 · 2^-6, down to 2^-9); with only 3 mantissa bits these eight steps matter for small scaled values.',
      zh: '把小于最小正规数 2^-6 的值都清零为 ±0。e4m3fn 保留次正规数（E = 0，值为 M/8 · 2^-6，最小 2^-9）；只有 3 位尾数，这八个台阶对缩放后的小值很重要。',
    },
    edits: [['  if (a < 2 ** -6) return sign | roundHalfEven(a * 2 ** 9);', '  if (a < 2 ** -6) return sign;']],
  },
  {
    id: 'fp8-truncates',
    hint: {
      en: 'fp8E4M3Bits(0.1): 0.1 = 1.6 · 2^-4, and 1.6 lies between 1.5 and 1.625.',
      zh: 'fp8E4M3Bits(0.1)：0.1 = 1.6 · 2^-4，而 1.6 介于 1.5 与 1.625 之间。',
    },
    why: {
      en: 'Truncates the mantissa (Math.floor) instead of rounding to nearest even, as a bit shift without a rounding bias does: 0.1 becomes 0.09375 (0x1C) instead of 0.1015625 (0x1D), and every value is biased toward zero.',
      zh: '截断尾数（Math.floor），而不是就近取偶，就像不加舍入偏置的移位：0.1 变成 0.09375（0x1C）而不是 0.1015625（0x1D），所有值都偏向零。',
    },
    edits: [
      [
        '  const m = roundHalfEven((a / 2 ** e) * 8) - 8; // 0..8',
        '  const m = Math.floor((a / 2 ** e) * 8) - 8; // 0..8',
      ],
    ],
  },
  {
    id: 'fp8-max-240-fnuz',
    hint: {
      en: 'What is the largest finite e4m3fn value, and the block scale of a block whose amax is 448?',
      zh: 'e4m3fn 最大的有限值是多少？amax 为 448 的块，scale 是多少？',
    },
    why: {
      en: "Uses 240, the maximum of e4m3fnuz (AMD's variant with bias 8 and a single NaN), for saturation and for the block scale amax / 240. In e4m3fn (OCP, NVIDIA, DeepSeek-V3) the maximum is 448 = 0x7E.",
      zh: '用 240，即 e4m3fnuz（AMD 的变体，偏置 8、只有一个 NaN）的最大值，来做饱和和分块 scale amax / 240。在 e4m3fn（OCP、NVIDIA、DeepSeek-V3）中最大值是 448 = 0x7E。',
    },
    edits: [['const FP8_MAX = 448;', 'const FP8_MAX = 240;']],
  },
  {
    id: 'fp8-block-scale-inverted',
    hint: {
      en: 'Block-quantize a single value 3: what scale is stored?',
      zh: '对单个值 3 做分块量化：存下的 scale 是多少？',
    },
    why: {
      en: 'Stores 448 / amax (the multiplier that maps into fp8) and divides by it, so codes are amax²/448-scaled garbage; DeepSeek-V3 stores the dequantization scale amax / 448 and quantizes x / scale.',
      zh: '存下 448 / amax（映射进 fp8 的乘数）并除以它，code 成了无意义的值；DeepSeek-V3 存的是反量化 scale amax / 448，量化时用 x / scale。',
    },
    edits: [['      const s = amax === 0 ? 1 : amax / FP8_MAX;', '      const s = amax === 0 ? 1 : FP8_MAX / amax;']],
  },
  {
    id: 'fp8-negative-zero-lost',
    hint: {
      en: 'fp8E4M3Bits(-0) and fp8E4M3Bits(-1e-10): which sign bit?',
      zh: 'fp8E4M3Bits(-0) 和 fp8E4M3Bits(-1e-10)：符号位是什么？',
    },
    why: {
      en: 'Takes the sign from x < 0 only, so −0 becomes +0 (0x00). Tiny negatives still get 0x80, but −0 itself, which a sign-aware kernel keeps, loses its sign.',
      zh: '只用 x < 0 判断符号，于是 −0 变成 +0（0x00）。极小的负数仍得到 0x80，但 −0 本身（保留符号的 kernel 会保留它）丢了符号。',
    },
    edits: [['  const sign = x < 0 || Object.is(x, -0) ? 0x80 : 0;', '  const sign = x < 0 ? 0x80 : 0;']],
  },
  {
    id: 'fp8-decode-bias-8',
    hint: {
      en: 'fp8E4M3Value(0x38): which exponent bias does e4m3fn use?',
      zh: 'fp8E4M3Value(0x38)：e4m3fn 的指数偏置是多少？',
    },
    why: {
      en: 'Decodes with exponent bias 8 (the fnuz variants), so every normal byte is worth half its value: 0x38 gives 0.5 instead of 1 and 0x7E gives 224.',
      zh: '用指数偏置 8（fnuz 变体）解码，每个正规字节的值都只有一半：0x38 得到 0.5 而不是 1，0x7E 得到 224。',
    },
    edits: [
      [
        '  return e === 0 ? sign * m * 2 ** -9 : sign * (1 + m / 8) * 2 ** (e - 7);',
        '  return e === 0 ? sign * m * 2 ** -9 : sign * (1 + m / 8) * 2 ** (e - 8);',
      ],
    ],
  },
  {
    id: 'fp8-only-one-nan',
    hint: { en: 'fp8E4M3Value(0xFF): is it −480 or NaN?', zh: 'fp8E4M3Value(0xFF)：是 −480 还是 NaN？' },
    why: {
      en: 'Treats only 0x7F as NaN, so 0xFF decodes as −480. e4m3fn has two NaN patterns, S.1111.111 with either sign.',
      zh: '只把 0x7F 当作 NaN，于是 0xFF 被解码为 −480。e4m3fn 有两个 NaN 位模式：任一符号的 S.1111.111。',
    },
    edits: [['  if (e === 0xf && m === 7) return Number.NaN;', '  if (bits === 0x7f) return Number.NaN;']],
  },
  {
    id: 'alt-fp8-ties-to-odd',
    base: 'alt-tables',
    hint: {
      en: 'fp8E4M3Bits(1.0625), halfway between 1 (0x38) and 1.125 (0x39).',
      zh: 'fp8E4M3Bits(1.0625)，恰在 1（0x38）与 1.125（0x39）中间。',
    },
    why: {
      en: 'In the table search, breaks a tie toward the odd byte: the parity test is the wrong way round, so 1.0625 → 1.125. Round to nearest even keeps the byte whose last mantissa bit is 0.',
      zh: '在查表实现中，平局时取了奇数字节：奇偶判断写反了，于是 1.0625 → 1.125。就近取偶应保留尾数最低位为 0 的字节。',
    },
    edits: [
      [
        '    if (a > half || (a === half && b % 2 === 1)) b += 1;',
        '    if (a > half || (a === half && b % 2 === 0)) b += 1;',
      ],
    ],
  },
]);
