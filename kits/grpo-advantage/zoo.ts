import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'aggregation-swapped',
    hint: {
      en: 'Per-token losses [[1,2,3],[4,·,·]] with mask [[1,1,1],[1,0,0]]: which aggregation gives 3 and which 2.5?',
      zh: '逐 token 损失 [[1,2,3],[4,·,·]]、mask [[1,1,1],[1,0,0]]：哪种聚合得到 3，哪种得到 2.5？',
    },
    why: {
      en: "Swaps the two aggregations: 'sequence' averages over every token of the batch and 'token' per sequence (TRL's names grpo vs bnpo/dapo are easy to mix up), so the example gives 2.5 for 'sequence' instead of 3.",
      zh: "把两种聚合方式弄反了：'sequence' 变成对整个 batch 的所有 token 取平均，'token' 变成按序列平均（TRL 里 grpo 与 bnpo/dapo 的名字很容易混），于是示例中 'sequence' 得到 2.5 而不是 3。",
    },
    edits: [
      [
        "  if (aggregation === 'sequence' && read.subarray(0, b).some((c) => c === 0)) {",
        "  if (aggregation === 'token' && read.subarray(0, b).some((c) => c === 0)) {",
      ],
      [
        "    if (aggregation === 'sequence') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;",
        "    if (aggregation === 'token') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;",
      ],
    ],
  },
  {
    id: 'batch-statistics',
    hint: {
      en: "Whose mean is subtracted from a reward: its group's or the whole batch's?",
      zh: '从奖励中减去的是谁的均值：本组的，还是整个 batch 的？',
    },
    why: {
      en: "Normalises with the whole batch's mean and std instead of each group's: rewards of different prompts are compared with each other, which is exactly what GRPO's per-prompt baseline avoids (an easy prompt makes every other prompt's answers look bad).",
      zh: '用整个 batch 的均值和标准差而不是每组自己的来归一化：不同 prompt 的奖励被拿来互相比较，而这正是 GRPO 按 prompt 设基线要避免的（一个简单的 prompt 会让其他 prompt 的回答都显得很差）。',
    },
    edits: [
      [
        "  const batchStd = scale === 'batch' ? unbiasedStd(rewards, 0, n) : 0;",
        '  const batchStd = unbiasedStd(rewards, 0, n);',
      ],
      ['    const mean = meanOf(rewards, from, to);', '    const mean = meanOf(rewards, 0, n);'],
      ["(scale === 'group' ? unbiasedStd(rewards, from, to) : batchStd) + eps;", 'batchStd + eps;'],
    ],
  },
  {
    id: 'biased-std',
    hint: {
      en: 'Which standard deviation: divided by n or by n − 1? Check the group [3,3,3,0].',
      zh: '用哪种标准差：除以 n 还是 n − 1？看看组 [3,3,3,0]。',
    },
    why: {
      en: 'Divides by n instead of n − 1 (the numpy / tf.moments default, the population std), where TRL uses torch.std, which is unbiased: the group [3,3,3,0] gives 0.577306 instead of 0.499967.',
      zh: '除以 n 而不是 n − 1（numpy / tf.moments 的默认做法，即总体标准差），而 TRL 用的 torch.std 是无偏的：组 [3,3,3,0] 得到 0.577306 而不是 0.499967。',
    },
    edits: [['  return Math.sqrt(ss / (to - from - 1));', '  return Math.sqrt(ss / (to - from));']],
  },
  {
    id: 'eps-inside-sqrt',
    hint: {
      en: 'Where does eps go: on the std, or inside the square root? Try [0, 1] with eps 0.5.',
      zh: 'eps 加在哪里：加在标准差上，还是放进平方根里？试试 [0, 1]、eps 0.5。',
    },
    why: {
      en: 'Adds eps inside the square root, sqrt(var + eps), as layer norm does, instead of std + eps as TRL does: [0, 1] with eps 0.5 gives ±0.5/1 instead of ±0.5/(0.7071 + 0.5).',
      zh: '像 layer norm 那样把 eps 放进平方根里，sqrt(var + eps)，而不是 TRL 的 std + eps：[0, 1]、eps 0.5 得到 ±0.5/1，而不是 ±0.5/(0.7071 + 0.5)。',
    },
    edits: [
      [
        "(scale === 'group' ? unbiasedStd(rewards, from, to) : batchStd) + eps;",
        "Math.sqrt((scale === 'group' ? unbiasedStd(rewards, from, to) : batchStd) ** 2 + eps);",
      ],
    ],
  },
  {
    id: 'interleaved-groups',
    hint: {
      en: 'Which rewards form group 0: the first G, or every (N/G)-th? Try [0,0,1,1] with G = 2.',
      zh: '哪些奖励组成第 0 组：前 G 个，还是每隔 N/G 个取一个？试试 [0,0,1,1]、G = 2。',
    },
    why: {
      en: 'Reads the batch as view(G, −1) and transposes, so group g is rewards[g], rewards[g + N/G], …, instead of the contiguous run TRL gets from view(−1, G): [0,0,1,1] with G = 2 pairs 0 with 1 and gives ±0.7 instead of all zeros.',
      zh: '把 batch 当作 view(G, −1) 再转置，于是第 g 组是 rewards[g]、rewards[g + N/G]、……，而不是 TRL 用 view(−1, G) 得到的连续片段：[0,0,1,1]、G = 2 把 0 和 1 配成一组，得到 ±0.7 而不是全 0。',
    },
    edits: [
      [
        '  const n = rewards.length;\n',
        '  const n = rewards.length;\n  rewards = Array.from({ length: n }, (_, i) => rewards[(i % groupSize) * (n / groupSize) + Math.floor(i / groupSize)] as number);\n',
      ],
    ],
  },
  {
    id: 'nan-constant-group',
    hint: {
      en: 'A constant group with eps 0: [2,2,2,2].',
      zh: 'eps 为 0 时的常数组：[2,2,2,2]。',
    },
    why: {
      en: 'Divides by std + eps without a special case: fine for eps > 0, but with eps 0 a constant group gives 0/0 = NaN, and one NaN advantage poisons the whole gradient step.',
      zh: '直接除以 std + eps，不做特殊处理：eps > 0 时没问题，但 eps 为 0 时常数组得到 0/0 = NaN，而一个 NaN 优势就会毁掉整个梯度更新。',
    },
    edits: [
      [
        '    if (constant(rewards, from, to)) {\n      for (let i = from; i < to; i++) out[i] = 0;\n      continue;\n    }\n',
        '',
      ],
    ],
  },
  {
    id: 'std-zero-test',
    hint: {
      en: 'A constant group of 0.1s with eps 0: [0.1, 0.1, 0.1].',
      zh: 'eps 为 0 时由 0.1 组成的常数组：[0.1, 0.1, 0.1]。',
    },
    why: {
      en: "Detects a constant group by testing std === 0. The float mean of three 0.1s is 0.10000000000000002, so the residues and the computed std are about 1e-17, not 0: with eps 0 each of the three gives −0.816497 instead of 0 (and scale 'none' leaves 1e-17 residues).",
      zh: "用 std === 0 判断常数组。三个 0.1 的浮点均值是 0.10000000000000002，所以残差和算出的标准差都约为 1e-17 而不是 0：eps 为 0 时三个值都是 −0.816497 而不是 0（scale 为 'none' 时则留下 1e-17 的残差）。",
    },
    edits: [['    if (constant(rewards, from, to)) {', '    if (unbiasedStd(rewards, from, to) === 0) {']],
  },
  {
    id: 'mean-per-reward',
    hint: {
      en: 'Right answers: count the steps for one group of 5·10^4 rewards.',
      zh: '答案都对：数一数 5·10^4 个奖励组成一组时用了多少步。',
    },
    why: {
      en: "Recomputes the group's mean for every reward instead of once per group: O(N·G) work, 2.5·10^9 steps when G = N = 5·10^4, where two passes per group are O(N).",
      zh: '每个奖励都重新计算一遍本组均值，而不是每组算一次：工作量 O(N·G)，G = N = 5·10^4 时要 2.5·10^9 步，而每组扫两遍只要 O(N)。',
    },
    edits: [
      [
        '    for (let i = from; i < to; i++) out[i] = ((rewards[i] as number) - mean) / divisor;',
        '    for (let i = from; i < to; i++) out[i] = ((rewards[i] as number) - meanOf(rewards, from, to)) / divisor;',
      ],
    ],
  },
  {
    id: 'batch-std-per-group',
    hint: {
      en: "Right answers: count the steps of scale 'batch' for 3·10^4 rewards in groups of 2.",
      zh: "答案都对：数一数 scale 为 'batch'、3·10^4 个奖励每组 2 个时用了多少步。",
    },
    why: {
      en: 'Recomputes the batch std inside the loop over groups: O(N·N/G) work, 4.5·10^8 steps for N = 3·10^4 and G = 2, where the batch std is computed once.',
      zh: '在遍历各组的循环里重新计算整个 batch 的标准差：工作量 O(N·N/G)，N = 3·10^4、G = 2 时要 4.5·10^8 步，而 batch 标准差只需算一次。',
    },
    edits: [
      ["  const batchStd = scale === 'batch' ? unbiasedStd(rewards, 0, n) : 0;\n", ''],
      [
        "(scale === 'group' ? unbiasedStd(rewards, from, to) : batchStd) + eps;",
        "(scale === 'group' ? unbiasedStd(rewards, from, to) : unbiasedStd(rewards, 0, n)) + eps;",
      ],
    ],
  },
  {
    id: 'no-reward-check',
    hint: {
      en: 'Pass a NaN or an Infinity among the rewards.',
      zh: '在 rewards 里放一个 NaN 或 Infinity。',
    },
    why: {
      en: 'Checks only that the rewards are numbers: a NaN reward (a crashed verifier) silently turns its whole group into NaN advantages where the contract asks for a RangeError.',
      zh: '只检查奖励是不是数字：一个 NaN 奖励（比如验证器崩了）会静默地让整组优势都变成 NaN，而契约要求抛出 RangeError。',
    },
    edits: [
      [
        '    if (!Number.isFinite(r)) throw new RangeError(`groupAdvantages: rewards[${i}] must be finite, got ${r}`);\n',
        '',
      ],
    ],
  },
  {
    id: 'no-scale-check',
    hint: {
      en: "Pass scale: 'groups' (a typo).",
      zh: "传入 scale: 'groups'（拼写错误）。",
    },
    why: {
      en: "Never checks the scale option: 'groups' is neither 'group' nor 'batch', so it falls through to a std of 0 and divides every centred reward by eps alone, advantages around 10^4, where the contract asks for a RangeError.",
      zh: "从不检查 scale 选项：'groups' 既不是 'group' 也不是 'batch'，于是落到标准差为 0 的分支，每个中心化后的奖励都只除以 eps，优势大到 10^4 左右，而契约要求抛出 RangeError。",
    },
    edits: [
      [
        "  if (!SCALES.includes(scale)) {\n    throw new RangeError(`groupAdvantages: scale must be 'group', 'batch' or 'none', got ${JSON.stringify(scale)}`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'clipped-only',
    hint: {
      en: 'A bad action (A = −1) whose ratio grew to r = 1.5: how large is its loss?',
      zh: '一个坏动作（A = −1）的比率涨到了 r = 1.5：它的损失有多大？',
    },
    why: {
      en: 'Uses only the clipped term clip(r)·A and drops the min with r·A, so a bad action whose ratio grew past 1 + ε is no longer penalised in full: r = 1.5, A = −1 gives 1.2 (+ KL) instead of 1.5.',
      zh: '只用截断项 clip(r)·A，丢掉了与 r·A 取 min 的那一步，于是比率超过 1 + ε 的坏动作不再受到完整惩罚：r = 1.5、A = −1 得到 1.2（加 KL），而不是 1.5。',
    },
    edits: [
      [
        '    const perToken = tf.add(tf.neg(tf.minimum(unclipped, clipped)), kl);',
        '    const perToken = tf.add(tf.neg(clipped), kl);',
      ],
    ],
  },
  {
    id: 'max-for-min',
    hint: {
      en: 'r = 0.5 and A = −1: which of the two surrogate terms does the loss keep?',
      zh: 'r = 0.5、A = −1：损失保留的是两个代理项中的哪一个？',
    },
    why: {
      en: 'Takes the max of the two surrogate terms: the objective keeps the pessimistic min, and moving the minus sign in front flips it in the mind but not in the code: r = 0.5, A = −1 gives 0.5 instead of 0.8.',
      zh: '取两个代理项的最大值：目标函数保留的是更悲观的 min，把负号提到前面时脑子里翻转了，代码里却没有：r = 0.5、A = −1 得到 0.5 而不是 0.8。',
    },
    edits: [
      [
        '    const perToken = tf.add(tf.neg(tf.minimum(unclipped, clipped)), kl);',
        '    const perToken = tf.add(tf.neg(tf.maximum(unclipped, clipped)), kl);',
      ],
    ],
  },
  {
    id: 'default-beta-zero',
    hint: {
      en: 'What is β when the options do not set it?',
      zh: '选项里没给 β 时，它是多少？',
    },
    why: {
      en: "Defaults β to 0 (TRL's current default) instead of the paper's 0.04 pinned here, so the KL term silently disappears and a missing refLogp is accepted.",
      zh: '把 β 默认为 0（TRL 当前的默认值），而不是本题固定的论文值 0.04，于是 KL 项悄悄消失了，缺少 refLogp 也不报错。',
    },
    edits: [['  const beta = opts.beta ?? 0.04;', '  const beta = opts.beta ?? 0;']],
  },
  {
    id: 'epsilon-high-default-dapo',
    hint: {
      en: 'r = 1.5, A = 1 with no epsilonHigh given: where is the upper clip?',
      zh: 'r = 1.5、A = 1 且没给 epsilonHigh：上截断在哪里？',
    },
    why: {
      en: "Defaults epsilonHigh to DAPO's 0.28 instead of to epsilon: without options the upper clip moves from 1.2 to 1.28, so r = 1.5, A = 1 gives −1.28 instead of −1.2 (+ KL).",
      zh: '把 epsilonHigh 默认为 DAPO 的 0.28，而不是 epsilon：不传选项时上截断从 1.2 变成 1.28，于是 r = 1.5、A = 1 得到 −1.28 而不是 −1.2（加 KL）。',
    },
    edits: [['  const epsilonHigh = opts.epsilonHigh ?? epsilon;', '  const epsilonHigh = opts.epsilonHigh ?? 0.28;']],
  },
  {
    id: 'inverted-k3',
    hint: {
      en: 'k3Kl(ln 0.5, ln 0.25): is it 0.193147?',
      zh: 'k3Kl(ln 0.5, ln 0.25) 等于 0.193147 吗？',
    },
    why: {
      en: 'Swaps the arguments in k3: exp(logp − ref) − (logp − ref) − 1 estimates KL(π_ref‖π), not KL(π‖π_ref). It is still ≥ 0 and 0 where they agree, so only values catch it: 0.306853 instead of 0.193147.',
      zh: '把 k3 的两个参数弄反了：exp(logp − ref) − (logp − ref) − 1 估计的是 KL(π_ref‖π) 而不是 KL(π‖π_ref)。它仍然 ≥ 0、在两者相等时为 0，所以只有具体数值能发现它：得到 0.306853 而不是 0.193147。',
    },
    edits: [['    const d = tf.sub(refLogp, logp);', '    const d = tf.sub(logp, refLogp);']],
  },
  {
    id: 'k1-kl',
    hint: {
      en: 'Is k3Kl ever negative?',
      zh: 'k3Kl 会不会是负数？',
    },
    why: {
      en: 'Uses the naive k1 estimator logp − ref (unbiased, but negative on many tokens) instead of the k3 estimator of DeepSeekMath eq. 4, which is ≥ 0 on every token.',
      zh: '用了朴素的 k1 估计 logp − ref（无偏，但在很多 token 上为负），而不是 DeepSeekMath 式 4 的 k3 估计，后者在每个 token 上都 ≥ 0。',
    },
    edits: [['    return tf.exp(d).sub(d).sub(1) as tf.Tensor2D;', '    return tf.neg(d) as tf.Tensor2D;']],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one grpoLoss call.',
      zh: '比较一次 grpoLoss 调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'Computes the loss without tf.tidy, so the ratio, the clipped terms, k3 and the sums are never disposed: every training step leaks a dozen tensors until the backend runs out of memory.',
      zh: '计算损失时没有用 tf.tidy，于是比率、截断项、k3 和各种求和都不会被释放：每个训练步泄漏十几个张量，直到后端内存耗尽。',
    },
    edits: [
      [
        "  return tf.tidy(() => {\n    const m = tf.cast(mask, 'float32');\n    const a = tf.expandDims",
        "  return (() => {\n    const m = tf.cast(mask, 'float32');\n    const a = tf.expandDims",
      ],
      [
        '    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;\n  });',
        '    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;\n  })();',
      ],
    ],
  },
  {
    id: 'mask-ignored',
    hint: {
      en: 'Put large values under the zeros of the mask. Does the loss change?',
      zh: '在 mask 为 0 的位置放很大的值：损失会变吗？',
    },
    why: {
      en: 'Averages over every position, padding included (tf.mean of the per-token loss), instead of over the unmasked tokens only: whatever the padding holds leaks into the loss.',
      zh: '对所有位置取平均，包括 padding（直接对逐 token 损失做 tf.mean），而不是只对未 mask 的 token：padding 里是什么都会漏进损失。',
    },
    edits: [
      [
        "    const masked = tf.mul(perToken, m);\n    if (aggregation === 'sequence') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;\n    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;",
        "    const masked = perToken;\n    if (aggregation === 'sequence') return tf.mean(tf.mean(masked, 1)) as tf.Scalar;\n    return tf.mean(masked) as tf.Scalar;",
      ],
    ],
  },
  {
    id: 'no-mask-check',
    hint: {
      en: 'Pass a mask with a 2 or a 0.5 in it.',
      zh: '传入含有 2 或 0.5 的 mask。',
    },
    why: {
      en: 'Never checks that the mask holds only 0 and 1: a mask of attention weights or token counts is silently used as a weighting, and the "mean over unmasked tokens" is then neither of the two aggregations the contract defines.',
      zh: '从不检查 mask 是否只含 0 和 1：注意力权重或 token 计数之类的 mask 会被静默地当成权重使用，得到的“未 mask token 上的平均”就不再是契约定义的任何一种聚合。',
    },
    edits: [["  if (read[b] !== 1) throw new RangeError('grpoLoss: mask must hold only 0 and 1');\n", '']],
  },
  {
    id: 'no-aggregation-check',
    hint: {
      en: "Pass aggregation: 'tokens' (a typo).",
      zh: "传入 aggregation: 'tokens'（拼写错误）。",
    },
    why: {
      en: "Never checks the aggregation option: anything but 'sequence' (the typo 'tokens', or 'seq') silently takes the token-level path, a different loss, where the contract asks for a RangeError.",
      zh: "从不检查 aggregation 选项：除 'sequence' 以外的任何值（拼错的 'tokens'，或 'seq'）都会静默地走 token 级的分支，得到另一种损失，而契约要求抛出 RangeError。",
    },
    edits: [
      [
        "  if (!AGGREGATIONS.includes(aggregation)) {\n    throw new RangeError(`grpoLoss: aggregation must be 'sequence' or 'token', got ${JSON.stringify(aggregation)}`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'js-loop-loss',
    hint: {
      en: 'Right answers: count the JavaScript steps of one grpoLoss call on B = 32, L = 256.',
      zh: '答案都对：数一数 B = 32、L = 256 时一次 grpoLoss 调用的 JavaScript 步数。',
    },
    why: {
      en: 'Reads every tensor back with dataSync and computes the loss in JavaScript loops over the B·L tokens: correct (even in float64), but it forces a device sync of every input and runs B·L = 8192 steps on the CPU where tensor ops do the work on the backend.',
      zh: '用 dataSync 把所有张量读回来，在 JavaScript 里循环 B·L 个 token 计算损失：结果正确（甚至是 float64 精度），但它强制每个输入都做一次设备同步，并在 CPU 上跑 B·L = 8192 步，而这些工作本该由张量运算在后端完成。',
    },
    edits: [
      [
        "  return tf.tidy(() => {\n    const m = tf.cast(mask, 'float32');\n    const a = tf.expandDims(advantages, 1);\n    const ratio = tf.exp(tf.sub(logp, oldLogp));\n    const unclipped = tf.mul(ratio, a);\n    const clipped = tf.mul(tf.clipByValue(ratio, 1 - epsilon, 1 + epsilonHigh), a);\n    const kl = refLogp === undefined ? tf.scalar(0) : tf.mul(beta, k3Kl(logp, refLogp)); // \u03b2 = 0 without refLogp\n    const perToken = tf.add(tf.neg(tf.minimum(unclipped, clipped)), kl);\n    const masked = tf.mul(perToken, m);\n    if (aggregation === 'sequence') return tf.mean(tf.div(tf.sum(masked, 1), tf.sum(m, 1))) as tf.Scalar;\n    return tf.div(tf.sum(masked), tf.maximum(tf.sum(m), 1)) as tf.Scalar;\n  });\n",
        "  const lp = logp.dataSync();\n  const old = oldLogp.dataSync();\n  const ref = refLogp?.dataSync();\n  const adv = advantages.dataSync();\n  const mk = tf.tidy(() => tf.cast(mask, 'float32').dataSync());\n  const l = logp.shape[1];\n  let total = 0;\n  let count = 0;\n  let rowMeans = 0;\n  for (let row = 0; row < b; row++) {\n    let rowSum = 0;\n    let rowCount = 0;\n    for (let t = 0; t < l; t++) {\n      const k = row * l + t;\n      if (mk[k] === 0) continue;\n      const r = Math.exp((lp[k] as number) - (old[k] as number));\n      const A = adv[row] as number;\n      const clip = Math.min(Math.max(r, 1 - epsilon), 1 + epsilonHigh);\n      let loss = -Math.min(r * A, clip * A);\n      if (ref !== undefined && beta > 0) {\n        const d = (ref[k] as number) - (lp[k] as number);\n        loss += beta * (Math.exp(d) - d - 1);\n      }\n      rowSum += loss;\n      rowCount += 1;\n    }\n    total += rowSum;\n    count += rowCount;\n    if (rowCount > 0) rowMeans += rowSum / rowCount;\n  }\n  return tf.scalar(aggregation === 'sequence' ? rowMeans / b : count === 0 ? 0 : total / count);\n",
      ],
    ],
  },
  {
    id: 'where-ignores-epsilon-high',
    base: 'alt-where',
    hint: {
      en: 'r = 1.5, A = 1 with epsilon 0.2 and epsilonHigh 0.28: where is the upper clip?',
      zh: 'r = 1.5、A = 1，epsilon 0.2、epsilonHigh 0.28：上截断在哪里？',
    },
    why: {
      en: "Writing the pessimistic term with tf.where, the A ≥ 0 branch caps r at 1 + ε instead of 1 + ε_high, so DAPO's clip-higher has no effect: r = 1.5, A = 1 with ε_high 0.28 gives −1.2 instead of −1.28.",
      zh: '用 tf.where 写悲观项时，A ≥ 0 的分支把 r 截在 1 + ε 而不是 1 + ε_high，于是 DAPO 的 clip-higher 不起作用：r = 1.5、A = 1、ε_high 0.28 时得到 −1.2 而不是 −1.28。',
    },
    edits: [['      tf.mul(tf.minimum(r, 1 + epsilonHigh), a),', '      tf.mul(tf.minimum(r, 1 + epsilon), a),']],
  },
]);
