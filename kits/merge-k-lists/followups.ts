import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Heap or divide and conquer: what does each cost in time and memory, and how much do they save over merging the lists one after another?',
      zh: '堆和分治各自的时间、内存开销是多少？比逐个合并省了多少？',
    },
    a: {
      en: 'Both do about N·⌈log2 k⌉ comparisons: the heap holds one head per list (O(k) extra memory) and pays log2 k per node; pairwise rounds touch every node once per round for ⌈log2 k⌉ rounds and need only the array of list heads. For N = 10^5 and k = 10^4 that is 1400000 node visits, against N·k/2 = 500000000 for merging one list after another.',
      zh: '两者都约做 N·⌈log2 k⌉ 次比较：堆里每个链表放一个表头（O(k) 额外内存），每个节点付出 log2 k；按轮两两合并每轮访问每个节点一次，共 ⌈log2 k⌉ 轮，只需要保存表头的数组。N = 10^5、k = 10^4 时是 1400000 次节点访问，而逐个合并约为 N·k/2 = 500000000 次。',
    },
    numbers: [
      { text: '1400000', equals: 1_400_000, compute: () => 100_000 * Math.ceil(Math.log2(10_000)) },
      { text: '500000000', equals: 500_000_000, compute: () => (100_000 * 10_000) / 2 },
    ],
  },
  {
    q: {
      en: 'Only the first m values of the merge are needed (say the global top-m candidates from k shards, each already sorted). Which method do you pick?',
      zh: '如果只需要合并结果的前 m 个值（比如从 k 个已排序的分片里取全局前 m 个候选），选哪种方法？',
    },
    a: {
      en: 'The heap: it produces the output in order, one pop at a time, so it can stop after m pops, O(k + m·log k) in all, and it never touches the rest of the lists. This is how top-k over vocabulary shards (tensor parallelism) or over several retrieval indexes is usually combined. Pairwise rounds must finish a whole round before anything is known, unless each merge is also cut off at m nodes.',
      zh: '选堆：它按顺序逐个弹出结果，弹出 m 次就可以停，总代价 O(k + m·log k)，其余节点完全不用碰。张量并行时在词表分片上求 top-k、在多个检索索引上合并结果，通常都是这样做的。两两合并则要完成一整轮才能知道结果，除非每次合并也在 m 个节点处截断。',
    },
  },
  {
    q: {
      en: 'Array.prototype.sort on all N values passes many tests. Is it really O(N log N) here?',
      zh: '对全部 N 个值调用 Array.prototype.sort 也能通过很多测试。它在这里真的是 O(N log N) 吗？',
    },
    a: {
      en: 'Not quite: V8 sorts with TimSort, which finds the already-sorted runs and merges them, and runs in O(n + n·log ρ) for ρ runs (Auger, Jugé, Nicaud and Pivoteau, ESA 2018). Concatenated sorted lists have at most k runs, so it is O(N log k) as well, with a good constant. It still copies all N values and allocates N new nodes (or an N-element array of nodes), and relies on an implementation detail; the hidden suite charges every sort n·log2 n, so it counts as the O(N log N) it is guaranteed to be.',
      zh: '不完全是：V8 用 TimSort 排序，它会找出已经有序的段（run）再合并，对 ρ 个有序段的运行时间是 O(n + n·log ρ)（Auger、Jugé、Nicaud、Pivoteau，ESA 2018）。拼接起来的有序链表最多有 k 个有序段，所以它同样是 O(N log k)，常数还不错。但它要复制全部 N 个值、新建 N 个节点（或一个 N 元素的节点数组），并且依赖实现细节；隐藏测试对每次 sort 按 n·log2 n 计费，也就是按它能保证的 O(N log N) 来算。',
    },
  },
  {
    q: {
      en: 'The sorted lists are files too large for memory (say sorted shards of a tokenized corpus to deduplicate). What changes?',
      zh: '如果这些有序链表是内存放不下的大文件（比如要去重的、已排序的分词语料分片），有什么变化？',
    },
    a: {
      en: 'It becomes an external k-way merge: a heap over k file cursors, each reading through its own buffer, and one output buffer. Memory bounds k: with 16 GiB for buffers of 64 MiB each, at most 256 inputs can be merged in one pass; more shards need several passes (merge groups of 256, then merge the results), each reading and writing all the data once. Large buffers keep the reads sequential, which matters more than the log2 k comparisons.',
      zh: '变成外部 k 路归并：堆里放 k 个文件游标，每个通过自己的缓冲区读取，再加一个输出缓冲区。内存限制了 k：用 16 GiB 做缓冲、每个缓冲 64 MiB，一趟最多合并 256 个输入；分片更多就需要多趟（先每 256 个一组合并，再合并结果），每趟把全部数据读写一遍。大缓冲区保证顺序读取，这比 log2 k 次比较更重要。',
    },
    numbers: [{ text: '256', equals: 256, compute: () => (16 * 1024) / 64 }],
  },
]);
