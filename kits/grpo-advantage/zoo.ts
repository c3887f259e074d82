import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'aggregation-swapped',
    hint: {
      en: "Swaps the two aggregations: 'sequence' averages over all tokens of the batch and 'token' averages per sequence (the names bnpo/dapo vs grpo are easy to mix up).",
      zh: '',
    },
    why: {
      en: "Swaps the two aggregations: 'sequence' averages over all tokens of the batch and 'token' averages per sequence (the names bnpo/dapo vs grpo are easy to mix up).",
      zh: '',
    },
    edits: [
      [
        "  if (aggregation === 'sequence' && counts.some((c) => c <= 0)) {",
        "  if (aggregation === 'token' && counts.some((c) => c <= 0)) {",
      ],
      [
        "    if (aggregation === 'sequence') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;",
        "    if (aggregation === 'token') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;",
      ],
    ],
  },
  {
    id: 'batch-statistics',
    hint: {
      en: "Normalises with the whole batch's mean and std instead of each group's: the rewards of different prompts are compared with each other, which is what GRPO's group baseline avoids.",
      zh: '',
    },
    why: {
      en: "Normalises with the whole batch's mean and std instead of each group's: the rewards of different prompts are compared with each other, which is what GRPO's group baseline avoids.",
      zh: '',
    },
    edits: [
      ['    const mean = meanOf(group);', '    const mean = meanOf(rewards);'],
      ["    const std = scale === 'group' ? unbiasedStd(group) : batchStd;", '    const std = batchStd;'],
    ],
  },
  {
    id: 'biased-std',
    hint: {
      en: 'Divides by n instead of n − 1 (numpy/tf.moments default, population std), where TRL uses torch.std, which is unbiased.',
      zh: '',
    },
    why: {
      en: 'Divides by n instead of n − 1 (numpy/tf.moments default, population std), where TRL uses torch.std, which is unbiased.',
      zh: '',
    },
    edits: [['  return Math.sqrt(ss / (xs.length - 1));', '  return Math.sqrt(ss / xs.length);']],
  },
  {
    id: 'clipped-only',
    hint: {
      en: 'Uses only the clipped term clip(r)·A, dropping the min with r·A, so a bad action (A < 0) whose ratio grew past 1 + ε is no longer penalised in full.',
      zh: '',
    },
    why: {
      en: 'Uses only the clipped term clip(r)·A, dropping the min with r·A, so a bad action (A < 0) whose ratio grew past 1 + ε is no longer penalised in full.',
      zh: '',
    },
    edits: [
      [
        '    const perToken = tf.add(tf.neg(tf.minimum(unclipped, clipped)), kl);',
        '    const perToken = tf.add(tf.neg(clipped), kl);',
      ],
    ],
  },
  {
    id: 'default-beta-zero',
    hint: {
      en: "Defaults β to 0 (TRL's current default) instead of the paper's 0.04 pinned here, so the KL term silently disappears and a missing refLogp is accepted.",
      zh: '',
    },
    why: {
      en: "Defaults β to 0 (TRL's current default) instead of the paper's 0.04 pinned here, so the KL term silently disappears and a missing refLogp is accepted.",
      zh: '',
    },
    edits: [['  const beta = opts.beta ?? 0.04;', '  const beta = opts.beta ?? 0;']],
  },
  {
    id: 'eps-inside-sqrt',
    hint: {
      en: 'Adds eps inside the square root, sqrt(var + eps), as in layer norm, instead of std + eps as TRL does.',
      zh: '',
    },
    why: {
      en: 'Adds eps inside the square root, sqrt(var + eps), as in layer norm, instead of std + eps as TRL does.',
      zh: '',
    },
    edits: [
      ['  return Math.sqrt(ss / (xs.length - 1));', '  return Math.sqrt(ss / (xs.length - 1) + 1e-4);'],
      [
        '    return group.map((r) => (std === 0 ? 0 : (r - mean) / (std + eps)));',
        '    return group.map((r) => (std === 0 ? 0 : (r - mean) / std));',
      ],
    ],
  },
  {
    id: 'interleaved-groups',
    hint: {
      en: 'Takes group g as every (N/G)-th reward (rewards[g], rewards[g + N/G], …, a view(G, −1) transpose) instead of the contiguous run TRL gets from view(−1, G).',
      zh: '',
    },
    why: {
      en: 'Takes group g as every (N/G)-th reward (rewards[g], rewards[g + N/G], …, a view(G, −1) transpose) instead of the contiguous run TRL gets from view(−1, G).',
      zh: '',
    },
    edits: [
      [
        '    rewards.slice(g * groupSize, (g + 1) * groupSize),',
        '    Array.from({ length: groupSize }, (_, j) => rewards[g + j * (rewards.length / groupSize)] as number),',
      ],
    ],
  },
  {
    id: 'inverted-k3',
    hint: {
      en: 'Swaps the arguments in k3: exp(logp − ref) − (logp − ref) − 1 estimates KL(π_ref‖π), not KL(π‖π_ref); still ≥ 0, so only values catch it.',
      zh: '',
    },
    why: {
      en: 'Swaps the arguments in k3: exp(logp − ref) − (logp − ref) − 1 estimates KL(π_ref‖π), not KL(π‖π_ref); still ≥ 0, so only values catch it.',
      zh: '',
    },
    edits: [['    const d = tf.sub(refLogp, logp);', '    const d = tf.sub(logp, refLogp);']],
  },
  {
    id: 'k1-kl',
    hint: {
      en: 'Uses the naive k1 estimator logp − ref (unbiased but can be negative per token) instead of the k3 estimator of DeepSeekMath eq. 4.',
      zh: '',
    },
    why: {
      en: 'Uses the naive k1 estimator logp − ref (unbiased but can be negative per token) instead of the k3 estimator of DeepSeekMath eq. 4.',
      zh: '',
    },
    edits: [['    return tf.exp(d).sub(d).sub(1) as tf.Tensor2D;', '    return tf.neg(d) as tf.Tensor2D;']],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Computes the loss without tf.tidy, so the ratio, clipped terms, k3 and sums are never disposed: every training step leaks a dozen tensors.',
      zh: '',
    },
    why: {
      en: 'Computes the loss without tf.tidy, so the ratio, clipped terms, k3 and sums are never disposed: every training step leaks a dozen tensors.',
      zh: '',
    },
    edits: [
      [
        "\n  return tf.tidy(() => {\n    const m = tf.cast(mask, 'float32');",
        "\n  return (() => {\n    const m = tf.cast(mask, 'float32');",
      ],
      [
        '    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;\n  });',
        '    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;\n  })();',
      ],
    ],
  },
  {
    id: 'mask-ignored',
    hint: {
      en: 'Averages over every position, padding included (tf.mean of the per-token loss), instead of over the unmasked tokens only.',
      zh: '',
    },
    why: {
      en: 'Averages over every position, padding included (tf.mean of the per-token loss), instead of over the unmasked tokens only.',
      zh: '',
    },
    edits: [
      [
        "    const masked = tf.mul(perToken, m);\n    if (aggregation === 'sequence') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;\n    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;",
        "    const masked = perToken;\n    if (aggregation === 'sequence') return tf.mean(tf.mean(masked, 1)) as tf.Scalar;\n    return tf.mean(masked) as tf.Scalar;",
      ],
    ],
  },
  {
    id: 'max-for-min',
    hint: {
      en: 'Takes the max of the two surrogate terms (the loss is minimised, so "the pessimistic bound" gets flipped when moving the minus sign).',
      zh: '',
    },
    why: {
      en: 'Takes the max of the two surrogate terms (the loss is minimised, so "the pessimistic bound" gets flipped when moving the minus sign).',
      zh: '',
    },
    edits: [
      [
        '    const perToken = tf.add(tf.neg(tf.minimum(unclipped, clipped)), kl);',
        '    const perToken = tf.add(tf.neg(tf.maximum(unclipped, clipped)), kl);',
      ],
    ],
  },
  {
    id: 'nan-constant-group',
    hint: {
      en: 'Divides by std + eps without a special case; fine for eps > 0, but with eps 0 a constant group gives 0/0 = NaN (and rounding in the mean can give huge values).',
      zh: '',
    },
    why: {
      en: 'Divides by std + eps without a special case; fine for eps > 0, but with eps 0 a constant group gives 0/0 = NaN (and rounding in the mean can give huge values).',
      zh: '',
    },
    edits: [
      [
        '    return group.map((r) => (std === 0 ? 0 : (r - mean) / (std + eps)));',
        '    return group.map((r) => (r - mean) / (std + eps));',
      ],
    ],
  },
]);
