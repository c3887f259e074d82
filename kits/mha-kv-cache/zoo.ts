import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  // --- Which slots attention reads ---------------------------------------------------------------
  {
    id: 'attend-all-slots',
    base: 'alt-slice-visible',
    hint: {
      en: 'Prefill 2 tokens into a cache of 4 slots, then decode one: does the still-empty slot get any weight?',
      zh: '把 2 个 token 预填充进 4 个槽位的缓存，再解码一个：仍为空的槽位有没有分到权重？',
    },
    why: {
      en: 'Attends over all Tmax slots with the mask aligned to the end of the cache (as if the key tensor were exactly as long as the sequence), so queries see the empty zero slots after L+T and the softmax gives them weight: V1 decodes to [0.669762, 0.669762] instead of [0.751745, 0.751745].',
      zh: '在全部 Tmax 个槽位上做注意力，并把掩码对齐到缓存末尾（仿佛键张量正好和序列一样长），于是查询能看到 L+T 之后为零的空槽位，softmax 也给了它们权重：V1 解码得到 [0.669762, 0.669762] 而不是 [0.751745, 0.751745]。',
    },
    edits: [
      [
        '    const y = attend(q, keys.slice([0, 0, 0, 0], visible), values.slice([0, 0, 0, 0], visible), start, w.wo);',
        '    const y = attend(q, keys, values, tmax - t, w.wo);',
      ],
    ],
  },
  {
    id: 'nan-through-the-mask',
    base: 'alt-slice-visible',
    hint: {
      en: 'Fill the slots at and after L+T with NaN: does y change?',
      zh: '把 L+T 及之后的槽位填成 NaN：y 会变吗？',
    },
    why: {
      en: 'Reads all Tmax slots and relies on the causal mask (j ≤ L + i) to hide the unfilled ones, as HF StaticCache does. With zeros or any finite junk that works, but the unfilled slots may hold anything: a NaN key makes a NaN score, NaN + (−∞) is NaN, and even a zero weight times a NaN value is NaN. Only slicing [0, L+T) away keeps them out.',
      zh: '读取全部 Tmax 个槽位，靠因果掩码（j ≤ L + i）遮住未填充的槽位，和 HF StaticCache 一样。槽位里是 0 或任何有限的垃圾值时没问题，但未填充的槽位可能存着任何东西：NaN 的键给出 NaN 分数，NaN + (−∞) 仍是 NaN，连权重 0 乘以 NaN 的值也是 NaN。只有先把 [0, L+T) 切出来才能把它们挡在外面。',
    },
    edits: [
      [
        '    const y = attend(q, keys.slice([0, 0, 0, 0], visible), values.slice([0, 0, 0, 0], visible), start, w.wo);',
        '    const y = attend(q, keys, values, start, w.wo);',
      ],
    ],
  },
  {
    id: 'off-by-one-mask',
    base: 'alt-slice-visible',
    hint: { en: 'Can a query see its own key?', zh: '一个查询能看到它自己的键吗？' },
    why: {
      en: 'Masks with j < L + i instead of j ≤ L + i, so no query sees its own key; the first token of a prefill has no visible key at all and its softmax is 0/0 = NaN.',
      zh: '掩码写成了 j < L + i 而不是 j ≤ L + i，于是没有查询能看到自己的键；预填充的第一个 token 一个可见的键都没有，它的 softmax 是 0/0 = NaN。',
    },
    edits: [['tf.where(tf.lessEqual(slot, queryPos),', 'tf.where(tf.less(slot, queryPos),']],
  },
  {
    id: 'top-left-mask',
    base: 'alt-slice-visible',
    hint: {
      en: 'After a non-empty cache, which cached slots can the first new query see?',
      zh: '缓存非空时，第一个新查询能看到哪些已缓存的槽位？',
    },
    why: {
      en: "Compares slot j with the chunk-local query index i (j ≤ i, top-left, as PyTorch's is_causal does) instead of its absolute position L + i, so after a non-empty cache every new query is blind to most of the cached prefix. Right for the prefill and for mhaFull, wrong for every later chunk.",
      zh: '把槽位 j 与块内的查询下标 i 比较（j ≤ i，左上对齐，和 PyTorch 的 is_causal 一样），而不是与它的绝对位置 L + i 比较，于是缓存非空后每个新查询都看不到大部分已缓存的前缀。预填充和 mhaFull 是对的，之后的每一块都错。',
    },
    edits: [
      [
        "  const queryPos = tf.range(start, start + t, 1, 'int32').reshape([t, 1]);",
        "  const queryPos = tf.range(0, t, 1, 'int32').reshape([t, 1]);",
      ],
    ],
  },
  {
    id: 'full-not-causal',
    base: 'alt-slice-visible',
    hint: { en: 'In mhaFull, can token 0 see token 1?', zh: '在 mhaFull 中，token 0 能看到 token 1 吗？' },
    why: {
      en: 'mhaFull attends over every position ("there is no cache, so nothing to hide"), so each token sees the future; only the cached path is causal, and chunked decoding no longer equals the full forward.',
      zh: 'mhaFull 在所有位置上做注意力（“没有缓存，就没什么要遮的”），于是每个 token 都看得到未来；只有带缓存的路径是因果的，分块解码也就不再等于完整前向。',
    },
    edits: [['    return attend(q, k, v, 0, w.wo);', '    return attend(q, k, v, k.shape[2], w.wo);']],
  },
  {
    id: 'scale-sqrt-d',
    base: 'alt-slice-visible',
    hint: { en: 'With H > 1, which size goes under the square root?', zh: 'H > 1 时，根号下应该是哪个尺寸？' },
    why: {
      en: 'Scales the scores by 1/√D (the model width) instead of 1/√Dh (the head size), the formula of single-head attention copied over; identical only when there is one head.',
      zh: '分数乘的是 1/√D（模型宽度）而不是 1/√Dh（每个头的维度），照搬了单头注意力的公式；只有一个头时两者才相同。',
    },
    edits: [['    .mul(1 / Math.sqrt(dh))', '    .mul(1 / Math.sqrt(h * dh))']],
  },
  {
    id: 'reshape-without-transpose',
    base: 'alt-slice-visible',
    hint: {
      en: 'With H = 2 and T > 1, which columns of x @ wq end up in head 0?',
      zh: 'H = 2 且 T > 1 时，x @ wq 的哪些列进了第 0 个头？',
    },
    why: {
      en: 'Splits heads with a bare reshape [B, T, D] → [B, H, T, Dh] (and merges them back the same way) instead of reshape to [B, T, H, Dh] then transpose: the shapes fit, but the numbers mix tokens and heads.',
      zh: '直接 reshape [B, T, D] → [B, H, T, Dh] 来拆头（合并时也同样处理），而不是先 reshape 成 [B, T, H, Dh] 再转置：形状对得上，但数值把 token 和头混在了一起。',
    },
    edits: [
      [
        '  const heads = (weight: tf.Tensor2D) =>\n    tf\n      .matMul(rows, weight)\n      .reshape([b, t, h, d / h])\n      .transpose([0, 2, 1, 3]) as tf.Tensor4D;',
        '  const heads = (weight: tf.Tensor2D) => tf.matMul(rows, weight).reshape([b, h, t, d / h]) as tf.Tensor4D;',
      ],
      [
        '  const merged = tf\n    .matMul(tf.softmax(scores), v)\n    .transpose([0, 2, 1, 3])\n    .reshape([b * t, h * dh]);',
        '  const merged = tf.matMul(tf.softmax(scores), v).reshape([b * t, h * dh]);',
      ],
    ],
  },

  // --- RoPE ------------------------------------------------------------------------------------
  {
    id: 'rope-restarts-at-zero',
    base: 'alt-slice-visible',
    hint: {
      en: 'With RoPE, at which position is a decoded token rotated?',
      zh: '使用 RoPE 时，解码出的 token 按哪个位置旋转？',
    },
    why: {
      en: 'Rotates q and k at chunk-local positions 0 … T−1 instead of the absolute positions L … L+T−1, so every decoded token is encoded as if it were the first: the prefill is right, the rest is not (V2 prefill 3 + decode 1 ends in [0.71271, 1.085516, 1.07111, 2.885161]).',
      zh: '按块内位置 0 … T−1 而不是绝对位置 L … L+T−1 旋转 q 和 k，于是每个解码出的 token 都被编码成第一个 token：预填充是对的，之后都不对（V2 预填充 3 + 解码 1 的最后一行是 [0.71271, 1.085516, 1.07111, 2.885161]）。',
    },
    edits: [
      [
        '    const { q, k, v } = projectHeads(x, w, config, start);',
        '    const { q, k, v } = projectHeads(x, w, config, 0);',
      ],
    ],
  },
  {
    id: 'interleaved-rope',
    base: 'alt-slice-visible',
    hint: {
      en: 'With Dh = 4, which two features does RoPE rotate together?',
      zh: 'Dh = 4 时，RoPE 把哪两个特征放在一起旋转？',
    },
    why: {
      en: "Rotates the interleaved pairs (2i, 2i+1) as Meta's view_as_complex does instead of the half-style pairs (i, i + Dh/2) the prompt pins (HF rotate_half): identical at Dh = 2, different from Dh = 4 on.",
      zh: '旋转的是交错的特征对 (2i, 2i+1)（Meta 的 view_as_complex 写法），而不是题目规定的 half 风格特征对 (i, i + Dh/2)（HF 的 rotate_half）：Dh = 2 时一样，从 Dh = 4 起就不同了。',
    },
    edits: [
      [
        '  const [a, bb] = tf.split(x, 2, -1) as [tf.Tensor4D, tf.Tensor4D];\n  return tf.concat([a.mul(c).sub(bb.mul(s)), bb.mul(c).add(a.mul(s))], -1);',
        '  const [bs, hs] = x.shape;\n  const pairs = x.reshape([bs, hs, t, half, 2]);\n  const [a, bb] = tf.split(pairs, 2, -1) as [tf.Tensor, tf.Tensor];\n  const c3 = c.reshape([t, half, 1]);\n  const s3 = s.reshape([t, half, 1]);\n  return tf.concat([a.mul(c3).sub(bb.mul(s3)), bb.mul(c3).add(a.mul(s3))], -1).reshape(x.shape) as tf.Tensor4D;',
      ],
    ],
  },
  {
    id: 'unrotated-cache',
    base: 'alt-slice-visible',
    hint: {
      en: 'Right outputs: look at what the returned cache.k holds with RoPE on.',
      zh: '输出正确：看看开启 RoPE 时返回的 cache.k 里存的是什么。',
    },
    why: {
      en: 'Stores the keys before RoPE and rotates the visible slots at read time: the outputs are right, but the cache no longer holds rotated keys (the layout Meta and HF use, which other code reading the cache relies on), and every step pays to rotate the whole prefix again.',
      zh: '缓存里存的是 RoPE 之前的键，读取时再旋转可见的槽位：输出是对的，但缓存不再存旋转后的键（Meta 和 HF 都用这种布局，其他读缓存的代码也依赖它），而且每一步都要把整个前缀重新旋转一遍。',
    },
    edits: [
      [
        '    const keys = writeSlots(cache.k, k, start);',
        '    const keys = writeSlots(cache.k, projectHeads(x, w, { nHeads: config.nHeads }, 0).k, start);',
      ],
      [
        '    const y = attend(q, keys.slice([0, 0, 0, 0], visible), values.slice([0, 0, 0, 0], visible), start, w.wo);',
        '    const seen = keys.slice([0, 0, 0, 0], visible);\n    const rotated = config.rope === undefined ? seen : rope(seen, 0, config.rope.base ?? 10000);\n    void k;\n    const y = attend(q, rotated, values.slice([0, 0, 0, 0], visible), start, w.wo);',
      ],
    ],
  },

  // --- Writing the cache -------------------------------------------------------------------------
  {
    id: 'write-at-slot-0',
    base: 'alt-slice-visible',
    hint: { en: 'Where do the keys of a decode step land in the cache?', zh: '解码一步的键写进了缓存的哪个位置？' },
    why: {
      en: 'Writes the new keys and values at slots [0, T) instead of [L, L+T): a copy of the prefill code path, which overwrites the oldest cached tokens on every decode step.',
      zh: '把新的键和值写到 [0, T) 槽位，而不是 [L, L+T)：这是照搬预填充的代码路径，每解码一步都会覆盖最早缓存的 token。',
    },
    edits: [
      [
        '    const keys = writeSlots(cache.k, k, start);\n    const values = writeSlots(cache.v, v, start);',
        '    const keys = writeSlots(cache.k, k, 0);\n    const values = writeSlots(cache.v, v, 0);',
      ],
    ],
  },
  {
    id: 'length-not-advanced',
    base: 'alt-slice-visible',
    hint: {
      en: 'What is cache.length after a chunk of T tokens?',
      zh: '处理完 T 个 token 的一块后，cache.length 是多少？',
    },
    why: {
      en: 'Returns the new cache with length L instead of L + T, so the next chunk writes over the tokens just added and never sees them.',
      zh: '返回的新缓存 length 仍是 L 而不是 L + T，于是下一块会覆盖刚写入的 token，而且永远看不到它们。',
    },
    edits: [
      [
        '    return { y, cache: { k: keys, v: values, length: start + t } };',
        '    return { y, cache: { k: keys, v: values, length: start } };',
      ],
    ],
  },

  // --- Ownership and leaks -----------------------------------------------------------------------
  {
    id: 'mutates-cache-object',
    base: 'alt-slice-visible',
    hint: {
      en: 'After the call, look at the cache object you passed in.',
      zh: '调用之后，看看你传进去的那个缓存对象。',
    },
    why: {
      en: "Updates the caller's cache object in place (cache.k = …, cache.length = L + T) and returns it, as a PyTorch module does with its buffers; the prompt's cache is functional, and the caller's handle on the old cache now points at the new tensors (a beam search that keeps the old cache is broken).",
      zh: '原地更新调用方的缓存对象（cache.k = …、cache.length = L + T）再返回它，就像 PyTorch 模块更新自己的 buffer；题目里的缓存是函数式的，调用方手里的旧缓存现在指向了新张量（保留旧缓存的束搜索因此出错）。',
    },
    edits: [
      [
        '    return { y, cache: { k: keys, v: values, length: start + t } };',
        '    cache.k = keys;\n    cache.v = values;\n    cache.length = start + t;\n    return { y, cache: { k: cache.k, v: cache.v, length: cache.length } };',
      ],
    ],
  },
  {
    id: 'disposes-input-cache',
    base: 'alt-slice-visible',
    hint: {
      en: 'After the call, can the caller still read the cache it passed in?',
      zh: '调用之后，调用方还能读取它传进去的缓存吗？',
    },
    why: {
      en: 'Disposes the caller\'s old cache tensors ("it is replaced anyway"), but the caller owns them: a beam or a retry that reuses the old cache now reads disposed tensors.',
      zh: '释放了调用方的旧缓存张量（“反正要被替换”），但它们归调用方所有：复用旧缓存的束搜索或重试现在会读到已释放的张量。',
    },
    edits: [
      [
        '  return tf.tidy(() => {\n    const { q, k, v } = projectHeads(x, w, config, start);',
        '  const out = tf.tidy(() => {\n    const { q, k, v } = projectHeads(x, w, config, start);',
      ],
      [
        '    return { y, cache: { k: keys, v: values, length: start + t } };\n  });\n}',
        '    return { y, cache: { k: keys, v: values, length: start + t } };\n  });\n  tf.dispose([cache.k, cache.v]);\n  return out;\n}',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    base: 'alt-slice-visible',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one call.',
      zh: '比较一次调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'No tf.tidy: the projections, rotated heads, cache slices, mask, scores and softmax all stay allocated after each call, leaking dozens of tensors per decoded token.',
      zh: '没有 tf.tidy：投影、旋转后的头、缓存切片、掩码、分数和 softmax 在每次调用后都还占着内存，每解码一个 token 就泄漏几十个张量。',
    },
    edits: [
      [
        'export function mhaWithCache(',
        '/** Runs f as it is (the work is never tidied). */\nconst tidy = <T>(f: () => T): T => f();\n\nexport function mhaWithCache(',
      ],
      [
        '  return tf.tidy(() => {\n    const { q, k, v } = projectHeads(x, w, config, start);',
        '  return tidy(() => {\n    const { q, k, v } = projectHeads(x, w, config, start);',
      ],
      [
        '  return tf.tidy(() => {\n    const { q, k, v } = projectHeads(x, w, config, 0);',
        '  return tidy(() => {\n    const { q, k, v } = projectHeads(x, w, config, 0);',
      ],
    ],
  },

  // --- Bad input ---------------------------------------------------------------------------------
  {
    id: 'no-room-check',
    base: 'alt-slice-visible',
    hint: { en: 'Try a chunk that does not fit into the slots left.', zh: '试试一个放不进剩余槽位的块。' },
    why: {
      en: 'Checks that cache.length is a whole number but not that L + T ≤ Tmax: a chunk that overflows the cache fails deep inside tfjs with a plain Error about a slice size, instead of a RangeError that says the cache is full.',
      zh: '检查了 cache.length 是整数，却没检查 L + T ≤ Tmax：溢出缓存的块会在 tfjs 深处因切片大小抛出普通 Error，而不是说明缓存已满的 RangeError。',
    },
    edits: [
      [
        '  if (!Number.isInteger(start) || start < 0 || start + t > tmax) {',
        '  if (!Number.isInteger(start) || start < 0) {',
      ],
    ],
  },
  {
    id: 'no-cache-shape-check',
    base: 'alt-slice-visible',
    hint: {
      en: 'Try a cache made for another batch size or number of heads.',
      zh: '试试为另一个 batch 大小或头数创建的缓存。',
    },
    why: {
      en: 'Trusts that the cache fits x: a cache of another batch, head count or Dh fails inside tfjs with a plain Error from concat or matMul (or, for a larger batch, silently broadcasts), instead of a RangeError naming the mismatch.',
      zh: '相信缓存与 x 匹配：batch、头数或 Dh 不同的缓存会在 tfjs 里因 concat 或 matMul 抛出普通 Error（batch 更大时甚至会悄悄广播），而不是指明不匹配的 RangeError。',
    },
    edits: [
      [
        '  if (cb !== b || ch !== config.nHeads || cdh !== dh) {\n    throw new RangeError(\n      `mhaWithCache: cache.k must be [B = ${b}, nHeads = ${config.nHeads}, Tmax, Dh = ${dh}], got [${cache.k.shape}]`,\n    );\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'cache-length-unchecked',
    hint: {
      en: 'Try cache.length = 1.5, and cache.length = "0".',
      zh: '试试 cache.length = 1.5，以及 cache.length = "0"。',
    },
    why: {
      en: 'Uses cache.length as it comes: 1.5 gives fractional slices (a plain tfjs Error or garbage), −1 writes before slot 0, and "0" + T is the string "01"; the contract asks for a RangeError for a length that is not an integer ≥ 0 and a TypeError for one that is not a number.',
      zh: '直接使用 cache.length：1.5 会产生小数切片（tfjs 的普通 Error 或垃圾结果），−1 会写到槽位 0 之前，"0" + T 是字符串 "01"；契约要求长度不是 ≥ 0 的整数时抛出 RangeError，不是数字时抛出 TypeError。',
    },
    edits: [
      [
        "  const start: unknown = cache.length;\n  if (typeof start !== 'number') {\n    throw new TypeError(`mhaWithCache: cache.length must be a number, got ${typeof start}`);\n  }\n  if (!Number.isInteger(start) || start < 0) {\n    throw new RangeError(`mhaWithCache: cache.length must be an integer >= 0, got ${start}`);\n  }\n",
        '  const start = cache.length;\n',
      ],
    ],
  },
  {
    id: 'cache-v-shape-unchecked',
    hint: { en: 'Try a cache whose v is shorter than its k.', zh: '试试 v 比 k 短的缓存。' },
    why: {
      en: 'Checks cache.k against x but never compares cache.v with cache.k: a cache whose v has fewer slots fails inside tfjs with a plain Error (or returns a cache.v of the wrong shape) instead of a RangeError.',
      zh: '只用 x 检查了 cache.k，却从不比较 cache.v 和 cache.k：v 的槽位更少的缓存会在 tfjs 里抛出普通 Error（或返回形状错误的 cache.v），而不是 RangeError。',
    },
    edits: [
      [
        '  if (vShape.some((size, axis) => size !== cache.k.shape[axis])) {\n    throw new RangeError(`mhaWithCache: cache.v must have the shape of cache.k [${cache.k.shape}], got [${vShape}]`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'heads-not-checked',
    hint: { en: "Try nHeads = -2, and nHeads = '2'.", zh: "试试 nHeads = -2，以及 nHeads = '2'。" },
    why: {
      en: "Only checks that nHeads divides D: 4 % −2 and 4 % '2' are both 0, so a negative head count fails later inside reshape with a plain Error and a string is silently coerced, where the contract asks for a RangeError and a TypeError.",
      zh: "只检查了 nHeads 能否整除 D：4 % −2 和 4 % '2' 都是 0，于是负的头数到后面 reshape 时才抛出普通 Error，字符串则被悄悄转换，而契约要求的是 RangeError 和 TypeError。",
    },
    edits: [
      ['  const heads = positiveInteger(`${fn}: config.nHeads`, config.nHeads);', '  const heads = config.nHeads;'],
    ],
  },
  {
    id: 'no-weight-check',
    hint: { en: 'Try a wq of shape [4, 3].', zh: '试试形状为 [4, 3] 的 wq。' },
    why: {
      en: 'Never checks that the four weights are [D, D] tensors: a [4, 3] wq fails inside reshape with a plain tfjs Error, a missing wo fails with "cannot read properties of undefined", neither the named RangeError or TypeError.',
      zh: '从不检查四个权重是否为 [D, D] 的张量：[4, 3] 的 wq 会在 reshape 里抛出 tfjs 的普通 Error，缺少 wo 时报 “cannot read properties of undefined”，都不是契约要求的 RangeError 或 TypeError。',
    },
    edits: [
      [
        "  for (const name of ['wq', 'wk', 'wv', 'wo'] as const) {\n    const [rows, cols] = tensorOfRank(`${fn}: w.${name}`, w[name], 2);\n    if (rows !== d || cols !== d) {\n      throw new RangeError(`${fn}: w.${name} must be [D, D] = [${d}, ${d}], got [${w[name].shape}]`);\n    }\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'no-tensor-check',
    hint: { en: 'Try x given as nested arrays.', zh: '试试把 x 写成嵌套数组。' },
    why: {
      en: 'Checks ranks but not that x, the weights and the cache tensors are tf.Tensors: nested arrays have no rank, so they fail the rank check with a RangeError where the contract asks for a TypeError, the class that says "wrong kind of value".',
      zh: '只检查了秩，没检查 x、权重和缓存张量是不是 tf.Tensor：嵌套数组没有 rank，于是在秩检查处抛出 RangeError，而契约要求的是表示“值的类型不对”的 TypeError。',
    },
    edits: [
      [
        'function tensorOfRank(name: string, value: unknown, rank: number): number[] {\n  if (!(value instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${typeof value}`);\n',
        'function tensorOfRank(name: string, value: tf.Tensor, rank: number): number[] {\n',
      ],
    ],
  },
  {
    id: 'rope-base-unchecked',
    hint: {
      en: 'Try rope: { base: 0 }, and rope: { base: "10000" }.',
      zh: '试试 rope: { base: 0 }，以及 rope: { base: "10000" }。',
    },
    why: {
      en: 'Takes rope.base as it comes: base 0 makes 0^(−2m/Dh) infinite and every rotated row NaN, a negative base gives NaN powers, and "10000" is coerced by ** into a number, silent answers where the contract asks for a RangeError or a TypeError.',
      zh: '直接使用 rope.base：base 为 0 时 0^(−2m/Dh) 为无穷大，每个旋转后的行都是 NaN；负的 base 得到 NaN 的幂；"10000" 则被 ** 悄悄转成数字——契约要求抛出 RangeError 或 TypeError 的地方给出了无声的答案。',
    },
    edits: [
      [
        "    const base: unknown = (rope as { base?: unknown }).base;\n    if (base !== undefined && typeof base !== 'number') {\n      throw new TypeError(`${fn}: config.rope.base must be a number, got ${typeof base}`);\n    }\n    if (base !== undefined && !(Number.isFinite(base) && base > 0)) {\n      throw new RangeError(`${fn}: config.rope.base must be finite and > 0, got ${base}`);\n    }\n",
        '',
      ],
    ],
  },
  {
    id: 'create-size-unchecked',
    hint: {
      en: 'Try createKvCache(1, 2, 2.5, 2) and createKvCache(1, 2, 0, 2).',
      zh: '试试 createKvCache(1, 2, 2.5, 2) 和 createKvCache(1, 2, 0, 2)。',
    },
    why: {
      en: 'Hands the sizes straight to tf.zeros: 2.5 fails there with a plain tfjs Error, and 0 makes an empty cache that can hold no token, where the contract asks for a RangeError naming the size.',
      zh: '把尺寸直接交给 tf.zeros：2.5 在那里抛出 tfjs 的普通 Error，0 则创建一个装不下任何 token 的空缓存，而契约要求抛出指明尺寸的 RangeError。',
    },
    edits: [
      [
        '  for (const [name, value] of Object.entries({ batch, nHeads, maxLen, headDim })) {\n    positiveInteger(`createKvCache: ${name}`, value);\n  }\n',
        '',
      ],
    ],
  },
]);
