export interface ListNode {
  val: number;
  next: ListNode | null;
}

/**
 * A binary min-heap of the current list heads: pop the smallest, append it, push its successor.
 * The given nodes are relinked, so no node is allocated. One checking pass over every node, then
 * O(N log k) time for the merge, O(k) extra space.
 */
export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  checkLists(lists);
  const heap: ListNode[] = [];
  for (const head of lists) if (head !== null) push(heap, head);

  const sentinel: ListNode = { val: 0, next: null };
  let tail = sentinel;
  for (let node = pop(heap); node !== undefined; node = pop(heap)) {
    tail.next = node;
    tail = node;
    if (node.next !== null) push(heap, node.next);
  }
  tail.next = null;
  return sentinel.next;
}

/**
 * Every entry of `lists` and every `next` is null or a node; every `val` is a finite number, and
 * each list is ascending. A wrong type is a TypeError, a bad number or order a RangeError.
 */
function checkLists(lists: unknown): void {
  if (!Array.isArray(lists)) throw new TypeError(`mergeKLists: lists must be an array, got ${typeof lists}`);
  for (let i = 0; i < lists.length; i++) {
    let previous = Number.NEGATIVE_INFINITY;
    for (let node: unknown = lists[i]; node !== null; ) {
      if (typeof node !== 'object') {
        throw new TypeError(`mergeKLists: lists[${i}] holds ${typeof node} where a node or null belongs`);
      }
      const { val, next } = node as { val: unknown; next: unknown };
      if (typeof val !== 'number') {
        throw new TypeError(`mergeKLists: a node of lists[${i}] has a val of type ${typeof val}, not a number`);
      }
      if (!Number.isFinite(val)) throw new RangeError(`mergeKLists: a node of lists[${i}] has the val ${val}`);
      if (val < previous) {
        throw new RangeError(`mergeKLists: lists[${i}] is not ascending: ${val} comes after ${previous}`);
      }
      previous = val;
      node = next;
    }
  }
}

function push(heap: ListNode[], node: ListNode): void {
  heap.push(node);
  let child = heap.length - 1;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (valAt(heap, parent) <= node.val) break;
    heap[child] = heap[parent] as ListNode;
    child = parent;
  }
  heap[child] = node;
}

function pop(heap: ListNode[]): ListNode | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  // Sift the last node down from the root, reading each value once per level.
  const lastVal = last.val;
  let parent = 0;
  for (;;) {
    let child = 2 * parent + 1;
    if (child >= heap.length) break;
    let childVal = valAt(heap, child);
    if (child + 1 < heap.length) {
      const rightVal = valAt(heap, child + 1);
      if (rightVal < childVal) {
        child += 1;
        childVal = rightVal;
      }
    }
    if (lastVal <= childVal) break;
    heap[parent] = heap[child] as ListNode;
    parent = child;
  }
  heap[parent] = last;
  return top;
}

function valAt(heap: readonly ListNode[], index: number): number {
  return (heap[index] as ListNode).val;
}
