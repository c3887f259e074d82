import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'speculative-decoding',
  title: {
    en: 'Speculative decoding: the accept/reject step',
    zh: '投机解码：接受/拒绝一步',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['decoding', 'sampling', 'probability', 'inference'],
  seed: [86],
  hints: [
    {
      en: 'Walk the draft tokens in order. For x = draftTokens[i], draw u = uniform() and accept when u < p_i[x] / q_i[x] (strict). Keep the accepted tokens; stop at the first rejection. Check every argument before the first uniform() call.',
      zh: '按顺序遍历草稿 token。对 x = draftTokens[i]，抽 u = uniform()，当 u < p_i[x] / q_i[x]（严格小于）时接受。保存接受的 token；遇到第一次拒绝就停止。在第一次调用 uniform() 之前检查所有参数。',
    },
    {
      en: 'On a rejection at i: residual r = p_i.map((v, j) => Math.max(0, v - q_i[j])), R = its sum; draw one more u and return the first j with u < (r_0 + … + r_j) / R (skip zeros). If R is 0, sample from p_i instead. If all K were accepted, draw one more u and sample the bonus from p_K the same way.',
      zh: '在位置 i 拒绝时：残差 r = p_i.map((v, j) => Math.max(0, v - q_i[j]))，R 为其和；再抽一个 u，返回第一个满足 u < (r_0 + … + r_j) / R 的 j（跳过 0）。R 为 0 时改从 p_i 采样。如果 K 个都被接受，再抽一个 u，用同样方法从 p_K 采样奖励 token。',
    },
    {
      en: 'Each row: an array of V numbers, finite, ≥ 0, |Σ − 1| ≤ 1e-9 (RangeError; a non-array or non-number is a TypeError). K ≥ 1, K draft rows, K + 1 target rows, draft tokens integers in [0, V) with q_i[x] > 0. Check each uniform() value: a number in [0, 1).',
      zh: '每一行：V 个有限、≥ 0 的数，|Σ − 1| ≤ 1e-9（否则 RangeError；不是数组或不是数字则是 TypeError）。K ≥ 1，K 行草稿、K + 1 行目标，草稿 token 是 [0, V) 内的整数且 q_i[x] > 0。检查 uniform() 的每个返回值：[0, 1) 内的数。',
    },
  ],
});
