import * as tf from '@tensorflow/tfjs';

/**
 * Token-level cross-entropy with a loss mask, and the causal-LM (SFT) loss built on it.
 *
 * nll = logsumexp(logits) − logits[target]: tf.logSumExp subtracts the row maximum first, so logits
 * of ±1e4 stay finite (log(softmax(x)) underflows to log 0 = −Infinity there). The mask and the
 * targets are read on the host first (B·T values each), so bad input throws a RangeError before any
 * tensor is made, and the target logits are gathered by flat index with masked-out positions pointing
 * at logit 0 of their row: −100 and other placeholders never reach an index op. (tf.oneHot would
 * need V ≥ 2.) O(B·T·V) time, O(B·T) extra memory besides the log-sum-exp temporaries.
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  const [B, T, V] = dims3(logits);
  expectShape('targets', targets, B, T);
  expectShape('mask', mask, B, T);
  const weights = mask.dataSync();
  const ids = targets.dataSync();
  const flatIndex = new Int32Array(B * T); // where each counted target's logit sits in logits.flatten()
  let total = 0;
  for (let i = 0; i < B * T; i++) {
    const w = weights[i] as number;
    if (!(w >= 0)) throw new RangeError(`mask: weights must be non-negative numbers, got ${w} at flat index ${i}`);
    flatIndex[i] = i * V; // masked out: any valid index will do, its nll is weighted by 0
    if (w === 0) continue;
    const id = ids[i] as number;
    if (!Number.isInteger(id) || id < 0 || id >= V) {
      throw new RangeError(`targets: a masked-in target must be an integer in [0, ${V}), got ${id} at flat index ${i}`);
    }
    flatIndex[i] = i * V + id;
    total += w;
  }
  if (total === 0) return tf.scalar(0); // PyTorch gives 0/0 = NaN; a trainer wants a zero loss (no gradient).

  return tf.tidy(() => {
    const picked = tf.reshape(tf.gather(tf.reshape(logits, [-1]), tf.tensor1d(flatIndex, 'int32')), [B, T]);
    const nll = tf.sub(tf.logSumExp(logits, -1), picked); // [B, T], finite everywhere
    const w = tf.cast(mask, 'float32');
    return tf.div(tf.sum(tf.mul(w, nll)), tf.sum(w)) as tf.Scalar;
  });
}

/**
 * HuggingFace's convention: shift_logits = logits[:, :-1], shift_labels = labels[:, 1:], then the
 * masked mean with mask = (shift_labels ≠ ignoreIndex). O(B·T·V).
 */
export function causalLmLoss(logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex = -100): tf.Scalar {
  const [B, T, V] = dims3(logits);
  expectShape('labels', labels, B, T);
  if (T < 2) return tf.scalar(0); // nothing to predict
  return tf.tidy(() => {
    const shiftLogits = tf.slice(logits, [0, 0, 0], [B, T - 1, V]);
    const shiftLabels = tf.slice(labels, [0, 1], [B, T - 1]);
    const mask = tf.cast(tf.notEqual(shiftLabels, tf.scalar(ignoreIndex, labels.dtype)), 'float32') as tf.Tensor2D;
    try {
      return maskedCrossEntropy(shiftLogits, shiftLabels, mask);
    } catch (error) {
      if (error instanceof RangeError) {
        throw new RangeError(error.message.replace(/^targets: a masked-in target/, 'labels: a counted label'));
      }
      throw error;
    }
  });
}

function dims3(logits: tf.Tensor): [number, number, number] {
  if (logits.rank !== 3)
    throw new RangeError(`logits: expected rank 3 [B, T, V], got shape [${logits.shape.join(', ')}]`);
  return logits.shape as [number, number, number];
}

function expectShape(name: string, tensor: tf.Tensor, B: number, T: number): void {
  if (tensor.rank !== 2 || tensor.shape[0] !== B || tensor.shape[1] !== T) {
    throw new RangeError(
      `${name}: expected shape [${B}, ${T}] to match logits [B, T, V], got [${tensor.shape.join(', ')}]`,
    );
  }
}
