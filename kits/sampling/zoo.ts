import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'penalty-divides-all',
    hint: {
      en: "dividing every seen logit by the penalty, negative ones too (the naive reading of 'penalise'): a negative logit divided by penalty > 1 moves toward 0 and becomes MORE likely (−1 → −0.833 at 1.2).",
      zh: '',
    },
    why: {
      en: "dividing every seen logit by the penalty, negative ones too (the naive reading of 'penalise'): a negative logit divided by penalty > 1 moves toward 0 and becomes MORE likely (−1 → −0.833 at 1.2).",
      zh: '',
    },
    file: 'zoo/penalty-divides-all.ts',
  },
  {
    id: 'penalty-per-occurrence',
    hint: {
      en: "applying the penalty once per occurrence in previous instead of once per distinct id (a frequency penalty, not HF's repetition penalty): id 2 seen twice gives 0.5/1.2² = 0.347, not 0.417.",
      zh: '',
    },
    why: {
      en: "applying the penalty once per occurrence in previous instead of once per distinct id (a frequency penalty, not HF's repetition penalty): id 2 seen twice gives 0.5/1.2² = 0.347, not 0.417.",
      zh: '',
    },
    file: 'zoo/penalty-per-occurrence.ts',
  },
  {
    id: 'penalty-skips-id-check',
    hint: {
      en: 'not range-checking previous ids: an id ≥ vocabulary size silently does nothing and a negative one is ignored, instead of a RangeError.',
      zh: '',
    },
    why: {
      en: 'not range-checking previous ids: an id ≥ vocabulary size silently does nothing and a negative one is ignored, instead of a RangeError.',
      zh: '',
    },
    file: 'zoo/penalty-skips-id-check.ts',
  },
  {
    id: 'rng-per-token',
    hint: {
      en: 'drawing a fresh random number per token (sequential Bernoulli with renormalisation): the right distribution, but not one draw per call, so the same seed gives other tokens.',
      zh: '',
    },
    why: {
      en: 'drawing a fresh random number per token (sequential Bernoulli with renormalisation): the right distribution, but not one draw per call, so the same seed gives other tokens.',
      zh: '',
    },
    file: 'zoo/rng-per-token.ts',
  },
  {
    id: 'sampling-in-sorted-order',
    hint: {
      en: 'walking the CDF in descending-probability order (left over from the sorted top-p code) instead of vocabulary index order: the same u picks a different token.',
      zh: '',
    },
    why: {
      en: 'walking the CDF in descending-probability order (left over from the sorted top-p code) instead of vocabulary index order: the same u picks a different token.',
      zh: '',
    },
    file: 'zoo/sampling-in-sorted-order.ts',
  },
  {
    id: 'temperature-after-top-p',
    hint: {
      en: 'applying temperature after the filters: the nucleus is chosen on the unscaled distribution, so a low temperature no longer narrows it (HF: temperature → top-k → top-p).',
      zh: '',
    },
    why: {
      en: 'applying temperature after the filters: the nucleus is chosen on the unscaled distribution, so a low temperature no longer narrows it (HF: temperature → top-k → top-p).',
      zh: '',
    },
    file: 'zoo/temperature-after-top-p.ts',
  },
  {
    id: 'temperature-zero-is-greedy',
    hint: {
      en: 'treating t = 0 as greedy decoding instead of throwing RangeError (greedy is a separate mode; t must be > 0).',
      zh: '',
    },
    why: {
      en: 'treating t = 0 as greedy decoding instead of throwing RangeError (greedy is a separate mode; t must be > 0).',
      zh: '',
    },
    file: 'zoo/temperature-zero-is-greedy.ts',
  },
  {
    id: 'top-k-after-top-p',
    hint: {
      en: 'applying top-p before top-k: the nucleus is measured on the full distribution instead of the renormalised top-k one.',
      zh: '',
    },
    why: {
      en: 'applying top-p before top-k: the nucleus is measured on the full distribution instead of the renormalised top-k one.',
      zh: '',
    },
    file: 'zoo/top-k-after-top-p.ts',
  },
  {
    id: 'top-k-drops-ties',
    hint: {
      en: 'keeping exactly k indices after a sort, so tokens tied with the k-th value are dropped (HF keeps every score ≥ the k-th value): [1,3,3,3], k=2 keeps two 3s.',
      zh: '',
    },
    why: {
      en: 'keeping exactly k indices after a sort, so tokens tied with the k-th value are dropped (HF keeps every score ≥ the k-th value): [1,3,3,3], k=2 keeps two 3s.',
      zh: '',
    },
    file: 'zoo/top-k-drops-ties.ts',
  },
  {
    id: 'top-k-mutates-input',
    hint: {
      en: "writing −∞ into the caller's logits array in place (saves an allocation), so the input is mutated.",
      zh: '',
    },
    why: {
      en: "writing −∞ into the caller's logits array in place (saves an allocation), so the input is mutated.",
      zh: '',
    },
    file: 'zoo/top-k-mutates-input.ts',
  },
  {
    id: 'top-p-drops-crossing-token',
    hint: {
      en: 'stopping before the token whose probability pushes the mass past p, so the kept mass is < p (HF keeps the crossing token): probs [.15,.3,.3,.25] at p=.8 lose the 0.25.',
      zh: '',
    },
    why: {
      en: 'stopping before the token whose probability pushes the mass past p, so the kept mass is < p (HF keeps the crossing token): probs [.15,.3,.3,.25] at p=.8 lose the 0.25.',
      zh: '',
    },
    file: 'zoo/top-p-drops-crossing-token.ts',
  },
  {
    id: 'top-p-ties-by-higher-index',
    hint: {
      en: 'breaking probability ties in favour of the higher index (a stable ascending sort reversed), against the pinned convention that the lower index counts as more probable.',
      zh: '',
    },
    why: {
      en: 'breaking probability ties in favour of the higher index (a stable ascending sort reversed), against the pinned convention that the lower index counts as more probable.',
      zh: '',
    },
    file: 'zoo/top-p-ties-by-higher-index.ts',
  },
  {
    id: 'top-p-unsorted',
    hint: {
      en: 'accumulating the nucleus mass in vocabulary index order instead of by descending probability (forgetting the sort).',
      zh: '',
    },
    why: {
      en: 'accumulating the nucleus mass in vocabulary index order instead of by descending probability (forgetting the sort).',
      zh: '',
    },
    file: 'zoo/top-p-unsorted.ts',
  },
]);
