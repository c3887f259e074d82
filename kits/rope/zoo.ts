import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'base-ignored',
    base: 'alt-tensor-angles',
    hint: { en: 'Does a different base change the result?', zh: '换一个 base，结果会变吗？' },
    why: {
      en: 'Hard-codes 10000 in inv_freq and ignores options.base, so NTK-style and long-context bases (500000 in Llama 3) have no effect: every base gives the base-10000 rotation.',
      zh: '在 inv_freq 里写死了 10000，忽略了 options.base，于是 NTK 风格或长上下文的 base（如 Llama 3 的 500000）毫无作用：任何 base 都得到 base 10000 的旋转。',
    },
    edits: [
      [
        'const invFreq = tf.pow(tf.scalar(base), exponents) as tf.Tensor1D;',
        'const invFreq = tf.pow(tf.scalar(10000), exponents) as tf.Tensor1D;',
      ],
    ],
  },
  {
    id: 'complex-output',
    hint: { en: 'Look at the dtype and the shape of what comes back.', zh: '看看返回值的 dtype 和形状。' },
    why: {
      en: "Copies Meta's view_as_complex recipe with tf.complex (x[2i] + i·x[2i+1] times e^{iθ}) but returns the complex64 product itself, without the view_as_real step, so the result is a complex64 tensor of shape [..., T, D/2] instead of float32 [..., T, D] (and tf.complex has no wasm kernel at all).",
      zh: '照搬 Meta 的 view_as_complex 做法，用 tf.complex 计算 (x[2i] + i·x[2i+1])·e^{iθ}，却直接返回 complex64 乘积，漏了 view_as_real 那一步，于是结果是形状 [..., T, D/2] 的 complex64 张量，而不是 float32 的 [..., T, D]（而且 wasm 后端根本没有 tf.complex 的内核）。',
    },
    file: 'zoo/complex-output.ts',
  },
  {
    id: 'default-interleaved',
    base: 'alt-tensor-angles',
    hint: { en: 'Which pairing does a call without style use?', zh: '不传 style 时用的是哪种配对？' },
    why: {
      en: "Defaults to 'interleaved' (the paper's and Meta's layout) instead of 'half' (HuggingFace rotate_half): a learner who learnt RoPE from the complex form mixes the conventions, and a default call disagrees with HF weights without any error.",
      zh: "默认用了 'interleaved'（论文和 Meta 的布局），而不是 'half'（HuggingFace 的 rotate_half）：从复数形式学 RoPE 的人容易混用两种约定，默认调用与 HF 权重不一致，却不会报任何错。",
    },
    edits: [["const style = options.style ?? 'half';", "const style = options.style ?? 'interleaved';"]],
  },
  {
    id: 'flipped-sine-sign',
    base: 'alt-tensor-angles',
    hint: {
      en: 'Check one pinned vector: [1..8] at position 1, element 0 is 1·cos 1 − 5·sin 1.',
      zh: '核对一个固定向量：[1..8] 在位置 1，第 0 个元素是 1·cos 1 − 5·sin 1。',
    },
    why: {
      en: 'Rotates by −θ (out_a = a·cos + b·sin, out_b = b·cos − a·sin): the sign of rotate_half is easy to misremember, and norms and relative positions are still preserved, so only a pinned vector catches it.',
      zh: '旋转了 −θ（out_a = a·cos + b·sin，out_b = b·cos − a·sin）：rotate_half 的符号很容易记反，而范数和相对位置性质依然成立，只有固定向量才能发现。',
    },
    edits: [
      [
        'return tf.concat([tf.sub(tf.mul(a, cos), tf.mul(b, sin)), tf.add(tf.mul(b, cos), tf.mul(a, sin))], -1);',
        'return tf.concat([tf.add(tf.mul(a, cos), tf.mul(b, sin)), tf.sub(tf.mul(b, cos), tf.mul(a, sin))], -1);',
      ],
      [
        'const out = tf.stack([tf.sub(tf.mul(a, cos), tf.mul(b, sin)), tf.add(tf.mul(b, cos), tf.mul(a, sin))], rank);',
        'const out = tf.stack([tf.add(tf.mul(a, cos), tf.mul(b, sin)), tf.sub(tf.mul(b, cos), tf.mul(a, sin))], rank);',
      ],
    ],
  },
  {
    id: 'half-interleaved-freqs',
    base: 'alt-rotate-half',
    hint: {
      en: "In the 'half' style, which angle do features 0 and D/2 get?",
      zh: "在 'half' 风格下，特征 0 和特征 D/2 用的是哪个角度？",
    },
    why: {
      en: "Pairs x[i] with x[i + D/2] (rotate_half) but lays the [T, D] angle table out as each frequency repeated in place (f0, f0, f1, f1, …, Meta's interleaved layout) instead of cat(freqs, freqs): most pairs turn by the wrong angle and the two halves of a pair even disagree, so norms break. It comes from mixing the two published recipes.",
      zh: '把 x[i] 与 x[i + D/2] 配对（rotate_half），角度表 [T, D] 却按每个频率原地重复两次排布（f0, f0, f1, f1, …，Meta 交错布局），而不是 cat(freqs, freqs)：大多数配对转错了角度，同一对的两半甚至角度不同，范数也就不再保持。这是把两种公开做法混在一起造成的。',
    },
    edits: [
      [
        "const freqs = style === 'half' ? [...invFreq, ...invFreq] : invFreq.flatMap((f) => [f, f]);",
        'const freqs = invFreq.flatMap((f) => [f, f]);',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    base: 'alt-tensor-angles',
    hint: {
      en: 'Count tf.memory().numTensors before and after one call.',
      zh: '比较一次调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'Builds the angle, cos, sin and split tensors without tf.tidy and never disposes them, so every call leaks about a dozen tensors (GPU memory in a real model, once per layer and token).',
      zh: '构造角度、cos、sin 以及切分出的张量时没有用 tf.tidy，也从不释放，于是每次调用都泄漏十来个张量（真实模型中是显存，而且每层、每个 token 都要调用一次）。',
    },
    edits: [
      ['  return tf.tidy(() => {\n    // inv_freq', '  {\n    // inv_freq'],
      ['    return tf.reshape(out, x.shape);\n  });', '    return tf.reshape(out, x.shape);\n  }'],
    ],
  },
  {
    id: 'missing-factor-two',
    base: 'alt-tensor-angles',
    hint: {
      en: 'Check the exponent of inv_freq for the last pair i = D/2 − 1.',
      zh: '检查最后一对 i = D/2 − 1 的 inv_freq 指数。',
    },
    why: {
      en: "Uses inv_freq = base^(−i/D) instead of base^(−2i/D): the 2 of the paper's θ_i = base^(−2(i−1)/d) is dropped, so the frequencies only fall to base^(−1/2) and the slowest pair turns about a hundred times too fast for base 10000.",
      zh: '用了 inv_freq = base^(−i/D) 而不是 base^(−2i/D)：丢掉了论文 θ_i = base^(−2(i−1)/d) 中的 2，于是频率只降到 base^(−1/2)，base 为 10000 时最慢的那一对转得快了约一百倍。',
    },
    edits: [
      [
        'const exponents = tf.div(tf.mul(tf.range(0, d / 2), -2), d);',
        'const exponents = tf.div(tf.mul(tf.range(0, d / 2), -1), d);',
      ],
    ],
  },
  {
    id: 'no-validation',
    base: 'alt-tensor-angles',
    hint: {
      en: 'Try an odd D, a wrong number of positions, or base 0.',
      zh: '试试奇数的 D、个数不对的 positions，或者 base 0。',
    },
    why: {
      en: 'Checks the types but none of the values: odd D, rank < 2, a wrong positions length, a negative or fractional position, base <= 0 or an unknown style either crash inside tfjs with a plain Error or silently return garbage (an unknown style falls into the interleaved branch), never a RangeError.',
      zh: '只检查了类型，没有检查任何取值：D 为奇数、秩小于 2、positions 长度不对、位置为负或为小数、base <= 0 或未知的 style，要么在 tfjs 内部抛出普通 Error，要么静默返回错误结果（未知 style 会走进 interleaved 分支），从不抛 RangeError。',
    },
    edits: [
      ['  if (rank < 2) throw new RangeError(`applyRope: x must have rank >= 2, got shape [${x.shape}]`);\n', ''],
      ['  if (d % 2 !== 0) throw new RangeError(`applyRope: D must be even, got ${d}`);\n', ''],
      ['  if (positions.length !== t) throw new RangeError(`applyRope: positions.length must equal T = ${t}`);\n', ''],
      [
        '    if (!Number.isInteger(pos) || pos < 0) {\n      throw new RangeError(`applyRope: positions[${p}] must be a non-negative integer, got ${pos}`);\n    }\n',
        '',
      ],
      [
        '  if (!Number.isFinite(base) || base <= 0) throw new RangeError(`applyRope: base must be finite and > 0, got ${base}`);\n',
        '',
      ],
      [
        "  if (style !== 'half' && style !== 'interleaved') {\n    throw new RangeError(`applyRope: unknown style ${JSON.stringify(style)}`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'positions-ignored',
    base: 'alt-tensor-angles',
    hint: { en: 'Call it with positions [5, 6, 7] on three rows.', zh: '对三行数据传入 positions [5, 6, 7] 试试。' },
    why: {
      en: 'Always uses positions 0..T−1 and ignores options.positions, so decoding with a KV cache rotates the new tokens as if they started the sequence: applyRope(xNew, { positions: [5, 6, 7] }) no longer equals rows 5..7 of applyRope(xAll).',
      zh: '总是使用位置 0..T−1，忽略了 options.positions，于是带 KV cache 解码时新 token 被当作序列开头来旋转：applyRope(xNew, { positions: [5, 6, 7] }) 不再等于 applyRope(xAll) 的第 5..7 行。',
    },
    edits: [
      [
        'const angles = tf.outerProduct(tf.tensor1d([...positions]), invFreq);',
        'const angles = tf.outerProduct(tf.range(0, t), invFreq);',
      ],
    ],
  },
  {
    id: 'wrong-shape-flattened',
    base: 'alt-tensor-angles',
    hint: {
      en: 'Compare the shape of the result with the shape of x, for rank 2 and rank 4.',
      zh: '对秩为 2 和秩为 4 的输入，比较结果与 x 的形状。',
    },
    why: {
      en: 'Folds every leading axis into one ([B·H, T, D]) so the [T, D/2] table broadcasts, and forgets to reshape back: a rank-4 [B, H, T, D] input comes back rank 3, and a rank-2 [T, D] one comes back [1, T, D].',
      zh: '为了让 [T, D/2] 的表能广播，把所有前导维合并成一维（[B·H, T, D]），却忘了再 reshape 回去：秩为 4 的 [B, H, T, D] 输入返回秩为 3 的结果，秩为 2 的 [T, D] 输入返回 [1, T, D]。',
    },
    edits: [
      ["const xf = tf.cast(x, 'float32');", "const xf = tf.cast(x, 'float32').reshape([-1, t, d]);"],
      [
        'const pairs = tf.reshape(xf, [...x.shape.slice(0, -1), d / 2, 2]);\n    const [a, b] = tf.unstack(pairs, rank)',
        'const pairs = tf.reshape(xf, [-1, t, d / 2, 2]);\n    const [a, b] = tf.unstack(pairs, 3)',
      ],
      [
        'tf.add(tf.mul(b, cos), tf.mul(a, sin))], rank);\n    return tf.reshape(out, x.shape);',
        'tf.add(tf.mul(b, cos), tf.mul(a, sin))], 3);\n    return tf.reshape(out, xf.shape);',
      ],
    ],
  },
  {
    id: 'fractional-positions',
    hint: { en: 'What should positions [0, 1.5, 2] do?', zh: 'positions [0, 1.5, 2] 应该怎样处理？' },
    why: {
      en: 'Checks only that a position is >= 0, so 1.5 rotates by a half-step angle (and Infinity gives NaN) instead of throwing the RangeError the contract asks for: token positions are integers, and a fractional one is a bug upstream (a float index, an average) that should not pass silently.',
      zh: '只检查位置是否 >= 0，于是 1.5 会按半步的角度旋转（Infinity 会得到 NaN），而不是按契约抛出 RangeError：token 的位置是整数，出现小数说明上游有 bug（浮点下标、取了平均等），不应静默通过。',
    },
    edits: [['    if (!(Number.isInteger(pos) && pos >= 0)) {', '    if (!(pos >= 0)) {']],
  },
  {
    id: 'negative-positions',
    base: 'alt-tensor-angles',
    hint: { en: 'What should positions [0, -1, 2] do?', zh: 'positions [0, -1, 2] 应该怎样处理？' },
    why: {
      en: 'Checks that each position is an integer but not that it is non-negative: a −1 (an off-by-one before the first token, or a padding marker) rotates the other way silently instead of throwing the RangeError the contract asks for.',
      zh: '检查了每个位置是整数，却没有检查它非负：−1（第一个 token 之前的差一错误，或者 padding 标记）会静默地反向旋转，而不是按契约抛出 RangeError。',
    },
    edits: [['    if (!Number.isInteger(pos) || pos < 0) {', '    if (!Number.isInteger(pos)) {']],
  },
  {
    id: 'base-nan-accepted',
    hint: { en: 'Try base NaN.', zh: '试试 base 为 NaN。' },
    why: {
      en: 'Writes the base check as `base <= 0`, which is false for NaN (every comparison with NaN is), so base NaN returns an all-NaN tensor, and base Infinity turns every pair but the first into a no-op, instead of the RangeError the contract asks for. !(base > 0) or Number.isFinite catches them.',
      zh: '把 base 的检查写成 `base <= 0`，而对 NaN 来说它是 false（与 NaN 的任何比较都是 false），于是 base 为 NaN 时返回全是 NaN 的张量，base 为 Infinity 时除第一对外都不旋转，而契约要求抛出 RangeError。用 !(base > 0) 或 Number.isFinite 才能拦住它们。',
    },
    edits: [['  if (!(Number.isFinite(base) && base > 0)) {', '  if (base <= 0) {']],
  },
  {
    id: 'base-infinity-accepted',
    base: 'alt-rotate-half',
    hint: { en: 'Try base Infinity.', zh: '试试 base 为 Infinity。' },
    why: {
      en: 'Rejects base <= 0 and NaN but lets Infinity through: base^(−2i/D) is then 0 for every pair but the first, so those pairs are never rotated and the result looks plausible, where the contract asks for a RangeError.',
      zh: '拒绝了 base <= 0 和 NaN，却放过了 Infinity：这时除第一对外 base^(−2i/D) 都是 0，这些配对根本不旋转，结果看起来还挺合理，而契约要求抛出 RangeError。',
    },
    edits: [['  if (!(base > 0 && base < Infinity)) throw', '  if (!(base > 0)) throw']],
  },
  {
    id: 'js-loop-over-elements',
    hint: {
      en: 'How many steps of JavaScript does x [64, 8, 8] cost?',
      zh: 'x 为 [64, 8, 8] 时要花多少步 JavaScript？',
    },
    why: {
      en: 'Reads x back with dataSync and rotates every pair in a JavaScript loop: the values are right, but that is N = x.size steps (4096 for x [64, 8, 8]) where the prompt allows 4·T·D + 100 (356) whatever the leading axes, and in a real model it is a round trip off the GPU per layer.',
      zh: '用 dataSync 把 x 读回 JavaScript，在循环里逐对旋转：数值正确，但要 N = x.size 步（x 为 [64, 8, 8] 时 4096 步），而题目不论前导维多大只允许 4·T·D + 100 步（这里是 356）；在真实模型里这还意味着每层都要从 GPU 来回搬一次数据。',
    },
    file: 'zoo/js-loop-over-elements.ts',
  },
  {
    id: 'tables-tiled-in-js',
    hint: {
      en: 'How big are the cos and sin tables it builds for x [64, 8, 8]?',
      zh: 'x 为 [64, 8, 8] 时，它构造的 cos、sin 表有多大？',
    },
    why: {
      en: 'Builds the cos/sin tables for every row of x (every batch and head) instead of one [T, D/2] table that broadcasts over the leading axes: the values are right, but the JavaScript loop is N/2 steps (2048 for x [64, 8, 8]) where the prompt allows 4·T·D + 100 (356).',
      zh: '为 x 的每一行（每个批次、每个头）都构造了 cos/sin 表，而不是构造一张 [T, D/2] 的表并在前导维上广播：数值正确，但 JavaScript 循环要 N/2 步（x 为 [64, 8, 8] 时 2048 步），而题目只允许 4·T·D + 100 步（356）。',
    },
    edits: [
      [
        '  const cosTable = new Float32Array(t * half);\n  const sinTable = new Float32Array(t * half);\n  for (let p = 0; p < t; p++) {\n    for (let i = 0; i < half; i++) {\n      const theta = (positions[p] as number) * base ** ((-2 * i) / d);\n      cosTable[p * half + i] = Math.cos(theta);\n      sinTable[p * half + i] = Math.sin(theta);',
        '  const rows = x.size / d;\n  const cosTable = new Float32Array(rows * half);\n  const sinTable = new Float32Array(rows * half);\n  for (let p = 0; p < rows; p++) {\n    for (let i = 0; i < half; i++) {\n      const theta = (positions[p % t] as number) * base ** ((-2 * i) / d);\n      cosTable[p * half + i] = Math.cos(theta);\n      sinTable[p * half + i] = Math.sin(theta);',
      ],
      [
        '      const cos = tf.tensor2d(cosTable, [t, half]);\n      const sin = tf.tensor2d(sinTable, [t, half]);',
        '      const cos = tf.tensor(cosTable, [...x.shape.slice(0, -1), half]);\n      const sin = tf.tensor(sinTable, [...x.shape.slice(0, -1), half]);',
      ],
      [
        '    const cos = tf.tensor3d(cosTable, [t, half, 1]);\n    const sin = tf.tensor3d(sinTable, [t, half, 1]);',
        '    const cos = tf.tensor(cosTable, [...x.shape.slice(0, -1), half, 1]);\n    const sin = tf.tensor(sinTable, [...x.shape.slice(0, -1), half, 1]);',
      ],
    ],
  },
]);
