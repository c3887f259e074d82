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
