export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  const values: number[] = [];
  for (let node of lists) for (; node !== null; node = node.next) values.push(node.val);
  values.sort();
  let head: ListNode | null = null;
  for (let i = values.length - 1; i >= 0; i--) head = { val: values[i] as number, next: head };
  return head;
}
