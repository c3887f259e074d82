import * as tf from '@tensorflow/tfjs';

/**
 * Another way. sequenceLogProbs takes tf.logSoftmax of the shifted logits and picks the label's
 * entry with a one-hot mask instead of a flat gather; the labels are checked with tensor ops and a
 * single read of [B + 1] numbers (the counted tokens per row, and how many counted labels fall
 * outside [0, V)). dpoLoss uses tf.logSigmoid (−softplus(−x), finite for any x) and
 * tf.squaredDifference for IPO.
 */

export type DpoLossType = 'sigmoid' | 'ipo' | 'hinge';

export interface SequenceLogProbsOptions {
  ignoreIndex?: number;
  average?: boolean;
}

export interface DpoLossOptions {
  beta?: number;
  labelSmoothing?: number;
  lossType?: DpoLossType;
}

export interface DpoLossResult {
  loss: tf.Scalar;
  losses: tf.Tensor1D;
  chosenRewards: tf.Tensor1D;
  rejectedRewards: tf.Tensor1D;
}

function assertTensors(named: Record<string, unknown>): void {
  for (const [name, t] of Object.entries(named)) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name}: expected a tf.Tensor`);
  }
}

export function sequenceLogProbs(
  logits: tf.Tensor3D,
  labels: tf.Tensor2D,
  opts: SequenceLogProbsOptions = {},
): tf.Tensor1D {
  const { ignoreIndex = -100, average = false } = opts;
  assertTensors({ logits, labels });
  if (typeof ignoreIndex !== 'number') throw new TypeError('ignoreIndex: expected a number');
  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`ignoreIndex: ${ignoreIndex} is not an integer`);
  if (typeof average !== 'boolean') throw new TypeError('average: expected true or false');
  if (logits.rank !== 3 || logits.shape.some((d) => d === 0)) {
    throw new RangeError(`logits: expected a non-empty [B, T, V], got [${logits.shape}]`);
  }
  const [B, T, V] = logits.shape;
  if (labels.rank !== 2 || labels.shape[0] !== B || labels.shape[1] !== T) {
    throw new RangeError(`labels: expected [${B}, ${T}], got [${labels.shape}]`);
  }
  if (T === 1) {
    // Nothing is predicted: every row sums to 0, and its average is undefined.
    if (average) throw new RangeError('labels: with T = 1 no row has a counted label to average over');
    return tf.zeros([B]);
  }
  return tf.tidy(() => {
    // Position t predicts labels[:, t + 1]; the last position predicts nothing (an ignored target).
    const next = tf.concat([tf.slice(labels, [0, 1], [B, T - 1]), tf.fill([B, 1], ignoreIndex, labels.dtype)], 1);
    const targets = tf.cast(next, 'float32'); // [B, T]
    const counted = tf.notEqual(targets, ignoreIndex);
    const whole = tf.equal(targets, tf.round(targets));
    const inRange = tf.logicalAnd(tf.greaterEqual(targets, 0), tf.less(targets, V));
    const bad = tf.logicalAnd(counted, tf.logicalNot(tf.logicalAnd(whole, inRange)));
    const weights = tf.cast(counted, 'float32');
    const rowCounts = tf.sum(weights, 1);
    const read = tf.concat([tf.reshape(tf.sum(tf.cast(bad, 'float32')), [1]), rowCounts]);
    const [badCount, ...counts] = read.arraySync() as number[];
    if (badCount !== 0) throw new RangeError(`labels: ${badCount} counted label(s) are not integers in [0, ${V})`);
    if (average && counts.includes(0)) throw new RangeError('labels: a row has no counted label to average over');
    const safe = tf.cast(tf.where(counted, targets, tf.zerosLike(targets)), 'int32');
    // A one-hot mask by comparison with 0 … V − 1 (tf.oneHot needs a depth of at least 2; V may be 1).
    const oneHot = tf.cast(tf.equal(tf.expandDims(safe, -1), tf.range(0, V, 1, 'int32')), 'float32');
    const picked = tf.sum(tf.mul(tf.logSoftmax(logits), oneHot), -1); // [B, T]
    const sums = tf.sum(tf.mul(picked, weights), 1);
    return (average ? tf.div(sums, rowCounts) : sums) as tf.Tensor1D;
  });
}

export function dpoLoss(
  policyChosen: tf.Tensor1D,
  policyRejected: tf.Tensor1D,
  refChosen: tf.Tensor1D,
  refRejected: tf.Tensor1D,
  opts: DpoLossOptions = {},
): DpoLossResult {
  const { beta = 0.1, labelSmoothing = 0, lossType = 'sigmoid' } = opts;
  if (typeof beta !== 'number' || typeof labelSmoothing !== 'number') {
    throw new TypeError('beta and labelSmoothing: expected numbers');
  }
  if (!(Number.isFinite(beta) && beta > 0)) throw new RangeError(`beta: ${beta} is not a finite number > 0`);
  if (!(labelSmoothing >= 0 && labelSmoothing < 0.5))
    throw new RangeError(`labelSmoothing: ${labelSmoothing} ∉ [0, 0.5)`);
  if (lossType !== 'sigmoid' && lossType !== 'ipo' && lossType !== 'hinge') {
    throw new RangeError(`lossType: unknown ${String(lossType)}`);
  }
  const named = { policyChosen, policyRejected, refChosen, refRejected };
  assertTensors(named);
  const shapes = Object.values(named).map((t) => t.shape.join(','));
  if (policyChosen.rank !== 1 || policyChosen.size === 0 || shapes.some((s) => s !== shapes[0])) {
    throw new RangeError(
      `the four log-prob vectors must share one shape [N], N >= 1; got ${shapes.map((s) => `[${s}]`)}`,
    );
  }
  return tf.tidy(() => {
    const chosen = tf.sub(policyChosen.toFloat(), refChosen.toFloat()); // log π/π_ref of the chosen answer
    const rejected = tf.sub(policyRejected.toFloat(), refRejected.toFloat());
    const h = tf.sub(chosen, rejected);
    let losses: tf.Tensor1D;
    if (lossType === 'ipo') losses = tf.squaredDifference(h, tf.scalar(1 / (2 * beta)));
    else if (lossType === 'hinge') losses = tf.maximum(tf.scalar(0), tf.sub(1, tf.mul(h, beta)));
    else {
      const z = tf.mul(h, beta);
      losses = tf.neg(
        tf.add(tf.mul(tf.logSigmoid(z), 1 - labelSmoothing), tf.mul(tf.logSigmoid(tf.neg(z)), labelSmoothing)),
      );
    }
    return {
      loss: tf.mean(losses) as tf.Scalar,
      losses,
      chosenRewards: tf.mul(chosen, beta) as tf.Tensor1D,
      rejectedRewards: tf.mul(rejected, beta) as tf.Tensor1D,
    };
  });
}
