import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'always-normalize',
    hint: {
      en: 'ignores normalize: false and always divides the k gates by their sum, so a Switch-style top-1 router gets gate ≡ 1 and no signal through the gate; the renormalising habit comes from Mixtral code.',
      zh: '',
    },
    why: {
      en: 'ignores normalize: false and always divides the k gates by their sum, so a Switch-style top-1 router gets gate ≡ 1 and no signal through the gate; the renormalising habit comes from Mixtral code.',
      zh: '',
    },
    file: 'zoo/always-normalize.ts',
  },
  {
    id: 'capacity-without-k',
    hint: {
      en: "computes ceil(T·cf/E) without the factor k (DeepSpeed's formula without its top-2 caller passing 2·cf), so top-2 routing gets half the room it needs.",
      zh: '',
    },
    why: {
      en: "computes ceil(T·cf/E) without the factor k (DeepSpeed's formula without its top-2 caller passing 2·cf), so top-2 routing gets half the room it needs.",
      zh: '',
    },
    file: 'zoo/capacity-without-k.ts',
  },
  {
    id: 'disposes-probs',
    hint: {
      en: 'disposes probs after reading the gates out of it, as if every tensor made inside the function were its own to clean up; the caller receives a disposed Routing.probs.',
      zh: '',
    },
    why: {
      en: 'disposes probs after reading the gates out of it, as if every tensor made inside the function were its own to clean up; the caller receives a disposed Routing.probs.',
      zh: '',
    },
    file: 'zoo/disposes-probs.ts',
  },
  {
    id: 'floor-capacity',
    hint: {
      en: 'rounds the capacity down (Math.floor) instead of up, so k·T·cf/E = 2.5 gives room for 2 and extra tokens are dropped.',
      zh: '',
    },
    why: {
      en: 'rounds the capacity down (Math.floor) instead of up, so k·T·cf/E = 2.5 gives room for 2 and extra tokens are dropped.',
      zh: '',
    },
    file: 'zoo/floor-capacity.ts',
  },
  {
    id: 'gate-broadcast-wrong-axis',
    hint: {
      en: 'multiplies the expert output [n, d] by the gates as a 1-D tensor [n], which broadcasts along d instead of n: wrong whenever n = d, a shape error otherwise.',
      zh: '',
    },
    why: {
      en: 'multiplies the expert output [n, d] by the gates as a 1-D tensor [n], which broadcasts along d instead of n: wrong whenever n = d, a shape error otherwise.',
      zh: '',
    },
    file: 'zoo/gate-broadcast-wrong-axis.ts',
  },
  {
    id: 'hf-mixtral-aux',
    hint: {
      en: "counts fᵢ per token over T like HF Mixtral (f sums to k), so for top-2 the loss is twice ours; fine in HF, where the coefficient absorbs it, but not this kata's convention.",
      zh: '',
    },
    why: {
      en: "counts fᵢ per token over T like HF Mixtral (f sums to k), so for top-2 the loss is twice ours; fine in HF, where the coefficient absorbs it, but not this kata's convention.",
      zh: '',
    },
    file: 'zoo/hf-mixtral-aux.ts',
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'never disposes the tf.topk values and indices after reading them, so every topKRouting call leaves two tensors behind besides the probs it returns.',
      zh: '',
    },
    why: {
      en: 'never disposes the tf.topk values and indices after reading them, so every topKRouting call leaves two tensors behind besides the probs it returns.',
      zh: '',
    },
    file: 'zoo/leaks-tensors.ts',
  },
  {
    id: 'missing-factor-e',
    hint: {
      en: 'returns Σ fᵢ·Pᵢ without the factor E, so a balanced router scores 1/E instead of 1 and the loss weight silently depends on the expert count.',
      zh: '',
    },
    why: {
      en: 'returns Σ fᵢ·Pᵢ without the factor E, so a balanced router scores 1/E instead of 1 and the loss weight silently depends on the expert count.',
      zh: '',
    },
    file: 'zoo/missing-factor-e.ts',
  },
  {
    id: 'moe-leaks-routing',
    hint: {
      en: "runs the router and the experts outside tf.tidy and never disposes the routing's probs or the experts' outputs: the forward pass leaks tensors on every call.",
      zh: '',
    },
    why: {
      en: "runs the router and the experts outside tf.tidy and never disposes the routing's probs or the experts' outputs: the forward pass leaks tensors on every call.",
      zh: '',
    },
    file: 'zoo/moe-leaks-routing.ts',
  },
  {
    id: 'no-validation',
    hint: {
      en: "checks none of the bad inputs and leaves it to tfjs (tf.topk's own plain Error for k > E, NaN or nonsense elsewhere), so none of the RangeErrors the spec asks for are thrown.",
      zh: '',
    },
    why: {
      en: "checks none of the bad inputs and leaves it to tfjs (tf.topk's own plain Error for k > E, NaN or nonsense elsewhere), so none of the RangeErrors the spec asks for are thrown.",
      zh: '',
    },
    file: 'zoo/no-validation.ts',
  },
  {
    id: 'normalize-default-false',
    hint: {
      en: "normalize defaults to false (Qwen2-MoE's norm_topk_prob default) instead of true (Mixtral), so gates are raw probabilities when opts is left out.",
      zh: '',
    },
    why: {
      en: "normalize defaults to false (Qwen2-MoE's norm_topk_prob default) instead of true (Mixtral), so gates are raw probabilities when opts is left out.",
      zh: '',
    },
    file: 'zoo/normalize-default-false.ts',
  },
  {
    id: 'quadratic-dispatch',
    hint: {
      en: "recounts an expert's load by rescanning every earlier assignment instead of keeping one counter per expert: right answers, O((T·k)²) time.",
      zh: '',
    },
    why: {
      en: "recounts an expert's load by rescanning every earlier assignment instead of keeping one counter per expert: right answers, O((T·k)²) time.",
      zh: '',
    },
    file: 'zoo/quadratic-dispatch.ts',
  },
  {
    id: 'renormalise-after-drop',
    hint: {
      en: "renormalises the surviving gates of a token after dropping (as DeepSpeed's top-2 gating does), so a token that lost its second choice gets its first at gate 1.",
      zh: '',
    },
    why: {
      en: "renormalises the surviving gates of a token after dropping (as DeepSpeed's top-2 gating does), so a token that lost its second choice gets its first at gate 1.",
      zh: '',
    },
    file: 'zoo/renormalise-after-drop.ts',
  },
  {
    id: 'soft-f',
    hint: {
      en: 'takes fᵢ from the router probabilities (the mean of probs) instead of the share of hard top-k choices, so the loss is E·Σ Pᵢ² and ignores which experts were actually picked.',
      zh: '',
    },
    why: {
      en: 'takes fᵢ from the router probabilities (the mean of probs) instead of the share of hard top-k choices, so the loss is E·Σ Pᵢ² and ignores which experts were actually picked.',
      zh: '',
    },
    file: 'zoo/soft-f.ts',
  },
  {
    id: 'softmax-after-topk',
    hint: {
      en: "takes the top k logits first and softmaxes only those, so the gates are always normalised: with normalize: false they are no longer the full-softmax probabilities (Switch's raw top-1 gate becomes 1).",
      zh: '',
    },
    why: {
      en: "takes the top k logits first and softmaxes only those, so the gates are always normalised: with normalize: false they are no longer the full-softmax probabilities (Switch's raw top-1 gate becomes 1).",
      zh: '',
    },
    file: 'zoo/softmax-after-topk.ts',
  },
  {
    id: 'ties-to-higher-index',
    hint: {
      en: 'breaks ties toward the higher expert index (a hand-written comparator that settles ties with b − a instead of a − b), so equal logits pick the last expert first.',
      zh: '',
    },
    why: {
      en: 'breaks ties toward the higher expert index (a hand-written comparator that settles ties with b − a instead of a − b), so equal logits pick the last expert first.',
      zh: '',
    },
    file: 'zoo/ties-to-higher-index.ts',
  },
  {
    id: 'token-major-priority',
    hint: {
      en: "fills capacity token by token (both choices of token 0, then of token 1, …) instead of slot-major, so a late token's first choice loses to an earlier token's second choice.",
      zh: '',
    },
    why: {
      en: "fills capacity token by token (both choices of token 0, then of token 1, …) instead of slot-major, so a late token's first choice loses to an earlier token's second choice.",
      zh: '',
    },
    file: 'zoo/token-major-priority.ts',
  },
  {
    id: 'unlimited-means-cf-1',
    hint: {
      en: 'treats a missing capacityFactor as 1 instead of unlimited, so tokens are dropped even though the caller asked for no capacity limit.',
      zh: '',
    },
    why: {
      en: 'treats a missing capacityFactor as 1 instead of unlimited, so tokens are dropped even though the caller asked for no capacity limit.',
      zh: '',
    },
    file: 'zoo/unlimited-means-cf-1.ts',
  },
]);
