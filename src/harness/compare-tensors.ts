import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { multiIndex, sizeOf } from './shape.ts';

export { useBackendFromEnv } from './backend.ts';

/**
 * 'none' most of the time, else one of the named bad inputs: enough invalid cases to check that
 * both sides throw, without crowding out the valid ones.
 */
export const rarely = <T extends string>(...bad: T[]) =>
  fc.oneof({ weight: 12, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

/**
 * What the tensor katas' differentials share: backend set-up, tensors from plain data, reading a
 * result back into plain data (with a leak count), and a readable comparison. Free of vitest (the
 * CLI loads it), unlike src/harness/tf.ts.
 */

/** A tensor result as plain data, plus how many tensors the call left behind (negative: it disposed some it did not own). */
export interface TensorValue {
  readonly shape: number[];
  readonly dtype: string;
  readonly data: number[];
  readonly leaked: number;
}

/** Plain data for one input tensor: its values are `values` repeated cyclically over `shape`. */
export interface TensorSpec {
  readonly shape: readonly number[];
  readonly values: readonly number[];
  readonly dtype?: 'float32' | 'int32';
}

/** The flat data of a spec (values cycled; float32 values rounded as the tensor will hold them). */
export function specData(spec: TensorSpec): number[] {
  const n = sizeOf(spec.shape);
  const round = spec.dtype === 'int32' ? (x: number) => x : Math.fround;
  return Array.from({ length: n }, (_, i) =>
    round(spec.values.length === 0 ? 0 : (spec.values[i % spec.values.length] as number)),
  );
}

export function tensorOf(spec: TensorSpec): tf.Tensor {
  const dtype = spec.dtype ?? 'float32';
  const data = specData(spec);
  return tf.tensor(dtype === 'int32' ? Int32Array.from(data) : Float32Array.from(data), [...spec.shape], dtype);
}

/** `name [2, 3] = [[…], […]]`: a spec as the learner would write it. */
export function showSpec(name: string, spec: TensorSpec): string {
  const dtype = spec.dtype === 'int32' ? ' int32' : '';
  return `${name}${dtype} ${showShape(spec.shape)} = ${nested(specData(spec).map(num), spec.shape, 60)}`;
}

/**
 * Builds the input tensors, calls `call` with them, reads its result (which must be one
 * tf.Tensor) into plain data and disposes everything it made. The leak count is measured around
 * the call, after the result is disposed.
 */
export function runOnTensors(specs: readonly TensorSpec[], call: (inputs: tf.Tensor[]) => unknown): TensorValue {
  const inputs = specs.map(tensorOf);
  try {
    const before = tf.memory().numTensors;
    const result = call(inputs);
    if (!(result instanceof tf.Tensor)) {
      throw new TypeError(`expected a tf.Tensor as the result, got ${describe(result)}`);
    }
    if (result.isDisposed) throw new TypeError('the returned tensor is already disposed');
    const value = {
      shape: [...result.shape],
      dtype: result.dtype,
      data: Array.from(result.dataSync() as ArrayLike<number>),
    };
    if (!inputs.includes(result)) result.dispose();
    return { ...value, leaked: tf.memory().numTensors - before };
  } finally {
    tf.dispose(inputs);
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === 'object'
    ? `an object (${(value as object).constructor?.name ?? 'Object'})`
    : `${typeof value} ${String(value)}`;
}

export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

/** float32 round-off on small problems: 1e-4 absolute plus 1e-4 of the reference's magnitude. */
export const FLOAT32: Tolerance = { atol: 1e-4, rtol: 1e-4 };

/**
 * undefined when the results agree: same shape, same dtype, every element within
 * atol + rtol·|reference| (NaN agrees only with NaN, ±Infinity only with itself), and no more
 * tensors left behind than the reference leaves.
 */
export function tensorDifference(
  mine: TensorValue,
  ref: TensorValue,
  tolerance: Tolerance = FLOAT32,
): string | undefined {
  if (!sameShape(mine.shape, ref.shape)) {
    return `shape ${showShape(mine.shape)} vs ${showShape(ref.shape)} (yours vs the reference)`;
  }
  if (mine.dtype !== ref.dtype) return `dtype ${mine.dtype} vs ${ref.dtype} (yours vs the reference)`;
  let worst = -1;
  let worstExcess = 0;
  let bad = 0;
  for (let i = 0; i < ref.data.length; i++) {
    const a = mine.data[i] as number;
    const b = ref.data[i] as number;
    if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) continue;
    const diff = Math.abs(a - b);
    const allowed = tolerance.atol + tolerance.rtol * Math.abs(b);
    if (diff <= allowed) continue; // NaN or an infinite difference is never within tolerance
    bad++;
    const excess = Number.isNaN(diff) ? Infinity : diff / allowed;
    if (worst < 0 || excess > worstExcess) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    const a = mine.data[worst] as number;
    const b = ref.data[worst] as number;
    const at = ref.shape.length === 0 ? 'the scalar' : `[${multiIndex(worst, ref.shape).join(', ')}]`;
    return (
      `largest element difference ${num(Math.abs(a - b))} at ${at}: yours ${num(a)}, reference ${num(b)} ` +
      `(allowed ${num(tolerance.atol + tolerance.rtol * Math.abs(b))}); ${bad} of ${ref.data.length} element(s) differ`
    );
  }
  if (mine.leaked !== ref.leaked) {
    return mine.leaked > ref.leaked
      ? `the values agree, but yours leaves ${mine.leaked} tensor(s) behind (the reference ${ref.leaked}): wrap the work in tf.tidy()`
      : `the values agree, but yours disposes ${ref.leaked - mine.leaked} tensor(s) it did not create (an input?)`;
  }
  return undefined;
}

/** `float32 [2, 3] [[…], […]]`, plus the leak count when there is one. */
export function showTensorValue(value: TensorValue): string {
  const leak =
    value.leaked > 0
      ? ` (left ${value.leaked} tensor(s) behind)`
      : value.leaked < 0
        ? ` (disposed ${-value.leaked} tensor(s) it did not create)`
        : '';
  // complex64 reads back as interleaved (re, im) pairs.
  const data =
    value.dtype === 'complex64'
      ? nested(
          Array.from({ length: value.data.length / 2 }, (_, i) =>
            complex(value.data[2 * i] as number, value.data[2 * i + 1] as number),
          ),
          value.shape,
          400,
        )
      : nested(value.data.map(num), value.shape, 400);
  return `${value.dtype} ${showShape(value.shape)} ${data}${leak}`;
}

export function isTensorValue(value: unknown): value is TensorValue {
  return typeof value === 'object' && value !== null && 'dtype' in value && 'data' in value && 'shape' in value;
}

export function showShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Six significant digits, with NaN and ±Infinity spelled out. */
function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Object.is(x, -0)) return '-0';
  return String(Number(x.toPrecision(6)));
}

function complex(re: number, im: number): string {
  return `${num(re)}${im < 0 || Object.is(im, -0) ? '-' : '+'}${num(Math.abs(im))}i`;
}

/** Nested brackets following `shape`, cut after about `limit` characters. */
function nested(data: readonly string[], shape: readonly number[], limit: number): string {
  if (data.length !== sizeOf(shape)) return `[${data.join(', ')}]`;
  const build = (offset: number, axis: number): string => {
    if (axis === shape.length) return data[offset] as string;
    const dim = shape[axis] as number;
    const stride = sizeOf(shape.slice(axis + 1));
    const parts: string[] = [];
    for (let i = 0; i < dim; i++) parts.push(build(offset + i * stride, axis + 1));
    return `[${parts.join(axis === shape.length - 1 ? ', ' : ',')}]`;
  };
  const text = build(0, 0);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/**
 * Values for a TensorSpec: 1 to `maxLength` multiples of 1/2 in [-2, 2] (times `scale`), which
 * shrink towards a single 0 — a constant tensor — and then towards the fewest distinct values
 * that still show the difference.
 */
export function valuesArb(maxLength = 16, scale = 1): fc.Arbitrary<number[]> {
  return fc.array(
    fc.integer({ min: -4, max: 4 }).map((n) => (n / 2) * scale + 0),
    { minLength: 1, maxLength },
  );
}
