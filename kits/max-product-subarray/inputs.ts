import fc from 'fast-check';

/**
 * Inputs of the max-product-subarray kata, shared by the hidden suite, `kata compare` and the
 * learner's katas/max-product-subarray/max-product-subarray.props.ts.
 */

/** 1 to 20 integers in [−6, 6]: every subarray product is below 6^20 < 2^53, so exact in a double. */
export const shortNums: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: -6, max: 6 }), {
  minLength: 1,
  maxLength: 20,
});

/** Like `shortNums`, but may be empty (the empty array must throw RangeError). */
export const shortNumsOrEmpty: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 20 });

/** 1 to 200 mostly-unit values (−1, 0, 1) with at most 30 factors of magnitude 2 or 3 (products < 3^30). */
export const longNums: fc.Arbitrary<number[]> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(-1, 0, 1, 1) },
      { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) },
    ),
    { minLength: 1, maxLength: 200 },
  )
  .map((values) => {
    let big = 0;
    return values.map((v) => (Math.abs(v) >= 2 && ++big > 30 ? Math.sign(v) : v));
  });

/** An element the contract rejects, and the error it must raise there. */
export interface BadElement {
  readonly value: unknown;
  readonly error: 'TypeError' | 'RangeError';
}

/** Not a number at all (TypeError), or a number that is not a finite integer (RangeError). */
export const badElement: fc.Arbitrary<BadElement> = fc.oneof(
  fc
    .constantFrom<unknown>('2', null, undefined, true, [3], 2n)
    .map((value) => ({ value, error: 'TypeError' as const })),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2.5, -0.5).map((value) => ({
    value,
    error: 'RangeError' as const,
  })),
);

/** Valid numbers with one bad element put in at some position. */
export const numsWithBadElement: fc.Arbitrary<{ nums: unknown[]; bad: BadElement }> = fc
  .tuple(shortNums, badElement, fc.nat())
  .map(([nums, bad, at]) => {
    const copy: unknown[] = [...nums];
    copy.splice(at % (nums.length + 1), 0, bad.value);
    return { nums: copy, bad };
  });
