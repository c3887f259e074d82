/**
 * Float64 loop oracle for the distillation-loss kata. It reads plain arrays (the very float32 values
 * the tensors hold), never tfjs, so a solution's tensor code and the oracle share nothing but the
 * spec. Positions are the rows of V logits (B·T of them for [B, T, V], N for [N, V]); a position
 * counts when its label is not ignoreIndex.
 */

export type Direction = 'forward' | 'reverse';

export interface OracleOptions {
  readonly temperature: number;
  readonly alpha: number;
  readonly direction: Direction;
  readonly ignoreIndex: number;
}

export interface OracleResult {
  readonly loss: number;
  readonly softLoss: number;
  readonly hardLoss: number;
  /** How many positions count. */
  readonly count: number;
}

/** log softmax of values[offset .. offset+V) / temperature, by log-sum-exp in float64. */
export function logSoftmaxRow(values: ArrayLike<number>, offset: number, V: number, temperature = 1): Float64Array {
  const x = new Float64Array(V);
  for (let v = 0; v < V; v++) x[v] = (values[offset + v] as number) / temperature;
  let max = -Infinity;
  for (const value of x) max = Math.max(max, value);
  let sum = 0;
  for (const value of x) sum += Math.exp(value - max);
  const lse = max + Math.log(sum);
  return x.map((value) => value - lse);
}

/** KL(a‖b) = Σ a (log a − log b) of two log-probability rows. */
export function klRow(logA: Float64Array, logB: Float64Array): number {
  let sum = 0;
  for (let v = 0; v < logA.length; v++) {
    const a = Math.exp(logA[v] as number);
    if (a === 0) continue; // 0·log 0 = 0
    sum += a * ((logA[v] as number) - (logB[v] as number));
  }
  return sum;
}

/**
 * The contract in float64: per counted position, KL(p_teacher‖q_student) (forward) or
 * KL(q_student‖p_teacher) (reverse) of the softmaxes at `temperature`, and −log softmax(student)[label]
 * at temperature 1; both averaged over the counted positions; softLoss = T²·mean KL,
 * loss = α·softLoss + (1 − α)·hardLoss. Throws if no position counts (the contract's RangeError).
 */
export function distillationOracle(
  student: ArrayLike<number>,
  teacher: ArrayLike<number>,
  labels: ArrayLike<number>,
  V: number,
  opts: OracleOptions,
): OracleResult {
  const { temperature: T, alpha, direction, ignoreIndex } = opts;
  let kl = 0;
  let nll = 0;
  let count = 0;
  for (let r = 0; r < labels.length; r++) {
    const label = labels[r] as number;
    if (label === ignoreIndex) continue;
    const logQ = logSoftmaxRow(student, r * V, V, T);
    const logP = logSoftmaxRow(teacher, r * V, V, T);
    kl += direction === 'forward' ? klRow(logP, logQ) : klRow(logQ, logP);
    nll -= logSoftmaxRow(student, r * V, V, 1)[label] as number;
    count++;
  }
  if (count === 0) throw new RangeError('oracle: no position counts');
  const softLoss = (T * T * kl) / count;
  const hardLoss = nll / count;
  return { loss: alpha * softLoss + (1 - alpha) * hardLoss, softLoss, hardLoss, count };
}

/** Largest |x| among the values, to scale the float32 tolerance. */
export function maxAbs(...arrays: ArrayLike<number>[]): number {
  let max = 0;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i] as number));
  }
  return max;
}
