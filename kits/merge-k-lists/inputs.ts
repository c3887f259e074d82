import fc from 'fast-check';
import { type Node, buildList } from './oracle.ts';

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

/**
 * One thing the contract rejects, and the error it must raise:
 * - `val`: a node's `val` is `value` (not a number: TypeError; NaN or ±Infinity: RangeError);
 * - `next`: a node's `next` is `value`, neither null nor a node (TypeError);
 * - `entry`: an entry of `lists` is `value`, neither null nor a node (TypeError);
 * - `order`: a node's `val` is smaller than the one before it in its list (RangeError).
 */
export interface BadNode {
  readonly where: 'val' | 'next' | 'entry' | 'order';
  readonly value: unknown;
  readonly error: 'TypeError' | 'RangeError';
}

export const badNode: fc.Arbitrary<BadNode> = fc.oneof(
  fc
    .constantFrom<unknown>('3', null, undefined, true, [1], 2n)
    .map((value) => ({ where: 'val' as const, value, error: 'TypeError' as const })),
  fc
    .constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)
    .map((value) => ({ where: 'val' as const, value, error: 'RangeError' as const })),
  fc
    .constantFrom<unknown>(undefined, 7, 'next')
    .map((value) => ({ where: 'next' as const, value, error: 'TypeError' as const })),
  fc
    .constantFrom<unknown>(undefined, 5, '1,4,5')
    .map((value) => ({ where: 'entry' as const, value, error: 'TypeError' as const })),
  fc
    .integer({ min: 1, max: 20 })
    .map((drop) => ({ where: 'order' as const, value: drop, error: 'RangeError' as const })),
);

/** Valid lists with one bad node (or entry) at list `list`, position `index`. */
export interface ListsWithBadNode {
  readonly lists: number[][];
  readonly list: number;
  readonly index: number;
  readonly bad: BadNode;
}

export const listsWithBadNode: fc.Arbitrary<ListsWithBadNode> = fc
  .tuple(fc.array(sortedList, { minLength: 1, maxLength: 6 }), badNode, fc.nat(), fc.nat())
  .map(([generated, bad, l, i]) => {
    const lists = generated.map((values) => [...values]);
    const list = l % lists.length;
    const values = lists[list] as number[];
    // A bad val or next needs a node there, an order break a node before it.
    while (bad.where !== 'entry' && values.length < 2) values.push((values.at(-1) ?? 0) + 1);
    const index = bad.where === 'order' ? 1 + (i % (values.length - 1)) : i % Math.max(values.length, 1);
    return { lists, list, index, bad };
  });

/** The heads of `input.lists` as linked lists, with the bad node put in. */
export function buildWithBadNode(input: ListsWithBadNode): unknown[] {
  const { lists, list, index, bad } = input;
  const heads: unknown[] = lists.map((values) => buildList(values));
  if (bad.where === 'entry') {
    heads[list] = bad.value;
    return heads;
  }
  let node = heads[list] as Node;
  for (let i = 0; i < index; i++) node = node.next as Node;
  const record = node as unknown as Record<string, unknown>;
  if (bad.where === 'val') record.val = bad.value;
  else if (bad.where === 'next') record.next = bad.value;
  else record.val = ((lists[list] as number[])[index - 1] as number) - (bad.value as number);
  return heads;
}

/** What `kata compare` draws: valid lists (k ≤ 8), and now and then lists with one bad node. */
export type MergeInput = { readonly lists: number[][] } | ListsWithBadNode;

export const mergeInputs: fc.Arbitrary<MergeInput> = fc.oneof(
  { weight: 9, arbitrary: sortedLists(8).map((lists) => ({ lists })) },
  { weight: 1, arbitrary: listsWithBadNode },
);

/** The heads `mergeKLists` receives for `input` (fresh nodes on every call). */
export function headsOf(input: MergeInput): unknown[] {
  return 'bad' in input ? buildWithBadNode(input) : input.lists.map((values) => buildList(values));
}
