import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'merge-k-lists',
  title: {
    en: 'Merge k sorted linked lists',
    zh: '合并 K 个升序链表',
  },
  minutes: 15,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['heap', 'linked-list', 'divide-and-conquer'],
  seed: [77],
  hints: [
    {
      en: 'Merging the lists one after another costs O(N·k). You need the smallest of k heads fast.',
      zh: '逐个两两合并的代价是 O(N·k)。你需要快速取得 k 个表头中的最小值。',
    },
    {
      en: 'A binary min-heap of the current heads gives the smallest in O(log k); push its successor back.',
      zh: '用二叉小顶堆保存当前各表头，O(log k) 取最小，再把它的后继放回堆中。',
    },
    {
      en: 'Alternative: merge pairs of lists in rounds (divide and conquer), ⌈log2 k⌉ rounds of O(N) work, each merge a loop, not recursion. Skip null lists, return null, not undefined, when nothing is left, and check every node once (TypeError for a wrong type, RangeError for NaN or a descent).',
      zh: '另一种做法：分治，按轮两两合并，共 ⌈log2 k⌉ 轮，每轮 O(N)，合并两个链表用循环而不是递归。跳过空链表；没有节点时返回 null 而不是 undefined；每个节点检查一次（类型不对抛 TypeError，NaN 或降序抛 RangeError）。',
    },
  ],
});
