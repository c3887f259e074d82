import { defineFollowups } from '../../src/kit/followups.ts';

const N = 1_000_000;

export default defineFollowups([
  {
    q: {
      en: 'For an exact scan over 10^6 embeddings with k = 10, what does the heap save over a full sort, and what do production systems do instead?',
      zh: '对 10^6 个嵌入做精确扫描、k = 10 时，堆比完整排序省了多少？生产系统又是怎么做的？',
    },
    a: {
      en: 'A full sort makes about n·log2 n ≈ 19932000 comparisons; a size-10 heap at most about n·log2 k ≈ 3322000, and far fewer on random order because most hits never beat the root. Either way the n·d dot products dominate (768 multiply-adds per vector), so at scale the scan itself goes: vectors are normalised once so cosine becomes an inner product, and an approximate index (HNSW graphs, IVF with product quantisation in FAISS) looks at a small fraction of the corpus; on a GPU torch.topk selects per row in parallel.',
      zh: '完整排序约需 n·log2 n ≈ 19932000 次比较；大小为 10 的堆最多约 n·log2 k ≈ 3322000 次，在随机顺序下还少得多，因为大多数结果根本比不过堆顶。但无论哪种，n·d 次点积都是大头（每个向量 768 次乘加），所以规模大了以后连扫描本身都要省掉：先把向量归一化一次，余弦就变成内积，再用近似索引（HNSW 图、FAISS 中带乘积量化的 IVF）只看语料的一小部分；在 GPU 上 torch.topk 对每行并行做选择。',
    },
    numbers: [
      { text: '19932000', equals: 19_932_000, compute: () => Math.round((N * Math.log2(N)) / 1000) * 1000 },
      { text: '3322000', equals: 3_322_000, compute: () => Math.round((N * Math.log2(10)) / 1000) * 1000 },
    ],
  },
  {
    q: {
      en: 'When do the linear and the exponential gain give different nDCG, and which should a RAG evaluation report?',
      zh: '线性增益和指数增益什么时候给出不同的 nDCG？RAG 评测应该报告哪一种？',
    },
    a: {
      en: 'With binary relevance (grades 0 and 1) they agree exactly, since 2^1 − 1 = 1 and 2^0 − 1 = 0. With graded judgments the exponential gain weighs a grade-3 document as 7 against 3 for grade 1 (linear: 3 against 1), so it rewards putting the best documents first much more. BEIR and MS MARCO report pytrec_eval/trec_eval nDCG@10, which is linear; learning-to-rank papers and LightGBM’s lambdarank use the exponential one. Say which, since the numbers are not comparable.',
      zh: '二元相关性（等级 0 和 1）下两者完全相同，因为 2^1 − 1 = 1、2^0 − 1 = 0。有分级标注时，指数增益让等级 3 的文档值 7、等级 1 的值 1（线性是 3 对 1），因此更看重把最好的文档排在最前。BEIR 和 MS MARCO 报告的是 pytrec_eval/trec_eval 的 nDCG@10，它是线性的；learning-to-rank 的论文和 LightGBM 的 lambdarank 用指数增益。要说明用的是哪一种，因为两者的数字不可比。',
    },
    numbers: [{ text: '7', equals: 7, compute: () => 2 ** 3 - 1 }],
  },
  {
    q: {
      en: 'A RAG answer needs three specific chunks. Which of these metrics tells you whether the retriever is good enough, and what do MRR and precision@k hide?',
      zh: '一个 RAG 回答需要三个特定的片段。这些指标里哪个能告诉你检索器是否够用？MRR 和 precision@k 又掩盖了什么？',
    },
    a: {
      en: 'Recall@k at the k you actually put into the prompt: the generator can only use what was retrieved, and a chunk at rank 12 is lost when k = 10. MRR looks only at the first relevant chunk, so finding one of three at rank 1 scores 1 even if the other two are missing. Precision@k divides by k, so with only three relevant chunks it can never exceed 3/k (0.3 at k = 10) even for a perfect retriever; BEIR’s R_cap@k divides by min(k, |relevant|) for that reason. nDCG adds position and grades, which matters when the prompt is long and the model reads the start more carefully.',
      zh: '看你实际放进提示词的那个 k 上的 recall@k：生成模型只能用检索到的内容，k = 10 时排在第 12 位的片段就丢了。MRR 只看第一个相关片段，三个里找到一个排在第 1 位就得 1，哪怕另外两个都没找到。precision@k 除以 k，只有三个相关片段时即使检索器完美也不会超过 3/k（k = 10 时为 0.3）；BEIR 的 R_cap@k 正因如此除以 min(k, |relevant|)。nDCG 还考虑了位置和等级，在提示词很长、模型更仔细读开头的时候很重要。',
    },
    numbers: [{ text: '0.3', equals: 0.3, compute: () => 3 / 10 }],
  },
  {
    q: {
      en: 'Your retriever returns tied scores. How do evaluation tools handle ties, and why did this kata pin a rule?',
      zh: '检索器返回了并列的分数。评测工具怎么处理并列？这个 kata 为什么要规定一个规则？',
    },
    a: {
      en: 'Tools differ: scikit-learn’s ndcg_score averages the gains over each group of tied scores (McSherry & Najork), trec_eval re-sorts the run by score and breaks ties by document id, not by the rank you wrote, and a heap or a sort in your own code keeps whatever order it happens to produce. So the same run can get different numbers from different tools. A test suite needs one deterministic answer, hence "equal score, lower index first", and it only ties scores that every correct formula computes bit for bit alike (the same vector, power-of-2 multiples, exact zeros).',
      zh: '各工具不一样：scikit-learn 的 ndcg_score 对每组并列分数的增益取平均（McSherry 与 Najork），trec_eval 按分数重新排序并用文档 id 打破并列，而不是用你写的名次，你自己代码里的堆或排序则保留它碰巧产生的顺序。所以同一个结果在不同工具里可能得到不同的数字。测试需要唯一确定的答案，所以规定“得分相等时下标小的在前”，并且只在所有正确公式都逐位算出相同结果的地方制造并列（同一个向量、2 的幂倍、恰好为 0）。',
    },
  },
  {
    q: {
      en: 'How much memory does an exact index of 10^6 embeddings of dimension 768 need, and how would you cut it?',
      zh: '10^6 个 768 维嵌入的精确索引需要多少内存？怎样减少？',
    },
    a: {
      en: 'In float32 it is 10^6 · 768 · 4 bytes = 3.072 GB (twice that in float64). Storing float16 halves it; int8 scalar quantisation quarters it with a small recall loss; product quantisation (FAISS IVF-PQ with 96 sub-vectors of one byte each) stores 96 bytes per vector, 96 MB in all, and re-ranks a shortlist with the exact vectors. Normalising once at indexing time also saves the per-query norms.',
      zh: 'float32 下是 10^6 · 768 · 4 字节 = 3.072 GB（float64 再翻倍）。存成 float16 减半；int8 标量量化减到四分之一，召回略有损失；乘积量化（FAISS IVF-PQ，96 个子向量各占一字节）每个向量只存 96 字节，总共 96 MB，再用精确向量对候选短名单重排。建索引时先归一化一次，还能省掉每次查询时的范数计算。',
    },
    numbers: [
      { text: '3.072 GB', equals: 3.072, compute: () => (N * 768 * 4) / 1e9 },
      { text: '96 MB', equals: 96, compute: () => (N * 96) / 1e6 },
    ],
  },
]);
