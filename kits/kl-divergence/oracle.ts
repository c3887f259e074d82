import { seededUniform } from '../../src/harness/random.ts';

/**
 * Float64 loop oracles for the kl-divergence kata. They read plain arrays (the very float32 values
 * the tensors hold), never tfjs, so a solution's tensor code and the oracle share nothing but the
 * spec. Every distribution is a row of V values along the last axis; `rows` = size / V.
 * Conventions: natural log; 0·log 0 = 0 (a −Infinity logit in p contributes nothing); p > 0 where
 * q = 0 gives +Infinity.
 */

/** log softmax of values[offset .. offset+V), by log-sum-exp in float64. */
export function logSoftmaxRow(values: ArrayLike<number>, offset: number, V: number): Float64Array {
  let max = -Infinity;
  for (let v = 0; v < V; v++) max = Math.max(max, values[offset + v] as number);
  let sum = 0;
  for (let v = 0; v < V; v++) sum += Math.exp((values[offset + v] as number) - max);
  const lse = max + Math.log(sum);
  const out = new Float64Array(V);
  for (let v = 0; v < V; v++) out[v] = (values[offset + v] as number) - lse;
  return out;
}

/** log softmax over the last axis of a flat row-major array with rows of V values. */
export function logSoftmaxOracle(values: ArrayLike<number>, V: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let offset = 0; offset < values.length; offset += V) out.set(logSoftmaxRow(values, offset, V), offset);
  return out;
}

/** Σ_v p_v · f(log p_v, log q_v) over rows, skipping p_v = 0 (0 · anything = 0). */
function perRow(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  V: number,
  term: (logP: number, logQ: number) => number,
): Float64Array {
  const out = new Float64Array(p.length / V);
  for (let r = 0; r < out.length; r++) {
    const lp = logSoftmaxRow(p, r * V, V);
    const lq = logSoftmaxRow(q, r * V, V);
    let sum = 0;
    for (let v = 0; v < V; v++) {
      const pv = Math.exp(lp[v] as number);
      if (pv === 0) continue;
      sum += pv * term(lp[v] as number, lq[v] as number);
    }
    out[r] = sum;
  }
  return out;
}

/** Entropy H(p) = −Σ p log p per row, in nats. */
export function entropyOracle(pLogits: ArrayLike<number>, V: number): Float64Array {
  return perRow(pLogits, pLogits, V, (lp) => -lp);
}

/** Cross-entropy H(p, q) = −Σ p log q per row. */
export function crossEntropyOracle(pLogits: ArrayLike<number>, qLogits: ArrayLike<number>, V: number): Float64Array {
  return perRow(pLogits, qLogits, V, (_lp, lq) => -lq);
}

/** KL(p‖q) = Σ p (log p − log q) per row. */
export function klOracle(pLogits: ArrayLike<number>, qLogits: ArrayLike<number>, V: number): Float64Array {
  return perRow(pLogits, qLogits, V, (lp, lq) => lp - lq);
}

export type Reduction = 'none' | 'sum' | 'mean' | 'batchmean';

/**
 * PyTorch's F.kl_div(input, target, reduction, log_target) in float64: pointwise
 * target·(log target − input), or exp(target)·(target − input) with logTarget; a zero target
 * contributes 0. 'mean' divides the sum by every element, 'batchmean' by shape[0].
 */
export function klDivLossOracle(
  input: ArrayLike<number>,
  target: ArrayLike<number>,
  shape: readonly number[],
  reduction: Reduction = 'mean',
  logTarget = false,
): Float64Array {
  const pointwise = new Float64Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const t = target[i] as number;
    const p = logTarget ? Math.exp(t) : t;
    const logP = logTarget ? t : Math.log(t);
    pointwise[i] = p === 0 ? 0 : p * (logP - (input[i] as number));
  }
  if (reduction === 'none') return pointwise;
  let sum = 0;
  for (const x of pointwise) sum += x;
  if (reduction === 'sum') return Float64Array.of(sum);
  if (reduction === 'mean') return Float64Array.of(sum / input.length);
  return Float64Array.of(sum / (shape[0] as number));
}

/** Largest |x| among the finite values, to scale the float32 tolerance. */
export function maxAbs(...arrays: ArrayLike<number>[]): number {
  let max = 0;
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      const x = Math.abs(values[i] as number);
      if (Number.isFinite(x)) max = Math.max(max, x);
    }
  }
  return max;
}

/**
 * Seeded float32-representable logits in [−scale, scale); with `holes`, about one in six is
 * −Infinity (a zero probability), but never a whole row.
 */
export function randomLogits(count: number, V: number, seed: number, scale: number, holes = false): Float64Array {
  const uniform = seededUniform(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.fround((uniform() * 2 - 1) * scale);
  if (holes) {
    for (let offset = 0; offset < count; offset += V) {
      const keep = Math.floor(uniform() * V);
      for (let v = 0; v < V; v++) if (v !== keep && uniform() < 1 / 6) out[offset + v] = -Infinity;
    }
  }
  return out;
}

/** Seeded probability rows (each row sums to 1 in float64, stored float32-exact), some entries 0 when `zeros`. */
export function randomProbabilities(count: number, V: number, seed: number, zeros = false): Float64Array {
  const uniform = seededUniform(seed ^ 0x2545f491);
  const out = new Float64Array(count);
  for (let offset = 0; offset < count; offset += V) {
    let total = 0;
    const keep = Math.floor(uniform() * V);
    for (let v = 0; v < V; v++) {
      const w = zeros && v !== keep && uniform() < 0.25 ? 0 : uniform() + 0.01;
      out[offset + v] = w;
      total += w;
    }
    for (let v = 0; v < V; v++) out[offset + v] = Math.fround((out[offset + v] as number) / total);
  }
  return out;
}
