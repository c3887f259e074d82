import * as tf from '@tensorflow/tfjs';

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

const SCALES: readonly string[] = ['group', 'batch', 'none'];
const AGGREGATIONS: readonly string[] = ['sequence', 'token'];

/** The mean of xs[from … to − 1]. */
function meanOf(xs: readonly number[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += xs[i] as number;
  return sum / (to - from);
}

/** Unbiased (Bessel-corrected, n − 1) standard deviation of xs[from … to − 1], as torch.std. */
function unbiasedStd(xs: readonly number[], from: number, to: number): number {
  const m = meanOf(xs, from, to);
  let ss = 0;
  for (let i = from; i < to; i++) ss += ((xs[i] as number) - m) ** 2;
  return Math.sqrt(ss / (to - from - 1));
}

/** True when xs[from … to − 1] are all equal: compared directly, since a float std of 0.1s is not 0. */
function constant(xs: readonly number[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (xs[i] !== xs[from]) return false;
  return true;
}

/**
 * GRPO advantages: each contiguous group of G rewards (TRL's view(-1, G)) minus its own mean,
 * divided by std + eps (the group's unbiased std for 'group', the whole batch's for 'batch',
 * nothing for 'none'). A constant group gives exactly 0, never NaN. Two passes per group and one
 * over the batch: O(N) time.
 */
export function groupAdvantages(
  rewards: number[],
  groupSize: number,
  opts: { scale?: RewardScale; eps?: number } = {},
): number[] {
  const scale = opts.scale ?? 'group';
  const eps = opts.eps ?? 1e-4;
  if (!Array.isArray(rewards)) throw new TypeError(`groupAdvantages: rewards must be an array, got ${typeof rewards}`);
  for (let i = 0; i < rewards.length; i++) {
    const r: unknown = rewards[i];
    if (typeof r !== 'number') throw new TypeError(`groupAdvantages: rewards[${i}] must be a number, got ${typeof r}`);
    if (!Number.isFinite(r)) throw new RangeError(`groupAdvantages: rewards[${i}] must be finite, got ${r}`);
  }
  if (typeof groupSize !== 'number') {
    throw new TypeError(`groupAdvantages: groupSize must be a number, got ${typeof groupSize}`);
  }
  if (!Number.isInteger(groupSize) || groupSize < 2) {
    throw new RangeError(`groupAdvantages: groupSize must be an integer >= 2, got ${groupSize}`);
  }
  if (rewards.length === 0 || rewards.length % groupSize !== 0) {
    throw new RangeError(
      `groupAdvantages: rewards.length ${rewards.length} is not a positive multiple of groupSize ${groupSize}`,
    );
  }
  if (!SCALES.includes(scale)) {
    throw new RangeError(`groupAdvantages: scale must be 'group', 'batch' or 'none', got ${JSON.stringify(scale)}`);
  }
  if (typeof eps !== 'number') throw new TypeError(`groupAdvantages: eps must be a number, got ${typeof eps}`);
  if (!(eps >= 0 && Number.isFinite(eps))) {
    throw new RangeError(`groupAdvantages: eps must be finite and >= 0, got ${eps}`);
  }
  const n = rewards.length;
  const batchStd = scale === 'batch' ? unbiasedStd(rewards, 0, n) : 0;
  const out = new Array<number>(n);
  for (let from = 0; from < n; from += groupSize) {
    const to = from + groupSize;
    if (constant(rewards, from, to)) {
      for (let i = from; i < to; i++) out[i] = 0;
      continue;
    }
    const mean = meanOf(rewards, from, to);
    const divisor = scale === 'none' ? 1 : (scale === 'group' ? unbiasedStd(rewards, from, to) : batchStd) + eps;
    for (let i = from; i < to; i++) out[i] = ((rewards[i] as number) - mean) / divisor;
  }
  return out;
}

function sameShape(a: tf.Tensor, b: tf.Tensor): boolean {
  return tf.util.arraysEqual(a.shape, b.shape);
}

/** Per-token k3 estimate of KL(π‖π_ref): exp(ref − logp) − (ref − logp) − 1 (always ≥ 0). */
export function k3Kl(logp: tf.Tensor2D, refLogp: tf.Tensor2D): tf.Tensor2D {
  for (const [name, t] of Object.entries({ logp, refLogp })) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`k3Kl: ${name} must be a tf.Tensor, got ${typeof t}`);
  }
  if (logp.rank !== 2 || !sameShape(logp, refLogp)) {
    throw new RangeError(`k3Kl: logp and refLogp must both be [B, L], got [${logp.shape}] and [${refLogp.shape}]`);
  }
  return tf.tidy(() => {
    const d = tf.sub(refLogp, logp);
    return tf.exp(d).sub(d).sub(1) as tf.Tensor2D;
  });
}

/**
 * GRPO loss: per token −min(r·A, clip(r, 1−ε, 1+ε_high)·A) + β·k3 with r = exp(logp − old);
 * 'sequence' averages each row over its unmasked tokens, then the rows; 'token' averages over
 * every unmasked token of the batch (0 when there is none). One host read of the mask's row
 * counts (and whether it is 0/1), then tensor ops only, inside tf.tidy: O(B) JavaScript work.
 */
export function grpoLoss(i: GrpoInputs, opts: GrpoOptions = {}): tf.Scalar {
  const epsilon = opts.epsilon ?? 0.2;
  const epsilonHigh = opts.epsilonHigh ?? epsilon;
  const beta = opts.beta ?? 0.04;
  const aggregation = opts.aggregation ?? 'sequence';
  for (const [name, value] of Object.entries({ epsilon, epsilonHigh, beta })) {
    if (typeof value !== 'number') throw new TypeError(`grpoLoss: ${name} must be a number, got ${typeof value}`);
  }
  if (!(epsilon >= 0 && epsilon < 1)) throw new RangeError(`grpoLoss: epsilon must be in [0, 1), got ${epsilon}`);
  if (!(epsilonHigh >= 0 && Number.isFinite(epsilonHigh))) {
    throw new RangeError(`grpoLoss: epsilonHigh must be finite and >= 0, got ${epsilonHigh}`);
  }
  if (!(beta >= 0 && Number.isFinite(beta))) {
    throw new RangeError(`grpoLoss: beta must be finite and >= 0, got ${beta}`);
  }
  if (!AGGREGATIONS.includes(aggregation)) {
    throw new RangeError(`grpoLoss: aggregation must be 'sequence' or 'token', got ${JSON.stringify(aggregation)}`);
  }
  const { logp, oldLogp, refLogp, advantages, mask } = i; // (destructuring null throws TypeError itself)
  for (const [name, t] of Object.entries({ logp, oldLogp, advantages, mask, ...(refLogp && { refLogp }) })) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`grpoLoss: ${name} must be a tf.Tensor, got ${typeof t}`);
  }
  if (logp.rank !== 2) throw new RangeError(`grpoLoss: logp must be [B, L], got [${logp.shape}]`);
  const [b] = logp.shape;
  for (const [name, t] of [
    ['oldLogp', oldLogp],
    ['mask', mask],
    ['refLogp', refLogp],
  ] as const) {
    if (t !== undefined && !sameShape(t, logp)) {
      throw new RangeError(`grpoLoss: ${name} must have the shape of logp [${logp.shape}], got [${t.shape}]`);
    }
  }
  if (advantages.rank !== 1 || advantages.shape[0] !== b) {
    throw new RangeError(`grpoLoss: advantages must be [B=${b}], got [${advantages.shape}]`);
  }
  if (beta > 0 && refLogp === undefined) throw new RangeError('grpoLoss: refLogp is required when beta > 0');
  // One read: the row counts of the mask, and a last entry that says whether every value is 0 or 1.
  const read = tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const binary = tf.all(tf.logicalOr(tf.equal(m, 0), tf.equal(m, 1)));
    return tf.concat([tf.sum(m, 1), tf.reshape(tf.cast(binary, 'float32'), [1])]).dataSync();
  });
  if (read[b] !== 1) throw new RangeError('grpoLoss: mask must hold only 0 and 1');
  if (aggregation === 'sequence' && read.subarray(0, b).some((c) => c === 0)) {
    throw new RangeError("grpoLoss: a row of mask has no unmasked token (aggregation 'sequence')");
  }

  return tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const a = tf.expandDims(advantages, 1);
    const ratio = tf.exp(tf.sub(logp, oldLogp));
    const unclipped = tf.mul(ratio, a);
    const clipped = tf.mul(tf.clipByValue(ratio, 1 - epsilon, 1 + epsilonHigh), a);
    const kl = refLogp === undefined ? tf.scalar(0) : tf.mul(beta, k3Kl(logp, refLogp)); // β = 0 without refLogp
    const perToken = tf.add(tf.neg(tf.minimum(unclipped, clipped)), kl);
    const masked = tf.mul(perToken, m);
    if (aggregation === 'sequence') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;
    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;
  });
}
