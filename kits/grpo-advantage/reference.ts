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

function meanOf(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Unbiased (Bessel-corrected, n − 1) standard deviation, as torch.std; 0 for a constant list. */
function unbiasedStd(xs: readonly number[]): number {
  if (xs.every((x) => x === xs[0])) return 0;
  const m = meanOf(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * GRPO advantages: each contiguous group of G rewards (TRL's view(-1, G)) minus its own mean,
 * divided by std + eps (the group's unbiased std for 'group', the whole batch's for 'batch',
 * nothing for 'none'). A zero std gives 0 advantages, never NaN. O(N) time.
 */
export function groupAdvantages(
  rewards: number[],
  groupSize: number,
  opts: { scale?: RewardScale; eps?: number } = {},
): number[] {
  const scale = opts.scale ?? 'group';
  const eps = opts.eps ?? 1e-4;
  if (!Number.isInteger(groupSize) || groupSize < 2) {
    throw new RangeError(`groupAdvantages: groupSize must be an integer >= 2, got ${groupSize}`);
  }
  if (rewards.length % groupSize !== 0) {
    throw new RangeError(
      `groupAdvantages: rewards.length ${rewards.length} is not a multiple of groupSize ${groupSize}`,
    );
  }
  if (!(eps >= 0)) throw new RangeError(`groupAdvantages: eps must be >= 0, got ${eps}`);
  const batchStd = unbiasedStd(rewards);
  const groups = Array.from({ length: rewards.length / groupSize }, (_, g) =>
    rewards.slice(g * groupSize, (g + 1) * groupSize),
  );
  return groups.flatMap((group) => {
    const mean = meanOf(group);
    if (scale === 'none') return group.map((r) => r - mean);
    const std = scale === 'group' ? unbiasedStd(group) : batchStd;
    return group.map((r) => (std === 0 ? 0 : (r - mean) / (std + eps)));
  });
}

function sameShape(a: tf.Tensor, b: tf.Tensor): boolean {
  return tf.util.arraysEqual(a.shape, b.shape);
}

/** Per-token k3 estimate of KL(π‖π_ref): exp(ref − logp) − (ref − logp) − 1 (always ≥ 0). */
export function k3Kl(logp: tf.Tensor2D, refLogp: tf.Tensor2D): tf.Tensor2D {
  if (!sameShape(logp, refLogp)) {
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
 * every unmasked token of the batch (0 when there is none). O(B·L), inside tf.tidy.
 */
export function grpoLoss(i: GrpoInputs, opts: GrpoOptions = {}): tf.Scalar {
  const epsilon = opts.epsilon ?? 0.2;
  const epsilonHigh = opts.epsilonHigh ?? epsilon;
  const beta = opts.beta ?? 0.04;
  const aggregation = opts.aggregation ?? 'sequence';
  const { logp, oldLogp, refLogp, advantages, mask } = i;
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
  const counts = tf.tidy(() => tf.sum(mask, 1).dataSync());
  if (aggregation === 'sequence' && counts.some((c) => c <= 0)) {
    throw new RangeError("grpoLoss: a row of mask has no unmasked token (aggregation 'sequence')");
  }

  return tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const a = tf.expandDims(advantages, 1);
    const ratio = tf.exp(tf.sub(logp, oldLogp));
    const unclipped = tf.mul(ratio, a);
    const clipped = tf.mul(tf.clipByValue(ratio, 1 - epsilon, 1 + epsilonHigh), a);
    const kl = refLogp === undefined ? tf.scalar(0) : tf.mul(beta, k3Kl(logp, refLogp));
    const perToken = tf.add(tf.neg(tf.minimum(unclipped, clipped)), kl);
    const masked = tf.mul(perToken, m);
    if (aggregation === 'sequence') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;
    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;
  });
}
