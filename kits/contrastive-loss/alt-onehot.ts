import * as tf from '@tensorflow/tfjs';

/**
 * The same contract written another way: the logit scale is clamped on the host (Math.min/Math.max on
 * the number read from logitScale), rows are normalised with tf.norm, and both cross-entropies come
 * from tf.losses.softmaxCrossEntropy against one-hot labels (the identity matrix), which is
 * stable (log-sum-exp inside) and averages over the N rows. The argument checks read back two
 * numbers (the smallest norm and whether every norm is finite), never the embeddings.
 */
export function clipLoss(
  imageEmbeds: tf.Tensor2D,
  textEmbeds: tf.Tensor2D,
  logitScale: number | tf.Scalar,
  opts: { maxLogitScale?: number } = {},
): { loss: tf.Scalar; logitsPerImage: tf.Tensor2D; logitsPerText: tf.Tensor2D } {
  if (typeof opts !== 'object' || opts === null) throw new TypeError('opts must be an object');
  const { maxLogitScale = Math.log(100) } = opts;
  if (typeof maxLogitScale !== 'number') throw new TypeError('maxLogitScale must be a number');
  if (Number.isNaN(maxLogitScale) || maxLogitScale < 0 || maxLogitScale === Infinity) {
    throw new RangeError(`maxLogitScale must be finite and >= 0, got ${maxLogitScale}`);
  }
  const n = checkPair(imageEmbeds, textEmbeds, 'imageEmbeds', 'textEmbeds');
  let s: number;
  if (typeof logitScale === 'number') s = logitScale;
  else if (logitScale instanceof tf.Tensor && logitScale.rank === 0) s = logitScale.arraySync() as number;
  else if (logitScale instanceof tf.Tensor) throw new RangeError('logitScale must be a scalar tensor');
  else throw new TypeError('logitScale must be a number or a tf.Scalar');
  if (!Number.isFinite(s)) throw new RangeError(`logitScale must be finite, got ${s}`);
  const scale = Math.exp(Math.min(Math.max(s, 0), maxLogitScale));

  const [smallest, finite] = tf.tidy(() => {
    const norms = tf.concat([tf.norm(imageEmbeds, 'euclidean', 1), tf.norm(textEmbeds, 'euclidean', 1)]);
    return [tf.min(norms), tf.all(tf.isFinite(norms))];
  });
  const ok = (smallest.arraySync() as number) > 0 && finite.arraySync() === 1;
  tf.dispose([smallest, finite]);
  if (!ok) throw new RangeError('every embedding row must be finite and nonzero');

  return tf.tidy(() => {
    const unit = (x: tf.Tensor2D) => tf.div(x, tf.norm(x, 'euclidean', 1, true));
    const logitsPerImage = tf.mul(scale, tf.matMul(unit(imageEmbeds), unit(textEmbeds), false, true)) as tf.Tensor2D;
    const logitsPerText = tf.transpose(logitsPerImage) as tf.Tensor2D;
    const labels = oneHotDiagonal(n);
    const imageLoss = tf.losses.softmaxCrossEntropy(labels, logitsPerImage);
    const textLoss = tf.losses.softmaxCrossEntropy(labels, logitsPerText);
    return { loss: tf.mul(0.5, tf.add(imageLoss, textLoss)) as tf.Scalar, logitsPerImage, logitsPerText };
  });
}

export function infoNCE(queries: tf.Tensor2D, keys: tf.Tensor2D, temperature: number): tf.Scalar {
  if (typeof temperature !== 'number') throw new TypeError('temperature must be a number');
  if (!(temperature > 0) || temperature === Infinity) {
    throw new RangeError(`temperature must be finite and > 0, got ${temperature}`);
  }
  const n = checkPair(queries, keys, 'queries', 'keys');
  const finite = tf.tidy(() => tf.logicalAnd(tf.all(tf.isFinite(queries)), tf.all(tf.isFinite(keys))));
  const ok = finite.arraySync() === 1;
  finite.dispose();
  if (!ok) throw new RangeError('queries and keys must be finite');
  return tf.tidy(() => {
    const logits = tf.div(tf.matMul(queries, tf.transpose(keys)), temperature);
    return tf.losses.softmaxCrossEntropy(oneHotDiagonal(n), logits) as tf.Scalar;
  });
}

/** One-hot labels i → i as an [N, N] matrix: tf.eye, since tf.oneHot rejects a depth of 1 (N = 1). */
function oneHotDiagonal(n: number): tf.Tensor2D {
  return tf.eye(n);
}

/** Both tf.Tensors of one shape [N, D], N, D ≥ 1; returns N. */
function checkPair(a: unknown, b: unknown, aName: string, bName: string): number {
  if (!(a instanceof tf.Tensor)) throw new TypeError(`${aName} must be a tf.Tensor`);
  if (!(b instanceof tf.Tensor)) throw new TypeError(`${bName} must be a tf.Tensor`);
  const [n, d] = a.shape;
  if (a.rank !== 2 || !n || !d) throw new RangeError(`${aName} must be [N, D] with N, D >= 1`);
  if (b.rank !== 2 || b.shape[0] !== n || b.shape[1] !== d)
    throw new RangeError(`${bName} must have the shape [${n}, ${d}]`);
  return n;
}
