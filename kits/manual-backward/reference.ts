import * as tf from '@tensorflow/tfjs';

/**
 * Three backward passes written out by hand (no tf.grad and friends), each the textbook closed
 * form in tensor ops inside tf.tidy; inputs are neither changed nor disposed.
 *
 *   cross-entropy, mean over N:  dlogits = dloss · (softmax(logits) − onehot(labels)) / N
 *   LayerNorm over the last axis: x̂ = (x − μ)·rstd, rstd = 1/sqrt(var + eps), var biased, g = dy·γ
 *                                dx = rstd·(g − mean(g) − x̂·mean(g·x̂)), dγ = Σ_n dy·x̂, dβ = Σ_n dy
 *   one attention head:          S = q kᵀ/sqrt(d) (masked), P = softmax(S), O = P v
 *                                dv = Pᵀ dO, dP = dO vᵀ, dS = P·(dP − rowsum(dO·O)),
 *                                dq = dS k/sqrt(d), dk = dSᵀ q/sqrt(d)
 */
export function softmaxCrossEntropyBackward(logits: tf.Tensor2D, labels: tf.Tensor1D, dloss = 1): tf.Tensor2D {
  checkTensors({ logits, labels });
  if (logits.rank !== 2) throw new RangeError(`logits must have rank 2 ([N, C]), got shape [${logits.shape}]`);
  const [n, c] = logits.shape as [number, number];
  if (n === 0 || c === 0) throw new RangeError(`logits must have N >= 1 and C >= 1, got shape [${logits.shape}]`);
  if (labels.dtype !== 'int32') throw new TypeError(`labels must be an int32 tensor, got ${labels.dtype}`);
  if (labels.rank !== 1 || labels.shape[0] !== n) {
    throw new RangeError(`labels must have shape [${n}] (N of logits), got [${labels.shape}]`);
  }
  if (typeof dloss !== 'number') throw new TypeError(`dloss must be a number, got ${typeof dloss}`);
  if (!Number.isFinite(dloss)) throw new RangeError(`dloss must be a finite number, got ${dloss}`);
  const outOfRange = tf.tidy(() => tf.any(tf.logicalOr(tf.less(labels, 0), tf.greaterEqual(labels, c))).dataSync());
  if (outOfRange[0]) throw new RangeError(`labels must be class indices in [0, ${c}), got one outside`);
  return tf.tidy(() => {
    const probs = tf.softmax(logits);
    // tf.oneHot needs a depth >= 2; comparing with a range also covers C = 1.
    const onehot = tf.cast(tf.equal(tf.expandDims(labels, 1), tf.range(0, c, 1, 'int32')), 'float32');
    return tf.mul(tf.sub(probs, onehot), dloss / n) as tf.Tensor2D;
  });
}

export function layerNormBackward(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  dy: tf.Tensor2D,
  eps = 1e-5,
): { dx: tf.Tensor2D; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  checkTensors({ x, gamma, dy });
  if (x.rank !== 2) throw new RangeError(`x must have rank 2 ([N, D]), got shape [${x.shape}]`);
  const [n, d] = x.shape as [number, number];
  if (n === 0 || d === 0) throw new RangeError(`x must have N >= 1 and D >= 1, got shape [${x.shape}]`);
  if (gamma.rank !== 1 || gamma.shape[0] !== d) {
    throw new RangeError(`gamma must have shape [${d}] (D of x), got [${gamma.shape}]`);
  }
  if (dy.rank !== 2 || dy.shape[0] !== n || dy.shape[1] !== d) {
    throw new RangeError(`dy must have the shape of x [${x.shape}], got [${dy.shape}]`);
  }
  if (typeof eps !== 'number') throw new TypeError(`eps must be a number, got ${typeof eps}`);
  if (!(eps > 0 && eps < Number.POSITIVE_INFINITY)) throw new RangeError(`eps must be finite and > 0, got ${eps}`);
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 1, true); // axis 1: the last axis of [N, D]
    const rstd = tf.rsqrt(tf.add(variance, eps));
    const xhat = tf.mul(tf.sub(x, mean), rstd);
    const g = tf.mul(dy, gamma);
    const dx = tf.mul(rstd, tf.sub(tf.sub(g, tf.mean(g, 1, true)), tf.mul(xhat, tf.mean(tf.mul(g, xhat), 1, true))));
    return {
      dx: dx as tf.Tensor2D,
      dgamma: tf.sum(tf.mul(dy, xhat), 0) as tf.Tensor1D,
      dbeta: tf.sum(dy, 0) as tf.Tensor1D,
    };
  });
}

export function attentionBackward(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  dOut: tf.Tensor2D,
  options: { causal?: boolean } = {},
): { dq: tf.Tensor2D; dk: tf.Tensor2D; dv: tf.Tensor2D } {
  const named = checkTensors({ q, k, v, dOut });
  for (const [name, t] of named) {
    if (t.rank !== 2) throw new RangeError(`${name} must have rank 2, got shape [${t.shape}]`);
    if (t.size === 0) throw new RangeError(`${name} must not be empty, got shape [${t.shape}]`);
  }
  const [tq, d] = q.shape as [number, number];
  const [tk, dk] = k.shape as [number, number];
  const [tv, dv] = v.shape as [number, number];
  if (dk !== d) throw new RangeError(`k must have shape [Tk, ${d}] (d of q), got [${k.shape}]`);
  if (tv !== tk) throw new RangeError(`v must have shape [${tk}, dv] (Tk of k), got [${v.shape}]`);
  if (dOut.shape[0] !== tq || dOut.shape[1] !== dv) {
    throw new RangeError(`dOut must have shape [${tq}, ${dv}] ([Tq, dv]), got [${dOut.shape}]`);
  }
  const causal = options.causal ?? false;
  if (typeof causal !== 'boolean') throw new TypeError(`options.causal must be a boolean, got ${typeof causal}`);
  if (causal && tq > tk) throw new RangeError(`causal attention needs Tq <= Tk, got Tq ${tq} > Tk ${tk}`);
  const scale = 1 / Math.sqrt(d);
  return tf.tidy(() => {
    let scores = tf.mul(tf.matMul(q, k, false, true), scale);
    if (causal) {
      // Bottom-right aligned: query i sees keys j <= i + (Tk − Tq).
      const allowed = tf.cast(tf.linalg.bandPart(tf.ones([tq, tk]), -1, tk - tq), 'bool');
      scores = tf.where(allowed, scores, tf.scalar(Number.NEGATIVE_INFINITY));
    }
    const probs = tf.softmax(scores);
    const out = tf.matMul(probs, v);
    const dProbs = tf.matMul(dOut, v, false, true);
    const rowDot = tf.sum(tf.mul(dOut, out), 1, true);
    const dScores = tf.mul(probs, tf.sub(dProbs, rowDot));
    return {
      dq: tf.mul(tf.matMul(dScores, k), scale) as tf.Tensor2D,
      dk: tf.mul(tf.matMul(dScores, q, true, false), scale) as tf.Tensor2D,
      dv: tf.matMul(probs, dOut, true, false) as tf.Tensor2D,
    };
  });
}

/** Throws TypeError for an argument that is not a tf.Tensor; returns the [name, tensor] pairs. */
function checkTensors(tensors: Record<string, unknown>): [string, tf.Tensor][] {
  const named = Object.entries(tensors);
  for (const [name, t] of named) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${typeof t}`);
  }
  return named as [string, tf.Tensor][];
}
