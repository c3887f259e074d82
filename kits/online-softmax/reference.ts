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
 * never happens. O(n) time, O(1) extra memory.
 */
export function onlineSoftmaxStats(x: readonly number[], blockSize: number): SoftmaxStats {
  // Without this, a non-array x has no length and the loop never runs: a silent {max: −∞, sumExp: 0}.
  if (!Array.isArray(x)) throw new TypeError(`onlineSoftmaxStats: x must be an array of numbers, got ${typeof x}`);
  if (x.length === 0) throw new RangeError('onlineSoftmaxStats: x must not be empty');
  if (!Number.isInteger(blockSize) || blockSize < 1) {
    throw new RangeError(`onlineSoftmaxStats: blockSize must be an integer >= 1, got ${blockSize}`);
  }
  let m = Number.NEGATIVE_INFINITY;
  let l = 0;
  for (let start = 0; start < x.length; start += blockSize) {
    const end = Math.min(start + blockSize, x.length);
    let next = m;
    for (let i = start; i < end; i++) next = Math.max(next, x[i] as number);
    if (next === Number.NEGATIVE_INFINITY) continue; // nothing visible yet
    let sum = 0;
    for (let i = start; i < end; i++) sum += Math.exp((x[i] as number) - next);
    l = l * Math.exp(m - next) + sum;
    m = next;
  }
  return { max: m, sumExp: l };
}

/**
 * FlashAttention's forward pass (Alg. 1, FlashAttention-2 loop order): for each query block keep
 * the row max m, the row sum ℓ and an unnormalised output O; for each key block the query block
 * can see, S = Q·Kᵀ/√d, m′ = max(m, rowmax S), ℓ = e^{m−m′}ℓ + rowsum e^{S−m′},
 * O = e^{m−m′}O + e^{S−m′}V; divide by ℓ at the end. The causal mask uses absolute indices and
 * key blocks beyond a query block's last visible key are never visited; every key block runs in
 * its own tf.tidy so only one [blockQ, blockK] tile is alive at a time.
 * O(Tq·Tk·(d + dv)) time, O(blockQ·blockK + Tq·dv) memory.
 */
export function tiledAttention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  opts: TiledAttentionOptions = {},
): tf.Tensor2D {
  const blockQ = opts.blockQ ?? 32;
  const blockK = opts.blockK ?? 32;
  const causal = opts.causal ?? false;
  if (!Number.isInteger(blockQ) || blockQ < 1)
    throw new RangeError(`opts.blockQ must be an integer >= 1, got ${blockQ}`);
  if (!Number.isInteger(blockK) || blockK < 1)
    throw new RangeError(`opts.blockK must be an integer >= 1, got ${blockK}`);
  for (const [name, t] of [
    ['q', q],
    ['k', k],
    ['v', v],
  ] as const) {
    if (t.rank !== 2) throw new RangeError(`${name} must have rank 2 [rows, features], got shape [${t.shape}]`);
  }
  const [tq, d] = q.shape;
  const [tk, dk] = k.shape;
  const [tv, dv] = v.shape;
  if (dk !== d) throw new RangeError(`k must have d = ${d} columns like q, got [${k.shape}]`);
  if (tv !== tk) throw new RangeError(`v must have Tk = ${tk} rows like k, got [${v.shape}]`);
  if (causal && tq > tk) throw new RangeError(`causal attention needs Tq <= Tk, got Tq = ${tq}, Tk = ${tk}`);

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
  return c.batch * c.heads * c.seqLen * c.seqLen * c.bytesPerElement;
}
