export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  const heads = [...lists];
  const sentinel: ListNode = { val: 0, next: null };
  let tail = sentinel;
  for (;;) {
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
