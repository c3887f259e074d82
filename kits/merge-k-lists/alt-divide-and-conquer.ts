export interface ListNode {
  val: number;
  next: ListNode | null;
}

/**
 * Divide and conquer without recursion: merge the lists in pairs, round after round, until one is
 * left. Each round reads every node once and halves the number of lists, so ⌈log2 k⌉ rounds cost
 * O(N log k) in all. Two lists are merged with a loop, not recursion: a recursive merge needs one
 * stack frame per node and overflows on lists of tens of thousands of nodes.
 */
export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  if (!Array.isArray(lists)) throw new TypeError('mergeKLists: lists must be an array');
  const round: ListNode[] = [];
  for (const [i, head] of lists.entries()) {
    checkList(head, i);
    if (head !== null) round.push(head);
  }
  if (round.length === 0) return null;
  while (round.length > 1) {
    // Merge round[0] with round[1], round[2] with round[3], …, in place; an odd one out moves on alone.
    let kept = 0;
    for (let i = 0; i < round.length; i += 2) {
      const a = round[i] as ListNode;
      const b = round[i + 1];
      round[kept++] = b === undefined ? a : mergeTwo(a, b);
    }
    round.length = kept;
  }
  return round[0] as ListNode;
}

/** Merges two ascending lists by relinking their nodes; on a tie the node of `a` comes first. */
function mergeTwo(a: ListNode | null, b: ListNode | null): ListNode {
  const sentinel: ListNode = { val: 0, next: null };
  let tail = sentinel;
  while (a !== null && b !== null) {
    if (a.val <= b.val) {
      tail.next = a;
      a = a.next;
    } else {
      tail.next = b;
      b = b.next;
    }
    tail = tail.next;
  }
  tail.next = a ?? b; // what is left of the longer list, already in order
  return sentinel.next as ListNode;
}

/** Walks one list: every node an object with a finite number `val`, never smaller than the one before. */
function checkList(head: unknown, i: number): void {
  let previous = Number.NEGATIVE_INFINITY;
  for (let node = head; node !== null; ) {
    if (typeof node !== 'object') throw new TypeError(`mergeKLists: lists[${i}] holds ${typeof node}, not a node`);
    const { val, next } = node as { val: unknown; next: unknown };
    if (typeof val !== 'number') throw new TypeError(`mergeKLists: lists[${i}] has a val of type ${typeof val}`);
    if (Number.isNaN(val) || val === Number.POSITIVE_INFINITY || val === Number.NEGATIVE_INFINITY) {
      throw new RangeError(`mergeKLists: lists[${i}] has the non-finite val ${val}`);
    }
    if (val < previous) throw new RangeError(`mergeKLists: lists[${i}] is not ascending (${previous} then ${val})`);
    previous = val;
    node = next;
  }
}
