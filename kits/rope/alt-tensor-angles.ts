import * as tf from '@tensorflow/tfjs';

/**
 * Rotary position embedding with every table built by tensor ops: inv_freq = base^(−2i/D) by
 * tf.pow, the [T, D/2] angles as the outer product positions ⊗ inv_freq, then tf.cos / tf.sin,
 * all in float32 (the angle of position p is off by about p·6e-8 relative, within the tolerance).
 * 'half' splits the last axis in two; 'interleaved' reshapes it to [D/2, 2] and unstacks the
 * pairs. O(N) tensor work for N = x.size; the only JavaScript loop checks the T positions.
 */
export function applyRope(
  x: tf.Tensor,
  options: { positions?: readonly number[]; base?: number; style?: 'half' | 'interleaved' } = {},
): tf.Tensor {
  if (!(x instanceof tf.Tensor)) throw new TypeError('applyRope: x must be a tf.Tensor');
  const rank = x.rank;
  if (rank < 2) throw new RangeError(`applyRope: x must have rank >= 2, got shape [${x.shape}]`);
  const t = x.shape[rank - 2] as number;
  const d = x.shape[rank - 1] as number;
  if (d % 2 !== 0) throw new RangeError(`applyRope: D must be even, got ${d}`);
  const positions = options.positions ?? Array.from({ length: t }, (_, p) => p);
  if (!Array.isArray(positions)) throw new TypeError('applyRope: positions must be an array');
  if (positions.length !== t) throw new RangeError(`applyRope: positions.length must equal T = ${t}`);
  for (const [p, pos] of positions.entries()) {
    if (typeof pos !== 'number') throw new TypeError(`applyRope: positions[${p}] must be a number`);
    if (!Number.isInteger(pos) || pos < 0) {
      throw new RangeError(`applyRope: positions[${p}] must be a non-negative integer, got ${pos}`);
    }
  }
  const base = options.base ?? 10000;
  if (typeof base !== 'number') throw new TypeError('applyRope: base must be a number');
  if (!Number.isFinite(base) || base <= 0) throw new RangeError(`applyRope: base must be finite and > 0, got ${base}`);
  const style = options.style ?? 'half';
  if (style !== 'half' && style !== 'interleaved') {
    throw new RangeError(`applyRope: unknown style ${JSON.stringify(style)}`);
  }
  return tf.tidy(() => {
    // inv_freq[i] = base^(−2i/D), as a float32 tensor; angles [T, D/2] = positions ⊗ inv_freq.
    const exponents = tf.div(tf.mul(tf.range(0, d / 2), -2), d);
    const invFreq = tf.pow(tf.scalar(base), exponents) as tf.Tensor1D;
    const angles = tf.outerProduct(tf.tensor1d([...positions]), invFreq);
    const cos = tf.cos(angles);
    const sin = tf.sin(angles);
    const xf = tf.cast(x, 'float32');
    if (style === 'half') {
      const [a, b] = tf.split(xf, 2, -1) as [tf.Tensor, tf.Tensor];
      return tf.concat([tf.sub(tf.mul(a, cos), tf.mul(b, sin)), tf.add(tf.mul(b, cos), tf.mul(a, sin))], -1);
    }
    const pairs = tf.reshape(xf, [...x.shape.slice(0, -1), d / 2, 2]);
    const [a, b] = tf.unstack(pairs, rank) as [tf.Tensor, tf.Tensor];
    const out = tf.stack([tf.sub(tf.mul(a, cos), tf.mul(b, sin)), tf.add(tf.mul(b, cos), tf.mul(a, sin))], rank);
    return tf.reshape(out, x.shape);
  });
}
