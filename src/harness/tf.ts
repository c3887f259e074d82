import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, expect } from 'vitest';
import { useBackendFromEnv } from './backend.ts';
import { randomValues } from './random.ts';
import { multiIndex, sizeOf } from './shape.ts';

export { type BackendName, backendFromEnv } from './backend.ts';
export { randomValues, seededUniform } from './random.ts';
export { multiIndex, sizeOf } from './shape.ts';

/**
 * Shared set-up and assertions for the tensor suites. Only tensor suites import this module, so the
 * algorithm katas never pay for loading tfjs.
 */
tf.env().set('IS_TEST', true);

/** Call once at the top of a tensor suite: selects the backend named by TFJS_BACKEND (default cpu). */
export function useTensorBackend(): void {
  beforeAll(() => useBackendFromEnv());
}

/**
 * Call once at the top of a suite: returns `keep`, which records a tensor (inputs and results alike)
 * to be disposed after the current test, so a failing assertion never leaks into the next test.
 */
export function disposeAfterEachTest(): <T>(value: T) => T {
  const made: tf.Tensor[] = [];
  afterEach(() => {
    for (const tensor of made.splice(0)) if (!tensor.isDisposed) tensor.dispose();
  });
  return (value) => {
    if (value instanceof tf.Tensor) made.push(value);
    return value;
  };
}

export interface Closeness {
  /** Absolute tolerance. */
  readonly atol: number;
  /** Relative tolerance, applied to the expected value's magnitude. */
  readonly rtol?: number;
}

/** A float64 reference array with its shape: what the loop oracles return. */
export interface F64Array {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/**
 * Compares a tensor with a float64 oracle: rank and every dimension exactly (no broadcasting
 * first), then dtype, then each element within `atol + rtol·|expected|`. The failure message names
 * the first element out of tolerance by its multi-index, and the largest difference.
 */
export function expectTensorClose(
  actual: tf.Tensor | undefined | null,
  expected: F64Array,
  tolerance: Closeness,
  what = 'result',
  dtype: tf.DataType = 'float32',
): void {
  expect(actual, `${what} must be a tf.Tensor`).toBeInstanceOf(tf.Tensor);
  const tensor = actual as tf.Tensor;
  expect(tensor.shape, `${what} has the wrong shape`).toEqual([...expected.shape]);
  expect(tensor.dtype, `${what} has the wrong dtype`).toBe(dtype);
  const values = tensor.dataSync();
  const rtol = tolerance.rtol ?? 0;
  let worst = { index: -1, diff: 0 };
  let firstBad = -1;
  for (let i = 0; i < expected.data.length; i++) {
    const want = expected.data[i] as number;
    const got = values[i] as number;
    const diff = Math.abs(got - want);
    const bad = !(diff <= tolerance.atol + rtol * Math.abs(want)); // NaN counts as bad
    if (bad && firstBad < 0) firstBad = i;
    if (!(diff <= worst.diff)) worst = { index: i, diff };
  }
  if (firstBad >= 0) {
    const at = multiIndex(firstBad, expected.shape);
    expect.fail(
      `${what}[${at.join(', ')}] = ${values[firstBad]}, expected ${expected.data[firstBad]} ` +
        `(atol ${tolerance.atol}, rtol ${rtol}); largest difference ${worst.diff} at ` +
        `[${multiIndex(worst.index, expected.shape).join(', ')}], shape [${expected.shape.join(', ')}]`,
    );
  }
}

/**
 * Runs `compute` and fails if it leaves tensors behind: every tensor it creates must be disposed
 * (or kept inside tf.tidy) except the ones it returns, which it hands back to the caller to check
 * and dispose.
 */
export function expectNoLeaks<T extends tf.TensorContainer>(compute: () => T, what = 'the solution'): T {
  const before = tf.memory().numTensors;
  const result = compute();
  const returned = tensorsIn(result).filter((tensor) => !tensor.isDisposed);
  const kept = new Set(returned.map((tensor) => tensor.id)).size;
  const after = tf.memory().numTensors;
  expect(
    after - before - kept,
    `${what} leaked ${after - before - kept} tensor(s): wrap the work in tf.tidy() or dispose intermediates`,
  ).toBe(0);
  return result;
}

export function tensorsIn(container: tf.TensorContainer): tf.Tensor[] {
  if (container instanceof tf.Tensor) return [container];
  if (Array.isArray(container)) return container.flatMap((item) => tensorsIn(item as tf.TensorContainer));
  if (container !== null && typeof container === 'object' && !ArrayBuffer.isView(container)) {
    return Object.values(container as Record<string, tf.TensorContainer>).flatMap((item) => tensorsIn(item));
  }
  return [];
}

/** A float32 tensor and its float64 twin, from the same seeded values. */
export function randomPair(shape: readonly number[], seed: number, scale = 1): { tensor: tf.Tensor; f64: F64Array } {
  const data = randomValues(sizeOf(shape), seed, scale);
  // tfjs rejects Float64Array; the values are float32-exact, so the copy loses nothing.
  return { tensor: tf.tensor(Float32Array.from(data), [...shape], 'float32'), f64: { shape, data } };
}
