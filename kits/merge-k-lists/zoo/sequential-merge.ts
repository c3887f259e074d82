export interface ListNode {
  val: number;
  next: ListNode | null;
}

function mergeTwo(a: ListNode | null, b: ListNode | null): ListNode | null {
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
  tail.next = a ?? b;
  return sentinel.next;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  let merged: ListNode | null = null;
  for (const list of lists) merged = mergeTwo(merged, list);
  return merged;
}
