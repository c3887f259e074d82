import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'sampling',
  title: {
    en: 'Sampling: temperature, top-k, top-p, repetition penalty',
    zh: '采样：温度、top-k、top-p 与重复惩罚',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['decoding', 'sampling', 'probability', 'logits-processing'],
  seed: [59],
  hints: [
    {
      en: 'Follow HF generate order: repetition penalty first, then temperature (divide by t) → top-k → top-p, each only when its option is given. Removed tokens become -Infinity, so softmax gives them probability 0. Never modify the inputs: map to new arrays.',
      zh: '按 HF generate 的顺序：先重复惩罚，然后温度（除以 t）→ top-k → top-p，只在给出对应选项时执行。被移除的 token 设为 -Infinity，softmax 后概率为 0。不要修改输入：用 map 生成新数组。',
    },
    {
      en: 'Top-k: sort a copy descending, take the k-th value, keep every logit >= it (ties kept). Top-p: softmax (subtract the max first), sort ids by probability descending (a stable sort keeps the lower index first on ties), keep ids while the mass before them is < p, and at least minKeep.',
      zh: 'top-k：把副本降序排序，取第 k 个值，保留所有 >= 它的 logit（并列保留）。top-p：softmax（先减去最大值），按概率降序排序 id（稳定排序使并列时下标小的在前），当前面的累计质量 < p 时保留该 id，且至少保留 minKeep 个。',
    },
    {
      en: 'Penalty: one pass over a Set of the distinct previous ids: v < 0 ? v * penalty : v / penalty. Sampling: draw u = rng() exactly once, then walk the probabilities in vocabulary index order and return the first i with u < running sum.',
      zh: '惩罚：对 previous 中不同 id 组成的 Set 处理一次：v < 0 ? v * penalty : v / penalty。采样：只调用一次 u = rng()，再按词表下标顺序累加概率，返回第一个满足 u < 累计和的 i。',
    },
  ],
});
