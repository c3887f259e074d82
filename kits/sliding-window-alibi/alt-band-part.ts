import * as tf from '@tensorflow/tfjs';

export interface MaskOptions {
  window?: number;
  pastLength?: number;
}

export interface BiasOptions {
  pastLength?: number;
}

export interface AttentionOptions {
  window?: number;
  alibi?: boolean;
}

/**
 * The ALiBi paper's own recursion (Press et al., reference code `get_slopes`): a power of two n
 * gets the geometric series start·ratio^k with start = ratio = 2^(−2^−(log2 n − 3)) = 2^(−8/n);
 * any other h takes the n = 2^floor(log2 h) slopes of n heads, then the even-indexed slopes of
 * get_slopes(2n), the first h − n of them. O(h) numbers, 2n of them thrown away.
 */
export function alibiSlopes(numHeads: number): number[] {
  checkCount('numHeads', numHeads);
  return getSlopes(numHeads);
}

function getSlopes(h: number): number[] {
  const exponent = Math.log2(h);
  if (Number.isInteger(exponent)) {
    const start = 2 ** -(2 ** -(exponent - 3));
    return Array.from({ length: h }, (_, k) => start * start ** k);
  }
  const n = 2 ** Math.floor(exponent);
  const everyOther = getSlopes(2 * n).filter((_, k) => k % 2 === 0);
  return [...getSlopes(n), ...everyOther.slice(0, h - n)];
}

/**
 * The mask of a full [tk, tk] self-attention built with tf.linalg.bandPart (keep the diagonal and
 * window − 1 sub-diagonals, or the whole lower triangle without a window), of which the queries
 * are the last tq rows: slicing is how the pastLength offset appears.
 */
export function slidingWindowMask(tq: number, tk: number, options: MaskOptions = {}): tf.Tensor2D {
  checkSizes(tq, tk, options.pastLength);
  const window = optionalWindow(options.window);
  return tf.tidy(() => {
    // bandPart rejects numLower > rows; a window of tk or more is the whole lower triangle (−1).
    const lower = window === undefined || window >= tk ? -1 : window - 1;
    const band = tf.linalg.bandPart(tf.ones([tk, tk]), lower, 0);
    const rows = band.slice([tk - tq, 0], [tq, tk]);
    return tf.where(tf.equal(rows, 1), tf.zerosLike(rows), tf.fill([tq, tk], Number.NEGATIVE_INFINITY)) as tf.Tensor2D;
  });
}

/** slope_h · j − slope_h · i, as two outer products of the slopes with the key and query positions. */
export function alibiBias(numHeads: number, tq: number, tk: number, options: BiasOptions = {}): tf.Tensor3D {
  const slopes = alibiSlopes(numHeads);
  checkSizes(tq, tk, options.pastLength);
  return tf.tidy(() => {
    const m = tf.tensor1d(slopes);
    const keys = tf.outerProduct(m, tf.range(0, tk)).reshape([numHeads, 1, tk]);
    const queries = tf.outerProduct(m, tf.range(tk - tq, tk)).reshape([numHeads, tq, 1]);
    return tf.sub(keys, queries) as tf.Tensor3D;
  });
}

/**
 * BLOOM's shortcut: the ALiBi bias is added as slope_h · j only, the same for every query row.
 * It differs from slope_h · (j − i) by −slope_h · i along each row, and softmax ignores a
 * constant added to a whole row. Hidden scores are replaced by −Infinity with tf.where.
 */
export function attentionWithBias(
  q: tf.Tensor3D,
  k: tf.Tensor3D,
  v: tf.Tensor3D,
  options: AttentionOptions = {},
): tf.Tensor3D {
  for (const [name, t] of [
    ['q', q],
    ['k', k],
    ['v', v],
  ] as const) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor`);
    if (t.rank !== 3) throw new RangeError(`${name} must have rank 3 [H, T, D], got [${t.shape}]`);
  }
  const [h, tq, d] = q.shape;
  const [hk, tk, dk] = k.shape;
  if (v.shape[0] !== hk || v.shape[1] !== tk || v.shape[2] !== dk) {
    throw new RangeError(`v [${v.shape}] must match k [${k.shape}]`);
  }
  if (hk !== h) throw new RangeError(`k has ${hk} heads, q has ${h}`);
  if (dk !== d) throw new RangeError(`k has head size ${dk}, q has ${d}`);
  if (tq > tk) throw new RangeError(`Tq = ${tq} must be <= Tk = ${tk}`);
  const window = optionalWindow(options.window);
  const { alibi = false } = options;
  if (alibi !== true && alibi !== false) throw new TypeError('options.alibi must be a boolean');
  return tf.tidy(() => {
    let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(d));
    if (alibi) {
      const perKey = tf.outerProduct(tf.tensor1d(alibiSlopes(h)), tf.range(0, tk)).reshape([h, 1, tk]);
      scores = scores.add(perKey);
    }
    const visible = tf.equal(slidingWindowMask(tq, tk, window === undefined ? {} : { window }), 0);
    const hidden = tf.fill(scores.shape, Number.NEGATIVE_INFINITY);
    const weights = tf.softmax(tf.where(visible.broadcastTo(scores.shape), scores, hidden));
    return tf.matMul(weights, v) as tf.Tensor3D;
  });
}

function checkCount(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer, got ${value}`);
}

function optionalWindow(window: unknown): number | undefined {
  if (window !== undefined) checkCount('options.window', window);
  return window as number | undefined;
}

function checkSizes(tq: number, tk: number, pastLength: unknown): void {
  checkCount('tq', tq);
  checkCount('tk', tk);
  if (tk < tq) throw new RangeError(`tk = ${tk} must be at least tq = ${tq}`);
  if (pastLength === undefined) return;
  if (typeof pastLength !== 'number') throw new TypeError('options.pastLength must be a number');
  if (pastLength + tq !== tk) throw new RangeError(`pastLength + tq must equal tk, got ${pastLength} + ${tq} vs ${tk}`);
}
