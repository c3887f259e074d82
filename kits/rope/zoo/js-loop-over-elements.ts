import * as tf from '@tensorflow/tfjs';

/**
 * RoPE as a plain loop: read x back into JavaScript, rotate every pair of every row in float64,
 * and build the result from the array. Right values, but N = x.size steps of JavaScript (and a
 * round trip off the device), where the prompt allows 4·T·D + 100 whatever the leading axes.
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

  const data = x.dataSync();
  const out = new Float32Array(data.length);
  for (let row = 0; row < data.length / d; row++) {
    const pos = positions[row % t] as number;
    for (let i = 0; i < d / 2; i++) {
      const theta = pos * base ** ((-2 * i) / d);
      const [ia, ib] = style === 'half' ? [row * d + i, row * d + i + d / 2] : [row * d + 2 * i, row * d + 2 * i + 1];
      const a = data[ia] as number;
      const b = data[ib] as number;
      out[ia] = a * Math.cos(theta) - b * Math.sin(theta);
      out[ib] = b * Math.cos(theta) + a * Math.sin(theta);
    }
  }
  return tf.tensor(out, x.shape, 'float32');
}
