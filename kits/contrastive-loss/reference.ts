import * as tf from '@tensorflow/tfjs';

export interface ClipLossOptions {
  maxLogitScale?: number;
}

export interface ClipLossResult {
  loss: tf.Scalar;
  logitsPerImage: tf.Tensor2D;
  logitsPerText: tf.Tensor2D;
}

/**
 * CLIP's symmetric contrastive loss (HF transformers `CLIPModel.forward` + `clip_loss`): rows are
 * L2-normalised, logitsPerImage = exp(clamp(logitScale, 0, maxLogitScale)) · img @ txtᵀ (rows =
 * images), logitsPerText its transpose, and the loss is the mean of the two cross-entropies whose
 * labels are the diagonal (pair i matches pair i). Cross-entropy goes through tf.logSumExp, which
 * subtracts the row maximum, so logits of ±100 stay finite. O(N²·D) tensor work; the only JavaScript
 * is the argument checks and one read-back of a flag (and of a tensor logitScale).
 */
export function clipLoss(
  imageEmbeds: tf.Tensor2D,
  textEmbeds: tf.Tensor2D,
  logitScale: number | tf.Scalar,
  opts: ClipLossOptions = {},
): ClipLossResult {
  if (Object(opts) !== opts) throw new TypeError(`opts: expected an object, got ${String(opts)}`);
  const maxLogitScale = opts.maxLogitScale ?? Math.log(100);
  if (typeof maxLogitScale !== 'number') {
    throw new TypeError(`maxLogitScale: expected a number, got ${typeof maxLogitScale}`);
  }
  if (!(maxLogitScale >= 0 && maxLogitScale < Infinity)) {
    throw new RangeError(`maxLogitScale: expected a finite number >= 0, got ${maxLogitScale}`);
  }
  pair({ imageEmbeds, textEmbeds });
  const s = scalarValue(logitScale);
  if (!Number.isFinite(s)) throw new RangeError(`logitScale: expected a finite number, got ${s}`);
  if (someElement(() => badRows(imageEmbeds, textEmbeds))) {
    throw new RangeError(
      'imageEmbeds, textEmbeds: every row must be finite with a norm > 0 (a zero row, NaN or Infinity found)',
    );
  }
  return tf.tidy(() => {
    const scale = tf.exp(tf.clipByValue(tf.cast(logitScale, 'float32'), 0, maxLogitScale));
    const img = tf.div(imageEmbeds, tf.expandDims(rowNorms(imageEmbeds), 1));
    const txt = tf.div(textEmbeds, tf.expandDims(rowNorms(textEmbeds), 1));
    const logitsPerImage = tf.mul(tf.matMul(img, txt, false, true), scale) as tf.Tensor2D;
    const logitsPerText = tf.transpose(logitsPerImage) as tf.Tensor2D;
    const loss = tf.div(tf.add(crossEntropyDiagonal(logitsPerImage), crossEntropyDiagonal(logitsPerText)), 2);
    return { loss: loss as tf.Scalar, logitsPerImage, logitsPerText };
  });
}

/**
 * InfoNCE in one direction (van den Oord et al. 2018; MoCo's `logits / T`): logits = q @ kᵀ / τ on
 * the raw vectors (no normalisation), the positive of query i is key i, the other keys of the batch
 * are its negatives; the mean over the N queries of −log softmax(logits[i])[i].
 */
export function infoNCE(queries: tf.Tensor2D, keys: tf.Tensor2D, temperature: number): tf.Scalar {
  if (typeof temperature !== 'number') throw new TypeError(`temperature: expected a number, got ${typeof temperature}`);
  if (!(temperature > 0 && temperature < Infinity)) {
    throw new RangeError(`temperature: expected a finite number > 0, got ${temperature}`);
  }
  pair({ queries, keys });
  if (someElement(() => tf.logicalNot(tf.isFinite(tf.concat([queries, keys]))))) {
    throw new RangeError('queries, keys: every entry must be finite (NaN or Infinity found)');
  }
  return tf.tidy(() => crossEntropyDiagonal(tf.div(tf.matMul(queries, keys, false, true), temperature)) as tf.Scalar);
}

/** mean over the rows i of logsumexp(logits[i]) − logits[i][i]: cross-entropy with labels i → i. */
function crossEntropyDiagonal(logits: tf.Tensor): tf.Tensor {
  const n = logits.shape[0] as number;
  const positives = tf.sum(tf.mul(logits, tf.eye(n)), 1);
  return tf.mean(tf.sub(tf.logSumExp(logits, 1), positives));
}

/** True per row of either input whose norm is not a finite number > 0 (a zero row, NaN or ±Infinity). */
function badRows(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const norms = tf.concat([rowNorms(a), rowNorms(b)]);
  return tf.logicalNot(tf.logicalAnd(tf.greater(norms, 0), tf.isFinite(norms)));
}

/** ‖row‖₂ of each row: [N, D] → [N] (NaN or Infinity where a row holds one). */
function rowNorms(x: tf.Tensor): tf.Tensor {
  return tf.sqrt(tf.sum(tf.square(x), 1));
}

function scalarValue(logitScale: unknown): number {
  if (typeof logitScale === 'number') return logitScale;
  if (!(logitScale instanceof tf.Tensor)) {
    throw new TypeError(`logitScale: expected a number or a tf.Scalar, got ${String(logitScale)}`);
  }
  if (logitScale.rank !== 0) {
    throw new RangeError(`logitScale: expected a scalar tensor (shape []), got one of rank ${logitScale.rank}`);
  }
  return logitScale.dataSync()[0] as number;
}

/** True when the boolean tensor built by `mask` has a true element (read back once; nothing leaks). */
function someElement(mask: () => tf.Tensor): boolean {
  const flag = tf.tidy(() => tf.any(mask()));
  const found = flag.dataSync()[0] === 1;
  flag.dispose();
  return found;
}

/** Two tf.Tensors of one shape [N, D] with N, D ≥ 1, named by their keys (for the messages). */
function pair(args: Record<string, unknown>): void {
  const entries = Object.entries(args);
  for (const [name, t] of entries) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name}: expected a tf.Tensor, got ${String(t)}`);
    if (t.rank !== 2 || t.shape[0] === 0 || t.shape[1] === 0) {
      throw new RangeError(`${name}: expected shape [N, D] with N, D >= 1, got [${t.shape.join(', ')}]`);
    }
  }
  const [[aName, x], [bName, y]] = entries as [[string, tf.Tensor], [string, tf.Tensor]];
  if (x.shape[0] !== y.shape[0] || x.shape[1] !== y.shape[1]) {
    throw new RangeError(
      `${bName}: expected the shape of ${aName} [${x.shape.join(', ')}], got [${y.shape.join(', ')}]`,
    );
  }
}
