import fc from 'fast-check';

/**
 * Inputs of the merge-k-lists kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/merge-k-lists/merge-k-lists.props.ts. Lists are plain ascending arrays; turn one into the
 * kata's linked list with `buildList` and read a result back with `listValues` (re-exported here).
 */
export { buildList, listValues } from './oracle.ts';

/** One ascending list of up to 12 integers in [−50, 50] (repeats allowed, may be empty). */
export const sortedList: fc.Arbitrary<number[]> = fc
  .array(fc.integer({ min: -50, max: 50 }), { maxLength: 12 })
  .map((values) => values.sort((a, b) => a - b));

/** k = 0 … maxLists ascending integer lists (default up to 12; some may be empty). */
export function sortedLists(maxLists = 12): fc.Arbitrary<number[][]> {
  return fc.array(sortedList, { maxLength: maxLists });
}

/** Up to 6 ascending lists of up to 6 doubles in [−1e6, 1e6] (no NaN or ±Infinity; −0 becomes 0). */
export const sortedDoubleLists: fc.Arbitrary<number[][]> = fc.array(
  fc
    .array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { maxLength: 6 })
    .map((values) => values.map((v) => (Object.is(v, -0) ? 0 : v)).sort((a, b) => a - b)),
  { maxLength: 6 },
);
