import { defineFollowups } from '../../src/kit/followups.ts';

// Llama-2-7B: 32 layers, 32 heads of 128, fp16 (2 bytes); K and V.
const bytesPerToken = 2 * 32 * 32 * 128 * 2;
const MiB = 2 ** 20;

export default defineFollowups([
  {
    q: {
      en: 'Serve Llama-2-7B (32 layers, 32 heads of 128, fp16) with blocks of 16 tokens. How big is one block, and what does a request of 500 tokens waste with a contiguous cache reserved for 4096 tokens, against a paged one?',
      zh: '用 16 个 token 的块来服务 Llama-2-7B（32 层、32 个 128 维的头、fp16）。一个块有多大？一个 500 token 的请求，在为 4096 个 token 预留的连续缓存里浪费多少，在分页缓存里又浪费多少？',
    },
    a: {
      en: 'One token holds K and V in every layer: 2 × 32 × 32·128 × 2 bytes = 512 KiB, so a block of 16 tokens is 8 MiB and a reserved 4096-token cache is 2048 MiB. The 500-token request uses 250 MiB of it and wastes 1798 MiB. Paged, it holds ⌈500 / 16⌉ = 32 blocks and wastes only the 12 empty slots of its last block, 6 MiB: waste is below one block per sequence, which is why vLLM fits several times more sequences in the same memory. Smaller blocks waste less still but make the kernel do more table lookups and less contiguous reads; vLLM defaults to 16.',
      zh: '每个 token 在每一层都存 K 和 V：2 × 32 × 32·128 × 2 字节 = 512 KiB，所以 16 个 token 的块是 8 MiB，预留 4096 个 token 的缓存是 2048 MiB。500 token 的请求只用了其中 250 MiB，浪费 1798 MiB。分页时它占 ⌈500 / 16⌉ = 32 个块，只浪费最后一块中 12 个空槽位，即 6 MiB：每个序列的浪费不到一个块，这正是 vLLM 能在同样的显存里放下数倍序列的原因。块越小浪费越少，但内核要做更多次查表、连续读取更短；vLLM 默认用 16。',
    },
    numbers: [
      { text: '512 KiB', equals: 512, compute: () => bytesPerToken / 1024 },
      { text: '8 MiB', equals: 8, compute: () => (16 * bytesPerToken) / MiB },
      { text: '2048 MiB', equals: 2048, compute: () => (4096 * bytesPerToken) / MiB },
      { text: '250 MiB', equals: 250, compute: () => (500 * bytesPerToken) / MiB },
      { text: '1798 MiB', equals: 1798, compute: () => ((4096 - 500) * bytesPerToken) / MiB },
      { text: '32', equals: 32, compute: () => Math.ceil(500 / 16) },
      { text: '12', equals: 12, compute: () => Math.ceil(500 / 16) * 16 - 500 },
      { text: '6 MiB', equals: 6, compute: () => ((Math.ceil(500 / 16) * 16 - 500) * bytesPerToken) / MiB },
    ],
  },
  {
    q: {
      en: 'Why copy only the last block on write, and never at fork time? Count the blocks for 4 parallel samples of a 1000-token prompt with blocks of 16.',
      zh: '为什么只在写入时复制最后一块，而从不在 fork 时复制？数一数：1000 token 的提示词、块大小 16、并行采样 4 个，需要多少块。',
    },
    a: {
      en: 'The cache is append-only: a full block is never written again, so it can be shared for ever; only the partly filled last block can receive a token, and only it needs a private copy, and only once someone writes. The prompt takes ⌈1000 / 16⌉ = 63 blocks, the last one 8/16 full. Copying at fork time would cost 4 × 63 = 252 blocks; with sharing, the first three samples to append each copy the last block and the fourth finds its count at 1 and writes in place: 63 + 3 = 66 blocks. Beam search gains more, because beams fork and die at every step and their common prefix keeps growing.',
      zh: '缓存只追加：写满的块不会再被写，所以可以一直共享；只有未满的最后一块会接收新 token，也只有它需要私有副本，而且要等到有人写入时才复制。提示词占 ⌈1000 / 16⌉ = 63 个块，最后一块填了 8/16。如果在 fork 时复制，需要 4 × 63 = 252 个块；共享时，前三个 append 的样本各复制一次最后一块，第四个发现计数已是 1，直接写入：63 + 3 = 66 个块。beam search 收益更大，因为 beam 每一步都在分叉和消亡，共同前缀也越来越长。',
    },
    numbers: [
      { text: '63', equals: 63, compute: () => Math.ceil(1000 / 16) },
      { text: '8/16', equals: 8, compute: () => 1000 - Math.floor(1000 / 16) * 16 },
      { text: '252', equals: 252, compute: () => 4 * Math.ceil(1000 / 16) },
      { text: '66', equals: 66, compute: () => Math.ceil(1000 / 16) + (4 - 1) },
    ],
  },
  {
    q: {
      en: 'The pool runs out in the middle of decoding. What does the scheduler do instead of throwing?',
      zh: '解码到一半存储池耗尽了。调度器不抛错的话该怎么做？',
    },
    a: {
      en: "It checks before each step whether every running sequence can get its next slot (vLLM's can_append_slot counts one free block per sequence that may need one) and, if not, preempts whole sequence groups, newest first, because a group's sequences share blocks and are evicted all or nothing. A preempted group is either swapped out (its blocks copied to CPU memory, brought back later) or recomputed (its blocks freed and its prompt plus generated tokens run again as a new prefill); recomputation is often cheaper because prefill is compute-bound and fast. The error in this kata is the allocator's answer; the scheduler's job is never to ask it when the answer would be no.",
      zh: '它在每一步之前检查每个运行中的序列能否拿到下一个槽位（vLLM 的 can_append_slot 为每个可能需要新块的序列预留一个空闲块），不能的话就抢占整个序列组，从最新的开始，因为同组序列共享块，只能整体换出。被抢占的组要么换出（把它的块复制到 CPU 内存，之后再换回），要么重算（释放它的块，把提示词加已生成的 token 当作新的 prefill 再跑一遍）；重算往往更便宜，因为 prefill 受算力限制、速度快。本题的错误是分配器的回答；调度器的职责是永远不在答案为“不”时去问它。',
    },
  },
  {
    q: {
      en: 'How does the real kernel use the block table, and what is slot_mapping for?',
      zh: '真实的内核如何使用块表？slot_mapping 是做什么的？',
    },
    a: {
      en: 'Each step the engine sends two index tensors to the GPU. slot_mapping holds, for every new token, block_number · block_size + block_offset (what append returns here); the reshape_and_cache kernel scatters the new keys and values to those slots, so one kernel writes the whole batch. block_tables is a [num_seqs, max_blocks] integer tensor, padded, and context_lens the lengths; the paged_attention kernel gives each (sequence, head) a thread block that walks its table, loads one block of keys at a time, and runs a softmax with a running maximum across blocks, exactly the loop of pagedAttention here. Copy-on-write copies are batched too: append_slot returns (old, new) pairs and the cache engine copies them all with one kernel before the step.',
      zh: '每一步引擎向 GPU 发送两个索引张量。slot_mapping 为每个新 token 存 block_number · block_size + block_offset（也就是这里 append 的返回值）；reshape_and_cache 内核把新的 key 和 value 散射到这些槽位，一个内核写完整个批次。block_tables 是一个 [num_seqs, max_blocks] 的整数张量（补齐），context_lens 是各序列长度；paged_attention 内核为每个（序列，头）分配一个线程块，沿它的块表走，一次加载一个块的 key，并在各块之间用运行最大值做 softmax，正是这里 pagedAttention 的循环。写时复制也是批量的：append_slot 返回 (old, new) 对，cache engine 在这一步之前用一个内核把它们全部复制。',
    },
  },
  {
    q: {
      en: 'Two requests share a system prompt but arrive minutes apart. How would you share its blocks, and why does the order of the free list matter then?',
      zh: '两个请求共享同一个系统提示词，但相隔几分钟到达。怎样共享它的块？这时空闲列表的顺序为什么重要？',
    },
    a: {
      en: "Automatic prefix caching: name every full block by a hash of its tokens and of all tokens before it, keep a map from hash to block, and let a new request take the blocks whose hashes it finds (one more reference each) instead of computing them. A freed block keeps its contents and hash until it is handed out again, so the free list becomes an eviction order: vLLM v1 keeps a FreeKVCacheBlockQueue, takes from its front (the least recently freed), and frees a request's blocks tail first, so the end of a prompt is evicted before its shared beginning. A stack like this kata's would hand out the most recently freed block first, evicting exactly the prefix most likely to be asked for again.",
      zh: '自动前缀缓存：用块内 token 及其之前所有 token 的哈希给每个写满的块命名，维护一个从哈希到块的映射，新请求找到哈希就直接拿这些块（各加一个引用）而不再计算。释放的块在被重新分配之前保留内容和哈希，于是空闲列表变成了淘汰顺序：vLLM v1 维护一个 FreeKVCacheBlockQueue，从队头取（最早释放的），并且从尾部开始释放一个请求的块，让提示词的末尾先于共享的开头被淘汰。像本题这样的栈会先分配最近释放的块，恰好淘汰了最可能被再次请求的前缀。',
    },
  },
]);
