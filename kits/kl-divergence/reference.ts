import * as tf from '@tensorflow/tfjs';

/**
 * Entropy, cross-entropy and KL divergence of softmax distributions over the last axis, and
 * PyTorch's F.kl_div. Everything goes through log-softmax ((x − max) − log Σ exp(x − max), with the
 * row maximum subtracted first), so logits up to |x| = 1e4 stay finite; log(softmax(x)) would underflow to
 * log 0 = −Infinity there. Terms with p = 0 are selected away (0·log 0 = 0) instead of multiplied,
 * because 0·(−Infinity) is NaN. O(size) time and memory, one pass of elementwise ops per call; the
 * value checks are tensor ops too (one boolean read back each), so no JavaScript loop touches the
 * elements.
 */

export type Reduction = 'none' | 'sum' | 'mean' | 'batchmean';

export interface KlDivLossOptions {
  readonly reduction?: Reduction;
  readonly logTarget?: boolean;
}

const REDUCTIONS: readonly string[] = ['none', 'sum', 'mean', 'batchmean'];

/** log softmax over the last axis; same shape as `logits`. */
export function logSoftmax(logits: tf.Tensor): tf.Tensor {
  checkLogits('logits', logits);
  return tf.tidy(() => logProbs(logits));
}

/** H(p) = −Σ p log p over the last axis, in nats: [..., V] → [...]. */
export function entropy(logits: tf.Tensor): tf.Tensor {
  checkLogits('logits', logits);
  return tf.tidy(() => {
    const logP = logProbs(logits);
    return tf.neg(expectation(logP, logP));
  });
}

/** H(p, q) = −Σ p log q over the last axis: [..., V] → [...]. */
export function crossEntropy(pLogits: tf.Tensor, qLogits: tf.Tensor): tf.Tensor {
  pair('pLogits', pLogits, 'qLogits', qLogits);
  checkLogits('pLogits', pLogits);
  checkLogits('qLogits', qLogits);
  return tf.tidy(() => tf.neg(expectation(logProbs(pLogits), logProbs(qLogits))));
}

/** KL(p‖q) = Σ p (log p − log q) over the last axis: [..., V] → [...]; ≥ 0, +Infinity where q = 0 < p. */
export function klDivergence(pLogits: tf.Tensor, qLogits: tf.Tensor): tf.Tensor {
  pair('pLogits', pLogits, 'qLogits', qLogits);
  checkLogits('pLogits', pLogits);
  checkLogits('qLogits', qLogits);
  return tf.tidy(() => {
    const logP = logProbs(pLogits);
    return expectation(logP, tf.sub(logP, logProbs(qLogits)));
  });
}

/**
 * PyTorch's F.kl_div(input = log q, target = p): pointwise p·(log p − input), so it is KL(p‖q), the
 * reverse of the argument order. 'mean' divides by every element (not a KL), 'batchmean' by
 * input.shape[0] (the KL per sample). A zero target contributes 0, whatever the input, also as a
 * log target of −Infinity (where PyTorch's exp(t)·(t − input) gives 0·(−Infinity) = NaN).
 */
export function klDivLoss(input: tf.Tensor, target: tf.Tensor, opts: KlDivLossOptions = {}): tf.Tensor {
  if (Object(opts) !== opts) {
    // klDivLoss(input, target, 'sum') must not silently fall back to 'mean'.
    throw new TypeError(`opts: expected an object such as { reduction: 'sum' }, got ${String(opts)}`);
  }
  const reduction = opts.reduction ?? 'mean';
  if (!REDUCTIONS.includes(reduction)) {
    throw new RangeError(`opts.reduction: expected 'none', 'sum', 'mean' or 'batchmean', got ${String(reduction)}`);
  }
  const logTarget = opts.logTarget ?? false;
  if (typeof logTarget !== 'boolean')
    throw new TypeError(`opts.logTarget: expected a boolean, got ${String(logTarget)}`);
  pair('input', input, 'target', target);
  if (someElement(() => tf.logicalOr(tf.isNaN(input), tf.equal(input, Infinity)))) {
    throw new RangeError('input: log-probabilities must not be NaN or +Infinity');
  }
  if (logTarget) {
    if (someElement(() => tf.logicalOr(tf.isNaN(target), tf.equal(target, Infinity)))) {
      throw new RangeError('target: log-probabilities must not be NaN or +Infinity (logTarget: true)');
    }
  } else if (someElement(() => tf.logicalOr(tf.logicalNot(tf.greaterEqual(target, 0)), tf.equal(target, Infinity)))) {
    throw new RangeError('target: probabilities must be finite and >= 0 (NaN, +Infinity or a negative value found)');
  }
  return tf.tidy(() => {
    const p = logTarget ? tf.exp(target) : target;
    const logP = logTarget ? target : tf.log(target);
    const pointwise = tf.where(tf.greater(p, 0), tf.mul(p, tf.sub(logP, input)), tf.zerosLike(p));
    if (reduction === 'none') return pointwise;
    if (reduction === 'sum') return tf.sum(pointwise);
    if (reduction === 'mean') return tf.mean(pointwise);
    return tf.div(tf.sum(pointwise), input.shape[0] as number);
  });
}

/** log softmax over the last axis, for checked logits (call inside tf.tidy). */
function logProbs(logits: tf.Tensor): tf.Tensor {
  // (x − max) − log Σ exp(x − max): subtracting the small log Σ last keeps it exact near the top
  // (x − logsumexp(x) rounds it away next to logits of 1e4).
  const shifted = tf.sub(logits, tf.max(logits, -1, true));
  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));
}

/** Σ over the last axis of p·values with p = exp(logP), where p > 0 only. */
function expectation(logP: tf.Tensor, values: tf.Tensor): tf.Tensor {
  const p = tf.exp(logP);
  return tf.sum(tf.where(tf.greater(p, 0), tf.mul(p, values), tf.zerosLike(p)), -1);
}

/** True when the boolean tensor built by `mask` has a true element (read back once; nothing leaks). */
function someElement(mask: () => tf.Tensor): boolean {
  const flag = tf.tidy(() => tf.any(mask()));
  const found = flag.dataSync()[0] === 1;
  flag.dispose();
  return found;
}

/** A valid [..., V] logits tensor: every entry finite or −Infinity, and no row all −Infinity. */
function checkLogits(name: string, logits: tf.Tensor): void {
  classes(name, logits);
  if (someElement(() => tf.logicalOr(tf.isNaN(logits), tf.equal(logits, Infinity)))) {
    throw new RangeError(`${name}: logits must be finite or -Infinity, found NaN or +Infinity`);
  }
  if (someElement(() => tf.equal(tf.max(logits, -1), -Infinity))) {
    throw new RangeError(`${name}: a row whose logits are all -Infinity has no distribution`);
  }
}

function classes(name: string, tensor: unknown): number {
  if (!(tensor instanceof tf.Tensor)) throw new TypeError(`${name}: expected a tf.Tensor, got ${String(tensor)}`);
  if (tensor.rank === 0) throw new RangeError(`${name}: expected rank >= 1 [..., V], got a scalar`);
  const V = tensor.shape[tensor.rank - 1] as number;
  if (V === 0) throw new RangeError(`${name}: the last axis V must be >= 1, got shape [${tensor.shape.join(', ')}]`);
  return V;
}

function pair(aName: string, a: tf.Tensor, bName: string, b: tf.Tensor): void {
  classes(aName, a);
  classes(bName, b);
  if (a.rank !== b.rank || a.shape.some((dim, i) => dim !== b.shape[i])) {
    throw new RangeError(
      `${bName}: expected the shape of ${aName} [${a.shape.join(', ')}], got [${b.shape.join(', ')}] (no broadcasting)`,
    );
  }
}
