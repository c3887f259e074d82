import fc from 'fast-check';

/**
 * Inputs of the sqrt-gradient-descent kata, shared by the hidden suite, `kata compare` and the
 * learner's katas/sqrt-gradient-descent/sqrt-gradient-descent.props.ts.
 */

/** a log-uniform in [1e-12, 1e12], the kata's range. */
export const positiveReals: fc.Arbitrary<number> = fc
  .double({ min: -12, max: 12, noNaN: true })
  .map((e) => Math.min(1e12, Math.max(1e-12, 10 ** e)));

/** Mostly `positiveReals`, plus 0, 1 and a few negatives (which must throw RangeError). */
export const sqrtInputs: fc.Arbitrary<number> = fc.oneof(
  { weight: 8, arbitrary: positiveReals },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, -1e-3) },
);

/** Inputs that must throw RangeError: negatives, NaN and ±Infinity. */
export const invalidInputs: fc.Arbitrary<number> = fc.oneof(
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

/** Values of `a` that are not numbers at all: TypeError. */
export const nonNumbers: fc.Arbitrary<unknown> = fc.constantFrom<unknown>('4', '', null, undefined, true, 4n, [4], {});

type Options = { learningRate?: number; tolerance?: number; maxSteps?: number };

/**
 * Valid options, each one present or left out: a learning rate in [0.05, 4], a tolerance in
 * [1e-14, 1e-2], maxSteps in [1, 300]. What the call returns with them depends on the method; the
 * contract only promises a positive x or an Error, within 20·maxSteps + 100 steps of work.
 */
export const validOptions: fc.Arbitrary<Options> = fc.record(
  {
    learningRate: fc.double({ min: 0.05, max: 4, noNaN: true }),
    tolerance: fc.double({ min: -14, max: -2, noNaN: true }).map((e) => 10 ** e),
    maxSteps: fc.integer({ min: 1, max: 300 }),
  },
  { requiredKeys: [] },
);

/** Options with exactly one thing wrong, and the error the call must raise for it. */
export interface BadOptions {
  readonly options: unknown;
  readonly error: 'TypeError' | 'RangeError';
}

const badNumber = {
  learningRate: [0, -0.5, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
  tolerance: [0, -1e-12, Number.NaN, Number.POSITIVE_INFINITY],
  maxSteps: [0, -1, 2.5, 1e-3, Number.NaN, Number.POSITIVE_INFINITY],
} as const;

export const badOptions: fc.Arbitrary<BadOptions> = fc.oneof(
  // A number out of range: RangeError.
  fc
    .constantFrom(...(Object.keys(badNumber) as (keyof typeof badNumber)[]))
    .chain((name) => fc.constantFrom(...badNumber[name]).map((value) => ({ [name]: value })))
    .map((options) => ({ options, error: 'RangeError' as const })),
  // Not a number at all: TypeError.
  fc
    .tuple(
      fc.constantFrom('learningRate', 'tolerance', 'maxSteps'),
      fc.constantFrom<unknown>('0.5', '10', null, true, [1]),
    )
    .map(([name, value]) => ({ options: { [name]: value }, error: 'TypeError' as const })),
  // A name that is not an option (a typo), or options that are not an object: TypeError.
  fc
    .constantFrom<unknown>(
      { maxstep: 5 },
      { lr: 0.1 },
      { learningrate: 1 },
      { tol: 1e-9 },
      { steps: 10 },
      null,
      5,
      'fast',
    )
    .map((options) => ({ options, error: 'TypeError' as const })),
);

/** What `kata compare` runs: `a` with the default options, or now and then one bad option (both must throw alike). */
export type SqrtInput = { readonly a: number } | { readonly a: number; readonly bad: BadOptions };

export const compareInputs: fc.Arbitrary<SqrtInput> = fc.oneof(
  { weight: 9, arbitrary: sqrtInputs.map((a) => ({ a })) },
  { weight: 1, arbitrary: fc.tuple(positiveReals, badOptions).map(([a, bad]) => ({ a, bad })) },
);
