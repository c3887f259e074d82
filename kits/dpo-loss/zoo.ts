import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'beta-outside-logsigmoid',
    hint: {
      en: 'Where does β go: inside the sigmoid, on the margin, or outside, on the loss?',
      zh: 'β 应该放在哪里：sigmoid 里面乘在间隔上，还是外面乘在损失上？',
    },
    why: {
      en: 'Computes β·(−log σ(h)) instead of −log σ(β·h): β scales the loss rather than the margin inside the sigmoid, so with β = 0.1 and h = 2 the loss is 0.012693 instead of 0.598139 and policy = reference no longer gives ln 2.',
      zh: '算的是 β·(−log σ(h))，而不是 −log σ(β·h)：β 缩放的是损失，而不是 sigmoid 里的间隔，于是 β = 0.1、h = 2 时损失是 0.012693 而不是 0.598139，策略等于参考时也不再得到 ln 2。',
    },
    edits: [
      [
        '      const z = tf.mul(h, beta);\n      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps));',
        '      const z = h;\n      losses = tf.mul(tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps)), beta);',
      ],
    ],
  },
  {
    id: 'chosen-rejected-swapped',
    hint: {
      en: 'Swap the chosen and rejected log-probs: the sigmoid loss should change by −βh(1 − 2ε).',
      zh: '交换 chosen 和 rejected 的对数概率：sigmoid 损失应当改变 −βh(1 − 2ε)。',
    },
    why: {
      en: 'Computes h = (πr − πc) − (refr − refc): chosen and rejected swapped (an easy mix-up when the pair arrives as a tuple in the other order), so the loss pushes the rejected answer up: h = 2 gives 0.798139 instead of 0.598139.',
      zh: '算成了 h = (πr − πc) − (refr − refc)：chosen 和 rejected 弄反了（偏好对以相反顺序的元组传入时很容易混），于是损失把被拒绝的回答往上推：h = 2 得到 0.798139 而不是 0.598139。',
    },
    edits: [
      [
        '    const h = tf.sub(tf.sub(pc, pr), tf.sub(rc, rr));',
        '    const h = tf.sub(tf.sub(pr, pc), tf.sub(rr, rc));',
      ],
    ],
  },
  {
    id: 'epsilon-wrong-term',
    hint: {
      en: 'With ε = 0.1, which of the two log σ terms gets the weight 1 − ε?',
      zh: 'ε = 0.1 时，两个 log σ 项中哪一个的权重是 1 − ε？',
    },
    why: {
      en: 'Puts the smoothing weights on the wrong terms, (1 − ε)·(−log σ(−βh)) + ε·(−log σ(βh)): that is cDPO with the labels flipped with probability 1 − ε, so ε = 0.1 gives 0.778139 instead of 0.618139 for h = 2.',
      zh: '把平滑权重放到了错误的项上：(1 − ε)·(−log σ(−βh)) + ε·(−log σ(βh))，相当于标签以 1 − ε 的概率被翻转的 cDPO，于是 h = 2、ε = 0.1 时得到 0.778139 而不是 0.618139。',
    },
    edits: [
      [
        '      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps));',
        '      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), eps), tf.mul(tf.softplus(z), 1 - eps));',
      ],
    ],
  },
  {
    id: 'ipo-margin-one-over-beta',
    hint: {
      en: 'IPO with h = 2 and β = 0.25: what is the target margin?',
      zh: 'IPO 在 h = 2、β = 0.25 时，目标间隔是多少？',
    },
    why: {
      en: "Uses the IPO target margin 1/β instead of 1/(2β), dropping the factor 2 of the IPO paper's τ: h = 2, β = 0.25 gives (2 − 4)² = 4 instead of 0.",
      zh: 'IPO 的目标间隔用了 1/β 而不是 1/(2β)，漏掉了 IPO 论文中 τ 的因子 2：h = 2、β = 0.25 得到 (2 − 4)² = 4 而不是 0。',
    },
    edits: [
      [
        "    if (lossType === 'ipo') losses = tf.square(tf.sub(h, 1 / (2 * beta)));",
        "    if (lossType === 'ipo') losses = tf.square(tf.sub(h, 1 / beta));",
      ],
    ],
  },
  {
    id: 'hinge-without-beta',
    hint: {
      en: 'Hinge with h = 2: is it max(0, 1 − βh) or max(0, 1 − h)?',
      zh: 'h = 2 时的 hinge：是 max(0, 1 − βh) 还是 max(0, 1 − h)？',
    },
    why: {
      en: "Writes the hinge loss as max(0, 1 − h), forgetting the β that scales the margin as in the sigmoid loss (SLiC's δ = 1/β): h = 2, β = 0.1 gives 0 instead of 0.8.",
      zh: '把 hinge 损失写成 max(0, 1 − h)，忘了像 sigmoid 损失那样用 β 缩放间隔（即 SLiC 的 δ = 1/β）：h = 2、β = 0.1 得到 0 而不是 0.8。',
    },
    edits: [
      [
        "    else if (lossType === 'hinge') losses = tf.relu(tf.sub(1, tf.mul(h, beta)));",
        "    else if (lossType === 'hinge') losses = tf.relu(tf.sub(1, h));",
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one call.',
      zh: '比较一次调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'Computes outside tf.tidy: every call leaves its intermediates (the shifted logits, the log-sum-exp, h, the softplus terms) behind, a leak per training step.',
      zh: '在 tf.tidy 之外计算：每次调用都会留下中间张量（移位后的 logits、log-sum-exp、h、softplus 项），每个训练步都在泄漏。',
    },
    edits: [
      [
        "  if (S === 0) return tf.zeros([B], 'float32');\n  return tf.tidy(() => {",
        "  if (S === 0) return tf.zeros([B], 'float32');\n  return (<T>(f: () => T) => f())(() => {",
      ],
      ['  return tf.tidy(() => {', '  return (<T>(f: () => T) => f())(() => {'],
    ],
  },
  {
    id: 'log-of-sigmoid',
    hint: { en: 'βh = −1000: is the loss 1000 or Infinity?', zh: 'βh = −1000 时，损失是 1000 还是 Infinity？' },
    why: {
      en: 'Writes −log(sigmoid(βh)) literally: sigmoid underflows to 0 in float32 once βh ≈ −104, and log 0 = −Infinity, so long answers with very different log-probs give an infinite loss. −log σ(x) = softplus(−x) stays finite.',
      zh: '直接写成 −log(sigmoid(βh))：在 float32 中 βh ≈ −104 时 sigmoid 下溢为 0，而 log 0 = −Infinity，于是对数概率相差很大的长回答会得到无穷大的损失。−log σ(x) = softplus(−x) 则始终有限。',
    },
    edits: [
      [
        '      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps));',
        '      losses = tf.add(\n        tf.mul(tf.neg(tf.log(tf.sigmoid(z))), 1 - eps),\n        tf.mul(tf.neg(tf.log(tf.sigmoid(tf.neg(z)))), eps),\n      );',
      ],
    ],
  },
  {
    id: 'no-reference',
    hint: {
      en: '(πc, πr, refc, refr) = (−5, −4, −6, −3): what is h?',
      zh: '(πc, πr, refc, refr) = (−5, −4, −6, −3) 时 h 是多少？',
    },
    why: {
      en: 'Computes h = πc − πr and forgets the reference model (SimPO-like, not DPO): it passes whenever refc = refr, but (−5, −4, −6, −3) gives 0.744397 instead of 0.598139.',
      zh: '只算 h = πc − πr，忘了参考模型（这像 SimPO，不是 DPO）：refc = refr 时都能通过，但 (−5, −4, −6, −3) 得到 0.744397 而不是 0.598139。',
    },
    edits: [['    const h = tf.sub(tf.sub(pc, pr), tf.sub(rc, rr));', '    const h = tf.sub(pc, pr);']],
  },
  {
    id: 'rewards-without-beta',
    hint: {
      en: 'Look at chosenRewards for (−1, −3, −2, −2) with β = 0.1.',
      zh: '看看 β = 0.1 时 (−1, −3, −2, −2) 的 chosenRewards。',
    },
    why: {
      en: "Returns the log-ratios π − ref as the rewards, without the β that makes them DPO's implicit reward β·log(π/π_ref): chosenRewards [1] instead of [0.1], so reward margins logged across runs with different β are not comparable.",
      zh: '把对数比 π − ref 直接当作奖励返回，漏掉了 β，而 DPO 的隐式奖励是 β·log(π/π_ref)：chosenRewards 得到 [1] 而不是 [0.1]，不同 β 的实验记录的奖励间隔因此无法比较。',
    },
    edits: [
      [
        '      chosenRewards: tf.mul(tf.sub(pc, rc), beta) as tf.Tensor1D,\n      rejectedRewards: tf.mul(tf.sub(pr, rr), beta) as tf.Tensor1D,',
        '      chosenRewards: tf.sub(pc, rc) as tf.Tensor1D,\n      rejectedRewards: tf.sub(pr, rr) as tf.Tensor1D,',
      ],
    ],
  },
  {
    id: 'loss-keeps-dims',
    hint: { en: 'What is the shape of loss?', zh: 'loss 的形状是什么？' },
    why: {
      en: 'Takes the mean with keepDims (a habit from reductions that keep the batch axis), so loss has shape [1] instead of [] and does not behave as a scalar where a caller expects one.',
      zh: '取平均时用了 keepDims（来自保留 batch 维度的归约习惯），于是 loss 的形状是 [1] 而不是 []，调用方期望标量时它表现得不像标量。',
    },
    edits: [['      loss: tf.mean(losses) as tf.Scalar,', '      loss: tf.mean(losses, 0, true) as tf.Scalar,']],
  },
  {
    id: 'no-shift',
    hint: { en: 'Which label does position t predict?', zh: '位置 t 预测的是哪个 label？' },
    why: {
      en: 'No shift: position t scores labels[t] instead of labels[t + 1], as if the logits were already aligned with the labels; the example gives −4.889602 instead of −4.198595.',
      zh: '没有移位：位置 t 给 labels[t] 打分，而不是 labels[t + 1]，好像 logits 已经和 labels 对齐了一样；示例得到 −4.889602 而不是 −4.198595。',
    },
    edits: [['      const label = ids[b * T + t + 1] as number;', '      const label = ids[b * T + t] as number;']],
  },
  {
    id: 'prompt-counted',
    hint: {
      en: 'labels [-100, -100, 1, 0]: does the prompt token count?',
      zh: 'labels 为 [-100, -100, 1, 0] 时，prompt 的 token 算进去了吗？',
    },
    why: {
      en: 'Points an ignored position at a valid index for the gather (token 0 of its row) but forgets to give it weight 0, so the prompt and the padding count as predictions of token 0: labels [-100,-100,1,0] give −3.198595 instead of −2.790989.',
      zh: '为了 gather 把被忽略的位置指向一个合法下标（该行的 token 0），却忘了把它的权重设为 0，于是 prompt 和 padding 被当成对 token 0 的预测计入：labels [-100,-100,1,0] 得到 −3.198595 而不是 −2.790989。',
    },
    edits: [
      [
        '      if (label === ignoreIndex) continue;',
        '      if (label === ignoreIndex) {\n        weight[i] = 1;\n        (counts[b] as number) += 1;\n        continue;\n      }',
      ],
    ],
  },
  {
    id: 'token-mean-by-default',
    hint: {
      en: 'Without opts, is the result the sum or the mean of the token log-probs?',
      zh: '不传 opts 时，结果是 token 对数概率的和还是平均？',
    },
    why: {
      en: "Averages over the counted tokens even without average: true (IPO's convention applied to DPO), so the sequence log-prob no longer grows with the answer's length: the example gives −1.399532 instead of −4.198595.",
      zh: '即使没有 average: true 也按被计入的 token 取平均（把 IPO 的约定套到 DPO 上），于是序列对数概率不再随回答长度累积：示例得到 −1.399532 而不是 −4.198595。',
    },
    edits: [['  const average = opts.average ?? false;', '  const average = opts.average ?? true;']],
  },
  {
    id: 'no-label-range-check',
    hint: { en: 'A counted label equal to V, or −5.', zh: '一个等于 V 的被计入 label，或者 −5。' },
    why: {
      en: 'Trusts the labels to lie in [0, V): a label of V (a tokenizer with added tokens the model was not resized for) silently gathers token 0 of the next position, and a negative one a token of the previous position, a wrong log-prob instead of a RangeError.',
      zh: '相信 labels 一定在 [0, V) 内：等于 V 的 label（分词器加了新 token 而模型没有扩词表）会静默地取到下一个位置的 token 0，负的 label 会取到上一个位置的某个 token——得到错误的对数概率而不是 RangeError。',
    },
    edits: [
      [
        '      if (!Number.isInteger(label) || label < 0 || label >= V) {\n        throw new RangeError(\n          `labels: a counted label must be an integer in [0, ${V}), got ${label} at [${b}, ${t + 1}]`,\n        );\n      }\n',
        '',
      ],
    ],
  },
  {
    id: 'average-empty-row-nan',
    hint: {
      en: 'average: true with a row whose labels are all ignoreIndex.',
      zh: 'average: true，且某一行的 labels 全是 ignoreIndex。',
    },
    why: {
      en: 'Does not check for rows without a counted label when averaging: that row is 0/0 = NaN, which then poisons the loss of the whole batch, where the contract asks for a RangeError.',
      zh: '取平均时不检查没有被计入 label 的行：那一行是 0/0 = NaN，随后会污染整个 batch 的损失，而契约要求抛出 RangeError。',
    },
    edits: [
      [
        '    if (average && counts[b] === 0) {\n      throw new RangeError(`labels: row ${b} has no counted label, so its average log-prob is undefined`);\n    }\n',
        '',
      ],
    ],
  },
  {
    id: 'no-loss-type-check',
    hint: { en: "Pass lossType: 'sigmod' (a typo).", zh: "传入 lossType: 'sigmod'（拼写错误）。" },
    why: {
      en: "Never checks lossType: a typo such as 'sigmod' or 'IPO' silently falls through to the sigmoid loss, so a run configured for IPO trains plain DPO without a word.",
      zh: "从不检查 lossType：'sigmod'、'IPO' 这样的拼写错误会静默地落到 sigmoid 损失，于是配置为 IPO 的训练一声不响地训练成了普通 DPO。",
    },
    edits: [
      [
        "  if (!LOSS_TYPES.includes(lossType)) {\n    throw new RangeError(`lossType: expected 'sigmoid', 'ipo' or 'hinge', got ${JSON.stringify(lossType)}`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'smoothing-half-allowed',
    hint: { en: 'labelSmoothing = 0.5: accepted or rejected?', zh: 'labelSmoothing = 0.5：接受还是拒绝？' },
    why: {
      en: 'Checks ε ≤ 0.5 instead of ε < 0.5: at ε = 0.5 the two terms weigh the same, the loss is symmetric in h with its minimum at h = 0, and it no longer prefers the chosen answer at all (the label is a coin flip); the contract rejects it with a RangeError.',
      zh: '检查条件写成了 ε ≤ 0.5 而不是 ε < 0.5：ε = 0.5 时两项权重相同，损失关于 h 对称、最小值在 h = 0，完全不再偏向被选中的回答（标签等于抛硬币）；契约要求对它抛出 RangeError。',
    },
    edits: [['  if (!(eps >= 0 && eps < 0.5)) throw', '  if (!(eps >= 0 && eps <= 0.5)) throw']],
  },
  {
    id: 'beta-zero-allowed',
    hint: { en: 'beta = 0: accepted or rejected?', zh: 'beta = 0：接受还是拒绝？' },
    why: {
      en: 'Checks β ≥ 0 instead of β > 0: β = 0 makes every sigmoid loss ln 2 with no gradient and the IPO margin 1/(2β) infinite, where the contract asks for a RangeError.',
      zh: '检查条件写成了 β ≥ 0 而不是 β > 0：β = 0 时每个 sigmoid 损失都是 ln 2、没有梯度，IPO 的间隔 1/(2β) 变成无穷大，而契约要求抛出 RangeError。',
    },
    edits: [
      ['  if (!(beta > 0) || !Number.isFinite(beta)) throw', '  if (!(beta >= 0) || !Number.isFinite(beta)) throw'],
    ],
  },
  {
    id: 'js-log-softmax',
    hint: {
      en: 'Right answers: count the JavaScript steps of sequenceLogProbs on [4, 64, 500].',
      zh: '答案都对：数一数 sequenceLogProbs 在 [4, 64, 500] 上的 JavaScript 步数。',
    },
    why: {
      en: 'Reads the logits back with dataSync and computes each log-softmax in JavaScript loops over the vocabulary: correct, but B·T·V = 128000 steps on the CPU plus a device sync of the whole logits tensor, where tensor ops (logSumExp, gather) do it on the backend.',
      zh: '用 dataSync 把 logits 读回来，在 JavaScript 里逐词表循环计算每个 log-softmax：结果正确，但要在 CPU 上跑 B·T·V = 128000 步，还要把整个 logits 张量同步回主机，而这些本可以用张量运算（logSumExp、gather）在后端完成。',
    },
    edits: [
      [
        "  return tf.tidy(() => {\n    // The last position predicts nothing: drop it from the small [B, T] log-sum-exp, not from the\n    // [B, T, V] logits (slicing those would copy them).\n    const lse = tf.slice(tf.logSumExp(logits, -1), [0, 0], [B, S]);\n    const picked = tf.reshape(tf.gather(tf.reshape(logits, [-1]), tf.tensor1d(flatIndex, 'int32')), [B, S]);\n    const logp = tf.sub(picked, lse);\n    const summed = tf.sum(tf.mul(logp, tf.tensor2d(weight, [B, S])), 1);\n    return (average ? tf.div(summed, tf.tensor1d(counts)) : summed) as tf.Tensor1D;\n  });\n",
        '  const x = logits.dataSync();\n  const out = new Float32Array(B);\n  for (let b = 0; b < B; b++) {\n    let sum = 0;\n    for (let t = 0; t < S; t++) {\n      const i = b * S + t;\n      if (weight[i] === 0) continue;\n      const base = (b * T + t) * V;\n      let max = -Infinity;\n      for (let v = 0; v < V; v++) max = Math.max(max, x[base + v] as number);\n      let z = 0;\n      for (let v = 0; v < V; v++) z += Math.exp((x[base + v] as number) - max);\n      sum += (x[flatIndex[i] as number] as number) - max - Math.log(z);\n    }\n    out[b] = average ? sum / (counts[b] as number) : sum;\n  }\n  return tf.tensor1d(out);\n',
      ],
    ],
  },
  {
    id: 'js-loop-dpo',
    hint: {
      en: 'Right answers: count the JavaScript steps of dpoLoss on 10000 pairs.',
      zh: '答案都对：数一数 dpoLoss 处理 10000 对样本的 JavaScript 步数。',
    },
    why: {
      en: 'Reads the four vectors back with dataSync and computes the losses in a JavaScript loop over the N pairs: correct, but N = 10000 steps and four device syncs per call, where a handful of element-wise tensor ops do it on the backend.',
      zh: '用 dataSync 把四个向量读回来，在 JavaScript 里循环 N 对样本计算损失：结果正确，但每次调用要 N = 10000 步和四次设备同步，而几个逐元素的张量运算就能在后端完成。',
    },
    edits: [
      [
        "  return tf.tidy(() => {\n    const pc = tf.cast(policyChosen, 'float32');\n    const pr = tf.cast(policyRejected, 'float32');\n    const rc = tf.cast(refChosen, 'float32');\n    const rr = tf.cast(refRejected, 'float32');\n    const h = tf.sub(tf.sub(pc, pr), tf.sub(rc, rr));\n    let losses: tf.Tensor;\n    if (lossType === 'ipo') losses = tf.square(tf.sub(h, 1 / (2 * beta)));\n    else if (lossType === 'hinge') losses = tf.relu(tf.sub(1, tf.mul(h, beta)));\n    else {\n      const z = tf.mul(h, beta);\n      losses = tf.add(tf.mul(tf.softplus(tf.neg(z)), 1 - eps), tf.mul(tf.softplus(z), eps));\n    }\n    return {\n      loss: tf.mean(losses) as tf.Scalar,\n      losses: losses as tf.Tensor1D,\n      chosenRewards: tf.mul(tf.sub(pc, rc), beta) as tf.Tensor1D,\n      rejectedRewards: tf.mul(tf.sub(pr, rr), beta) as tf.Tensor1D,\n    };\n  });\n",
        "  const [pc, pr, rc, rr] = [policyChosen, policyRejected, refChosen, refRejected].map((t) => t.dataSync());\n  const losses = new Float32Array(n);\n  const chosen = new Float32Array(n);\n  const rejected = new Float32Array(n);\n  const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));\n  let total = 0;\n  for (let i = 0; i < n; i++) {\n    const c = (pc?.[i] as number) - (rc?.[i] as number);\n    const r = (pr?.[i] as number) - (rr?.[i] as number);\n    const h = c - r;\n    if (lossType === 'ipo') losses[i] = (h - 1 / (2 * beta)) ** 2;\n    else if (lossType === 'hinge') losses[i] = Math.max(0, 1 - beta * h);\n    else losses[i] = (1 - eps) * softplus(-beta * h) + eps * softplus(beta * h);\n    chosen[i] = beta * c;\n    rejected[i] = beta * r;\n    total += losses[i] as number;\n  }\n  return {\n    loss: tf.scalar(total / n),\n    losses: tf.tensor1d(losses),\n    chosenRewards: tf.tensor1d(chosen),\n    rejectedRewards: tf.tensor1d(rejected),\n  };\n",
      ],
    ],
  },
  {
    id: 'onehot-average-over-positions',
    base: 'alt-onehot',
    hint: {
      en: 'average: true with labels [-100, 2, 1, 0]: divided by 3 or by something else?',
      zh: 'average: true、labels 为 [-100, 2, 1, 0] 时：除以 3 还是别的数？',
    },
    why: {
      en: 'Averages with tf.mean over every position of the row instead of dividing by the number of counted tokens: the ignored prompt, the padding and the last position dilute the mean, so [-100,-100,1,0] with average gives −0.697747 instead of −1.395495.',
      zh: '用 tf.mean 对该行的所有位置取平均，而不是除以被计入的 token 个数：被忽略的 prompt、padding 和最后一个位置稀释了平均值，[-100,-100,1,0] 在 average 时得到 −0.697747 而不是 −1.395495。',
    },
    edits: [
      [
        '    return (average ? tf.div(sums, rowCounts) : sums) as tf.Tensor1D;',
        '    return (average ? tf.mean(tf.mul(picked, weights), 1) : sums) as tf.Tensor1D;',
      ],
    ],
  },
]);
