import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Float64 loop oracles for the grouped-query-attention kata. They share nothing with any
 * solution: plain index arithmetic on row-major Float64Arrays, with the softmax written out
 * (row maximum subtracted, so scores of any magnitude stay finite). No tfjs import, so the
 * benchmark can use them outside vitest.
 */

/**
 * Scaled dot-product attention with kv sharing: q [B, Hq, Tq, D], k and v [B, Hkv, Tk, D].
 * Query head h reads kv head floor(h / (Hq / Hkv)); with `causal`, query i sees key j iff
 * j <= i + (Tk − Tq). Returns [B, Hq, Tq, D].
 */
export function gqaOracle(q: F64Array, k: F64Array, v: F64Array, causal = false): F64Array {
  const [b, hq, tq, d] = dims4(q.shape, 'q');
  const [, hkv, tk] = dims4(k.shape, 'k');
  const group = hq / hkv;
  const scale = 1 / Math.sqrt(d);
  const out = new Float64Array(b * hq * tq * d);
  const scores = new Float64Array(tk);
  for (let bi = 0; bi < b; bi++) {
    for (let h = 0; h < hq; h++) {
      const kvHead = Math.floor(h / group);
      const kvBase = (bi * hkv + kvHead) * tk * d;
      for (let i = 0; i < tq; i++) {
        const qBase = ((bi * hq + h) * tq + i) * d;
        const lastKey = causal ? Math.min(tk - 1, i + (tk - tq)) : tk - 1;
        let max = -Infinity;
        for (let j = 0; j <= lastKey; j++) {
          let dot = 0;
          for (let c = 0; c < d; c++) dot += (q.data[qBase + c] as number) * (k.data[kvBase + j * d + c] as number);
          const s = dot * scale;
          scores[j] = s;
          if (s > max) max = s;
        }
        let total = 0;
        for (let j = 0; j <= lastKey; j++) {
          const e = Math.exp((scores[j] as number) - max);
          scores[j] = e;
          total += e;
        }
        for (let j = 0; j <= lastKey; j++) {
          const w = (scores[j] as number) / total;
          for (let c = 0; c < d; c++) {
            out[qBase + c] = (out[qBase + c] as number) + w * (v.data[kvBase + j * d + c] as number);
          }
        }
      }
    }
  }
  return { shape: [b, hq, tq, d], data: out };
}

/** [rows, inner] · [inner, cols] in float64. */
export function matmulOracle(a: F64Array, w: F64Array): F64Array {
  const [rows, inner] = a.shape as [number, number];
  const [innerW, cols] = w.shape as [number, number];
  if (inner !== innerW) throw new Error(`oracle: matmul of [${a.shape}] by [${w.shape}]`);
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let m = 0; m < inner; m++) {
      const x = a.data[r * inner + m] as number;
      for (let c = 0; c < cols; c++)
        out[r * cols + c] = (out[r * cols + c] as number) + x * (w.data[m * cols + c] as number);
    }
  }
  return { shape: [rows, cols], data: out };
}

/**
 * Self-attention with GQA projections: x [B, T, dModel]; head h of a projection is its columns
 * h·Dh … (h+1)·Dh − 1, with Dh = columns(wq) / nHeads. Returns [B, T, dModel].
 */
export function gqaSelfAttentionOracle(
  x: F64Array,
  weights: { wq: F64Array; wk: F64Array; wv: F64Array; wo: F64Array },
  nHeads: number,
  nKvHeads: number,
  causal = false,
): F64Array {
  const [b, t, dModel] = x.shape as [number, number, number];
  const dh = (weights.wq.shape[1] as number) / nHeads;
  const rows: F64Array = { shape: [b * t, dModel], data: x.data };
  const split = (w: F64Array, heads: number): F64Array => {
    const projected = matmulOracle(rows, w); // [B·T, heads·Dh]
    const out = new Float64Array(b * heads * t * dh);
    for (let bi = 0; bi < b; bi++)
      for (let ti = 0; ti < t; ti++)
        for (let h = 0; h < heads; h++)
          for (let c = 0; c < dh; c++)
            out[((bi * heads + h) * t + ti) * dh + c] = projected.data[
              (bi * t + ti) * heads * dh + h * dh + c
            ] as number;
    return { shape: [b, heads, t, dh], data: out };
  };
  const attended = gqaOracle(
    split(weights.wq, nHeads),
    split(weights.wk, nKvHeads),
    split(weights.wv, nKvHeads),
    causal,
  );
  const merged = new Float64Array(b * t * nHeads * dh);
  for (let bi = 0; bi < b; bi++)
    for (let h = 0; h < nHeads; h++)
      for (let ti = 0; ti < t; ti++)
        for (let c = 0; c < dh; c++)
          merged[(bi * t + ti) * nHeads * dh + h * dh + c] = attended.data[
            ((bi * nHeads + h) * t + ti) * dh + c
          ] as number;
  const out = matmulOracle({ shape: [b * t, nHeads * dh], data: merged }, weights.wo);
  return { shape: [b, t, dModel], data: out.data };
}

function dims4(shape: readonly number[], name: string): [number, number, number, number] {
  if (shape.length !== 4) throw new Error(`oracle: ${name} must have rank 4, got [${shape}]`);
  return shape as [number, number, number, number];
}
