import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'tie-largest-pair',
    hint: {
      en: 'Two pairs with the same count: which one is learned first?',
      zh: '两个字节对次数相同：先学哪一个？',
    },
    why: {
      en: 'Breaks ties toward the larger pair, as Python\'s max(stats, key=lambda p: (stats[p], p)) would: "cdcdabab" learns (c,d) before (a,b). The contract (HF tokenizers\' BpeTrainer order) gives a tie to the smallest pair.',
      zh: '平局时取较大的字节对，就像 Python 的 max(stats, key=lambda p: (stats[p], p))：“cdcdabab” 先学 (c,d) 再学 (a,b)。契约（HF tokenizers BpeTrainer 的顺序）规定平局取最小的字节对。',
    },
    edits: [['(x.count === y.count && x.key < y.key)', '(x.count === y.count && x.key > y.key)']],
  },
  {
    id: 'tie-second-id-first',
    base: 'alt-buckets',
    hint: {
      en: 'A tie between (a, d) and (b, c): which id is compared first?',
      zh: '(a, d) 和 (b, c) 平局：先比较哪个 id？',
    },
    why: {
      en: 'Orders tied pairs by their second id first, so "adadbcbc" learns (b,c) before (a,d). "Smallest pair" is lexicographic: the first id decides, the second only breaks a tie of first ids.',
      zh: '平局时先比较第二个 id，于是 “adadbcbc” 先学 (b,c) 再学 (a,d)。“最小的字节对”是字典序：由第一个 id 决定，第一个 id 相同时才比较第二个。',
    },
    edits: [
      [
        'const less = (x: Merge, y: Merge): boolean => x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);',
        'const less = (x: Merge, y: Merge): boolean => x[1] < y[1] || (x[1] === y[1] && x[0] < y[0]);',
      ],
    ],
  },
  {
    id: 'no-overlapping-count',
    hint: {
      en: 'How many times does (a, a) occur in "aaa"?',
      zh: '“aaa” 中 (a, a) 出现几次？',
    },
    why: {
      en: 'Counts only the occurrences a merge could fuse, skipping the overlapping (a, a): "aaa" counts (a,a) once and learns nothing. minbpe\'s get_stats (and the contract) counts every adjacent pair, overlapping ones included, so "aaa" learns (97,97).',
      zh: '只统计合并时能真正融合的出现，跳过重叠的 (a, a)：“aaa” 中 (a,a) 只计一次，什么也学不到。minbpe 的 get_stats（以及契约）统计每一对相邻 id，包括重叠的，所以 “aaa” 学到 (97,97)。',
    },
    edits: [
      [
        '  for (let i = 0; i + 1 < n; i++) add(tok[i] as number, tok[i + 1] as number, i);',
        '  for (let i = 0; i + 1 < n; i++) {\n    add(tok[i] as number, tok[i + 1] as number, i);\n    if (tok[i] === tok[i + 1] && tok[i + 1] === tok[i + 2]) i += 1; // the next (a, a) overlaps this one\n  }',
      ],
    ],
  },
  {
    id: 'left-neighbour-not-removed',
    hint: {
      en: 'After fusing a b into one token, what happens to the pair its left neighbour formed with a?',
      zh: '把 a b 融合成一个 token 后，左邻居与 a 组成的字节对怎么处理？',
    },
    why: {
      en: 'Forgets to remove the pair (left neighbour, a) when a b is fused: its count stays too high, so a pair that no longer exists (or exists less often) is learned later, e.g. (256,97) on "aaabdaaabac" after (a,b) was fused. The update must touch both neighbours.',
      zh: '融合 a b 时忘了删除 (左邻居, a) 这个字节对：它的次数偏高，之后可能学到已经不存在（或没那么多）的字节对，例如 “aaabdaaabac” 在 (a,b) 被融合后的 (256,97)。更新必须同时处理两侧的邻居。',
    },
    edits: [['      if (l !== -1) remove(tok[l] as number, a, l);\n', '']],
  },
  {
    id: 'new-left-pair-not-added',
    hint: {
      en: 'After a fusion, which new pairs exist? Try "aaabdaaabac" with three merges.',
      zh: '融合之后出现了哪些新的字节对？试试 “aaabdaaabac” 做三次合并。',
    },
    why: {
      en: 'Adds only the new pair on the right of the fused token, not (left neighbour, new id): "aaabdaaabac" never sees (256,257) and stops after two merges. A fusion creates a pair on each side.',
      zh: '只添加融合后 token 右侧的新字节对，没有添加 (左邻居, 新 id)：“aaabdaaabac” 永远看不到 (256,257)，两次合并后就停了。一次融合会在两侧各产生一个新字节对。',
    },
    edits: [['      if (l !== -1) add(tok[l] as number, id, l);\n', '']],
  },
  {
    id: 'fuses-consumed-token',
    hint: {
      en: 'In a long run "aaaa…", the occurrence of (a, a) at position 1 overlaps the one at 0. What happens to it after 0 is fused?',
      zh: '在很长的 “aaaa…” 中，位置 1 的 (a, a) 与位置 0 的重叠。位置 0 融合后，它怎么样了？',
    },
    why: {
      en: 'Trusts every position of the snapshot and forgets that an overlapping occurrence can be consumed: a token already fused into its left neighbour is fused a second time, and the linked list and the counts go wrong in long runs of one byte.',
      zh: '相信快照里的每个位置，忘了重叠的出现可能已被消耗：已经被融合进左邻居的 token 又被融合一次，在同一字节的长连续段里链表和计数都会出错。',
    },
    edits: [['      if (!alive[p]) continue;\n', '']],
  },
  {
    id: 'merges-singletons',
    hint: {
      en: 'What does "abcd" learn with a vocabSize of 300?',
      zh: 'vocabSize 为 300 时，“abcd” 会学到什么？',
    },
    why: {
      en: 'Keeps merging pairs that occur only once, as minbpe does until it reaches vocab_size: "abcd" learns (a,b) and more. The contract stops when the best count is below 2 (like min_frequency = 2): merging a pair seen once compresses nothing new.',
      zh: '像 minbpe 那样继续合并只出现一次的字节对，直到 vocab_size：“abcd” 会学到 (a,b) 等。契约规定最优次数小于 2 时停止（类似 min_frequency = 2）：合并只出现一次的字节对没有意义。',
    },
    edits: [
      [
        '      if (count >= 2) heapPush(heap, { count, key });',
        '      if (count >= 1) heapPush(heap, { count, key });',
      ],
    ],
  },
  {
    id: 'one-merge-short',
    hint: {
      en: 'How many merges does vocabSize 257 allow?',
      zh: 'vocabSize 为 257 时允许几次合并？',
    },
    why: {
      en: 'Counts the merges to make as vocabSize − 257, one short: vocabSize 257 learns nothing and 259 only two merges. The vocabulary is 256 bytes plus one id per merge.',
      zh: '把要做的合并次数算成 vocabSize − 257，少了一次：vocabSize 257 什么也学不到，259 只学两次。词表是 256 个字节加上每次合并一个 id。',
    },
    edits: [
      [
        '  while (merges.length < vocabSize - 256) {\n    const best',
        '  while (merges.length < vocabSize - 257) {\n    const best',
      ],
    ],
  },
  {
    id: 'new-id-255',
    hint: {
      en: 'Which id does the first merge create?',
      zh: '第一次合并产生的 id 是多少？',
    },
    why: {
      en: 'Numbers new tokens from 255, which is already the byte 0xFF: the third merge of "aaabdaaabac" comes out as (255,256) instead of (256,257). Ids 0…255 are the bytes; merge i creates 256 + i.',
      zh: '新 token 从 255 开始编号，而 255 已经是字节 0xFF：“aaabdaaabac” 的第三次合并变成 (255,256) 而不是 (256,257)。id 0…255 是字节，第 i 次合并产生 256 + i。',
    },
    edits: [['    const id = 256 + merges.length;', '    const id = 255 + merges.length;']],
  },
  {
    id: 'code-points-not-bytes',
    hint: {
      en: 'What are the ids of "é" or "中" before any merge?',
      zh: '没有任何合并时，“é” 或 “中” 的 id 是什么？',
    },
    why: {
      en: 'Takes the code points of the string (Array.from(text)) as the initial ids instead of its UTF-8 bytes: "é" is [233] instead of [195, 169], and "中" (20013) collides with merge ids. Byte-level BPE starts from bytes, so every string is covered by 256 base tokens.',
      zh: '把字符串的码点（Array.from(text)）当作初始 id，而不是 UTF-8 字节：“é” 是 [233] 而不是 [195, 169]，“中”（20013）还会和合并产生的 id 冲突。字节级 BPE 从字节开始，所以 256 个基础 token 就能覆盖任何字符串。',
    },
    edits: [
      [
        'function utf8(text: string): Uint8Array {\n  return new TextEncoder().encode(text);',
        'function utf8(text: string): number[] {\n  return Array.from(text, (c) => c.codePointAt(0) as number);',
      ],
    ],
  },
  {
    id: 'decode-per-token',
    hint: {
      en: 'A character whose bytes are split over two tokens: how does it decode?',
      zh: '一个字符的字节被拆到两个 token 里：它怎么解码？',
    },
    why: {
      en: "Decodes each token's bytes on its own and joins the strings: a character split across tokens (228 | 184 173 for 中) becomes two U+FFFD. BPE tokens are byte strings, not characters; join the bytes, then decode once.",
      zh: '把每个 token 的字节单独解码再拼接字符串：被拆到两个 token 里的字符（中 的 228 | 184 173）变成两个 U+FFFD。BPE 的 token 是字节串而不是字符；要先拼接字节，再一次性解码。',
    },
    edits: [
      ['  const bytes: number[] = [];\n  for (const id of ids) {', "  let text = '';\n  for (const id of ids) {"],
      [
        "    for (const byte of vocab[id] as number[]) bytes.push(byte);\n  }\n  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes));",
        "    text += new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(vocab[id] as number[]));\n  }\n  return text;",
      ],
    ],
  },
  {
    id: 'decode-drops-bom',
    hint: {
      en: 'Round-trip a string that starts with U+FEFF.',
      zh: '对一个以 U+FEFF 开头的字符串做往返编码。',
    },
    why: {
      en: 'Uses a default new TextDecoder(), which strips a leading byte order mark: "\\uFEFFa" comes back as "a". Python\'s "utf-8" codec keeps it, and a tokenizer must give back exactly what it was given: pass { ignoreBOM: true }.',
      zh: '用了默认的 new TextDecoder()，它会去掉开头的字节顺序标记：“\\uFEFFa” 变回 “a”。Python 的 “utf-8” 编解码器会保留它，分词器必须原样还原输入：要传 { ignoreBOM: true }。',
    },
    edits: [["  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(", '  return new TextDecoder().decode(']],
  },
  {
    id: 'decode-latin1',
    hint: {
      en: 'Decode the bytes of "é".',
      zh: '解码 “é” 的字节。',
    },
    why: {
      en: 'Turns every byte into the character with that code (String.fromCharCode), which is Latin-1, not UTF-8: [195, 169] becomes "Ã©" instead of "é". Only ASCII survives.',
      zh: '把每个字节变成同编码的字符（String.fromCharCode），这是 Latin-1 而不是 UTF-8：[195, 169] 变成 “Ã©” 而不是 “é”。只有 ASCII 能正确还原。',
    },
    edits: [
      [
        "  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes));",
        '  return String.fromCharCode(...bytes);',
      ],
    ],
  },
  {
    id: 'encode-left-to-right',
    hint: {
      en: 'Encode "abc" with the merges [(b,c), (a,b)].',
      zh: '用合并规则 [(b,c), (a,b)] 编码 “abc”。',
    },
    why: {
      en: 'Encodes in one left-to-right pass, merging a new byte into the token before it whenever that pair has any merge: "abc" with [(b,c), (a,b)] gives [257, 99], but (b,c) has the lower rank, so BPE gives [97, 256]. The ranks, not the positions, decide the order of merges.',
      zh: '从左到右一遍编码，只要新字节与前一个 token 组成的字节对有合并规则就合并：用 [(b,c), (a,b)] 编码 “abc” 得到 [257, 99]，但 (b,c) 的排名更低，BPE 应得 [97, 256]。决定合并顺序的是排名，而不是位置。',
    },
    edits: [
      [
        '  let ids = Array.from(utf8(text));\n  for (;;) {\n    let best = -1;\n    for (let i = 0; i + 1 < ids.length; i++) {\n      const r = rank.get(pairKey(ids[i] as number, ids[i + 1] as number));\n      if (r !== undefined && (best === -1 || r < best)) best = r;\n    }\n    if (best === -1) return ids;\n    const [a, b] = merges[best] as Merge;\n    const out: number[] = [];\n    for (let i = 0; i < ids.length; i++) {\n      // Past the end ids[i + 1] is undefined, which is no id.\n      if (ids[i] === a && ids[i + 1] === b) {\n        out.push(256 + best);\n        i += 1;\n      } else out.push(ids[i] as number);\n    }\n    ids = out;\n  }\n}',
        '  const ids: number[] = [];\n  for (const byte of utf8(text)) {\n    let current = byte;\n    for (let r = rank.get(pairKey(ids.at(-1) ?? -1, current)); r !== undefined; ) {\n      ids.pop();\n      current = 256 + r;\n      r = ids.length > 0 ? rank.get(pairKey(ids.at(-1) as number, current)) : undefined;\n    }\n    ids.push(current);\n  }\n  return ids;\n}',
      ],
    ],
  },
  {
    id: 'decode-id-off-by-one',
    hint: {
      en: 'Decode the id 256 + merges.length.',
      zh: '解码 id 256 + merges.length。',
    },
    why: {
      en: 'Checks id > vocabulary size instead of >=: the first id past the vocabulary passes the check and crashes on a missing entry with some other error, where the contract asks for a RangeError.',
      zh: '检查写成了 id > 词表大小 而不是 >=：词表之外的第一个 id 通过了检查，随后因为查不到条目而抛出别的错误，而契约要求 RangeError。',
    },
    edits: [['id < 0 || id >= vocab.length', 'id < 0 || id > vocab.length']],
  },
  {
    id: 'merge-may-use-itself',
    hint: {
      en: 'Is [[256, 97]] a valid list of merges?',
      zh: '[[256, 97]] 是合法的合并规则列表吗？',
    },
    why: {
      en: 'Lets merges[i] use the id 256 + i, the token it is about to create: [[256, 97]] is accepted, though no such token exists yet (decode would recurse into itself). A merge may only use bytes and earlier merges: a RangeError.',
      zh: '允许 merges[i] 使用 id 256 + i，即它自己要产生的 token：[[256, 97]] 被接受了，但这个 token 还不存在（解码时会自我递归）。合并规则只能使用字节和更早的规则：应抛出 RangeError。',
    },
    edits: [['id < 0 || id >= 256 + i)', 'id < 0 || id > 256 + i)']],
  },
  {
    id: 'recount-every-merge',
    hint: {
      en: 'Right merges: count the work on a corpus where almost every pair occurs twice.',
      zh: '合并规则都对：数一数在几乎每个字节对都出现两次的语料上的工作量。',
    },
    why: {
      en: "minbpe's train, literally: recount every pair before every merge. Right, but O(N) per merge: on two copies of a de Bruijn sequence (N ≈ 10^4, about 5000 merges) that is about 29 times the budget. Only the pairs around fused occurrences change.",
      zh: '照搬 minbpe 的 train：每次合并前重新统计所有字节对。结果正确，但每次合并 O(N)：在两份 de Bruijn 序列上（N ≈ 10^4，约 5000 次合并）约为预算的 29 倍。真正变化的只有被融合位置周围的字节对。',
    },
    file: 'zoo/recount-every-merge.ts',
  },
  {
    id: 'scan-all-pairs',
    hint: {
      en: 'Right merges and incremental counts: how does it find the best pair?',
      zh: '合并规则对、计数也是增量的：它怎么找到最优的字节对？',
    },
    why: {
      en: 'Updates the counts incrementally but finds the best pair by scanning every distinct pair before each merge: O(distinct pairs) per merge, thousands of pairs times thousands of merges. A heap (or buckets) with lazy deletion finds it in O(log N).',
      zh: '计数是增量更新的，但每次合并前都扫描所有不同的字节对找最优者：每次合并 O(不同字节对数)，几千个字节对乘以几千次合并。带惰性删除的堆（或分桶）只需 O(log N)。',
    },
    file: 'zoo/scan-all-pairs.ts',
  },
]);
