import type { F64Array } from '../../src/harness/tf.ts';

/**
 * The float64 loop oracle for the decoder-block-forward kata, written from the spec alone (plain
 * loops, no tfjs): a pre-norm Llama-style block without RoPE or biases,
 *
 *   a = RMSNorm(x; attnNorm),   h = x + MHA(a)                causal, scores · 1/sqrt(D / nHeads)
 *   m = RMSNorm(h; mlpNorm),    y = h + (silu(m·wGate) ⊙ (m·wUp))·wDown
 *   RMSNorm(v; g) = v / sqrt(mean(v²) + eps) · g
 *
 * Weights are `[in, out]` and applied as `x @ W`; head i owns columns i·Dh … (i+1)·Dh − 1 of the
 * q/k/v projections, and the heads are concatenated head-major before `wo`.
 */
export interface DecoderBlockParamsF64 {
  readonly attnNorm: F64Array;
  readonly wq: F64Array;
  readonly wk: F64Array;
  readonly wv: F64Array;
  readonly wo: F64Array;
  readonly mlpNorm: F64Array;
  readonly wGate: F64Array;
  readonly wUp: F64Array;
  readonly wDown: F64Array;
}

export const DEFAULT_EPS = 1e-6;

export function decoderBlockForwardOracle(
  x: F64Array,
  params: DecoderBlockParamsF64,
  nHeads: number,
  eps: number = DEFAULT_EPS,
): F64Array {
  const [batch, seqLen, dModel] = x.shape as [number, number, number];
  const ffnDim = params.wGate.shape[1] as number;
  const headDim = dModel / nHeads;
  if (!Number.isInteger(headDim)) throw new RangeError(`oracle: dModel ${dModel} % nHeads ${nHeads} !== 0`);
  const rows = batch * seqLen;

  const normed = rmsNormRows(x.data, rows, dModel, params.attnNorm.data, eps);
  const q = matMul(normed, rows, dModel, params.wq.data, dModel);
  const k = matMul(normed, rows, dModel, params.wk.data, dModel);
  const v = matMul(normed, rows, dModel, params.wv.data, dModel);

  // Causal attention, one (batch, head, query) at a time; heads written back head-major.
  const heads = new Float64Array(rows * dModel);
  const scale = 1 / Math.sqrt(headDim);
  const weights = new Float64Array(seqLen);
  for (let b = 0; b < batch; b++) {
    for (let head = 0; head < nHeads; head++) {
      const col = head * headDim;
      for (let t = 0; t < seqLen; t++) {
        const qRow = (b * seqLen + t) * dModel + col;
        let max = -Infinity;
        for (let s = 0; s <= t; s++) {
          const kRow = (b * seqLen + s) * dModel + col;
          let dot = 0;
          for (let d = 0; d < headDim; d++) dot += (q[qRow + d] as number) * (k[kRow + d] as number);
          weights[s] = dot * scale;
          if (dot * scale > max) max = dot * scale;
        }
        let sum = 0;
        for (let s = 0; s <= t; s++) {
          weights[s] = Math.exp((weights[s] as number) - max);
          sum += weights[s] as number;
        }
        for (let d = 0; d < headDim; d++) {
          let acc = 0;
          for (let s = 0; s <= t; s++) {
            acc += ((weights[s] as number) / sum) * (v[(b * seqLen + s) * dModel + col + d] as number);
          }
          heads[qRow + d] = acc;
        }
      }
    }
  }

  const attnOut = matMul(heads, rows, dModel, params.wo.data, dModel);
  const h = new Float64Array(rows * dModel);
  for (let i = 0; i < h.length; i++) h[i] = (x.data[i] as number) + (attnOut[i] as number);

  const m = rmsNormRows(h, rows, dModel, params.mlpNorm.data, eps);
  const gate = matMul(m, rows, dModel, params.wGate.data, ffnDim);
  const up = matMul(m, rows, dModel, params.wUp.data, ffnDim);
  const hidden = new Float64Array(rows * ffnDim);
  for (let i = 0; i < hidden.length; i++) {
    const g = gate[i] as number;
    hidden[i] = (g / (1 + Math.exp(-g))) * (up[i] as number);
  }
  const down = matMul(hidden, rows, ffnDim, params.wDown.data, dModel);
  const y = new Float64Array(rows * dModel);
  for (let i = 0; i < y.length; i++) y[i] = (h[i] as number) + (down[i] as number);
  return { shape: [batch, seqLen, dModel], data: y };
}

/** `v / sqrt(mean(v²) + eps) · g` for each row of a `[rows, dim]` matrix. */
export function rmsNormRows(
  data: Float64Array,
  rows: number,
  dim: number,
  gain: Float64Array,
  eps: number,
): Float64Array {
  const out = new Float64Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let sumSq = 0;
    for (let d = 0; d < dim; d++) sumSq += (data[r * dim + d] as number) ** 2;
    const inv = 1 / Math.sqrt(sumSq / dim + eps);
    for (let d = 0; d < dim; d++) out[r * dim + d] = (data[r * dim + d] as number) * inv * (gain[d] as number);
  }
  return out;
}

/** `[rows, inner] @ [inner, cols]`, both row-major. */
export function matMul(a: Float64Array, rows: number, inner: number, b: Float64Array, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < inner; i++) {
      const left = a[r * inner + i] as number;
      for (let c = 0; c < cols; c++)
        out[r * cols + c] = (out[r * cols + c] as number) + left * (b[i * cols + c] as number);
    }
  }
  return out;
}
