import * as tf from '@tensorflow/tfjs';

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

/** A plain array or a Float64Array of finite numbers; returns its length. */
function checkSequence(name: string, xs: unknown): number {
  if (!Array.isArray(xs) && !(xs instanceof Float64Array)) {
    throw new TypeError(`gae: ${name} must be an array or a Float64Array, got ${typeof xs}`);
  }
  for (let i = 0; i < xs.length; i++) {
    const x: unknown = xs[i];
    if (typeof x !== 'number') throw new TypeError(`gae: ${name}[${i}] must be a number, got ${typeof x}`);
    if (!Number.isFinite(x)) throw new RangeError(`gae: ${name}[${i}] must be finite, got ${x}`);
  }
  return xs.length;
}

function checkUnit(name: string, x: unknown): number {
  if (typeof x !== 'number') throw new TypeError(`gae: ${name} must be a number, got ${typeof x}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`gae: ${name} must be in [0, 1], got ${x}`);
  return x;
}

/**
 * Generalized advantage estimation (Schulman et al. 2016) over one trajectory of T steps, by the
 * reverse scan of CleanRL's ppo.py. dones[t] = 1 means the episode ended with step t: step t does
 * not bootstrap (no γ·V of the next state) and the λ-trace does not reach back across it.
 *   δ_t = r_t + γ·V_{t+1}·(1 − d_t) − V_t,   A_t = δ_t + γλ·(1 − d_t)·A_{t+1},   R_t = A_t + V_t
 * with V_T = lastValue. One pass: O(T).
 */
export function gae(
  rewards: Sequence,
  values: Sequence,
  dones: Sequence,
  lastValue: number,
  gamma: number,
  lambda: number,
): GaeResult {
  const t = checkSequence('rewards', rewards);
  if (checkSequence('values', values) !== t || checkSequence('dones', dones) !== t) {
    throw new RangeError(
      `gae: rewards, values and dones must have one length, got ${t}, ${values.length}, ${dones.length}`,
    );
  }
  for (let i = 0; i < t; i++) {
    if (dones[i] !== 0 && dones[i] !== 1) throw new RangeError(`gae: dones[${i}] must be 0 or 1, got ${dones[i]}`);
  }
  if (typeof lastValue !== 'number') throw new TypeError(`gae: lastValue must be a number, got ${typeof lastValue}`);
  if (!Number.isFinite(lastValue)) throw new RangeError(`gae: lastValue must be finite, got ${lastValue}`);
  checkUnit('gamma', gamma);
  checkUnit('lambda', lambda);

  const advantages = new Array<number>(t);
  const returns = new Array<number>(t);
  let nextValue = lastValue;
  let nextAdvantage = 0;
  for (let i = t - 1; i >= 0; i--) {
    const nonTerminal = 1 - (dones[i] as number);
    const value = values[i] as number;
    const delta = (rewards[i] as number) + gamma * nextValue * nonTerminal - value;
    nextAdvantage = delta + gamma * lambda * nonTerminal * nextAdvantage;
    advantages[i] = nextAdvantage;
    returns[i] = nextAdvantage + value;
    nextValue = value;
  }
  return { advantages, returns };
}

const INPUT_NAMES = [
  'logProbs',
  'oldLogProbs',
  'advantages',
  'values',
  'oldValues',
  'returns',
  'entropy',
  'mask',
] as const;

function checkOption(name: string, value: unknown, ok: (x: number) => boolean, expected: string): number {
  if (typeof value !== 'number') throw new TypeError(`ppoLoss: ${name} must be a number, got ${typeof value}`);
  if (!ok(value)) throw new RangeError(`ppoLoss: ${name} must be ${expected}, got ${value}`);
  return value;
}

/**
 * The PPO-clip loss on [B, T] per-token tensors, every term a masked token mean
 * sum(x·mask) / sum(mask) (TRL's masked_mean):
 *   policy  max(−A·r, −A·clip(r, 1 − ε, 1 + ε))               r = exp(logProbs − oldLogProbs)
 *   value   0.5·max((v − R)², (clip(v, v_old − ε_v, v_old + ε_v) − R)²)
 *   loss    policy + vfCoef·value − entCoef·entropy
 * clipFraction: the share of tokens where the clipped policy term is the larger one (TRL's
 * pg_clipfrac); approxKL: the mean of (r − 1) − log r (CleanRL's approx_kl). One host read of the
 * mask (its sum and whether it is 0/1), then tensor ops inside tf.tidy.
 */
export function ppoLoss(inputs: PpoInputs, opts: PpoOptions = {}): PpoLoss {
  const clipRange = checkOption('clipRange', opts.clipRange ?? 0.2, (x) => x >= 0 && x < 1, 'in [0, 1)');
  const clipRangeValue = checkOption('clipRangeValue', opts.clipRangeValue ?? 0.2, (x) => x >= 0, '>= 0');
  const vfCoef = checkOption('vfCoef', opts.vfCoef ?? 0.5, (x) => x >= 0 && Number.isFinite(x), 'finite and >= 0');
  const entCoef = checkOption('entCoef', opts.entCoef ?? 0.01, (x) => x >= 0 && Number.isFinite(x), 'finite and >= 0');
  for (const name of INPUT_NAMES) {
    const t: unknown = inputs[name]; // (reading a field of null throws TypeError itself)
    if (!(t instanceof tf.Tensor)) throw new TypeError(`ppoLoss: ${name} must be a tf.Tensor, got ${typeof t}`);
  }
  const shape = inputs.logProbs.shape;
  for (const name of INPUT_NAMES) {
    const t = inputs[name];
    if (t.rank !== 2 || !tf.util.arraysEqual(t.shape, shape)) {
      throw new RangeError(`ppoLoss: ${name} must be [B, T] like logProbs [${shape}], got [${t.shape}]`);
    }
  }
  const { logProbs, oldLogProbs, advantages, values, oldValues, returns, entropy, mask } = inputs;
  const [binary, count] = tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const ok = tf.all(tf.logicalOr(tf.equal(m, 0), tf.equal(m, 1)));
    return tf.stack([tf.cast(ok, 'float32'), tf.sum(m)]).dataSync();
  });
  if (binary !== 1) throw new RangeError('ppoLoss: mask must hold only 0 and 1');
  if (count === 0) throw new RangeError('ppoLoss: mask has no unmasked token');

  return tf.tidy(() => {
    const m = tf.cast(mask, 'float32');
    const maskedMean = (x: tf.Tensor) => tf.div(tf.sum(tf.mul(x, m)), tf.sum(m)) as tf.Scalar;

    const logRatio = tf.sub(logProbs, oldLogProbs);
    const ratio = tf.exp(logRatio);
    const pgLosses = tf.mul(tf.neg(advantages), ratio);
    const pgLossesClipped = tf.mul(tf.neg(advantages), tf.clipByValue(ratio, 1 - clipRange, 1 + clipRange));
    const policyLoss = maskedMean(tf.maximum(pgLosses, pgLossesClipped));
    const clipFraction = maskedMean(tf.cast(tf.greater(pgLossesClipped, pgLosses), 'float32'));

    const valuesClipped = tf.minimum(
      tf.maximum(values, tf.sub(oldValues, clipRangeValue)),
      tf.add(oldValues, clipRangeValue),
    );
    const vfLosses = tf.square(tf.sub(values, returns));
    const vfLossesClipped = tf.square(tf.sub(valuesClipped, returns));
    const valueLoss = tf.mul(0.5, maskedMean(tf.maximum(vfLosses, vfLossesClipped))) as tf.Scalar;

    const meanEntropy = maskedMean(entropy);
    const approxKL = maskedMean(tf.sub(tf.sub(ratio, 1), logRatio));
    const loss = tf.sub(tf.add(policyLoss, tf.mul(vfCoef, valueLoss)), tf.mul(entCoef, meanEntropy)) as tf.Scalar;
    return { loss, policyLoss, valueLoss, entropy: meanEntropy, clipFraction, approxKL };
  });
}
