import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'paged-kv-cache',
  title: {
    en: 'Paged KV cache: block tables, fork with copy-on-write',
    zh: '分页 KV 缓存：块表与写时复制的 fork',
  },
  minutes: 25,
  difficulty: 'hard',
  kind: 'algorithm',
  tags: ['kv-cache', 'paged-attention', 'memory-management', 'reference-counting', 'attention', 'design'],
  seed: [86],
  hints: [
    {
      en: 'Three pieces of state: a reference count per physical block, a stack of free blocks (an array whose end is the top; push numBlocks − 1 down to 0 so block 0 is on top), and per sequence a block table and a length. numFreeBlocks is the stack size.',
      zh: '三份状态：每个物理块一个引用计数；一个空闲块栈（数组末尾是栈顶；从 numBlocks − 1 压到 0，让块 0 在栈顶）；每个序列一张块表和一个长度。numFreeBlocks 就是栈的大小。',
    },
    {
      en: 'append: offset = length mod blockSize. offset 0 → pop a block and push it on the table. Otherwise, if the last block has count > 1, pop a fresh block, copy the first offset slots into it, decrement the old one and swap it into the table. Check that a block is available before changing anything.',
      zh: 'append：offset = length mod blockSize。offset 为 0 → 弹出一个块追加到块表。否则若最后一块计数 > 1，弹出新块，把前 offset 个槽位复制过去，旧块计数减一并在块表中换成新块。在改动任何东西之前先确认有块可用。',
    },
    {
      en: 'fork copies the table array (never share the array itself) and increments every block; free walks the table backwards, decrements, and pushes a block when its count reaches 0. The slot of position p is table[⌊p / blockSize⌋]·blockSize + p mod blockSize; attention reads keyPool and valuePool at slot·headDim and subtracts the largest score before exp.',
      zh: 'fork 复制块表数组（绝不共享数组本身），并给每个块加一；free 从后往前遍历块表，减一，计数到 0 的块入栈。位置 p 的槽位是 table[⌊p / blockSize⌋]·blockSize + p mod blockSize；注意力在 slot·headDim 处读 keyPool 和 valuePool，求 exp 前先减去最大分数。',
    },
  ],
});
