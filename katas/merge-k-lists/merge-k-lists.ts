// Kata: merge-k-lists (15 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check merge-k-lists   (or: npx vitest --watch merge-k-lists)

export interface ListNode {
  val: number;
  next: ListNode | null;
}

export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {
  // TODO: merge the k sorted lists into one sorted list in O(N log k).
  throw new Error('TODO: merge-k-lists');
}
