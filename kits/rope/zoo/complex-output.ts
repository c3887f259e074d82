import * as tf from '@tensorflow/tfjs';

/**
 * Meta's recipe with complex numbers: view each pair as a + i·b, multiply by e^{iθ} = cos θ + i·sin θ.
 * It stops there and returns the complex64 product, [..., T, D/2], without splitting it back into
 * real and imaginary features (Meta's view_as_real + flatten).
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
    if (!Number.isInteger(pos) || pos < 0) throw new RangeError(`applyRope: positions[${p}] = ${pos} is invalid`);
  }
  const base = options.base ?? 10000;
  if (typeof base !== 'number') throw new TypeError('applyRope: base must be a number');
  if (!Number.isFinite(base) || base <= 0) throw new RangeError(`applyRope: base must be finite and > 0, got ${base}`);
  const style = options.style ?? 'half';
  if (style !== 'half' && style !== 'interleaved') throw new RangeError(`applyRope: unknown style ${String(style)}`);
  return tf.tidy(() => {
    const invFreq = tf.tensor1d(Array.from({ length: d / 2 }, (_, i) => base ** ((-2 * i) / d)));
    const angles = tf.outerProduct(tf.tensor1d([...positions]), invFreq);
    const freqsCis = tf.complex(tf.cos(angles), tf.sin(angles));
    const xf = tf.cast(x, 'float32');
    let real: tf.Tensor;
    let imag: tf.Tensor;
    if (style === 'half') {
      [real, imag] = tf.split(xf, 2, -1) as [tf.Tensor, tf.Tensor];
    } else {
      const pairs = tf.reshape(xf, [...x.shape.slice(0, -1), d / 2, 2]);
      const [a, b] = tf.split(pairs, 2, -1) as [tf.Tensor, tf.Tensor];
      real = tf.squeeze(a, [rank]);
      imag = tf.squeeze(b, [rank]);
    }
    return tf.mul(tf.complex(real, imag), freqsCis);
  });
}
