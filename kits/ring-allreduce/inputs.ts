import fc from 'fast-check';

/**
 * Inputs of the ring-allreduce kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/ring-allreduce/ring-allreduce.props.ts. Buffers are plain number arrays (one per worker, all
 * the same length); turn them into the kata's input with `toFloat64`.
 */

/** Plain arrays → the Float64Array[] that ringAllReduce takes (fresh copies every call). */
export function toFloat64(buffers: readonly (readonly number[])[]): Float64Array[] {
  return buffers.map((b) => Float64Array.from(b));
}

/** N workers (1 … maxWorkers), each with a buffer of the same length S (0 … maxLength), filled by `value`. */
function workersOf(value: fc.Arbitrary<number>, maxWorkers: number, maxLength: number): fc.Arbitrary<number[][]> {
  return fc
    .tuple(fc.integer({ min: 1, max: maxWorkers }), fc.integer({ min: 0, max: maxLength }))
    .chain(([workers, length]) =>
      fc.array(fc.array(value, { minLength: length, maxLength: length }), {
        minLength: workers,
        maxLength: workers,
      }),
    );
}

/** 1 … 8 workers, buffers of 0 … 20 integers in [−1000, 1000] (S < N occurs: some chunks are empty). */
export function integerBuffers(maxWorkers = 8, maxLength = 20): fc.Arbitrary<number[][]> {
  return workersOf(fc.integer({ min: -1000, max: 1000 }), maxWorkers, maxLength);
}

/**
 * 1 … 6 workers, buffers of 0 … 12 doubles in [−1e3, 1e3] (no NaN, ±Infinity or −0), mostly
 * decimals with three places (0.1-style values that binary cannot hold exactly): their sum depends
 * on the order of the additions, which the ring schedule fixes.
 */
export function doubleBuffers(maxWorkers = 6, maxLength = 12): fc.Arbitrary<number[][]> {
  const value = fc
    .oneof(
      { weight: 3, arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 1000) },
      { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }) },
    )
    .map((v) => (Object.is(v, -0) ? 0 : v));
  return workersOf(value, maxWorkers, maxLength);
}

/** A message size in bytes (a whole number, 0 … 1e12) and a worker count (1 … 1024). */
export const trafficCase: fc.Arbitrary<{ bytes: number; workers: number }> = fc.record({
  bytes: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1e12 })),
  workers: fc.integer({ min: 1, max: 1024 }),
});
