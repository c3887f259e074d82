import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Float64 loop oracle for the `rope` kata, written from the formulas and independent of any
 * solution. For each feature pair (a, b) at sequence position `pos` and pair index i:
 *
 *   theta  = pos · base^(−2i/D)
 *   out_a  = a·cos(theta) − b·sin(theta)
 *   out_b  = b·cos(theta) + a·sin(theta)
 *
 * 'half' (HuggingFace `rotate_half`, GPT-NeoX) pairs feature i with feature i + D/2;
 * 'interleaved' (Meta llama `view_as_complex`, the paper's layout) pairs 2i with 2i + 1.
 */
export type RopeStyle = 'half' | 'interleaved';

export interface RopeOracleOptions {
  readonly positions?: readonly number[];
  readonly base?: number;
  readonly style?: RopeStyle;
}

/** The indices of the two features that pair index i rotates together, for a head size D. */
export function pairIndices(i: number, d: number, style: RopeStyle): [number, number] {
  return style === 'half' ? [i, i + d / 2] : [2 * i, 2 * i + 1];
}

export function ropeOracle(x: F64Array, options: RopeOracleOptions = {}): F64Array {
  const shape = x.shape;
  const rank = shape.length;
  if (rank < 2) throw new RangeError('oracle: rank must be >= 2');
  const t = shape[rank - 2] as number;
  const d = shape[rank - 1] as number;
  if (d % 2 !== 0) throw new RangeError('oracle: D must be even');
  const positions = options.positions ?? Array.from({ length: t }, (_, p) => p);
  if (positions.length !== t) throw new RangeError('oracle: positions.length must be T');
  const base = options.base ?? 10000;
  const style = options.style ?? 'half';

  const out = new Float64Array(x.data.length);
  const rows = x.data.length / d;
  for (let row = 0; row < rows; row++) {
    const pos = positions[row % t] as number;
    const offset = row * d;
    for (let i = 0; i < d / 2; i++) {
      const theta = pos * base ** ((-2 * i) / d);
      const cos = Math.cos(theta);
      const sin = Math.sin(theta);
      const [ia, ib] = pairIndices(i, d, style);
      const a = x.data[offset + ia] as number;
      const b = x.data[offset + ib] as number;
      out[offset + ia] = a * cos - b * sin;
      out[offset + ib] = b * cos + a * sin;
    }
  }
  return { shape: [...shape], data: out };
}

/**
 * The feature permutation that turns the interleaved layout into the half layout:
 * permuted[i] = x[2i] and permuted[D/2 + i] = x[2i + 1]. Returned as gather indices.
 */
export function interleavedToHalfIndices(d: number): number[] {
  const indices = new Array<number>(d);
  for (let i = 0; i < d / 2; i++) {
    indices[i] = 2 * i;
    indices[d / 2 + i] = 2 * i + 1;
  }
  return indices;
}

/** Rows of the last axis of a flat array: the dot product of row r of `a` with row s of `b`. */
export function rowDot(a: ArrayLike<number>, r: number, b: ArrayLike<number>, s: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) sum += (a[r * d + j] as number) * (b[s * d + j] as number);
  return sum;
}

/** The Euclidean norm of every row (last axis) of a flat array. */
export function rowNorms(values: ArrayLike<number>, d: number): number[] {
  const norms: number[] = [];
  for (let offset = 0; offset < values.length; offset += d) {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += (values[offset + j] as number) ** 2;
    norms.push(Math.sqrt(sum));
  }
  return norms;
}
