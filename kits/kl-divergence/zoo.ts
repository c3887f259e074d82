import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'batchmean-is-mean',
    hint: {
      en: "Compare 'batchmean' with 'mean' on a [2, 2] input: what should each divide by?",
      zh: "在 [2, 2] 的输入上比较 'batchmean' 和 'mean'：它们各自应该除以什么？",
    },
    why: {
      en: "Treats 'batchmean' like 'mean' and divides by every element, from the belief that PyTorch's 'mean' is already the KL. It is the KL per sample divided by V again: for P, Q of the prompt 'batchmean' gives 0.175893 instead of 0.351785.",
      zh: "把 'batchmean' 当成 'mean'，除以全部元素个数，以为 PyTorch 的 'mean' 就是 KL。其实它是每个样本的 KL 再除以 V：对题目中的 P、Q，'batchmean' 得到 0.175893 而不是 0.351785。",
    },
    edits: [['    return tf.div(tf.sum(pointwise), input.shape[0] as number);', '    return tf.mean(pointwise);']],
  },
  {
    id: 'mean-divides-by-batch',
    base: 'alt-logsumexp',
    hint: {
      en: "Check the default 'mean' on a [2, 2] input: how many elements does it divide by?",
      zh: "在 [2, 2] 的输入上检查默认的 'mean'：它除以了多少个元素？",
    },
    why: {
      en: "Divides 'mean' by input.shape[0] as well, as if 'mean' were the per-sample KL. PyTorch's 'mean' divides by every element (B·V), which is exactly why 'batchmean' exists: klDivLoss(log Q, P) gives 0.351785 instead of 0.175893.",
      zh: "'mean' 也除以 input.shape[0]，好像 'mean' 就是每个样本的 KL。PyTorch 的 'mean' 除以全部元素个数（B·V），正因如此才有 'batchmean'：klDivLoss(log Q, P) 得到 0.351785 而不是 0.175893。",
    },
    edits: [
      [
        "    return tf.div(total, reduction === 'mean' ? input.size : (input.shape[0] as number));",
        '    return tf.div(total, input.shape[0] as number);',
      ],
    ],
  },
  {
    id: 'broadcasts-shapes',
    hint: {
      en: 'Pass p of shape [3] and q of shape [1, 3]. What comes back?',
      zh: '传入形状为 [3] 的 p 和形状为 [1, 3] 的 q，会返回什么？',
    },
    why: {
      en: 'Never compares the two shapes and lets tfjs broadcast them: p of shape [3] against q of [1, 3] or [3, 1] silently returns a result of the wrong shape instead of a RangeError.',
      zh: '从不比较两个形状，任由 tfjs 广播：形状 [3] 的 p 配上 [1, 3] 或 [3, 1] 的 q，会静默地返回形状错误的结果，而不是抛出 RangeError。',
    },
    edits: [
      [
        "  if (a.rank !== b.rank || a.shape.some((dim, i) => dim !== b.shape[i])) {\n    throw new RangeError(\n      `${bName}: expected the shape of ${aName} [${a.shape.join(', ')}], got [${b.shape.join(', ')}] (no broadcasting)`,\n    );\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'default-batchmean',
    hint: {
      en: 'Call klDivLoss with two arguments only. Which reduction applies?',
      zh: '只用两个参数调用 klDivLoss，用的是哪种 reduction？',
    },
    why: {
      en: "Defaults to 'batchmean', the reduction PyTorch recommends, instead of PyTorch's actual default 'mean' (with a warning that it is not the KL): klDivLoss(log Q, P) gives 0.351785 instead of 0.175893.",
      zh: "默认用了 PyTorch 推荐的 'batchmean'，而 PyTorch 真正的默认值是 'mean'（它会警告这不是 KL）：klDivLoss(log Q, P) 得到 0.351785 而不是 0.175893。",
    },
    edits: [["  const reduction = opts.reduction ?? 'mean';", "  const reduction = opts.reduction ?? 'batchmean';"]],
  },
  {
    id: 'entropy-sign',
    hint: {
      en: 'Is the entropy of two equal logits positive?',
      zh: '两个相等 logits 的熵是正数吗？',
    },
    why: {
      en: 'Returns Σ p log p for the entropy and forgets the minus sign, so H(p) comes out ≤ 0: entropy([0, 0]) gives −ln 2 instead of ln 2.',
      zh: '熵返回了 Σ p log p，漏掉了负号，于是 H(p) ≤ 0：entropy([0, 0]) 得到 −ln 2 而不是 ln 2。',
    },
    edits: [['    return tf.neg(expectation(logP, logP));', '    return expectation(logP, logP);']],
  },
  {
    id: 'keeps-last-axis',
    hint: {
      en: 'Look at the shape of entropy for a [2, 3, 4] input.',
      zh: '看看 [2, 3, 4] 输入的 entropy 结果是什么形状。',
    },
    why: {
      en: 'Reduces the last axis with keepDims, as the log-sum-exp next to it does, so entropy, cross-entropy and KL come back as [..., 1] instead of [...]: [4] gives [1], not a scalar [].',
      zh: '沿最后一维求和时保留了维度（和旁边的 log-sum-exp 一样写了 keepDims），于是熵、交叉熵和 KL 的形状是 [..., 1] 而不是 [...]：[4] 的结果是 [1]，而不是标量 []。',
    },
    edits: [
      [
        '  return tf.sum(tf.where(tf.greater(p, 0), tf.mul(p, values), tf.zerosLike(p)), -1);',
        '  return tf.sum(tf.where(tf.greater(p, 0), tf.mul(p, values), tf.zerosLike(p)), -1, true);',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Count tf.memory().numTensors before and after one crossEntropy call.',
      zh: '在调用一次 crossEntropy 前后比较 tf.memory().numTensors。',
    },
    why: {
      en: 'Does the tensor work of crossEntropy and klDivergence outside tf.tidy and never disposes the intermediates (log-softmax, exp, masks), so every call leaks a handful of tensors: easy to miss, because the values are right.',
      zh: 'crossEntropy 和 klDivergence 的张量运算没有放进 tf.tidy，也从不释放中间结果（log-softmax、exp、掩码），每次调用都会泄漏几个张量；数值完全正确，所以很容易忽略。',
    },
    edits: [
      [
        '  return tf.tidy(() => tf.neg(expectation(logProbs(pLogits), logProbs(qLogits))));',
        '  return tf.neg(expectation(logProbs(pLogits), logProbs(qLogits)));',
      ],
      [
        '  return tf.tidy(() => {\n    const logP = logProbs(pLogits);\n    return expectation(logP, tf.sub(logP, logProbs(qLogits)));\n  });',
        '  const logP = logProbs(pLogits);\n  return expectation(logP, tf.sub(logP, logProbs(qLogits)));',
      ],
    ],
  },
  {
    id: 'log-of-softmax',
    hint: {
      en: 'Try logits of ±1000: is every result finite?',
      zh: '试试 ±1000 的 logits：每个结果都是有限值吗？',
    },
    why: {
      en: 'Takes log(softmax(x)). Exact for moderate logits, but a probability below ~1e-45 underflows to 0 in float32 and log 0 = −Infinity, so p logits [1000, 0] against q [0, 1000] give Infinity or NaN instead of KL = 1000.',
      zh: '直接计算 log(softmax(x))。logits 不大时没问题，但低于约 1e-45 的概率在 float32 中下溢为 0，log 0 = −Infinity，于是 p 的 logits [1000, 0] 对 q 的 [0, 1000] 得到 Infinity 或 NaN，而不是 KL = 1000。',
    },
    edits: [
      [
        '  // (x − max) − log Σ exp(x − max): subtracting the small log Σ last keeps it exact near the top\n  // (x − logsumexp(x) rounds it away next to logits of 1e4).\n  const shifted = tf.sub(logits, tf.max(logits, -1, true));\n  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));',
        '  return tf.log(tf.softmax(logits));',
      ],
    ],
  },
  {
    id: 'log-target-ignored',
    hint: {
      en: 'Pass log P with logTarget: true. Does it give what P does without it?',
      zh: '传入 log P 并设置 logTarget: true，结果和不设置时传入 P 一样吗？',
    },
    why: {
      en: 'Never reads opts.logTarget, so a target of log-probabilities is used as probabilities: every term is then negative p times log of a negative number, NaN or selected away, instead of the KL.',
      zh: '从不读取 opts.logTarget，于是对数概率形式的 target 被当成概率使用：各项变成负数乘以负数的对数，得到 NaN 或被选掉，而不是 KL。',
    },
    edits: [['  const logTarget = opts.logTarget ?? false;', '  const logTarget = false;']],
  },
  {
    id: 'log2',
    hint: {
      en: 'What unit are the results in? Compare entropy([0, 0, 0, 0]) with ln 4.',
      zh: '结果的单位是什么？把 entropy([0, 0, 0, 0]) 和 ln 4 比较一下。',
    },
    why: {
      en: 'Measures in bits (log base 2, as information-theory textbooks do) instead of nats: every entropy, cross-entropy and KL is 1/ln 2 ≈ 1.44 times too large, e.g. entropy of four equal logits gives 2 instead of ln 4 = 1.386294.',
      zh: '用比特（以 2 为底的对数，信息论教材的习惯）而不是 nat 计量：每个熵、交叉熵和 KL 都大了 1/ln 2 ≈ 1.44 倍，例如四个相等 logits 的熵得到 2 而不是 ln 4 = 1.386294。',
    },
    edits: [['  const p = tf.exp(logP);', '  const p = tf.exp(logP);\n  values = tf.div(values, Math.LN2);']],
  },
  {
    id: 'none-sums-rows',
    hint: {
      en: "What shape does reduction 'none' return for a [2, 3, 2] input?",
      zh: "对 [2, 3, 2] 的输入，reduction 'none' 返回什么形状？",
    },
    why: {
      en: "Returns the per-row KL for reduction 'none' (summing the last axis, as klDivergence does) instead of the elementwise loss of the input's shape that PyTorch returns: [2, 3, 2] gives [2, 3].",
      zh: "reduction 'none' 返回了每行的 KL（像 klDivergence 一样沿最后一维求和），而不是 PyTorch 那样与 input 同形状的逐元素损失：[2, 3, 2] 得到 [2, 3]。",
    },
    edits: [
      [
        "    if (reduction === 'none') return pointwise;",
        "    if (reduction === 'none') return tf.sum(pointwise, -1);",
      ],
    ],
  },
  {
    id: 'probabilities-as-input',
    hint: {
      en: 'What does klDivLoss expect as its input: q or log q?',
      zh: 'klDivLoss 的 input 应该是 q 还是 log q？',
    },
    why: {
      en: "Treats klDivLoss's input as the probabilities q and takes their log again. PyTorch's kl_div expects log-probabilities as input (only the target is probabilities), so log of a negative log-probability gives NaN.",
      zh: '把 klDivLoss 的 input 当作概率 q，又取了一次对数。PyTorch 的 kl_div 要求 input 是对数概率（只有 target 是概率），负的对数概率再取对数就得到 NaN。',
    },
    edits: [
      [
        '    const pointwise = tf.where(tf.greater(p, 0), tf.mul(p, tf.sub(logP, input)), tf.zerosLike(p));',
        '    const pointwise = tf.where(tf.greater(p, 0), tf.mul(p, tf.sub(logP, tf.log(input))), tf.zerosLike(p));',
      ],
    ],
  },
  {
    id: 'swapped-order',
    hint: {
      en: 'Is klDivergence(p, q) equal to klDivergence(q, p)? Which one does the prompt ask for?',
      zh: 'klDivergence(p, q) 和 klDivergence(q, p) 相等吗？题目要的是哪一个？',
    },
    why: {
      en: "Computes KL(q‖p) instead of KL(p‖q), the two distributions swapped: easy after PyTorch's kl_div(log q, p) put the fitted distribution first. KL is not symmetric: p = [.5, .5], q = [.9, .1] gives 0.368064 instead of 0.510826.",
      zh: '算成了 KL(q‖p) 而不是 KL(p‖q)，两个分布对调了：PyTorch 的 kl_div(log q, p) 把被拟合的分布写在前面，很容易因此搞反。KL 不对称：p = [.5, .5]、q = [.9, .1] 得到 0.368064 而不是 0.510826。',
    },
    edits: [
      [
        '    const logP = logProbs(pLogits);\n    return expectation(logP, tf.sub(logP, logProbs(qLogits)));',
        '    const logQ = logProbs(qLogits);\n    return expectation(logQ, tf.sub(logQ, logProbs(pLogits)));',
      ],
    ],
  },
  {
    id: 'target-not-validated',
    hint: {
      en: 'Try a target probability of −0.1.',
      zh: '试试值为 −0.1 的 target 概率。',
    },
    why: {
      en: 'Never checks the target: a negative probability is silently selected away by the p > 0 mask (or gives log(−0.1) = NaN in a version without it) instead of raising the RangeError the prompt asks for.',
      zh: '从不检查 target：负的概率被 p > 0 的掩码静默地选掉（没有掩码的写法则得到 log(−0.1) = NaN），而不是按题目要求抛出 RangeError。',
    },
    edits: [
      [
        "  } else if (someElement(() => tf.logicalOr(tf.logicalNot(tf.greaterEqual(target, 0)), tf.equal(target, Infinity)))) {\n    throw new RangeError('target: probabilities must be finite and >= 0 (NaN, +Infinity or a negative value found)');\n  }",
        '  }',
      ],
    ],
  },
  {
    id: 'target-check-misses-nan',
    hint: {
      en: 'Try a NaN target probability.',
      zh: '试试值为 NaN 的 target 概率。',
    },
    why: {
      en: 'Checks the target with target < 0 instead of !(target >= 0). Every comparison with NaN is false, so a NaN target passes the check and is then selected away by the p > 0 mask: a silent 0 where the prompt asks for a RangeError.',
      zh: '用 target < 0 而不是 !(target >= 0) 检查 target。与 NaN 的比较都是 false，NaN 于是通过检查，又被 p > 0 的掩码选掉：题目要求抛 RangeError 的地方静默地得到了 0。',
    },
    edits: [
      [
        'tf.logicalOr(tf.logicalNot(tf.greaterEqual(target, 0)), tf.equal(target, Infinity))',
        'tf.logicalOr(tf.less(target, 0), tf.equal(target, Infinity))',
      ],
    ],
  },
  {
    id: 'zero-times-log-zero',
    hint: {
      en: 'Give p a −Infinity logit. Is the result a number?',
      zh: '给 p 一个 −Infinity 的 logit，结果还是数吗？',
    },
    why: {
      en: 'Multiplies p·(log p − log q) without selecting the p > 0 terms: a −Infinity logit in p gives 0·(−Infinity) = NaN instead of 0·log 0 = 0, so p logits [−∞, 0, 0] give NaN instead of ln 1.5.',
      zh: '直接相乘 p·(log p − log q)，没有只选 p > 0 的项：p 中的 −Infinity logit 得到 0·(−Infinity) = NaN，而不是 0·log 0 = 0，于是 p 的 logits [−∞, 0, 0] 得到 NaN 而不是 ln 1.5。',
    },
    edits: [
      [
        '  return tf.sum(tf.where(tf.greater(p, 0), tf.mul(p, values), tf.zerosLike(p)), -1);',
        '  return tf.sum(tf.mul(p, values), -1);',
      ],
    ],
  },
  {
    id: 'log-target-nan-like-pytorch',
    hint: {
      en: 'With logTarget: true, pass a log target of −Infinity. What does that term contribute?',
      zh: '设置 logTarget: true 并传入值为 −Infinity 的对数 target，这一项贡献多少？',
    },
    why: {
      en: "Copies PyTorch's log-target formula exp(t)·(t − input) without the p > 0 mask: a log target of −∞ (p = 0) gives 0·(−∞) = NaN, as it does in PyTorch, where the prompt asks for 0. [[−∞, 0, −∞]] against input [[−1, −2, −0.5]] gives [[NaN, 2, NaN]].",
      zh: '照搬 PyTorch 的对数 target 公式 exp(t)·(t − input)，没有 p > 0 掩码：−∞ 的对数 target（p = 0）得到 0·(−∞) = NaN（PyTorch 也是如此），而题目要求是 0。[[−∞, 0, −∞]] 对 input [[−1, −2, −0.5]] 得到 [[NaN, 2, NaN]]。',
    },
    edits: [
      [
        '    const pointwise = tf.where(tf.greater(p, 0), tf.mul(p, tf.sub(logP, input)), tf.zerosLike(p));',
        '    const pointwise = logTarget\n      ? tf.mul(p, tf.sub(logP, input))\n      : tf.where(tf.greater(p, 0), tf.mul(p, tf.sub(logP, input)), tf.zerosLike(p));',
      ],
    ],
  },
  {
    id: 'minus-infinity-input-nan',
    base: 'alt-logsumexp',
    hint: {
      en: 'Give klDivLoss an input of −Infinity where the target is 0.',
      zh: '在 target 为 0 的位置给 klDivLoss 传入 −Infinity 的 input。',
    },
    why: {
      en: "Writes the term as p·log p − p·input (PyTorch's xlogy form) and masks only the first half: where p = 0 and input = −∞ (q = 0 too) the second half is 0·(−∞) = NaN, so a zero target no longer contributes 0. Input [[−∞, −1]] against target [[0, 1]] gives [[NaN, 1]].",
      zh: '把每一项写成 p·log p − p·input（PyTorch 的 xlogy 写法），却只给前一半加了掩码：p = 0 且 input = −∞（q 也为 0）时后一半是 0·(−∞) = NaN，target 为 0 的项不再贡献 0。input [[−∞, −1]] 对 target [[0, 1]] 得到 [[NaN, 1]]。',
    },
    edits: [
      [
        'tf.where(positive, tf.mul(p, logP), zeros), tf.where(positive, tf.mul(p, input), zeros)',
        'tf.where(positive, tf.mul(p, logP), zeros), tf.mul(p, input)',
      ],
    ],
  },
  {
    id: 'logsumexp-per-element',
    hint: {
      en: 'Right answers. Count the JavaScript steps it takes for logits of shape [16, 512].',
      zh: '答案都对。数一数形状为 [16, 512] 的 logits 要走多少步 JavaScript。',
    },
    why: {
      en: "Computes log-softmax in JavaScript loops and recomputes the row's maximum and Σ exp for every element instead of once per row: O(size·V) steps, 2·512 per element for V = 512, where the prompt allows 2·N + 64 in all and tensor ops need a few dozen.",
      zh: '用 JavaScript 循环计算 log-softmax，并且对每个元素都重新计算一遍所在行的最大值和 Σ exp，而不是每行算一次：O(size·V) 步，V = 512 时每个元素要 2·512 步，而题目总共只允许 2·N + 64 步，张量运算只需几十步。',
    },
    edits: [
      [
        '  // (x − max) − log Σ exp(x − max): subtracting the small log Σ last keeps it exact near the top\n  // (x − logsumexp(x) rounds it away next to logits of 1e4).\n  const shifted = tf.sub(logits, tf.max(logits, -1, true));\n  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));',
        '  const x = logits.dataSync();\n  const V = logits.shape[logits.rank - 1] as number;\n  const out = new Float32Array(x.length);\n  for (let i = 0; i < x.length; i++) {\n    const start = i - (i % V); // the row of element i\n    let max = -Infinity;\n    for (let j = start; j < start + V; j++) max = Math.max(max, x[j] as number);\n    let sum = 0;\n    for (let j = start; j < start + V; j++) sum += Math.exp((x[j] as number) - max);\n    out[i] = (x[i] as number) - max - Math.log(sum);\n  }\n  return tf.tensor(out, logits.shape);',
      ],
    ],
  },
  {
    id: 'no-logit-check',
    hint: {
      en: 'Pass a NaN logit. Does anything complain?',
      zh: '传入一个 NaN 的 logit，有没有报错？',
    },
    why: {
      en: 'Never checks the logit values, so a NaN or +Infinity logit flows through the softmax and comes out as a NaN entropy or KL: a silent NaN where the prompt asks for a RangeError (the NaN would only surface steps later as a NaN loss).',
      zh: '从不检查 logits 的值，NaN 或 +Infinity 的 logit 穿过 softmax，变成 NaN 的熵或 KL：题目要求抛 RangeError 的地方静默地给出 NaN（这个 NaN 要过好几步才会以 NaN 损失的形式暴露出来）。',
    },
    edits: [
      [
        '  if (someElement(() => tf.logicalOr(tf.isNaN(logits), tf.equal(logits, Infinity)))) {\n    throw new RangeError(`${name}: logits must be finite or -Infinity, found NaN or +Infinity`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'all-minus-infinity-row',
    hint: {
      en: 'What if every logit of a row is −Infinity?',
      zh: '如果某一行的所有 logits 都是 −Infinity 呢？',
    },
    why: {
      en: 'Accepts a row whose logits are all −Infinity (every class masked). Its maximum is −∞, so x − max is −∞ − (−∞) = NaN and the row comes out NaN instead of a RangeError: no distribution exists there.',
      zh: '接受了所有 logits 都是 −Infinity 的行（所有类别都被屏蔽）。这一行的最大值是 −∞，x − max 是 −∞ − (−∞) = NaN，结果为 NaN 而不是 RangeError：这一行根本不存在分布。',
    },
    edits: [
      [
        '  if (someElement(() => tf.equal(tf.max(logits, -1), -Infinity))) {\n    throw new RangeError(`${name}: a row whose logits are all -Infinity has no distribution`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'positional-reduction-ignored',
    hint: {
      en: "Call klDivLoss(input, target, 'sum'), with the reduction as a plain string.",
      zh: "调用 klDivLoss(input, target, 'sum')，把 reduction 直接写成字符串。",
    },
    why: {
      en: "Reads opts.reduction without checking that opts is an object. A caller who writes klDivLoss(input, target, 'sum') (PyTorch's reduction='sum' translated positionally) gets 'sum'.reduction = undefined, so the default 'mean': silently divided by B·V instead of a TypeError.",
      zh: "不检查 opts 是否为对象就读取 opts.reduction。调用方写 klDivLoss(input, target, 'sum')（把 PyTorch 的 reduction='sum' 按位置翻译过来）时，'sum'.reduction 是 undefined，于是用默认的 'mean'：静默地除以 B·V，而不是抛出 TypeError。",
    },
    edits: [
      [
        "  if (Object(opts) !== opts) {\n    // klDivLoss(input, target, 'sum') must not silently fall back to 'mean'.\n    throw new TypeError(`opts: expected an object such as { reduction: 'sum' }, got ${String(opts)}`);\n  }\n",
        '',
      ],
    ],
  },
]);
