import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'sliding-window-alibi',
  title: {
    en: 'Sliding-window masks and ALiBi biases',
    zh: '滑动窗口掩码与 ALiBi 偏置',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['attention', 'positional-encoding', 'long-context', 'masking', 'tensor', 'kv-cache'],
  seed: [88, 32],
  hints: [
    {
      en: 'Query row r sits at position i = (tk − tq) + r and key column j at j. It sees j iff j <= i and j > i − window (window counts its own key). ALiBi adds slope · (j − i): 0 on its own key, negative into the past.',
      zh: '第 r 行查询位于位置 i = (tk − tq) + r，第 j 列键位于 j。它能看到 j 当且仅当 j <= i 且 j > i − window（window 包括自己的键）。ALiBi 加上 slope · (j − i)：自己的键为 0，越往过去越负。',
    },
    {
      en: 'Build i as tf.range(tk − tq, tk).reshape([tq, 1]) and j as tf.range(0, tk).reshape([1, tk]); comparisons broadcast to [tq, tk], and tf.where(visible, 0, −Infinity) gives the mask. Slopes: n = 2^floor(log2 h); 2^(−8k/n) for k = 1..n, then 2^(−4(2m+1)/n) for m = 0..h−n−1.',
      zh: '用 tf.range(tk − tq, tk).reshape([tq, 1]) 表示 i，用 tf.range(0, tk).reshape([1, tk]) 表示 j；比较会广播成 [tq, tk]，tf.where(visible, 0, −Infinity) 就是掩码。斜率：n = 2^floor(log2 h)；k = 1..n 时为 2^(−8k/n)，然后 m = 0..h−n−1 时为 2^(−4(2m+1)/n)。',
    },
    {
      en: 'In attention: scores = q·kᵀ / sqrt(D), then add the ALiBi bias [H, Tq, Tk] and the mask [Tq, Tk] (both broadcast), tf.softmax, times v, all in tf.tidy. Check every argument first: TypeError for non-numbers, non-tensors or a non-boolean alibi; RangeError for a count that is not a positive integer, tq > tk, a pastLength other than tk − tq, a rank other than 3 or mismatched shapes.',
      zh: '注意力中：scores = q·kᵀ / sqrt(D)，再加上 ALiBi 偏置 [H, Tq, Tk] 和掩码 [Tq, Tk]（都会广播），tf.softmax，乘以 v，全部放在 tf.tidy 里。先检查每个参数：非数字、非张量或 alibi 不是布尔值时抛 TypeError；计数不是正整数、tq > tk、pastLength 不等于 tk − tq、秩不是 3 或形状不匹配时抛 RangeError。',
    },
  ],
});
