import * as tf from '@tensorflow/tfjs';

/**
 * Another way, with no JavaScript loop at all: every check and every sum is a tensor op.
 * The bad-input checks are reductions (tf.any over the weights and over the counted targets) read
 * back as one boolean each; the target log-probability is picked with a one-hot product, which maps
 * a −100 placeholder to an all-zero row (its nll is then 0, weighted by 0). tf.oneHot needs a depth
 * of at least 2, so V = 1 takes the only column directly (its log-probability is 0). The division
 * by sum(mask) happens on the device, guarded by tf.where for sum(mask) = 0. O(B·T·V).
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  const [B, T, V] = shapeOfLogits(logits);
  expectBT('targets', targets, 'int32', B, T);
  expectBT('mask', mask, 'float32', B, T);
  return tf.tidy(() => {
    const weightOk = tf.logicalAnd(tf.isFinite(mask), tf.greaterEqual(mask, 0));
    if (tf.any(tf.logicalNot(weightOk)).dataSync()[0]) {
      throw new RangeError('mask: every weight must be finite and non-negative');
    }
    const outOfRange = tf.logicalOr(tf.less(targets, 0), tf.greaterEqual(targets, V));
    if (tf.any(tf.logicalAnd(tf.greater(mask, 0), outOfRange)).dataSync()[0]) {
      throw new RangeError(`targets: every target with a positive weight must be in [0, ${V})`);
    }
    const total = tf.sum(mask);
    const logProbs = tf.sub(logits, tf.logSumExp(logits, -1, true));
    const picked = V === 1 ? tf.squeeze(logProbs, [2]) : tf.sum(tf.mul(logProbs, tf.oneHot(targets, V)), -1);
    const sum = tf.sum(tf.mul(mask, tf.neg(picked)));
    return tf.where(tf.greater(total, 0), tf.div(sum, tf.maximum(total, 1e-30)), tf.scalar(0)) as tf.Scalar;
  });
}

/** The shifted masked mean: position t scores labels[:, t + 1]; labels equal to ignoreIndex weigh 0. */
export function causalLmLoss(logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex = -100): tf.Scalar {
  const [B, T, V] = shapeOfLogits(logits);
  expectBT('labels', labels, 'int32', B, T);
  if (typeof ignoreIndex !== 'number') throw new TypeError('ignoreIndex must be a number');
  if (!Number.isSafeInteger(ignoreIndex)) throw new RangeError(`ignoreIndex must be an integer, got ${ignoreIndex}`);
  if (T === 1) return tf.scalar(0); // no position has a next token
  return tf.tidy(() => {
    const next = tf.slice(labels, [0, 1], [B, T - 1]);
    const counted = tf.cast(tf.notEqual(next, tf.fill([B, T - 1], ignoreIndex, 'int32')), 'float32');
    return maskedCrossEntropy(tf.slice(logits, [0, 0, 0], [B, T - 1, V]), next as tf.Tensor2D, counted as tf.Tensor2D);
  });
}

function shapeOfLogits(logits: tf.Tensor3D): [number, number, number] {
  if (!(logits instanceof tf.Tensor)) throw new TypeError('logits must be a tf.Tensor');
  if (logits.dtype !== 'float32') throw new TypeError(`logits must be float32, not ${logits.dtype}`);
  if (logits.rank !== 3) throw new RangeError(`logits must have rank 3, got rank ${logits.rank}`);
  const [B, T, V] = logits.shape;
  return [B, T, V];
}

function expectBT(name: string, t: tf.Tensor2D, dtype: 'int32' | 'float32', B: number, T: number): void {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
  if (t.dtype !== dtype) throw new TypeError(`${name} must be ${dtype}, not ${t.dtype}`);
  if (!tf.util.arraysEqual(t.shape, [B, T])) {
    throw new RangeError(`${name} must be [${B}, ${T}] like logits' [B, T], got [${t.shape.join(', ')}]`);
  }
}
