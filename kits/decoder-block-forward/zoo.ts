import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'causal-mask-off-by-one',
    hint: {
      en: 'the mask starts one position too late (s > t + 1 instead of s > t), so each query also sees the next token.',
      zh: '',
    },
    why: {
      en: 'the mask starts one position too late (s > t + 1 instead of s > t), so each query also sees the next token.',
      zh: '',
    },
    edits: [
      [
        '  for (let t = 0; t < seqLen; t++) for (let s = t + 1; s < seqLen; s++) bias[t * seqLen + s] = -Infinity;',
        '  for (let t = 0; t < seqLen; t++) for (let s = t + 2; s < seqLen; s++) bias[t * seqLen + s] = -Infinity;',
      ],
    ],
  },
  {
    id: 'config-eps-ignored',
    hint: { en: 'hard-codes eps = 1e-6 and ignores config.eps.', zh: '' },
    why: { en: 'hard-codes eps = 1e-6 and ignores config.eps.', zh: '' },
    edits: [['  const { nHeads, eps = 1e-6 } = config;', '  const { nHeads } = config;\n  const eps = 1e-6;']],
  },
  {
    id: 'eps-outside-sqrt',
    hint: {
      en: 'RMSNorm divides by sqrt(mean(v²)) + eps instead of sqrt(mean(v²) + eps); the two agree unless a row is tiny, so random tests of size ~1 never notice.',
      zh: '',
    },
    why: {
      en: 'RMSNorm divides by sqrt(mean(v²)) + eps instead of sqrt(mean(v²) + eps); the two agree unless a row is tiny, so random tests of size ~1 never notice.',
      zh: '',
    },
    edits: [
      [
        '  return tf.mul(tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps))), gain);',
        '  return tf.mul(tf.div(v, tf.add(tf.sqrt(meanSquare), eps)), gain);',
      ],
    ],
  },
  {
    id: 'flat-output-shape',
    hint: {
      en: 'returns the [B·T, D] matrix used for the projections and forgets to reshape back to [B, T, D].',
      zh: '',
    },
    why: {
      en: 'returns the [B·T, D] matrix used for the projections and forgets to reshape back to [B, T, D].',
      zh: '',
    },
    edits: [['    return tf.reshape(y, [batch, seqLen, dModel]);', '    return y as tf.Tensor3D;']],
  },
  {
    id: 'gate-up-swapped',
    hint: {
      en: 'applies silu to n·wUp and multiplies by n·wGate (the two projections look alike, and both are [D, F]).',
      zh: '',
    },
    why: {
      en: 'applies silu to n·wUp and multiplies by n·wGate (the two projections look alike, and both are [D, F]).',
      zh: '',
    },
    edits: [
      [
        '    const gate = tf.matMul(n2, params.wGate);\n    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(n2, params.wUp));',
        '    const gate = tf.matMul(n2, params.wUp);\n    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(n2, params.wGate));',
      ],
    ],
  },
  {
    id: 'gelu-instead-of-silu',
    hint: {
      en: "uses GELU (tanh approximation) in the gated MLP, remembering GPT-2 rather than Llama's SwiGLU.",
      zh: '',
    },
    why: {
      en: "uses GELU (tanh approximation) in the gated MLP, remembering GPT-2 rather than Llama's SwiGLU.",
      zh: '',
    },
    edits: [
      [
        '    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(n2, params.wUp));',
        '    const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(gate, tf.mul(0.044715, tf.pow(gate, 3))));\n    const gelu = tf.mul(tf.mul(0.5, gate), tf.add(1, tf.tanh(inner)));\n    const hidden = tf.mul(gelu, tf.matMul(n2, params.wUp));',
      ],
    ],
  },
  {
    id: 'global-rms',
    hint: {
      en: 'takes mean(v²) over the whole tensor instead of per row (no axis argument), which mixes tokens and batch rows.',
      zh: '',
    },
    why: {
      en: 'takes mean(v²) over the whole tensor instead of per row (no axis argument), which mixes tokens and batch rows.',
      zh: '',
    },
    edits: [['  const meanSquare = tf.mean(tf.square(v), -1, true);', '  const meanSquare = tf.mean(tf.square(v));']],
  },
  {
    id: 'head-reshape-no-transpose',
    hint: {
      en: 'reshapes [B·T, D] straight to [B, H, T, Dh] (and back) without the transpose, so a "head" is a slab of consecutive tokens\' values instead of columns h·Dh … (h+1)·Dh − 1; fine only when T = 1 or nHeads = 1.',
      zh: '',
    },
    why: {
      en: 'reshapes [B·T, D] straight to [B, H, T, Dh] (and back) without the transpose, so a "head" is a slab of consecutive tokens\' values instead of columns h·Dh … (h+1)·Dh − 1; fine only when T = 1 or nHeads = 1.',
      zh: '',
    },
    edits: [
      [
        '    const split = (w: tf.Tensor2D): tf.Tensor4D =>\n      tf.transpose(tf.reshape(tf.matMul(n1, w), [batch, seqLen, nHeads, headDim]), [0, 2, 1, 3]);',
        '    const split = (w: tf.Tensor2D): tf.Tensor4D => tf.reshape(tf.matMul(n1, w), [batch, nHeads, seqLen, headDim]);',
      ],
      [
        '    const heads = tf.transpose(tf.matMul(probs, v), [0, 2, 1, 3]); // [B, T, H, Dh]',
        '    const heads = tf.matMul(probs, v);',
      ],
    ],
  },
  {
    id: 'layernorm-instead-of-rmsnorm',
    hint: {
      en: 'uses LayerNorm (subtracts the mean, divides by the standard deviation) out of habit from GPT-2/BERT code; Llama blocks use RMSNorm, which never centres.',
      zh: '',
    },
    why: {
      en: 'uses LayerNorm (subtracts the mean, divides by the standard deviation) out of habit from GPT-2/BERT code; Llama blocks use RMSNorm, which never centres.',
      zh: '',
    },
    edits: [
      [
        '  const meanSquare = tf.mean(tf.square(v), -1, true);\n  return tf.mul(tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps))), gain);',
        '  const mean = tf.mean(v, -1, true);\n  const centred = tf.sub(v, mean);\n  const variance = tf.mean(tf.square(centred), -1, true);\n  return tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, eps))), gain);',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'no tf.tidy: every intermediate (norms, projections, scores, mask, MLP activations) stays allocated after the call.',
      zh: '',
    },
    why: {
      en: 'no tf.tidy: every intermediate (norms, projections, scores, mask, MLP activations) stays allocated after the call.',
      zh: '',
    },
    edits: [
      ['  return tf.tidy(() => {', '  return (() => {'],
      ['  });', '  })();'],
    ],
  },
  {
    id: 'missing-attn-residual',
    hint: { en: 'drops the attention residual: h = MHA(RMSNorm(x)) instead of x + MHA(RMSNorm(x)).', zh: '' },
    why: { en: 'drops the attention residual: h = MHA(RMSNorm(x)) instead of x + MHA(RMSNorm(x)).', zh: '' },
    edits: [
      [
        '    const h = tf.add(rows, tf.matMul(tf.reshape(heads, [batch * seqLen, dModel]), params.wo));',
        '    const h = tf.add(tf.zerosLike(rows), tf.matMul(tf.reshape(heads, [batch * seqLen, dModel]), params.wo));',
      ],
    ],
  },
  {
    id: 'missing-mlp-residual',
    hint: { en: 'drops the MLP residual: returns the MLP output instead of h + MLP(RMSNorm(h)).', zh: '' },
    why: { en: 'drops the MLP residual: returns the MLP output instead of h + MLP(RMSNorm(h)).', zh: '' },
    edits: [
      ['    const y = tf.add(h, tf.matMul(hidden, params.wDown));', '    const y = tf.matMul(hidden, params.wDown);'],
    ],
  },
  {
    id: 'no-validation',
    hint: {
      en: 'no argument checks: D % nHeads !== 0 and mismatched weights fall through to tfjs, which throws a plain Error (or computes nonsense) instead of a RangeError.',
      zh: '',
    },
    why: {
      en: 'no argument checks: D % nHeads !== 0 and mismatched weights fall through to tfjs, which throws a plain Error (or computes nonsense) instead of a RangeError.',
      zh: '',
    },
    file: 'zoo/no-validation.ts',
  },
  {
    id: 'non-causal',
    hint: {
      en: 'forgets the causal mask, so every position attends to the future; the output still has the right shape and looks plausible.',
      zh: '',
    },
    why: {
      en: 'forgets the causal mask, so every position attends to the future; the output still has the right shape and looks plausible.',
      zh: '',
    },
    edits: [
      ['    const probs = tf.softmax(tf.add(scores, causalBias(seqLen)));', '    const probs = tf.softmax(scores);'],
    ],
  },
  {
    id: 'norm-gains-ignored',
    hint: {
      en: 'forgets to multiply by the RMSNorm gain; with freshly initialised gains of 1 this is invisible.',
      zh: '',
    },
    why: {
      en: 'forgets to multiply by the RMSNorm gain; with freshly initialised gains of 1 this is invisible.',
      zh: '',
    },
    edits: [
      [
        '  return tf.mul(tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps))), gain);',
        '  void gain;\n  return tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps)));',
      ],
    ],
  },
  {
    id: 'norm-gains-swapped',
    hint: {
      en: 'normalises the attention input with mlpNorm and the MLP input with attnNorm (copy-paste of the two sub-layers).',
      zh: '',
    },
    why: {
      en: 'normalises the attention input with mlpNorm and the MLP input with attnNorm (copy-paste of the two sub-layers).',
      zh: '',
    },
    edits: [
      ['    const n1 = rmsNorm(rows, params.attnNorm, eps);', '    const n1 = rmsNorm(rows, params.mlpNorm, eps);'],
      ['    const n2 = rmsNorm(h, params.mlpNorm, eps);', '    const n2 = rmsNorm(h, params.attnNorm, eps);'],
    ],
  },
  {
    id: 'post-norm',
    hint: {
      en: 'post-norm (original Transformer): normalises after each residual add, h = Norm(x + MHA(x)), instead of normalising the sub-layer input.',
      zh: '',
    },
    why: {
      en: 'post-norm (original Transformer): normalises after each residual add, h = Norm(x + MHA(x)), instead of normalising the sub-layer input.',
      zh: '',
    },
    file: 'zoo/post-norm.ts',
  },
  {
    id: 'relu-instead-of-silu',
    hint: { en: 'uses ReLU as the gate activation (ReGLU) instead of SiLU.', zh: '' },
    why: { en: 'uses ReLU as the gate activation (ReGLU) instead of SiLU.', zh: '' },
    edits: [
      [
        '    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(n2, params.wUp));',
        '    const hidden = tf.mul(tf.relu(gate), tf.matMul(n2, params.wUp));',
      ],
    ],
  },
  {
    id: 'scale-sqrt-d-model',
    hint: { en: 'scales the scores by 1/sqrt(dModel) instead of 1/sqrt(headDim); identical when nHeads = 1.', zh: '' },
    why: { en: 'scales the scores by 1/sqrt(dModel) instead of 1/sqrt(headDim); identical when nHeads = 1.', zh: '' },
    edits: [
      [
        '    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)); // [B, H, T, T]',
        '    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dModel)); // [B, H, T, T]',
      ],
    ],
  },
  {
    id: 'sigmoid-instead-of-silu',
    hint: { en: 'writes silu(g) as sigmoid(g), forgetting the factor g (silu(g) = g·sigmoid(g)).', zh: '' },
    why: { en: 'writes silu(g) as sigmoid(g), forgetting the factor g (silu(g) = g·sigmoid(g)).', zh: '' },
    edits: [
      [
        '    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(n2, params.wUp));',
        '    const hidden = tf.mul(tf.sigmoid(gate), tf.matMul(n2, params.wUp));',
      ],
    ],
  },
]);
