import * as tf from '@tensorflow/tfjs';

/**
 * Another way. GAE through the λ-return recursion instead of the δ-scan:
 *   G_t = r_t + γ·(1 − d_t)·((1 − λ)·V_{t+1} + λ·G_{t+1}),   G_T = V_T = lastValue,
 * then A_t = G_t − V_t (the two are the same sum, regrouped). The loss in CleanRL's form: the
 * value clipped as v_old + clip(v − v_old, −ε_v, ε_v), the policy term as −min(r·A, clip(r)·A),
 * the clip fraction as "A > 0 and r > 1 + ε, or A < 0 and r < 1 − ε", and every mean divided by
 * the mask count read on the host.
 */

export type Sequence = readonly number[] | Float64Array;

export interface GaeResult {
  advantages: number[];
  returns: number[];
}

export interface PpoInputs {
  logProbs: tf.Tensor2D;
  oldLogProbs: tf.Tensor2D;
  advantages: tf.Tensor2D;
  values: tf.Tensor2D;
  oldValues: tf.Tensor2D;
  returns: tf.Tensor2D;
  entropy: tf.Tensor2D;
  mask: tf.Tensor2D;
}

export interface PpoOptions {
  clipRange?: number;
  clipRangeValue?: number;
  vfCoef?: number;
  entCoef?: number;
}

export interface PpoLoss {
  loss: tf.Scalar;
  policyLoss: tf.Scalar;
  valueLoss: tf.Scalar;
  entropy: tf.Scalar;
  clipFraction: tf.Scalar;
  approxKL: tf.Scalar;
}

function numbers(name: string, xs: unknown): Sequence {
  if (!(Array.isArray(xs) || xs instanceof Float64Array)) throw new TypeError(`gae: ${name} is not an array`);
  xs.forEach((x: unknown, i: number) => {
    if (typeof x !== 'number') throw new TypeError(`gae: ${name}[${i}] is not a number`);
    if (!Number.isFinite(x)) throw new RangeError(`gae: ${name}[${i}] = ${x} is not finite`);
  });
  return xs;
}

export function gae(
  rewards: Sequence,
  values: Sequence,
  dones: Sequence,
  lastValue: number,
  gamma: number,
  lambda: number,
): GaeResult {
  const [r, v, d] = [numbers('rewards', rewards), numbers('values', values), numbers('dones', dones)];
  if (r.length !== v.length || r.length !== d.length) throw new RangeError('gae: lengths differ');
  if (d.some((x) => x !== 0 && x !== 1)) throw new RangeError('gae: a done is neither 0 nor 1');
  for (const [name, x] of [
    ['lastValue', lastValue],
    ['gamma', gamma],
    ['lambda', lambda],
  ] as const) {
    if (typeof x !== 'number') throw new TypeError(`gae: ${name} is not a number`);
  }
  if (!Number.isFinite(lastValue)) throw new RangeError(`gae: lastValue ${lastValue} is not finite`);
  if (!(gamma >= 0 && gamma <= 1) || !(lambda >= 0 && lambda <= 1)) {
    throw new RangeError(`gae: gamma ${gamma} and lambda ${lambda} must be in [0, 1]`);
  }
  const n = r.length;
  const returns: number[] = Array.from({ length: n }, () => 0);
  let g = lastValue; // G_{t+1}
  let vNext = lastValue; // V_{t+1}
  for (let t = n - 1; t >= 0; t--) {
    const live = d[t] === 1 ? 0 : 1;
    g = (r[t] as number) + gamma * live * ((1 - lambda) * vNext + lambda * g);
    returns[t] = g;
    vNext = v[t] as number;
  }
  return { advantages: returns.map((x, t) => x - (v[t] as number)), returns };
}

const NAMES = ['logProbs', 'oldLogProbs', 'advantages', 'values', 'oldValues', 'returns', 'entropy', 'mask'] as const;

export function ppoLoss(inputs: PpoInputs, opts: PpoOptions = {}): PpoLoss {
  const { clipRange = 0.2, clipRangeValue = 0.2, vfCoef = 0.5, entCoef = 0.01 } = opts;
  for (const [name, x] of Object.entries({ clipRange, clipRangeValue, vfCoef, entCoef })) {
    if (typeof x !== 'number') throw new TypeError(`ppoLoss: option ${name} is not a number`);
  }
  if (!(clipRange >= 0 && clipRange < 1)) throw new RangeError(`ppoLoss: clipRange ${clipRange} not in [0, 1)`);
  if (!(clipRangeValue >= 0)) throw new RangeError(`ppoLoss: clipRangeValue ${clipRangeValue} < 0`);
  for (const [name, x] of [
    ['vfCoef', vfCoef],
    ['entCoef', entCoef],
  ] as const) {
    if (!(Number.isFinite(x) && x >= 0)) throw new RangeError(`ppoLoss: ${name} ${x} is not finite and >= 0`);
  }
  if (typeof inputs !== 'object' || inputs === null) throw new TypeError('ppoLoss: no inputs');
  const tensors = NAMES.map((name) => {
    const t: unknown = inputs[name];
    if (!(t instanceof tf.Tensor)) throw new TypeError(`ppoLoss: ${name} is not a tensor`);
    return t;
  });
  const [b, l] = inputs.logProbs.shape;
  if (tensors.some((t) => t.rank !== 2 || t.shape[0] !== b || t.shape[1] !== l)) {
    throw new RangeError('ppoLoss: every input must have the [B, T] shape of logProbs');
  }
  const m = inputs.mask;
  const flags = tf.tidy(() => {
    const f = tf.cast(m, 'float32');
    return tf.stack([tf.sum(f), tf.sum(tf.abs(tf.mul(f, tf.sub(f, 1))))]).arraySync() as number[];
  });
  const [count, offBinary] = flags as [number, number];
  if (offBinary !== 0) throw new RangeError('ppoLoss: mask entries must be 0 or 1');
  if (count === 0) throw new RangeError('ppoLoss: every token is masked');

  return tf.tidy(() => {
    const f = tf.cast(m, 'float32');
    const mean = (x: tf.Tensor): tf.Scalar => tf.div(tf.sum(tf.where(tf.equal(f, 1), x, tf.zerosLike(x))), count);
    const { logProbs, oldLogProbs, advantages: a, values: v, oldValues, returns: ret } = inputs;
    const logRatio = logProbs.sub(oldLogProbs);
    const r = logRatio.exp();
    const surrogate = tf.minimum(r.mul(a), r.clipByValue(1 - clipRange, 1 + clipRange).mul(a));
    const policyLoss = mean(surrogate.neg());
    const clipped = tf.logicalOr(
      tf.logicalAnd(a.greater(0), r.greater(1 + clipRange)),
      tf.logicalAnd(a.less(0), r.less(1 - clipRange)),
    );
    const clipFraction = mean(clipped.cast('float32'));
    const delta = v.sub(oldValues);
    const vClipped = oldValues.add(
      Number.isFinite(clipRangeValue) ? delta.clipByValue(-clipRangeValue, clipRangeValue) : delta,
    );
    const valueLoss = mean(tf.maximum(v.sub(ret).square(), vClipped.sub(ret).square())).mul(0.5) as tf.Scalar;
    const entropy = mean(inputs.entropy);
    const approxKL = mean(r.sub(1).sub(logRatio));
    const loss = policyLoss.add(valueLoss.mul(vfCoef)).sub(entropy.mul(entCoef)) as tf.Scalar;
    return { loss, policyLoss, valueLoss, entropy, clipFraction, approxKL };
  });
}
