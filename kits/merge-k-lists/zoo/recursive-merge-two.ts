export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  let round = lists.filter((head): head is ListNode => head !== null);
  if (round.length === 0) return null;
  while (round.length > 1) {
    const next: ListNode[] = [];
    for (let i = 0; i < round.length; i += 2) {
      const merged = mergeTwo(round[i] ?? null, round[i + 1] ?? null);
      if (merged !== null) next.push(merged);
    }
    round = next;
  }
  return round[0] ?? null;
}

function mergeTwo(a: ListNode | null, b: ListNode | null): ListNode | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.val <= b.val) {
    a.next = mergeTwo(a.next, b);
    return a;
  }
  b.next = mergeTwo(a, b.next);
  return b;
}
