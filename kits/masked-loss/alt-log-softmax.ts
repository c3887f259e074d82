import * as tf from '@tensorflow/tfjs';

/**
 * Another way: log-probabilities first, then pick. tf.logSoftmax is x − max − log Σ exp(x − max),
 * stable for logits of ±1e4; the log-probability of each counted target is gathered from the
 * flattened [B·T·V] tensor by flat index (masked-out positions point at class 0 of their row, so a
 * −100 placeholder is never used as an index), and the weighted sum is divided by the weight total
 * summed on the host, in float64, while the mask is checked. O(B·T·V) tensor work, one JavaScript
 * loop over the B·T tokens.
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  const [B, T, V] = logitsShape(logits);
  checkTokens('targets', targets, 'int32', B, T);
  checkTokens('mask', mask, 'float32', B, T);
  const w = mask.dataSync();
  const ids = targets.dataSync();
  const index = new Int32Array(B * T);
  let total = 0;
  for (let i = 0; i < B * T; i++) {
    const wi = w[i] as number;
    const id = ids[i] as number;
    if (!Number.isFinite(wi) || wi < 0) throw new RangeError(`mask[${i}] = ${wi}: weights must be finite and >= 0`);
    if (wi > 0 && !(id >= 0 && id < V)) throw new RangeError(`targets[${i}] = ${id}: a counted target is in [0, ${V})`);
    index[i] = i * V + (wi > 0 ? id : 0);
    total += wi;
  }
  if (total === 0) return tf.scalar(0);
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    const nll = tf
      .gather(logProbs.reshape([-1]), tf.tensor1d(index, 'int32'))
      .reshape([B, T])
      .neg();
    return tf.sum(tf.mul(mask, nll)).div(total) as tf.Scalar;
  });
}

/** logits[:, :-1] predict labels[:, 1:]; the labels equal to ignoreIndex get weight 0. */
export function causalLmLoss(logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex = -100): tf.Scalar {
  const [B, T, V] = logitsShape(logits);
  checkTokens('labels', labels, 'int32', B, T);
  if (typeof ignoreIndex !== 'number') throw new TypeError('ignoreIndex must be a number');
  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`ignoreIndex must be an integer, got ${ignoreIndex}`);
  if (T < 2) return tf.scalar(0);
  return tf.tidy(() => {
    const shiftLogits = logits.slice([0, 0, 0], [B, T - 1, V]);
    const shiftLabels = labels.slice([0, 1], [B, T - 1]);
    const mask = tf.notEqual(shiftLabels, ignoreIndex).cast('float32') as tf.Tensor2D;
    return maskedCrossEntropy(shiftLogits, shiftLabels, mask);
  });
}

function logitsShape(logits: tf.Tensor3D): [number, number, number] {
  if (!(logits instanceof tf.Tensor) || logits.dtype !== 'float32') {
    throw new TypeError('logits must be a float32 tf.Tensor');
  }
  if (logits.rank !== 3) throw new RangeError(`logits must be [B, T, V], got [${logits.shape}]`);
  return logits.shape;
}

function checkTokens(name: string, t: tf.Tensor2D, dtype: 'int32' | 'float32', B: number, T: number): void {
  if (!(t instanceof tf.Tensor) || t.dtype !== dtype) throw new TypeError(`${name} must be a ${dtype} tf.Tensor`);
  if (t.rank !== 2 || t.shape[0] !== B || t.shape[1] !== T) {
    throw new RangeError(`${name} must have shape [B, T] = [${B}, ${T}], got [${t.shape}]`);
  }
}
