import type { F64Array } from '../../src/harness/tf.ts';
import type { CountConfig } from './inputs.ts';

/**
 * Float64 loop oracles for the `lora-linear` kata, written from the formulas and independent of any
 * solution. Layout [in, out]: W [dIn, dOut], A [dIn, r], B [r, dOut];
 *   y = x·W + bias + s·(x·A)·B,   s = alpha / r   (rsLoRA: alpha / √r),
 *   merged W' = W + s·A·B.
 */
export interface LoraData {
  readonly w: F64Array;
  readonly bias?: F64Array;
  readonly a: F64Array;
  readonly b: F64Array;
  readonly alpha: number;
}

export function scalingOracle(alpha: number, r: number, rslora = false): number {
  return rslora ? alpha / Math.sqrt(r) : alpha / r;
}

/** Row-major [n, k] · [k, m] in float64. */
export function matmul64(x: Float64Array, n: number, k: number, y: Float64Array, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let t = 0; t < k; t++) sum += (x[i * k + t] as number) * (y[t * m + j] as number);
      out[i * m + j] = sum;
    }
  }
  return out;
}

/** y for x [..., dIn], one row at a time: x·W + bias + s·Σ_j (x·A)_j B[j, :]. */
export function loraForwardOracle(x: F64Array, p: LoraData, rslora = false): F64Array {
  const [dIn, dOut] = p.w.shape as [number, number];
  const r = p.a.shape[1] as number;
  const s = scalingOracle(p.alpha, r, rslora);
  const rows = x.data.length / dIn;
  const out = new Float64Array(rows * dOut);
  for (let row = 0; row < rows; row++) {
    const xa = new Float64Array(r);
    for (let j = 0; j < r; j++) {
      let sum = 0;
      for (let i = 0; i < dIn; i++) sum += (x.data[row * dIn + i] as number) * (p.a.data[i * r + j] as number);
      xa[j] = sum;
    }
    for (let o = 0; o < dOut; o++) {
      let base = p.bias === undefined ? 0 : (p.bias.data[o] as number);
      for (let i = 0; i < dIn; i++) base += (x.data[row * dIn + i] as number) * (p.w.data[i * dOut + o] as number);
      let delta = 0;
      for (let j = 0; j < r; j++) delta += (xa[j] as number) * (p.b.data[j * dOut + o] as number);
      out[row * dOut + o] = base + s * delta;
    }
  }
  return { shape: [...x.shape.slice(0, -1), dOut], data: out };
}

/** W + sign·s·A·B (sign −1 unmerges from `w`). */
export function mergeOracle(p: LoraData, rslora = false, sign = 1, w: F64Array = p.w): F64Array {
  const [dIn, dOut] = p.w.shape as [number, number];
  const r = p.a.shape[1] as number;
  const s = scalingOracle(p.alpha, r, rslora);
  const ab = matmul64(p.a.data, dIn, r, p.b.data, dOut);
  return { shape: [dIn, dOut], data: w.data.map((v, i) => v + sign * s * (ab[i] as number)) };
}

/** Trainable LoRA parameters: r·(dIn + dOut) per adapted matrix per layer (A and B, no bias, no W). */
export function paramCountOracle(cfg: CountConfig): number {
  const headDim = cfg.headDim ?? cfg.hidden / cfg.heads;
  let total = 0;
  for (let layer = 0; layer < cfg.layers; layer++) {
    for (const target of cfg.targets) {
      let aParams: number; // dIn · r
      let bParams: number; // r · dOut
      if (target === 'q') [aParams, bParams] = [cfg.hidden * cfg.r, cfg.r * cfg.heads * headDim];
      else if (target === 'k' || target === 'v')
        [aParams, bParams] = [cfg.hidden * cfg.r, cfg.r * cfg.kvHeads * headDim];
      else if (target === 'o') [aParams, bParams] = [cfg.heads * headDim * cfg.r, cfg.r * cfg.hidden];
      else if (target === 'down') [aParams, bParams] = [cfg.intermediate * cfg.r, cfg.r * cfg.hidden];
      else [aParams, bParams] = [cfg.hidden * cfg.r, cfg.r * cfg.intermediate];
      total += aParams + bParams;
    }
  }
  return total;
}

/** Numerical rank of a row-major [n, m] matrix by Gaussian elimination with partial pivoting. */
export function numericalRank(values: ArrayLike<number>, n: number, m: number, relTol = 1e-4): number {
  const a = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => values[i * m + j] as number));
  const scale = Math.max(1e-300, ...a.flat().map(Math.abs));
  let rank = 0;
  for (let col = 0; col < m && rank < n; col++) {
    let pivot = rank;
    for (let i = rank + 1; i < n; i++) {
      if (Math.abs((a[i] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = i;
    }
    const pivotRow = a[pivot] as number[];
    if (Math.abs(pivotRow[col] as number) <= relTol * scale) continue;
    [a[rank], a[pivot]] = [pivotRow, a[rank] as number[]];
    const top = a[rank] as number[];
    for (let i = rank + 1; i < n; i++) {
      const row = a[i] as number[];
      const f = (row[col] as number) / (top[col] as number);
      for (let j = col; j < m; j++) row[j] = (row[j] as number) - f * (top[j] as number);
    }
    rank++;
  }
  return rank;
}
