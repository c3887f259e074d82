export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  const values = new Set<number>();
  for (let node of lists) for (; node !== null; node = node.next) values.add(node.val);
  const sorted = [...values].sort((a, b) => a - b);
  let head: ListNode | null = null;
  for (let i = sorted.length - 1; i >= 0; i--) head = { val: sorted[i] as number, next: head };
  return head;
}
