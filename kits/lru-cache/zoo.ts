import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'get-no-refresh',
    hint: {
      en: 'Read a key, then fill the cache: which key goes?',
      zh: '先读一个键，再把缓存塞满：哪个键被淘汰？',
    },
    why: {
      en: 'LRUCache.get returns the value but does not move the entry to the most recent end, so the cache evicts in insertion order (FIFO), not by last use: with capacity 2, put 1, put 2, get 1, put 3 evicts 1 instead of 2.',
      zh: 'LRUCache.get 返回了值，却没有把条目移到最近使用的一端，于是缓存按插入顺序（FIFO）而不是最近使用来淘汰：容量 2 时 put 1、put 2、get 1、put 3 淘汰的是 1 而不是 2。',
    },
    edits: [
      [
        '  /** A hit makes the key the most recently used one. */\n  get(key: K): V | undefined {\n    const entry = this.#list.find(key);\n    if (entry === undefined) return undefined;\n    this.#list.touch(entry);\n',
        '  /** A hit makes the key the most recently used one. */\n  get(key: K): V | undefined {\n    const entry = this.#list.find(key);\n    if (entry === undefined) return undefined;\n',
      ],
    ],
  },
  {
    id: 'update-no-refresh',
    hint: {
      en: 'Put a key that is already cached, then a new one.',
      zh: '对已经在缓存里的键再 put 一次，然后 put 一个新键。',
    },
    why: {
      en: 'LRUCache.put on an existing key replaces the value but leaves the entry where it was: a put is a use too, so after put a, put b, put a, the next new key must evict b, not a.',
      zh: 'LRUCache.put 遇到已有的键时只替换了值，条目仍留在原位：put 也是一次使用，所以 put a、put b、再 put a 之后，下一个新键应淘汰 b 而不是 a。',
    },
    edits: [
      [
        '      entry.value = value;\n      this.#list.touch(entry);\n      return [];',
        '      entry.value = value;\n      return [];',
      ],
    ],
  },
  {
    id: 'evicts-mru',
    hint: {
      en: 'Which end of the list is the least recently used one?',
      zh: '链表的哪一端才是最久未使用的？',
    },
    why: {
      en: 'Evicts from the wrong end of the list: the most recently used entry (often the one just put) goes, the classic mix-up of head and tail when new entries are appended at the tail.',
      zh: '从链表错误的一端淘汰：被淘汰的是最近使用的条目（往往正是刚 put 的那个）。新条目追加在尾部时，把头尾弄反是常见错误。',
    },
    edits: [['    const oldest = this.#ring.next;', '    const oldest = this.#ring.prev;']],
  },
  {
    id: 'evict-before-update',
    hint: {
      en: 'Update a key of a full cache.',
      zh: '更新一个已满缓存中的键。',
    },
    why: {
      en: 'LRUCache.put evicts whenever the cache is full before it looks the key up, so updating a key of a full cache evicts another entry for nothing (and can even evict the key being updated, which is then put back as new).',
      zh: 'LRUCache.put 先看缓存满没满就淘汰，之后才查这个键是否已存在：更新已满缓存中的键会平白淘汰另一个条目（甚至可能淘汰正在更新的键，再把它当作新键放回去）。',
    },
    edits: [
      [
        '  put(key: K, value: V): K[] {\n    const entry = this.#list.find(key);',
        '  put(key: K, value: V): K[] {\n    const early: K[] = [];\n    if (this.#list.size >= this.#capacity) early.push(this.#list.removeOldest().key);\n    const entry = this.#list.find(key);',
      ],
      ['      this.#list.touch(entry);\n      return [];', '      this.#list.touch(entry);\n      return early;'],
      [
        '    this.#list.add(key, value, 1);\n    const evicted: K[] = [];',
        '    this.#list.add(key, value, 1);\n    const evicted: K[] = early;',
      ],
    ],
  },
  {
    id: 'holds-capacity-minus-one',
    hint: {
      en: 'How many entries does a cache of capacity 3 hold before it evicts?',
      zh: '容量为 3 的缓存在淘汰之前能放几个条目？',
    },
    why: {
      en: 'Evicts once the size reaches the capacity (>= instead of >) after adding the new entry, so the cache holds one entry fewer than its capacity, and capacity 1 holds nothing at all.',
      zh: '加入新条目后，只要条目数达到容量就淘汰（用了 >= 而不是 >），于是缓存总比容量少放一个，容量为 1 时什么都存不住。',
    },
    edits: [['    if (this.#list.size > this.#capacity)', '    if (this.#list.size >= this.#capacity)']],
  },
  {
    id: 'update-keeps-old-size',
    hint: {
      en: 'Update a key with a larger size, then delete it or let it be evicted: check bytes.',
      zh: '用更大的大小更新一个键，再删除它或让它被淘汰：检查 bytes。',
    },
    why: {
      en: 'SizedLRUCache.put on an existing key updates the total but not the size stored in the entry, so a later eviction or delete frees the old size: bytes drifts away from the sum of the cached sizes, and the cache evicts too much or too little.',
      zh: 'SizedLRUCache.put 更新已有键时改了总量，却没有改条目里记录的大小：之后淘汰或删除它时释放的是旧大小，bytes 与缓存中各条目大小之和渐渐不符，缓存淘汰得过多或过少。',
    },
    edits: [['      entry.bytes = bytes;\n', '']],
  },
  {
    id: 'evicts-only-one',
    hint: {
      en: 'Put one large entry into a cache full of small ones.',
      zh: '往装满小条目的缓存里 put 一个大条目。',
    },
    why: {
      en: 'SizedLRUCache.put evicts at most one entry (an if where a while belongs), the count-based habit carried over: one large shard may need several small ones to go, and the cache is left above maxBytes.',
      zh: 'SizedLRUCache.put 最多只淘汰一个条目（该用 while 的地方用了 if），这是按条数淘汰的习惯带过来了：放入一个大分片可能需要淘汰好几个小分片，结果缓存超过了 maxBytes。',
    },
    edits: [['    while (this.#bytes > this.#maxBytes) {', '    if (this.#bytes > this.#maxBytes) {']],
  },
  {
    id: 'double-counts-update',
    hint: {
      en: 'Put the same key twice and read bytes.',
      zh: '对同一个键 put 两次，再读 bytes。',
    },
    why: {
      en: 'SizedLRUCache.put on an existing key adds the new size without taking off the old one, so the total counts that key twice: the cache evicts entries that would fit, and bytes is more than the sum of the cached sizes.',
      zh: 'SizedLRUCache.put 更新已有键时加上了新大小，却没有减去旧大小，于是总量把这个键算了两次：缓存淘汰了本来放得下的条目，bytes 也大于缓存中各条目大小之和。',
    },
    edits: [['      this.#bytes -= entry.bytes;\n      entry.value = value;', '      entry.value = value;']],
  },
  {
    id: 'oversize-not-rejected',
    hint: {
      en: 'Put an entry larger than maxBytes.',
      zh: 'put 一个比 maxBytes 还大的条目。',
    },
    why: {
      en: 'Never checks bytes against maxBytes: an entry that cannot fit is stored, then the eviction loop empties the whole cache trying to make room (and runs past the empty list). The contract refuses it with a RangeError before anything changes.',
      zh: '从不拿 bytes 与 maxBytes 比较：放不下的条目也被存进去，随后淘汰循环为了腾地方把整个缓存清空（还越过了空链表）。契约要求在任何改动之前就用 RangeError 拒绝它。',
    },
    edits: [
      [
        '    if (bytes > this.#maxBytes) {\n      throw new RangeError(`SizedLRUCache.put: bytes ${bytes} is more than maxBytes ${this.#maxBytes}`);\n    }\n',
        '',
      ],
    ],
  },
  {
    id: 'oversize-drops-old',
    hint: {
      en: 'Put a cached key again with a size larger than maxBytes, then get it.',
      zh: '对一个已缓存的键以超过 maxBytes 的大小再 put 一次，然后 get 它。',
    },
    why: {
      en: "Refuses an oversized entry but first deletes the key's old entry, as the npm lru-cache does when an item is too large; the contract says a refused put leaves the cache exactly as it was.",
      zh: '拒绝了过大的条目，但先删除了该键原有的条目，这正是 npm lru-cache 遇到过大条目时的做法；而契约要求被拒绝的 put 让缓存保持原样。',
    },
    edits: [['    if (bytes > this.#maxBytes) {\n', '    if (bytes > this.#maxBytes) {\n      this.delete(key);\n']],
  },
  {
    id: 'accepts-zero',
    hint: {
      en: 'Try new LRUCache(0).',
      zh: '试试 new LRUCache(0)。',
    },
    why: {
      en: 'Checks for a negative limit instead of one below 1, so capacity 0, maxBytes 0 and a put of 0 bytes are accepted: a cache that can hold nothing, and entries that cost nothing.',
      zh: '检查的是“是否为负数”而不是“是否小于 1”，于是容量 0、maxBytes 0 以及 0 字节的 put 都被接受：一个什么都存不了的缓存，和不占空间的条目。',
    },
    edits: [['!Number.isInteger(value) || value < 1)', '!Number.isInteger(value) || value < 0)']],
  },
  {
    id: 'keys-mru-first',
    hint: {
      en: 'In which order does keys() list the entries?',
      zh: 'keys() 按什么顺序列出条目？',
    },
    why: {
      en: "keys() walks the list from the most recently used end; the contract asks for least recently used first, the order a Map or Python's OrderedDict iterates in when used as an LRU.",
      zh: 'keys() 从最近使用的一端开始遍历；契约要求最久未使用的在前，也就是把 Map 或 Python 的 OrderedDict 当 LRU 用时的迭代顺序。',
    },
    edits: [
      [
        'for (let entry = this.#ring.next; entry !== this.#ring; entry = entry.next)',
        'for (let entry = this.#ring.prev; entry !== this.#ring; entry = entry.prev)',
      ],
    ],
  },
  {
    id: 'string-keys',
    hint: {
      en: "Cache the keys 1 and '1'.",
      zh: "缓存键 1 和 '1'。",
    },
    why: {
      en: "Indexes entries by String(key), as with a plain object: 1 and '1' become one key, and so do all objects ('[object Object]'). A Map compares the keys themselves.",
      zh: "用 String(key) 作索引，就像用普通对象那样：1 和 '1' 变成同一个键，所有对象也都变成同一个（'[object Object]'）。Map 比较的是键本身。",
    },
    edits: [
      ['    return this.#index.get(key);', '    return this.#index.get(String(key) as K);'],
      ['    this.#index.set(key, entry);', '    this.#index.set(String(key) as K, entry);'],
      ['    this.#index.delete(entry.key);', '    this.#index.delete(String(entry.key) as K);'],
    ],
  },
  {
    id: 'has-refreshes',
    base: 'alt-map-order',
    hint: {
      en: 'Ask has(key), then fill the cache.',
      zh: '先问 has(key)，再把缓存塞满。',
    },
    why: {
      en: 'LRUCache.has is written with get, so checking for a key counts as a use and moves it to the most recent end; the contract says has only looks (a prefetcher asking "is this shard loaded?" must not keep it alive).',
      zh: 'LRUCache.has 借用了 get 来实现，于是查询一个键也算一次使用，把它移到了最近使用的一端；契约规定 has 只看不动（预取器问“这个分片加载了吗？”不应让它续命）。',
    },
    edits: [
      [
        '    return this.#values.has(key);\n  }\n\n  get(key: K): V | undefined {\n    if',
        '    return this.get(key) !== undefined;\n  }\n\n  get(key: K): V | undefined {\n    if',
      ],
    ],
  },
  {
    id: 'falsy-value-miss',
    base: 'alt-map-order',
    hint: {
      en: 'Store 0 or an empty string as a value.',
      zh: '把 0 或空字符串作为值存进去。',
    },
    why: {
      en: "LRUCache.get tests the value for truthiness to tell a miss from a hit, so 0, '', null and false are reported as misses (undefined) and not refreshed. Only has, or a comparison with undefined, tells a miss.",
      zh: "LRUCache.get 用值的真假来区分命中和未命中，于是 0、''、null 和 false 都被当成未命中（返回 undefined），也不刷新。只有 has 或与 undefined 比较才能判断未命中。",
    },
    edits: [
      [
        '    if (!this.#values.has(key)) return undefined;\n    const value = this.#values.get(key) as V;',
        '    const value = this.#values.get(key);\n    if (!value) return undefined;',
      ],
    ],
  },
  {
    id: 'first-key-by-spread',
    base: 'alt-map-order',
    hint: {
      en: 'Right answers: count the work of one eviction in a cache of 1000 entries.',
      zh: '答案都对：数一数在有 1000 个条目的缓存里淘汰一次要做多少工作。',
    },
    why: {
      en: 'Finds the least recently used key as [...map.keys()][0]: correct, but it copies every key of the map to read the first one, O(size) per eviction, where map.keys().next().value stops after one.',
      zh: '用 [...map.keys()][0] 找最久未使用的键：结果正确，但为了读第一个键把 map 的所有键都复制了一遍，每次淘汰 O(size)，而 map.keys().next().value 取一个就停。',
    },
    edits: [['  return map.keys().next().value as K;', '  return [...map.keys()][0] as K;']],
  },
  {
    id: 'sum-bytes-each-put',
    base: 'alt-map-order',
    hint: {
      en: 'Right answers: count the work of a put into a SizedLRUCache of 1000 entries.',
      zh: '答案都对：数一数往有 1000 个条目的 SizedLRUCache 里 put 一次要做多少工作。',
    },
    why: {
      en: 'Recomputes the total by summing the sizes of all entries on every put instead of keeping a running total: always right, but O(size) per put.',
      zh: '每次 put 都把所有条目的大小重新求和来得到总量，而不是维护一个累计值：结果总是对的，但每次 put 都是 O(size)。',
    },
    edits: [
      [
        '    this.#total += bytes;\n',
        '    this.#total = 0;\n    for (const entry of this.#entries.values()) this.#total += entry.bytes;\n',
      ],
    ],
  },
  {
    id: 'array-order',
    hint: {
      en: 'Right answers: count the work of a get in a cache of 1000 entries.',
      zh: '答案都对：数一数在有 1000 个条目的缓存里 get 一次要做多少工作。',
    },
    why: {
      en: 'Keeps the recency order in an array of keys and moves a key with findIndex + splice + push, evicting with shift: every answer is right, but each use scans and shifts the array, O(size) per call, about 1000 steps a call for 1000 entries against a budget of 30.',
      zh: '用一个键数组维护使用顺序，用 findIndex + splice + push 移动键，用 shift 淘汰：答案都对，但每次使用都要扫描并移动数组，每次调用 O(size)；1000 个条目时每次约 1000 步，而预算是 30 步。',
    },
    file: 'zoo/array-order.ts',
  },
]);
