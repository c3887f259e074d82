import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'You extend llama 3 (8B, hidden size 4096, untied input embedding and output head) with 20000 Chinese tokens learned by BPE on a Chinese corpus. What changes in the model, and how many new parameters is that?',
      zh: '你给 llama 3（8B，隐藏维度 4096，输入嵌入与输出头不共享）加入 20000 个在中文语料上用 BPE 学到的中文 token。模型里有什么变化？新增多少参数？',
    },
    a: {
      en: 'The new merges are appended after the existing ones (ranks keep their order, so old text encodes as before wherever no new merge applies), and both the embedding matrix and the LM head get 20000 new rows of 4096: 163840000 new parameters, about 2% of the model. New rows are usually initialised to the mean of the old embeddings (not random noise, which skews the softmax), then the model is trained further on Chinese text so that they mean something. A Chinese character is 3 UTF-8 bytes, so a byte-level vocabulary without Chinese merges spends up to 3 tokens per character: 1000 characters can cost 3000 tokens, and the extension brings that close to 1000 or fewer.',
      zh: '新的合并规则追加在原有规则之后（原有排名顺序不变，所以只要新规则用不上，旧文本的编码不变）；嵌入矩阵和 LM head 各增加 20000 行、每行 4096：共 163840000 个新参数，约占模型的 2%。新行通常初始化为原有嵌入的均值（而不是随机噪声，那会扭曲 softmax），然后在中文文本上继续训练，让它们学到含义。一个汉字的 UTF-8 是 3 个字节，所以没有中文合并规则的字节级词表每个汉字最多要 3 个 token：1000 个汉字可能要 3000 个 token，扩充之后接近 1000 个甚至更少。',
    },
    numbers: [
      { text: '163840000', equals: 163_840_000, compute: () => 20_000 * 4096 * 2 },
      { text: '2%', equals: 2, compute: () => Math.round((100 * 20_000 * 4096 * 2) / 8.03e9) },
      { text: '3000', equals: 3000, compute: () => 1000 * new TextEncoder().encode('中').length },
    ],
  },
  {
    q: {
      en: 'GPT-2 and GPT-4 (tiktoken) split the text with a regex before BPE, and this kata does not. What does the split change, and how does it make training faster?',
      zh: 'GPT-2 和 GPT-4（tiktoken）在 BPE 之前用正则切分文本，本题没有。切分改变了什么？为什么能让训练更快？',
    },
    a: {
      en: 'Merges never cross a chunk boundary: letters, numbers, punctuation and the space before a word stay apart, so the vocabulary does not fill up with "dog." "dog!" "dog?" variants, and numbers are cut into short digit groups. For training, the corpus becomes a dictionary from distinct chunk to its frequency: a pair is counted once per distinct chunk, weighted by the frequency, and a merge only touches the chunks that contain the pair (HF tokenizers keeps exactly that pair → chunks index). A corpus of billions of words has only millions of distinct chunks, so the work drops by orders of magnitude; minbpe\'s RegexTokenizer does the same split.',
      zh: '合并不会跨越切分边界：字母、数字、标点以及词前面的空格彼此分开，词表不会被 “dog.” “dog!” “dog?” 这类变体占满，数字也被切成短的数字组。训练时，语料变成“不同片段 → 频次”的字典：每个字节对在每个不同片段里只统计一次，再乘以频次；一次合并只涉及包含该字节对的片段（HF tokenizers 正是维护这样的“字节对 → 片段”索引）。几十亿词的语料只有几百万个不同片段，工作量降低几个数量级；minbpe 的 RegexTokenizer 也做同样的切分。',
    },
  },
  {
    q: {
      en: 'Your encode recounts the pairs after every merge it applies. What does that cost, and how do production tokenizers encode fast?',
      zh: '你的 encode 每应用一条合并规则就重新统计字节对。代价是多少？生产环境的分词器怎么快速编码？',
    },
    a: {
      en: 'minbpe\'s encode is O(n) per merge applied, O(n·m) for m merges that apply: fine for a word, slow for a long text without pre-splitting. With a split, each chunk is short and a cache from chunk to ids (GPT-2\'s encoder.py keeps one) makes repeated words free. Without one, keep the ids in a linked list and a min-heap of (rank, position) for every adjacent pair that has a merge: pop the lowest rank, skip stale entries, fuse, and push the two new neighbour pairs: O(n log n). Ties of rank go to the leftmost position, which reproduces the left-to-right rule for runs like "aaaa".',
      zh: 'minbpe 的 encode 每应用一条规则 O(n)，m 条规则生效时 O(n·m)：对一个词没问题，对没有预切分的长文本就慢了。有了切分，每个片段都很短，再加上“片段 → id”的缓存（GPT-2 的 encoder.py 就有），重复的词几乎不花时间。没有切分时，用链表保存 id，并为每个有合并规则的相邻字节对在小顶堆里放 (排名, 位置)：弹出排名最低者，跳过过期条目，融合，再把两侧新的邻居对入堆：O(n log n)。排名相同时取最左的位置，这就复现了 “aaaa” 这类连续段从左到右合并的规则。',
    },
  },
  {
    q: {
      en: 'Why pin the tie-break at all? On "aaabdaaabac" minbpe and this kata end with the same ids [258, 100, 258, 97, 99].',
      zh: '为什么一定要规定平局规则？在 “aaabdaaabac” 上，minbpe 和本题最后得到的 id 一样，都是 [258, 100, 258, 97, 99]。',
    },
    a: {
      en: 'The ids coincide there, but the vocabularies do not: minbpe learns (256,97) = "aaa" as token 257, this kata learns (97,98) = "ab", and any other text containing "ab" or "aaa" then encodes differently. A trained tokenizer is a file that many systems must reproduce byte for byte (the training pipeline, the serving stack, a reimplementation in another language); a rule that depends on dictionary iteration order or hash order makes two correct trainers disagree. HF tokenizers\' BpeTrainer orders by count, then the pair itself, so its result does not depend on the order of the corpus or of a hash map.',
      zh: '这里最终 id 相同，但词表不同：minbpe 学到 (256,97) = “aaa” 作为 token 257，本题学到 (97,98) = “ab”，之后任何含 “ab” 或 “aaa” 的文本编码结果都会不同。训练好的分词器是一个需要被许多系统逐字节复现的文件（训练流水线、推理服务、其他语言的重新实现）；依赖字典迭代顺序或哈希顺序的规则会让两个都“正确”的训练器得到不同结果。HF tokenizers 的 BpeTrainer 先按次数、再按字节对本身排序，所以结果不依赖语料顺序或哈希表顺序。',
    },
  },
]);
