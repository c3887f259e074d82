import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'causal-default-true',
    hint: {
      en: 'Call it with no options at all: what mask does it use?',
      zh: '不传 options 调用一次：它用了什么掩码？',
    },
    why: {
      en: 'Defaults causal to true because decoder-only models always mask, but the contract says it defaults to false (cross-attention and encoders do not mask): groupedQueryAttention(q, k, v) with Tq = Tk = 3 and v = [1, 2, 3] answers the prefix means [1, 1.5, 2] instead of [2, 2, 2].',
      zh: '因为 decoder-only 模型总是加掩码，就把 causal 默认设为 true；但契约规定默认是 false（交叉注意力和编码器不加掩码）：Tq = Tk = 3、v = [1, 2, 3] 时 groupedQueryAttention(q, k, v) 给出前缀平均 [1, 1.5, 2]，而不是 [2, 2, 2]。',
    },
    edits: [['const causal = options.causal ?? false;', 'const causal = options.causal ?? true;']],
  },
  {
    id: 'causal-off-by-one',
    hint: { en: 'Can a query see the key at its own position?', zh: '查询能看到与自己同一位置的键吗？' },
    why: {
      en: "Masks with j < i + (Tk − Tq) instead of j <= i + (Tk − Tq), hiding each query's own key: in causal self-attention the first query then sees no key at all, and a softmax over nothing but −∞ is NaN.",
      zh: '掩码写成 j < i + (Tk − Tq) 而不是 j <= i + (Tk − Tq)，把每个查询自己位置的键也遮住了：因果自注意力中第一个查询一个键都看不到，全是 −∞ 的 softmax 得到 NaN。',
    },
    edits: [
      [
        'const visible = tf.lessEqual(keyPos, queryPos.add(offset));',
        'const visible = tf.less(keyPos, queryPos.add(offset));',
      ],
    ],
  },
  {
    id: 'causal-top-left',
    hint: {
      en: 'Try causal with fewer queries than keys (Tq < Tk), as in KV-cache decoding.',
      zh: '试试查询比键少（Tq < Tk）的因果情形，就像 KV cache 解码那样。',
    },
    why: {
      en: 'Builds the square-matrix lower triangle (j <= i), aligned top-left: right only when Tq = Tk. With a KV cache the Tq new queries are the last Tq positions, so with Tq = 2, Tk = 4 query 0 must see keys 0..2, not only key 0.',
      zh: '用的是方阵的下三角（j <= i），按左上角对齐：只有 Tq = Tk 时才对。有 KV cache 时 Tq 个新查询是最后 Tq 个位置，所以 Tq = 2、Tk = 4 时查询 0 应当看到键 0..2，而不只是键 0。',
    },
    edits: [['const offset = tk - tq;', 'const offset = 0;']],
  },
  {
    id: 'no-scale',
    hint: {
      en: 'Compare the attention weights with the softmax of q·k / sqrt(D).',
      zh: '把注意力权重和 q·k / sqrt(D) 的 softmax 对比一下。',
    },
    why: {
      en: 'Forgets the 1/sqrt(D) factor of scaled dot-product attention. The softmax still sums to 1, so the output looks plausible, but the weights are too sharp: with D = 4, q = [ln3, ln3, 0, 0] the two keys weigh 1 : 9 instead of 1 : 3, giving 7.6 instead of 7.',
      zh: '漏掉了缩放点积注意力中的 1/sqrt(D)。softmax 仍然和为 1，输出看起来合理，但权重过于尖锐：D = 4、q = [ln3, ln3, 0, 0] 时两个键的权重是 1 : 9 而不是 1 : 3，结果是 7.6 而不是 7。',
    },
    edits: [['      .mul(1 / Math.sqrt(d))\n', '']],
  },
  {
    id: 'scale-one-over-d',
    hint: { en: 'Which power of D divides the scores?', zh: '分数要除以 D 的几次方？' },
    why: {
      en: 'Divides the scores by D instead of sqrt(D), misremembering the "scaled" of scaled dot-product attention; the two agree only for D = 1. With D = 4 and q·k = 2·ln3 the weights are 1 : √3 instead of 1 : 3.',
      zh: '把分数除以 D 而不是 sqrt(D)，记错了“缩放”点积注意力的缩放因子；只有 D = 1 时两者相同。D = 4、q·k = 2·ln3 时权重是 1 : √3 而不是 1 : 3。',
    },
    edits: [['.mul(1 / Math.sqrt(d))', '.mul(1 / d)']],
  },
  {
    id: 'transposed-output',
    hint: { en: 'Check the layout of the result against [B, Hq, Tq, D].', zh: '对照 [B, Hq, Tq, D] 检查结果的布局。' },
    why: {
      en: 'Returns [B, Tq, Hq, D], the layout just before the heads are merged back, instead of the [B, Hq, Tq, D] of q: the values are right but sit on the wrong axes.',
      zh: '返回了 [B, Tq, Hq, D]（合并各头之前的布局），而不是与 q 相同的 [B, Hq, Tq, D]：数值没错，但放在了错误的轴上。',
    },
    edits: [
      [
        'return tf.matMul(weights, v).reshape([b, hq, tq, d]) as tf.Tensor4D;',
        'return tf.matMul(weights, v).reshape([b, hq, tq, d]).transpose([0, 2, 1, 3]) as tf.Tensor4D;',
      ],
    ],
  },
  {
    id: 'head-layout-no-transpose',
    hint: {
      en: 'Which columns of x·wq end up in head 1 at time step 0?',
      zh: 'x·wq 的哪些列最终成为时间步 0 上的第 1 个头？',
    },
    why: {
      en: 'Reshapes the projection [B, T, H·Dh] straight to [B, H, T, Dh] (and merges back the same way) without the transpose, so each "head" is a slice of the flattened time axis mixing tokens. It only shows with several heads and T > 1; the contract says [B, T, H, Dh] and then a transpose.',
      zh: '把投影 [B, T, H·Dh] 直接 reshape 成 [B, H, T, Dh]（合并时也一样），漏掉了 transpose，于是每个“头”其实是展平后时间轴的一段，把不同 token 混在一起。只有多个头且 T > 1 时才显现；契约要求先变成 [B, T, H, Dh] 再转置。',
    },
    edits: [
      [
        'tf.matMul(rows, w).reshape([b, t, h, dh]).transpose([0, 2, 1, 3]) as tf.Tensor4D;',
        'tf.matMul(rows, w).reshape([b, h, t, dh]) as tf.Tensor4D;',
      ],
      [
        'const merged = attended.transpose([0, 2, 1, 3]).reshape([b * t, nHeads * dh]);',
        'const merged = attended.reshape([b * t, nHeads * dh]);',
      ],
    ],
  },
  {
    id: 'self-attention-scale-dmodel',
    hint: {
      en: 'In gqaSelfAttention, which size goes under the square root?',
      zh: '在 gqaSelfAttention 里，平方根下面应该是哪个尺寸？',
    },
    why: {
      en: 'Scales the self-attention scores by 1/sqrt(dModel) (here by pre-scaling q) instead of 1/sqrt(Dh), the head size: "d" in the paper is d_k, the per-head size. The two agree only with one head (Dh = dModel).',
      zh: '自注意力的分数按 1/sqrt(dModel) 缩放（这里通过预先缩放 q 实现），而不是按头大小 Dh 的 1/sqrt(Dh)：论文中的 d 指 d_k，即每个头的维度。只有一个头（Dh = dModel）时两者相同。',
    },
    edits: [
      [
        'groupedQueryAttention(heads(wq, nHeads), heads(wk, nKvHeads)',
        'groupedQueryAttention(heads(wq, nHeads).mul(Math.sqrt(dh / dModel)) as tf.Tensor4D, heads(wk, nKvHeads)',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Count tf.memory().numTensors before and after one call.',
      zh: '比较一次调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'Computes the attention without tf.tidy, so the reshaped queries, the scores, the mask and the weights stay allocated after every call (GPU memory in a real model). gqaSelfAttention still cleans up through its own tidy, which is why calling groupedQueryAttention directly shows it.',
      zh: '计算注意力时没有用 tf.tidy，于是每次调用后 reshape 过的查询、分数、掩码和权重都留在内存里（真实模型中是显存）。gqaSelfAttention 自己的 tidy 仍然会清理，所以要直接调用 groupedQueryAttention 才能看到。',
    },
    edits: [
      ['  return tf.tidy(() => {\n    const queries', '  {\n    const queries'],
      [
        '    return tf.matMul(weights, v).reshape([b, hq, tq, d]) as tf.Tensor4D;\n  });',
        '    return tf.matMul(weights, v).reshape([b, hq, tq, d]) as tf.Tensor4D;\n  }',
      ],
    ],
  },
  {
    id: 'mask-built-in-js',
    hint: {
      en: 'How many steps of JavaScript does the causal mask cost for Tq = Tk = 48?',
      zh: 'Tq = Tk = 48 时，因果掩码要花多少步 JavaScript？',
    },
    why: {
      en: 'Fills the [Tq, Tk] causal mask in a JavaScript double loop: the values are right, but that is Tq·Tk steps of JavaScript per call (2304 for Tq = Tk = 48, a million for 1024), where the prompt allows 100 + 10·B·Hq whatever the lengths; tf.range and tf.lessEqual build it with one tensor op.',
      zh: '用 JavaScript 双重循环填充 [Tq, Tk] 的因果掩码：数值正确，但每次调用要 Tq·Tk 步 JavaScript（Tq = Tk = 48 时 2304 步，1024 时一百万步），而题目不论长度只允许 100 + 10·B·Hq 步；用 tf.range 和 tf.lessEqual 一次张量运算就能建好。',
    },
    edits: [
      [
        "  const offset = tk - tq;\n  const queryPos = tf.range(0, tq, 1, 'int32').reshape([tq, 1]);\n  const keyPos = tf.range(0, tk, 1, 'int32').reshape([1, tk]);\n  const visible = tf.lessEqual(keyPos, queryPos.add(offset));\n  return tf.where(visible, tf.zeros([tq, tk]), tf.fill([tq, tk], -Infinity)) as tf.Tensor2D;",
        '  const offset = tk - tq;\n  const bias = new Float32Array(tq * tk);\n  for (let i = 0; i < tq; i++) {\n    for (let j = 0; j < tk; j++) bias[i * tk + j] = j <= i + offset ? 0 : -Infinity;\n  }\n  return tf.tensor2d(bias, [tq, tk]);',
      ],
    ],
  },
  {
    id: 'loop-over-queries',
    hint: {
      en: 'Try 1024 queries against a handful of keys and count the JavaScript steps.',
      zh: '试试 1024 个查询对少量键，数一数 JavaScript 步数。',
    },
    why: {
      en: 'Loops over the query positions in JavaScript, giving each query a slice of exactly the keys it may see (so no mask is needed). The values are right, but it is Tq iterations of tensor calls per call, where the prompt allows 100 + 10·B·Hq steps whatever Tq is: 1024 queries need 1024 iterations against a budget of 120.',
      zh: '在 JavaScript 里逐个查询位置循环，给每个查询切出它能看到的那些键（于是不需要掩码）。数值正确，但每次调用要 Tq 次循环，每次都调用张量运算，而题目不论 Tq 多大只允许 100 + 10·B·Hq 步：1024 个查询要循环 1024 次，预算只有 120。',
    },
    edits: [
      [
        '    const queries = q.reshape([b, hkv, group * tq, d]);\n    const scores = tf\n      .matMul(queries, k, false, true)\n      .mul(1 / Math.sqrt(d))\n      .reshape([b, hkv, group, tq, tk]);\n    const masked = causal ? scores.add(causalBias(tq, tk)) : scores;\n    const weights = tf.softmax(masked).reshape([b, hkv, group * tq, tk]);\n    return tf.matMul(weights, v).reshape([b, hq, tq, d]) as tf.Tensor4D;',
        '    const rows: tf.Tensor[] = [];\n    for (let i = 0; i < tq; i++) {\n      const visible = causal ? i + (tk - tq) + 1 : tk;\n      const query = q.slice([0, 0, i, 0], [b, hq, 1, d]).reshape([b, hkv, group, d]);\n      const keys = k.slice([0, 0, 0, 0], [b, hkv, visible, d]);\n      const values = v.slice([0, 0, 0, 0], [b, hkv, visible, d]);\n      const weights = tf.softmax(tf.matMul(query, keys, false, true).mul(1 / Math.sqrt(d)));\n      rows.push(tf.matMul(weights, values).reshape([b, hq, 1, d]));\n    }\n    return tf.concat(rows, 2) as tf.Tensor4D;',
      ],
    ],
  },
  {
    id: 'causal-tq-above-tk-accepted',
    hint: {
      en: 'What should causal attention do with more queries than keys?',
      zh: '查询比键多时，因果注意力应该怎么办？',
    },
    why: {
      en: 'Forgets that a bottom-right mask needs Tq <= Tk: with Tq = 3, Tk = 2 the first query may see keys j <= 0 + (2 − 3) = −1, i.e. none, so its softmax over −∞ alone returns NaN silently instead of the RangeError the contract asks for.',
      zh: '忘了右下角对齐的掩码要求 Tq <= Tk：Tq = 3、Tk = 2 时第一个查询只能看到 j <= 0 + (2 − 3) = −1 的键，也就是一个都没有，于是对全 −∞ 做 softmax，静默返回 NaN，而契约要求抛出 RangeError。',
    },
    edits: [
      [
        '  if (causal && tq > tk) {\n    throw new RangeError(`causal attention needs Tq <= Tk (bottom-right mask), got Tq = ${tq}, Tk = ${tk}`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'no-rank-check',
    hint: { en: 'Hand it a q of rank 5 whose size still fits.', zh: '传一个秩为 5、但元素个数恰好对得上的 q。' },
    why: {
      en: 'Trusts the Tensor4D type and never checks the ranks: q of shape [1, 2, 2, 4, 1] destructures to B = 1, Hq = 2, Tq = 2, D = 4, reshapes without complaint and returns a rank-4 answer, where the contract asks for a RangeError (types are erased at run time).',
      zh: '相信 Tensor4D 类型标注，从不检查秩：形状为 [1, 2, 2, 4, 1] 的 q 解构出 B = 1、Hq = 2、Tq = 2、D = 4，reshape 也不报错，最后返回一个秩为 4 的结果，而契约要求抛出 RangeError（类型在运行时已被擦除）。',
    },
    edits: [["  requireRank(q, 4, 'q');\n  requireRank(k, 4, 'k');\n  requireRank(v, 4, 'v');\n", '']],
  },
  {
    id: 'kv-heads-not-integer',
    hint: {
      en: 'Is nHeads % nKvHeads === 0 enough to make nKvHeads a valid head count?',
      zh: 'nHeads % nKvHeads === 0 就足以说明 nKvHeads 是合法的头数吗？',
    },
    why: {
      en: 'Checks nKvHeads only through nHeads % nKvHeads === 0, which 1.5 passes for nHeads = 3 (3 % 1.5 is 0), so half a kv head reaches the reshapes; a missing nKvHeads becomes NaN and a RangeError instead of a TypeError. The contract asks for a positive integer.',
      zh: '只用 nHeads % nKvHeads === 0 检查 nKvHeads，而 nHeads = 3 时 1.5 也能通过（3 % 1.5 等于 0），于是“半个 kv 头”被送进了 reshape；缺少 nKvHeads 时它变成 NaN，抛出的是 RangeError 而不是 TypeError。契约要求它是正整数。',
    },
    edits: [["  requireCount(nKvHeads, 'config.nKvHeads');\n", '']],
  },
  {
    id: 'modulo-grouping',
    base: 'alt-repeat-kv',
    hint: {
      en: 'With Hq = 4 and Hkv = 2, which kv head does query head 1 read?',
      zh: 'Hq = 4、Hkv = 2 时，查询头 1 读的是哪个 kv 头？',
    },
    why: {
      en: 'Repeats the kv heads with tf.tile on the head axis, which lays them out 0, 1, 0, 1, … (query head h reads kv head h % Hkv) instead of 0, 0, 1, 1, … (floor(h / G), as HuggingFace repeat_kv and PyTorch enable_gqa do). With Hq = 4, Hkv = 2 and uniform scores the heads read [2, 20, 2, 20] instead of [2, 2, 20, 20].',
      zh: '在头这一维上用 tf.tile 复制 kv 头，得到的排列是 0, 1, 0, 1, …（查询头 h 读 kv 头 h % Hkv），而不是 HuggingFace repeat_kv 和 PyTorch enable_gqa 的 0, 0, 1, 1, …（floor(h / G)）。Hq = 4、Hkv = 2 且分数相同时，各头得到 [2, 20, 2, 20] 而不是 [2, 2, 20, 20]。',
    },
    edits: [
      [
        '  const [b, h, len, d] = t.shape;\n  return t\n    .expandDims(2)\n    .tile([1, 1, group, 1, 1])\n    .reshape([b, h * group, len, d]) as tf.Tensor4D;',
        '  return t.tile([1, group, 1, 1]) as tf.Tensor4D;',
      ],
    ],
  },
  {
    id: 'naive-softmax',
    base: 'alt-repeat-kv',
    hint: {
      en: 'Try scores in the hundreds: what is exp(300) in float32?',
      zh: '试试几百大小的分数：float32 里 exp(300) 是多少？',
    },
    why: {
      en: 'Writes the softmax as exp(s) / Σ exp(s) without subtracting the row maximum; exp overflows float32 above about 88, so scores in the hundreds give Infinity / Infinity = NaN. tf.softmax (or s − max(s) first) keeps it finite.',
      zh: '把 softmax 写成 exp(s) / Σ exp(s)，没有先减去行最大值；float32 中 exp 在约 88 以上就溢出，所以几百的分数会得到 Infinity / Infinity = NaN。用 tf.softmax（或先算 s − max(s)）就能保持有限。',
    },
    edits: [
      [
        '    return tf.matMul(tf.softmax(scores), values) as tf.Tensor4D;',
        '    const e = tf.exp(scores);\n    return tf.matMul(e.div(e.sum(-1, true)), values) as tf.Tensor4D;',
      ],
    ],
  },
  {
    id: 'global-max-softmax',
    base: 'alt-repeat-kv',
    hint: {
      en: 'Which maximum does the softmax subtract: one per row, or one for everything?',
      zh: 'softmax 减去的是每行各自的最大值，还是整体的一个最大值？',
    },
    why: {
      en: "Subtracts the maximum of the whole score tensor instead of each row's: a row whose scores lie far below the global maximum (another head or query with large scores) underflows to 0 / 0 = NaN.",
      zh: '减去的是整个分数张量的最大值而不是每一行的最大值：如果某一行的分数远低于全局最大值（另一个头或查询的分数很大），这一行的 exp 全部下溢，得到 0 / 0 = NaN。',
    },
    edits: [
      [
        '    return tf.matMul(tf.softmax(scores), values) as tf.Tensor4D;',
        '    const e = tf.exp(scores.sub(scores.max()));\n    return tf.matMul(e.div(e.sum(-1, true)), values) as tf.Tensor4D;',
      ],
    ],
  },
  {
    id: 'no-validation',
    base: 'alt-repeat-kv',
    hint: {
      en: 'Hand groupedQueryAttention k and v of different lengths, or Hq = 3 with Hkv = 2.',
      zh: '给 groupedQueryAttention 长度不同的 k 和 v，或者 Hq = 3、Hkv = 2。',
    },
    why: {
      en: "Checks the ranks but not whether the shapes fit together: mismatched k and v, a q whose D or B differs, Hq % Hkv !== 0 or causal Tq > Tk surface as tfjs's plain Error from deep inside a kernel (or a silent NaN for causal Tq > Tk), never the RangeError the contract asks for.",
      zh: '检查了秩，却没有检查形状是否相互匹配：k 与 v 不一致、q 的 D 或 B 不同、Hq % Hkv !== 0、或因果时 Tq > Tk，都会变成 tfjs 内核深处抛出的普通 Error（因果 Tq > Tk 时甚至静默得到 NaN），而不是契约要求的 RangeError。',
    },
    edits: [
      [
        "  if (k.shape.some((n, i) => n !== v.shape[i])) {\n    throw new RangeError(`v [${v.shape}] must have the shape of k [${k.shape}]`);\n  }\n  if (bk !== b || dk !== d) throw new RangeError(`k [${k.shape}] must share B and D with q [${q.shape}]`);\n  if (hq % hkv !== 0) throw new RangeError(`q's ${hq} heads must be a multiple of k's ${hkv}`);\n  if (causal && tq > tk) throw new RangeError(`causal needs Tq <= Tk, got Tq = ${tq}, Tk = ${tk}`);\n",
        '',
      ],
    ],
  },
  {
    id: 'self-attention-shapes-unchecked',
    base: 'alt-repeat-kv',
    hint: { en: 'Give gqaSelfAttention a wo with one column too many.', zh: '给 gqaSelfAttention 一个多了一列的 wo。' },
    why: {
      en: "Validates the ranks and head counts but not the weight shapes against dModel, nHeads·Dh and nKvHeads·Dh: a wrong wk, wv or wo fails inside tf.matMul or a reshape with tfjs's plain Error, and a wq of the wrong width silently changes Dh, instead of the RangeError the contract asks for.",
      zh: '检查了秩和头数，却没有按 dModel、nHeads·Dh、nKvHeads·Dh 检查权重形状：wk、wv 或 wo 不对时在 tf.matMul 或 reshape 里抛出 tfjs 的普通 Error，wq 宽度不对时 Dh 被悄悄改变，而契约要求抛出 RangeError。',
    },
    edits: [
      [
        '  if (!Number.isInteger(dh) || dh < 1 || !same(wq, dModel, nHeads * dh)) {\n    throw new RangeError(\n      `weights.wq [${wq.shape}] must be [dModel, nHeads·Dh] with dModel = ${dModel}, nHeads = ${nHeads}`,\n    );\n  }\n  if (!same(wk, dModel, nKvHeads * dh) || !same(wv, dModel, nKvHeads * dh)) {\n    throw new RangeError(`weights.wk and wv must be [${dModel}, ${nKvHeads * dh}], got [${wk.shape}], [${wv.shape}]`);\n  }\n  if (!same(wo, nHeads * dh, dModel)) {\n    throw new RangeError(`weights.wo must be [${nHeads * dh}, ${dModel}], got [${wo.shape}]`);\n  }\n',
        '',
      ],
    ],
  },
]);
