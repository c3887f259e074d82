import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'beam-search',
  title: {
    en: 'Beam search with length penalty and EOS',
    zh: '带长度惩罚与 EOS 的束搜索',
  },
  minutes: 25,
  difficulty: 'hard',
  kind: 'algorithm',
  tags: ['decoding', 'beam-search', 'search', 'sorting'],
  seed: [59],
  hints: [
    {
      en: 'Keep running beams as { tokens, sum } starting from one empty beam. Each position: call step once per beam on [...prompt, ...tokens], make a candidate (beam, token, sum + logProb) for every token, and sort them all: higher sum first, then lower beam index, then lower token id.',
      zh: '把运行中的束保存为 { tokens, sum }，从一个空束开始。每个位置：对每个束调用一次 step([...prompt, ...tokens])，为每个 token 生成候选 (beam, token, sum + logProb)，然后把所有候选一起排序：sum 大的在前，再按束下标小的、token id 小的在前。',
    },
    {
      en: 'Walk the ranking once. A candidate finishes if its token is EOS or this is position maxNewTokens; it joins the pool only if its rank < numBeams, with score sum / position ** lengthPenalty (position counts the EOS, not the prompt). Any other candidate becomes a next beam while fewer than numBeams have been taken.',
      zh: '把排好的候选遍历一遍。token 是 EOS 或当前是第 maxNewTokens 个位置时候选结束；只有名次 < numBeams 的结束候选才进入池子，分数为 sum / position ** lengthPenalty（position 计入 EOS，不计 prompt）。其他候选在下一轮的束不足 numBeams 个时加入。',
    },
    {
      en: 'After each position sort the pool by score with a stable sort (equal scores keep the order they finished in) and keep its first numBeams; stop as soon as it holds numBeams (early_stopping=True). Validate every option before the first step call, and every step output (an array of V numbers, no NaN or +Infinity).',
      zh: '每个位置之后用稳定排序按分数排序池子（分数相同保持结束的先后顺序），只保留前 numBeams 个；池子一满 numBeams 个就停止（early_stopping=True）。在第一次调用 step 之前检查所有选项，并检查每次 step 的输出（V 个数的数组，不能有 NaN 或 +Infinity）。',
    },
  ],
});
