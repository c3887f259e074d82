import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'causal-default-true',
    hint: {
      en: 'causal defaults to true because decoder-only models always mask; the contract says it defaults to false.',
      zh: '',
    },
    why: {
      en: 'causal defaults to true because decoder-only models always mask; the contract says it defaults to false.',
      zh: '',
    },
    file: 'zoo/causal-default-true.ts',
  },
  {
    id: 'causal-off-by-one',
    hint: {
      en: "the mask uses j < i + (Tk − Tq), hiding each query's own (diagonal) key; the first query of self-attention then sees nothing.",
      zh: '',
    },
    why: {
      en: "the mask uses j < i + (Tk − Tq), hiding each query's own (diagonal) key; the first query of self-attention then sees nothing.",
      zh: '',
    },
    file: 'zoo/causal-off-by-one.ts',
  },
  {
    id: 'causal-top-left',
    hint: {
      en: 'the causal mask is the square-matrix tril (j <= i), aligned top-left; it is right only when Tq = Tk, not for a KV cache where Tq < Tk.',
      zh: '',
    },
    why: {
      en: 'the causal mask is the square-matrix tril (j <= i), aligned top-left; it is right only when Tq = Tk, not for a KV cache where Tq < Tk.',
      zh: '',
    },
    file: 'zoo/causal-top-left.ts',
  },
  {
    id: 'global-max-softmax',
    hint: {
      en: "softmax subtracts the maximum of the whole score tensor instead of each row's maximum; rows far below the global max underflow to 0 / 0 = NaN.",
      zh: '',
    },
    why: {
      en: "softmax subtracts the maximum of the whole score tensor instead of each row's maximum; rows far below the global max underflow to 0 / 0 = NaN.",
      zh: '',
    },
    file: 'zoo/global-max-softmax.ts',
  },
  {
    id: 'head-layout-no-transpose',
    hint: {
      en: "the projection [B, T, H·Dh] is reshaped straight to [B, H, T, Dh] (and merged back the same way) without a transpose, so 'heads' are slices of the flattened time axis; only shows with several heads and T > 1.",
      zh: '',
    },
    why: {
      en: "the projection [B, T, H·Dh] is reshaped straight to [B, H, T, Dh] (and merged back the same way) without a transpose, so 'heads' are slices of the flattened time axis; only shows with several heads and T > 1.",
      zh: '',
    },
    file: 'zoo/head-layout-no-transpose.ts',
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'no tf.tidy: every intermediate (repeated k and v, scores, mask, softmax) stays allocated, leaking memory on every call.',
      zh: '',
    },
    why: {
      en: 'no tf.tidy: every intermediate (repeated k and v, scores, mask, softmax) stays allocated, leaking memory on every call.',
      zh: '',
    },
    file: 'zoo/leaks-tensors.ts',
  },
  {
    id: 'modulo-grouping',
    hint: {
      en: "kv heads are expanded with tf.tile, so query head h reads kv head h % Hkv instead of floor(h / G); tile looks like the obvious 'repeat', and MHA/MQA cannot tell the two apart.",
      zh: '',
    },
    why: {
      en: "kv heads are expanded with tf.tile, so query head h reads kv head h % Hkv instead of floor(h / G); tile looks like the obvious 'repeat', and MHA/MQA cannot tell the two apart.",
      zh: '',
    },
    file: 'zoo/modulo-grouping.ts',
  },
  {
    id: 'naive-softmax',
    hint: {
      en: 'softmax written as exp(s) / sum(exp(s)) without subtracting the row max; exp overflows float32 for scores above ~88 and the output turns NaN.',
      zh: '',
    },
    why: {
      en: 'softmax written as exp(s) / sum(exp(s)) without subtracting the row max; exp overflows float32 for scores above ~88 and the output turns NaN.',
      zh: '',
    },
    file: 'zoo/naive-softmax.ts',
  },
  {
    id: 'no-scale',
    hint: { en: 'the 1/sqrt(D) factor is forgotten; softmax still sums to 1, so the output looks plausible.', zh: '' },
    why: { en: 'the 1/sqrt(D) factor is forgotten; softmax still sums to 1, so the output looks plausible.', zh: '' },
    file: 'zoo/no-scale.ts',
  },
  {
    id: 'no-validation',
    hint: {
      en: "no shape checks: mismatched shapes surface as tfjs's plain Error (or silently produce NaN for causal Tq > Tk) instead of RangeError.",
      zh: '',
    },
    why: {
      en: "no shape checks: mismatched shapes surface as tfjs's plain Error (or silently produce NaN for causal Tq > Tk) instead of RangeError.",
      zh: '',
    },
    file: 'zoo/no-validation.ts',
  },
  {
    id: 'scale-one-over-d',
    hint: {
      en: "scores are divided by D instead of sqrt(D), misremembering the 'scaled' in scaled dot-product attention.",
      zh: '',
    },
    why: {
      en: "scores are divided by D instead of sqrt(D), misremembering the 'scaled' in scaled dot-product attention.",
      zh: '',
    },
    file: 'zoo/scale-one-over-d.ts',
  },
  {
    id: 'self-attention-scale-dmodel',
    hint: {
      en: 'self-attention scales scores by 1/sqrt(dModel) instead of 1/sqrt(Dh), the head size; the two agree only with a single head.',
      zh: '',
    },
    why: {
      en: 'self-attention scales scores by 1/sqrt(dModel) instead of 1/sqrt(Dh), the head size; the two agree only with a single head.',
      zh: '',
    },
    file: 'zoo/self-attention-scale-dmodel.ts',
  },
  {
    id: 'transposed-output',
    hint: {
      en: 'returns [B, Tq, Hq, D] (the layout before the heads are merged back) instead of [B, Hq, Tq, D].',
      zh: '',
    },
    why: {
      en: 'returns [B, Tq, Hq, D] (the layout before the heads are merged back) instead of [B, Hq, Tq, D].',
      zh: '',
    },
    file: 'zoo/transposed-output.ts',
  },
]);
