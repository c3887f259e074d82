import { defineZoo } from '../../src/kit/zoo.ts';

const LLAMA_BANDS =
  '    if (wavelen < highFreqWavelen) return f;\n    if (wavelen > lowFreqWavelen) return f / factor;';

export default defineZoo([
  {
    id: 'exponent-i-over-dim',
    hint: {
      en: 'Check plain RoPE first: ropeInvFreq(8) should end at 0.001.',
      zh: '先检查普通 RoPE：ropeInvFreq(8) 的最后一项应为 0.001。',
    },
    why: {
      en: 'Loops i = 0 … dim/2 − 1 but uses base^(−i/dim) instead of base^(−2i/dim): arange(0, dim, 2)/dim has the step of 2 inside the exponent. The frequencies only fall to base^(−(dim/2 − 1)/dim), 10000^(−3/8) ≈ 0.0316 instead of 0.001 for dim 8.',
      zh: '循环 i = 0 … dim/2 − 1，却用了 base^(−i/dim) 而不是 base^(−2i/dim)：arange(0, dim, 2)/dim 的步长 2 在指数里。频率只降到 base^(−(dim/2 − 1)/dim)，dim 为 8 时是 10000^(−3/8) ≈ 0.0316 而不是 0.001。',
    },
    edits: [
      [
        '  for (let j = 0; j < dim; j += 2) invFreq.push(1 / base ** (j / dim));',
        '  for (let j = 0; j < dim / 2; j++) invFreq.push(1 / base ** (j / dim));',
      ],
    ],
  },
  {
    id: 'linear-multiplies',
    hint: {
      en: 'Position interpolation squeezes positions: should the frequencies get larger or smaller?',
      zh: '位置插值是把位置压缩：频率应该变大还是变小？',
    },
    why: {
      en: 'Multiplies inv_freq by factor. Interpolation divides the positions by factor (position m looks like m/factor), which is the same as dividing every frequency; multiplying turns each pair faster and makes the context effectively shorter.',
      zh: '把 inv_freq 乘以 factor。插值是把位置除以 factor（位置 m 看起来像 m/factor），等价于把每个频率除以 factor；乘上去会让每一对转得更快，上下文反而变短。',
    },
    edits: [
      [
        'invFreq.map((f) => f / factor), attentionScaling: 1 }',
        'invFreq.map((f) => f * factor), attentionScaling: 1 }',
      ],
    ],
  },
  {
    id: 'factor-one-rejected',
    hint: { en: 'Is factor = 1 a legal value?', zh: 'factor = 1 是合法取值吗？' },
    why: {
      en: 'Rejects factor <= 1 instead of factor < 1. factor 1 is allowed (HF warns only below 1) and must reduce every type to plain RoPE: a config that turns scaling off by setting factor 1 would crash.',
      zh: '拒绝了 factor <= 1，而不是 factor < 1。factor 为 1 是允许的（HF 只在小于 1 时警告），而且应当让每种类型都退化为普通 RoPE：用 factor 1 关闭缩放的配置会直接报错。',
    },
    edits: [['  if (factor < 1) throw', '  if (factor <= 1) throw']],
  },
  {
    id: 'ntk-without-exponent',
    hint: {
      en: 'Dynamic NTK: after the new base, how much is the slowest pair divided by?',
      zh: '动态 NTK：换了新 base 之后，最慢的那一对被除以多少？',
    },
    why: {
      en: 'Scales the base by s instead of s^(dim/(dim − 2)). The exponent is what makes the slowest pair i = dim/2 − 1 divided by exactly s (interpolation where it is needed) while pair 0 stays 1; without it the slowest pair is divided by s^((dim − 2)/dim) only, e.g. 3^(3/4) ≈ 2.28 instead of 3 for dim 8.',
      zh: '把 base 乘以 s，而不是 s^(dim/(dim − 2))。正是这个指数让最慢的一对 i = dim/2 − 1 恰好被除以 s（在需要的地方做插值），而第 0 对保持为 1；去掉它，最慢的一对只被除以 s^((dim − 2)/dim)，例如 dim 为 8 时是 3^(3/4) ≈ 2.28 而不是 3。',
    },
    edits: [
      [
        '((factor * seqLen) / maxPos - (factor - 1)) ** (dim / (dim - 2));',
        '((factor * seqLen) / maxPos - (factor - 1));',
      ],
    ],
  },
  {
    id: 'static-ntk',
    hint: {
      en: "Does the 'dynamic' base depend on how long the sequence is?",
      zh: "'dynamic' 的 base 取决于序列有多长吗？",
    },
    why: {
      en: "Uses base·factor^(dim/(dim − 2)), HF's static 'ntk' type, for 'dynamic'. Dynamic NTK grows the base with the sequence: s = factor·seqLen/L − (factor − 1), which is 1 at seqLen = L and grows with seqLen: for factor 2, seqLen 4096, L 2048 it is 3, not 2.",
      zh: "在 'dynamic' 里用了 base·factor^(dim/(dim − 2))，也就是 HF 静态的 'ntk' 类型。动态 NTK 的 base 随序列长度增长：s = factor·seqLen/L − (factor − 1)，seqLen = L 时 s = 1，并随 seqLen 增长：factor 2、seqLen 4096、L 2048 时 s 是 3 而不是 2。",
    },
    edits: [
      [
        'base * ((factor * seqLen) / maxPos - (factor - 1)) ** (dim / (dim - 2));',
        'base * factor ** (dim / (dim - 2));',
      ],
    ],
  },
  {
    id: 'dynamic-below-max',
    hint: {
      en: 'Try a dynamic config with a sequence shorter than the trained length.',
      zh: '试试序列比训练长度短的 dynamic 配置。',
    },
    why: {
      en: 'Applies the NTK formula at every seqLen. HF first takes seq_len = max(seq_len, max_position_embeddings): below the trained length s = factor·seqLen/L − (factor − 1) < 1 would SHRINK the base (and can even go negative), so short sequences must get plain RoPE.',
      zh: '在任何 seqLen 下都套用 NTK 公式。HF 先取 seq_len = max(seq_len, max_position_embeddings)：在训练长度以下 s = factor·seqLen/L − (factor − 1) < 1 会让 base 变小（甚至变成负数），所以短序列必须用普通 RoPE。',
    },
    edits: [['  if (seqLen <= maxPos) return defaultInvFreq(dim, base);\n', '']],
  },
  {
    id: 'yarn-ramp-inverted',
    hint: {
      en: 'YaRN: which pairs should keep their frequency, the fast ones or the slow ones?',
      zh: 'YaRN：哪些对应当保持原频率，快的还是慢的？',
    },
    why: {
      en: 'Uses the ramp itself as the extrapolation factor instead of 1 − ramp, so the fast pairs (small i, many rotations within L) are divided by factor and the slow ones kept: the exact opposite of YaRN, which interpolates only the pairs that never completed a turn in training.',
      zh: '把 ramp 本身当成外推系数，而不是 1 − ramp，于是快的对（i 小，在 L 内转很多圈）被除以 factor，慢的反而保留：正好与 YaRN 相反，YaRN 只对训练中从未转满一圈的对做插值。',
    },
    edits: [['const extrapolation = 1 - ramp;', 'const extrapolation = ramp;']],
  },
  {
    id: 'yarn-floor-ceil-swapped',
    hint: {
      en: 'Which way is each end of the correction range rounded?',
      zh: '修正区间的两端分别向哪个方向取整？',
    },
    why: {
      en: 'Rounds the low end up and the high end down. HF floors low and ceils high (find_correction_range with truncate), widening the ramp; swapped, the example L 2048 gets low = high = 2 and pair 2 is kept (0.01) instead of half blended (0.00625).',
      zh: '把下端向上取整、上端向下取整。HF 对 low 取 floor、对 high 取 ceil（find_correction_range 的 truncate），让过渡区变宽；交换之后，L 2048 的例子得到 low = high = 2，第 2 对被保留（0.01），而不是混合一半（0.00625）。',
    },
    edits: [
      [
        'const low = Math.max(Math.floor(correctionDim(betaFast)), 0);\n  let high = Math.min(Math.ceil(',
        'const low = Math.max(Math.ceil(correctionDim(betaFast)), 0);\n  let high = Math.min(Math.floor(',
      ],
    ],
  },
  {
    id: 'yarn-clamp-half-dim',
    hint: {
      en: 'What is the upper clamp of the correction range: the last pair index, or something else?',
      zh: '修正区间上端的截断值是多少：最后一对的下标，还是别的？',
    },
    why: {
      en: "Clamps high to dim/2 − 1, the last pair index, which looks natural. HF's find_correction_range clamps to dim − 1 (a quirk, since the ramp runs over dim/2 pairs); when ceil(correction dim) lies between them, the ramp's slope changes: dim 8, base 10, L 477 gives high 7 in HF, 3 here.",
      zh: '把 high 截断到 dim/2 − 1，即最后一对的下标，看起来很自然。HF 的 find_correction_range 截断到 dim − 1（这是一个怪癖，因为 ramp 只覆盖 dim/2 对）；当 ceil(修正维度) 落在两者之间时，ramp 的斜率就变了：dim 8、base 10、L 477 时 HF 的 high 是 7，这里是 3。',
    },
    edits: [['Math.ceil(correctionDim(betaSlow)), dim - 1);', 'Math.ceil(correctionDim(betaSlow)), dim / 2 - 1);']],
  },
  {
    id: 'yarn-no-singularity-guard',
    hint: {
      en: 'What happens when the correction range collapses to a single index?',
      zh: '修正区间收缩到只剩一个下标时会怎样？',
    },
    why: {
      en: 'Drops linear_ramp_factor\'s "if min == max: max += 0.001". With a tiny trained length (L 4, dim 8) low = high = 0, and pair 0 computes (0 − 0)/0 = NaN, which the clamp keeps: invFreq[0] is NaN.',
      zh: '去掉了 linear_ramp_factor 里的 "if min == max: max += 0.001"。训练长度很小时（L 4、dim 8）low = high = 0，第 0 对计算 (0 − 0)/0 = NaN，clamp 也保不住：invFreq[0] 变成 NaN。',
    },
    edits: [['  if (low === high) high += 0.001; // linear_ramp_factor: prevent a division by zero\n', '']],
  },
  {
    id: 'yarn-no-attention-factor',
    hint: {
      en: 'YaRN returns two things. Is the second one still 1?',
      zh: 'YaRN 返回两样东西。第二样还是 1 吗？',
    },
    why: {
      en: 'Returns attentionScaling 1 for YaRN. Interpolation lowers the entropy of attention over long contexts; YaRN compensates by scaling cos and sin by 0.1·ln(factor) + 1 (get_mscale), 1.139 for factor 4. Forgetting it is the most common YaRN port bug.',
      zh: 'YaRN 返回的 attentionScaling 为 1。插值降低了长上下文上注意力的熵；YaRN 通过把 cos 和 sin 乘以 0.1·ln(factor) + 1（get_mscale）来补偿，factor 4 时为 1.139。忘掉它是移植 YaRN 时最常见的错误。',
    },
    edits: [['attentionScaling: 0.1 * Math.log(factor) + 1 }', 'attentionScaling: 1 }']],
  },
  {
    id: 'yarn-rotations-without-2pi',
    hint: {
      en: 'The correction dim counts rotations in L tokens. How long is one rotation of pair i?',
      zh: '修正维度数的是 L 个 token 内的圈数。第 i 对转一圈要多少个 token？',
    },
    why: {
      en: 'Uses L/rotations instead of L/(rotations·2π) in find_correction_dim, i.e. treats 1/θ instead of 2π/θ as the wavelength. Every correction dim moves up by dim·ln(2π)/(2·ln base), and the ramp starts at the wrong pair.',
      zh: '在 find_correction_dim 中用了 L/rotations 而不是 L/(rotations·2π)，也就是把 1/θ 而不是 2π/θ 当成了波长。每个修正维度都上移 dim·ln(2π)/(2·ln base)，ramp 从错误的那一对开始。',
    },
    edits: [['Math.log(maxPos / (rotations * 2 * Math.PI))', 'Math.log(maxPos / rotations)']],
  },
  {
    id: 'llama3-thresholds-swapped',
    hint: {
      en: 'Llama 3.1: which wavelength threshold belongs to high_freq_factor?',
      zh: 'Llama 3.1：哪个波长阈值对应 high_freq_factor？',
    },
    why: {
      en: 'Compares with the wrong thresholds: keeps pairs with wavelength < L/low_freq_factor and divides those > L/high_freq_factor. The bands now overlap, so the whole medium band (between L/4 and L) is kept unchanged, and the smooth blend never runs.',
      zh: '用错了阈值：波长 < L/low_freq_factor 的保留，> L/high_freq_factor 的除以 factor。两个区间重叠，整个中间频段（L/4 到 L 之间）都原样保留，平滑插值永远不会执行。',
    },
    edits: [
      [
        LLAMA_BANDS,
        '    if (wavelen < lowFreqWavelen) return f;\n    if (wavelen > highFreqWavelen) return f / factor;',
      ],
    ],
  },
  {
    id: 'llama3-smooth-of-wavelen',
    hint: {
      en: 'Llama 3.1: the smooth factor should go from 0 at one band edge to 1 at the other. Does it?',
      zh: 'Llama 3.1：平滑系数应当在一端为 0、另一端为 1。是这样吗？',
    },
    why: {
      en: 'Computes smooth from wavelen/L instead of L/wavelen. L/wavelen is the number of rotations in the trained context, low_freq_factor at one edge and high_freq_factor at the other; wavelen/L is its inverse, so the weight leaves [0, 1] (negative in the example, L 1024: 0.61 − 1 over 3), and the blended pair comes out below inv_freq/factor.',
      zh: '用 wavelen/L 而不是 L/wavelen 计算平滑系数。L/wavelen 是训练上下文内转的圈数，一端等于 low_freq_factor，另一端等于 high_freq_factor；wavelen/L 是它的倒数，于是混合系数远离 [0, 1]（例子中为负数）。',
    },
    edits: [
      [
        'const smooth = (oldContext / wavelen - lowFreqFactor)',
        'const smooth = (wavelen / oldContext - lowFreqFactor)',
      ],
    ],
  },
  {
    id: 'llama3-smooth-weights-swapped',
    hint: {
      en: 'Llama 3.1: in the medium band, which end should the long-wavelength side move toward?',
      zh: 'Llama 3.1：在中间频段，波长较长的一端应当靠近哪一边？',
    },
    why: {
      en: 'Blends smooth·inv_freq/factor + (1 − smooth)·inv_freq, the weights swapped. smooth is 1 at the high-frequency edge (where pairs are kept) and 0 at the low-frequency edge (divided), so swapping it makes the band jump at both edges.',
      zh: '混合写成了 smooth·inv_freq/factor + (1 − smooth)·inv_freq，权重反了。smooth 在高频端为 1（那里保留原频率），在低频端为 0（那里除以 factor），交换之后频段两端都会出现跳变。',
    },
    edits: [['return ((1 - smooth) * f) / factor + smooth * f;', 'return (smooth * f) / factor + (1 - smooth) * f;']],
  },
  {
    id: 'alt-dynamic-plain-exponent',
    base: 'alt-per-pair-divisor',
    hint: {
      en: 'In the closed form of dynamic NTK, what exponent does s get for pair i?',
      zh: '在动态 NTK 的闭式里，第 i 对的 s 的指数是多少？',
    },
    why: {
      en: "Writes s^(−2i/dim) (plain RoPE's exponent) instead of s^(−2i/(dim − 2)). Raising the base to base·s^(dim/(dim − 2)) multiplies pair i by s^(−2i/(dim − 2)), so the slowest pair is divided by exactly s; with −2i/dim it is divided by s^((dim − 2)/dim) only.",
      zh: '写成了 s^(−2i/dim)（普通 RoPE 的指数），而不是 s^(−2i/(dim − 2))。把 base 换成 base·s^(dim/(dim − 2)) 会让第 i 对乘以 s^(−2i/(dim − 2))，所以最慢的一对恰好被除以 s；用 −2i/dim 的话只除以 s^((dim − 2)/dim)。',
    },
    edits: [['f * s ** ((-2 * i) / (dim - 2))', 'f * s ** ((-2 * i) / dim)']],
  },
  {
    id: 'alt-llama3-unclamped',
    base: 'alt-per-pair-divisor',
    hint: {
      en: 'Llama 3.1 written as one blend: what keeps the weight inside [0, 1] outside the medium band?',
      zh: '把 Llama 3.1 写成一个混合式：在中间频段之外，是什么让权重保持在 [0, 1] 内？',
    },
    why: {
      en: 'Drops the clamp of the smooth factor. The single-formula form of the three bands needs it: without it the fast pairs (L/wavelen > high_freq_factor) get a weight above 1 and come out larger than plain RoPE, and the slow pairs a negative one.',
      zh: '去掉了平滑系数的 clamp。把三个频段写成一个公式时必须有它：没有它，快的对（L/wavelen > high_freq_factor）权重大于 1，结果比普通 RoPE 还大；慢的对权重为负。',
    },
    edits: [
      [
        'keep = (i) => clamp01((L / ((2 * Math.PI) / (inv[i] as number)) - lowF) / (highF - lowF));',
        'keep = (i) => (L / ((2 * Math.PI) / (inv[i] as number)) - lowF) / (highF - lowF);',
      ],
    ],
  },
]);
