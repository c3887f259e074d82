import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'beta-outside-logsigmoid',
    hint: {
      en: 'β·(−logσ(h)) instead of −logσ(β·h): β scales the loss rather than the margin inside the sigmoid.',
      zh: '',
    },
    why: {
      en: 'β·(−logσ(h)) instead of −logσ(β·h): β scales the loss rather than the margin inside the sigmoid.',
      zh: '',
    },
    edits: [
      [
        '      const z = tf.mul(h, beta);\n      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps));',
        '      const z = h;\n      losses = tf.mul(tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps)), beta);',
      ],
    ],
  },
  {
    id: 'chosen-rejected-swapped',
    hint: {
      en: 'h = (πr − πc) − (refr − refc): chosen and rejected swapped, an easy mix-up when reading the pair tuple in the other order.',
      zh: '',
    },
    why: {
      en: 'h = (πr − πc) − (refr − refc): chosen and rejected swapped, an easy mix-up when reading the pair tuple in the other order.',
      zh: '',
    },
    edits: [
      [
        '    const h = tf.sub(tf.sub(pc, pr), tf.sub(rc, rr));',
        '    const h = tf.sub(tf.sub(pr, pc), tf.sub(rr, rc));',
      ],
    ],
  },
  {
    id: 'epsilon-wrong-term',
    hint: { en: 'ε on the wrong term: (1−ε)·(−logσ(−βh)) + ε·(−logσ(βh)), the smoothing weights swapped.', zh: '' },
    why: { en: 'ε on the wrong term: (1−ε)·(−logσ(−βh)) + ε·(−logσ(βh)), the smoothing weights swapped.', zh: '' },
    edits: [
      [
        '      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps));',
        '      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), eps), tf.mul(tf.softplus(z), 1 - eps));',
      ],
    ],
  },
  {
    id: 'ipo-margin-one-over-beta',
    hint: {
      en: "IPO target margin 1/β instead of 1/(2β): the factor 2 of the IPO paper's τ = 1/(2β) dropped.",
      zh: '',
    },
    why: { en: "IPO target margin 1/β instead of 1/(2β): the factor 2 of the IPO paper's τ = 1/(2β) dropped.", zh: '' },
    edits: [
      [
        "    if (lossType === 'ipo') losses = tf.square(tf.sub(h, 1 / (2 * beta)));",
        "    if (lossType === 'ipo') losses = tf.square(tf.sub(h, 1 / beta));",
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'computes outside tf.tidy: every call leaves its intermediates (the shifted logits, log-sum-exp, h, the softplus terms) behind, a leak per training step.',
      zh: '',
    },
    why: {
      en: 'computes outside tf.tidy: every call leaves its intermediates (the shifted logits, log-sum-exp, h, the softplus terms) behind, a leak per training step.',
      zh: '',
    },
    edits: [
      [
        "  if (S === 0) return tf.zeros([B], 'float32');\n  return tf.tidy(() => {",
        "  if (S === 0) return tf.zeros([B], 'float32');\n  return (<T>(f: () => T) => f())(() => {",
      ],
      ['  return tf.tidy(() => {', '  return (<T>(f: () => T) => f())(() => {'],
    ],
  },
  {
    id: 'log-of-sigmoid',
    hint: {
      en: '−log(sigmoid(βh)) written literally: sigmoid underflows to 0 for βh ≈ −104 and the loss becomes Infinity.',
      zh: '',
    },
    why: {
      en: '−log(sigmoid(βh)) written literally: sigmoid underflows to 0 for βh ≈ −104 and the loss becomes Infinity.',
      zh: '',
    },
    edits: [
      [
        '      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps));',
        '      losses = tf.add(\n        tf.mul(tf.neg(tf.log(tf.sigmoid(z))), 1 - eps),\n        tf.mul(tf.neg(tf.log(tf.sigmoid(tf.neg(z)))), eps),\n      );',
      ],
    ],
  },
  {
    id: 'no-reference',
    hint: {
      en: 'h = πc − πr only: the reference model is forgotten (that is SimPO-like, not DPO); passes whenever refc = refr.',
      zh: '',
    },
    why: {
      en: 'h = πc − πr only: the reference model is forgotten (that is SimPO-like, not DPO); passes whenever refc = refr.',
      zh: '',
    },
    edits: [['    const h = tf.sub(tf.sub(pc, pr), tf.sub(rc, rr));', '    const h = tf.sub(pc, pr);']],
  },
  {
    id: 'no-shift',
    hint: {
      en: 'no shift: position t scores labels[t] instead of labels[t+1], as if the logits were already aligned with the labels.',
      zh: '',
    },
    why: {
      en: 'no shift: position t scores labels[t] instead of labels[t+1], as if the logits were already aligned with the labels.',
      zh: '',
    },
    edits: [['      const label = ids[b * T + t + 1] as number;', '      const label = ids[b * T + t] as number;']],
  },
  {
    id: 'prompt-counted',
    hint: {
      en: 'ignoreIndex never consulted: the -100 prompt labels are "counted" (clamped to token 0), so the prompt\'s log-probs leak into the sum.',
      zh: '',
    },
    why: {
      en: 'ignoreIndex never consulted: the -100 prompt labels are "counted" (clamped to token 0), so the prompt\'s log-probs leak into the sum.',
      zh: '',
    },
    edits: [
      [
        '      if (label === ignoreIndex) continue;',
        '      if (label === ignoreIndex) {\n        flatIndex[i] += 0;\n        weight[i] = 1;\n        (counts[b] as number) += 1;\n        continue;\n      }',
      ],
    ],
  },
  {
    id: 'token-mean-by-default',
    hint: {
      en: "averages over counted tokens even without average: true (IPO's convention applied to DPO), so long answers are not penalised as they should be.",
      zh: '',
    },
    why: {
      en: "averages over counted tokens even without average: true (IPO's convention applied to DPO), so long answers are not penalised as they should be.",
      zh: '',
    },
    edits: [['  const average = opts.average ?? false;', '  const average = opts.average ?? true;']],
  },
]);
