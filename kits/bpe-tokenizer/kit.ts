import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'bpe-tokenizer',
  title: {
    en: 'Byte-level BPE: train, encode, decode',
    zh: '字节级 BPE：训练、编码、解码',
  },
  minutes: 25,
  difficulty: 'hard',
  kind: 'algorithm',
  tags: ['tokenizer', 'bpe', 'heap', 'linked-list', 'utf-8'],
  seed: [47],
  hints: [
    {
      en: "Get it right first with minbpe's loop (count all pairs, pick the best, merge left to right), then make the count update incremental: a merge only changes the pairs around the occurrences it fuses.",
      zh: '先用 minbpe 的循环写对（统计所有字节对、选最优、从左到右合并），再把计数改成增量更新：一次合并只改变被融合位置周围的字节对。',
    },
    {
      en: 'Keep the ids in a doubly linked list (prev/next arrays), a Map from each pair to the Set of positions where it starts, and a max-heap of (count, a, b) entries: push again when a count changes, and skip popped entries whose count is stale.',
      zh: '用双向链表（prev/next 数组）保存 id 序列，用 Map 记录每个字节对起始位置的 Set，再用 (次数, a, b) 的大顶堆：次数变化时重新入堆，弹出的条目次数过期就跳过。',
    },
    {
      en: 'Fusing p with q = next[p]: remove (prev, a), (a, b) and (b, next of q), then add (prev, new) and (new, next of q). For (a, a) runs, skip an occurrence whose left token was already fused away; positions come in left-to-right order. Stop when the best count is below 2. Decode the joined bytes once, with ignoreBOM: true.',
      zh: '融合 p 与 q = next[p] 时：删掉 (前一个, a)、(a, b)、(b, q 的后一个)，再加上 (前一个, 新 id) 和 (新 id, q 的后一个)。对 (a, a) 的连续段，左边的 token 已被融合掉的出现要跳过；位置按从左到右的顺序来。最优次数小于 2 时停止。解码时把字节拼接后一次解码，并设 ignoreBOM: true。',
    },
  ],
});
