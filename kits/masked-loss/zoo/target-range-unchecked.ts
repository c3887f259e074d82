import * as tf from '@tensorflow/tfjs';

export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  const [B, T, V] = logits.shape;
  if (!tf.util.arraysEqual(targets.shape, [B, T]) || !tf.util.arraysEqual(mask.shape, [B, T])) {
    throw new RangeError('targets and mask must have shape [B, T] of logits');
  }
  for (const w of mask.dataSync()) if (!(w >= 0)) throw new RangeError(`mask weight ${w}`);
  return tf.tidy(() => {
    const total = tf.sum(mask);
    const logProbs = tf.sub(logits, tf.logSumExp(logits, -1, true));
    const picked = V === 1 ? tf.squeeze(logProbs, [2]) : tf.sum(tf.mul(logProbs, tf.oneHot(targets, V)), -1);
    const sum = tf.sum(tf.mul(mask, tf.neg(picked)));
    return tf.where(tf.greater(total, 0), tf.div(sum, tf.maximum(total, 1e-30)), tf.scalar(0)) as tf.Scalar;
  });
}

export function causalLmLoss(logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex = -100): tf.Scalar {
  const [B, T, V] = logits.shape;
  if (!tf.util.arraysEqual(labels.shape, [B, T])) throw new RangeError('labels must have shape [B, T] of logits');
  if (T < 2) return tf.scalar(0);
  return tf.tidy(() => {
    const shiftLabels = tf.slice(labels, [0, 1], [B, T - 1]);
    const mask = tf.cast(tf.notEqual(shiftLabels, ignoreIndex), 'float32') as tf.Tensor2D;
    return maskedCrossEntropy(tf.slice(logits, [0, 0, 0], [B, T - 1, V]), shiftLabels, mask);
  });
}
