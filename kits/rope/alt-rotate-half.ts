import * as tf from '@tensorflow/tfjs';

/**
 * RoPE the way HuggingFace writes it: out = x·cos + rotate(x)·sin, with cos and sin tables as
 * wide as x ([T, D]). For 'half' the angles are laid out cat(freqs, freqs) and
 * rotate_half(x) = cat(−x2, x1); for 'interleaved' each frequency is repeated in place
 * (f0, f0, f1, f1, …) and each pair (a, b) turns into (−b, a). The D frequencies are computed in
 * float64 in JavaScript, the [T, D] angles by one tf.outerProduct. O(N) tensor work for N = x.size.
 */
export function applyRope(
  x: tf.Tensor,
  options: { positions?: readonly number[]; base?: number; style?: 'half' | 'interleaved' } = {},
): tf.Tensor {
  if (!(x instanceof tf.Tensor)) throw new TypeError('applyRope: x must be a tf.Tensor');
  if (x.rank < 2) throw new RangeError(`applyRope: x must be [..., T, D] (rank >= 2), got [${x.shape}]`);
  const [t, d] = x.shape.slice(-2) as [number, number];
  if (d % 2 !== 0) throw new RangeError(`applyRope: D = ${d} must be even`);
  const style = options.style ?? 'half';
  if (style !== 'half' && style !== 'interleaved') {
    throw new RangeError(`applyRope: style must be 'half' or 'interleaved', got ${String(style)}`);
  }
  const base = options.base ?? 10000;
  if (typeof base !== 'number') throw new TypeError(`applyRope: base must be a number, got ${typeof base}`);
  if (!(base > 0 && base < Infinity)) throw new RangeError(`applyRope: base must be in (0, Infinity), got ${base}`);
  const positions = options.positions === undefined ? undefined : validPositions(options.positions, t);

  const half = d / 2;
  const invFreq = Array.from({ length: half }, (_, i) => base ** ((-2 * i) / d));
  // The frequency of feature j: pair i holds features (i, i + D/2) for 'half', (2i, 2i + 1) otherwise.
  const freqs = style === 'half' ? [...invFreq, ...invFreq] : invFreq.flatMap((f) => [f, f]);

  return tf.tidy(() => {
    const xf = x.toFloat();
    const pos = positions === undefined ? tf.range(0, t) : tf.tensor1d(positions, 'float32');
    const angles = tf.outerProduct(pos as tf.Tensor1D, tf.tensor1d(freqs)); // [T, D]
    return xf.mul(tf.cos(angles)).add(rotate(xf, style, half).mul(tf.sin(angles)));
  });
}

/** The partner of every feature with its sign: out_a gets −b·sin, out_b gets +a·sin. */
function rotate(x: tf.Tensor, style: 'half' | 'interleaved', half: number): tf.Tensor {
  if (style === 'half') {
    const [x1, x2] = tf.split(x, 2, -1) as [tf.Tensor, tf.Tensor];
    return tf.concat([x2.neg(), x1], -1);
  }
  const pairs = x.reshape([...x.shape.slice(0, -1), half, 2]);
  const [a, b] = tf.split(pairs, 2, -1) as [tf.Tensor, tf.Tensor];
  return tf.concat([b.neg(), a], -1).reshape(x.shape);
}

/** A copy of positions after checking it holds T non-negative integers. */
function validPositions(positions: readonly number[], t: number): number[] {
  if (!Array.isArray(positions)) throw new TypeError('applyRope: positions must be an array');
  if (positions.length !== t) throw new RangeError(`applyRope: ${positions.length} positions for T = ${t} rows`);
  return positions.map((pos: unknown, p) => {
    if (typeof pos !== 'number') throw new TypeError(`applyRope: positions[${p}] is a ${typeof pos}, not a number`);
    if (!Number.isSafeInteger(pos) || pos < 0) {
      throw new RangeError(`applyRope: positions[${p}] = ${pos} is not a non-negative integer`);
    }
    return pos;
  });
}
