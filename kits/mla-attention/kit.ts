import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'mla-attention',
  title: {
    en: 'Multi-head latent attention (MLA)',
    zh: '多头潜在注意力（MLA）',
  },
  minutes: 30,
  difficulty: 'hard',
  kind: 'tensor',
  tags: ['attention', 'transformer', 'tensor', 'kv-cache', 'positional-encoding', 'inference'],
  seed: [51, 69],
  hints: [
    {
      en: "Per new token at position p = Tpast + t: c = h·wDkv and k_R = RoPE(h·wKr, p) are what you cache (append to the past rows). Per head, [q_C; q_R] are the first dHead and last dRope columns of that head's block of h·wQ; k_C and v come from the whole cache of c through wUk, wUv (head h = columns h·dHead …).",
      zh: '对位于 p = Tpast + t 的每个新 token：c = h·wDkv 和 k_R = RoPE(h·wKr, p) 就是要缓存的东西（接在过去的行之后）。每个头的 [q_C; q_R] 是 h·wQ 中该头那一块的前 dHead 列和后 dRope 列；k_C 和 v 由整个 c 缓存经 wUk、wUv 得到（头 h = 第 h·dHead … 列）。',
    },
    {
      en: 'Score = (q_C·k_C + q_R·k_R) / √(dHead + dRope); the rope key has no head axis, so q_R of every head dots the same [S, dRope] matrix. RoPE is interleaved: pairs (2i, 2i+1), angle p·base^(−2i/dRope). Mask: query t sees slots j ≤ Tpast + t.',
      zh: '分数 = (q_C·k_C + q_R·k_R) / √(dHead + dRope)；rope 键没有头这一维，所以每个头的 q_R 都与同一个 [S, dRope] 矩阵做点积。RoPE 是交错式的：配对 (2i, 2i+1)，角度 p·base^(−2i/dRope)。掩码：查询 t 看到槽位 j ≤ Tpast + t。',
    },
    {
      en: "Absorbed: wUk.reshape([dLatent, H, dHead]).transpose([1, 2, 0]) is W_UK,hᵀ per head; q_C·that is a [H, T, dLatent] query scored against cKv directly. After the softmax, weights·cKv is [H, T, dLatent]; times wUv.reshape([dLatent, H, dHead]).transpose([1, 0, 2]) gives the heads' outputs. Everything inside tf.tidy.",
      zh: '吸收形式：wUk.reshape([dLatent, H, dHead]).transpose([1, 2, 0]) 就是每个头的 W_UK,hᵀ；q_C 乘它得到 [H, T, dLatent] 的查询，直接与 cKv 打分。softmax 之后，权重·cKv 是 [H, T, dLatent]；再乘 wUv.reshape([dLatent, H, dHead]).transpose([1, 0, 2]) 就得到各头的输出。全部放在 tf.tidy 里。',
    },
  ],
});
