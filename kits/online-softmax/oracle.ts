import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Float64 loop oracles for the online-softmax kata, written from the definitions and independent
 * of any solution (no tiling, no running max: the plain two-pass formulas the tiled code must
 * reproduce). No tfjs import, so the CLI and benchmarks can use them too.
 */

/** max(x) and Σ e^{x − max} by two passes over x (−Infinity entries contribute e^{−∞} = 0). */
export function softmaxStatsOracle(x: readonly number[]): { max: number; sumExp: number } {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of x) if (value > max) max = value;
  let sumExp = 0;
  for (const value of x) if (value !== Number.NEGATIVE_INFINITY) sumExp += Math.exp(value - max);
  return { max, sumExp };
}

/**
 * Scaled dot-product attention on q [Tq, d], k [Tk, d], v [Tk, dv]: out[i] = Σ_j softmax_j(q_i·k_j/√d)·v_j,
 * softmax over the visible keys only (causal: j ≤ i + Tk − Tq, bottom-right aligned), row max
 * subtracted so any score magnitude stays finite. Returns [Tq, dv].
 */
export function attentionOracle(q: F64Array, k: F64Array, v: F64Array, causal = false): F64Array {
  const [tq, d] = q.shape as [number, number];
  const [tk] = k.shape as [number, number];
  const [, dv] = v.shape as [number, number];
  const scale = 1 / Math.sqrt(d);
  const out = new Float64Array(tq * dv);
  const scores = new Float64Array(tk);
  for (let i = 0; i < tq; i++) {
    const visible = causal ? Math.min(tk, i + tk - tq + 1) : tk;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < visible; j++) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += (q.data[i * d + c] as number) * (k.data[j * d + c] as number);
      scores[j] = dot * scale;
      if ((scores[j] as number) > max) max = scores[j] as number;
    }
    let total = 0;
    for (let j = 0; j < visible; j++) {
      scores[j] = Math.exp((scores[j] as number) - max);
      total += scores[j] as number;
    }
    for (let j = 0; j < visible; j++) {
      const w = (scores[j] as number) / total;
      for (let c = 0; c < dv; c++) out[i * dv + c] = (out[i * dv + c] as number) + w * (v.data[j * dv + c] as number);
    }
  }
  return { shape: [tq, dv], data: out };
}
