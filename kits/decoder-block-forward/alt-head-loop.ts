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

/**
 * Another way: one head at a time, with no rank-4 tensor and no transpose. The projections run once
 * on the [B, T, D] input (tfjs broadcasts a 2-D weight over the batch); head i slices its column
 * block i·Dh … (i+1)·Dh − 1 out of q, k and v with tf.slice, attends over [B, T, T] scores, and the
 * heads are joined head-major by tf.concat along the last axis. The causal mask is a lower
 * triangle from tf.linalg.bandPart, applied with tf.where (−Infinity where the key is in the
 * future); RMSNorm divides by the root mean square; silu(z) is z / (1 + e^−z).
 * Cost O(B·T·D·(D + F) + B·T²·D) time; the JavaScript loop is over the heads, not over elements.
 */
export function decoderBlockForward(
  x: tf.Tensor3D,
  params: DecoderBlockParams,
  config: { nHeads: number; eps?: number },
): tf.Tensor3D {
  const { nHeads, headDim, eps } = checkedSizes(x, params, config);
  const [batch, seqLen, dModel] = x.shape;
  return tf.tidy(() => {
    const a = rmsNorm(x, params.attnNorm, eps);
    const q = tf.matMul(a, params.wq); // [B, T, D]
    const k = tf.matMul(a, params.wk);
    const v = tf.matMul(a, params.wv);

    const visible = tf.linalg.bandPart(tf.ones([seqLen, seqLen]), -1, 0).cast('bool'); // key s <= query t
    const future = tf.fill([seqLen, seqLen], Number.NEGATIVE_INFINITY);
    const heads: tf.Tensor[] = [];
    for (let i = 0; i < nHeads; i++) {
      const head = (t: tf.Tensor) => t.slice([0, 0, i * headDim], [batch, seqLen, headDim]);
      const scores = tf.matMul(head(q), head(k), false, true).div(Math.sqrt(headDim)); // [B, T, T]
      const weights = tf.where(visible, scores, future).softmax();
      heads.push(tf.matMul(weights, head(v)));
    }
    const joined = tf.concat(heads, 2); // [B, T, D], head-major
    const attention = joined.reshape([batch * seqLen, dModel]).matMul(params.wo);
    const h = x.reshape([batch * seqLen, dModel]).add(attention);

    const m = rmsNorm(h, params.mlpNorm, eps);
    const gate = m.matMul(params.wGate);
    const silu = gate.div(gate.neg().exp().add(1));
    const y = h.add(silu.mul(m.matMul(params.wUp)).matMul(params.wDown));
    return y.reshape([batch, seqLen, dModel]);
  });
}

/** v / sqrt(mean(v²) + eps) · gain over the last axis. */
function rmsNorm<T extends tf.Tensor>(v: T, gain: tf.Tensor1D, eps: number): T {
  return v.div(v.square().mean(-1, true).add(eps).sqrt()).mul(gain);
}

const NAMES = ['attnNorm', 'wq', 'wk', 'wv', 'wo', 'mlpNorm', 'wGate', 'wUp', 'wDown'] as const;

/** Validates the arguments (TypeError for a wrong type, RangeError for a wrong value or shape). */
function checkedSizes(
  x: tf.Tensor3D,
  params: DecoderBlockParams,
  config: { nHeads: number; eps?: number },
): { nHeads: number; headDim: number; eps: number } {
  if (!(x instanceof tf.Tensor)) throw new TypeError('decoderBlockForward: x is not a tf.Tensor');
  const missing = NAMES.find((name) => !(params[name] instanceof tf.Tensor));
  if (missing !== undefined) throw new TypeError(`decoderBlockForward: params.${missing} is not a tf.Tensor`);
  const nHeads: unknown = config.nHeads;
  const eps: unknown = config.eps ?? 1e-6;
  if (typeof nHeads !== 'number' || typeof eps !== 'number') {
    throw new TypeError('decoderBlockForward: config.nHeads and config.eps must be numbers');
  }
  if (!Number.isInteger(nHeads) || nHeads <= 0) throw new RangeError(`decoderBlockForward: nHeads = ${nHeads}`);
  if (!Number.isFinite(eps) || eps < 0) throw new RangeError(`decoderBlockForward: eps = ${eps}`);
  if (x.rank !== 3) throw new RangeError(`decoderBlockForward: x has rank ${x.rank}, expected 3`);
  const d = x.shape[2];
  if (d % nHeads !== 0) throw new RangeError(`decoderBlockForward: D = ${d} is not a multiple of nHeads = ${nHeads}`);
  const f = params.wUp.shape[1];
  const expected: Record<(typeof NAMES)[number], readonly number[]> = {
    attnNorm: [d],
    wq: [d, d],
    wk: [d, d],
    wv: [d, d],
    wo: [d, d],
    mlpNorm: [d],
    wGate: [d, f],
    wUp: [d, f],
    wDown: [f, d],
  };
  for (const name of NAMES) {
    const shape = params[name].shape;
    if (shape.join() !== expected[name].join()) {
      throw new RangeError(`decoderBlockForward: params.${name} is [${shape}], expected [${expected[name]}]`);
    }
  }
  return { nHeads, headDim: d / nHeads, eps };
}
