import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'bytes-seqlen-not-squared',
    hint: {
      en: 'counts B·H·T·bytes, one score per token, forgetting that every query scores every key: the score matrix is T×T per head, which is exactly why it dominates memory at long context.',
      zh: '',
    },
    why: {
      en: 'counts B·H·T·bytes, one score per token, forgetting that every query scores every key: the score matrix is T×T per head, which is exactly why it dominates memory at long context.',
      zh: '',
    },
    file: 'zoo/bytes-seqlen-not-squared.ts',
  },
  {
    id: 'causal-top-left',
    hint: {
      en: "the causal mask is aligned top-left (j ≤ i, the square-matrix tril, as PyTorch's is_causal does) instead of bottom-right (j ≤ i + Tk − Tq): the same when Tq = Tk, wrong for a KV cache where Tq < Tk.",
      zh: '',
    },
    why: {
      en: "the causal mask is aligned top-left (j ≤ i, the square-matrix tril, as PyTorch's is_causal does) instead of bottom-right (j ≤ i + Tk − Tq): the same when Tq = Tk, wrong for a KV cache where Tq < Tk.",
      zh: '',
    },
    file: 'zoo/causal-top-left.ts',
  },
  {
    id: 'ignores-block-k',
    hint: {
      en: 'tiles the queries but not the keys: each query block computes its whole [blockQ, Tk] score row and a plain softmax over it. The values are right and memory is O(blockQ·Tk), but with few query rows (blockQ ≥ Tq) that is the full [Tq, Tk] matrix again, and the online softmax the kata is about never happens.',
      zh: '',
    },
    why: {
      en: 'tiles the queries but not the keys: each query block computes its whole [blockQ, Tk] score row and a plain softmax over it. The values are right and memory is O(blockQ·Tk), but with few query rows (blockQ ≥ Tq) that is the full [Tq, Tk] matrix again, and the online softmax the kata is about never happens.',
      zh: '',
    },
    file: 'zoo/ignores-block-k.ts',
  },
  {
    id: 'in-block-causal',
    hint: {
      en: 'the causal mask compares in-block indices (column c ≤ row r inside each tile) instead of absolute ones (j ≤ i + Tk − Tq): right when there is one block, wrong as soon as the tiles are smaller than the sequence.',
      zh: '',
    },
    why: {
      en: 'the causal mask compares in-block indices (column c ≤ row r inside each tile) instead of absolute ones (j ≤ i + Tk − Tq): right when there is one block, wrong as soon as the tiles are smaller than the sequence.',
      zh: '',
    },
    file: 'zoo/in-block-causal.ts',
  },
  {
    id: 'inverted-rescale',
    hint: {
      en: 'rescales ℓ and O by e^{m′−m} instead of e^{m−m′} (the sign of the exponent flipped): the correction should shrink old sums when the max grows, this one inflates them.',
      zh: '',
    },
    why: {
      en: 'rescales ℓ and O by e^{m′−m} instead of e^{m−m′} (the sign of the exponent flipped): the correction should shrink old sums when the max grows, this one inflates them.',
      zh: '',
    },
    file: 'zoo/inverted-rescale.ts',
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'no tf.tidy and no dispose: the running m, ℓ, O of every block and all the tiles are left allocated after the call, leaking memory on every call (the values are right).',
      zh: '',
    },
    why: {
      en: 'no tf.tidy and no dispose: the running m, ℓ, O of every block and all the tiles are left allocated after the call, leaking memory on every call (the values are right).',
      zh: '',
    },
    file: 'zoo/leaks-tensors.ts',
  },
  {
    id: 'm-starts-at-zero',
    hint: {
      en: 'the running max starts at 0 instead of −∞ ("scores are around 0 anyway"): with every score far below 0, e^{S−0} underflows to 0, ℓ = 0 and the output is 0/0 = NaN.',
      zh: '',
    },
    why: {
      en: 'the running max starts at 0 instead of −∞ ("scores are around 0 anyway"): with every score far below 0, e^{S−0} underflows to 0, ℓ = 0 and the output is 0/0 = NaN.',
      zh: '',
    },
    file: 'zoo/m-starts-at-zero.ts',
  },
  {
    id: 'materialise-scores',
    hint: {
      en: 'computes the full [Tq, Tk] score matrix S = q·kᵀ/√d once ("one big matMul is faster") and then runs the online softmax over column slices of it: the values are right, but the O(Tq·Tk) memory that tiling exists to avoid is back.',
      zh: '',
    },
    why: {
      en: 'computes the full [Tq, Tk] score matrix S = q·kᵀ/√d once ("one big matMul is faster") and then runs the online softmax over column slices of it: the values are right, but the O(Tq·Tk) memory that tiling exists to avoid is back.',
      zh: '',
    },
    file: 'zoo/materialise-scores.ts',
  },
  {
    id: 'no-scale',
    hint: {
      en: 'forgets the 1/√d scale on the scores; softmax still sums to 1, so the outputs look plausible.',
      zh: '',
    },
    why: {
      en: 'forgets the 1/√d scale on the scores; softmax still sums to 1, so the outputs look plausible.',
      zh: '',
    },
    file: 'zoo/no-scale.ts',
  },
  {
    id: 'no-validation',
    hint: {
      en: "no argument checks: block size 0 loops forever or yields garbage, and mismatched shapes surface as tfjs's plain Error (or NaN) instead of RangeError.",
      zh: '',
    },
    why: {
      en: "no argument checks: block size 0 loops forever or yields garbage, and mismatched shapes surface as tfjs's plain Error (or NaN) instead of RangeError.",
      zh: '',
    },
    file: 'zoo/no-validation.ts',
  },
  {
    id: 'normalise-per-block',
    hint: {
      en: "divides O by ℓ after every key block (keeping a normalised O, as if each block were the whole softmax) and then still adds the next block's unnormalised e^{S−m′}V, so blocks are weighted wrongly; dividing belongs at the very end.",
      zh: '',
    },
    why: {
      en: "divides O by ℓ after every key block (keeping a normalised O, as if each block were the whole softmax) and then still adds the next block's unnormalised e^{S−m′}V, so blocks are weighted wrongly; dividing belongs at the very end.",
      zh: '',
    },
    file: 'zoo/normalise-per-block.ts',
  },
  {
    id: 'one-outer-tidy',
    hint: {
      en: "the whole loop runs in one tf.tidy and nothing is disposed as it goes, so every key block's scores, exponentials and partial outputs stay alive until the end: the values are right but peak memory grows with Tq·Tk, the very cost tiling was meant to avoid.",
      zh: '',
    },
    why: {
      en: "the whole loop runs in one tf.tidy and nothing is disposed as it goes, so every key block's scores, exponentials and partial outputs stay alive until the end: the values are right but peak memory grows with Tq·Tk, the very cost tiling was meant to avoid.",
      zh: '',
    },
    file: 'zoo/one-outer-tidy.ts',
  },
  {
    id: 'rescale-l-not-o',
    hint: {
      en: 'when a key block raises the row max, ℓ is rescaled by e^{m−m′} but the running output O is not, so earlier blocks keep weights computed against an outdated max (the two updates look alike and one gets forgotten).',
      zh: '',
    },
    why: {
      en: 'when a key block raises the row max, ℓ is rescaled by e^{m−m′} but the running output O is not, so earlier blocks keep weights computed against an outdated max (the two updates look alike and one gets forgotten).',
      zh: '',
    },
    file: 'zoo/rescale-l-not-o.ts',
  },
  {
    id: 'reverse-key-order-nan',
    hint: {
      en: 'visits the key blocks last to first ("order does not matter for online softmax") without skipping fully masked ones: a causal row whose first visited block is all −∞ computes e^{−∞ − (−∞)} = NaN, which poisons ℓ and O.',
      zh: '',
    },
    why: {
      en: 'visits the key blocks last to first ("order does not matter for online softmax") without skipping fully masked ones: a causal row whose first visited block is all −∞ computes e^{−∞ − (−∞)} = NaN, which poisons ℓ and O.',
      zh: '',
    },
    file: 'zoo/reverse-key-order-nan.ts',
  },
  {
    id: 'stats-inverted-rescale',
    hint: {
      en: 'rescales the old sum by e^{m′−m} instead of e^{m−m′} when a block raises the max, so earlier blocks are inflated instead of shrunk (the first block is guarded so m = −∞ does not give e^{+∞}).',
      zh: '',
    },
    why: {
      en: 'rescales the old sum by e^{m′−m} instead of e^{m−m′} when a block raises the max, so earlier blocks are inflated instead of shrunk (the first block is guarded so m = −∞ does not give e^{+∞}).',
      zh: '',
    },
    file: 'zoo/stats-inverted-rescale.ts',
  },
  {
    id: 'stats-m-starts-at-zero',
    hint: {
      en: 'the running max starts at 0 instead of −∞, so for logits far below 0 (e.g. −1000) max reports 0 and every e^{x−0} underflows: sumExp = 0 and log-sum-exp = −∞.',
      zh: '',
    },
    why: {
      en: 'the running max starts at 0 instead of −∞, so for logits far below 0 (e.g. −1000) max reports 0 and every e^{x−0} underflows: sumExp = 0 and log-sum-exp = −∞.',
      zh: '',
    },
    file: 'zoo/stats-m-starts-at-zero.ts',
  },
  {
    id: 'stats-nan-on-masked-block',
    hint: {
      en: 'does not skip a block whose elements are all −∞ (masked logits) while the running max is still −∞: e^{−∞ − (−∞)} = NaN poisons the sum for good.',
      zh: '',
    },
    why: {
      en: 'does not skip a block whose elements are all −∞ (masked logits) while the running max is still −∞: e^{−∞ − (−∞)} = NaN poisons the sum for good.',
      zh: '',
    },
    file: 'zoo/stats-nan-on-masked-block.ts',
  },
]);
