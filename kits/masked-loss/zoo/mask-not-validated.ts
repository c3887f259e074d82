import * as tf from '@tensorflow/tfjs';

export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  const [B, T, V] = logits.shape;
  if (targets.shape[0] !== B || targets.shape[1] !== T || mask.shape[0] !== B || mask.shape[1] !== T) {
    throw new RangeError('targets and mask must have shape [B, T] of logits');
  }
  const w = mask.dataSync();
  const ids = targets.dataSync();
  const index = new Int32Array(B * T);
  let total = 0;
  for (let i = 0; i < B * T; i++) {
    const wi = w[i] as number;
    const id = ids[i] as number;
    if (wi !== 0 && !(id >= 0 && id < V)) throw new RangeError(`targets[${i}] = ${id}`);
    index[i] = i * V + (wi !== 0 ? id : 0);
    total += wi;
  }
  if (total === 0) return tf.scalar(0);
  return tf.tidy(() => {
    const picked = tf.gather(logits.reshape([-1]), tf.tensor1d(index, 'int32')).reshape([B, T]);
    const nll = tf.logSumExp(logits, -1).sub(picked);
    return tf.sum(tf.mul(mask, nll)).div(total) as tf.Scalar;
  });
}

export function causalLmLoss(logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex = -100): tf.Scalar {
  const [B, T, V] = logits.shape;
  if (labels.shape[0] !== B || labels.shape[1] !== T) throw new RangeError('labels must have shape [B, T] of logits');
  if (T < 2) return tf.scalar(0);
  return tf.tidy(() => {
    const shiftLogits = logits.slice([0, 0, 0], [B, T - 1, V]);
    const shiftLabels = labels.slice([0, 1], [B, T - 1]);
    const mask = tf.notEqual(shiftLabels, ignoreIndex).cast('float32') as tf.Tensor2D;
    return maskedCrossEntropy(shiftLogits, shiftLabels, mask);
  });
}
