export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  const heap = lists.filter((node): node is ListNode => node !== null);
  const sentinel: ListNode = { val: 0, next: null };
  let tail = sentinel;
  while (heap.length > 0) {
    heap.sort((a, b) => a.val - b.val); // not the bug under test: only small inputs reach it
    const node = heap.shift() as ListNode;
    if (node.next !== null) heap.push(node.next);
    tail.next = node;
    tail = node;
  }
  return sentinel.next;
}
