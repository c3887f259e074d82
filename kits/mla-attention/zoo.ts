import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'scale-dhead-only',
    hint: {
      en: 'How long is the vector a query dots with a key, counting both parts?',
      zh: '查询与键做点积的向量一共多长（两部分都算上）？',
    },
    why: {
      en: 'Scales the scores by 1/√dHead, as in plain multi-head attention, but an MLA score is the dot product of [q_C; q_R] with [k_C; k_R], dHead + dRope features: DeepSeek-V2 divides by √(d_h + d_h^R) and HF sets softmax_scale = (qk_nope_head_dim + qk_rope_head_dim)^−0.5.',
      zh: '像普通多头注意力那样用 1/√dHead 缩放，但 MLA 的分数是 [q_C; q_R] 与 [k_C; k_R] 的点积，共 dHead + dRope 个特征：DeepSeek-V2 除以 √(d_h + d_h^R)，HF 的 softmax_scale = (qk_nope_head_dim + qk_rope_head_dim)^−0.5。',
    },
    edits: [['.mul(1 / Math.sqrt(s.dHead + s.dRope))', '.mul(1 / Math.sqrt(s.dHead))']],
  },
  {
    id: 'rope-half-style',
    hint: {
      en: 'With dRope = 4, which two features of the rope key turn together?',
      zh: 'dRope = 4 时，rope 键的哪两个特征一起旋转？',
    },
    why: {
      en: "Rotates the pairs (i, i + dRope/2), HF's rotate_half used by Llama, instead of DeepSeek's interleaved pairs (2i, 2i + 1) (HF DeepseekV2's apply_rotary_emb views the features as complex numbers). With dRope = 2 the two agree, so only a wider rope part shows it.",
      zh: '旋转的是 (i, i + dRope/2) 这样的配对（Llama 用的 HF rotate_half），而不是 DeepSeek 的交错配对 (2i, 2i + 1)（HF DeepseekV2 的 apply_rotary_emb 把特征看作复数）。dRope = 2 时两者一致，只有更宽的 rope 部分才能看出来。',
    },
    edits: [
      [
        'const cos = angles.cos().expandDims(-1);\n  const sin = angles.sin().expandDims(-1);\n  const pairs = x.reshape([...shape.slice(0, -1), d / 2, 2]);\n  const [a, b] = tf.split(pairs, 2, -1) as [tf.Tensor, tf.Tensor];',
        'const cos = angles.cos();\n  const sin = angles.sin();\n  const [a, b] = tf.split(x, 2, -1) as [tf.Tensor, tf.Tensor];',
      ],
    ],
  },
  {
    id: 'positions-restart-with-cache',
    hint: {
      en: 'At which positions are the new tokens rotated when a cache of Tpast tokens is passed?',
      zh: '传入 Tpast 个 token 的缓存时，新 token 按哪些位置旋转？',
    },
    why: {
      en: 'Rotates the new query and rope key at positions 0 … T−1 in every call: right for the prefill, wrong for every decode step, whose token sits at Tpast. The cached rope keys were rotated at their own positions, so the relative angle between query and key is off by Tpast.',
      zh: '每次调用都按位置 0 … T−1 旋转新的查询和 rope 键：预填充是对的，但每一步解码都错了，那个 token 位于 Tpast。缓存里的 rope 键已按各自位置旋转，于是查询与键之间的相对角度差了 Tpast。',
    },
    edits: [
      ['rope(tf.matMul(h, w.wKr), s.past, s.base)', 'rope(tf.matMul(h, w.wKr), 0, s.base)'],
      ['rope(qRopeRaw, s.past, s.base)', 'rope(qRopeRaw, 0, s.base)'],
    ],
  },
  {
    id: 'mask-top-left',
    hint: {
      en: 'With a cache, which cached slots may the first new token see?',
      zh: '有缓存时，第一个新 token 能看到哪些缓存槽位？',
    },
    why: {
      en: 'Puts query i at position i instead of Tpast + i, aligning the causal mask top-left (PyTorch sdpa is_causal): without a cache nothing changes, but a decode step then sees only slot 0.',
      zh: '把查询 i 放在位置 i 而不是 Tpast + i，因果掩码按左上角对齐（PyTorch sdpa 的 is_causal）：没有缓存时没有区别，但解码的一步只能看到槽位 0。',
    },
    edits: [["tf.range(s.past, s.past + s.t, 1, 'int32')", "tf.range(0, s.t, 1, 'int32')"]],
  },
  {
    id: 'mask-excludes-self',
    hint: { en: 'Can a token attend to its own slot?', zh: '一个 token 能注意到它自己的槽位吗？' },
    why: {
      en: 'Uses j < Tpast + i instead of j ≤ Tpast + i: no token sees itself, and the very first token of a sequence sees nothing, so its softmax over an all −∞ row is NaN.',
      zh: '用了 j < Tpast + i 而不是 j ≤ Tpast + i：每个 token 都看不到自己，序列的第一个 token 什么也看不到，全为 −∞ 的一行做 softmax 得到 NaN。',
    },
    edits: [['tf.lessEqual(slot, query)', 'tf.less(slot, query)']],
  },
  {
    id: 'rope-key-not-rotated',
    hint: { en: 'Which of the two rope vectors get rotated?', zh: '两个 rope 向量中哪些被旋转了？' },
    why: {
      en: 'Rotates q_R but leaves k_R = h·W_KR as it is (and caches it so): a score then depends on the absolute position of the query alone, not on the distance between query and key, which is the point of RoPE. HF applies apply_rotary_emb to q_pe and k_pe together.',
      zh: '旋转了 q_R，却让 k_R = h·W_KR 保持原样（并这样缓存）：分数只取决于查询的绝对位置，而不是查询与键之间的距离，而后者正是 RoPE 的意义。HF 用 apply_rotary_emb 同时旋转 q_pe 和 k_pe。',
    },
    edits: [
      [
        'const kNew = rope(tf.matMul(h, w.wKr), s.past, s.base) as tf.Tensor2D;',
        'const kNew = tf.matMul(h, w.wKr) as tf.Tensor2D;',
      ],
    ],
  },
  {
    id: 'query-split-rope-first',
    hint: {
      en: 'Within one head of h·wQ, which columns are the content query and which the rope query?',
      zh: '在 h·wQ 的一个头里，哪些列是内容查询，哪些是 rope 查询？',
    },
    why: {
      en: 'Takes the first dRope columns of each head as q_R and the rest as q_C. HF splits q into [qk_nope_head_dim, qk_rope_head_dim] in that order (q_nope first), as the prompt pins; reading the block the other way round scores the wrong features against the keys.',
      zh: '把每个头的前 dRope 列当作 q_R，其余当作 q_C。HF 按 [qk_nope_head_dim, qk_rope_head_dim] 的顺序切分 q（q_nope 在前），题目也这样规定；反过来读这一块，就会拿错的特征去和键打分。',
    },
    edits: [
      [
        'const [qNope, qRopeRaw] = tf.split(q, [s.dHead, s.dRope], 2)',
        'const [qRopeRaw, qNope] = tf.split(q, [s.dRope, s.dHead], 2)',
      ],
    ],
  },
  {
    id: 'heads-reshape-without-transpose',
    hint: {
      en: 'h·wQ is [T, H·(dHead+dRope)]; how do you get [H, T, dHead+dRope] from it?',
      zh: 'h·wQ 是 [T, H·(dHead+dRope)]；怎样得到 [H, T, dHead+dRope]？',
    },
    why: {
      en: 'Reshapes [T, H·w] straight to [H, T, w]: the shapes fit, but each "head" is now a run of consecutive values across tokens. Reshape to [T, H, w] first, then swap the first two axes.',
      zh: '把 [T, H·w] 直接 reshape 成 [H, T, w]：形状对得上，但每个“头”变成了跨 token 的一段连续数值。应先 reshape 成 [T, H, w]，再交换前两个轴。',
    },
    edits: [
      [
        '.reshape([s.t, s.heads, s.dHead + s.dRope])\n    .transpose([1, 0, 2]) as tf.Tensor3D',
        '.reshape([s.heads, s.t, s.dHead + s.dRope]) as tf.Tensor3D',
      ],
    ],
  },
  {
    id: 'values-from-wuk',
    hint: { en: 'Which up-projection gives the values?', zh: '值由哪个上投影得到？' },
    why: {
      en: 'Up-projects the values with W_UK instead of W_UV, a copy-paste slip from the key line: the shapes are identical, so nothing complains. The absorbed form, written separately, still uses W_UV and no longer agrees.',
      zh: '用 W_UK 而不是 W_UV 上投影值，是从键那一行复制粘贴时的笔误：形状完全相同，所以不会报错。单独写的吸收形式仍用 W_UV，两者就不再一致。',
    },
    edits: [['const v = splitHeads(tf.matMul(cKv, w.wUv)', 'const v = splitHeads(tf.matMul(cKv, w.wUk)']],
  },
  {
    id: 'absorbed-uk-heads-interleaved',
    hint: {
      en: 'In the absorbed form, which columns of wUk belong to head h?',
      zh: '在吸收形式中，wUk 的哪些列属于头 h？',
    },
    why: {
      en: "Folds W_UK as if its columns were laid out [dHead, H] (feature-major) instead of [H, dHead] (head h = columns h·dHead …, as kv_b_proj is viewed in HF): each head gets a mixture of every head's key features. One head, or dHead = 1, hides it.",
      zh: '吸收 W_UK 时把它的列当成 [dHead, H]（特征在外）而不是 [H, dHead]（头 h 是第 h·dHead … 列，与 HF 对 kv_b_proj 的 view 一致）：每个头拿到的是所有头键特征的混合。只有一个头或 dHead = 1 时看不出来。',
    },
    edits: [
      [
        'w.wUk.reshape([s.dLatent, s.heads, s.dHead]).transpose([1, 2, 0])',
        'w.wUk.reshape([s.dLatent, s.dHead, s.heads]).transpose([2, 1, 0])',
      ],
    ],
  },
  {
    id: 'cache-new-rows-first',
    hint: {
      en: 'In the returned cache, where do the new tokens go?',
      zh: '返回的缓存中，新 token 放在哪里？',
    },
    why: {
      en: 'Puts the new rows before the cached ones. Row j of the cache must be the token at position j: the mask and the rotation of the cached rope keys both assume it, so the next decode step sees the wrong tokens.',
      zh: '把新行放在缓存行之前。缓存的第 j 行必须是位置 j 的 token：掩码和缓存 rope 键的旋转都依赖这一点，于是下一步解码看到的是错误的 token。',
    },
    edits: [
      ['tf.concat([cache.cKv, cNew], 0)', 'tf.concat([cNew, cache.cKv], 0)'],
      ['tf.concat([cache.kRope, kNew], 0)', 'tf.concat([kNew, cache.kRope], 0)'],
    ],
  },
  {
    id: 'bytes-mla-without-rope',
    hint: { en: 'What else does MLA cache besides c_kv?', zh: '除了 c_kv，MLA 还缓存什么？' },
    why: {
      en: 'Counts only dLatent elements per token and layer: the decoupled rope key cannot be recovered from c_kv (RoPE does not commute with the up-projection), so it is cached as well, (d_c + d_h^R)·l in DeepSeek-V2 Table 1 (512 + 64 for V2).',
      zh: '每个 token 每层只计了 dLatent 个元素：解耦的 rope 键无法从 c_kv 恢复（RoPE 与上投影不能交换），所以它也要缓存，DeepSeek-V2 表 1 中是 (d_c + d_h^R)·l（V2 为 512 + 64）。',
    },
    edits: [
      [
        "(count('spec.dLatent', spec.dLatent) + count('spec.dRope', spec.dRope)) * bytes * layers",
        "count('spec.dLatent', spec.dLatent) * bytes * layers",
      ],
    ],
  },
  {
    id: 'bytes-mla-doubled',
    hint: { en: 'Does MLA cache a key and a value per token?', zh: 'MLA 每个 token 是否缓存一个键和一个值？' },
    why: {
      en: 'Multiplies the MLA count by 2 as if keys and values were stored separately, out of habit from MHA: the one latent c_kv stands for both (k_C and v are both up-projected from it), so MLA is (dLatent + dRope) elements, not twice that.',
      zh: '出于 MHA 的习惯，把 MLA 的数量乘了 2，好像键和值是分开存的：一个潜变量 c_kv 同时代表两者（k_C 和 v 都由它上投影得到），所以 MLA 是 (dLatent + dRope) 个元素，不是它的两倍。',
    },
    edits: [["return (count('spec.dLatent', spec.dLatent)", "return 2 * (count('spec.dLatent', spec.dLatent)"]],
  },
  {
    id: 'bytes-mha-without-factor-2',
    hint: { en: 'How many tensors does an MHA cache hold per head?', zh: 'MHA 缓存每个头存几个张量？' },
    why: {
      en: 'Counts H·dHead elements per token and layer for MHA, forgetting that both K and V are cached: 2·H·dHead.',
      zh: 'MHA 每个 token 每层只计了 H·dHead 个元素，忘了 K 和 V 都要缓存：应为 2·H·dHead。',
    },
    edits: [["return 2 * count('spec.numHeads', spec.numHeads)", "return count('spec.numHeads', spec.numHeads)"]],
  },
  {
    id: 'bytes-gqa-query-heads',
    hint: { en: 'In GQA, which heads have their own K and V?', zh: 'GQA 中哪些头有自己的 K 和 V？' },
    why: {
      en: 'Counts K and V for every query head: GQA caches only the numKvHeads shared heads, which is its whole saving (2·Hkv·dHead).',
      zh: '给每个查询头都计了 K 和 V：GQA 只缓存 numKvHeads 个共享头，这正是它省下的全部（2·Hkv·dHead）。',
    },
    edits: [['return 2 * kvHeads *', 'return 2 * heads *']],
  },
  {
    id: 'absorbed-last-head-only',
    base: 'alt-folded-weights',
    hint: {
      en: 'With the weights folded head by head, how do the heads combine into the output?',
      zh: '逐头折叠权重时，各头怎样合成输出？',
    },
    why: {
      en: "Assigns each head's contribution (Σ p·c_kv)·W_UV,h·W_O,h to the output instead of adding it: [o_0 … o_{H−1}]·W_O is the sum over heads of o_h·W_O,h, so all but the last head are lost. One head hides it.",
      zh: '把每个头的贡献 (Σ p·c_kv)·W_UV,h·W_O,h 赋给输出而不是累加：[o_0 … o_{H−1}]·W_O 是各头 o_h·W_O,h 之和，于是除最后一个头外都丢了。只有一个头时看不出来。',
    },
    edits: [
      [
        'out = out.add(tf.matMul(tf.matMul(p, cKv), tf.matMul(uv, wo)));',
        'out = tf.matMul(tf.matMul(p, cKv), tf.matMul(uv, wo)) as tf.Tensor2D;',
      ],
    ],
  },
]);
