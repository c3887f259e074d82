import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'count-includes-bias',
    hint: {
      en: 'adds each adapted layer\'s bias (dOut) to the trainable count, though LoRA freezes it (PEFT bias="none").',
      zh: '',
    },
    why: {
      en: 'adds each adapted layer\'s bias (dOut) to the trainable count, though LoRA freezes it (PEFT bias="none").',
      zh: '',
    },
    file: 'zoo/count-includes-bias.ts',
  },
  {
    id: 'count-square-assumption',
    hint: {
      en: 'counts every adapted matrix as 2·r·hidden (assumes all projections are hidden × hidden): right for q/v on Llama-2-7B, wrong for GQA k/v, the MLP and heads·headDim ≠ hidden.',
      zh: '',
    },
    why: {
      en: 'counts every adapted matrix as 2·r·hidden (assumes all projections are hidden × hidden): right for q/v on Llama-2-7B, wrong for GQA k/v, the MLP and heads·headDim ≠ hidden.',
      zh: '',
    },
    file: 'zoo/count-square-assumption.ts',
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'builds the forward pass without tf.tidy, so the reshape, x·W, x·A, (x·A)·B and the sums stay allocated after every call.',
      zh: '',
    },
    why: {
      en: 'builds the forward pass without tf.tidy, so the reshape, x·W, x·A, (x·A)·B and the sums stay allocated after every call.',
      zh: '',
    },
    file: 'zoo/leaks-tensors.ts',
  },
  {
    id: 'merge-ba-order',
    hint: {
      en: "copies loralib's T(B @ A) into the [in, out] layout: forms (A·B)ᵀ via B·A-style transposes, which is [dOut, dIn]; on square W it silently adds the transpose, on non-square W tf.add fails with a broadcast error.",
      zh: '',
    },
    why: {
      en: "copies loralib's T(B @ A) into the [in, out] layout: forms (A·B)ᵀ via B·A-style transposes, which is [dOut, dIn]; on square W it silently adds the transpose, on non-square W tf.add fails with a broadcast error.",
      zh: '',
    },
    file: 'zoo/merge-ba-order.ts',
  },
  {
    id: 'merge-no-scaling',
    hint: {
      en: 'mergeLora and unmergeLora add A·B without the scaling s, so the merged model differs from the adapter forward pass unless s = 1.',
      zh: '',
    },
    why: {
      en: 'mergeLora and unmergeLora add A·B without the scaling s, so the merged model differs from the adapter forward pass unless s = 1.',
      zh: '',
    },
    file: 'zoo/merge-no-scaling.ts',
  },
  {
    id: 'no-validation',
    hint: {
      en: 'skips every check: a mismatched x or A/B silently broadcasts or fails deep inside tfjs with a plain Error instead of a RangeError, and r = 0 or alpha ≤ 0 return Infinity or a negative scale.',
      zh: '',
    },
    why: {
      en: 'skips every check: a mismatched x or A/B silently broadcasts or fails deep inside tfjs with a plain Error instead of a RangeError, and r = 0 or alpha ≤ 0 return Infinity or a negative scale.',
      zh: '',
    },
    file: 'zoo/no-validation.ts',
  },
  {
    id: 'rslora-r-squared',
    hint: {
      en: 'rsLoRA divides by r² instead of √r (remembers "rank-stabilised" changes the power of r, but not which way).',
      zh: '',
    },
    why: {
      en: 'rsLoRA divides by r² instead of √r (remembers "rank-stabilised" changes the power of r, but not which way).',
      zh: '',
    },
    file: 'zoo/rslora-r-squared.ts',
  },
  {
    id: 'scale-alpha',
    hint: {
      en: 'scales the adapter by alpha instead of alpha/r (forgets the 1/r), so every update is r times too large; easy to miss because alpha = r (PEFT default 8/8) gives s = 1 either way.',
      zh: '',
    },
    why: {
      en: 'scales the adapter by alpha instead of alpha/r (forgets the 1/r), so every update is r times too large; easy to miss because alpha = r (PEFT default 8/8) gives s = 1 either way.',
      zh: '',
    },
    file: 'zoo/scale-alpha.ts',
  },
  {
    id: 'scale-r-over-alpha',
    hint: {
      en: 'inverts the scaling to r/alpha (mixing up which of the two hyper-parameters is the numerator); alpha = r hides it.',
      zh: '',
    },
    why: {
      en: 'inverts the scaling to r/alpha (mixing up which of the two hyper-parameters is the numerator); alpha = r hides it.',
      zh: '',
    },
    file: 'zoo/scale-r-over-alpha.ts',
  },
  {
    id: 'unmerge-adds',
    hint: {
      en: 'unmergeLora adds s·A·B again instead of subtracting it (copy-paste from mergeLora), so unmerge∘merge gives W + 2·s·A·B.',
      zh: '',
    },
    why: {
      en: 'unmergeLora adds s·A·B again instead of subtracting it (copy-paste from mergeLora), so unmerge∘merge gives W + 2·s·A·B.',
      zh: '',
    },
    file: 'zoo/unmerge-adds.ts',
  },
  {
    id: 'zero-a-random-b',
    hint: {
      en: 'swaps the init roles (random B, zero A, as loralib\'s Embedding does): the adapter still starts as the identity change, but the spec (and loralib\'s Linear, the paper) pin B = 0 and a non-zero A; a learner who remembers only "one of them is zero" picks the wrong one.',
      zh: '',
    },
    why: {
      en: 'swaps the init roles (random B, zero A, as loralib\'s Embedding does): the adapter still starts as the identity change, but the spec (and loralib\'s Linear, the paper) pin B = 0 and a non-zero A; a learner who remembers only "one of them is zero" picks the wrong one.',
      zh: '',
    },
    file: 'zoo/zero-a-random-b.ts',
  },
]);
