import * as tf from '@tensorflow/tfjs';

/**
 * Another way: log-softmax as x − tf.logSumExp(x) (tfjs subtracts the row maximum inside), the two
 * expectations −Σ p log p and −Σ p log q as masked sums, and KL(p‖q) = H(p, q) − H(p) by the
 * identity instead of its own sum. klDivLoss splits the pointwise term into p·log p − p·input
 * (PyTorch's xlogy form), masking both halves where p = 0, and writes 'mean' as the sum over the
 * element count. The checks read back tf.all / tf.isFinite flags. O(size) per call.
 */

export type Reduction = 'none' | 'sum' | 'mean' | 'batchmean';

export interface KlDivLossOptions {
  readonly reduction?: Reduction;
  readonly logTarget?: boolean;
}

export function logSoftmax(logits: tf.Tensor): tf.Tensor {
  validLogits('logits', logits);
  return tf.tidy(() => logOf(logits));
}

export function entropy(logits: tf.Tensor): tf.Tensor {
  validLogits('logits', logits);
  return tf.tidy(() => {
    const logP = logOf(logits);
    return tf.neg(weightedSum(tf.exp(logP), logP));
  });
}

export function crossEntropy(pLogits: tf.Tensor, qLogits: tf.Tensor): tf.Tensor {
  sameShape('pLogits', pLogits, 'qLogits', qLogits);
  validLogits('pLogits', pLogits);
  validLogits('qLogits', qLogits);
  return tf.tidy(() => tf.neg(weightedSum(tf.exp(logOf(pLogits)), logOf(qLogits))));
}

export function klDivergence(pLogits: tf.Tensor, qLogits: tf.Tensor): tf.Tensor {
  sameShape('pLogits', pLogits, 'qLogits', qLogits);
  validLogits('pLogits', pLogits);
  validLogits('qLogits', qLogits);
  return tf.tidy(() => {
    // KL(p‖q) = H(p, q) − H(p): +Infinity where q = 0 < p, since H(p) stays finite.
    const logP = logOf(pLogits);
    const p = tf.exp(logP);
    return tf.sub(tf.neg(weightedSum(p, logOf(qLogits))), tf.neg(weightedSum(p, logP)));
  });
}

export function klDivLoss(input: tf.Tensor, target: tf.Tensor, opts: KlDivLossOptions = {}): tf.Tensor {
  if (typeof opts !== 'object' || opts === null) {
    throw new TypeError(`klDivLoss: opts must be an options object, got ${typeof opts}`);
  }
  const { reduction = 'mean', logTarget = false } = opts;
  if (reduction !== 'none' && reduction !== 'sum' && reduction !== 'mean' && reduction !== 'batchmean') {
    throw new RangeError(`klDivLoss: unknown reduction ${String(reduction)}`);
  }
  if (logTarget !== true && logTarget !== false) throw new TypeError('klDivLoss: opts.logTarget must be a boolean');
  sameShape('input', input, 'target', target);
  if (!allTrue(() => tf.logicalOr(tf.isFinite(input), tf.equal(input, -Infinity)))) {
    throw new RangeError('klDivLoss: input holds NaN or +Infinity');
  }
  const targetOk = logTarget
    ? allTrue(() => tf.logicalOr(tf.isFinite(target), tf.equal(target, -Infinity)))
    : allTrue(() => tf.logicalAnd(tf.isFinite(target), tf.greaterEqual(target, 0)));
  if (!targetOk) throw new RangeError('klDivLoss: target holds a negative, NaN or +Infinity value');
  return tf.tidy(() => {
    const p = logTarget ? tf.exp(target) : target;
    const logP = logTarget ? target : tf.log(target);
    const positive = tf.greater(p, 0);
    const zeros = tf.zerosLike(p);
    // p·log p − p·input, each half 0 where p = 0 (log p and input may be −Infinity there).
    const pointwise = tf.sub(tf.where(positive, tf.mul(p, logP), zeros), tf.where(positive, tf.mul(p, input), zeros));
    if (reduction === 'none') return pointwise;
    const total = tf.sum(pointwise);
    if (reduction === 'sum') return total;
    return tf.div(total, reduction === 'mean' ? input.size : (input.shape[0] as number));
  });
}

/** log softmax over the last axis (inside tf.tidy). */
function logOf(logits: tf.Tensor): tf.Tensor {
  return tf.sub(logits, tf.logSumExp(logits, -1, true));
}

/** Σ over the last axis of p·values, where p > 0 only (0·log 0 = 0, never 0·−Infinity = NaN). */
function weightedSum(p: tf.Tensor, values: tf.Tensor): tf.Tensor {
  return tf.sum(tf.where(tf.greater(p, 0), tf.mul(p, values), tf.zerosLike(p)), -1);
}

/** Whether every element of the boolean tensor `build` makes is true. */
function allTrue(build: () => tf.Tensor): boolean {
  const flag = tf.tidy(() => tf.all(build()));
  const value = flag.arraySync() as number; // a scalar: 1 or 0
  flag.dispose();
  return value === 1;
}

function validLogits(name: string, logits: tf.Tensor): void {
  lastAxis(name, logits);
  if (!allTrue(() => tf.logicalOr(tf.isFinite(logits), tf.equal(logits, -Infinity)))) {
    throw new RangeError(`${name} holds NaN or +Infinity`);
  }
  // Some finite logit in every row: an all −Infinity row is no distribution.
  if (!allTrue(() => tf.any(tf.isFinite(logits), -1))) throw new RangeError(`${name} has a row of only -Infinity`);
}

function lastAxis(name: string, tensor: unknown): void {
  if (!(tensor instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
  if (tensor.rank < 1 || (tensor.shape.at(-1) as number) < 1) {
    throw new RangeError(`${name} must be [..., V] with V >= 1, got [${tensor.shape.join(', ')}]`);
  }
}

function sameShape(aName: string, a: tf.Tensor, bName: string, b: tf.Tensor): void {
  lastAxis(aName, a);
  lastAxis(bName, b);
  if (a.shape.length !== b.shape.length || !a.shape.every((dim, i) => dim === b.shape[i])) {
    throw new RangeError(
      `${aName} [${a.shape.join(', ')}] and ${bName} [${b.shape.join(', ')}] differ (no broadcasting)`,
    );
  }
}
