import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Float64 loop oracles for the mha-kv-cache kata, independent of every solution (no tfjs import).
 *
 *   x [B, T, D] · W ([D, D], applied as x @ W) → q, k, v; head h = columns h·Dh … (h+1)·Dh − 1
 *   optional RoPE, half style (HuggingFace rotate_half), at absolute positions (the rotation is
 *   written out below, so this kit depends on no other kit); scores q·k / √Dh; query at absolute position p sees key positions 0 … p;
 *   heads merged back by columns, then @ wo.
 *
 * `mhaFullOracle` is the causal forward without a cache, written directly over positions 0 … T−1;
 * `mhaChunkOracle` processes one chunk against an HF-layout cache [B, H, Tmax, Dh] (keys stored
 * rotated) and returns the new cache. The two share only the projection and the attention row,
 * so "chunked equals full" is a real cross-check of the oracles as well.
 */

export interface MhaWeights64 {
  readonly wq: F64Array;
  readonly wk: F64Array;
  readonly wv: F64Array;
  readonly wo: F64Array;
}

export interface KvCache64 {
  /** [B, H, Tmax, Dh] */
  readonly k: F64Array;
  /** [B, H, Tmax, Dh] */
  readonly v: F64Array;
  readonly length: number;
}

export interface RopeConfig64 {
  readonly base?: number;
}

export function emptyCache64(b: number, h: number, tmax: number, dh: number): KvCache64 {
  const size = b * h * tmax * dh;
  return {
    k: { shape: [b, h, tmax, dh], data: new Float64Array(size) },
    v: { shape: [b, h, tmax, dh], data: new Float64Array(size) },
    length: 0,
  };
}

/** x @ w for x [B, T, D] and w [D, D'], split into heads: [B, H, T, D'/H]. */
export function projectHeads(x: F64Array, w: F64Array, nHeads: number): F64Array {
  const [b, t, d] = x.shape as [number, number, number];
  const cols = w.shape[1] as number;
  const dh = cols / nHeads;
  const out = new Float64Array(b * nHeads * t * dh);
  for (let bi = 0; bi < b; bi++)
    for (let ti = 0; ti < t; ti++)
      for (let c = 0; c < cols; c++) {
        let sum = 0;
        for (let m = 0; m < d; m++) sum += (x.data[(bi * t + ti) * d + m] as number) * (w.data[m * cols + c] as number);
        const h = Math.floor(c / dh);
        out[((bi * nHeads + h) * t + ti) * dh + (c % dh)] = sum;
      }
  return { shape: [b, nHeads, t, dh], data: out };
}

/**
 * Rotates [B, H, T, Dh] rows at positions start … start+T−1, half style (feature m pairs with
 * feature m + Dh/2, angle pos · base^(−2m/Dh), (a, b) → (a·cos − b·sin, b·cos + a·sin)), or
 * returns them as they are when there is no RoPE.
 */
function rotate(a: F64Array, start: number, rope: RopeConfig64 | undefined): F64Array {
  if (rope === undefined) return a;
  const t = a.shape[2] as number;
  const dh = a.shape[3] as number;
  if (dh % 2 !== 0) throw new RangeError('oracle: RoPE needs an even head size');
  const base = rope.base ?? 10000;
  const half = dh / 2;
  const out = new Float64Array(a.data.length);
  for (let row = 0; row < a.data.length / dh; row++) {
    const pos = start + (row % t);
    const offset = row * dh;
    for (let m = 0; m < half; m++) {
      const theta = pos * base ** ((-2 * m) / dh);
      const x1 = a.data[offset + m] as number;
      const x2 = a.data[offset + m + half] as number;
      out[offset + m] = x1 * Math.cos(theta) - x2 * Math.sin(theta);
      out[offset + m + half] = x2 * Math.cos(theta) + x1 * Math.sin(theta);
    }
  }
  return { shape: [...a.shape], data: out };
}

/**
 * For every batch, head and query i: softmax over key slots 0 … lastSlot(i) of q·k/√Dh, times v.
 * q [B, H, T, Dh]; keys and values [B, H, S, Dh] (only slots up to lastSlot are read). Returns the
 * heads merged by columns, [B, T, H·Dh].
 */
function attendMerged(q: F64Array, keys: F64Array, values: F64Array, lastSlot: (i: number) => number): F64Array {
  const [b, h, t, dh] = q.shape as [number, number, number, number];
  const s = keys.shape[2] as number;
  const scale = 1 / Math.sqrt(dh);
  const out = new Float64Array(b * t * h * dh);
  for (let bi = 0; bi < b; bi++)
    for (let hi = 0; hi < h; hi++) {
      const kvBase = (bi * h + hi) * s * dh;
      for (let i = 0; i < t; i++) {
        const qBase = ((bi * h + hi) * t + i) * dh;
        const last = lastSlot(i);
        const scores: number[] = [];
        for (let j = 0; j <= last; j++) {
          let dot = 0;
          for (let c = 0; c < dh; c++)
            dot += (q.data[qBase + c] as number) * (keys.data[kvBase + j * dh + c] as number);
          scores.push(dot * scale);
        }
        const max = Math.max(...scores);
        const exps = scores.map((sc) => Math.exp(sc - max));
        const total = exps.reduce((a, e) => a + e, 0);
        const outBase = (bi * t + i) * h * dh + hi * dh;
        for (let j = 0; j <= last; j++) {
          const weight = (exps[j] as number) / total;
          for (let c = 0; c < dh; c++) {
            out[outBase + c] = (out[outBase + c] as number) + weight * (values.data[kvBase + j * dh + c] as number);
          }
        }
      }
    }
  return { shape: [b, t, h * dh], data: out };
}

/** [B, T, D] @ wo [D, D'] → [B, T, D']. */
function outProjection(merged: F64Array, wo: F64Array): F64Array {
  const [b, t, d] = merged.shape as [number, number, number];
  const cols = wo.shape[1] as number;
  const out = new Float64Array(b * t * cols);
  for (let r = 0; r < b * t; r++)
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      for (let m = 0; m < d; m++) sum += (merged.data[r * d + m] as number) * (wo.data[m * cols + c] as number);
      out[r * cols + c] = sum;
    }
  return { shape: [b, t, cols], data: out };
}

/** Causal multi-head self-attention over positions 0 … T−1, no cache. Returns y [B, T, D]. */
export function mhaFullOracle(x: F64Array, w: MhaWeights64, nHeads: number, rope?: RopeConfig64): F64Array {
  const q = rotate(projectHeads(x, w.wq, nHeads), 0, rope);
  const k = rotate(projectHeads(x, w.wk, nHeads), 0, rope);
  const v = projectHeads(x, w.wv, nHeads);
  return outProjection(
    attendMerged(q, k, v, (i) => i),
    w.wo,
  );
}

/**
 * One chunk x [B, T, D] at absolute positions L … L+T−1 (L = cache.length) against a cache
 * [B, H, Tmax, Dh]: writes the (rotated) keys and the values into slots L … L+T−1 of a copy of
 * the cache, then query i attends over slots 0 … L+i. Slots ≥ L+T are copied, never read.
 */
export function mhaChunkOracle(
  x: F64Array,
  w: MhaWeights64,
  cache: KvCache64,
  nHeads: number,
  rope?: RopeConfig64,
): { y: F64Array; cache: KvCache64 } {
  const start = cache.length;
  const [b, h, tmax, dh] = cache.k.shape as [number, number, number, number];
  const t = x.shape[1] as number;
  if (start + t > tmax) throw new RangeError('oracle: the chunk does not fit in the cache');
  const q = rotate(projectHeads(x, w.wq, nHeads), start, rope);
  const kNew = rotate(projectHeads(x, w.wk, nHeads), start, rope);
  const vNew = projectHeads(x, w.wv, nHeads);
  const keys = Float64Array.from(cache.k.data);
  const values = Float64Array.from(cache.v.data);
  for (let bh = 0; bh < b * h; bh++)
    for (let i = 0; i < t; i++)
      for (let c = 0; c < dh; c++) {
        keys[(bh * tmax + start + i) * dh + c] = kNew.data[(bh * t + i) * dh + c] as number;
        values[(bh * tmax + start + i) * dh + c] = vNew.data[(bh * t + i) * dh + c] as number;
      }
  const k: F64Array = { shape: cache.k.shape, data: keys };
  const v: F64Array = { shape: cache.v.shape, data: values };
  const y = outProjection(
    attendMerged(q, k, v, (i) => start + i),
    w.wo,
  );
  return { y, cache: { k, v, length: start + t } };
}

/** Runs the chunks one after another from an empty cache; returns every chunk's y and the last cache. */
export function mhaChunkedOracle(
  x: F64Array,
  w: MhaWeights64,
  chunks: readonly number[],
  tmax: number,
  nHeads: number,
  rope?: RopeConfig64,
): { ys: F64Array[]; cache: KvCache64 } {
  const [b, t, d] = x.shape as [number, number, number];
  let cache = emptyCache64(b, nHeads, tmax, d / nHeads);
  const ys: F64Array[] = [];
  let offset = 0;
  for (const size of chunks) {
    const piece = sliceTime(x, offset, size);
    const step = mhaChunkOracle(piece, w, cache, nHeads, rope);
    ys.push(step.y);
    cache = step.cache;
    offset += size;
  }
  if (offset !== t) throw new Error(`oracle: chunks sum to ${offset}, x has T = ${t}`);
  return { ys, cache };
}

/** Rows start … start+size−1 along axis 1 of a [B, T, D] array. */
export function sliceTime(x: F64Array, start: number, size: number): F64Array {
  const [b, t, d] = x.shape as [number, number, number];
  const out = new Float64Array(b * size * d);
  for (let bi = 0; bi < b; bi++)
    out.set(x.data.subarray((bi * t + start) * d, (bi * t + start + size) * d), bi * size * d);
  return { shape: [b, size, d], data: out };
}
