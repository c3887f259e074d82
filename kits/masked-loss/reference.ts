import * as tf from '@tensorflow/tfjs';

/**
 * Token-level cross-entropy with a loss mask, and the causal-LM (SFT) loss built on it.
 *
 * nll = logsumexp(logits) − logits[target]: tf.logSumExp subtracts the row maximum first, so logits
 * of ±1e4 stay finite (log(softmax(x)) underflows to log 0 = −Infinity there). The mask and the
 * targets are read on the host first (B·T values each, one JavaScript loop over the tokens), so bad
 * input throws before any tensor is made, and the target logits are gathered by flat index with
 * masked-out positions pointing at logit 0 of their row: −100 and other placeholders never reach an
 * index op. (tf.oneHot would need V ≥ 2.) O(B·T·V) tensor work, O(B·T) JavaScript steps.
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  const [B, T, V] = dims3(logits);
  expectTokens('targets', targets, 'int32', B, T);
  expectTokens('mask', mask, 'float32', B, T);
  const weights = mask.dataSync();
  const ids = targets.dataSync();
  const flatIndex = new Int32Array(B * T); // where each counted target's logit sits in logits.flatten()
  let total = 0;
  for (let i = 0; i < B * T; i++) {
    const w = weights[i] as number;
    if (!(w >= 0 && w < Infinity)) {
      throw new RangeError(`mask: weights must be finite and non-negative, got ${w} at flat index ${i}`);
    }
    flatIndex[i] = i * V; // masked out: any valid index will do, its nll is weighted by 0
    if (w === 0) continue;
    const id = ids[i] as number;
    if (id < 0 || id >= V) {
      throw new RangeError(`targets: a counted target must be in [0, ${V}), got ${id} at flat index ${i}`);
    }
    flatIndex[i] = i * V + id;
    total += w;
  }
  if (total === 0) return tf.scalar(0); // PyTorch gives 0/0 = NaN; a trainer wants a zero loss (no gradient).

  return tf.tidy(() => {
    const picked = tf.reshape(tf.gather(tf.reshape(logits, [-1]), tf.tensor1d(flatIndex, 'int32')), [B, T]);
    const nll = tf.sub(tf.logSumExp(logits, -1), picked); // [B, T], finite everywhere
    return tf.div(tf.sum(tf.mul(mask, nll)), tf.sum(mask)) as tf.Scalar;
  });
}

/**
 * HuggingFace's convention: shift_logits = logits[:, :-1], shift_labels = labels[:, 1:], then the
 * masked mean with mask = (shift_labels ≠ ignoreIndex). labels[:, 0] is sliced away before anything
 * reads it, so it is never checked. With T = 1 the slices are empty and the loss is 0. O(B·T·V).
 */
export function causalLmLoss(logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex = -100): tf.Scalar {
  const [B, T, V] = dims3(logits);
  expectTokens('labels', labels, 'int32', B, T);
  if (typeof ignoreIndex !== 'number') throw new TypeError(`ignoreIndex must be a number, got ${typeof ignoreIndex}`);
  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`ignoreIndex must be an integer, got ${ignoreIndex}`);
  return tf.tidy(() => {
    const shiftLogits = tf.slice(logits, [0, 0, 0], [B, T - 1, V]);
    const shiftLabels = tf.slice(labels, [0, 1], [B, T - 1]);
    const mask = tf.cast(tf.notEqual(shiftLabels, tf.scalar(ignoreIndex, 'int32')), 'float32') as tf.Tensor2D;
    return maskedCrossEntropy(shiftLogits, shiftLabels, mask);
  });
}

function dims3(logits: tf.Tensor): [number, number, number] {
  if (!(logits instanceof tf.Tensor)) throw new TypeError('logits must be a tf.Tensor');
  if (logits.dtype !== 'float32') throw new TypeError(`logits must be float32, got ${logits.dtype}`);
  if (logits.rank !== 3) {
    throw new RangeError(`logits: expected rank 3 [B, T, V], got shape [${logits.shape.join(', ')}]`);
  }
  return logits.shape as [number, number, number];
}

/** targets, mask or labels: a tf.Tensor of `dtype` and shape exactly [B, T]. */
function expectTokens(name: string, tensor: tf.Tensor, dtype: tf.DataType, B: number, T: number): void {
  if (!(tensor instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
  if (tensor.dtype !== dtype) throw new TypeError(`${name} must be ${dtype}, got ${tensor.dtype}`);
  if (tensor.rank !== 2 || tensor.shape[0] !== B || tensor.shape[1] !== T) {
    throw new RangeError(
      `${name}: expected shape [${B}, ${T}] to match logits [B, T, V], got [${tensor.shape.join(', ')}]`,
    );
  }
}
