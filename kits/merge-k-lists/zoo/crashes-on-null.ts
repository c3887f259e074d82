export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  const heads = lists.map((node) => node as ListNode);
  const sentinel: ListNode = { val: 0, next: null };
  let tail = sentinel;
  for (;;) {
    heads.sort((a, b) => a.val - b.val);
    const node = heads.shift();
    if (node === undefined) break;
    tail.next = node;
    tail = node;
    if (node.next !== null) heads.push(node.next);
  }
  tail.next = null;
  return sentinel.next;
}
