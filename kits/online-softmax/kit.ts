import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'online-softmax',
  title: {
    en: 'Online softmax and tiled attention',
    zh: '在线 softmax 与分块注意力',
  },
  minutes: 30,
  difficulty: 'hard',
  kind: 'tensor',
  tags: ['attention', 'flash-attention', 'numerics', 'memory'],
  seed: [8, 80],
  hints: [
    {
      en: 'Keep a running max m (starting at −∞) and a running sum ℓ of e^{x−m}. When a block raises the max to m′, rescale the old sum by e^{m−m′} before adding the block.',
      zh: '维护当前最大值 m（初值 −∞）和 e^{x−m} 的累加和 ℓ。某个块把最大值提高到 m′ 时，先把旧的和乘以 e^{m−m′}，再加上这个块。',
    },
    {
      en: 'Attention: per query block keep m, ℓ and an unnormalised output O. For each key block, scale O by the same e^{m−m′} as ℓ, add e^{S−m′}·V, and divide by ℓ only at the very end.',
      zh: '注意力：每个查询块维护 m、ℓ 和未归一化的输出 O。每处理一个键块，O 与 ℓ 乘以同一个 e^{m−m′}，再加上 e^{S−m′}·V；最后才除以 ℓ。',
    },
    {
      en: 'Causal is bottom-right aligned: key j is visible to query i when j ≤ i + Tk − Tq, using absolute indices, not in-block ones. Skip key blocks a row cannot see, and release each block’s tensors (a tf.tidy per block) so memory stays linear in T.',
      zh: '因果掩码右下对齐：当 j ≤ i + Tk − Tq 时查询 i 可以看到键 j，用全局下标而不是块内下标。跳过整行都看不到的键块，并及时释放每个块的张量（每块一个 tf.tidy），使显存随 T 线性增长。',
    },
  ],
});
