import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why a doubly linked list? Would a singly linked list, or a JavaScript Map alone, do?',
      zh: '为什么要用双向链表？单向链表，或者只用一个 JavaScript Map，行不行？',
    },
    a: {
      en: "Moving a hit to the recent end means unlinking a node from the middle, which needs its predecessor: a doubly linked list has it in the node, a singly linked list would have to walk from the head (O(n)) or keep the predecessor in the map and fix it on every move. A sentinel that closes the list into a ring removes every null check; CPython's functools.lru_cache is built exactly so (a dict plus a circular doubly linked list around a root node). A Map alone is also O(1): ECMAScript defines its iteration order as insertion order, so delete + set moves a key to the end and map.keys().next() reads the oldest. That is the same structure inside the engine, like Python's OrderedDict with move_to_end and popitem(last=False).",
      zh: '把命中的条目移到最近使用的一端，要把一个节点从链表中间摘下来，这需要它的前驱：双向链表的节点里就有，单向链表要么从表头走过去（O(n)），要么把前驱存在哈希表里并在每次移动时修正。用一个哨兵节点把链表连成环，可以去掉所有的空指针判断；CPython 的 functools.lru_cache 正是这样实现的（一个 dict 加一个围绕 root 节点的循环双向链表）。只用 Map 也是 O(1)：ECMAScript 规定它按插入顺序迭代，所以 delete + set 就把键移到末尾，map.keys().next() 读出最旧的键。这其实是引擎内部的同一种结构，就像 Python 的 OrderedDict 配合 move_to_end 和 popitem(last=False)。',
    },
  },
  {
    q: {
      en: 'The cache holds the models of several regions on one 80 GB GPU. Each regional model has 7B parameters in bf16, and 10 GB stay reserved for the KV cache and activations. How many models fit, and what is the byte limit?',
      zh: '一块 80 GB 的 GPU 上缓存多个地域的模型。每个地域模型有 7B 参数、bf16 存储，另外预留 10 GB 给 KV cache 和激活值。能放下几个模型？字节上限设为多少？',
    },
    a: {
      en: 'One model is 7·10^9 parameters × 2 bytes = 14 GB, and the cache may use 80 − 10 = 70 GB, so 5 models fit; maxBytes is 70 GB, not "5 entries", because regions differ in size (a 3B model is 6 GB) and a count limit would either waste memory or run out of it. Loading the sixth evicts the least recently used region; a model that is larger than the whole budget must be refused up front (the RangeError here) rather than evicting everything and still not fitting.',
      zh: '一个模型是 7·10^9 个参数 × 2 字节 = 14 GB，缓存可用 80 − 10 = 70 GB，所以能放 5 个；maxBytes 应设为 70 GB 而不是“5 个条目”，因为各地域模型大小不同（3B 模型是 6 GB），按条数限制要么浪费内存，要么爆内存。加载第六个时淘汰最久未使用的地域；比整个预算还大的模型必须一开始就拒绝（这里的 RangeError），而不是把所有东西都淘汰了还是放不下。',
    },
    numbers: [
      { text: '14 GB', equals: 14, compute: () => (7e9 * 2) / 1e9 },
      { text: '70 GB', equals: 70, compute: () => 80 - 10 },
      { text: '5', equals: 5, compute: () => Math.floor((80 - 10) / ((7e9 * 2) / 1e9)) },
      { text: '6 GB', equals: 6, compute: () => (3e9 * 2) / 1e9 },
    ],
  },
  {
    q: {
      en: 'Two requests for a region whose model is not loaded arrive at once, and a running request still uses a model that is about to be evicted. What goes wrong, and how do you fix it?',
      zh: '两个请求同时要用一个尚未加载的地域模型；同时另一个正在运行的请求还在用一个即将被淘汰的模型。会出什么问题，怎么解决？',
    },
    a: {
      en: 'Without care the model is loaded twice (twice the I/O and, for a moment, twice the memory), and the eviction frees weights a running request still reads. Store the in-flight load itself (a promise) in the cache so the second request waits for the first ("single flight"), and pin entries in use with a reference count: eviction skips pinned entries and, if everything left is pinned, the load waits or fails instead of overcommitting memory. vLLM\'s LoRA manager keeps two LRU caches for this kind of reason: adapters registered in CPU memory and the few active in GPU slots, loading a requested adapter unless it is already loaded and unloading the least recently used one when a cache is over capacity.',
      zh: '不加处理的话，模型会被加载两次（两倍 I/O，短时间内还要两倍内存），而淘汰会释放一个运行中的请求还在读的权重。做法是：把正在进行的加载本身（一个 promise）存进缓存，第二个请求等待第一个（“single flight”）；用引用计数把正在使用的条目钉住：淘汰时跳过被钉住的条目，如果剩下的全被钉住，就让加载等待或失败，而不是超额占用内存。vLLM 的 LoRA 管理器出于类似原因维护两个 LRU 缓存：注册在 CPU 内存中的 adapter，和少数占用 GPU 槽位的活跃 adapter；请求的 adapter 未加载时才加载，缓存超出容量时卸载最久未使用的。',
    },
  },
  {
    q: {
      en: 'A nightly batch job touches every region once. What does it do to the LRU cache, and what would you use instead?',
      zh: '每晚有一个批处理任务把每个地域都访问一遍。它对 LRU 缓存有什么影响？换成什么策略更好？',
    },
    a: {
      en: 'A scan flushes the cache: every region it touches becomes the most recent, so the hot regions of the daytime traffic are evicted by models used once. Scan-resistant policies keep a new entry on probation until it is used again: 2Q and SLRU (a probation and a protected segment), LRU-K (evict by the K-th most recent use), ARC (balances recency and frequency by itself), or W-TinyLFU as in Caffeine (a small LRU window plus a frequency sketch that admits a newcomer only if it is used more often than the victim). The cheapest fix is to let the batch job bypass the cache.',
      zh: '一次扫描会冲刷缓存：被扫描到的每个地域都变成最近使用的，白天热点流量的地域反而被只用一次的模型挤出去。抗扫描的策略让新条目先处于“试用”状态，再次被访问才转正：2Q 和 SLRU（试用段与保护段）、LRU-K（按倒数第 K 次访问淘汰）、ARC（自动平衡最近性与频率），或 Caffeine 的 W-TinyLFU（一个小的 LRU 窗口加频率草图，新条目只有比被淘汰者更常用时才被接纳）。最省事的办法是让批处理任务绕过缓存。',
    },
  },
]);
