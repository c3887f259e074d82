import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'lru-cache',
  title: {
    en: 'LRU cache, by count and by bytes',
    zh: 'LRU 缓存（按条数与按字节）',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['hash-map', 'linked-list', 'design', 'caching'],
  seed: [22],
  hints: [
    {
      en: 'You need two things in O(1): find an entry by key, and move an entry to the most recent end (or drop the least recent one). A hash map does the first, a doubly linked list the second.',
      zh: '你需要两件 O(1) 的事：按键找到条目；把条目移到最近使用的一端（或丢掉最久未使用的）。哈希表做前者，双向链表做后者。',
    },
    {
      en: 'A JavaScript Map iterates in insertion order: delete a key and set it again to make it the most recent; map.keys().next().value is the least recent. Never spread the keys to find the first one.',
      zh: 'JavaScript 的 Map 按插入顺序迭代：删掉一个键再 set 回去，它就成了最近使用的；map.keys().next().value 是最久未使用的。不要为了找第一个键而展开所有键。',
    },
    {
      en: 'Sized variant: keep a running total; on an update subtract the old size and store the new one; evict in a while loop until the total fits. Check bytes (TypeError, RangeError, larger than maxBytes) before changing anything; has and keys() never touch the order.',
      zh: '按字节的版本：维护一个累计总量；更新时减去旧大小并记下新大小；用 while 循环淘汰直到放得下。在改动任何东西之前先检查 bytes（TypeError、RangeError、超过 maxBytes）；has 和 keys() 从不改变顺序。',
    },
  ],
});
