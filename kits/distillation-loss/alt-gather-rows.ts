import * as tf from '@tensorflow/tfjs';

/**
 * The distillation loss the way HF's distiller.py writes it: first select the rows of the counted
 * positions (masked_select there, tf.gather here), then reduce with 'batchmean' over those rows only,
 * so no mask weights appear. The KL is written as cross-entropy minus entropy,
 * KL(a‖b) = −Σ a log b − (−Σ a log a), and the hard term picks log q[label] with a one-hot sum
 * instead of a gather by flat index. Validation comes first, option by option, then the tensors.
 */

export type Direction = 'forward' | 'reverse';

export interface DistillationOptions {
  readonly temperature?: number;
  readonly alpha?: number;
  readonly direction?: Direction;
  readonly ignoreIndex?: number;
}

export interface DistillationLoss {
  readonly loss: tf.Scalar;
  readonly softLoss: tf.Scalar;
  readonly hardLoss: tf.Scalar;
}

export function distillationLoss(
  studentLogits: tf.Tensor,
  teacherLogits: tf.Tensor,
  labels: tf.Tensor,
  opts: DistillationOptions = {},
): DistillationLoss {
  if (opts === null || typeof opts !== 'object') throw new TypeError('opts must be an object');
  const T = numberOption(opts.temperature, 2, 'temperature');
  const alpha = numberOption(opts.alpha, 0.5, 'alpha');
  const ignoreIndex = numberOption(opts.ignoreIndex, -100, 'ignoreIndex');
  const direction = opts.direction === undefined ? 'forward' : opts.direction;
  if (Number.isNaN(T) || T <= 0 || T === Infinity) throw new RangeError('temperature must be finite and > 0');
  if (Number.isNaN(alpha) || alpha < 0 || alpha > 1) throw new RangeError('alpha must be in [0, 1]');
  if (!['forward', 'reverse'].includes(direction)) throw new RangeError("direction must be 'forward' or 'reverse'");
  if (!Number.isInteger(ignoreIndex)) throw new RangeError('ignoreIndex must be an integer');

  for (const [name, t] of [
    ['studentLogits', studentLogits],
    ['teacherLogits', teacherLogits],
  ] as const) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
    if (t.dtype !== 'float32') throw new TypeError(`${name} must be float32`);
    if (t.rank < 2 || t.rank > 3) throw new RangeError(`${name} must be [N, V] or [B, T, V]`);
    if (t.shape.includes(0)) throw new RangeError(`${name} has an empty dimension`);
  }
  if (teacherLogits.shape.join() !== studentLogits.shape.join()) {
    throw new RangeError('teacherLogits must have the shape of studentLogits');
  }
  if (!(labels instanceof tf.Tensor)) throw new TypeError('labels must be a tf.Tensor');
  if (labels.dtype !== 'int32') throw new TypeError('labels must be int32');
  if (labels.shape.join() !== studentLogits.shape.slice(0, -1).join() || labels.rank !== studentLogits.rank - 1) {
    throw new RangeError('labels must have the shape of the logits without the last axis');
  }
  const finite = tf.tidy(() => tf.all(tf.logicalAnd(tf.isFinite(studentLogits), tf.isFinite(teacherLogits))));
  const allFinite = finite.arraySync() === 1;
  finite.dispose();
  if (!allFinite) throw new RangeError('logits must be finite');

  const V = studentLogits.shape.at(-1) as number;
  const rows: number[] = [];
  const classes: number[] = [];
  labels.dataSync().forEach((id, i) => {
    if (id === ignoreIndex) return;
    if (id < 0 || id >= V) throw new RangeError(`label ${id} at ${i} is outside [0, ${V})`);
    rows.push(i);
    classes.push(id);
  });
  if (rows.length === 0) throw new RangeError('every label is ignoreIndex: no position counts');

  const [loss, softLoss, hardLoss] = tf.tidy(() => {
    const index = tf.tensor1d(rows, 'int32');
    const s = tf.gather(tf.reshape(studentLogits, [-1, V]), index);
    const t = tf.gather(tf.reshape(teacherLogits, [-1, V]), index);
    const logQ = tf.logSoftmax(tf.div(s, T));
    const logP = tf.logSoftmax(tf.div(t, T));
    const [a, b] = direction === 'forward' ? [logP, logQ] : [logQ, logP];
    const probs = tf.exp(a);
    const crossEntropy = tf.neg(tf.sum(tf.mul(probs, b), -1));
    const entropy = tf.neg(tf.sum(tf.mul(probs, a), -1));
    const soft = tf.mul(tf.mean(tf.sub(crossEntropy, entropy)), T * T);
    const oneHot = tf.cast(
      tf.equal(tf.range(0, V, 1, 'int32').expandDims(0), tf.tensor2d(classes, [classes.length, 1], 'int32')),
      'float32',
    );
    const hard = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(s)), -1)));
    // α·soft + (1 − α)·hard, written as hard + α·(soft − hard).
    const total = tf.add(hard, tf.mul(alpha, tf.sub(soft, hard)));
    return [total, soft, hard] as tf.Scalar[];
  }) as [tf.Scalar, tf.Scalar, tf.Scalar];
  return { loss, softLoss, hardLoss };
}

function numberOption(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
  return value;
}
