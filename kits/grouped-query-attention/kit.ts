import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'grouped-query-attention',
  title: {
    en: 'Grouped-query attention (GQA)',
    zh: '手写分组查询注意力（GQA）',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['attention', 'transformer', 'tensor', 'softmax', 'kv-cache'],
  seed: [75, 64, 44],
  hints: [
    {
      en: 'Query head h reads kv head floor(h / (Hq / Hkv)): consecutive query heads share one kv head. tf.tile on the head axis gives h % Hkv instead, which is wrong.',
      zh: '查询头 h 读取 kv 头 floor(h / (Hq / Hkv))：相邻的查询头共享一个 kv 头。在头这一维上用 tf.tile 得到的是 h % Hkv，是错的。',
    },
    {
      en: 'Reshape q to [B, Hkv, G·Tq, D] (or repeat each kv head G times with expandDims + tile + reshape, or tf.gather), matMul with k transposed, scale by 1/sqrt(D), tf.softmax (it subtracts the row max), matMul with v, all inside tf.tidy.',
      zh: '把 q reshape 成 [B, Hkv, G·Tq, D]（或用 expandDims + tile + reshape、tf.gather 把每个 kv 头重复 G 次），与转置的 k 做 matMul，乘以 1/sqrt(D)，用 tf.softmax（它会减去行最大值），再与 v 做 matMul，全部放在 tf.tidy 里。',
    },
    {
      en: 'Causal is bottom-right: query i sees key j iff j <= i + (Tk − Tq); build the mask with tf.range and tf.lessEqual (a JavaScript loop over positions breaks the step budget) and apply −Infinity before the softmax. In gqaSelfAttention, [B, T, H·Dh] → reshape [B, T, H, Dh] → transpose [0, 2, 1, 3]; a bare reshape to [B, H, T, Dh] mixes heads with time. Scale by 1/sqrt(Dh), not 1/sqrt(dModel).',
      zh: '因果掩码按右下角对齐：查询 i 能看到键 j 当且仅当 j <= i + (Tk − Tq)；用 tf.range 和 tf.lessEqual 构造掩码（对位置做 JavaScript 循环会超出步数预算），在 softmax 前用 −Infinity 屏蔽。gqaSelfAttention 中 [B, T, H·Dh] → reshape 成 [B, T, H, Dh] → transpose [0, 2, 1, 3]；直接 reshape 成 [B, H, T, Dh] 会把头和时间混在一起。缩放用 1/sqrt(Dh)，不是 1/sqrt(dModel)。',
    },
  ],
});
