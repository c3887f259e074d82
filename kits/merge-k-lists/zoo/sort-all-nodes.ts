export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  checkLists(lists);
  // Ignores that the lists are sorted: every node into one array, sorted by val, then relinked.
  const nodes: ListNode[] = [];
  for (let node of lists) for (; node !== null; node = node.next) nodes.push(node);
  nodes.sort((a, b) => a.val - b.val);
  for (let i = 0; i < nodes.length; i++) (nodes[i] as ListNode).next = nodes[i + 1] ?? null;
  return nodes[0] ?? null;
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
