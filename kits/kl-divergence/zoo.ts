import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'batchmean-is-mean',
    hint: {
      en: "treats 'batchmean' like 'mean', dividing by every element: the belief that PyTorch's 'mean' reduction is the KL, when it is the KL divided by V as well.",
      zh: '',
    },
    why: {
      en: "treats 'batchmean' like 'mean', dividing by every element: the belief that PyTorch's 'mean' reduction is the KL, when it is the KL divided by V as well.",
      zh: '',
    },
    edits: [['    return tf.div(tf.sum(pointwise), input.shape[0] as number);', '    return tf.mean(pointwise);']],
  },
  {
    id: 'broadcasts-shapes',
    hint: {
      en: 'never compares the two shapes and lets tfjs broadcast: p of shape [3] against q of [1, 3] or [3, 1] silently returns a result of the wrong shape instead of a RangeError.',
      zh: '',
    },
    why: {
      en: 'never compares the two shapes and lets tfjs broadcast: p of shape [3] against q of [1, 3] or [3, 1] silently returns a result of the wrong shape instead of a RangeError.',
      zh: '',
    },
    edits: [['  if (a.rank !== b.rank || a.shape.some((dim, i) => dim !== b.shape[i])) {', '  if (b.rank === 0) {']],
  },
  {
    id: 'default-batchmean',
    hint: {
      en: "defaults to reduction 'batchmean' (what PyTorch recommends) instead of PyTorch's actual default 'mean'.",
      zh: '',
    },
    why: {
      en: "defaults to reduction 'batchmean' (what PyTorch recommends) instead of PyTorch's actual default 'mean'.",
      zh: '',
    },
    edits: [["  const reduction = opts.reduction ?? 'mean';", "  const reduction = opts.reduction ?? 'batchmean';"]],
  },
  {
    id: 'entropy-sign',
    hint: { en: 'returns Σ p log p for the entropy, forgetting the minus sign: H(p) comes out ≤ 0.', zh: '' },
    why: { en: 'returns Σ p log p for the entropy, forgetting the minus sign: H(p) comes out ≤ 0.', zh: '' },
    edits: [['    return tf.neg(expectation(logP, logP));', '    return expectation(logP, logP);']],
  },
  {
    id: 'keeps-last-axis',
    hint: {
      en: 'reduces the last axis with keepDims (as in the log-sum-exp), so entropy, cross-entropy and KL come back as [..., 1] instead of [...].',
      zh: '',
    },
    why: {
      en: 'reduces the last axis with keepDims (as in the log-sum-exp), so entropy, cross-entropy and KL come back as [..., 1] instead of [...].',
      zh: '',
    },
    edits: [
      [
        '  return tf.sum(tf.where(tf.greater(p, 0), tf.mul(p, values), tf.zerosLike(p)), -1);',
        '  return tf.sum(tf.where(tf.greater(p, 0), tf.mul(p, values), tf.zerosLike(p)), -1, true);',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'does the tensor work outside tf.tidy and never disposes the intermediates (log-softmax, exp, masks), so every call leaks a handful of tensors.',
      zh: '',
    },
    why: {
      en: 'does the tensor work outside tf.tidy and never disposes the intermediates (log-softmax, exp, masks), so every call leaks a handful of tensors.',
      zh: '',
    },
    edits: [
      [
        '  return tf.tidy(() => tf.neg(expectation(logSoftmax(pLogits), logSoftmax(qLogits))));',
        '  return tf.neg(expectation(logSoftmax(pLogits), logSoftmax(qLogits)));',
      ],
      [
        '  return tf.tidy(() => {\n    const logP = logSoftmax(pLogits);\n    return expectation(logP, tf.sub(logP, logSoftmax(qLogits)));\n  });',
        '  const logP = logSoftmax(pLogits);\n  return expectation(logP, tf.sub(logP, logSoftmax(qLogits)));',
      ],
    ],
  },
  {
    id: 'log-of-softmax',
    hint: {
      en: 'takes log(softmax(x)): exact for moderate logits, but a probability below ~1e-45 underflows to 0 in float32 and log 0 = −Infinity, so logits of ±1e3 give Infinity or NaN.',
      zh: '',
    },
    why: {
      en: 'takes log(softmax(x)): exact for moderate logits, but a probability below ~1e-45 underflows to 0 in float32 and log 0 = −Infinity, so logits of ±1e3 give Infinity or NaN.',
      zh: '',
    },
    edits: [
      [
        '  return tf.tidy(() => {\n    // (x − max) − log Σ exp(x − max): subtracting the small log Σ last keeps it exact near the top\n    // (x − logsumexp(x) rounds it away next to logits of 1e4).\n    const shifted = tf.sub(logits, tf.max(logits, -1, true));\n    return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));\n  });',
        '  return tf.tidy(() => tf.log(tf.softmax(logits)));',
      ],
    ],
  },
  {
    id: 'log-target-ignored',
    hint: {
      en: 'ignores logTarget: a target of log-probabilities is used as probabilities, so with logTarget: true the loss is nonsense (or NaN from log of a negative number).',
      zh: '',
    },
    why: {
      en: 'ignores logTarget: a target of log-probabilities is used as probabilities, so with logTarget: true the loss is nonsense (or NaN from log of a negative number).',
      zh: '',
    },
    edits: [['  const logTarget = opts.logTarget ?? false;', '  const logTarget = false;']],
  },
  {
    id: 'log2',
    hint: {
      en: 'measures in bits (log base 2, as in information theory textbooks) instead of nats: every entropy, cross-entropy and KL is 1/ln 2 ≈ 1.44 times too large.',
      zh: '',
    },
    why: {
      en: 'measures in bits (log base 2, as in information theory textbooks) instead of nats: every entropy, cross-entropy and KL is 1/ln 2 ≈ 1.44 times too large.',
      zh: '',
    },
    edits: [['  const p = tf.exp(logP);', '  const p = tf.exp(logP);\n  values = tf.div(values, Math.LN2);']],
  },
  {
    id: 'none-sums-rows',
    hint: {
      en: "returns the per-row KL for reduction 'none' (summing the last axis) instead of the elementwise loss of the input's shape, as PyTorch does.",
      zh: '',
    },
    why: {
      en: "returns the per-row KL for reduction 'none' (summing the last axis) instead of the elementwise loss of the input's shape, as PyTorch does.",
      zh: '',
    },
    edits: [
      [
        "    if (reduction === 'none') return pointwise;",
        "    if (reduction === 'none') return tf.sum(pointwise, -1);",
      ],
    ],
  },
  {
    id: 'probabilities-as-input',
    hint: {
      en: "treats klDivLoss's input as the probabilities q and takes their log again: PyTorch's kl_div expects log-probabilities as input (only the target is probabilities).",
      zh: '',
    },
    why: {
      en: "treats klDivLoss's input as the probabilities q and takes their log again: PyTorch's kl_div expects log-probabilities as input (only the target is probabilities).",
      zh: '',
    },
    edits: [
      [
        '    const pointwise = tf.where(tf.greater(p, 0), tf.mul(p, tf.sub(logP, input)), tf.zerosLike(p));',
        '    const pointwise = tf.where(tf.greater(p, 0), tf.mul(p, tf.sub(logP, tf.log(input))), tf.zerosLike(p));',
      ],
    ],
  },
  {
    id: 'swapped-order',
    hint: {
      en: "computes KL(q‖p) instead of KL(p‖q): the two arguments swapped, easy to do after PyTorch's kl_div(log q, p) taught that the distribution being fitted comes first.",
      zh: '',
    },
    why: {
      en: "computes KL(q‖p) instead of KL(p‖q): the two arguments swapped, easy to do after PyTorch's kl_div(log q, p) taught that the distribution being fitted comes first.",
      zh: '',
    },
    edits: [
      [
        '    const logP = logSoftmax(pLogits);\n    return expectation(logP, tf.sub(logP, logSoftmax(qLogits)));',
        '    const logQ = logSoftmax(qLogits);\n    return expectation(logQ, tf.sub(logQ, logSoftmax(pLogits)));',
      ],
    ],
  },
  {
    id: 'target-not-validated',
    hint: {
      en: 'never checks the target: a negative probability is silently skipped by the p > 0 select (or gives log(−0.1) = NaN in a version without it) instead of raising RangeError.',
      zh: '',
    },
    why: {
      en: 'never checks the target: a negative probability is silently skipped by the p > 0 select (or gives log(−0.1) = NaN in a version without it) instead of raising RangeError.',
      zh: '',
    },
    edits: [
      [
        '      if (!(p >= 0)) throw new RangeError(`target: probabilities must be >= 0, got ${p} at flat index ${i}`);',
        '      if (p > Infinity) throw new RangeError(`target: probabilities must be >= 0, got ${p} at flat index ${i}`);',
      ],
    ],
  },
  {
    id: 'zero-times-log-zero',
    hint: {
      en: 'multiplies p·(log p − log q) without selecting p > 0 away: a −Infinity logit in p gives 0·(−Infinity) = NaN instead of 0·log 0 = 0.',
      zh: '',
    },
    why: {
      en: 'multiplies p·(log p − log q) without selecting p > 0 away: a −Infinity logit in p gives 0·(−Infinity) = NaN instead of 0·log 0 = 0.',
      zh: '',
    },
    edits: [
      [
        '  return tf.sum(tf.where(tf.greater(p, 0), tf.mul(p, values), tf.zerosLike(p)), -1);',
        '  return tf.sum(tf.mul(p, values), -1);',
      ],
    ],
  },
]);
