import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'always-normalize',
    hint: {
      en: 'Route [[1, 2, 3, 0]] with k 1 and normalize: false. What is the gate?',
      zh: '用 k 1 和 normalize: false 路由 [[1, 2, 3, 0]]，门控值是多少？',
    },
    why: {
      en: 'Ignores normalize: false and always divides the k gates by their sum, a habit from Mixtral code. A Switch-style top-1 router then gets gate ≡ 1 (instead of 0.643914) and no signal through the gate.',
      zh: '忽略 normalize: false，总是把 k 个门控值除以它们的和（Mixtral 代码的习惯）。Switch 风格的 top-1 路由器于是门控值恒为 1（而不是 0.643914），路由器无法通过门控值得到信号。',
    },
    edits: [['    if (!normalize) return row;\n', '']],
  },
  {
    id: 'capacity-without-k',
    hint: {
      en: 'Compare expertCapacity(6, 3, 1, 1) with expertCapacity(6, 3, 2, 1).',
      zh: '比较 expertCapacity(6, 3, 1, 1) 和 expertCapacity(6, 3, 2, 1)。',
    },
    why: {
      en: "Computes ceil(T·cf/E) without the factor k: DeepSpeed's formula, but without its top-2 caller passing 2·cf. Top-2 routing then gets half the room it needs: expertCapacity(6, 3, 2, 1) gives 2 instead of 4.",
      zh: '计算 ceil(T·cf/E)，漏掉了因子 k：这是 DeepSpeed 的公式，却没有像它的 top-2 调用方那样传入 2·cf。top-2 路由于是只有所需容量的一半：expertCapacity(6, 3, 2, 1) 得到 2 而不是 4。',
    },
    edits: [['  return Math.ceil((k * tokens * cf) / experts);', '  return Math.ceil((tokens * cf) / experts);']],
  },
  {
    id: 'disposes-probs',
    hint: {
      en: 'Read r.probs after topKRouting returns.',
      zh: 'topKRouting 返回之后，读一下 r.probs。',
    },
    why: {
      en: 'Disposes probs after reading the gates out of it, as if every tensor made inside the function were its own to clean up. The caller receives a disposed Routing.probs, which it owns and still needs for the load-balancing loss.',
      zh: '从 probs 中读出门控值后就把它释放了，好像函数里创建的每个张量都该由自己清理。调用方拿到的是已释放的 Routing.probs，而它属于调用方，计算负载均衡损失时还要用到。',
    },
    edits: [['  tf.dispose([values, indices]);', '  tf.dispose([values, indices, probs]);']],
  },
  {
    id: 'floor-capacity',
    hint: {
      en: 'What is expertCapacity(10, 4, 1, 0.5), where k·T·cf/E = 1.25?',
      zh: 'k·T·cf/E = 1.25 时，expertCapacity(10, 4, 1, 0.5) 是多少？',
    },
    why: {
      en: 'Rounds the capacity down with Math.floor instead of up: k·T·cf/E = 1.25 gives room for 1 instead of 2, and 12.5 for 12, so tokens are dropped that the formula ceil(k·T·cf/E) keeps.',
      zh: '用 Math.floor 向下取整容量，而不是向上取整：k·T·cf/E = 1.25 时只给 1 个位置而不是 2 个，12.5 时给 12 个，于是按公式 ceil(k·T·cf/E) 本该保留的 token 被丢弃了。',
    },
    edits: [['  return Math.ceil((k * tokens * cf) / experts);', '  return Math.floor((k * tokens * cf) / experts);']],
  },
  {
    id: 'gate-broadcast-wrong-axis',
    hint: {
      en: 'How is each expert output [n, d] multiplied by its n gates? Try n = d.',
      zh: '每个专家的输出 [n, d] 是怎样乘以它的 n 个门控值的？试试 n = d 的情况。',
    },
    why: {
      en: 'Multiplies the expert output [n, d] by the gates as a 1-D tensor [n], which broadcasts along d instead of n: wrong whenever n = d (each column scaled by another token’s gate), a shape error otherwise.',
      zh: '把专家输出 [n, d] 乘以一维张量 [n] 形式的门控值，而它沿 d 广播，不是沿 n：n = d 时结果错误（每一列乘上了别的 token 的门控值），其他情况下则是形状错误。',
    },
    edits: [
      [
        '      parts.push(y.mul(tf.tensor2d(weights[e] as number[], [ids.length, 1])));',
        '      parts.push(y.mul(tf.tensor1d(weights[e] as number[])));',
      ],
    ],
  },
  {
    id: 'hf-mixtral-aux',
    hint: {
      en: "Compute the spec's k = 2 loss. Does it match 1.042632?",
      zh: '计算题目中 k = 2 时的损失，结果是 1.042632 吗？',
    },
    why: {
      en: "Divides the counts by T like HF Mixtral's load_balancing_loss_func, so fᵢ sums to k and the loss is k× ours: 2.085264 instead of 1.042632 for top-2. Fine in HF, where the coefficient absorbs it, but not this kata's convention (1 when balanced, for any k).",
      zh: '像 HF Mixtral 的 load_balancing_loss_func 那样把计数除以 T，于是 fᵢ 之和为 k，损失是我们的 k 倍：top-2 时得到 2.085264 而不是 1.042632。在 HF 中系数会把它吸收掉，但这不符合本题的约定（完全均衡时为 1，与 k 无关）。',
    },
    edits: [
      [
        '    sum += ((counts[i] as number) / assignments) * p;',
        '    sum += ((counts[i] as number) / experts.length) * p;',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Count tf.memory().numTensors around one topKRouting call (besides the probs you get back).',
      zh: '在调用一次 topKRouting 前后统计 tf.memory().numTensors（除了返回给你的 probs）。',
    },
    why: {
      en: 'Never disposes the tf.topk values and indices after reading them, so every topKRouting call leaves two tensors behind besides the probs it returns. The routing is right, so only a leak count notices.',
      zh: '读取 tf.topk 的 values 和 indices 之后从不释放它们，于是每次调用 topKRouting 除了返回的 probs 还会留下两个张量。路由结果是对的，只有统计泄漏才能发现。',
    },
    edits: [['  tf.dispose([values, indices]);\n', '']],
  },
  {
    id: 'missing-factor-e',
    hint: {
      en: 'What loss does a perfectly balanced router get: uniform probs, for E = 4?',
      zh: '完全均衡的路由器（probs 均匀，E = 4）得到的损失是多少？',
    },
    why: {
      en: 'Returns Σ fᵢ·Pᵢ without the factor E, so a balanced router scores 1/E instead of 1 and the loss weight silently depends on the number of experts: uniform probs with E = 4 give 0.25.',
      zh: '返回 Σ fᵢ·Pᵢ，漏掉了因子 E，于是完全均衡的路由器得分是 1/E 而不是 1，损失的权重悄悄地依赖于专家数：E = 4 的均匀 probs 得到 0.25。',
    },
    edits: [['  return numExperts * sum;', '  return sum;']],
  },
  {
    id: 'moe-leaks-routing',
    hint: {
      en: 'Count tf.memory().numTensors around one moeForward call.',
      zh: '在调用一次 moeForward 前后统计 tf.memory().numTensors。',
    },
    why: {
      en: "Runs the router and the experts outside tf.tidy and never disposes the routing's probs, the router logits, the gathered rows or the experts' outputs: the forward pass is right but leaks tensors on every call.",
      zh: '在 tf.tidy 之外运行路由器和各个专家，从不释放路由的 probs、路由 logits、gather 出的行以及专家的输出：前向结果正确，但每次调用都会泄漏张量。',
    },
    edits: [
      [
        '  return tf.tidy(() => {\n    const routing = topKRouting(tf.matMul(x, routerW), cfg.k, cfg);',
        '  {\n    const routing = topKRouting(tf.matMul(x, routerW), cfg.k, cfg);',
      ],
      [
        "    return tf.scatterND(tf.tensor2d(owners, [owners.length, 1], 'int32'), tf.concat(parts), [tokens, width]);\n  });",
        "    return tf.scatterND(tf.tensor2d(owners, [owners.length, 1], 'int32'), tf.concat(parts), [tokens, width]);\n  }",
      ],
    ],
  },
  {
    id: 'normalize-default-false',
    hint: {
      en: 'Call topKRouting(logits, 2) without options. Do the gates sum to 1?',
      zh: '不带选项调用 topKRouting(logits, 2)，门控值之和是 1 吗？',
    },
    why: {
      en: "Defaults normalize to false, Qwen2-MoE's norm_topk_prob default, instead of true (Mixtral): with the options left out the gates are the raw probabilities, [0.643914, 0.236883] instead of [0.731059, 0.268941].",
      zh: 'normalize 默认为 false（Qwen2-MoE 中 norm_topk_prob 的默认值），而不是 true（Mixtral）：不给选项时门控值是原始概率 [0.643914, 0.236883]，而不是 [0.731059, 0.268941]。',
    },
    edits: [['  const normalize = opts.normalize ?? true;', '  const normalize = opts.normalize ?? false;']],
  },
  {
    id: 'quadratic-dispatch',
    hint: {
      en: 'Right answers. Count its steps of work for T = 5000, k = 2.',
      zh: '答案都对。数一数 T = 5000、k = 2 时它的工作步数。',
    },
    why: {
      en: "Recounts an expert's load by rescanning every earlier assignment instead of keeping one counter per expert: right answers in O((T·k)²) time, about 5·10^7 steps for T·k = 10^4 where the budget is 16·T·k + 2·E + 64 ≈ 1.6·10^5.",
      zh: '每次都重新扫描之前所有的分配来统计专家的负载，而不是每个专家维护一个计数器：答案正确，但时间是 O((T·k)²)，T·k = 10^4 时约 5·10^7 步，而预算只有 16·T·k + 2·E + 64 ≈ 1.6·10^5 步。',
    },
    edits: [
      [
        '      if ((load[e] as number) < cap) {',
        '      let used = 0;\n      for (let s = 0; s <= slot; s++) {\n        const last = s < slot ? r.experts.length : token;\n        for (let t = 0; t < last; t++) if (r.experts[t]?.[s] === e && kept[t]?.[s]) used++;\n      }\n      if (used < cap) {',
      ],
    ],
  },
  {
    id: 'renormalise-after-drop',
    hint: {
      en: 'A token lost its second choice to capacity. What gate does its first choice get?',
      zh: '某个 token 的第二选择因容量限制被丢弃了，它的第一选择得到多大的门控值？',
    },
    why: {
      en: "Renormalises the surviving gates of a token after dropping, as DeepSpeed's top-2 gating does, so a token that lost its second choice gets its first at gate 1 instead of its normalised gate (< 1): the prompt says a dropped assignment contributes 0 and nothing is renormalised.",
      zh: '丢弃之后把 token 剩下的门控值重新归一化（DeepSpeed top-2 gating 的做法），于是丢掉第二选择的 token，其第一选择的门控值变成 1，而不是原来归一化后的值（< 1）：题目规定被丢弃的分配贡献 0，且不重新归一化。',
    },
    edits: [
      [
        '      const gateRow = routing.gates[token] as number[];\n      chosen.forEach((e, slot) => {\n        if (!keptRow[slot]) return;\n        (rows[e] as number[]).push(token);\n        (weights[e] as number[]).push(gateRow[slot] as number);',
        '      const gateRow = routing.gates[token] as number[];\n      const keptSum = gateRow.reduce((s, g, slot) => s + (keptRow[slot] ? g : 0), 0);\n      const total = gateRow.reduce((a, b) => a + b, 0);\n      chosen.forEach((e, slot) => {\n        if (!keptRow[slot]) return;\n        (rows[e] as number[]).push(token);\n        (weights[e] as number[]).push(((gateRow[slot] as number) * total) / keptSum);',
      ],
    ],
  },
  {
    id: 'soft-f',
    hint: {
      en: 'Change which experts were chosen but keep probs. Does the loss change?',
      zh: '保持 probs 不变、只改变选中的专家，损失会变吗？',
    },
    why: {
      en: 'Takes fᵢ from the router probabilities (the mean of probs) instead of the share of hard top-k choices, so the loss is E·Σ Pᵢ² and ignores which experts were actually picked: the spec’s k = 1 example gives 1.081947 instead of 1.201621.',
      zh: '用路由概率（probs 的均值）代替按 top-k 硬选择计数的比例作为 fᵢ，于是损失变成 E·Σ Pᵢ²，与实际选中了哪些专家无关：题目中 k = 1 的例子得到 1.081947 而不是 1.201621。',
    },
    edits: [['    sum += ((counts[i] as number) / assignments) * p;', '    sum += p * p;']],
  },
  {
    id: 'softmax-after-topk',
    hint: {
      en: 'With normalize: false, compare the gates with probs at the chosen experts.',
      zh: '设置 normalize: false，把门控值和所选专家处的 probs 比较一下。',
    },
    why: {
      en: 'Takes the top k logits first and softmaxes only those, so the gates are always normalised: with normalize: false they are no longer the full-softmax probabilities (Switch’s raw top-1 gate becomes 1, [[1, 2, 3, 0]] with k 2 gives [0.731059, 0.268941] instead of [0.643914, 0.236883]).',
      zh: '先取 logits 的 top k，再只对这 k 个做 softmax，于是门控值总是归一化的：normalize: false 时它们不再是完整 softmax 的概率（Switch 的原始 top-1 门控值变成 1；[[1, 2, 3, 0]]、k 2 得到 [0.731059, 0.268941] 而不是 [0.643914, 0.236883]）。',
    },
    edits: [
      [
        '  const { values, indices } = tf.topk(probs, k);\n  const top = values.arraySync() as number[][];',
        '  const { values, indices } = tf.topk(routerLogits, k);\n  const top = (values.arraySync() as number[][]).map((row) => {\n    const m = Math.max(...row);\n    const ex = row.map((v) => Math.exp(v - m));\n    const s = ex.reduce((a, b) => a + b, 0);\n    return ex.map((v) => v / s);\n  });',
      ],
    ],
  },
  {
    id: 'ties-to-higher-index',
    base: 'alt-dense',
    hint: {
      en: 'Route [[1, 1, 0, 1]] with k 2. Which two experts, in which order?',
      zh: '用 k 2 路由 [[1, 1, 0, 1]]，选出哪两个专家？顺序如何？',
    },
    why: {
      en: 'Breaks ties toward the higher expert index: the hand-written comparator settles equal probabilities with j − i instead of i − j, so equal logits pick the last expert first ([[1, 1, 0, 1]] gives [3, 1] instead of [0, 1]).',
      zh: '并列时偏向下标大的专家：手写的比较函数在概率相等时用 j − i 而不是 i − j，于是相等的 logits 先选最后一个专家（[[1, 1, 0, 1]] 得到 [3, 1] 而不是 [0, 1]）。',
    },
    edits: [
      [
        '.sort((i, j) => (row[j] as number) - (row[i] as number) || i - j);',
        '.sort((i, j) => (row[j] as number) - (row[i] as number) || j - i);',
      ],
    ],
  },
  {
    id: 'token-major-priority',
    hint: {
      en: "Dispatch the spec's k = 2 choices at capacity 4. Which second choices survive?",
      zh: '以容量 4 对题目中 k = 2 的选择做 dispatch，哪些第二选择被保留？',
    },
    why: {
      en: "Fills capacity token by token (both choices of token 0, then of token 1, …) instead of slot-major, so a late token's first choice loses to an earlier token's second choice: the spec example keeps token 2's second choice and drops both of token 5's.",
      zh: '按 token 顺序填充容量（先 token 0 的两个选择，再 token 1 的……），而不是按槽位优先，于是靠后 token 的第一选择输给了靠前 token 的第二选择：题目的例子保留了 token 2 的第二选择，却丢掉了 token 5 的两个选择。',
    },
    edits: [
      [
        '  for (let slot = 0; slot < k; slot++) {\n    r.experts.forEach((row, token) => {',
        '  r.experts.forEach((row, token) => {\n    for (let slot = 0; slot < k; slot++) {',
      ],
      [
        '        (kept[token] as boolean[])[slot] = true;\n      }\n    });\n  }',
        '        (kept[token] as boolean[])[slot] = true;\n      }\n    }\n  });',
      ],
    ],
  },
  {
    id: 'unlimited-means-cf-1',
    hint: {
      en: 'Call moeForward without a capacityFactor, with every token preferring the same expert.',
      zh: '不给 capacityFactor 调用 moeForward，并让所有 token 都偏好同一个专家。',
    },
    why: {
      en: 'Treats a missing capacityFactor as 1 instead of unlimited, so tokens are dropped (and get zero rows) although the caller asked for no capacity limit: T 5, E 4, k 1 all on expert 0 keeps only 2 of them.',
      zh: '把缺省的 capacityFactor 当作 1 而不是不限容量，于是调用方明明没有要求容量限制，却有 token 被丢弃（得到全零行）：T 5、E 4、k 1 全部选专家 0 时只保留了 2 个。',
    },
    edits: [
      [
        '  const capacity =\n    cfg.capacityFactor === undefined ? Infinity : expertCapacity(tokens, numExperts, cfg.k, cfg.capacityFactor);',
        '  const capacity = expertCapacity(tokens, numExperts, cfg.k, cfg.capacityFactor ?? 1);',
      ],
    ],
  },
  {
    id: 'drops-ignored-in-forward',
    base: 'alt-dense',
    hint: {
      en: 'Call moeForward with capacityFactor 0.5. Do the dropped assignments still contribute?',
      zh: '用 capacityFactor 0.5 调用 moeForward，被丢弃的分配还有贡献吗？',
    },
    why: {
      en: 'Fills the dense combine matrix with every chosen gate and never looks at kept, so dispatch runs but its drops have no effect: with capacityFactor 0.5 token 2 of the prompt example gets [2, 2] instead of the zero row.',
      zh: '稠密组合矩阵里填入了所有被选中的门控值，却从不看 kept，于是 dispatch 虽然执行了，丢弃却不起作用：题目例子中 capacityFactor 0.5 时 token 2 得到 [2, 2]，而不是全零行。',
    },
    edits: [
      [
        '        if ((kept[t] as boolean[])[s]) (combine[t] as number[])[e] = (routing.gates[t] as number[])[s] as number;',
        '        (combine[t] as number[])[e] = (routing.gates[t] as number[])[s] as number;',
      ],
    ],
  },
  {
    id: 'topk-k-unchecked',
    hint: {
      en: 'Call topKRouting with k = 0 and with k = E + 1.',
      zh: '分别用 k = 0 和 k = E + 1 调用 topKRouting。',
    },
    why: {
      en: "Leaves k to tf.topk: k > E raises tfjs's own plain Error, not the RangeError the prompt asks for, and k = 0 returns tokens with no experts at all, which dispatch and the forward pass then silently treat as dropped.",
      zh: '把 k 的检查交给 tf.topk：k > E 时抛出的是 tfjs 自己的普通 Error，而不是题目要求的 RangeError；k = 0 时返回没有任何专家的 token，之后 dispatch 和前向计算会静默地把它们当作被丢弃。',
    },
    edits: [["  integerIn('topKRouting: k', k, 1, numExperts);\n", '']],
  },
  {
    id: 'fractional-k-accepted',
    hint: {
      en: 'Try k = 1.5, or a capacity of 2.5.',
      zh: '试试 k = 1.5，或者容量 2.5。',
    },
    why: {
      en: 'Checks that k, the token and expert counts lie in range but not that they are integers: k = 1.5 passes 1 <= k <= E and tfjs truncates it, and expertCapacity(2.5, …) computes a capacity for half a token, where the prompt asks for a RangeError.',
      zh: '只检查 k、token 数和专家数在范围内，不检查它们是不是整数：k = 1.5 通过了 1 <= k <= E，tfjs 会把它截断；expertCapacity(2.5, …) 给半个 token 算出了容量。题目要求的是抛出 RangeError。',
    },
    edits: [['  if (!(Number.isInteger(n) && n >= min && n <= max)) {', '  if (!(n >= min && n <= max)) {']],
  },
  {
    id: 'non-finite-logits-accepted',
    hint: {
      en: 'Route logits that contain a NaN.',
      zh: '路由一组含有 NaN 的 logits。',
    },
    why: {
      en: 'Never checks the router logits: a NaN (from an overflowed activation upstream) makes that token’s softmax all NaN and tf.topk then picks arbitrary experts with NaN gates, a silent wrong routing where the prompt asks for a RangeError.',
      zh: '从不检查路由 logits：一个 NaN（来自上游溢出的激活）会让该 token 的 softmax 全是 NaN，tf.topk 随后挑出任意的专家和 NaN 门控值。题目要求抛出 RangeError 的地方，得到的是一个静默的错误路由。',
    },
    edits: [["  finiteValues('topKRouting: routerLogits', routerLogits);\n", '']],
  },
  {
    id: 'infinite-capacity-factor-accepted',
    hint: {
      en: 'Call expertCapacity(8, 4, 1, Infinity).',
      zh: '调用 expertCapacity(8, 4, 1, Infinity)。',
    },
    why: {
      en: 'Checks capacityFactor > 0 but not that it is finite, so Infinity slips through and gives an infinite capacity. No limit is spelled by leaving capacityFactor out; an Infinity usually means a division by zero upstream, and the prompt asks for a RangeError.',
      zh: '只检查 capacityFactor > 0，不检查它是否有限，于是 Infinity 混了进来，得到无限大的容量。不限容量的写法是不传 capacityFactor；Infinity 通常意味着上游除以了零，题目要求抛出 RangeError。',
    },
    edits: [['  if (!(Number.isFinite(cf) && cf > 0)) {', '  if (!(cf > 0)) {']],
  },
  {
    id: 'expert-ids-unchecked',
    hint: {
      en: 'Dispatch a routing that names expert E (one past the last).',
      zh: '对一个包含专家编号 E（超出最后一个）的路由做 dispatch。',
    },
    why: {
      en: 'Never checks the expert ids: in dispatch load[E] is undefined, undefined < capacity is false, and the assignment is dropped without a word; in the loss counts[E] is NaN and is simply never summed. Out-of-range ids must raise a RangeError.',
      zh: '从不检查专家编号：在 dispatch 中 load[E] 是 undefined，undefined < capacity 为 false，这个分配被悄无声息地丢弃；在损失中 counts[E] 是 NaN，根本不会被加进去。超出范围的编号必须抛出 RangeError。',
    },
    edits: [
      [
        '    for (const e of row) {\n      if (!(Number.isInteger(e) && e >= 0 && e < numExperts)) {\n        throw new RangeError(`${where}[${t}] holds ${e}, not an expert id in [0, ${numExperts})`);\n      }\n    }\n',
        '',
      ],
    ],
  },
  {
    id: 'positional-normalize-ignored',
    hint: {
      en: 'Call topKRouting(logits, 2, false), with normalize passed as a bare boolean.',
      zh: '调用 topKRouting(logits, 2, false)，把 normalize 直接写成布尔值。',
    },
    why: {
      en: 'Reads opts.normalize without checking that opts is an object: topKRouting(logits, 2, false) reads false.normalize = undefined and normalises, the opposite of what the caller meant, where the prompt asks for a TypeError.',
      zh: '不检查 opts 是否为对象就读取 opts.normalize：topKRouting(logits, 2, false) 读到 false.normalize = undefined，于是做了归一化，恰好与调用方的意思相反；题目要求的是抛出 TypeError。',
    },
    edits: [
      [
        '  if (Object(opts) !== opts) throw new TypeError(`topKRouting: opts must be an object, got ${String(opts)}`);\n',
        '',
      ],
    ],
  },
]);
