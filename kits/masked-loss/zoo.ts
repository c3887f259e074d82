import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'boolean-mask',
    hint: {
      en: 'turns the mask into a 0/1 mask (mask > 0), so weights such as 0.5 or 2 count as 1 instead of weighting the nll.',
      zh: '',
    },
    why: {
      en: 'turns the mask into a 0/1 mask (mask > 0), so weights such as 0.5 or 2 count as 1 instead of weighting the nll.',
      zh: '',
    },
    file: 'zoo/boolean-mask.ts',
  },
  {
    id: 'divide-by-token-count',
    hint: {
      en: 'divides sum(mask·nll) by B·T, every token, instead of by sum(mask); the loss shrinks as padding grows (a plain .mean() after masking).',
      zh: '',
    },
    why: {
      en: 'divides sum(mask·nll) by B·T, every token, instead of by sum(mask); the loss shrinks as padding grows (a plain .mean() after masking).',
      zh: '',
    },
    file: 'zoo/divide-by-token-count.ts',
  },
  {
    id: 'gathers-placeholder-targets',
    hint: {
      en: 'gathers the raw targets, -100 placeholders included, and only then multiplies by the mask; tf.gather throws on the out-of-range index.',
      zh: '',
    },
    why: {
      en: 'gathers the raw targets, -100 placeholders included, and only then multiplies by the mask; tf.gather throws on the out-of-range index.',
      zh: '',
    },
    file: 'zoo/gathers-placeholder-targets.ts',
  },
  {
    id: 'ignore-index-ignored',
    hint: {
      en: 'hard-codes -100 as the ignored label and never reads the ignoreIndex argument, so a pad id passed as ignoreIndex is trained on.',
      zh: '',
    },
    why: {
      en: 'hard-codes -100 as the ignored label and never reads the ignoreIndex argument, so a pad id passed as ignoreIndex is trained on.',
      zh: '',
    },
    file: 'zoo/ignore-index-ignored.ts',
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'computes outside tf.tidy and never disposes the intermediates, so every training step leaks ~8 tensors.',
      zh: '',
    },
    why: {
      en: 'computes outside tf.tidy and never disposes the intermediates, so every training step leaks ~8 tensors.',
      zh: '',
    },
    file: 'zoo/leaks-tensors.ts',
  },
  {
    id: 'log-of-softmax',
    hint: {
      en: 'computes log(softmax(x)) instead of x − logsumexp(x): exact for moderate logits, but a target probability below ~1e-45 underflows to 0 and log 0 = −Infinity (NaN once multiplied by a 0 mask).',
      zh: '',
    },
    why: {
      en: 'computes log(softmax(x)) instead of x − logsumexp(x): exact for moderate logits, but a target probability below ~1e-45 underflows to 0 and log 0 = −Infinity (NaN once multiplied by a 0 mask).',
      zh: '',
    },
    file: 'zoo/log-of-softmax.ts',
  },
  {
    id: 'mask-not-validated',
    hint: {
      en: 'trusts the mask: a negative or NaN weight is used as is, silently flipping the gradient of a token or turning the loss into NaN.',
      zh: '',
    },
    why: {
      en: 'trusts the mask: a negative or NaN weight is used as is, silently flipping the gradient of a token or turning the loss into NaN.',
      zh: '',
    },
    file: 'zoo/mask-not-validated.ts',
  },
  {
    id: 'mean-of-sequence-means',
    hint: {
      en: 'averages each sequence over its own tokens, then averages the sequences, so a 1-token answer weighs as much as a 100-token one (per-sample mean, as in some DPO/GRPO code).',
      zh: '',
    },
    why: {
      en: 'averages each sequence over its own tokens, then averages the sequences, so a 1-token answer weighs as much as a 100-token one (per-sample mean, as in some DPO/GRPO code).',
      zh: '',
    },
    file: 'zoo/mean-of-sequence-means.ts',
  },
  {
    id: 'nan-when-mask-empty',
    hint: {
      en: 'no guard for sum(mask) = 0: returns 0/0 = NaN like PyTorch does, which poisons a whole training step when a batch holds only prompt tokens.',
      zh: '',
    },
    why: {
      en: 'no guard for sum(mask) = 0: returns 0/0 = NaN like PyTorch does, which poisons a whole training step when a batch holds only prompt tokens.',
      zh: '',
    },
    file: 'zoo/nan-when-mask-empty.ts',
  },
  {
    id: 'no-shift',
    hint: {
      en: 'forgets the shift: the logits at position t are scored against labels[t], the token they were fed, not the next one.',
      zh: '',
    },
    why: {
      en: 'forgets the shift: the logits at position t are scored against labels[t], the token they were fed, not the next one.',
      zh: '',
    },
    file: 'zoo/no-shift.ts',
  },
  {
    id: 'one-hot-needs-two-classes',
    hint: {
      en: 'picks the target logit with tf.oneHot, which throws for depth 1, so the valid V = 1 case crashes.',
      zh: '',
    },
    why: {
      en: 'picks the target logit with tf.oneHot, which throws for depth 1, so the valid V = 1 case crashes.',
      zh: '',
    },
    file: 'zoo/one-hot-needs-two-classes.ts',
  },
  {
    id: 'returns-shape-one',
    hint: {
      en: 'returns the loss as a 1-element vector of shape [1] (a sum with keepDims, then a reshape) instead of a tf.Scalar of shape [].',
      zh: '',
    },
    why: {
      en: 'returns the loss as a 1-element vector of shape [1] (a sum with keepDims, then a reshape) instead of a tf.Scalar of shape [].',
      zh: '',
    },
    file: 'zoo/returns-shape-one.ts',
  },
  {
    id: 'shift-wrong-direction',
    hint: {
      en: 'shifts the wrong way, logits[:, 1:] against labels[:, :-1]: each prediction is scored against the previous token.',
      zh: '',
    },
    why: {
      en: 'shifts the wrong way, logits[:, 1:] against labels[:, :-1]: each prediction is scored against the previous token.',
      zh: '',
    },
    file: 'zoo/shift-wrong-direction.ts',
  },
  {
    id: 'target-range-unchecked',
    hint: {
      en: 'picks the target logit with a one-hot product and never checks the range: a one-hot of an out-of-range target is all zeros, so a bad counted label silently scores logsumexp − 0 instead of raising RangeError.',
      zh: '',
    },
    why: {
      en: 'picks the target logit with a one-hot product and never checks the range: a one-hot of an out-of-range target is all zeros, so a bad counted label silently scores logsumexp − 0 instead of raising RangeError.',
      zh: '',
    },
    file: 'zoo/target-range-unchecked.ts',
  },
  {
    id: 'validates-masked-targets',
    hint: {
      en: 'checks every target is in [0, V) before looking at the mask, so the -100 placeholders under mask 0 (standard in SFT data) raise RangeError.',
      zh: '',
    },
    why: {
      en: 'checks every target is in [0, V) before looking at the mask, so the -100 placeholders under mask 0 (standard in SFT data) raise RangeError.',
      zh: '',
    },
    file: 'zoo/validates-masked-targets.ts',
  },
]);
