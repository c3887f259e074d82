import * as tf from '@tensorflow/tfjs';

export { gqaSelfAttention } from '../reference.ts';

export function groupedQueryAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  options: { causal?: boolean } = {},
): tf.Tensor4D {
  const causal = options.causal ?? false;
  const [b, hq, tq, d] = q.shape;
  const [bk, hkv, tk, dk] = k.shape;
  if (k.shape.some((n, i) => n !== v.shape[i]) || bk !== b || dk !== d || hq % hkv !== 0 || (causal && tq > tk)) {
    throw new RangeError(`q [${q.shape}], k [${k.shape}], v [${v.shape}] do not fit together`);
  }
  return tf.tidy(() => {
    const group = hq / hkv;
    const keys = tileHeads(k, group);
    const values = tileHeads(v, group);
    let scores = tf.matMul(q, keys, false, true).mul(1 / Math.sqrt(d));
    if (causal) {
      const queryPos = tf.range(0, tq).reshape([tq, 1]);
      const keyPos = tf.range(0, tk).reshape([1, tk]);
      const visible = tf.lessEqual(keyPos, queryPos.add(tk - tq)).broadcastTo(scores.shape);
      scores = tf.where(visible, scores, tf.fill(scores.shape, -1e9));
    }
    return tf.matMul(tf.softmax(scores), values) as tf.Tensor4D;
  });
}

/** Wrong repeat: tile lays the kv heads out as [0, 1, 0, 1, ...] instead of [0, 0, 1, 1, ...]. */
function tileHeads(t: tf.Tensor4D, group: number): tf.Tensor4D {
  return t.tile([1, group, 1, 1]) as tf.Tensor4D;
}
