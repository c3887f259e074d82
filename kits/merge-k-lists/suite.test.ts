import { fc, test } from '../../src/harness/prop.ts';
import { describe, expect } from 'vitest';
import { mergeKLists } from '@impl/merge-k-lists';
import { sortedDoubleLists, sortedList } from './inputs.ts';
import type { ReadCounter } from '../../src/harness/counting.ts';
import { buildList, listValues } from './oracle.ts';

/** The oracle: every value of every list, sorted. */
function sortedUnion(lists: readonly (readonly number[])[]): number[] {
  return lists.flat().sort((a, b) => a - b);
}

/**
 * For the 10^4-node scale tests: a whole-array toEqual would make vitest diff 10^5 numbers for
 * minutes on a wrong answer; report the length, then the first index that differs and its
 * neighbourhood.
 */
function expectSameSequence(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length, `${what}: number of nodes`).toBe(expected.length);
  const i = actual.findIndex((value, j) => value !== expected[j]);
  if (i >= 0) {
    const from = Math.max(0, i - 3);
    expect(actual.slice(from, i + 4), `${what}: first difference at index ${i} (showing ${from}..${i + 3})`).toEqual(
      expected.slice(from, i + 4),
    );
  }
}

function merge(lists: readonly (readonly number[])[], counter?: ReadCounter): number[] {
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  return listValues(mergeKLists(lists.map((values) => buildList(values, counter))), total);
}

describe('merge-k-lists: worked examples', () => {
  test('[[1,4,5],[1,3,4],[2,6]] merges to [1,1,2,3,4,4,5,6]', () => {
    expect(
      merge([
        [1, 4, 5],
        [1, 3, 4],
        [2, 6],
      ]),
    ).toEqual([1, 1, 2, 3, 4, 4, 5, 6]);
  });

  test('a single list comes back unchanged: [[1,2,3]]', () => {
    expect(merge([[1, 2, 3]])).toEqual([1, 2, 3]);
  });
});

describe('merge-k-lists: edge cases', () => {
  test('no lists at all ([]) returns null, not undefined', () => {
    expect(mergeKLists([])).toBeNull();
  });

  test('only empty lists ([null], [null, null]) return null', () => {
    expect(mergeKLists([null])).toBeNull();
    expect(mergeKLists([null, null, null])).toBeNull();
  });

  test('empty lists mixed with non-empty ones are skipped: [null,[2],null,[1,3],null]', () => {
    expect(merge([[], [2], [], [1, 3], []])).toEqual([1, 2, 3]);
  });

  test('duplicates are kept, across lists and within one: [[1,1,2],[1,2,2]]', () => {
    expect(
      merge([
        [1, 1, 2],
        [1, 2, 2],
      ]),
    ).toEqual([1, 1, 1, 2, 2, 2]);
  });

  test('negative values and zero sort before positives: [[-3,0,5],[-10,-3],[0]]', () => {
    expect(merge([[-3, 0, 5], [-10, -3], [0]])).toEqual([-10, -3, -3, 0, 0, 5]);
  });

  test('non-integer values compare numerically, not as strings: [[-1.5,10],[2,9.25]]', () => {
    expect(
      merge([
        [-1.5, 10],
        [2, 9.25],
      ]),
    ).toEqual([-1.5, 2, 9.25, 10]);
  });

  test('the last node of the result ends with next === null (no cycle, no leftover links)', () => {
    const head = mergeKLists([buildList([1, 5]), buildList([2, 3])]);
    expect(listValues(head, 4)).toEqual([1, 2, 3, 5]);
  });
});

describe('merge-k-lists: complexity and scale', () => {
  // 5·10^4 nodes: about three times the depth at which one stack frame per node (a recursive
  // mergeTwo) overflows Node 20's default stack (between 1.5·10^4 and 2·10^4 frames here), and
  // half the cost of 10^5 nodes on every watch re-run.
  test('k = 10^4 lists, 5·10^4 nodes in all: the whole multiset comes back sorted, without recursion per node', () => {
    const lists = Array.from({ length: 10_000 }, (_, i) =>
      Array.from({ length: 5 }, (_, j) => j * 10_000 + ((i * 7919) % 10_000)),
    );
    expectSameSequence(merge(lists), sortedUnion(lists), 'merged 10^4 lists of 5 nodes');
  });

  test('reads node.val O(N log k) times, not O(N·k): k = 5000 lists of 2 nodes', () => {
    // A binary heap reads `val` about 4·N·log2(k) times, pairwise merging about 2·N·log2(k);
    // merging lists one after another, or scanning all k heads per step, reads about N·k/2.
    const k = 5000;
    const lists = Array.from({ length: k }, (_, i) => [i, 2 * k - i]);
    const counter: ReadCounter = { reads: 0 };
    const merged = merge(lists, counter);
    expectSameSequence(merged, sortedUnion(lists), 'merged 5000 lists of 2 nodes');
    const n = 2 * k;
    const budget = 12 * n * Math.ceil(Math.log2(k));
    expect(
      counter.reads,
      `read node.val ${counter.reads} times for N = ${n}, k = ${k}; O(N log k) allows ${budget}`,
    ).toBeLessThanOrEqual(budget);
  });
});

describe('merge-k-lists: properties (against a flatten-and-sort oracle)', () => {
  test.prop([fc.array(sortedList, { maxLength: 12 })])(
    'the result is sorted and holds exactly the input multiset',
    (lists) => {
      expect(merge(lists)).toEqual(sortedUnion(lists));
    },
  );

  test.prop([fc.array(sortedList, { maxLength: 8 })])(
    'the result is null exactly when there are no nodes at all',
    (lists) => {
      const head = mergeKLists(lists.map((values) => buildList(values)));
      if (lists.every((list) => list.length === 0)) expect(head).toBeNull();
      else expect(head).not.toBeNull();
    },
  );

  test.prop([sortedDoubleLists])('doubles merge like integers (numeric order, nothing lost)', (lists) => {
    expect(merge(lists)).toEqual(sortedUnion(lists));
  });
});
