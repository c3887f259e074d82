import * as tf from '@tensorflow/tfjs';

/**
 * Another way: FlashAttention-1's own loop order (Dao et al. 2022, Alg. 1). The outer loop walks
 * the key/value blocks, the inner loop the query blocks, and every query block keeps its row max
 * m, row sum ℓ and an output O that is normalised after every tile:
 *
 *   m̃ = rowmax S, P̃ = e^{S − m̃}, ℓ̃ = rowsum P̃        (the tile's own softmax statistics)
 *   m′ = max(m, m̃), ℓ′ = e^{m − m′}ℓ + e^{m̃ − m′}ℓ̃
 *   O  = (ℓ·e^{m − m′}·O + e^{m̃ − m′}·P̃V) / ℓ′
 *
 * so nothing is divided at the end. A causal tile can hold a row that sees none of its keys
 * (m̃ = −∞): its P̃ is taken against 0 instead, so −∞ − (−∞) never happens. The statistics
 * function slices each block and folds its max and its sum. O(Tq·Tk·(d + dv)) time,
 * O(blockQ·blockK + Tq·dv) memory: one tile alive at a time, plus every row's state.
 */
export function onlineSoftmaxStats(x: readonly number[], blockSize: number): { max: number; sumExp: number } {
  if (!Array.isArray(x)) throw new TypeError('onlineSoftmaxStats: x must be an array');
  if (x.length === 0) throw new RangeError('onlineSoftmaxStats: x is empty');
  countOf('onlineSoftmaxStats: blockSize', blockSize);
  for (const [i, value] of x.entries()) {
    if (typeof value !== 'number') throw new TypeError(`onlineSoftmaxStats: x[${i}] is not a number`);
    if (Number.isNaN(value) || value === Number.POSITIVE_INFINITY) {
      throw new RangeError(`onlineSoftmaxStats: x[${i}] = ${value} is neither finite nor -Infinity`);
    }
  }
  let m = Number.NEGATIVE_INFINITY;
  let l = 0;
  for (let start = 0; start < x.length; start += blockSize) {
    const block = x.slice(start, start + blockSize);
    const next = block.reduce((a, value) => Math.max(a, value), m);
    if (next === Number.NEGATIVE_INFINITY) continue; // every logit so far is masked
    let sum = 0;
    for (const value of block) sum += Math.exp(value - next);
    l = l * Math.exp(m - next) + sum;
    m = next;
  }
  if (m === Number.NEGATIVE_INFINITY) throw new RangeError('onlineSoftmaxStats: every element is -Infinity');
  return { max: m, sumExp: l };
}

interface RowState {
  /** First query row of the block, and its row count. */
  readonly qs: number;
  readonly bq: number;
  /** The last key any row of the block may see. */
  readonly lastKey: number;
  m: tf.Tensor;
  l: tf.Tensor;
  o: tf.Tensor;
}

export function tiledAttention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  opts: { blockQ?: number; blockK?: number; causal?: boolean } = {},
): tf.Tensor2D {
  if (opts === null || typeof opts !== 'object') throw new TypeError('tiledAttention: opts must be an object');
  const unknown = Object.keys(opts).filter((key) => key !== 'blockQ' && key !== 'blockK' && key !== 'causal');
  if (unknown.length > 0) throw new TypeError(`tiledAttention: unknown option(s) ${unknown.join(', ')}`);
  const { blockQ = 32, blockK = 32, causal = false } = opts;
  countOf('tiledAttention: blockQ', blockQ);
  countOf('tiledAttention: blockK', blockK);
  if (typeof causal !== 'boolean') throw new TypeError('tiledAttention: causal must be true or false');
  for (const [name, t] of Object.entries({ q, k, v })) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`tiledAttention: ${name} is not a tf.Tensor`);
    if (t.rank !== 2) throw new RangeError(`tiledAttention: ${name} has shape [${t.shape}], not [rows, columns]`);
  }
  const [tq, d] = q.shape;
  const [tk, dk] = k.shape;
  const [tv, dv] = v.shape;
  if (dk !== d) throw new RangeError(`tiledAttention: q has ${d} columns, k has ${dk}`);
  if (tv !== tk) throw new RangeError(`tiledAttention: k has ${tk} rows, v has ${tv}`);
  if (causal && tq > tk) throw new RangeError(`tiledAttention: causal needs Tq <= Tk, got ${tq} > ${tk}`);

  const offset = tk - tq; // bottom-right: query i sees key j iff j <= i + offset
  const states: RowState[] = [];
  try {
    for (let qs = 0; qs < tq; qs += blockQ) {
      const bq = Math.min(blockQ, tq - qs);
      states.push({
        qs,
        bq,
        lastKey: causal ? qs + bq - 1 + offset : tk - 1,
        m: tf.fill([bq, 1], Number.NEGATIVE_INFINITY),
        l: tf.zeros([bq, 1]),
        o: tf.zeros([bq, dv]),
      });
    }
    for (let ks = 0; ks < tk; ks += blockK) {
      const bk = Math.min(blockK, tk - ks);
      for (const state of states) {
        if (ks > state.lastKey) continue; // no row of this query block sees these keys
        const next = tf.tidy(() => {
          let s = tf.matMul(q.slice([state.qs, 0], [state.bq, d]), k.slice([ks, 0], [bk, d]), false, true);
          s = s.div(Math.sqrt(d));
          if (causal) s = tf.where(future(state.qs + offset, state.bq, ks, bk), -Infinity, s);
          const mTile = s.max(1, true);
          // A row that sees no key of this tile has m̃ = −∞: take its P̃ against 0 (all zeros).
          const p = tf.exp(s.sub(tf.where(tf.isFinite(mTile), mTile, 0)));
          const mNew = tf.maximum(state.m, mTile);
          const oldWeight = tf.exp(state.m.sub(mNew));
          const tileWeight = tf.exp(mTile.sub(mNew));
          const lNew = oldWeight.mul(state.l).add(tileWeight.mul(p.sum(1, true)));
          const pv = tf.matMul(p, v.slice([ks, 0], [bk, dv]));
          const o = state.l.mul(oldWeight).mul(state.o).add(tileWeight.mul(pv)).div(lNew);
          return { m: mNew, l: lNew, o };
        });
        tf.dispose([state.m, state.l, state.o]);
        Object.assign(state, next);
      }
    }
    return tf.concat(
      states.map((state) => state.o),
      0,
    ) as tf.Tensor2D;
  } finally {
    for (const state of states) tf.dispose([state.m, state.l, state.o]);
  }
}

/** [bq, bk] booleans, true where key ks + c lies after the last key (first + r) that row r may see. */
function future(first: number, bq: number, ks: number, bk: number): tf.Tensor {
  return tf.tidy(() => {
    const cols = tf.range(ks, ks + bk, 1, 'int32').reshape([1, bk]);
    const rows = tf.range(first, first + bq, 1, 'int32').reshape([bq, 1]);
    return tf.greater(cols, rows);
  });
}

export function scoreMatrixBytes(c: { batch: number; heads: number; seqLen: number; bytesPerElement: number }): number {
  if (c === null || typeof c !== 'object') throw new TypeError('scoreMatrixBytes: c must be an object');
  const { batch, heads, seqLen, bytesPerElement } = c;
  countOf('scoreMatrixBytes: batch', batch);
  countOf('scoreMatrixBytes: heads', heads);
  countOf('scoreMatrixBytes: seqLen', seqLen);
  countOf('scoreMatrixBytes: bytesPerElement', bytesPerElement);
  const scoresPerHead = seqLen ** 2; // every query scores every key
  return batch * heads * scoresPerHead * bytesPerElement;
}

/** A count must be a number (TypeError) and an integer >= 1 (RangeError). */
function countOf(name: string, value: unknown): void {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
}
