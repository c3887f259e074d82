import * as tf from '@tensorflow/tfjs';

export interface DecoderBlockParams {
  attnNorm: tf.Tensor1D;
  wq: tf.Tensor2D;
  wk: tf.Tensor2D;
  wv: tf.Tensor2D;
  wo: tf.Tensor2D;
  mlpNorm: tf.Tensor1D;
  wGate: tf.Tensor2D;
  wUp: tf.Tensor2D;
  wDown: tf.Tensor2D;
}

const PARAM_NAMES = ['attnNorm', 'wq', 'wk', 'wv', 'wo', 'mlpNorm', 'wGate', 'wUp', 'wDown'] as const;

/**
 * One pre-norm Llama-style decoder block (no RoPE, no biases), all inside tf.tidy:
 *   a = RMSNorm(x; attnNorm),   h = x + MHA(a),   m = RMSNorm(h; mlpNorm),
 *   y = h + (silu(m·wGate) ⊙ (m·wUp))·wDown.
 * Rows are flattened to [B·T, D] for the projections; attention runs on [B, H, T, Dh] (reshape to
 * [B, T, H, Dh] and then transpose, so head i keeps columns i·Dh … (i+1)·Dh − 1).
 * Cost O(B·T·D·(D + F) + B·T²·D) time, O(B·H·T² + B·T·F) extra memory; the only JavaScript loop
 * is the T×T causal mask.
 */
export function decoderBlockForward(
  x: tf.Tensor3D,
  params: DecoderBlockParams,
  config: { nHeads: number; eps?: number },
): tf.Tensor3D {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`x must be a tf.Tensor, got ${typeof x}`);
  if (x.rank !== 3) throw new RangeError(`x must be a [batch, seqLen, dModel] tensor, got shape [${x.shape}]`);
  for (const name of PARAM_NAMES) {
    if (!(params[name] instanceof tf.Tensor)) throw new TypeError(`params.${name} must be a tf.Tensor`);
  }
  const { nHeads, eps = 1e-6 } = config;
  if (typeof nHeads !== 'number') throw new TypeError(`config.nHeads must be a number, got ${typeof nHeads}`);
  if (!Number.isInteger(nHeads) || nHeads < 1) {
    throw new RangeError(`config.nHeads must be a positive integer, got ${nHeads}`);
  }
  if (typeof eps !== 'number') throw new TypeError(`config.eps must be a number, got ${typeof eps}`);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`config.eps must be finite and >= 0, got ${eps}`);
  const [batch, seqLen, dModel] = x.shape;
  if (dModel % nHeads !== 0) {
    throw new RangeError(`dModel (${dModel}) must be divisible by config.nHeads (${nHeads})`);
  }
  const ffnDim = params.wGate.shape[1] ?? -1;
  expectShape('params.attnNorm', params.attnNorm, [dModel]);
  for (const name of ['wq', 'wk', 'wv', 'wo'] as const) expectShape(`params.${name}`, params[name], [dModel, dModel]);
  expectShape('params.mlpNorm', params.mlpNorm, [dModel]);
  expectShape('params.wGate', params.wGate, [dModel, ffnDim]);
  expectShape('params.wUp', params.wUp, [dModel, ffnDim]);
  expectShape('params.wDown', params.wDown, [ffnDim, dModel]);

  const headDim = dModel / nHeads;
  return tf.tidy(() => {
    const rows = tf.reshape(x, [batch * seqLen, dModel]);

    // Attention sub-layer.
    const a = rmsNorm(rows, params.attnNorm, eps);
    const split = (w: tf.Tensor2D): tf.Tensor4D =>
      tf.transpose(tf.reshape(tf.matMul(a, w), [batch, seqLen, nHeads, headDim]), [0, 2, 1, 3]);
    const q = split(params.wq);
    const k = split(params.wk);
    const v = split(params.wv);
    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)); // [B, H, T, T]
    const probs = tf.softmax(tf.add(scores, causalBias(seqLen)));
    const heads = tf.transpose(tf.matMul(probs, v), [0, 2, 1, 3]); // [B, T, H, Dh]
    const h = tf.add(rows, tf.matMul(tf.reshape(heads, [batch * seqLen, dModel]), params.wo));

    // SwiGLU MLP sub-layer.
    const m = rmsNorm(h, params.mlpNorm, eps);
    const gate = tf.matMul(m, params.wGate);
    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(m, params.wUp));
    const y = tf.add(h, tf.matMul(hidden, params.wDown));
    return tf.reshape(y, [batch, seqLen, dModel]);
  });
}

/** RMSNorm over the last axis: v / sqrt(mean(v²) + eps) · gain. */
function rmsNorm(v: tf.Tensor, gain: tf.Tensor1D, eps: number): tf.Tensor {
  const meanSquare = tf.mean(tf.square(v), -1, true);
  return tf.mul(tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps))), gain);
}

/** [T, T]: 0 where key s <= query t, -Infinity above the diagonal (future positions). */
function causalBias(seqLen: number): tf.Tensor2D {
  const bias = new Float32Array(seqLen * seqLen);
  for (let t = 0; t < seqLen; t++) for (let s = t + 1; s < seqLen; s++) bias[t * seqLen + s] = -Infinity;
  return tf.tensor2d(bias, [seqLen, seqLen]);
}

function expectShape(name: string, tensor: tf.Tensor, shape: readonly number[]): void {
  const ok = tensor.rank === shape.length && tensor.shape.every((dim, i) => dim === shape[i]);
  if (!ok) throw new RangeError(`${name} must have shape [${shape.join(', ')}], got [${tensor.shape.join(', ')}]`);
}
