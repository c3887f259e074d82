import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'attend-all-slots',
    hint: {
      en: 'attends over all Tmax slots with the mask aligned to the end of the cache (as for a full key tensor), so queries see the empty zero slots after L+T and the softmax gives them weight.',
      zh: '',
    },
    why: {
      en: 'attends over all Tmax slots with the mask aligned to the end of the cache (as for a full key tensor), so queries see the empty zero slots after L+T and the softmax gives them weight.',
      zh: '',
    },
    file: 'zoo/attend-all-slots.ts',
  },
  {
    id: 'disposes-input-cache',
    hint: {
      en: 'disposes the caller\'s old cache tensors ("it is replaced anyway"), but the caller owns them: a beam or a retry that reuses the old cache now reads disposed tensors.',
      zh: '',
    },
    why: {
      en: 'disposes the caller\'s old cache tensors ("it is replaced anyway"), but the caller owns them: a beam or a retry that reuses the old cache now reads disposed tensors.',
      zh: '',
    },
    file: 'zoo/disposes-input-cache.ts',
  },
  {
    id: 'full-not-causal',
    hint: {
      en: 'mhaFull attends over every position (no causal mask: "there is no cache, so nothing to hide"), so each token sees the future; only the cached path is causal.',
      zh: '',
    },
    why: {
      en: 'mhaFull attends over every position (no causal mask: "there is no cache, so nothing to hide"), so each token sees the future; only the cached path is causal.',
      zh: '',
    },
    file: 'zoo/full-not-causal.ts',
  },
  {
    id: 'interleaved-rope',
    hint: {
      en: "rotates the interleaved pairs (2i, 2i+1) as in Meta's view_as_complex instead of the half-style pairs (i, i + Dh/2) the spec pins (HF rotate_half); identical at Dh = 2, different from Dh = 4 on.",
      zh: '',
    },
    why: {
      en: "rotates the interleaved pairs (2i, 2i+1) as in Meta's view_as_complex instead of the half-style pairs (i, i + Dh/2) the spec pins (HF rotate_half); identical at Dh = 2, different from Dh = 4 on.",
      zh: '',
    },
    file: 'zoo/interleaved-rope.ts',
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'no tf.tidy: the projections, rotated heads, cache slices, mask, scores and softmax all stay allocated after each call, leaking dozens of tensors per decoded token.',
      zh: '',
    },
    why: {
      en: 'no tf.tidy: the projections, rotated heads, cache slices, mask, scores and softmax all stay allocated after each call, leaking dozens of tensors per decoded token.',
      zh: '',
    },
    file: 'zoo/leaks-tensors.ts',
  },
  {
    id: 'length-not-advanced',
    hint: {
      en: 'returns the new cache with length L instead of L + T, so the next chunk writes over the tokens just added and never sees them.',
      zh: '',
    },
    why: {
      en: 'returns the new cache with length L instead of L + T, so the next chunk writes over the tokens just added and never sees them.',
      zh: '',
    },
    file: 'zoo/length-not-advanced.ts',
  },
  {
    id: 'mutates-cache-object',
    hint: {
      en: "updates the caller's cache object in place (cache.k = …, cache.length += T) and returns it, as a PyTorch module would with its buffers; the spec's cache is functional, and the caller's handle on the old cache now points at the new tensors.",
      zh: '',
    },
    why: {
      en: "updates the caller's cache object in place (cache.k = …, cache.length += T) and returns it, as a PyTorch module would with its buffers; the spec's cache is functional, and the caller's handle on the old cache now points at the new tensors.",
      zh: '',
    },
    file: 'zoo/mutates-cache-object.ts',
  },
  {
    id: 'no-cache-validation',
    hint: {
      en: 'trusts the cache: no check that it fits x (batch, heads, Dh) or has room for T more tokens, so a full cache fails deep inside tfjs with a plain Error (or silently mixes shapes) instead of a RangeError.',
      zh: '',
    },
    why: {
      en: 'trusts the cache: no check that it fits x (batch, heads, Dh) or has room for T more tokens, so a full cache fails deep inside tfjs with a plain Error (or silently mixes shapes) instead of a RangeError.',
      zh: '',
    },
    file: 'zoo/no-cache-validation.ts',
  },
  {
    id: 'off-by-one-mask',
    hint: {
      en: 'masks with j < L + i instead of j ≤ L + i, so no query sees its own key; the first token of the prefill has no visible key at all and its softmax is all NaN.',
      zh: '',
    },
    why: {
      en: 'masks with j < L + i instead of j ≤ L + i, so no query sees its own key; the first token of the prefill has no visible key at all and its softmax is all NaN.',
      zh: '',
    },
    file: 'zoo/off-by-one-mask.ts',
  },
  {
    id: 'reshape-without-transpose',
    hint: {
      en: 'splits heads with a bare reshape [B, T, D] → [B, H, T, Dh] (and merges them back the same way) instead of reshape to [B, T, H, Dh] then transpose; the shapes fit, the numbers mix tokens and heads.',
      zh: '',
    },
    why: {
      en: 'splits heads with a bare reshape [B, T, D] → [B, H, T, Dh] (and merges them back the same way) instead of reshape to [B, T, H, Dh] then transpose; the shapes fit, the numbers mix tokens and heads.',
      zh: '',
    },
    file: 'zoo/reshape-without-transpose.ts',
  },
  {
    id: 'rope-restarts-at-zero',
    hint: {
      en: 'rotates q and k at chunk-local positions 0 … T−1 instead of the absolute positions L … L+T−1, so every decoded token is encoded as if it were the first: the prefill is right, the rest is not.',
      zh: '',
    },
    why: {
      en: 'rotates q and k at chunk-local positions 0 … T−1 instead of the absolute positions L … L+T−1, so every decoded token is encoded as if it were the first: the prefill is right, the rest is not.',
      zh: '',
    },
    file: 'zoo/rope-restarts-at-zero.ts',
  },
  {
    id: 'scale-sqrt-d',
    hint: {
      en: 'scales the scores by 1/√D (the model width) instead of 1/√Dh (the head size), the formula from single-head attention copied over; identical only when there is one head.',
      zh: '',
    },
    why: {
      en: 'scales the scores by 1/√D (the model width) instead of 1/√Dh (the head size), the formula from single-head attention copied over; identical only when there is one head.',
      zh: '',
    },
    file: 'zoo/scale-sqrt-d.ts',
  },
  {
    id: 'top-left-mask',
    hint: {
      en: 'the causal mask compares slot j with the chunk-local query index i (j ≤ i, top-left) instead of its absolute position L + i, so after a non-empty cache every new query is blind to most of the cached prefix. Right for the prefill and for mhaFull, wrong for every later chunk.',
      zh: '',
    },
    why: {
      en: 'the causal mask compares slot j with the chunk-local query index i (j ≤ i, top-left) instead of its absolute position L + i, so after a non-empty cache every new query is blind to most of the cached prefix. Right for the prefill and for mhaFull, wrong for every later chunk.',
      zh: '',
    },
    file: 'zoo/top-left-mask.ts',
  },
  {
    id: 'unrotated-cache',
    hint: {
      en: 'stores the keys before RoPE and rotates the visible slots at read time; the outputs are right, but the cache no longer holds rotated keys (the layout Meta and HF use, which other code reading the cache relies on).',
      zh: '',
    },
    why: {
      en: 'stores the keys before RoPE and rotates the visible slots at read time; the outputs are right, but the cache no longer holds rotated keys (the layout Meta and HF use, which other code reading the cache relies on).',
      zh: '',
    },
    file: 'zoo/unrotated-cache.ts',
  },
  {
    id: 'write-at-slot-0',
    hint: {
      en: 'writes the new keys and values at slots [0, T) instead of [L, L+T): a copy of the prefill code path, which overwrites the oldest cached tokens on every decode step.',
      zh: '',
    },
    why: {
      en: 'writes the new keys and values at slots [0, T) instead of [L, L+T): a copy of the prefill code path, which overwrites the oldest cached tokens on every decode step.',
      zh: '',
    },
    file: 'zoo/write-at-slot-0.ts',
  },
]);
