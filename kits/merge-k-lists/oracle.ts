import type { ReadCounter } from '../../src/harness/counting.ts';

/** The shape every merge-k implementation shares (the kata's exported `ListNode`). */
export interface Node {
  val: number;
  next: Node | null;
}

/** The oracle: every value of every list, sorted numerically (what the merge must hold, in order). */
export function sortedUnion(lists: readonly (readonly number[])[]): number[] {
  return lists.flat().sort((a, b) => a - b);
}

/**
 * Builds a linked list of `values`. With a `counter`, its nodes count reads of `val` there (a
 * start for a learner's own complexity property; the hidden suite counts work instead). Writes to `val` and `next`
 * stay allowed, so a solution may relink the given nodes or build its own.
 */
export function buildList(values: readonly number[], counter?: ReadCounter): Node | null {
  let head: Node | null = null;
  for (let i = values.length - 1; i >= 0; i--) {
    head = counter ? countingNode(values[i] as number, head, counter) : { val: values[i] as number, next: head };
  }
  return head;
}

function countingNode(initial: number, next: Node | null, counter: ReadCounter): Node {
  let val = initial;
  return {
    get val() {
      counter.reads += 1;
      return val;
    },
    set val(value: number) {
      val = value;
    },
    next,
  };
}

/**
 * Reads a result list back into an array. `limit` is the number of nodes it may hold at most:
 * a longer walk means a cycle or invented nodes, reported instead of looping forever.
 */
export function listValues(head: Node | null | undefined, limit: number): number[] {
  const values: number[] = [];
  for (let node = head; node !== null && node !== undefined; node = node.next) {
    if (values.length >= limit) {
      throw new Error(
        `the result has more than ${limit} nodes (the input's total): a cycle, or nodes that were not in the input`,
      );
    }
    values.push(node.val);
  }
  return values;
}
