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
    const invFreq = Array.from({ length: d / 2 }, (_, i) => base ** ((-2 * i) / d));
    // The wrong layout for rotate_half: each frequency repeated in place.
    const freqs = Array.from({ length: d }, (_, j) => invFreq[Math.floor(j / 2)] as number);
    const angles = tf.outerProduct(tf.tensor1d([...positions]), tf.tensor1d(freqs));
    const cos = tf.cos(angles);
    const sin = tf.sin(angles);
    if (style === 'half') {
      const [x1, x2] = tf.split(x, 2, -1) as [tf.Tensor, tf.Tensor];
      const rotated = tf.concat([tf.neg(x2), x1], -1);
      return tf.add(tf.mul(x, cos), tf.mul(rotated, sin));
    }
    const pairs = tf.reshape(x, [...x.shape.slice(0, -1), d / 2, 2]);
    const [a, b] = tf.split(pairs, 2, -1) as [tf.Tensor, tf.Tensor];
    const swapped = tf.reshape(tf.concat([tf.neg(b), a], -1), x.shape);
    return tf.add(tf.mul(x, cos), tf.mul(swapped, sin));
  });
}
