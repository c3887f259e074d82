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

/** A call of ringAllReduce that breaks exactly one rule of the contract, and the error it must raise. */
export interface BadBuffers {
  /** Builds the argument afresh for every call (Float64Arrays are mutable). */
  readonly make: () => unknown;
  readonly error: 'TypeError' | 'RangeError';
  readonly broken: string;
}

/**
 * Valid integer buffers broken in one place: the list is not an array or is empty (no worker), one
 * buffer is not a Float64Array (a plain array, a Float32Array, null), one buffer is longer or
 * shorter than the others, or one value is NaN or ±Infinity.
 */
export const badBuffers: fc.Arbitrary<BadBuffers> = fc
  .tuple(integerBuffers(5, 8), fc.nat({ max: 5 }), fc.nat(), fc.constantFrom(Number.NaN, Infinity, -Infinity))
  .map(([buffers, which, pick, nonFinite]): BadBuffers => {
    const n = buffers.length;
    const w = pick % n;
    const length = buffers[0]?.length ?? 0;
    switch (which) {
      case 0: {
        const value = ([null, undefined, 7, Float64Array.from([1, 2])] as const)[pick % 4];
        return { make: () => value, error: 'TypeError', broken: `buffers = ${String(value)}` };
      }
      case 1:
        return { make: () => [], error: 'RangeError', broken: 'no workers ([])' };
      case 2: {
        const kind = pick % 3;
        const bad = (b: readonly number[]) => (kind === 0 ? [...b] : kind === 1 ? Float32Array.from(b) : null);
        return {
          make: () => buffers.map((b, i) => (i === w ? bad(b) : Float64Array.from(b))),
          error: 'TypeError',
          broken: `buffers[${w}] is ${['a plain array', 'a Float32Array', 'null'][kind]}`,
        };
      }
      case 3:
        if (n < 2) return { make: () => [], error: 'RangeError', broken: 'no workers ([])' };
        return {
          make: () => buffers.map((b, i) => Float64Array.from(i === w ? [...b, 1] : b)),
          error: 'RangeError',
          broken: `buffers[${w}] is one element longer`,
        };
      default: {
        if (length === 0) return { make: () => [], error: 'RangeError', broken: 'no workers ([])' };
        const k = pick % length;
        return {
          make: () =>
            buffers.map((b, i) => {
              const copy = Float64Array.from(b);
              if (i === w) copy[k] = nonFinite;
              return copy;
            }),
          error: 'RangeError',
          broken: `buffers[${w}][${k}] = ${nonFinite}`,
        };
      }
    }
  });

/** ringBytesPerWorker / parameterServerBytes arguments with one of them broken. */
export const badTrafficCase: fc.Arbitrary<{
  bytes: unknown;
  workers: unknown;
  error: 'TypeError' | 'RangeError';
}> = fc.oneof(
  fc
    .tuple(trafficCase, fc.constantFrom<unknown>('14e9', null, undefined, true, [4]))
    .chain(([c, bad]) =>
      fc.constantFrom(
        { bytes: bad, workers: c.workers, error: 'TypeError' as const },
        { bytes: c.bytes, workers: bad, error: 'TypeError' as const },
      ),
    ),
  fc
    .tuple(trafficCase, fc.constantFrom(-1, -14e9, 1.5, Number.NaN, Infinity, -Infinity))
    .map(([c, bytes]) => ({ bytes, workers: c.workers, error: 'RangeError' as const })),
  fc
    .tuple(trafficCase, fc.constantFrom(0, -4, 1.5, 2.5, Number.NaN, Infinity))
    .map(([c, workers]) => ({ bytes: c.bytes, workers, error: 'RangeError' as const })),
);
