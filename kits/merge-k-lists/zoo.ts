import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'crashes-on-null',
    hint: {
      en: 'What goes into the heap when one of the lists is empty?',
      zh: '某个链表为空时，堆里放进了什么？',
    },
    why: {
      en: 'Pushes every entry of lists into the heap without skipping empty (null) lists, the edge case most often forgotten: push then reads null.val and [null, [2], [1,3]] crashes with a TypeError instead of giving 1 → 2 → 3.',
      zh: '把 lists 的每一项都放进堆里，没有跳过空链表（null）——最常被忘掉的边界情况：push 读取 null.val，[null, [2], [1,3]] 因 TypeError 崩溃，而不是得到 1 → 2 → 3。',
    },
    edits: [
      [
        '  for (const head of lists) if (head !== null) push(heap, head);',
        '  for (const head of lists) push(heap, head as ListNode);',
      ],
    ],
  },
  {
    id: 'parent-index-off-by-one',
    hint: {
      en: 'Check the parent index of the heap on a 0-based array: which slot is the parent of index 2?',
      zh: '检查 0 起始数组上堆的父节点下标：下标 2 的父节点是哪个位置？',
    },
    why: {
      en: 'Uses the 1-based heap formula parent = child >> 1 on a 0-based array (a habit from textbooks that leave slot 0 empty): index 2 is compared with index 1, its sibling, instead of the root 0, so a small head can stay below a larger one and the merge comes out of order once three or more lists are non-empty.',
      zh: '在 0 起始的数组上套用 1 起始堆的公式 parent = child >> 1（教科书里常空出第 0 个位置）：下标 2 与它的兄弟下标 1 比较，而不是与根 0 比较，于是较小的表头可能留在较大者下面；有三个及以上非空链表时，合并结果就会乱序。',
    },
    edits: [['    const parent = (child - 1) >> 1;', '    const parent = child >> 1;']],
  },
  {
    id: 'sift-down-left-only',
    hint: {
      en: 'When the heap sifts a node down, which children does it look at?',
      zh: '堆做下沉（sift-down）时，看了哪些子节点？',
    },
    why: {
      en: 'Sifts down by comparing with the left child only, as if the heap were a list: a smaller right child stays below its parent, so the next pop can return a node that is not the smallest head, e.g. [[5],[3],[4],[1]] comes out of order.',
      zh: '下沉时只和左子节点比较，仿佛堆是一条链：更小的右子节点留在父节点下面，下一次弹出的就可能不是最小的表头，例如 [[5],[3],[4],[1]] 的结果会乱序。',
    },
    edits: [
      [
        '    if (child + 1 < heap.length) {\n      const rightVal = valAt(heap, child + 1);\n      if (rightVal < childVal) {\n        child += 1;\n        childVal = rightVal;\n      }\n    }\n',
        '',
      ],
      ['    let childVal = valAt(heap, child);', '    const childVal = valAt(heap, child);'],
    ],
  },
  {
    id: 'checks-heads-only',
    hint: {
      en: 'Put a bad value deep inside a long list, not at its head.',
      zh: '把非法值放到长链表的中间，而不是表头。',
    },
    why: {
      en: 'Checks each entry of lists and the val of its head, but not the nodes behind it: a NaN or a string at node 40 of a list is merged silently (NaN compares false with everything and lands anywhere) where the contract asks for a RangeError or TypeError.',
      zh: '只检查 lists 的每一项及其表头的 val，不检查后面的节点：链表第 40 个节点上的 NaN 或字符串被悄悄合并进去（NaN 与任何值比较都为 false，位置随意），而契约要求抛出 RangeError 或 TypeError。',
    },
    edits: [
      [
        '    for (let node: unknown = lists[i]; node !== null; ) {',
        '    const node: unknown = lists[i];\n    if (node !== null) {',
      ],
      [
        '      const { val, next } = node as { val: unknown; next: unknown };',
        '      const { val } = node as { val: unknown };',
      ],
      ['      previous = val;\n      node = next;\n', '      previous = val;\n'],
    ],
  },
  {
    id: 'isfinite-as-type-check',
    hint: {
      en: "Which error does a val of '3' raise?",
      zh: "val 为 '3' 时抛出的是哪种错误？",
    },
    why: {
      en: "Relies on Number.isFinite alone, which is false for a string as for NaN: a val of '3' or null throws a RangeError where the contract asks for a TypeError (a value of the wrong type is a TypeError, a number out of range a RangeError).",
      zh: "只依赖 Number.isFinite，它对字符串和 NaN 一样返回 false：val 为 '3' 或 null 时抛出 RangeError，而契约要求 TypeError（类型不对是 TypeError，数值不合法才是 RangeError）。",
    },
    edits: [
      [
        '      const { val, next } = node as { val: unknown; next: unknown };',
        '      const { val, next } = node as { val: number; next: unknown };',
      ],
      [
        "      if (typeof val !== 'number') {\n        throw new TypeError(`mergeKLists: a node of lists[${i}] has a val of type ${typeof val}, not a number`);\n      }\n",
        '',
      ],
    ],
  },
  {
    id: 'unsorted-accepted',
    hint: {
      en: 'What happens to a list such as 3 → 1?',
      zh: '像 3 → 1 这样的链表会怎样？',
    },
    why: {
      en: 'Trusts "each list is sorted" and never checks it: [[3,1]] comes back as 3 → 1 and [[1,2],[5,6,4]] as an unsorted result, where the contract asks for a RangeError. The check costs nothing extra: compare each val with the one before it in the same walk.',
      zh: '相信“每个链表都已排序”，从不检查：[[3,1]] 原样返回 3 → 1，[[1,2],[5,6,4]] 得到乱序的结果，而契约要求抛出 RangeError。这个检查不额外花费什么：在同一次遍历中把每个 val 与前一个比较即可。',
    },
    edits: [
      [
        '      if (val < previous) {\n        throw new RangeError(`mergeKLists: lists[${i}] is not ascending: ${val} comes after ${previous}`);\n      }\n',
        '',
      ],
    ],
  },
  {
    id: 'undefined-as-empty',
    base: 'alt-divide-and-conquer',
    hint: {
      en: 'Try an entry, or a next, that is undefined rather than null.',
      zh: '试试值为 undefined 而不是 null 的链表项或 next。',
    },
    why: {
      en: 'Tests for "no node" loosely (!= null, if (head)), so undefined is taken for an empty list: [[1,2], undefined] and a node whose next is missing merge silently where the contract asks for a TypeError. A missing field is a broken node, not the end of a list.',
      zh: '用宽松的方式判断“没有节点”（!= null、if (head)），把 undefined 当成空链表：[[1,2], undefined] 和缺少 next 字段的节点被悄悄合并，而契约要求抛出 TypeError。缺少字段是坏节点，不是链表的结尾。',
    },
    edits: [
      ['  for (let node = head; node !== null; ) {', '  for (let node = head; node != null; ) {'],
      ['    if (head !== null) round.push(head);', '    if (head) round.push(head);'],
      ['  while (a !== null && b !== null) {', '  while (a && b) {'],
    ],
  },
  {
    id: 'recursive-merge-two',
    base: 'alt-divide-and-conquer',
    hint: {
      en: 'Right answers on small inputs: how deep does the call stack get when two lists of 25000 nodes are merged?',
      zh: '小输入上答案都对：合并两个各有 25000 个节点的链表时，调用栈有多深？',
    },
    why: {
      en: 'Merges two lists with the textbook recursive mergeTwo, one stack frame per output node: right for small inputs, a stack overflow ("Maximum call stack size exceeded") once the merged lists hold tens of thousands of nodes.',
      zh: '用教科书式的递归 mergeTwo 合并两个链表，每输出一个节点就占一层栈帧：小输入没问题，一旦合并的链表有几万个节点就会栈溢出（“Maximum call stack size exceeded”）。',
    },
    edits: [
      [
        'function mergeTwo(a: ListNode | null, b: ListNode | null): ListNode {\n  const sentinel: ListNode = { val: 0, next: null };\n  let tail = sentinel;\n  while (a !== null && b !== null) {\n    if (a.val <= b.val) {\n      tail.next = a;\n      a = a.next;\n    } else {\n      tail.next = b;\n      b = b.next;\n    }\n    tail = tail.next;\n  }\n  tail.next = a ?? b; // what is left of the longer list, already in order\n  return sentinel.next as ListNode;\n}',
        'function mergeTwo(a: ListNode | null, b: ListNode | null): ListNode {\n  if (a === null) return b as ListNode;\n  if (b === null) return a;\n  if (a.val <= b.val) {\n    a.next = mergeTwo(a.next, b);\n    return a;\n  }\n  b.next = mergeTwo(a, b.next);\n  return b;\n}',
      ],
    ],
  },
  {
    id: 'sequential-merge',
    base: 'alt-divide-and-conquer',
    hint: {
      en: 'Right answers: count how often each node is read when there are 10^4 short lists.',
      zh: '答案都对：有 10^4 个短链表时，数一数每个节点被读了多少次。',
    },
    why: {
      en: 'Merges the lists one after another into one growing result, the first idea most people write: the result is right, but list i is merged into a list of about i·N/k nodes, so the work is about N·k/2, 10^8 steps for 10^4 lists of 2 nodes, where pairing the lists in rounds costs N·⌈log2 k⌉.',
      zh: '把链表一个接一个合并进一个不断变长的结果，这是大多数人的第一个想法：结果正确，但第 i 个链表要和约 i·N/k 个节点的链表合并，总工作量约 N·k/2；10^4 个 2 节点链表需要 10^8 步，而按轮两两合并只需 N·⌈log2 k⌉。',
    },
    edits: [
      [
        '  while (round.length > 1) {\n    // Merge round[0] with round[1], round[2] with round[3], …, in place; an odd one out moves on alone.\n    let kept = 0;\n    for (let i = 0; i < round.length; i += 2) {\n      const a = round[i] as ListNode;\n      const b = round[i + 1];\n      round[kept++] = b === undefined ? a : mergeTwo(a, b);\n    }\n    round.length = kept;\n  }\n  return round[0] as ListNode;',
        '  let merged = round[0] as ListNode;\n  for (let i = 1; i < round.length; i++) merged = mergeTwo(merged, round[i] as ListNode);\n  return merged;',
      ],
    ],
  },
  {
    id: 'odd-list-dropped',
    base: 'alt-divide-and-conquer',
    hint: {
      en: 'Try three lists, or five.',
      zh: '试试三个或五个链表。',
    },
    why: {
      en: 'Pairs the lists up in each round but forgets the odd one out: with an odd number of lists the last one is dropped, so [[5],[1],[3]] gives 1 → 5. Tests with two or four lists never notice.',
      zh: '每轮两两配对时忘了落单的那个：链表个数为奇数时最后一个被丢掉，[[5],[1],[3]] 得到 1 → 5。只用两个或四个链表测试永远发现不了。',
    },
    edits: [
      [
        '      round[kept++] = b === undefined ? a : mergeTwo(a, b);',
        '      if (b !== undefined) round[kept++] = mergeTwo(a, b);',
      ],
    ],
  },
  {
    id: 'drops-remainder',
    base: 'alt-divide-and-conquer',
    hint: {
      en: 'When one of the two lists runs out, what happens to the rest of the other?',
      zh: '两个链表中的一个先用完时，另一个剩下的部分怎么处理？',
    },
    why: {
      en: 'Stops merging two lists as soon as one runs out and never appends what is left of the other: the last node taken is the end of its list, so its next is null and the rest is lost; [[1,2,3,4,5],[0]] gives 0 → 1.',
      zh: '合并两个链表时，一个用完就停，没有把另一个剩下的部分接上：最后取出的节点是它所在链表的结尾，next 为 null，剩下的全部丢失；[[1,2,3,4,5],[0]] 得到 0 → 1。',
    },
    edits: [['  tail.next = a ?? b; // what is left of the longer list, already in order\n', '']],
  },
  {
    id: 'drops-duplicates',
    base: 'alt-divide-and-conquer',
    hint: {
      en: 'What happens when the two lists being merged have the same value at their heads?',
      zh: '正在合并的两个链表表头的值相同时，会发生什么？',
    },
    why: {
      en: 'Merges two lists like a set union: on equal heads it takes one node and skips both, so values that occur in two lists are kept once; [[1,1,2],[1,2,2]] loses nodes. A merge keeps every node.',
      zh: '像求集合并集一样合并两个链表：表头相等时只取一个节点却同时跳过两个，于是两个链表中都出现的值只保留一次；[[1,1,2],[1,2,2]] 会丢节点。合并必须保留每一个节点。',
    },
    edits: [
      [
        '    if (a.val <= b.val) {\n      tail.next = a;\n      a = a.next;\n    } else {',
        '    if (a.val < b.val) {\n      tail.next = a;\n      a = a.next;\n    } else if (a.val === b.val) {\n      tail.next = a;\n      a = a.next;\n      b = b.next;\n    } else {',
      ],
    ],
  },
  {
    id: 'undefined-when-empty',
    base: 'alt-divide-and-conquer',
    hint: {
      en: 'What does it return for [] or [null]?',
      zh: '对 [] 或 [null] 它返回什么？',
    },
    why: {
      en: 'Returns the first list left after the rounds without checking that there was one: with no nodes at all round is empty and round[0] is undefined, not null (JavaScript\'s two "nothing" values; the contract asks for null).',
      zh: '直接返回各轮合并后剩下的第一个链表，没有检查它是否存在：完全没有节点时 round 为空，round[0] 是 undefined 而不是 null（JavaScript 有两种“空”值，契约要求 null）。',
    },
    edits: [['  if (round.length === 0) return null;\n', '']],
  },
  {
    id: 'scan-all-heads',
    hint: {
      en: 'Right answers: count the work per output node when there are 10^4 lists.',
      zh: '答案都对：有 10^4 个链表时，数一数每输出一个节点要做多少工作。',
    },
    why: {
      en: 'Scans all k heads for the smallest before every output node, the "k pointers" idea without a heap: O(N·k), about 2·10^8 steps for 10^4 lists of 2 nodes, where a heap finds the smallest head in O(log k).',
      zh: '每输出一个节点都扫描全部 k 个表头找最小值，即没有堆的“k 个指针”思路：O(N·k)，10^4 个 2 节点链表约 2·10^8 步，而堆只需 O(log k) 就能找到最小的表头。',
    },
    file: 'zoo/scan-all-heads.ts',
  },
  {
    id: 'flatten-and-sort',
    hint: {
      en: 'Right answers: count the work for one or two long lists, where log2 k is 0 or 1.',
      zh: '答案都对：数一数只有一两个长链表（log2 k 为 0 或 1）时的工作量。',
    },
    why: {
      en: 'Ignores that the lists are already sorted: copies every value into an array, sorts it and builds new nodes. O(N log N): for k = 1 or 2 lists of 10^5 nodes the sort alone is charged 17·N steps, where a merge needs a few steps per node per level of log2 k.',
      zh: '无视链表已经有序：把所有值复制进数组、排序、再新建节点。复杂度 O(N log N)：k = 1 或 2 个链表共 10^5 个节点时，光排序就计 17·N 步，而归并每个节点每一层 log2 k 只需几步。',
    },
    file: 'zoo/flatten-and-sort.ts',
  },
  {
    id: 'sort-all-nodes',
    hint: {
      en: 'Right answers, and it relinks the given nodes: count the work when there is one long list.',
      zh: '答案都对，也复用了原节点：数一数只有一个长链表时的工作量。',
    },
    why: {
      en: 'Collects every node into an array, sorts the nodes by val with a comparator and relinks them: correct, but O(N log N) rather than O(N log k); with one or two lists of 10^5 nodes it does about 20·N steps against a budget of 8·N or 16·N.',
      zh: '把所有节点收集进数组，用比较函数按 val 排序后重新链接：结果正确，但复杂度是 O(N log N) 而不是 O(N log k)；一两个共 10^5 个节点的链表约要 20·N 步，而预算是 8·N 或 16·N。',
    },
    file: 'zoo/sort-all-nodes.ts',
  },
]);
