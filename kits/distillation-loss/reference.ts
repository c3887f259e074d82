import * as tf from '@tensorflow/tfjs';

/**
 * Knowledge-distillation loss (Hinton et al. 2015): a soft term, the KL divergence between the
 * teacher's and the student's softmax at temperature T, scaled by T²; a hard term, the student's
 * cross-entropy with the labels at temperature 1; loss = α·soft + (1 − α)·hard. Both terms are means
 * over the positions whose label is not ignoreIndex (HF distiller.py selects those rows and applies
 * KLDivLoss(reduction='batchmean'); TRL's generalized_jsd_loss divides by (labels != -100).sum()).
 *
 * The labels are read on the host once (one JavaScript loop over the positions), so bad labels throw
 * before any tensor is made; ignored positions get weight 0 and a stand-in label 0, so −100 never
 * reaches an index op. Log-softmax subtracts the row maximum first, so logits of ±1e4 stay finite
 * (log(softmax(x)) underflows to log 0 = −Infinity there). O(N·V) tensor work, O(N) JavaScript steps.
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
  const { temperature, alpha, direction, ignoreIndex } = readOptions(opts);
  const V = checkLogits('studentLogits', studentLogits);
  checkLogits('teacherLogits', teacherLogits);
  if (!sameShape(teacherLogits.shape, studentLogits.shape)) {
    throw new RangeError(
      `teacherLogits: expected the shape of studentLogits [${studentLogits.shape.join(', ')}], got [${teacherLogits.shape.join(', ')}]`,
    );
  }
  if (!(labels instanceof tf.Tensor)) throw new TypeError(`labels: expected a tf.Tensor, got ${String(labels)}`);
  if (labels.dtype !== 'int32') throw new TypeError(`labels: expected int32, got ${labels.dtype}`);
  const positions = studentLogits.shape.slice(0, -1);
  if (!sameShape(labels.shape, positions)) {
    throw new RangeError(`labels: expected shape [${positions.join(', ')}], got [${labels.shape.join(', ')}]`);
  }

  const ids = labels.dataSync();
  const n = ids.length;
  const weights = new Float32Array(n); // 1 where the position counts, 0 where it is ignored
  const picks = new Int32Array(n); // flat index of each position's label logit in the [n·V] logits
  let count = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i] as number;
    picks[i] = i * V; // ignored: any valid index will do, its nll is weighted by 0
    if (id === ignoreIndex) continue;
    if (id < 0 || id >= V) throw new RangeError(`labels: a counted label must be in [0, ${V}), got ${id} at ${i}`);
    picks[i] = i * V + id;
    weights[i] = 1;
    count++;
  }
  if (count === 0) {
    throw new RangeError(`labels: every position is ignored (all labels are ${ignoreIndex}): the mean has no tokens`);
  }

  const [loss, softLoss, hardLoss] = tf.tidy(() => {
    const student = tf.reshape(studentLogits, [n, V]);
    const teacher = tf.reshape(teacherLogits, [n, V]);
    const mask = tf.tensor1d(weights);
    const logQ = logProbs(tf.div(student, temperature));
    const logP = logProbs(tf.div(teacher, temperature));
    const [from, to] = direction === 'forward' ? [logP, logQ] : [logQ, logP];
    const kl = tf.sum(tf.mul(tf.exp(from), tf.sub(from, to)), -1); // [n], sum over the vocabulary
    const softLoss = tf.mul(tf.div(tf.sum(tf.mul(kl, mask)), count), temperature * temperature);
    // The hard term is plain cross-entropy at temperature 1, as in Hinton et al.
    const picked = tf.gather(tf.reshape(logProbs(student), [-1]), tf.tensor1d(picks, 'int32'));
    const hardLoss = tf.div(tf.sum(tf.mul(tf.neg(picked), mask)), count);
    const loss = tf.add(tf.mul(softLoss, alpha), tf.mul(hardLoss, 1 - alpha));
    return [loss, softLoss, hardLoss] as tf.Scalar[];
  }) as [tf.Scalar, tf.Scalar, tf.Scalar];
  return { loss, softLoss, hardLoss };
}

/** log softmax over the last axis: (x − max) − log Σ exp(x − max), finite for finite x. */
function logProbs(logits: tf.Tensor): tf.Tensor {
  const shifted = tf.sub(logits, tf.max(logits, -1, true));
  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));
}

function readOptions(opts: DistillationOptions): Required<DistillationOptions> {
  if (Object(opts) !== opts) {
    throw new TypeError(`opts: expected an object such as { temperature: 2 }, got ${String(opts)}`);
  }
  // Only undefined means "the default": null is a value, and a wrong one.
  const temperature = orDefault(opts.temperature, 2);
  const alpha = orDefault(opts.alpha, 0.5);
  const direction = orDefault(opts.direction, 'forward');
  const ignoreIndex = orDefault(opts.ignoreIndex, -100);
  if (typeof temperature !== 'number')
    throw new TypeError(`opts.temperature: expected a number, got ${String(temperature)}`);
  if (!(temperature > 0 && temperature < Infinity)) {
    throw new RangeError(`opts.temperature: expected a finite number > 0, got ${temperature}`);
  }
  if (typeof alpha !== 'number') throw new TypeError(`opts.alpha: expected a number, got ${String(alpha)}`);
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`opts.alpha: expected a number in [0, 1], got ${alpha}`);
  if (direction !== 'forward' && direction !== 'reverse') {
    throw new RangeError(`opts.direction: expected 'forward' or 'reverse', got ${String(direction)}`);
  }
  if (typeof ignoreIndex !== 'number')
    throw new TypeError(`opts.ignoreIndex: expected a number, got ${String(ignoreIndex)}`);
  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`opts.ignoreIndex: expected an integer, got ${ignoreIndex}`);
  return { temperature, alpha, direction, ignoreIndex };
}

function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/**
 * A float32 [N, V] or [B, T, V] tensor of finite values; returns V. An empty dimension needs no check
 * of its own: it leaves no position (N = 0) or no valid label (V = 0), so the count check throws.
 */
function checkLogits(name: string, logits: tf.Tensor): number {
  if (!(logits instanceof tf.Tensor)) throw new TypeError(`${name}: expected a tf.Tensor, got ${String(logits)}`);
  if (logits.dtype !== 'float32') throw new TypeError(`${name}: expected float32, got ${logits.dtype}`);
  if (logits.rank !== 2 && logits.rank !== 3) {
    throw new RangeError(`${name}: expected rank 2 [N, V] or 3 [B, T, V], got shape [${logits.shape.join(', ')}]`);
  }
  const flag = tf.tidy(() => tf.any(tf.logicalNot(tf.isFinite(logits))));
  const bad = flag.dataSync()[0] === 1;
  flag.dispose();
  if (bad) throw new RangeError(`${name}: every logit must be finite (NaN or ±Infinity found)`);
  return logits.shape[logits.rank - 1] as number;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
