import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Float64 loops of the naive MLA equations (DeepSeek-V2 §2.1), written from the formulas and
 * independent of any solution. Token t of the new chunk sits at position p = past + t.
 *   c_t = h_t W_DKV;  k_R,t = RoPE(h_t W_KR, p) (interleaved pairs (2i, 2i+1), angle p·base^(−2i/dRope))
 *   per head: [q_C; q_R] = h_t W_Q (head columns), q_R rotated at p; k_C,j = c_j W_UK,h; v_j = c_j W_UV,h
 *   score_j = (q_C·k_C,j + q_R·k_R,j) / √(dHead + dRope) for j ≤ p; softmax; o_h = Σ_j w_j v_j
 *   out_t = [o_0 … o_{H−1}] W_O
 */

export interface OracleWeights {
  readonly wDkv: F64Array;
  readonly wUk: F64Array;
  readonly wUv: F64Array;
  readonly wKr: F64Array;
  readonly wQ: F64Array;
  readonly wO: F64Array;
}

export interface OracleCache {
  readonly cKv: F64Array;
  readonly kRope: F64Array;
}

export interface OracleConfig {
  readonly numHeads: number;
  readonly dHead: number;
  readonly dRope: number;
  readonly ropeBase?: number;
}

/** Row `r` of a [rows, cols] matrix as numbers. */
function row(m: F64Array, r: number): number[] {
  const cols = m.shape[1] as number;
  return Array.from(m.data.subarray(r * cols, (r + 1) * cols));
}

/** x (a row vector) times columns [from, from + n) of m. */
function times(x: readonly number[], m: F64Array, from = 0, n = (m.shape[1] as number) - from): number[] {
  const cols = m.shape[1] as number;
  const out = new Array<number>(n).fill(0);
  for (let c = 0; c < n; c++) {
    let sum = 0;
    for (let r = 0; r < x.length; r++) sum += (x[r] as number) * (m.data[r * cols + from + c] as number);
    out[c] = sum;
  }
  return out;
}

/** Interleaved RoPE of one vector at position p: (x[2i], x[2i+1]) turned by p·base^(−2i/d). */
export function ropeInterleaved(x: readonly number[], p: number, base: number): number[] {
  const d = x.length;
  const out = x.slice();
  for (let i = 0; i < d / 2; i++) {
    const theta = p * base ** ((-2 * i) / d);
    const a = x[2 * i] as number;
    const b = x[2 * i + 1] as number;
    out[2 * i] = a * Math.cos(theta) - b * Math.sin(theta);
    out[2 * i + 1] = b * Math.cos(theta) + a * Math.sin(theta);
  }
  return out;
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

const matrix = (rows: readonly number[][], cols: number): F64Array => ({
  shape: [rows.length, cols],
  data: Float64Array.from(rows.flat()),
});

/** out [T, dModel] and the new cache (past rows, then the T new ones) of one MLA call. */
export function mlaOracle(
  h: F64Array,
  w: OracleWeights,
  config: OracleConfig,
  cache?: OracleCache,
): { out: F64Array; cKv: F64Array; kRope: F64Array } {
  const { numHeads, dHead, dRope } = config;
  const base = config.ropeBase ?? 10000;
  const [t, dModel] = h.shape as [number, number];
  const dLatent = w.wDkv.shape[1] as number;
  const past = cache === undefined ? 0 : (cache.cKv.shape[0] as number);
  const cAll: number[][] = [];
  const kAll: number[][] = [];
  for (let j = 0; j < past; j++) {
    cAll.push(row(cache?.cKv as F64Array, j));
    kAll.push(row(cache?.kRope as F64Array, j));
  }
  for (let i = 0; i < t; i++) {
    const x = row(h, i);
    cAll.push(times(x, w.wDkv));
    kAll.push(ropeInterleaved(times(x, w.wKr), past + i, base));
  }
  const out: number[][] = [];
  for (let i = 0; i < t; i++) {
    const x = row(h, i);
    const p = past + i;
    const merged: number[] = [];
    for (let head = 0; head < numHeads; head++) {
      const q = times(x, w.wQ, head * (dHead + dRope), dHead + dRope);
      const qC = q.slice(0, dHead);
      const qR = ropeInterleaved(q.slice(dHead), p, base);
      const scores: number[] = [];
      for (let j = 0; j <= p; j++) {
        const kC = times(cAll[j] as number[], w.wUk, head * dHead, dHead);
        scores.push((dot(qC, kC) + dot(qR, kAll[j] as number[])) / Math.sqrt(dHead + dRope));
      }
      const max = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - max));
      const total = e.reduce((a, b) => a + b, 0);
      const o = new Array<number>(dHead).fill(0);
      for (let j = 0; j <= p; j++) {
        const v = times(cAll[j] as number[], w.wUv, head * dHead, dHead);
        for (let d = 0; d < dHead; d++) o[d] = (o[d] as number) + ((e[j] as number) / total) * (v[d] as number);
      }
      merged.push(...o);
    }
    out.push(times(merged, w.wO));
  }
  return { out: matrix(out, dModel), cKv: matrix(cAll, dLatent), kRope: matrix(kAll, dRope) };
}

export interface BytesSpec {
  readonly kind: 'mha' | 'gqa' | 'mla';
  readonly numHeads: number;
  readonly numKvHeads: number;
  readonly dHead: number;
  readonly dLatent: number;
  readonly dRope: number;
  readonly bytesPerElement: number;
  readonly numLayers: number;
}

/** Elements cached per token per layer, times bytes and layers, counted from what is stored. */
export function bytesOracle(s: BytesSpec): number {
  const perLayer =
    s.kind === 'mla'
      ? s.dLatent + s.dRope // c_kv, then the one shared rope key
      : (s.kind === 'mha' ? s.numHeads : s.numKvHeads) * (s.dHead + s.dHead); // a key and a value per cached head
  return perLayer * s.bytesPerElement * s.numLayers;
}
