import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Float64 loop oracles for the sliding-window-alibi kata, written from the formulas and
 * independent of any solution.
 *
 * Positions: query row r is at absolute position i = (tk − tq) + r, key column j at position j.
 * Visible (HF transformers masking_utils: causal_mask_function AND sliding_window_overlay):
 *   j <= i  and  (no window, or j > i − window).
 * ALiBi (Press et al. 2022): head h adds slope_h · (j − i); with n = 2^floor(log2 H),
 *   slope_h = 2^(−8(h+1)/n)               for h < n,
 *   slope_h = 2^(−8(2(h−n)+1)/(2n))       for n <= h < H  (every other slope of 2n heads).
 */

/** The largest power of two <= h, found by doubling (not by log2). */
export function closestPowerOfTwo(h: number): number {
  let n = 1;
  while (2 * n <= h) n *= 2;
  return n;
}

/** ALiBi slopes from the closed form, each exponent written out directly. */
export function slopesOracle(h: number): number[] {
  const n = closestPowerOfTwo(h);
  const slopes: number[] = [];
  for (let head = 0; head < h; head++) {
    slopes.push(head < n ? 2 ** ((-8 * (head + 1)) / n) : 2 ** ((-8 * (2 * (head - n) + 1)) / (2 * n)));
  }
  return slopes;
}

/** Whether query row r of tq sees key j of tk. */
export function isVisible(r: number, j: number, tq: number, tk: number, window: number | undefined): boolean {
  const i = tk - tq + r;
  return j <= i && (window === undefined || i - j < window);
}

/** The additive mask [tq, tk]: 0 visible, −Infinity hidden. */
export function maskOracle(tq: number, tk: number, window: number | undefined): F64Array {
  const data = new Float64Array(tq * tk);
  for (let r = 0; r < tq; r++) {
    for (let j = 0; j < tk; j++) data[r * tk + j] = isVisible(r, j, tq, tk, window) ? 0 : Number.NEGATIVE_INFINITY;
  }
  return { shape: [tq, tk], data };
}

/** The ALiBi bias [H, tq, tk] = slope_h · (j − i), future entries included. */
export function biasOracle(h: number, tq: number, tk: number): F64Array {
  const slopes = slopesOracle(h);
  const data = new Float64Array(h * tq * tk);
  for (let head = 0; head < h; head++) {
    for (let r = 0; r < tq; r++) {
      const i = tk - tq + r;
      for (let j = 0; j < tk; j++) data[(head * tq + r) * tk + j] = (slopes[head] as number) * (j - i);
    }
  }
  return { shape: [h, tq, tk], data };
}

/**
 * softmax over the visible keys of (q·k/√D + alibi) times v, per head and query, in float64:
 * hidden keys are skipped (weight exactly 0), and each row's maximum is subtracted first.
 */
export function attentionOracle(
  q: F64Array,
  k: F64Array,
  v: F64Array,
  window: number | undefined,
  alibi: boolean,
): F64Array {
  const [h, tq, d] = q.shape as [number, number, number];
  const tk = k.shape[1] as number;
  const slopes = alibi ? slopesOracle(h) : new Array<number>(h).fill(0);
  const out = new Float64Array(h * tq * d);
  for (let head = 0; head < h; head++) {
    const slope = slopes[head] as number;
    for (let r = 0; r < tq; r++) {
      const i = tk - tq + r;
      const scores: number[] = [];
      const keys: number[] = [];
      for (let j = 0; j < tk; j++) {
        if (!isVisible(r, j, tq, tk, window)) continue;
        let dot = 0;
        for (let x = 0; x < d; x++) {
          dot += (q.data[(head * tq + r) * d + x] as number) * (k.data[(head * tk + j) * d + x] as number);
        }
        scores.push(dot / Math.sqrt(d) + slope * (j - i));
        keys.push(j);
      }
      const max = Math.max(...scores);
      const weights = scores.map((s) => Math.exp(s - max));
      const total = weights.reduce((a, b) => a + b, 0);
      keys.forEach((j, n) => {
        const w = (weights[n] as number) / total;
        for (let x = 0; x < d; x++) {
          const at = (head * tq + r) * d + x;
          out[at] = (out[at] as number) + w * (v.data[(head * tk + j) * d + x] as number);
        }
      });
    }
  }
  return { shape: [h, tq, d], data: out };
}
