import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'rope',
  title: {
    en: 'Rotary position embedding (RoPE)',
    zh: '旋转位置编码（RoPE）',
  },
  minutes: 15,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['positional-encoding', 'attention', 'tensor', 'broadcasting'],
  seed: [55, 32, 88],
  hints: [
    {
      en: 'Each pair of features (a, b) is rotated by theta = pos · base^(−2i/D): out_a = a·cos − b·sin, out_b = b·cos + a·sin. Build a [T, D/2] table of angles once; every leading axis shares it.',
      zh: '每对特征 (a, b) 旋转角度 theta = pos · base^(−2i/D)：out_a = a·cos − b·sin，out_b = b·cos + a·sin。先构造一张 [T, D/2] 的角度表，所有前导维共用。',
    },
    {
      en: "'half' pairs x[i] with x[i+D/2]: split the last axis in two halves. 'interleaved' pairs x[2i] with x[2i+1]: reshape to [..., T, D/2, 2]. The same cos/sin table of shape [T, D/2] broadcasts in both cases.",
      zh: "'half' 把 x[i] 与 x[i+D/2] 配对：把最后一维切成两半。'interleaved' 把 x[2i] 与 x[2i+1] 配对：reshape 成 [..., T, D/2, 2]。两种情况都能广播同一张 [T, D/2] 的 cos/sin 表。",
    },
    {
      en: "Use positions when given (decode offset), else 0..T−1; the default style is 'half'. Check your sign on x = [1..8] at position 1: out[0] = 1·cos 1 − 5·sin 1 ≈ −3.667. Wrap it all in tf.tidy, return float32 of x's exact shape, and throw RangeError for rank < 2, odd D, a wrong positions length, a position that is not a non-negative integer, a base that is not finite and > 0, or an unknown style (TypeError for a non-tensor x or non-numeric positions or base).",
      zh: "给了 positions 就用它（解码偏移），否则用 0..T−1；默认 style 是 'half'。用 x = [1..8]、位置 1 检查符号：out[0] = 1·cos 1 − 5·sin 1 ≈ −3.667。全部放进 tf.tidy，返回与 x 形状完全相同的 float32 张量；秩小于 2、D 为奇数、positions 长度不对、某个位置不是非负整数、base 不是大于 0 的有限数或未知 style 时抛 RangeError（x 不是张量、positions 或 base 不是数字时抛 TypeError）。",
    },
  ],
});
