import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'slot-logical-block',
    hint: {
      en: 'Free a sequence, let another take its blocks, then ask slotOf.',
      zh: '释放一个序列，让另一个序列拿到它的块，然后问 slotOf。',
    },
    why: {
      en: 'slotOf multiplies the logical block index ⌊p / blockSize⌋ by blockSize instead of the physical block the table maps it to, so it returns p itself: right only while every sequence happens to own blocks 0, 1, 2, … in order. The whole point of the block table is that logical block i may live anywhere.',
      zh: 'slotOf 用逻辑块号 ⌊p / blockSize⌋ 乘以 blockSize，而不是块表映射到的物理块，于是它返回的就是 p 本身：只有当每个序列恰好按顺序拥有块 0、1、2……时才对。块表存在的意义就在于逻辑块 i 可以放在任何地方。',
    },
    edits: [
      [
        '    const block = seq.table[Math.floor(position / this.blockSize)] as number;\n    return block * this.blockSize',
        '    const block = Math.floor(position / this.blockSize);\n    return block * this.blockSize',
      ],
    ],
  },
  {
    id: 'slot-without-block-size',
    hint: {
      en: 'Compute slotOf by hand for a block other than 0.',
      zh: '对块 0 以外的块手算一次 slotOf。',
    },
    why: {
      en: 'slotOf adds the offset to the block number without multiplying by blockSize (block + offset): block 1 and block 0 then overlap. vLLM writes it block_number * block_size + block_offset.',
      zh: 'slotOf 把偏移直接加到块号上，没有乘以 blockSize（block + offset）：块 1 与块 0 就重叠了。vLLM 写的是 block_number * block_size + block_offset。',
    },
    edits: [
      [
        '    return block * this.blockSize + (position % this.blockSize);',
        '    return block + (position % this.blockSize);',
      ],
    ],
  },
  {
    id: 'no-copy-on-write',
    hint: {
      en: 'Fork a sequence in the middle of a block and append to both.',
      zh: '在一个块的中间 fork 一个序列，然后两个序列都 append。',
    },
    why: {
      en: "append never checks whether the last block is shared, so after a fork the child writes its token into the block the parent still reads: the parent sees the child's token at a position it never appended, and the next writer overwrites the first. vLLM's append_slot copies a last block whose ref_count is above 1.",
      zh: 'append 从不检查最后一块是否被共享，于是 fork 之后子序列把 token 写进了父序列仍在读取的块：父序列在自己从未 append 过的位置看到了子序列的 token，后写的又覆盖先写的。vLLM 的 append_slot 会复制 ref_count 大于 1 的最后一块。',
    },
    edits: [
      [
        '      if ((this.#refCounts[last] as number) > 1) {\n        // Copy-on-write: the shared last block is copied (its filled slots) into a private one.\n        const fresh = this.#allocate();\n        this.#copySlots(last, fresh, offset);\n        this.#refCounts[last] = (this.#refCounts[last] as number) - 1;\n        seq.table[seq.table.length - 1] = fresh;\n      }\n',
        '',
      ],
    ],
  },
  {
    id: 'cow-copies-nothing',
    hint: {
      en: 'After a copy-on-write, read the keys of the sequence that copied.',
      zh: '写时复制之后，读一读做了复制的那个序列的 key。',
    },
    why: {
      en: "The copy-on-write takes a fresh block and swaps it into the table but never copies the filled slots of the old one: the earlier tokens of that block read as whatever the fresh block held (zeros, or a freed sequence's data). vLLM returns (old, new) from append_slot precisely so the cache engine copies the block.",
      zh: '写时复制拿到了新块并换进块表，却没有把旧块已填的槽位复制过去：该块中较早的 token 读出来是新块里原有的内容（零，或某个已释放序列的数据）。vLLM 的 append_slot 返回 (old, new) 正是为了让 cache engine 复制这个块。',
    },
    edits: [['        this.#copySlots(last, fresh, offset);\n', '']],
  },
  {
    id: 'cow-keeps-old-reference',
    hint: {
      en: 'After a copy-on-write, free every sequence and count the free blocks.',
      zh: '写时复制之后，释放所有序列，再数空闲块。',
    },
    why: {
      en: 'The copy-on-write replaces the shared block in this table but does not count it once less: its count stays one too high, so when its remaining owners are freed it never reaches 0 and the block leaks; the other owner also keeps copying a block it owns alone.',
      zh: '写时复制在本序列的块表里替换了共享块，却没有把它的计数减一：计数多了一，于是它剩下的所有者都释放后计数也到不了 0，这个块就泄漏了；另一个所有者也会继续复制一个其实只有它自己在用的块。',
    },
    edits: [['        this.#refCounts[last] = (this.#refCounts[last] as number) - 1;\n', '']],
  },
  {
    id: 'free-ignores-refcount',
    hint: {
      en: 'Free the parent of a fork, then let a new sequence take blocks.',
      zh: '释放一个 fork 的父序列，然后让一个新序列去取块。',
    },
    why: {
      en: 'free puts every block of the table back on the stack, shared or not: a block the child still reads is handed to the next sequence, which overwrites it (a use-after-free), and numFreeBlocks counts it as free while it is in use.',
      zh: 'free 把块表中的每个块都放回栈里，不管它是否被共享：子序列还在读的块被分给下一个序列并被覆盖（释放后使用），numFreeBlocks 也把一个仍在使用的块算成了空闲。',
    },
    edits: [['      if (count === 0) this.#free.push(block);', '      this.#free.push(block);']],
  },
  {
    id: 'free-leaks-shared',
    hint: {
      en: 'Fork, free the parent, free the child: are all blocks free again?',
      zh: 'fork 之后先释放父序列，再释放子序列：所有块都重新空闲了吗？',
    },
    why: {
      en: 'free returns a block only if this sequence was its last owner, but never counts a shared block once less, so after a fork the shared blocks keep a count of 2 for ever: freeing both sequences leaks them.',
      zh: 'free 只在本序列是最后一个所有者时归还块，却从不给共享块的计数减一，于是 fork 之后共享块的计数永远是 2：两个序列都释放后，这些块也泄漏了。',
    },
    edits: [
      [
        '      this.#refCounts[block] = count;\n      if (count === 0) this.#free.push(block);',
        '      if (count === 0) {\n        this.#refCounts[block] = 0;\n        this.#free.push(block);\n      }',
      ],
    ],
  },
  {
    id: 'fork-no-refcount',
    hint: {
      en: 'Fork, then append to the parent in the middle of a block.',
      zh: 'fork 之后，在块的中间向父序列 append。',
    },
    why: {
      en: "fork copies the table but does not count its blocks once more: the counts say 1 while two sequences read each block, so no append ever copies (the fork sees the other's tokens) and freeing either sequence returns blocks the other still uses.",
      zh: 'fork 复制了块表，却没有给其中的块计数加一：计数显示为 1，而实际上有两个序列在读每个块，于是任何 append 都不会复制（另一方会看到对方的 token），释放任何一方都会归还另一方仍在使用的块。',
    },
    edits: [
      ['    for (const block of parent.table) this.#refCounts[block] = (this.#refCounts[block] as number) + 1;\n', ''],
    ],
  },
  {
    id: 'fork-aliases-table',
    hint: {
      en: 'Fork, append to the child until it needs a new block, then read the parent.',
      zh: 'fork 之后向子序列 append，直到它需要新块，然后读父序列。',
    },
    why: {
      en: "The child gets the parent's table array itself, not a copy (a Python block_tables[child] = block_tables[parent] without .copy()): a block the child takes, or a copy-on-write that swaps a block, changes the parent's table too.",
      zh: '子序列拿到的是父序列块表数组本身而不是副本（相当于 Python 里 block_tables[child] = block_tables[parent] 漏了 .copy()）：子序列取的新块、写时复制换掉的块，也都改变了父序列的块表。',
    },
    edits: [['{ table: [...parent.table], length: parent.length }', '{ table: parent.table, length: parent.length }']],
  },
  {
    id: 'eager-next-block',
    hint: {
      en: 'Fill a block exactly, then read numFreeBlocks.',
      zh: '恰好填满一个块，然后读 numFreeBlocks。',
    },
    why: {
      en: 'Takes the next block as soon as the last one is full, instead of lazily on the append that needs it: a sequence whose length is a multiple of blockSize holds an empty block, numFreeBlocks is one too low, and the pool runs out one token early.',
      zh: '最后一块一写满就立刻取下一块，而不是在真正需要它的那次 append 时惰性地取：长度恰为 blockSize 倍数的序列多占了一个空块，numFreeBlocks 少一，存储池也会早一个 token 耗尽。',
    },
    edits: [
      ['    if (offset === 0) {\n', '    if (seq.table.length === 0) {\n'],
      [
        '    seq.length += 1;\n',
        '    seq.length += 1;\n    if (seq.length % this.blockSize === 0) seq.table.push(this.#allocate());\n',
      ],
    ],
  },
  {
    id: 'half-done-append',
    hint: {
      en: 'Run out of blocks, then read the length of the sequence that failed.',
      zh: '让块耗尽，然后读那个失败序列的长度。',
    },
    why: {
      en: 'append counts the new token before it takes a block, so when the pool is empty it throws with the length already one higher: the sequence now has a position with no slot (slotOf reads past its table) and the contract says a refused append changes nothing.',
      zh: 'append 在取块之前就先把新 token 计入长度，于是存储池为空时抛错，长度却已经加了一：序列多了一个没有槽位的位置（slotOf 读到块表之外），而契约要求被拒绝的 append 什么都不改变。',
    },
    edits: [
      ['    const offset = seq.length % this.blockSize;', '    const offset = seq.length++ % this.blockSize;'],
      ['    seq.length += 1;\n', ''],
    ],
  },
  {
    id: 'fifo-free-list',
    hint: {
      en: 'Free a sequence and see which block the next append takes.',
      zh: '释放一个序列，看看下一次 append 取的是哪个块。',
    },
    why: {
      en: "Keeps the free blocks in a queue (the oldest free block first, like vLLM v1's FreeKVCacheBlockQueue) instead of the stack the prompt pins: a fresh cache still hands out 0, 1, 2, …, but a freed block goes to the back instead of being the next one handed out.",
      zh: '把空闲块放在队列里（最早空闲的先分配，就像 vLLM v1 的 FreeKVCacheBlockQueue），而不是题目规定的栈：新缓存仍然依次分配 0、1、2……，但释放的块排到队尾，而不是成为下一个被分配的块。',
    },
    edits: [
      [
        '    for (let block = this.numBlocks - 1; block >= 0; block--) this.#free.push(block);',
        '    for (let block = 0; block < this.numBlocks; block++) this.#free.push(block);',
      ],
      ['    const block = this.#free.pop();', '    const block = this.#free.shift();'],
    ],
  },
  {
    id: 'free-first-block-first',
    hint: {
      en: 'Free a sequence of three blocks, then append three tokens to a new one.',
      zh: '释放一个有三个块的序列，然后向新序列 append 三个 token。',
    },
    why: {
      en: 'free walks the table from the first block to the last (shift where pop belongs), so the last block ends on top of the stack and a new sequence gets the blocks back in reverse; the prompt pins last-to-first so the first block is reused first.',
      zh: 'free 从第一块到最后一块遍历块表（该用 pop 的地方用了 shift），于是最后一块落在栈顶，新序列拿回这些块的顺序是反的；题目规定从后往前释放，让第一块最先被复用。',
    },
    edits: [['      const block = seq.table.pop() as number;', '      const block = seq.table.shift() as number;']],
  },
  {
    id: 'softmax-no-max',
    hint: {
      en: 'Try pagedAttention with scores near 10^6.',
      zh: '试试分数接近 10^6 时的 pagedAttention。',
    },
    why: {
      en: 'Exponentiates the raw scores without subtracting the largest: exp(10^6) is Infinity and Infinity / Infinity is NaN. The softmax is shift-invariant, so subtracting the maximum changes nothing but the overflow.',
      zh: '直接对原始分数求 exp，没有减去最大值：exp(10^6) 是 Infinity，Infinity / Infinity 是 NaN。softmax 对平移不变，减去最大值除了避免溢出什么都不改变。',
    },
    edits: [
      ['    scores[p] = Math.exp((scores[p] as number) - max);', '    scores[p] = Math.exp(scores[p] as number);'],
    ],
  },
  {
    id: 'scale-by-head-dim',
    hint: {
      en: 'Check the scale of the scores when headDim is 4.',
      zh: '检查 headDim 为 4 时分数的缩放。',
    },
    why: {
      en: 'Divides the scores by headDim instead of √headDim (the 1/√d_k of "Attention Is All You Need"): the same for headDim 1, too flat a softmax for every larger head.',
      zh: '把分数除以 headDim 而不是 √headDim（“Attention Is All You Need”中的 1/√d_k）：headDim 为 1 时没有区别，更大的头维度下 softmax 都过于平坦。',
    },
    edits: [['  const scale = 1 / Math.sqrt(d);', '  const scale = 1 / d;']],
  },
  {
    id: 'attention-ignores-table',
    hint: {
      en: 'Run pagedAttention on a sequence whose blocks are not 0, 1, 2, …',
      zh: '对一个块不是 0、1、2……的序列运行 pagedAttention。',
    },
    why: {
      en: 'pagedAttention reads position p at slot p, the first slots of the physical pool, as if the cache were contiguous: right for the first sequence of a fresh cache, wrong for any other. The kernel must go through the block table.',
      zh: 'pagedAttention 在槽位 p 读取位置 p，即物理存储池的前几个槽位，仿佛缓存是连续的：对新缓存的第一个序列是对的，对其他序列都错。内核必须经过块表读取。',
    },
    edits: [
      ['    const base = cache.slotOf(id, p) * d;\n    let dot = 0;', '    const base = p * d;\n    let dot = 0;'],
      ['    const base = cache.slotOf(id, p) * d;\n    const weight', '    const base = p * d;\n    const weight'],
    ],
  },
  {
    id: 'append-copies-table',
    hint: {
      en: 'Right answers: count the work of an append to a sequence of 750 blocks.',
      zh: '答案都对：数一数向一个有 750 个块的序列 append 一次要做多少工作。',
    },
    why: {
      en: 'append finds the last block through the public blockTable(id), which copies the whole table: every answer is right, but each append costs O(b) instead of O(1), about 750 steps per append of a long sequence against a budget of 12·headDim + 40.',
      zh: 'append 通过公开的 blockTable(id) 找最后一块，而它会复制整张块表：答案都对，但每次 append 是 O(b) 而不是 O(1)，长序列每次约 750 步，而预算是 12·headDim + 40。',
    },
    edits: [
      [
        '      const last = seq.table[seq.table.length - 1] as number;',
        '      const last = this.blockTable(id).at(-1) as number;',
      ],
    ],
  },
  {
    id: 'recount-free-blocks',
    hint: {
      en: 'Right answers: count the work of one read of numFreeBlocks in a pool of 5000 blocks.',
      zh: '答案都对：数一数在 5000 个块的存储池里读一次 numFreeBlocks 要做多少工作。',
    },
    why: {
      en: 'numFreeBlocks counts the blocks whose reference count is 0 on every read: always right, but O(numBlocks) per read where the size of the free stack is O(1).',
      zh: 'numFreeBlocks 每次读取都去数引用计数为 0 的块：结果总是对的，但每次 O(numBlocks)，而空闲栈的大小是 O(1) 的。',
    },
    edits: [['    return this.#free.length;', '    return this.#refCounts.filter((c) => c === 0).length;']],
  },
  {
    id: 'online-softmax-no-rescale',
    base: 'alt-linked-free-list',
    hint: {
      en: 'pagedAttention where a later position has a higher score than the earlier ones.',
      zh: '让后面位置的分数高于前面位置，再算 pagedAttention。',
    },
    why: {
      en: 'The online softmax rescales the weighted sum of values when the running maximum grows but forgets to rescale the running sum of weights: the normaliser mixes weights taken against different maxima, and the output is wrong whenever the maximum is not the first score.',
      zh: '在线 softmax 在运行最大值变大时重新缩放了 value 的加权和，却忘了重新缩放权重的累计和：归一化因子混合了相对于不同最大值的权重，只要最大分数不是第一个，输出就错了。',
    },
    edits: [['    sum = sum * rescale + w;', '    sum = sum + w;']],
  },
  {
    id: 'block-full-one-early',
    base: 'alt-linked-free-list',
    hint: {
      en: 'Append exactly blockSize tokens and look at the block table.',
      zh: '恰好 append blockSize 个 token，然后看块表。',
    },
    why: {
      en: 'Treats the last block as full when it holds blockSize − 1 tokens (an off-by-one on the fill), so a new block is taken one position too early: every block wastes a slot, the pool runs out early, and the length and slots computed from blockSize-sized blocks are wrong.',
      zh: '最后一块装了 blockSize − 1 个 token 就被当成已满（填充数差一），于是新块早一个位置被取走：每个块浪费一个槽位，存储池提前耗尽，按 blockSize 大小的块计算出的长度和槽位也都错了。',
    },
    edits: [
      [
        '    const full = n === 0 || seq.fill === this.blockSize;',
        '    const full = n === 0 || seq.fill === this.blockSize - 1;',
      ],
    ],
  },
]);
