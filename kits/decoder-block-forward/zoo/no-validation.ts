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

export function decoderBlockForward(
  x: tf.Tensor3D,
  params: DecoderBlockParams,
  config: { nHeads: number; eps?: number },
): tf.Tensor3D {
  const { nHeads, eps = 1e-6 } = config;
  if (x.rank !== 3) throw new RangeError(`x must be a [batch, seqLen, dModel] tensor, got shape [${x.shape}]`);
  const [batch, seqLen, dModel] = x.shape;
  if (!Number.isInteger(nHeads) || nHeads < 1) {
    throw new RangeError(`config.nHeads must be a positive integer, got ${nHeads}`);
  }
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`config.eps must be finite and >= 0, got ${eps}`);
  const ffnDim = params.wGate.shape[1] ?? -1;
  void ffnDim;

  const headDim = dModel / nHeads;
  return tf.tidy(() => {
    const rows = tf.reshape(x, [batch * seqLen, dModel]);

    // Attention sub-layer.
    const n1 = rmsNorm(rows, params.attnNorm, eps);
    const split = (w: tf.Tensor2D): tf.Tensor4D =>
      tf.transpose(tf.reshape(tf.matMul(n1, w), [batch, seqLen, nHeads, headDim]), [0, 2, 1, 3]);
    const q = split(params.wq);
    const k = split(params.wk);
    const v = split(params.wv);
    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)); // [B, H, T, T]
    const probs = tf.softmax(tf.add(scores, causalBias(seqLen)));
    const heads = tf.transpose(tf.matMul(probs, v), [0, 2, 1, 3]); // [B, T, H, Dh]
    const h = tf.add(rows, tf.matMul(tf.reshape(heads, [batch * seqLen, dModel]), params.wo));

    // SwiGLU MLP sub-layer.
    const n2 = rmsNorm(h, params.mlpNorm, eps);
    const gate = tf.matMul(n2, params.wGate);
    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(n2, params.wUp));
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
