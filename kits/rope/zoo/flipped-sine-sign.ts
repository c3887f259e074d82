import * as tf from '@tensorflow/tfjs';

export function applyRope(
  x: tf.Tensor,
  options: { positions?: readonly number[]; base?: number; style?: 'half' | 'interleaved' } = {},
): tf.Tensor {
  const rank = x.rank;
  if (rank < 2) throw new RangeError('x must have rank >= 2');
  const t = x.shape[rank - 2] as number;
  const d = x.shape[rank - 1] as number;
  if (d % 2 !== 0) throw new RangeError('D must be even');
  const positions = options.positions ?? Array.from({ length: t }, (_, p) => p);
  if (positions.length !== t) throw new RangeError('positions.length must equal T');
  const base = options.base ?? 10000;
  if (!(base > 0)) throw new RangeError('base must be > 0');
  const style = options.style ?? 'half';
  if (style !== 'half' && style !== 'interleaved') throw new RangeError('unknown style');
  return tf.tidy(() => {
    // inv_freq[i] = base^(−2i/D), as a float32 tensor; angles [T, D/2] = positions ⊗ inv_freq.
    const exponents = tf.div(tf.mul(tf.range(0, d / 2), -2), d);
    const invFreq = tf.pow(tf.scalar(base), exponents) as tf.Tensor1D;
    const angles = tf.outerProduct(tf.tensor1d([...positions]), invFreq);
    const cos = tf.cos(angles);
    const sin = tf.sin(angles);
    if (style === 'half') {
      const [a, b] = tf.split(x, 2, -1) as [tf.Tensor, tf.Tensor];
      return tf.concat([tf.add(tf.mul(a, cos), tf.mul(b, sin)), tf.sub(tf.mul(b, cos), tf.mul(a, sin))], -1);
    }
    const pairs = tf.reshape(x, [...x.shape.slice(0, -1), d / 2, 2]);
    const [a, b] = tf.unstack(pairs, rank) as [tf.Tensor, tf.Tensor];
    const out = tf.stack([tf.add(tf.mul(a, cos), tf.mul(b, sin)), tf.sub(tf.mul(b, cos), tf.mul(a, sin))], rank);
    return tf.reshape(out, x.shape);
  });
}
