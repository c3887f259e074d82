import * as tf from '@tensorflow/tfjs';

/**
 * Rotary position embedding. A [T, D/2] table of angles pos·base^(−2i/D) is built once (in
 * float64, then rounded to float32 cos/sin tables) and broadcast over every leading axis; each
 * feature pair (a, b) becomes (a·cos − b·sin, b·cos + a·sin).
 * 'half' splits the last axis into two halves (pair i ↔ i + D/2, HuggingFace rotate_half);
 * 'interleaved' views it as [D/2, 2] (pair 2i ↔ 2i + 1, Meta's complex form).
 * O(N) tensor work for N = x.size, plus O(T·D) JavaScript for the tables; all inside tf.tidy.
 */
export function applyRope(
  x: tf.Tensor,
  options: { positions?: readonly number[]; base?: number; style?: 'half' | 'interleaved' } = {},
): tf.Tensor {
  if (!(x instanceof tf.Tensor)) throw new TypeError('applyRope: x must be a tf.Tensor');
  const rank = x.rank;
  if (rank < 2) {
    throw new RangeError(`applyRope: x must have rank >= 2 ([..., T, D]), got shape [${x.shape.join(', ')}]`);
  }
  const t = x.shape[rank - 2] as number;
  const d = x.shape[rank - 1] as number;
  if (d % 2 !== 0) throw new RangeError(`applyRope: the last dimension D must be even, got ${d}`);
  const positions = options.positions ?? Array.from({ length: t }, (_, p) => p);
  checkPositions(positions, t);
  const base = options.base ?? 10000;
  if (typeof base !== 'number') throw new TypeError(`applyRope: base must be a number, got ${typeof base}`);
  if (!(Number.isFinite(base) && base > 0)) {
    throw new RangeError(`applyRope: base must be a finite number > 0, got ${base}`);
  }
  const style = options.style ?? 'half';
  if (style !== 'half' && style !== 'interleaved') {
    throw new RangeError(`applyRope: style must be 'half' or 'interleaved', got ${JSON.stringify(style)}`);
  }

  const half = d / 2;
  const cosTable = new Float32Array(t * half);
  const sinTable = new Float32Array(t * half);
  for (let p = 0; p < t; p++) {
    for (let i = 0; i < half; i++) {
      const theta = (positions[p] as number) * base ** ((-2 * i) / d);
      cosTable[p * half + i] = Math.cos(theta);
      sinTable[p * half + i] = Math.sin(theta);
    }
  }

  return tf.tidy(() => {
    const xf = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
    if (style === 'half') {
      const cos = tf.tensor2d(cosTable, [t, half]);
      const sin = tf.tensor2d(sinTable, [t, half]);
      const [a, b] = tf.split(xf, 2, -1) as [tf.Tensor, tf.Tensor];
      return tf.concat([a.mul(cos).sub(b.mul(sin)), b.mul(cos).add(a.mul(sin))], -1);
    }
    const cos = tf.tensor3d(cosTable, [t, half, 1]);
    const sin = tf.tensor3d(sinTable, [t, half, 1]);
    const pairs = tf.reshape(xf, [...x.shape.slice(0, -1), half, 2]);
    const [a, b] = tf.split(pairs, 2, -1) as [tf.Tensor, tf.Tensor];
    const rotated = tf.concat([a.mul(cos).sub(b.mul(sin)), b.mul(cos).add(a.mul(sin))], -1);
    return tf.reshape(rotated, x.shape);
  });
}

/** positions must be an array of T non-negative integers: a NaN, −1 or 2.5 would rotate silently. */
function checkPositions(positions: readonly number[], t: number): void {
  if (!Array.isArray(positions)) {
    throw new TypeError(`applyRope: positions must be an array of numbers, got ${typeof positions}`);
  }
  if (positions.length !== t) {
    throw new RangeError(`applyRope: positions.length must equal T = ${t}, got ${positions.length}`);
  }
  for (let p = 0; p < t; p++) {
    const pos: unknown = positions[p];
    if (typeof pos !== 'number') throw new TypeError(`applyRope: positions[${p}] must be a number, got ${typeof pos}`);
    if (!(Number.isInteger(pos) && pos >= 0)) {
      throw new RangeError(`applyRope: positions[${p}] must be a non-negative integer, got ${pos}`);
    }
  }
}
