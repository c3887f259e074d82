import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'mha-kv-cache',
  title: {
    en: 'Multi-head attention with a KV cache',
    zh: '带 KV 缓存的多头注意力',
  },
  minutes: 30,
  difficulty: 'hard',
  kind: 'tensor',
  tags: ['attention', 'kv-cache', 'inference', 'rope'],
  seed: [86],
  hints: [
    {
      en: 'The new tokens sit at absolute positions L … L+T−1 (L = cache.length). Project q, k, v, split heads as [B, H, T, Dh] (reshape, then transpose), and write k, v into cache slots [L, L+T).',
      zh: '新 token 位于绝对位置 L … L+T−1（L = cache.length）。投影出 q、k、v，拆成 [B, H, T, Dh]（先 reshape 再 transpose），再把 k、v 写入缓存的 [L, L+T) 槽位。',
    },
    {
      en: 'Attend over slots [0, L+T) only, never all Tmax: query i sees slot j when j ≤ L + i. Scale scores by 1/√Dh, not 1/√D.',
      zh: '只在 [0, L+T) 的槽位上做注意力，不要用全部 Tmax：查询 i 能看到槽位 j 当且仅当 j ≤ L + i。分数乘以 1/√Dh，而不是 1/√D。',
    },
    {
      en: 'With RoPE, rotate q and k at their absolute positions L+i before caching k. Build the new cache with tf.concat/slice instead of mutating the old one, and keep the returned tensors out of your tf.tidy’s disposal.',
      zh: '使用 RoPE 时，在写入缓存之前按绝对位置 L+i 旋转 q 和 k。用 tf.concat/slice 构造新缓存，不要修改旧缓存；返回的张量不能被 tf.tidy 释放。',
    },
  ],
});
