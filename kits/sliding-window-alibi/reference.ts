import * as tf from '@tensorflow/tfjs';

export interface MaskOptions {
  /** Keys per query, the query's own key included; omitted: no window (plain causal). */
  window?: number;
  /** Cached keys before the first query; must equal tk − tq (the default). */
  pastLength?: number;
}

export interface BiasOptions {
  /** Cached keys before the first query; must equal tk − tq (the default). */
  pastLength?: number;
}

export interface AttentionOptions {
  /** Sliding window of keys per query (its own included); omitted: plain causal. */
  window?: number;
  /** Add the ALiBi bias with alibiSlopes(H). Default false. */
  alibi?: boolean;
}

/**
 * ALiBi slopes as HF transformers' `build_alibi_tensor` (BLOOM) writes them: with
 * n = 2^floor(log2 h), heads 0 … n−1 get base^1 … base^n for base = 2^(−8/n); the h − n extra heads
 * of a non-power of two get the odd powers 1, 3, 5, … of 2^(−4/n), the base of 2n heads, which is
 * every other slope of 2n heads (the paper's get_slopes(2n)[0::2]). O(h).
 */
export function alibiSlopes(numHeads: number): number[] {
  checkCount('numHeads', numHeads);
  const n = 2 ** Math.floor(Math.log2(numHeads));
  const base = 2 ** (-8 / n);
  const slopes: number[] = [];
  for (let k = 1; k <= n; k++) slopes.push(base ** k);
  const extraBase = 2 ** (-4 / n);
  for (let k = 0; k < numHeads - n; k++) slopes.push(extraBase ** (2 * k + 1));
  return slopes;
}

/**
 * Additive mask [tq, tk]: 0 where query row r (absolute position i = pastLength + r) may see key
 * j, −Infinity elsewhere. Visible iff j <= i (causal) and j > i − window (HF masking_utils'
 * sliding_window_overlay), so a row sees min(window, i + 1) keys and always its own.
 */
export function slidingWindowMask(tq: number, tk: number, options: MaskOptions = {}): tf.Tensor2D {
  const past = pastLengthOf(tq, tk, options.pastLength);
  const window = windowOf(options.window);
  return tf.tidy(() => {
    const visible = visibility(tq, tk, past, window);
    return tf.where(visible, tf.zeros([tq, tk]), tf.fill([tq, tk], Number.NEGATIVE_INFINITY)) as tf.Tensor2D;
  });
}

/**
 * ALiBi bias [H, tq, tk] = slope_h · (j − i) at every entry, i = pastLength + r: 0 on the query's
 * own key, −slope per step into the past (positive to the future, which the mask hides).
 */
export function alibiBias(numHeads: number, tq: number, tk: number, options: BiasOptions = {}): tf.Tensor3D {
  const slopes = alibiSlopes(numHeads);
  const past = pastLengthOf(tq, tk, options.pastLength);
  return tf.tidy(() => {
    const distance = tf.sub(keyPositions(tk), queryPositions(tq, past)).toFloat();
    return tf.tensor3d(slopes, [numHeads, 1, 1]).mul(distance) as tf.Tensor3D;
  });
}

/**
 * Causal attention softmax(q·kᵀ/√D + mask + alibi)·v over heads [H, T, D], queries at the last Tq
 * of the Tk positions. The biases are added after the 1/√D scaling; tf.softmax subtracts each
 * row's maximum, and every row keeps its own key, so no row is all −Infinity.
 */
export function attentionWithBias(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  options: AttentionOptions = {},
): tf.Tensor3D {
  for (const [name, t] of Object.entries({ q, k, v })) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
    if (t.rank !== 3) throw new RangeError(`${name} must be [H, T, D] (rank 3), got [${t.shape}]`);
  }
  const [h, tq, d] = q.shape;
  const [hk, tk, dk] = k.shape;
  if (k.shape.some((n, i) => n !== v.shape[i])) {
    throw new RangeError(`v [${v.shape}] must have the shape of k [${k.shape}]`);
  }
  if (hk !== h || dk !== d) throw new RangeError(`k [${k.shape}] must share H and D with q [${q.shape}]`);
  if (tq > tk) throw new RangeError(`q has Tq = ${tq} queries but k has only Tk = ${tk} keys`);
  const window = windowOf(options.window);
  const alibi = options.alibi ?? false;
  if (typeof alibi !== 'boolean') throw new TypeError(`options.alibi must be true or false, got ${alibi}`);
  return tf.tidy(() => {
    let scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(d));
    if (alibi) scores = scores.add(alibiBias(h, tq, tk));
    const mask = slidingWindowMask(tq, tk, { window });
    return tf.matMul(tf.softmax(scores.add(mask)), v) as tf.Tensor3D;
  });
}

/** Query positions pastLength … pastLength + tq − 1 as a column [tq, 1]. */
function queryPositions(tq: number, past: number): tf.Tensor2D {
  return tf.range(past, past + tq, 1, 'int32').reshape([tq, 1]);
}

/** Key positions 0 … tk − 1 as a row [1, tk]. */
function keyPositions(tk: number): tf.Tensor2D {
  return tf.range(0, tk, 1, 'int32').reshape([1, tk]);
}

/** Boolean [tq, tk]: j <= i, and j > i − window when there is a window. */
function visibility(tq: number, tk: number, past: number, window: number | undefined): tf.Tensor {
  const i = queryPositions(tq, past);
  const j = keyPositions(tk);
  const causal = tf.lessEqual(j, i);
  return window === undefined ? causal : tf.logicalAnd(causal, tf.greater(j, i.sub(window)));
}

function checkCount(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

function windowOf(window: unknown): number | undefined {
  if (window === undefined) return undefined;
  checkCount('options.window', window);
  return window;
}

/** tq and tk are positive integers with tq <= tk; a given pastLength must be tk − tq. */
function pastLengthOf(tq: number, tk: number, pastLength: unknown): number {
  checkCount('tq', tq);
  checkCount('tk', tk);
  if (tq > tk) throw new RangeError(`tq = ${tq} queries need at least as many keys, got tk = ${tk}`);
  if (pastLength !== undefined) {
    if (typeof pastLength !== 'number') throw new TypeError(`options.pastLength must be a number, got ${pastLength}`);
    if (pastLength !== tk - tq) {
      throw new RangeError(`options.pastLength must equal tk − tq = ${tk - tq}, got ${pastLength}`);
    }
  }
  return tk - tq;
}
