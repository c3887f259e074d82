import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Float64 loop oracles for the `norms` kata, written from the formulas and independent of any
 * solution. Features are the LAST axis (channels-last); a "row" is one vector along it.
 *
 *   layerNorm:  y = (x − mean) / sqrt(var + eps) · γ + β      per row, var biased (÷ D)
 *   rmsNorm:    y = x / sqrt(mean(x²) + eps) · γ               per row, no mean subtracted
 *   batchNorm:  y = (x − μ_c) / sqrt(σ²_c + eps) · γ_c + β_c   per channel c over every other axis,
 *               σ²_c biased (÷ n) in the forward pass;
 *               running mean ← (1 − m)·running + m·μ_c,
 *               running var  ← (1 − m)·running + m·σ²_c·n/(n − 1)   (unbiased, as PyTorch stores it)
 */

function lastDim(x: F64Array): number {
  if (x.shape.length === 0) throw new RangeError('oracle: rank must be >= 1');
  return x.shape[x.shape.length - 1] as number;
}

export function layerNormOracle(x: F64Array, gamma: ArrayLike<number>, beta: ArrayLike<number>, eps = 1e-5): F64Array {
  const d = lastDim(x);
  const out = new Float64Array(x.data.length);
  for (let offset = 0; offset < x.data.length; offset += d) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x.data[offset + j] as number;
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += ((x.data[offset + j] as number) - mean) ** 2;
    variance /= d;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let j = 0; j < d; j++) {
      out[offset + j] = ((x.data[offset + j] as number) - mean) * inv * (gamma[j] as number) + (beta[j] as number);
    }
  }
  return { shape: [...x.shape], data: out };
}

export function rmsNormOracle(x: F64Array, gamma: ArrayLike<number>, eps = 1e-6): F64Array {
  const d = lastDim(x);
  const out = new Float64Array(x.data.length);
  for (let offset = 0; offset < x.data.length; offset += d) {
    let meanSquare = 0;
    for (let j = 0; j < d; j++) meanSquare += (x.data[offset + j] as number) ** 2;
    meanSquare /= d;
    const inv = 1 / Math.sqrt(meanSquare + eps);
    for (let j = 0; j < d; j++) out[offset + j] = (x.data[offset + j] as number) * inv * (gamma[j] as number);
  }
  return { shape: [...x.shape], data: out };
}

export interface BatchNormOracleResult {
  readonly y: F64Array;
  readonly runningMean: F64Array;
  readonly runningVar: F64Array;
  /** The batch statistics (biased variance), for messages and properties. */
  readonly batchMean: Float64Array;
  readonly batchVar: Float64Array;
}

export function batchNormTrainOracle(
  x: F64Array,
  gamma: ArrayLike<number>,
  beta: ArrayLike<number>,
  state: { runningMean: ArrayLike<number>; runningVar: ArrayLike<number> },
  opts: { eps?: number; momentum?: number } = {},
): BatchNormOracleResult {
  const eps = opts.eps ?? 1e-5;
  const momentum = opts.momentum ?? 0.1;
  const c = lastDim(x);
  const n = x.data.length / c;
  if (n < 2) throw new RangeError('oracle: need at least 2 elements per channel');
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let i = 0; i < x.data.length; i++) (mean[i % c] as number) += x.data[i] as number;
  for (let k = 0; k < c; k++) (mean[k] as number) /= n;
  for (let i = 0; i < x.data.length; i++)
    (variance[i % c] as number) += ((x.data[i] as number) - (mean[i % c] as number)) ** 2;
  for (let k = 0; k < c; k++) (variance[k] as number) /= n;
  const y = new Float64Array(x.data.length);
  for (let i = 0; i < x.data.length; i++) {
    const k = i % c;
    y[i] =
      (((x.data[i] as number) - (mean[k] as number)) / Math.sqrt((variance[k] as number) + eps)) *
        (gamma[k] as number) +
      (beta[k] as number);
  }
  const runningMean = new Float64Array(c);
  const runningVar = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    runningMean[k] = (1 - momentum) * (state.runningMean[k] as number) + momentum * (mean[k] as number);
    runningVar[k] =
      (1 - momentum) * (state.runningVar[k] as number) + momentum * (variance[k] as number) * (n / (n - 1));
  }
  return {
    y: { shape: [...x.shape], data: y },
    runningMean: { shape: [c], data: runningMean },
    runningVar: { shape: [c], data: runningVar },
    batchMean: mean,
    batchVar: variance,
  };
}

/** Mean and biased variance of every row (last axis) of a flat array. */
export function rowMoments(values: ArrayLike<number>, d: number): { mean: number; variance: number }[] {
  const rows: { mean: number; variance: number }[] = [];
  for (let offset = 0; offset < values.length; offset += d) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += values[offset + j] as number;
    mean /= d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += ((values[offset + j] as number) - mean) ** 2;
    rows.push({ mean, variance: variance / d });
  }
  return rows;
}
