import * as tf from '@tensorflow/tfjs';

export { onlineSoftmaxStats, scoreMatrixBytes } from '../reference.ts';

export function tiledAttention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  opts: { blockQ?: number; blockK?: number; causal?: boolean } = {},
): tf.Tensor2D {
  const blockQ = opts.blockQ ?? 32;
  const blockK = opts.blockK ?? 32;
  const causal = opts.causal ?? false;
  if (!(blockQ >= 1) || !(blockK >= 1)) throw new RangeError('blockQ and blockK must be >= 1');
  const [tq, d] = q.shape;
  const [tk, dk] = k.shape;
  const [tv, dv] = v.shape;
  if (dk !== d) throw new RangeError('k must have d columns like q');
  if (tv !== tk) throw new RangeError('v must have Tk rows like k');
  if (causal && tq > tk) throw new RangeError('causal attention needs Tq <= Tk');
  const offset = tk - tq;
  return tf.tidy(() => {
    const blocks: tf.Tensor[] = [];
    for (let qs = 0; qs < tq; qs += blockQ) {
      const bq = Math.min(blockQ, tq - qs);
      const qi = q.slice([qs, 0], [bq, d]).div(Math.sqrt(d));
      let m: tf.Tensor = tf.fill([bq, 1], Number.NEGATIVE_INFINITY);
      let l: tf.Tensor = tf.zeros([bq, 1]);
      let o: tf.Tensor = tf.zeros([bq, dv]);
      const lastKey = causal ? qs + bq - 1 + offset : tk - 1;
      for (let ks = 0; ks <= lastKey; ks += blockK) {
        const bk = Math.min(blockK, tk - ks);
        let s: tf.Tensor = tf.matMul(qi, k.slice([ks, 0], [bk, d]), false, true);
        if (causal) {
          const rows = tf.range(qs + offset, qs + offset + bq, 1, 'int32').reshape([bq, 1]);
          const cols = tf.range(ks, ks + bk, 1, 'int32').reshape([1, bk]);
          s = tf.where(tf.lessEqual(cols, rows), s, -Infinity);
        }
        const mNew = tf.maximum(m, s.max(1, true));
        const alpha = tf.exp(m.sub(mNew));
        const p = tf.exp(s.sub(mNew));
        l = alpha.mul(l).add(p.sum(1, true));
        o = alpha.mul(o).add(tf.matMul(p, v.slice([ks, 0], [bk, dv])));
        m = mNew;
      }
      blocks.push(o.div(l));
    }
    return tf.concat(blocks, 0) as tf.Tensor2D;
  });
}
