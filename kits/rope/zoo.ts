import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'base-ignored',
    hint: {
      en: 'hard-codes base 10000 in inv_freq and ignores options.base, so NTK-style base changes (e.g. 500000 in Llama 3) have no effect.',
      zh: '',
    },
    why: {
      en: 'hard-codes base 10000 in inv_freq and ignores options.base, so NTK-style base changes (e.g. 500000 in Llama 3) have no effect.',
      zh: '',
    },
    file: 'zoo/base-ignored.ts',
  },
  {
    id: 'complex-output',
    hint: {
      en: "copies Meta's view_as_complex recipe with tf.complex (x[2i] + i·x[2i+1] times e^{iθ}) but returns the complex64 product itself, without the view_as_real step, so the result is a complex64 tensor of shape [..., T, D/2] instead of float32 [..., T, D].",
      zh: '',
    },
    why: {
      en: "copies Meta's view_as_complex recipe with tf.complex (x[2i] + i·x[2i+1] times e^{iθ}) but returns the complex64 product itself, without the view_as_real step, so the result is a complex64 tensor of shape [..., T, D/2] instead of float32 [..., T, D].",
      zh: '',
    },
    file: 'zoo/complex-output.ts',
  },
  {
    id: 'default-interleaved',
    hint: {
      en: "defaults to the 'interleaved' style (the paper's and Meta's layout) instead of 'half', so a default call disagrees with HuggingFace weights; a learner who learnt RoPE from the paper's complex form mixes the conventions.",
      zh: '',
    },
    why: {
      en: "defaults to the 'interleaved' style (the paper's and Meta's layout) instead of 'half', so a default call disagrees with HuggingFace weights; a learner who learnt RoPE from the paper's complex form mixes the conventions.",
      zh: '',
    },
    file: 'zoo/default-interleaved.ts',
  },
  {
    id: 'flipped-sine-sign',
    hint: {
      en: 'rotates by −θ (out_a = a·cos + b·sin, out_b = b·cos − a·sin): the sign of rotate_half is easy to misremember, and norms and relative positions are still preserved, so only pinned vectors catch it.',
      zh: '',
    },
    why: {
      en: 'rotates by −θ (out_a = a·cos + b·sin, out_b = b·cos − a·sin): the sign of rotate_half is easy to misremember, and norms and relative positions are still preserved, so only pinned vectors catch it.',
      zh: '',
    },
    file: 'zoo/flipped-sine-sign.ts',
  },
  {
    id: 'half-interleaved-freqs',
    hint: {
      en: "pairs x[i] with x[i+D/2] (rotate_half) but builds the [T, D] cos/sin table by repeating each frequency twice ([f0, f0, f1, f1, …], Meta's interleaved layout) instead of cat(freqs, freqs), so most pairs rotate by the wrong angle and the two halves of a pair even disagree. Learners mix the two published recipes.",
      zh: '',
    },
    why: {
      en: "pairs x[i] with x[i+D/2] (rotate_half) but builds the [T, D] cos/sin table by repeating each frequency twice ([f0, f0, f1, f1, …], Meta's interleaved layout) instead of cat(freqs, freqs), so most pairs rotate by the wrong angle and the two halves of a pair even disagree. Learners mix the two published recipes.",
      zh: '',
    },
    file: 'zoo/half-interleaved-freqs.ts',
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'builds the angle, cos, sin and split tensors without tf.tidy and never disposes them, so every call leaks about a dozen tensors (GPU memory in a real model).',
      zh: '',
    },
    why: {
      en: 'builds the angle, cos, sin and split tensors without tf.tidy and never disposes them, so every call leaks about a dozen tensors (GPU memory in a real model).',
      zh: '',
    },
    file: 'zoo/leaks-tensors.ts',
  },
  {
    id: 'missing-factor-two',
    hint: {
      en: "inv_freq = base^(−i/D) for i < D/2 instead of base^(−2i/D): the 2 in the paper's θ_i = base^(−2(i−1)/d) is dropped, so the slowest pair turns far too fast.",
      zh: '',
    },
    why: {
      en: "inv_freq = base^(−i/D) for i < D/2 instead of base^(−2i/D): the 2 in the paper's θ_i = base^(−2(i−1)/d) is dropped, so the slowest pair turns far too fast.",
      zh: '',
    },
    file: 'zoo/missing-factor-two.ts',
  },
  {
    id: 'no-validation',
    hint: {
      en: 'validates nothing: odd D, rank < 2, a wrong positions length, base <= 0 or an unknown style either crash inside tfjs with a plain Error or silently return garbage (an unknown style falls into the interleaved branch), never a RangeError.',
      zh: '',
    },
    why: {
      en: 'validates nothing: odd D, rank < 2, a wrong positions length, base <= 0 or an unknown style either crash inside tfjs with a plain Error or silently return garbage (an unknown style falls into the interleaved branch), never a RangeError.',
      zh: '',
    },
    file: 'zoo/no-validation.ts',
  },
  {
    id: 'positions-ignored',
    hint: {
      en: 'always uses positions 0..T−1 and ignores options.positions, so decoding with a KV cache (positions [5, 6, 7]) rotates the new tokens as if they started the sequence.',
      zh: '',
    },
    why: {
      en: 'always uses positions 0..T−1 and ignores options.positions, so decoding with a KV cache (positions [5, 6, 7]) rotates the new tokens as if they started the sequence.',
      zh: '',
    },
    file: 'zoo/positions-ignored.ts',
  },
  {
    id: 'wrong-shape-flattened',
    hint: {
      en: 'folds every leading axis into one ([B·H, T, D]) to broadcast the [T, D/2] table and forgets to reshape back, so a rank-4 [B, H, T, D] input comes back rank 3 (and rank 2 comes back [1, T, D]).',
      zh: '',
    },
    why: {
      en: 'folds every leading axis into one ([B·H, T, D]) to broadcast the [T, D/2] table and forgets to reshape back, so a rank-4 [B, H, T, D] input comes back rank 3 (and rank 2 comes back [1, T, D]).',
      zh: '',
    },
    file: 'zoo/wrong-shape-flattened.ts',
  },
]);
