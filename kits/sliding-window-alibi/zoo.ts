import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'window-off-by-one',
    hint: {
      en: 'With window 2, how many keys does a query far from the start see?',
      zh: 'window 为 2 时，离开头较远的查询能看到几个键？',
    },
    why: {
      en: 'Keeps keys with j >= i − window instead of j > i − window, so every row sees window + 1 keys: the window is read as "how far back" rather than "how many keys, the query itself included" (HF masking_utils: kv_idx > q_idx − sliding_window).',
      zh: '保留了 j >= i − window 的键，而不是 j > i − window，于是每行能看到 window + 1 个键：把 window 理解成“往回看多远”，而不是“包括查询自身在内共几个键”（HF masking_utils：kv_idx > q_idx − sliding_window）。',
    },
    edits: [['tf.greater(j, i.sub(window))', 'tf.greaterEqual(j, i.sub(window))']],
  },
  {
    id: 'window-without-causal',
    hint: { en: 'With a window, can a query see a later key?', zh: '有 window 时，查询能看到后面的键吗？' },
    why: {
      en: 'Uses the sliding-window condition j > i − window alone and drops j <= i: HF writes the window as an overlay to AND with the causal mask, and taking the overlay for the whole mask lets every query see all future keys.',
      zh: '只用了滑动窗口条件 j > i − window，丢掉了 j <= i：HF 把窗口写成要与因果掩码取 AND 的 overlay，把 overlay 当成整个掩码，就让每个查询看到了所有未来的键。',
    },
    edits: [
      [
        'return window === undefined ? causal : tf.logicalAnd(causal, tf.greater(j, i.sub(window)));',
        'return window === undefined ? causal : tf.greater(j, i.sub(window));',
      ],
    ],
  },
  {
    id: 'causal-excludes-self',
    hint: { en: 'Can a query see the key at its own position?', zh: '查询能看到与自己同一位置的键吗？' },
    why: {
      en: 'Tests j < i instead of j <= i, so a query never sees itself: the first row (and every row with window 1) is all −Infinity, and its softmax is 0/0 = NaN.',
      zh: '用了 j < i 而不是 j <= i，查询看不到自己：第一行（以及 window 为 1 时的每一行）全是 −Infinity，其 softmax 是 0/0 = NaN。',
    },
    edits: [['const causal = tf.lessEqual(j, i);', 'const causal = tf.less(j, i);']],
  },
  {
    id: 'mask-top-left',
    hint: {
      en: 'Where do the queries sit when Tq < Tk (a KV-cache step)?',
      zh: 'Tq < Tk（KV cache 的一步）时，查询位于哪些位置？',
    },
    why: {
      en: 'Puts query row r at position r instead of pastLength + r, aligning the mask top-left: with cached keys a decode step sees only key 0, the way a mask written for training (Tq = Tk) breaks once a KV cache is added.',
      zh: '把第 r 行查询放在位置 r，而不是 pastLength + r，掩码按左上角对齐：有缓存键时，解码的一步只看得到键 0——为训练（Tq = Tk）写的掩码加上 KV cache 后就是这样坏掉的。',
    },
    edits: [['const visible = visibility(tq, tk, past, window);', 'const visible = visibility(tq, tk, 0, window);']],
  },
  {
    id: 'mask-nan',
    hint: { en: 'Look at the visible entries of the mask.', zh: '看看掩码中可见位置的值。' },
    why: {
      en: 'Builds the mask as (not visible) · (−Infinity): hidden entries are 1 · −∞ = −∞, but visible ones are 0 · −∞ = NaN, which then turns every score and every output into NaN.',
      zh: '用 (不可见) · (−Infinity) 构造掩码：隐藏位置是 1 · −∞ = −∞，可见位置却是 0 · −∞ = NaN，于是所有分数和输出都变成 NaN。',
    },
    edits: [
      [
        'return tf.where(visible, tf.zeros([tq, tk]), tf.fill([tq, tk], Number.NEGATIVE_INFINITY)) as tf.Tensor2D;',
        'return tf.logicalNot(visible).toFloat().mul(Number.NEGATIVE_INFINITY) as tf.Tensor2D;',
      ],
    ],
  },
  {
    id: 'mask-large-negative',
    hint: { en: 'What exactly is stored at a hidden entry?', zh: '隐藏位置存的究竟是什么值？' },
    why: {
      en: 'Fills hidden entries with −1e9 instead of −Infinity. Attention barely changes, but the prompt pins −Infinity (as in PyTorch scaled_dot_product_attention), and −1e9 is not "hidden" for a caller who adds it to scores of similar size or checks for −∞.',
      zh: '隐藏位置填了 −1e9 而不是 −Infinity。注意力结果几乎不变，但题面规定了 −Infinity（与 PyTorch scaled_dot_product_attention 一致），而 −1e9 对把它加到同量级分数上、或检查 −∞ 的调用者来说并不算“隐藏”。',
    },
    edits: [['tf.fill([tq, tk], Number.NEGATIVE_INFINITY)', 'tf.fill([tq, tk], -1e9)']],
  },
  {
    id: 'slopes-direct-formula',
    hint: { en: 'Try a head count that is not a power of two, such as 6.', zh: '试试不是 2 的幂的头数，比如 6。' },
    why: {
      en: 'Uses 2^(−8k/h) for every head count. It is the rule for powers of two only; for h = 6 the paper takes the 4 slopes of 4 heads and then every other slope of 8 heads, so checkpoints such as BLOOM (112 heads) get different biases.',
      zh: '对任何头数都用 2^(−8k/h)。这只是 2 的幂时的规则；h = 6 时论文取 4 个头的 4 个斜率，再取 8 个头斜率中隔一个取一个，所以像 BLOOM（112 个头）这样的权重会得到不同的偏置。',
    },
    edits: [['const n = 2 ** Math.floor(Math.log2(numHeads));', 'const n = numHeads;']],
  },
  {
    id: 'slopes-first-not-every-other',
    hint: {
      en: 'For 6 heads, which slopes of 8 heads are the extra two?',
      zh: '6 个头时，额外的两个斜率是 8 个头斜率中的哪两个？',
    },
    why: {
      en: 'Takes the first h − n slopes of 2n heads (2^-1, 2^-2) instead of every other one (get_slopes(2n)[0::2]: 2^-1, 2^-3), i.e. powers 1, 2, 3 of 2^(−4/n) instead of the odd powers 1, 3, 5.',
      zh: '取了 2n 个头斜率中的前 h − n 个（2^-1、2^-2），而不是隔一个取一个（get_slopes(2n)[0::2]：2^-1、2^-3），即 2^(−4/n) 的 1、2、3 次幂，而不是奇数次幂 1、3、5。',
    },
    edits: [['slopes.push(extraBase ** (2 * k + 1));', 'slopes.push(extraBase ** (k + 1));']],
  },
  {
    id: 'slopes-next-power',
    hint: {
      en: 'For 3 heads, which power of two are the slopes built from?',
      zh: '3 个头时，斜率是由哪个 2 的幂构造的？',
    },
    why: {
      en: 'Rounds the head count up to the next power of two and keeps its first h slopes (2^floor → 2^ceil): for 6 heads that is the first six slopes of 8 heads, not the 4 slopes of 4 heads followed by odd slopes of 8.',
      zh: '把头数向上取到下一个 2 的幂，再取其前 h 个斜率（2^floor 写成了 2^ceil）：6 个头时得到 8 个头的前六个斜率，而不是 4 个头的 4 个斜率再接上 8 个头的奇数位斜率。',
    },
    edits: [
      ['const n = 2 ** Math.floor(Math.log2(numHeads));', 'const n = 2 ** Math.ceil(Math.log2(numHeads));'],
      ['  return slopes;\n}', '  return slopes.slice(0, numHeads);\n}'],
    ],
  },
  {
    id: 'bias-sign-flipped',
    hint: {
      en: 'Should a distant past key get more or less weight?',
      zh: '较远的过去的键应当得到更多还是更少的权重？',
    },
    why: {
      en: 'Computes slope · (i − j), which rewards distant keys instead of penalising them: the bias is positive in the past, and attention drifts towards the oldest visible tokens.',
      zh: '算成了 slope · (i − j)，奖励远处的键而不是惩罚它们：过去方向的偏置为正，注意力偏向最早的可见 token。',
    },
    edits: [
      [
        'const distance = tf.sub(keyPositions(tk), queryPositions(tq, past)).toFloat();',
        'const distance = tf.sub(queryPositions(tq, past), keyPositions(tk)).toFloat();',
      ],
    ],
  },
  {
    id: 'bias-symmetric',
    hint: { en: 'Look at the bias of a future key (j > i).', zh: '看看未来的键（j > i）的偏置。' },
    why: {
      en: 'Uses −slope · |j − i|, the bidirectional variant, so future entries are negative instead of slope · (j − i) > 0. Under the causal mask attention is unchanged, but the bias tensor the prompt defines is not.',
      zh: '用了 −slope · |j − i|（双向的变体），于是未来位置为负，而不是 slope · (j − i) > 0。在因果掩码下注意力不变，但题面定义的偏置张量变了。',
    },
    edits: [
      [
        'const distance = tf.sub(keyPositions(tk), queryPositions(tq, past)).toFloat();',
        'const distance = tf.sub(keyPositions(tk), queryPositions(tq, past)).abs().neg().toFloat();',
      ],
    ],
  },
  {
    id: 'bias-row-index',
    hint: {
      en: 'Compare alibiBias(1, 1, 4) with the bias at the last row of alibiBias(1, 4, 4).',
      zh: '比较 alibiBias(1, 1, 4) 与 alibiBias(1, 4, 4) 最后一行的偏置。',
    },
    why: {
      en: "Measures the distance from the query row r instead of its position pastLength + r: with cached keys the 0 is no longer on the query's own key. Attention is unchanged (a constant per row), which is why the bias tensor itself must be checked.",
      zh: '距离是从查询的行号 r 算起，而不是从它的位置 pastLength + r：有缓存键时，0 不再落在查询自己的键上。注意力不变（每行差一个常数），所以必须直接检查偏置张量本身。',
    },
    edits: [
      [
        'const distance = tf.sub(keyPositions(tk), queryPositions(tq, past)).toFloat();',
        'const distance = tf.sub(keyPositions(tk), queryPositions(tq, 0)).toFloat();',
      ],
    ],
  },
  {
    id: 'bias-before-scaling',
    hint: { en: 'Try ALiBi with a head size D larger than 1.', zh: '试试 ALiBi 加上大于 1 的头维度 D。' },
    why: {
      en: 'Adds the ALiBi bias to q·kᵀ and scales the sum by 1/√D, so the bias shrinks with the head size; the bias belongs to the already scaled scores (BLOOM adds it as baddbmm(alibi, q, kᵀ, alpha = 1/√D)).',
      zh: '把 ALiBi 偏置加到 q·kᵀ 上，再把和乘以 1/√D，于是偏置随头维度缩小；偏置应加在已经缩放过的分数上（BLOOM 写成 baddbmm(alibi, q, kᵀ, alpha = 1/√D)）。',
    },
    edits: [
      [
        'let scores = tf.matMul(q, k, false, true).mul(1 / Math.sqrt(d));\n    if (alibi) scores = scores.add(alibiBias(h, tq, tk));',
        'let scores = tf.matMul(q, k, false, true);\n    if (alibi) scores = scores.add(alibiBias(h, tq, tk));\n    scores = scores.mul(1 / Math.sqrt(d));',
      ],
    ],
  },
  {
    id: 'bias-after-softmax',
    hint: { en: 'Do the attention weights of a row still sum to 1?', zh: '每行的注意力权重之和还是 1 吗？' },
    why: {
      en: 'Adds the ALiBi bias to the softmax probabilities instead of to the scores, so the weights no longer sum to 1 and future keys, hidden by the mask, get positive weight from the bias.',
      zh: '把 ALiBi 偏置加在 softmax 之后的概率上，而不是加在分数上，于是权重之和不再为 1，被掩码遮住的未来的键还从偏置那里得到了正权重。',
    },
    edits: [
      ['    if (alibi) scores = scores.add(alibiBias(h, tq, tk));\n', ''],
      [
        'return tf.matMul(tf.softmax(scores.add(mask)), v) as tf.Tensor3D;',
        'const weights = tf.softmax(scores.add(mask));\n    return tf.matMul(alibi ? weights.add(alibiBias(h, tq, tk)) : weights, v) as tf.Tensor3D;',
      ],
    ],
  },
  {
    id: 'window-ignored-in-attention',
    hint: {
      en: 'Does attentionWithBias change when you pass a window?',
      zh: '给 attentionWithBias 传 window，结果会变吗？',
    },
    why: {
      en: 'Validates options.window but builds the plain causal mask, so attention is never windowed: the mask function is right and the option is lost on the way.',
      zh: '检查了 options.window，却构造了普通的因果掩码，于是注意力从未加窗：掩码函数本身是对的，选项在传递途中丢了。',
    },
    edits: [['const mask = slidingWindowMask(tq, tk, { window });', 'const mask = slidingWindowMask(tq, tk);']],
  },
  {
    id: 'bloom-bias-in-alibi-bias',
    base: 'alt-band-part',
    hint: { en: 'Where is the 0 of each row of alibiBias?', zh: 'alibiBias 每一行的 0 在哪里？' },
    why: {
      en: "Returns BLOOM's shortcut slope · j (the same for every row) from alibiBias: softmax does not see the missing −slope · i, so attention is right, but the bias tensor the prompt defines, slope · (j − i), is not.",
      zh: 'alibiBias 返回了 BLOOM 的捷径 slope · j（每行都相同）：softmax 看不出少了 −slope · i，所以注意力是对的，但题面定义的偏置张量 slope · (j − i) 错了。',
    },
    edits: [['return tf.sub(keys, queries) as tf.Tensor3D;', 'return keys.tile([1, tq, 1]) as tf.Tensor3D;']],
  },
  {
    id: 'band-part-off-by-one',
    base: 'alt-band-part',
    hint: { en: 'How many sub-diagonals does a window of 2 keep?', zh: '窗口为 2 时保留几条次对角线？' },
    why: {
      en: 'Passes numLower = window to tf.linalg.bandPart: the band keeps the diagonal plus window sub-diagonals, so each query sees window + 1 keys.',
      zh: '给 tf.linalg.bandPart 传了 numLower = window：带状部分保留主对角线再加 window 条次对角线，于是每个查询能看到 window + 1 个键。',
    },
    edits: [['window >= tk ? -1 : window - 1;', 'window >= tk ? -1 : window;']],
  },
]);
