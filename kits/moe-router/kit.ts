import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'moe-router',
  title: {
    en: 'Mixture-of-experts router',
    zh: '混合专家（MoE）路由',
  },
  minutes: 25,
  difficulty: 'hard',
  kind: 'tensor',
  tags: ['moe', 'routing', 'load-balancing', 'top-k'],
  seed: [83],
  hints: [
    {
      en: 'Softmax over all E experts first, then take the top k (ties to the lower index). With normalize (the default), divide the k gates by their sum.',
      zh: '先在全部 E 个专家上做 softmax，再取 top k（并列取下标小者）。normalize（默认开启）时，把这 k 个门控值除以它们的和。',
    },
    {
      en: 'Capacity is ceil(k·T·cf / E). Fill it slot-major: every token’s first choice in token order, then every second choice. A dropped assignment contributes 0; do not renormalise after dropping.',
      zh: '容量为 ceil(k·T·cf / E)。按槽位优先填充：先按 token 顺序放所有第一选择，再放所有第二选择。被丢弃的分配贡献为 0，丢弃后不要重新归一化。',
    },
    {
      en: 'Aux loss = E·Σᵢ fᵢ·Pᵢ: fᵢ is the share of the T·k assignments (before dropping) that chose expert i, Pᵢ the mean full-softmax probability. It is 1 when perfectly balanced.',
      zh: '辅助损失 = E·Σᵢ fᵢ·Pᵢ：fᵢ 是（丢弃之前）T·k 个分配中选择专家 i 的比例，Pᵢ 是完整 softmax 概率的平均值。完全均衡时等于 1。',
    },
  ],
});
