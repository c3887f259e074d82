export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  checkLists(lists);
  const heads = [...lists];
  const sentinel: ListNode = { val: 0, next: null };
  let tail = sentinel;
  for (;;) {
    // The "k pointers" idea without a heap: scan every head for the smallest, O(k) per node.
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head && (best < 0 || head.val < (heads[best] as ListNode).val)) best = i;
    }
    if (best < 0) break;
    const node = heads[best] as ListNode;
    heads[best] = node.next;
    tail.next = node;
    tail = node;
  }
  tail.next = null;
  return sentinel.next;
}

function checkLists(lists: unknown): void {
  if (!Array.isArray(lists)) throw new TypeError(`mergeKLists: lists must be an array, got ${typeof lists}`);
  for (let i = 0; i < lists.length; i++) {
    let previous = Number.NEGATIVE_INFINITY;
    for (let node: unknown = lists[i]; node !== null; ) {
      if (typeof node !== 'object') throw new TypeError(`mergeKLists: lists[${i}] holds ${typeof node}, not a node`);
      const { val, next } = node as { val: unknown; next: unknown };
      if (typeof val !== 'number') throw new TypeError(`mergeKLists: lists[${i}] has a val of type ${typeof val}`);
      if (!Number.isFinite(val)) throw new RangeError(`mergeKLists: lists[${i}] has the non-finite val ${val}`);
      if (val < previous) throw new RangeError(`mergeKLists: lists[${i}] is not ascending (${previous} then ${val})`);
      previous = val;
      node = next;
    }
  }
}
