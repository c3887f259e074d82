import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'additive-mask',
    hint: {
      en: 'Returns the additive convention (0 = may attend, −∞ = blocked, as HF builds its 4-D mask) where the kata pins the 1/0 "may attend" mask: a caller multiplying by it or adding it goes wrong either way.',
      zh: '',
    },
    why: {
      en: 'Returns the additive convention (0 = may attend, −∞ = blocked, as HF builds its 4-D mask) where the kata pins the 1/0 "may attend" mask: a caller multiplying by it or adding it goes wrong either way.',
      zh: '',
    },
    edits: [
      [
        "    return tf.logicalAnd(sameSeq, notFuture).cast('float32') as tf.Tensor2D;",
        '    return tf.where(tf.logicalAnd(sameSeq, notFuture), tf.zeros([t, t]), tf.fill([t, t], -Infinity)) as tf.Tensor2D;',
      ],
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'bidirectional-within-sequence',
    hint: {
      en: "Attends to the whole own sequence with no causal mask (flash_attn_varlen_func's causal=False default): block-diagonal, so a token sees the tokens after it in its sequence.",
      zh: '',
    },
    why: {
      en: "Attends to the whole own sequence with no causal mask (flash_attn_varlen_func's causal=False default): block-diagonal, so a token sees the tokens after it in its sequence.",
      zh: '',
    },
    edits: [
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        "      const pos = tf.range(0, l, 1, 'int32');\n      const causal = tf.lessEqual(pos.reshape([1, l]), pos.reshape([l, 1]));\n      const masked = tf.where(causal, scores, tf.scalar(-Infinity));",
        '      const masked = scores;',
      ],
    ],
  },
  {
    id: 'bool-mask',
    hint: {
      en: 'Returns the boolean result of the comparison (dtype bool) instead of a float32 1/0 mask; the values look right but the dtype the contract asks for is not.',
      zh: '',
    },
    why: {
      en: 'Returns the boolean result of the comparison (dtype bool) instead of a float32 1/0 mask; the values look right but the dtype the contract asks for is not.',
      zh: '',
    },
    edits: [
      [
        "    return tf.logicalAnd(sameSeq, notFuture).cast('float32') as tf.Tensor2D;",
        '    return tf.logicalAnd(sameSeq, notFuture) as tf.Tensor2D;',
      ],
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'boundary-label-kept',
    hint: {
      en: "Keeps each sequence's first label when packing; after the model shifts labels, that token is predicted from the previous sequence's last token, a target across the boundary.",
      zh: '',
    },
    why: {
      en: "Keeps each sequence's first label when packing; after the model shifts labels, that token is predicted from the previous sequence's last token, a target across the boundary.",
      zh: '',
    },
    edits: [
      [
        '      pack.labels.push(p === 0 ? ignoreIndex : (labels[p] as number));',
        '      pack.labels.push(labels[p] as number);',
      ],
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'boundary-token-previous-sequence',
    hint: {
      en: 'Counts the boundaries strictly before p (c < p instead of c ≤ p), so the first token of each sequence is given to the sequence before it.',
      zh: '',
    },
    why: {
      en: 'Counts the boundaries strictly before p (c < p instead of c ≤ p), so the first token of each sequence is given to the sequence before it.',
      zh: '',
    },
    edits: [
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const total = cuSeqlens.at(-1) as number;\n  return Array.from({ length: total }, (_, p) => cuSeqlens.slice(1).filter((c) => c < p).length);',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'dense-mask-attention',
    hint: {
      en: 'Computes packedAttention as full [T, T] scores q·kᵀ masked with the block-causal mask: the right numbers, but O(T²) memory, exactly what varlen attention (cu_seqlens) exists to avoid.',
      zh: '',
    },
    why: {
      en: 'Computes packedAttention as full [T, T] scores q·kᵀ masked with the block-causal mask: the right numbers, but O(T²) memory, exactly what varlen attention (cu_seqlens) exists to avoid.',
      zh: '',
    },
    file: 'zoo/dense-mask-attention.ts',
  },
  {
    id: 'empty-response-rejected',
    hint: {
      en: 'Throws RangeError when the response is empty (no target, no learning signal), but an example whose labels are all ignoreIndex is valid; only an empty prompt + response is an error.',
      zh: '',
    },
    why: {
      en: 'Throws RangeError when the response is empty (no target, no learning signal), but an example whose labels are all ignoreIndex is valid; only an empty prompt + response is an error.',
      zh: '',
    },
    edits: [
      ['  if (prompt.length + response.length === 0) {', '  if (response.length === 0) {'],
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'empty-sequence-allowed',
    hint: {
      en: 'Checks cuSeqlens only for going backwards (non-decreasing), so a repeated entry, an empty sequence such as [0, 3, 3, 5], is accepted instead of rejected.',
      zh: '',
    },
    why: {
      en: 'Checks cuSeqlens only for going backwards (non-decreasing), so a repeated entry, an empty sequence such as [0, 3, 3, 5], is accepted instead of rejected.',
      zh: '',
    },
    edits: [
      [
        '    if (!((cuSeqlens[i] as number) > (cuSeqlens[i - 1] as number))) {',
        '    if ((cuSeqlens[i] as number) < (cuSeqlens[i - 1] as number)) {',
      ],
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'global-positions',
    hint: {
      en: 'positionIds count 0…T−1 over the whole pack instead of restarting at 0 in every sequence, so RoPE sees the later sequences at positions they never had in training data.',
      zh: '',
    },
    why: {
      en: 'positionIds count 0…T−1 over the whole pack instead of restarting at 0 in every sequence, so RoPE sees the later sequences at positions they never had in training data.',
      zh: '',
    },
    edits: [
      ['      pack.positionIds.push(p);', '      pack.positionIds.push(pack.inputIds.length - 1);'],
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'packedAttention without tf.tidy: every slice, score matrix and mask of every sequence stays allocated after the call.',
      zh: '',
    },
    why: {
      en: 'packedAttention without tf.tidy: every slice, score matrix and mask of every sequence stays allocated after the call.',
      zh: '',
    },
    file: 'zoo/leaks-tensors.ts',
  },
  {
    id: 'mutates-labels',
    hint: {
      en: "Writes ignoreIndex into each sequence's own labels[0] before copying, so the caller's examples are changed (and packing the same examples twice packs different data).",
      zh: '',
    },
    why: {
      en: "Writes ignoreIndex into each sequence's own labels[0] before copying, so the caller's examples are changed (and packing the same examples twice packs different data).",
      zh: '',
    },
    file: 'zoo/mutates-labels.ts',
  },
  {
    id: 'no-leading-zero',
    hint: {
      en: "cuSeqlens lists only the end of each sequence, [l₁, l₁+l₂, …], without the leading 0 that flash-attn's (batch + 1,) layout needs; maskBytes counts numSeqs entries to match.",
      zh: '',
    },
    why: {
      en: "cuSeqlens lists only the end of each sequence, [l₁, l₁+l₂, …], without the leading 0 that flash-attn's (batch + 1,) layout needs; maskBytes counts numSeqs entries to match.",
      zh: '',
    },
    file: 'zoo/no-leading-zero.ts',
  },
  {
    id: 'ones-mask-added',
    hint: {
      en: 'Mixes the conventions in packedAttention: adds the 1/0 causal mask to the scores as if it were additive (0/−∞), which shifts allowed scores by 1 and masks nothing, so tokens attend to their future.',
      zh: '',
    },
    why: {
      en: 'Mixes the conventions in packedAttention: adds the 1/0 causal mask to the scores as if it were additive (0/−∞), which shifts allowed scores by 1 and masks nothing, so tokens attend to their future.',
      zh: '',
    },
    edits: [
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        "      const masked = scores.add(causal.cast('float32'));",
      ],
    ],
  },
  {
    id: 'plain-causal-mask',
    hint: {
      en: 'The mask is the ordinary causal mask j ≤ i and ignores seqIds, so every token also attends to the earlier sequences of the pack (cross-contamination that padding-free packing must prevent).',
      zh: '',
    },
    why: {
      en: 'The mask is the ordinary causal mask j ≤ i and ignores seqIds, so every token also attends to the earlier sequences of the pack (cross-contamination that padding-free packing must prevent).',
      zh: '',
    },
    file: 'zoo/plain-causal-mask.ts',
  },
  {
    id: 'prompt-mask-off-by-one',
    hint: {
      en: 'Masks the prompt plus the first response token (thinking of shifted labels, where position i predicts token i + 1), but labels here are unshifted: the first response token is lost.',
      zh: '',
    },
    why: {
      en: 'Masks the prompt plus the first response token (thinking of shifted labels, where position i predicts token i + 1), but labels here are unshifted: the first response token is lost.',
      zh: '',
    },
    edits: [
      [
        '    labels: [...prompt.map(() => ignoreIndex), ...response],',
        '    labels: [...prompt, ...response].map((id, i) => (i <= prompt.length ? ignoreIndex : id)),',
      ],
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'sliced-dense-mask',
    hint: {
      en: "Builds the whole [T, T] block-causal mask once on the host (a T² Float32Array uploaded with tf.tensor2d) and slices each sequence's diagonal block out of it: per-sequence scores, but still O(T²) memory.",
      zh: '',
    },
    why: {
      en: "Builds the whole [T, T] block-causal mask once on the host (a T² Float32Array uploaded with tf.tensor2d) and slices each sequence's diagonal block out of it: per-sequence scores, but still O(T²) memory.",
      zh: '',
    },
    file: 'zoo/sliced-dense-mask.ts',
  },
  {
    id: 'transposed-mask',
    hint: {
      en: 'Compares the indices the wrong way round (j ≥ i): an upper-triangular mask in which every token sees its own future and not its past, mask[j][i] instead of mask[i][j].',
      zh: '',
    },
    why: {
      en: 'Compares the indices the wrong way round (j ≥ i): an upper-triangular mask in which every token sees its own future and not its past, mask[j][i] instead of mask[i][j].',
      zh: '',
    },
    edits: [
      [
        '    const notFuture = tf.lessEqual(idx.reshape([1, t]), idx.reshape([t, 1]));',
        '    const notFuture = tf.lessEqual(idx.reshape([t, 1]), idx.reshape([1, t]));',
      ],
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
  {
    id: 'unscaled-scores',
    hint: {
      en: 'Forgets the 1/√d scale on q·kᵀ, so the softmax is far too peaked for larger d (the "scaled" in scaled dot-product attention).',
      zh: '',
    },
    why: {
      en: 'Forgets the 1/√d scale on q·kᵀ, so the softmax is far too peaked for larger d (the "scaled" in scaled dot-product attention).',
      zh: '',
    },
    edits: [
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const seqIds: number[] = [];\n  for (let s = 0; s + 1 < cuSeqlens.length; s++) {\n    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);\n  }\n  return seqIds;',
      ],
      ['  const scale = 1 / Math.sqrt(d);', '  const scale = 1;'],
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        '      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));',
      ],
    ],
  },
]);
