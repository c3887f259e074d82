import { fc, test } from '../../src/harness/prop.ts';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/merge-k-lists';
import { mergeKLists } from '@impl/merge-k-lists';
import { buildWithBadNode, listsWithBadNode, sortedDoubleLists, sortedList } from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { type Node, buildList, listValues, sortedUnion } from './oracle.ts';

type Heads = Parameters<typeof mergeKLists>[0];

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

const total = (lists: readonly (readonly number[])[]): number => lists.reduce((sum, list) => sum + list.length, 0);

function merge(lists: readonly (readonly number[])[]): number[] {
  return listValues(mergeKLists(lists.map((values) => buildList(values))), total(lists));
}

/** ⌈log2 k⌉, taken as 0 for k <= 1. */
const ceilLog2 = (k: number): number => (k <= 1 ? 0 : Math.ceil(Math.log2(k)));

/** The prompt's budget: 8·N·⌈log2 k⌉ + 8·N + 8·k steps for N nodes in k = lists.length lists. */
function budget(n: number, k: number): { steps: number; rule: string } {
  return {
    steps: 8 * n * ceilLog2(k) + 8 * n + 8 * k,
    rule: `8·N·⌈log2 k⌉ + 8·N + 8·k for N = ${n}, k = ${k}`,
  };
}

/** Merges on the work-counted module within the budget (lists built before the count starts). */
function mergeWithinBudget(lists: readonly (readonly number[])[]): number[] {
  const heads = lists.map((values) => buildList(values));
  const n = total(lists);
  const head = expectWithinBudget(() => counted.mergeKLists(heads), budget(n, lists.length));
  return listValues(head, n);
}

/** mergeKLists on hand-made heads must throw `error`. */
function expectThrows(heads: unknown[], error: typeof TypeError | typeof RangeError, what: string): void {
  expect(() => mergeKLists(heads as Heads), what).toThrow(error);
}

/** A hand-made node; `next` may be anything, `undefined` included. */
const node = (val: unknown, ...next: [unknown?]): Node => ({ val, next: next.length > 0 ? next[0] : null }) as Node;

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

  test('[null,[2],[1,3]] merges to [1,2,3]', () => {
    expect(merge([[], [2], [1, 3]])).toEqual([1, 2, 3]);
  });
});

describe('merge-k-lists: edge cases', () => {
  test('no lists at all ([]) returns null, not undefined', () => {
    expect(mergeKLists([])).toBeNull();
  });

  test('only empty lists ([null], [null, null, null]) return null', () => {
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

  test('an odd number of lists loses none of them: [[5],[1],[3]] and [[4],[2],[6],[1],[3]]', () => {
    expect(merge([[5], [1], [3]]), '3 lists').toEqual([1, 3, 5]);
    expect(merge([[4], [2], [6], [1], [3]]), '5 lists').toEqual([1, 2, 3, 4, 6]);
  });

  test('the rest of the longer list is kept: [[1,2,3,4,5],[0]] and [[9],[1,2,10,11]]', () => {
    expect(merge([[1, 2, 3, 4, 5], [0]])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(merge([[9], [1, 2, 10, 11]])).toEqual([1, 2, 9, 10, 11]);
  });

  test('the last node of the result ends with next === null (no cycle, no leftover links)', () => {
    const head = mergeKLists([buildList([1, 5]), buildList([2, 3])]);
    expect(listValues(head, 4)).toEqual([1, 2, 3, 5]);
  });

  test('equal neighbours in a list are ascending too, not an error: [[2,2,2],[1,2]]', () => {
    expect(
      merge([
        [2, 2, 2],
        [1, 2],
      ]),
    ).toEqual([1, 2, 2, 2, 2]);
  });
});

describe('merge-k-lists: bad input', () => {
  test('lists that is not an array throws TypeError: null, a node, "1,2", "", a Set of lists, { length: 1 }', () => {
    const set = new Set([buildList([1, 2])]);
    for (const lists of [null, undefined, node(1), '1,2', '', set, { length: 1, 0: null }]) {
      const what = lists instanceof Set ? 'a Set of one list' : JSON.stringify(lists);
      expect(() => mergeKLists(lists as unknown as Heads), `mergeKLists(${what})`).toThrow(TypeError);
    }
  });

  test('an entry that is neither null nor a node throws TypeError: undefined, 5, "1"', () => {
    for (const entry of [undefined, 5, '1', true]) {
      expectThrows([buildList([1, 2]), entry], TypeError, `[[1,2], ${String(entry)}]`);
    }
  });

  test("a val that is not a number throws TypeError: '3', undefined (missing), null, true", () => {
    for (const val of ['3', undefined, null, true]) {
      expectThrows([node(1, node(val)), buildList([0])], TypeError, `[[1, ${String(val)}], [0]]`);
    }
    expectThrows([{ next: null }], TypeError, '[{ next: null }] (no val at all)');
    expectThrows([[1, 4, 5]], TypeError, '[[1,4,5]] (an array, not a list)');
  });

  test('a val that is NaN or ±Infinity throws RangeError, also deep in a long list', () => {
    for (const val of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expectThrows([node(val)], RangeError, `[[${val}]]`);
      const values = Array.from({ length: 50 }, (_, i) => i);
      const head = buildList(values) as Node;
      let at = head;
      for (let i = 0; i < 40; i++) at = at.next as Node;
      (at as { val: number }).val = val;
      expectThrows([buildList([1, 2]), head], RangeError, `${val} at node 40 of lists[1]`);
    }
  });

  test('a next that is neither null nor a node throws TypeError: undefined (missing), 7, "x"', () => {
    for (const next of [undefined, 7, 'x']) {
      expectThrows([buildList([0, 9]), node(1, node(2, next))], TypeError, `lists[1] = 1 → 2 → ${String(next)}`);
    }
    expectThrows([{ val: 1 }], TypeError, '[{ val: 1 }] (no next at all)');
  });

  test('a list that is not ascending throws RangeError: [[3,1]], [[1,2],[5,6,4]]', () => {
    expectThrows([buildList([3, 1])], RangeError, '[[3,1]]');
    expectThrows([buildList([1, 2]), buildList([5, 6, 4])], RangeError, '[[1,2],[5,6,4]]');
    expectThrows([buildList([0, 0.5, 0.25])], RangeError, '[[0,0.5,0.25]]');
  });
});

describe('merge-k-lists: complexity and scale (at most 8·N·⌈log2 k⌉ + 8·N + 8·k steps)', () => {
  // 5·10^4 nodes: about three times the depth at which one stack frame per node (a recursive
  // mergeTwo) overflows Node 20's default stack (between 1.5·10^4 and 2·10^4 frames here).
  test('k = 10^4 lists, 5·10^4 nodes in all: the whole multiset comes back sorted, without recursion per node', () => {
    const lists = Array.from({ length: 10_000 }, (_, i) =>
      Array.from({ length: 5 }, (_, j) => j * 10_000 + ((i * 7919) % 10_000)),
    );
    expectSameSequence(merge(lists), sortedUnion(lists), 'merged 10^4 lists of 5 nodes');
  });

  test('many short lists, k = 10^4 of 2 nodes: within the budget (one list after another, or scanning all k heads, costs about N·k/2)', () => {
    const k = 10_000;
    const lists = Array.from({ length: k }, (_, i) => [i, 2 * k - i]);
    expectSameSequence(mergeWithinBudget(lists), sortedUnion(lists), 'merged 10^4 lists of 2 nodes');
  });

  test('k = 1, one list of 10^5 nodes: within 8·N + 8 steps (sorting all N values alone is charged N·⌈log2 N⌉ = 17·N)', () => {
    const lists = [Array.from({ length: 100_000 }, (_, i) => i - 50_000)];
    expectSameSequence(mergeWithinBudget(lists), lists[0] as number[], 'one list of 10^5 nodes');
  });

  test('k = 2 lists of 5·10^4 interleaved nodes: within 16·N + 16 steps (sorting all N values alone is charged 17·N)', () => {
    const lists = [0, 1].map((r) => Array.from({ length: 50_000 }, (_, i) => 2 * i + r));
    expectSameSequence(mergeWithinBudget(lists), sortedUnion(lists), '2 lists of 5·10^4 nodes');
  });

  test('k = 4 lists of 5000 to 2·10^4 nodes (N = 5·10^4): within 24·N + 32 steps', () => {
    const lists = [1, 2, 3, 4].map((m) => Array.from({ length: m * 5000 }, (_, i) => (i * 4) / m + m));
    expectSameSequence(mergeWithinBudget(lists), sortedUnion(lists), '4 lists of 5000..2·10^4 nodes');
  });

  test('k = 10^4 entries, all null but one list of 3 nodes: within 8·N·14 + 8·N + 8·k steps (linear in k)', () => {
    const lists = Array.from({ length: 10_000 }, (_, i) => (i === 6000 ? [1, 2, 3] : []));
    expect(mergeWithinBudget(lists)).toEqual([1, 2, 3]);
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

  test.prop([listsWithBadNode])(
    'one bad node anywhere: a wrong type throws TypeError, a non-finite val or a descent RangeError',
    (input) => {
      const error = input.bad.error === 'TypeError' ? TypeError : RangeError;
      const what = `${JSON.stringify(input.lists)} with lists[${input.list}] node ${input.index}: ${input.bad.where} = ${String(input.bad.value)}`;
      expectThrows(buildWithBadNode(input), error, what);
    },
  );
});
