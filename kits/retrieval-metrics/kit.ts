import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'retrieval-metrics',
  title: {
    en: 'Retrieval metrics and cosine top-k',
    zh: '检索评测指标与余弦 top-k',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['retrieval', 'rag', 'evaluation', 'heap', 'embeddings'],
  seed: [10, 85],
  hints: [
    {
      en: 'Validate first: ranked is an array of distinct strings (a Set of seen ids), relevant a Set or array (make it a Set: repeats count once), k an integer >= 1. Then recall = hits in ranked.slice(0, k) / |relevant| (0 if empty), precision = the same hits / k, reciprocal rank = 1 / (i + 1) for the first relevant index i.',
      zh: '先检查输入：ranked 是互不相同的字符串数组（用 Set 记录见过的 id），relevant 是 Set 或数组（转成 Set：重复只算一次），k 是 >= 1 的整数。然后 recall = ranked.slice(0, k) 中的命中数 / |relevant|（为空时为 0），precision = 同样的命中数 / k，reciprocal rank = 第一个相关下标 i 的 1 / (i + 1)。',
    },
    {
      en: 'nDCG: gain g = grade or 2^grade − 1, DCG@k = Σ g / log2(i + 2) over 0-based positions i < k. The ideal list is every grade in the Map (not just the retrieved ones), mapped to gains and sorted descending with a comparator (a bare sort() compares strings). Return 0 when the ideal DCG is 0.',
      zh: 'nDCG：增益 g = grade 或 2^grade − 1，DCG@k = Σ g / log2(i + 2)，i 是从 0 开始、小于 k 的位置。理想列表是 Map 中所有的等级（不只是检索到的），转成增益后用比较函数降序排序（不带参数的 sort() 按字符串比较）。理想 DCG 为 0 时返回 0。',
    },
    {
      en: 'Top-k: keep a min-heap of at most k hits whose root is the worst (lower score, or equal score and higher index). Push while it has fewer than k; otherwise replace the root only when the new hit is better, and sift down. At the end sort the k survivors best first (or pop them into the answer from the back). A zero norm gives score 0.',
      zh: 'top-k：维护一个最多 k 个结果的最小堆，堆顶是最差的（得分更低，或得分相等而下标更大）。不足 k 个时直接插入；否则只有新结果更好时才替换堆顶并下沉。最后把剩下的 k 个结果按从好到差排序（或者从后往前把弹出的结果填进答案）。范数为 0 时得分为 0。',
    },
  ],
});
