export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  const values: number[] = [];
  for (let node of lists) for (; node !== null; node = node.next) values.push(node.val);
  values.sort((a, b) => a - b);
  const nodes: ListNode[] = values.map((val) => ({ val, next: null }));
  nodes.forEach((node, i) => {
    node.next = nodes[i + 1] ?? null;
  });
  return nodes[0] as ListNode;
}
