import { randomValues } from './random.ts';
import { sizeOf } from './shape.ts';

/**
 * Plain data for a tensor: a shape and float32-representable values in float64, row-major. The
 * tensor arbitraries produce shapes and seeds, never tensors, so they print and shrink well; a
 * property builds its tensors from this data (`tensorOf`) and the float64 copy feeds an oracle.
 * No tfjs import here: algorithm katas and the CLI load this module without tfjs.
 */
export interface ShapedData {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Seeded values in [−scale, scale) for `shape` (the same seed always gives the same values). */
export function seededData(shape: readonly number[], seed: number, scale = 1): ShapedData {
  return { shape, data: randomValues(sizeOf(shape), seed, scale) };
}

/** The values as a Float32Array, ready for `tf.tensor(float32Of(x), [...x.shape], 'float32')`. */
export function float32Of(x: ShapedData): Float32Array {
  return Float32Array.from(x.data);
}
