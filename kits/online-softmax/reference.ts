import * as tf from '@tensorflow/tfjs';

export interface SoftmaxStats {
  /** The largest element. */
  max: number;
  /** Σ e^{x − max}. */
  sumExp: number;
}

export interface TiledAttentionOptions {
  /** Query rows per block (default 32). */
  blockQ?: number;
  /** Key rows per block (default 32). */
  blockK?: number;
  /** Mask future keys, aligned bottom-right: query i sees key j iff j ≤ i + Tk − Tq. Default false. */
  causal?: boolean;
}

export interface ScoreMatrixConfig {
  batch: number;
  heads: number;
  seqLen: number;
  bytesPerElement: number;
}

/**
 * One pass over x in blocks (Milakov & Gimelshein): keep the running max m (from −∞) and the
 * running ℓ = Σ e^{x − m}; when a block raises the max to m′, the old sum is rescaled by
 * e^{m − m′}. A block whose elements are all −∞ leaves m = −∞ and is skipped, so −∞ − (−∞)
 * never happens. Each element is checked as the max loop reads it. O(n) time, O(1) extra memory.
 */
export function onlineSoftmaxStats(x: readonly number[], blockSize: number): SoftmaxStats {
  // Without this, an array-like object ({ length: 2, 0: 1, 1: 2 }) would be read as if it were one.
  if (!Array.isArray(x)) throw new TypeError(`onlineSoftmaxStats: x must be an array of numbers, got ${typeof x}`);
  positiveInteger('onlineSoftmaxStats: blockSize', blockSize);
  let m = Number.NEGATIVE_INFINITY;
  let l = 0;
  for (let start = 0; start < x.length; start += blockSize) {
    const end = Math.min(start + blockSize, x.length);
    let next = m;
    for (let i = start; i < end; i++) next = Math.max(next, logit(x, i));
    if (next === Number.NEGATIVE_INFINITY) continue; // nothing visible yet
    let sum = 0;
    for (let i = start; i < end; i++) sum += Math.exp((x[i] as number) - next);
    l = l * Math.exp(m - next) + sum;
    m = next;
  }
  // An empty x, or one whose every element is −∞, leaves m = −∞: there is nothing to normalise.
  if (m === Number.NEGATIVE_INFINITY) throw new RangeError('onlineSoftmaxStats: x is empty or has no finite element');
  return { max: m, sumExp: l };
}

/** x[i], which must be a number that is finite or −Infinity (a masked logit). */
function logit(x: readonly number[], i: number): number {
  const value: unknown = x[i];
  if (typeof value !== 'number') {
    throw new TypeError(`onlineSoftmaxStats: x[${i}] must be a number, got ${typeof value}`);
  }
  if (Number.isNaN(value) || value === Number.POSITIVE_INFINITY) {
    throw new RangeError(`onlineSoftmaxStats: x[${i}] must be finite or -Infinity, got ${value}`);
  }
  return value;
}

/** A block size or a count: a number (else TypeError) that is an integer >= 1 (else RangeError). */
function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}

/**
 * FlashAttention's forward pass (Alg. 1, FlashAttention-2 loop order): for each query block keep
 * the row max m, the row sum ℓ and an unnormalised output O; for each key block the query block
 * can see, S = Q·Kᵀ/√d, m′ = max(m, rowmax S), ℓ = e^{m−m′}ℓ + rowsum e^{S−m′},
 * O = e^{m−m′}O + e^{S−m′}V; divide by ℓ at the end. The causal mask uses absolute indices and
 * key blocks beyond a query block's last visible key are never visited; every key block runs in
 * its own tf.tidy so only one [blockQ, blockK] tile is alive at a time.
 * O(Tq·Tk·(d + dv)) time in tfjs kernels, O(blockQ·blockK + Tq·dv) memory, and a few steps of
 * JavaScript per tile.
 */
export function tiledAttention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  opts: TiledAttentionOptions = {},
): tf.Tensor2D {
  if (typeof opts !== 'object' || opts === null) {
    throw new TypeError(`tiledAttention: opts must be an object, got ${opts === null ? 'null' : typeof opts}`);
  }
  // A misspelt option (casual, block_q) would otherwise be ignored without a word.
  for (const key of Object.keys(opts)) {
    if (!OPTION_NAMES.includes(key)) {
      throw new TypeError(`tiledAttention: unknown option "${key}" (the options are ${OPTION_NAMES.join(', ')})`);
    }
  }
  const blockQ = positiveInteger('tiledAttention: opts.blockQ', opts.blockQ ?? 32);
  const blockK = positiveInteger('tiledAttention: opts.blockK', opts.blockK ?? 32);
  const causal: unknown = opts.causal ?? false;
  if (typeof causal !== 'boolean') throw new TypeError(`tiledAttention: opts.causal must be a boolean, got ${causal}`);
  const [tq, d] = matrix('q', q);
  const [tk, dk] = matrix('k', k);
  const [tv, dv] = matrix('v', v);
  if (dk !== d) throw new RangeError(`tiledAttention: k must have d = ${d} columns like q, got [${k.shape}]`);
  if (tv !== tk) throw new RangeError(`tiledAttention: v must have Tk = ${tk} rows like k, got [${v.shape}]`);
  if (causal && tq > tk) {
    throw new RangeError(`tiledAttention: causal attention needs Tq <= Tk, got Tq = ${tq}, Tk = ${tk}`);
  }

  const scale = 1 / Math.sqrt(d);
  const offset = tk - tq;
  const blocks: tf.Tensor2D[] = [];
  try {
    for (let qs = 0; qs < tq; qs += blockQ) {
      const bq = Math.min(blockQ, tq - qs);
      // The last key any row of this block may see.
      const lastKey = causal ? qs + bq - 1 + offset : tk - 1;
      blocks.push(
        tf.tidy(() => {
          const qi = q.slice([qs, 0], [bq, d]).mul(scale);
          let m: tf.Tensor = tf.fill([bq, 1], Number.NEGATIVE_INFINITY);
          let l: tf.Tensor = tf.zeros([bq, 1]);
          let o: tf.Tensor = tf.zeros([bq, dv]);
          for (let ks = 0; ks <= lastKey; ks += blockK) {
            const bk = Math.min(blockK, tk - ks);
            const [m2, l2, o2] = tf.tidy(() => {
              let s: tf.Tensor = tf.matMul(qi, k.slice([ks, 0], [bk, d]), false, true);
              if (causal) s = tf.where(visible(qs + offset, bq, ks, bk), s, -Infinity);
              const mNew = tf.maximum(m, s.max(1, true));
              // Every row sees key 0 and blocks run in order, so mNew is finite here.
              const alpha = tf.exp(m.sub(mNew));
              const p = tf.exp(s.sub(mNew));
              return [
                mNew,
                alpha.mul(l).add(p.sum(1, true)),
                alpha.mul(o).add(tf.matMul(p, v.slice([ks, 0], [bk, dv]))),
              ];
            });
            tf.dispose([m, l, o]);
            [m, l, o] = [m2 as tf.Tensor, l2 as tf.Tensor, o2 as tf.Tensor];
          }
          return o.div(l) as tf.Tensor2D;
        }),
      );
    }
    return tf.concat(blocks, 0);
  } finally {
    tf.dispose(blocks);
  }
}

const OPTION_NAMES: readonly string[] = ['blockQ', 'blockK', 'causal'];

/** The [rows, columns] of q, k or v, which must be a rank-2 tf.Tensor. */
function matrix(name: string, t: unknown): [number, number] {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`tiledAttention: ${name} must be a tf.Tensor, got ${typeof t}`);
  if (t.rank !== 2) {
    throw new RangeError(`tiledAttention: ${name} must have rank 2 [rows, features], got shape [${t.shape}]`);
  }
  return t.shape as [number, number];
}

/** [bq, bk] booleans: absolute key ks + c is visible to the row whose last visible key is first + r. */
function visible(first: number, bq: number, ks: number, bk: number): tf.Tensor {
  const rows = tf.range(first, first + bq, 1, 'int32').reshape([bq, 1]);
  const cols = tf.range(ks, ks + bk, 1, 'int32').reshape([1, bk]);
  return tf.lessEqual(cols, rows);
}

/**
 * Bytes of the B·H·T·T attention score matrix standard attention materialises per layer
 * (e.g. B = 1, H = 32, T = 8192 in fp16: 2^32 bytes = 4 GiB). O(1).
 */
export function scoreMatrixBytes(c: ScoreMatrixConfig): number {
  // A c that is not an object fails here too: null has no fields (TypeError), a number has no such field.
  for (const field of ['batch', 'heads', 'seqLen', 'bytesPerElement'] as const) {
    positiveInteger(`scoreMatrixBytes: c.${field}`, c[field]);
  }
  return c.batch * c.heads * c.seqLen * c.seqLen * c.bytesPerElement;
}
