import { defineZoo } from '../../src/kit/zoo.ts';

const HEAP_LOOP =
  '    const hit = { index: i, score: denominator === 0 ? 0 : dot / denominator };\n    if (heap.length < k) siftUp(heap, hit);\n    else if (before(hit, heap[0] as Hit)) siftDown(heap, hit);\n  }';

export default defineZoo([
  {
    id: 'precision-over-retrieved',
    hint: {
      en: 'Ask for precision@10 of a ranking of five ids.',
      zh: '对只有五个 id 的排序求 precision@10。',
    },
    why: {
      en: "Divides by the number of ids actually looked at, min(k, ranked.length), instead of k: a short ranking is not punished for the empty ranks (2 hits in 5 retrieved give 2/5 at k = 10 instead of 2/10). trec_eval's P_k and ranx divide by k.",
      zh: '除以实际看过的 id 个数 min(k, ranked.length)，而不是 k：短排序的空位没有受到惩罚（检索到 5 个、命中 2 个，k = 10 时得到 2/5 而不是 2/10）。trec_eval 的 P_k 和 ranx 都除以 k。',
    },
    edits: [['  return hits(ranked, rel, k) / k;', '  return hits(ranked, rel, k) / Math.min(k, ranked.length);']],
  },
  {
    id: 'recall-capped',
    hint: {
      en: 'Three relevant ids, one of them at rank 1: what is recall@1?',
      zh: '有三个相关 id，其中一个排在第 1 位：recall@1 是多少？',
    },
    why: {
      en: "Divides by min(k, |relevant|), BEIR's capped recall R_cap@k, so one hit in the top 1 of three relevant ids scores 1 instead of 1/3; the contract (ranx, trec_eval) divides by the number of relevant ids.",
      zh: '除以 min(k, |relevant|)，这是 BEIR 的截断召回 R_cap@k：三个相关 id 里前 1 位命中一个就得 1，而不是 1/3；契约（ranx、trec_eval）除以相关 id 的总数。',
    },
    edits: [
      [
        '  return rel.size === 0 ? 0 : hits(ranked, rel, k) / rel.size;',
        '  return rel.size === 0 ? 0 : hits(ranked, rel, k) / Math.min(k, rel.size);',
      ],
    ],
  },
  {
    id: 'recall-no-relevant-nan',
    hint: {
      en: 'What is recall when nothing is relevant?',
      zh: '没有任何相关文档时，recall 是多少？',
    },
    why: {
      en: 'Divides by |relevant| without a guard: with no relevant ids it returns 0/0 = NaN, which poisons every average it enters; ranx returns 0.',
      zh: '直接除以 |relevant| 而不做判断：没有相关 id 时返回 0/0 = NaN，会污染所有用到它的平均值；ranx 返回 0。',
    },
    edits: [
      ['  return rel.size === 0 ? 0 : hits(ranked, rel, k) / rel.size;', '  return hits(ranked, rel, k) / rel.size;'],
    ],
  },
  {
    id: 'recall-counts-repeats',
    hint: {
      en: "Pass relevant as an array that names one id twice: ['d1', 'd1', 'd4', 'd8'].",
      zh: "把 relevant 写成一个重复了某个 id 的数组：['d1', 'd1', 'd4', 'd8']。",
    },
    why: {
      en: 'Takes the denominator from the array length, so a repeated relevant id counts twice ([d1, d1, d4, d8] gives 2/4 instead of 2/3); relevant is a set of ids.',
      zh: '分母取数组长度，重复的相关 id 被算了两次（[d1, d1, d4, d8] 得到 2/4 而不是 2/3）；relevant 是 id 的集合。',
    },
    edits: [
      [
        '  return rel.size === 0 ? 0 : hits(ranked, rel, k) / rel.size;',
        '  const total = Array.isArray(relevant) ? relevant.length : rel.size;\n  return total === 0 ? 0 : hits(ranked, rel, k) / total;',
      ],
    ],
  },
  {
    id: 'reciprocal-rank-zero-based',
    hint: {
      en: 'What does reciprocalRank give when the top id is relevant?',
      zh: '排在第一的 id 就是相关的，reciprocalRank 给出什么？',
    },
    why: {
      en: 'Uses the 0-based array index as the rank: a relevant id at the top gives 1/0 = Infinity, and rank 2 gives 1 instead of 1/2. Ranks count from 1.',
      zh: '把从 0 开始的数组下标当作名次：排在第一的相关 id 得到 1/0 = Infinity，第 2 名得到 1 而不是 1/2。名次从 1 开始。',
    },
    edits: [['  return first < 0 ? 0 : 1 / (first + 1);', '  return first < 0 ? 0 : 1 / first;']],
  },
  {
    id: 'mrr-skips-misses',
    hint: {
      en: 'Average three queries, one of which retrieves nothing relevant.',
      zh: '对三个查询求平均，其中一个没有检索到任何相关文档。',
    },
    why: {
      en: 'Averages only over the queries with a hit, so a query whose relevant documents were all missed no longer counts against the system ((1/2 + 1) / 2 = 0.75 instead of (1/2 + 1 + 0) / 3 = 0.5).',
      zh: '只对有命中的查询求平均，于是相关文档全部漏掉的查询不再拉低分数（(1/2 + 1) / 2 = 0.75，而不是 (1/2 + 1 + 0) / 3 = 0.5）。',
    },
    edits: [
      ['  let total = 0;\n  for (let q = 0;', '  let total = 0;\n  let answered = 0;\n  for (let q = 0;'],
      [
        '    total += reciprocalRank(ranked, relevant);',
        '    const rr = reciprocalRank(ranked, relevant);\n    total += rr;\n    if (rr > 0) answered++;',
      ],
      ['  return total / queries.length;', '  return answered === 0 ? 0 : total / answered;'],
    ],
  },
  {
    id: 'duplicates-allowed',
    hint: {
      en: "Rank the same id twice: ['d1', 'd2', 'd1'].",
      zh: "让同一个 id 出现两次：['d1', 'd2', 'd1']。",
    },
    why: {
      en: 'Never checks that the ranking is a list of distinct ids, so a retriever that returns the same relevant chunk twice is paid twice (precision and DCG both count it again); the contract throws RangeError.',
      zh: '从不检查排序中的 id 是否互不相同，于是把同一个相关片段返回两次的检索器会得到双倍奖励（precision 和 DCG 都重复计算）；契约要求抛出 RangeError。',
    },
    edits: [
      ['    if (seen.has(id)) throw new RangeError(`ranked[${i}] = "${id}" appears twice in the ranking`);\n', ''],
    ],
  },
  {
    id: 'discount-original-jk',
    hint: {
      en: 'A single graded document at rank 2: is it discounted?',
      zh: '只有一个有等级的文档，排在第 2 位：它被打折了吗？',
    },
    why: {
      en: 'Uses the original Järvelin–Kekäläinen discount, max(1, log2 rank), which leaves ranks 1 and 2 undiscounted, instead of log2(rank + 1) (scikit-learn, ranx, trec_eval): a grade at rank 2 counts in full, so [z, x] scores 1 instead of 1/log2 3 = 0.63.',
      zh: '用了 Järvelin–Kekäläinen 最初的折扣 max(1, log2 rank)，第 1、2 名都不打折，而不是 log2(rank + 1)（scikit-learn、ranx、trec_eval）：第 2 名的等级被全额计入，[z, x] 得到 1 而不是 1/log2 3 = 0.63。',
    },
    edits: [
      [
        'sum += (gains[i] as number) / Math.log2(i + 2);',
        'sum += (gains[i] as number) / Math.max(1, Math.log2(i + 1));',
      ],
    ],
  },
  {
    id: 'gains-swapped',
    hint: {
      en: "Compare ndcgAtK with { gain: 'linear' } and { gain: 'exponential' } on grades 0 to 3.",
      zh: "在等级 0 到 3 上比较 { gain: 'linear' } 和 { gain: 'exponential' } 的 ndcgAtK。",
    },
    why: {
      en: "Applies 2^grade − 1 for 'linear' and the grade itself for 'exponential': the two options are swapped, so the default reports Burges' exponential nDCG where scikit-learn and trec_eval report the linear one.",
      zh: "'linear' 用了 2^grade − 1，'exponential' 反而用了等级本身：两个选项被调换了，默认值报告的是 Burges 的指数 nDCG，而 scikit-learn 和 trec_eval 报告的是线性的。",
    },
    edits: [
      [
        "  const gain = (grade: number) => (kind === 'linear' ? grade : 2 ** grade - 1);",
        "  const gain = (grade: number) => (kind === 'exponential' ? grade : 2 ** grade - 1);",
      ],
    ],
  },
  {
    id: 'default-exponential',
    hint: {
      en: 'Call ndcgAtK without options. Which gain is used?',
      zh: '不传 options 调用 ndcgAtK：用的是哪种增益？',
    },
    why: {
      en: "Defaults to the exponential gain (common in learning-to-rank code) where the contract defaults to 'linear' like scikit-learn's ndcg_score, trec_eval and ranx's ndcg.",
      zh: "默认用指数增益（learning-to-rank 代码里常见），而契约与 scikit-learn 的 ndcg_score、trec_eval、ranx 的 ndcg 一样默认 'linear'。",
    },
    edits: [["  const kind = options.gain ?? 'linear';", "  const kind = options.gain ?? 'exponential';"]],
  },
  {
    id: 'exponential-without-minus-one',
    hint: {
      en: 'With the exponential gain, what does an ungraded document (grade 0) add?',
      zh: '用指数增益时，没有等级的文档（等级 0）贡献多少？',
    },
    why: {
      en: 'Uses 2^grade instead of 2^grade − 1, so grade 0 gains 1: every irrelevant or unjudged document adds to the DCG, and a ranking of irrelevant documents scores above 0.',
      zh: '用 2^grade 而不是 2^grade − 1，于是等级 0 的增益为 1：每个不相关或未标注的文档都会增加 DCG，全是不相关文档的排序得分也大于 0。',
    },
    edits: [
      [
        "  const gain = (grade: number) => (kind === 'linear' ? grade : 2 ** grade - 1);",
        "  const gain = (grade: number) => (kind === 'linear' ? grade : 2 ** grade);",
      ],
    ],
  },
  {
    id: 'ideal-from-retrieved',
    hint: {
      en: 'Grade a document that the ranking never retrieves.',
      zh: '给一个排序里从未检索到的文档打上等级。',
    },
    why: {
      en: 'Builds the ideal ordering from the retrieved documents only (re-sorting the ranking by grade), so a relevant document the retriever missed lowers nothing: x, y, z with w = 2 unretrieved scores 0.797 instead of 0.607. The ideal DCG ranks every judged document.',
      zh: '只用检索到的文档构造理想排序（把排序按等级重排），于是检索器漏掉的相关文档不会拉低分数：x, y, z 且 w = 2 未被检索到时得到 0.797 而不是 0.607。理想 DCG 要对所有标注过的文档排序。',
    },
    edits: [
      [
        '  const ideal = [...grades.values()].map(gain).sort((a, b) => b - a);',
        '  const ideal = [...actual].sort((a, b) => b - a);',
      ],
    ],
  },
  {
    id: 'ideal-sorted-as-strings',
    hint: {
      en: "Use a grade of 10 next to grades 5 and 1 (scikit-learn's example).",
      zh: '在等级 5 和 1 旁边放一个等级 10（scikit-learn 的例子）。',
    },
    why: {
      en: 'Sorts the ideal gains with a bare .sort().reverse(): Array.prototype.sort compares as strings, so 10 sorts before 5 ascending and [10, 5, 1] becomes [5, 10, 1]; the ideal DCG comes out too small and nDCG can exceed 1.',
      zh: '用不带比较函数的 .sort().reverse() 给理想增益排序：Array.prototype.sort 按字符串比较，升序时 10 排在 5 前面，[10, 5, 1] 变成了 [5, 10, 1]；理想 DCG 偏小，nDCG 甚至会超过 1。',
    },
    edits: [
      [
        '  const ideal = [...grades.values()].map(gain).sort((a, b) => b - a);',
        '  const ideal = [...grades.values()].map(gain).sort().reverse();',
      ],
    ],
  },
  {
    id: 'ndcg-zero-ideal-nan',
    hint: {
      en: 'Every grade 0, or no grades at all.',
      zh: '所有等级都是 0，或者根本没有等级。',
    },
    why: {
      en: 'Divides by the ideal DCG without a guard: when no document has a positive grade it returns 0/0 = NaN; scikit-learn and ranx return 0.',
      zh: '直接除以理想 DCG 而不做判断：没有任何文档的等级为正时返回 0/0 = NaN；scikit-learn 和 ranx 返回 0。',
    },
    edits: [['  return best === 0 ? 0 : dcg(actual, k) / best;', '  return dcg(actual, k) / best;']],
  },
  {
    id: 'ties-to-higher-index',
    hint: {
      en: 'The same vector twice, and k = 1.',
      zh: '同一个向量出现两次，k = 1。',
    },
    why: {
      en: 'Breaks equal scores toward the higher index (a heap that lets a later equal hit replace the root, or a comparator written the wrong way round): [1,1] and [2,2] tie, and index 4 comes before index 0.',
      zh: '得分相等时让下标大的优先（堆里允许后来的相等结果替换堆顶，或者比较函数写反了）：[1,1] 和 [2,2] 并列时下标 4 排在下标 0 前面。',
    },
    edits: [
      [
        '  return a.score > b.score || (a.score === b.score && a.index < b.index);',
        '  return a.score > b.score || (a.score === b.score && a.index > b.index);',
      ],
    ],
  },
  {
    id: 'dot-product',
    hint: {
      en: 'A long vector in a slightly worse direction: [10, 10] against [1, 0.1] for the query [1, 0].',
      zh: '一个方向稍差但很长的向量：查询 [1, 0]，对比 [10, 10] 和 [1, 0.1]。',
    },
    why: {
      en: 'Ranks by the raw dot product, which is the cosine only for unit-normalised embeddings: a long vector wins by its length ([10,10] beats [1,0.1] for [1,0]) and the scores are not in [−1, 1].',
      zh: '按原始点积排序，而点积只有在嵌入归一化为单位向量时才等于余弦：长向量靠长度取胜（对 [1,0] 而言 [10,10] 胜过 [1,0.1]），得分也不在 [−1, 1] 内。',
    },
    edits: [[HEAP_LOOP, HEAP_LOOP.replace('dot / denominator', 'dot')]],
  },
  {
    id: 'query-not-normalised',
    hint: {
      en: 'Score [3, 4] against the query [30, 40]: is it 1?',
      zh: '查询 [30, 40] 对 [3, 4] 的得分是 1 吗？',
    },
    why: {
      en: 'Divides by the corpus vector norm only ("the query norm is the same for every vector, so it cannot change the order"): the order is right, but the scores are ‖q‖ times the cosine (50 for [30,40] against [3,4]).',
      zh: '只除以语料向量的范数（“查询的范数对每个向量都一样，不影响顺序”）：顺序是对的，但得分是余弦的 ‖q‖ 倍（查询 [30,40] 对 [3,4] 得到 50）。',
    },
    edits: [['    const denominator = qNorm * Math.sqrt(vv);', '    const denominator = Math.sqrt(vv);']],
  },
  {
    id: 'zero-norm-nan',
    hint: {
      en: 'Put a zero vector in the corpus, or use a zero query.',
      zh: '在语料里放一个零向量，或者用零向量做查询。',
    },
    why: {
      en: "Divides by the norms without a guard: a zero vector gets 0/0 = NaN, and NaN compares false with everything, so it lands anywhere in the heap; scikit-learn's cosine_similarity (and the contract) score it 0.",
      zh: '直接除以范数而不做判断：零向量得到 0/0 = NaN，而 NaN 与任何数比较都为 false，它会落在堆里的任意位置；scikit-learn 的 cosine_similarity（以及契约）把它记为 0。',
    },
    edits: [[HEAP_LOOP, HEAP_LOOP.replace('denominator === 0 ? 0 : dot / denominator', 'dot / denominator')]],
  },
  {
    id: 'ascending-output',
    hint: {
      en: 'Look at the order of the hits returned for k = 3.',
      zh: '看看 k = 3 时返回结果的顺序。',
    },
    why: {
      en: 'Sorts the k survivors with the comparator the wrong way round (the worst-first order of the heap): the hits come out in ascending score order instead of best first.',
      zh: '用写反了的比较函数给剩下的 k 个结果排序（沿用了堆里“最差在前”的顺序）：结果按得分升序排列，而不是最好的在前。',
    },
    edits: [
      [
        '  return heap.sort((a, b) => (before(a, b) ? -1 : 1));',
        '  return heap.sort((a, b) => (before(a, b) ? 1 : -1));',
      ],
    ],
  },
  {
    id: 'k-slots',
    hint: {
      en: 'Ask for more hits than there are vectors: k = 10 of 6.',
      zh: '要的结果比向量还多：6 个向量里取 k = 10。',
    },
    why: {
      en: 'Returns exactly k results, padding with undefined when k > n (an output array allocated with k slots and filled from the heap); k > n must return all n hits and nothing else.',
      zh: '总是返回恰好 k 个结果，k > n 时用 undefined 补齐（按 k 个位置分配输出数组，再从堆里填入）；k > n 时必须只返回全部 n 个结果。',
    },
    edits: [
      [
        '  return heap.sort((a, b) => (before(a, b) ? -1 : 1));',
        '  const out: Hit[] = new Array(k);\n  heap.sort((a, b) => (before(a, b) ? -1 : 1)).forEach((hit, i) => {\n    out[i] = hit;\n  });\n  return out;',
      ],
    ],
  },
  {
    id: 'sort-everything',
    hint: {
      en: 'Right answers: count the steps for n = 10^5 vectors and k = 2.',
      zh: '答案都对：数一数 n = 10^5 个向量、k = 2 时用了多少步。',
    },
    why: {
      en: 'Scores every vector and sorts all n hits to take the first k: correct, but O(n log n), about 40·n steps for n = 10^5 against a budget of 24·n at k = 2, where a size-k heap needs O(n log k).',
      zh: '给所有向量打分后把 n 个结果全部排序再取前 k 个：结果正确，但复杂度是 O(n log n)，n = 10^5 时约 40·n 步，而 k = 2 时预算是 24·n；大小为 k 的堆只需 O(n log k)。',
    },
    edits: [
      [
        '    const hit = { index: i, score: denominator === 0 ? 0 : dot / denominator };\n    if (heap.length < k) siftUp(heap, hit);\n    else if (before(hit, heap[0] as Hit)) siftDown(heap, hit);',
        '    heap.push({ index: i, score: denominator === 0 ? 0 : dot / denominator });',
      ],
      [
        '  return heap.sort((a, b) => (before(a, b) ? -1 : 1));',
        '  return heap.sort((a, b) => (before(a, b) ? -1 : 1)).slice(0, k);',
      ],
    ],
  },
  {
    id: 'sorted-array-insert',
    hint: {
      en: 'Right answers: count the steps for k = 10^4 of n = 2·10^4.',
      zh: '答案都对：数一数 n = 2·10^4、k = 10^4 时用了多少步。',
    },
    why: {
      en: 'Keeps the k best in a sorted array, finding each place by binary search but inserting with splice, which shifts up to k entries: O(n·k) in the worst case, far over budget at k = n/2 where a heap costs O(n log k).',
      zh: '用有序数组保存最好的 k 个，用二分查找定位但用 splice 插入，每次要移动最多 k 个元素：最坏 O(n·k)，k = n/2 时远超预算，而堆只需 O(n log k)。',
    },
    edits: [
      [
        '    if (heap.length < k) siftUp(heap, hit);\n    else if (before(hit, heap[0] as Hit)) siftDown(heap, hit);\n  }\n',
        '    // heap is kept sorted best first here: binary search for the place, then splice.\n    let lo = 0;\n    let hi = heap.length;\n    while (lo < hi) {\n      const mid = (lo + hi) >> 1;\n      if (before(heap[mid] as Hit, hit)) lo = mid + 1;\n      else hi = mid;\n    }\n    if (lo < k) {\n      heap.splice(lo, 0, hit);\n      if (heap.length > k) heap.pop();\n    }\n  }\n  return heap;\n',
      ],
    ],
  },
  {
    id: 'ideal-read-ascending',
    base: 'alt-quickselect',
    hint: {
      en: 'A typed-array sort is ascending. Which end does the ideal list read?',
      zh: 'typed array 的排序是升序的。理想列表从哪一端读取？',
    },
    why: {
      en: 'Reads the ideal gains from the front of the ascending Float64Array sort, i.e. the lowest grades first: the ideal DCG is too small and nDCG exceeds 1 whenever grades differ.',
      zh: '从 Float64Array 升序排序结果的开头读取理想增益，即先读最低的等级：理想 DCG 偏小，只要等级不全相同 nDCG 就会超过 1。',
    },
    edits: [
      [
        '    ideal += value(values[values.length - 1 - i] as number) * discount(i);',
        '    ideal += value(values[i] as number) * discount(i);',
      ],
    ],
  },
]);
