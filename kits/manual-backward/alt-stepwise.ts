import * as tf from '@tensorflow/tfjs';

/**
 * The same three backward passes, derived another way:
 * - cross-entropy: softmax as exp(logSoftmax), the one-hot matrix scattered from (row, label) pairs;
 * - LayerNorm: Karpathy's "backprop ninja" route, node by node through var and mean
 *   (dvar = Σ g·(x − μ)·(−½)(var + eps)^(−3/2), dμ = −Σ g·rstd, dx = g·rstd + dvar·2(x − μ)/D + dμ/D);
 * - attention: q is pre-scaled, the mask is an additive −1e9 bias, and dS goes through the softmax
 *   Jacobian with rowsum(P ∘ dP) (equal to rowsum(dO ∘ O), since O = P v), transposes explicit.
 */
export function softmaxCrossEntropyBackward(logits: tf.Tensor2D, labels: tf.Tensor1D, dloss = 1): tf.Tensor2D {
  isTensor(logits, 'logits');
  isTensor(labels, 'labels');
  if (logits.rank !== 2) throw new RangeError(`logits must be [N, C], got shape [${logits.shape}]`);
  const n = logits.shape[0];
  const c = logits.shape[1];
  if (n < 1 || c < 1) throw new RangeError(`logits needs N >= 1 and C >= 1, got [${logits.shape}]`);
  if (labels.dtype !== 'int32') throw new TypeError(`labels must be int32, got ${labels.dtype}`);
  if (labels.rank !== 1 || labels.shape[0] !== n) throw new RangeError(`labels must be [${n}], got [${labels.shape}]`);
  if (typeof dloss !== 'number') throw new TypeError(`dloss must be a number, got ${typeof dloss}`);
  if (!Number.isFinite(dloss)) throw new RangeError(`dloss must be finite, got ${dloss}`);
  const [low, high] = tf.tidy(() => tf.stack([tf.min(labels), tf.max(labels)]).dataSync());
  if ((low as number) < 0 || (high as number) >= c) throw new RangeError(`labels must lie in [0, ${c})`);
  return tf.tidy(() => {
    const probs = tf.exp(tf.logSoftmax(logits));
    const pairs = tf.stack([tf.range(0, n, 1, 'int32'), labels], 1);
    const onehot = tf.scatterND(pairs, tf.ones([n], 'float32'), [n, c]);
    return tf.div(tf.mul(tf.sub(probs, onehot), dloss), n) as tf.Tensor2D;
  });
}

export function layerNormBackward(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  dy: tf.Tensor2D,
  eps = 1e-5,
): { dx: tf.Tensor2D; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  isTensor(x, 'x');
  isTensor(gamma, 'gamma');
  isTensor(dy, 'dy');
  if (x.rank !== 2 || x.size === 0) throw new RangeError(`x must be a non-empty [N, D], got [${x.shape}]`);
  const d = x.shape[1];
  if (gamma.rank !== 1 || gamma.shape[0] !== d) throw new RangeError(`gamma must be [${d}], got [${gamma.shape}]`);
  if (!tf.util.arraysEqual(dy.shape, x.shape)) throw new RangeError(`dy must be [${x.shape}], got [${dy.shape}]`);
  if (typeof eps !== 'number') throw new TypeError(`eps must be a number, got ${typeof eps}`);
  if (!(eps > 0) || eps === Number.POSITIVE_INFINITY) throw new RangeError(`eps must be finite and > 0, got ${eps}`);
  return tf.tidy(() => {
    const centred = tf.sub(x, tf.mean(x, 1, true));
    const varPlusEps = tf.add(tf.mean(tf.square(centred), 1, true), eps); // biased: ÷ D
    const rstd = tf.div(1, tf.sqrt(varPlusEps));
    const g = tf.mul(dy, gamma);
    const dvar = tf.mul(tf.sum(tf.mul(g, centred), 1, true), tf.mul(-0.5, tf.pow(rstd, 3)));
    const dmean = tf.neg(tf.sum(tf.mul(g, rstd), 1, true));
    const dx = tf.add(tf.add(tf.mul(g, rstd), tf.mul(dvar, tf.mul(centred, 2 / d))), tf.div(dmean, d));
    return {
      dx: dx as tf.Tensor2D,
      dgamma: tf.sum(tf.mul(dy, tf.mul(centred, rstd)), 0) as tf.Tensor1D,
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
  const named: [string, tf.Tensor2D][] = [
    ['q', q],
    ['k', k],
    ['v', v],
    ['dOut', dOut],
  ];
  for (const [name, t] of named) isTensor(t, name);
  for (const [name, t] of named) {
    if (t.rank !== 2 || t.size === 0) throw new RangeError(`${name} must be a non-empty matrix, got [${t.shape}]`);
  }
  const [tq, d] = q.shape;
  const tk = k.shape[0];
  if (k.shape[1] !== d) throw new RangeError(`k must be [Tk, ${d}], got [${k.shape}]`);
  if (v.shape[0] !== tk) throw new RangeError(`v must be [${tk}, dv], got [${v.shape}]`);
  if (!tf.util.arraysEqual(dOut.shape, [tq, v.shape[1]])) {
    throw new RangeError(`dOut must be [${tq}, ${v.shape[1]}], got [${dOut.shape}]`);
  }
  const { causal = false } = options;
  if (causal !== true && causal !== false) throw new TypeError('options.causal must be a boolean');
  if (causal && tq > tk) throw new RangeError(`causal needs Tq <= Tk, got ${tq} > ${tk}`);
  const scale = Math.sqrt(d);
  return tf.tidy(() => {
    const qs = tf.div(q, scale);
    let scores = tf.matMul(qs, tf.transpose(k));
    if (causal) {
      const rows = tf.reshape(tf.range(0, tq, 1, 'int32'), [tq, 1]);
      const cols = tf.reshape(tf.range(0, tk, 1, 'int32'), [1, tk]);
      const hidden = tf.greater(tf.sub(cols, rows), tk - tq);
      scores = tf.add(scores, tf.mul(tf.cast(hidden, 'float32'), -1e9));
    }
    const probs = tf.softmax(scores);
    const dProbs = tf.matMul(dOut, tf.transpose(v));
    const jacobianTerm = tf.sum(tf.mul(probs, dProbs), 1, true);
    const dScores = tf.mul(probs, tf.sub(dProbs, jacobianTerm));
    return {
      dq: tf.div(tf.matMul(dScores, k), scale) as tf.Tensor2D,
      dk: tf.matMul(tf.transpose(dScores), qs) as tf.Tensor2D,
      dv: tf.matMul(tf.transpose(probs), dOut) as tf.Tensor2D,
    };
  });
}

function isTensor(t: unknown, name: string): void {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
}
