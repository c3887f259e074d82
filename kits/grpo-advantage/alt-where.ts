import * as tf from '@tensorflow/tfjs';

/**
 * Another way. Advantages: one Welford pass per group (running mean and sum of squared
 * deviations) and one over the batch, a constant group found by its min and max. k3 as
 * expm1(d) − d, which is exp(d) − d − 1 without the cancellation near d = 0. The clipped
 * surrogate without min and clip: for A ≥ 0 the pessimistic term is min(r, 1 + ε_high)·A, for
 * A < 0 it is max(r, 1 − ε)·A, picked with tf.where.
 */

export type RewardScale = 'group' | 'batch' | 'none';
export type Aggregation = 'sequence' | 'token';

export interface GrpoInputs {
  logp: tf.Tensor2D;
  oldLogp: tf.Tensor2D;
  refLogp?: tf.Tensor2D;
  advantages: tf.Tensor1D;
  mask: tf.Tensor2D;
}

export interface GrpoOptions {
  epsilon?: number;
  epsilonHigh?: number;
  beta?: number;
  aggregation?: Aggregation;
}

interface Moments {
  mean: number;
  std: number; // unbiased
  min: number;
  max: number;
}

/** Welford's one-pass mean and unbiased std of xs[from … to − 1] (at least two values). */
function moments(xs: readonly number[], from: number, to: number): Moments {
  let mean = 0;
  let m2 = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) {
    const x = xs[i] as number;
    const delta = x - mean;
    mean += delta / (i - from + 1);
    m2 += delta * (x - mean);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { mean, std: Math.sqrt(m2 / (to - from - 1)), min, max };
}

export function groupAdvantages(
  rewards: number[],
  groupSize: number,
  opts: { scale?: RewardScale; eps?: number } = {},
): number[] {
  const { scale = 'group', eps = 1e-4 } = opts;
  if (!Array.isArray(rewards)) throw new TypeError('rewards: expected an array of numbers');
  for (const [i, r] of rewards.entries()) {
    if (typeof r !== 'number') throw new TypeError(`rewards[${i}]: expected a number`);
    if (!Number.isFinite(r)) throw new RangeError(`rewards[${i}]: expected a finite number, got ${r}`);
  }
  if (typeof groupSize !== 'number') throw new TypeError('groupSize: expected a number');
  if (!(Number.isInteger(groupSize) && groupSize >= 2)) {
    throw new RangeError(`groupSize: ${groupSize} is not an integer >= 2`);
  }
  const groups = rewards.length / groupSize;
  if (!(Number.isInteger(groups) && groups >= 1)) {
    throw new RangeError(`rewards: ${rewards.length} rewards do not make whole groups of ${groupSize}`);
  }
  if (scale !== 'group' && scale !== 'batch' && scale !== 'none') throw new RangeError(`scale: unknown ${scale}`);
  if (typeof eps !== 'number') throw new TypeError('eps: expected a number');
  if (!(Number.isFinite(eps) && eps >= 0)) throw new RangeError(`eps: expected a finite number >= 0, got ${eps}`);

  const batch = scale === 'batch' ? moments(rewards, 0, rewards.length).std : Number.NaN;
  const out: number[] = [];
  for (let g = 0; g < groups; g++) {
    const from = g * groupSize;
    const stats = moments(rewards, from, from + groupSize);
    for (let i = from; i < from + groupSize; i++) {
      const centred = (rewards[i] as number) - stats.mean;
      if (stats.min === stats.max) out.push(0);
      else if (scale === 'none') out.push(centred);
      else out.push(centred / ((scale === 'group' ? stats.std : batch) + eps));
    }
  }
  return out;
}

function tensors(where: string, named: Record<string, unknown>): void {
  for (const [name, t] of Object.entries(named)) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${where}: ${name} is not a tf.Tensor`);
  }
}

export function k3Kl(logp: tf.Tensor2D, refLogp: tf.Tensor2D): tf.Tensor2D {
  tensors('k3Kl', { logp, refLogp });
  if (logp.rank !== 2 || refLogp.rank !== 2 || logp.shape.some((d, axis) => d !== refLogp.shape[axis])) {
    throw new RangeError(`k3Kl: shapes [${logp.shape}] and [${refLogp.shape}] are not the same [B, L]`);
  }
  return tf.tidy(() => {
    const d = tf.sub(refLogp, logp);
    return tf.sub(tf.expm1(d), d) as tf.Tensor2D;
  });
}

export function grpoLoss(i: GrpoInputs, opts: GrpoOptions = {}): tf.Scalar {
  const { epsilon = 0.2, beta = 0.04, aggregation = 'sequence' } = opts;
  const epsilonHigh = opts.epsilonHigh ?? epsilon;
  for (const [name, v] of [
    ['epsilon', epsilon],
    ['epsilonHigh', epsilonHigh],
    ['beta', beta],
  ] as const) {
    if (typeof v !== 'number') throw new TypeError(`grpoLoss: ${name} is not a number`);
  }
  if (!(epsilon >= 0 && epsilon < 1)) throw new RangeError(`grpoLoss: epsilon ${epsilon} is not in [0, 1)`);
  if (!(Number.isFinite(epsilonHigh) && epsilonHigh >= 0)) {
    throw new RangeError(`grpoLoss: bad epsilonHigh ${epsilonHigh}`);
  }
  if (!(Number.isFinite(beta) && beta >= 0)) throw new RangeError(`grpoLoss: bad beta ${beta}`);
  if (aggregation !== 'sequence' && aggregation !== 'token') {
    throw new RangeError(`grpoLoss: unknown aggregation ${aggregation}`);
  }
  if (i === null || typeof i !== 'object') throw new TypeError('grpoLoss: the inputs must be an object');
  const { logp, oldLogp, refLogp, advantages, mask } = i;
  tensors(
    'grpoLoss',
    refLogp === undefined ? { logp, oldLogp, advantages, mask } : { logp, oldLogp, advantages, mask, refLogp },
  );
  const shape = logp.shape;
  const same = (t: tf.Tensor) => t.rank === 2 && t.shape[0] === shape[0] && t.shape[1] === shape[1];
  if (logp.rank !== 2 || !same(oldLogp) || !same(mask) || (refLogp !== undefined && !same(refLogp))) {
    throw new RangeError(`grpoLoss: logp, oldLogp, mask (and refLogp) must share one [B, L] shape`);
  }
  if (advantages.rank !== 1 || advantages.shape[0] !== shape[0]) {
    throw new RangeError(`grpoLoss: advantages must be [${shape[0]}], got [${advantages.shape}]`);
  }
  if (refLogp === undefined && beta > 0) throw new RangeError('grpoLoss: beta > 0 needs refLogp');

  const [nonBinary, ...counts] = tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const offBinary = tf.sum(tf.abs(tf.mul(m, tf.sub(1, m)))); // m(1 − m) is 0 exactly for 0 and 1
    return tf.concat([tf.reshape(offBinary, [1]), tf.sum(m, 1)]).arraySync() as number[];
  });
  if (nonBinary !== 0) throw new RangeError('grpoLoss: mask entries must be 0 or 1');
  if (aggregation === 'sequence' && counts.includes(0)) {
    throw new RangeError('grpoLoss: every row needs an unmasked token for the sequence mean');
  }

  return tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const a = tf.reshape(advantages, [-1, 1]);
    const r = tf.exp(tf.sub(logp, oldLogp));
    const pessimistic = tf.where(
      tf.greaterEqual(a, 0).tile([1, shape[1]]),
      tf.mul(tf.minimum(r, 1 + epsilonHigh), a),
      tf.mul(tf.maximum(r, 1 - epsilon), a),
    );
    let perToken = tf.neg(pessimistic);
    if (beta > 0 && refLogp !== undefined) perToken = tf.add(perToken, tf.mul(k3Kl(logp, refLogp), beta));
    const rowSums = tf.sum(tf.mul(perToken, m), 1);
    if (aggregation === 'token') return tf.div(tf.sum(rowSums), Math.max(1, sum(counts))) as tf.Scalar;
    return tf.mean(tf.div(rowSums, tf.tensor1d(counts))) as tf.Scalar;
  });
}

function sum(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}
