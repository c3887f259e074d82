import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'count-includes-bias',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Which parameters of an adapted layer are trainable? Compare with PEFT for Llama-2-7B, q and v.',
      zh: '被适配的层里哪些参数是可训练的？和 PEFT 对 Llama-2-7B（q、v）给出的数字比一比。',
    },
    why: {
      en: 'Adds each adapted layer’s bias (dOut) to the trainable count, though LoRA freezes it (PEFT bias="none", and Llama has no biases at all): Llama-2-7B q,v r=8 gives 4456448 instead of 4194304.',
      zh: '把每个被适配层的偏置（dOut 个）也算进可训练参数，但 LoRA 会冻结它（PEFT 默认 bias="none"，而且 Llama 根本没有偏置）：Llama-2-7B q、v、r=8 得到 4456448 而不是 4194304。',
    },
    edits: [['    perLayer += cfg.r * (dIn + dOut);', '    perLayer += cfg.r * (dIn + dOut) + dOut;']],
  },
  {
    id: 'count-square-assumption',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Try a GQA model (Llama-3-8B: 8 kv heads) and the MLP projections.',
      zh: '试试 GQA 模型（Llama-3-8B：8 个 kv 头）和 MLP 的几个投影。',
    },
    why: {
      en: 'Counts every adapted matrix as 2·r·hidden, as if every projection were hidden × hidden: right for q and v of Llama-2-7B, wrong for GQA k/v (Llama-3-8B q,v gives 4194304 instead of 3407872), for the MLP, and whenever heads·headDim ≠ hidden.',
      zh: '把每个被适配矩阵都算成 2·r·hidden，仿佛所有投影都是 hidden × hidden：对 Llama-2-7B 的 q、v 是对的，但 GQA 的 k/v 不对（Llama-3-8B q、v 得到 4194304 而不是 3407872），MLP 不对，heads·headDim ≠ hidden 时也不对。',
    },
    edits: [
      [
        '    const [dIn, dOut] = dims[target];\n    perLayer += cfg.r * (dIn + dOut);',
        '    perLayer += 2 * cfg.r * hidden; // A [hidden, r] and B [r, hidden]',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one loraForward call.',
      zh: '比较一次 loraForward 调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'Builds the forward pass without tf.tidy, so the reshape, the concatenated [W | A], the fused product, its two halves, (x·A)·B, the scaled term and the sums stay allocated after every call: a training loop runs out of memory.',
      zh: '前向计算没有放进 tf.tidy，于是 reshape、拼接的 [W | A]、融合乘积及其两半、(x·A)·B、缩放项和各个和在每次调用后都留在内存里：训练循环最终耗尽内存。',
    },
    edits: [
      ['  return tf.tidy(() => {\n    const rows = ', '  {\n    const rows = '],
      [
        '    return tf.reshape(y, [...x.shape.slice(0, -1), dOut]);\n  });',
        '    return tf.reshape(y, [...x.shape.slice(0, -1), dOut]);\n  }',
      ],
    ],
  },
  {
    id: 'merge-ba-order',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Merge a non-square layer, W [3, 5]: what shape is the update?',
      zh: '合并一个非方阵的层，W [3, 5]：更新量是什么形状？',
    },
    why: {
      en: 'Copies loralib’s merge, W += (B @ A)ᵀ·s in its [out, in] layout, into this [in, out] layout as (A·B)ᵀ = Bᵀ·Aᵀ, which is [dOut, dIn]: on a square W it silently adds the transpose of the update, on a non-square W tf.add fails with a broadcast error.',
      zh: '照搬 loralib 在 [out, in] 布局下的合并 W += (B @ A)ᵀ·s，在本题的 [in, out] 布局里写成了 (A·B)ᵀ = Bᵀ·Aᵀ，形状是 [dOut, dIn]：W 为方阵时悄悄加上了更新量的转置，W 非方阵时 tf.add 报广播错误。',
    },
    edits: [
      ['tf.add(p.w, tf.mul(tf.matMul(p.a, p.b), s))', 'tf.add(p.w, tf.mul(tf.matMul(p.b, p.a, true, true), s))'],
      ['tf.sub(merged, tf.mul(tf.matMul(p.a, p.b), s))', 'tf.sub(merged, tf.mul(tf.matMul(p.b, p.a, true, true), s))'],
    ],
  },
  {
    id: 'merge-no-scaling',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Compare x·mergeLora(p) + bias with loraForward(x, p) when alpha ≠ r.',
      zh: 'alpha ≠ r 时，比较 x·mergeLora(p) + bias 与 loraForward(x, p)。',
    },
    why: {
      en: 'mergeLora and unmergeLora add A·B without the scaling s, so the merged model differs from the adapter forward pass unless s = 1 (alpha = r, the PEFT default 8/8, hides it): the worked example merges to W + A·B instead of W + 8·A·B.',
      zh: 'mergeLora 和 unmergeLora 加的是不带缩放 s 的 A·B，于是合并后的模型与带适配器的前向结果不同，除非 s = 1（alpha = r，PEFT 默认的 8/8 会掩盖它）：题面例子合并成了 W + A·B 而不是 W + 8·A·B。',
    },
    edits: [
      ['tf.add(p.w, tf.mul(tf.matMul(p.a, p.b), s))', 'tf.add(p.w, tf.matMul(p.a, p.b))'],
      ['tf.sub(merged, tf.mul(tf.matMul(p.a, p.b), s))', 'tf.sub(merged, tf.matMul(p.a, p.b))'],
    ],
  },
  {
    id: 'rslora-r-squared',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Check loraScaling(32, 4, { rslora: true }) by hand.',
      zh: '手算一下 loraScaling(32, 4, { rslora: true })。',
    },
    why: {
      en: 'rsLoRA divides by r² instead of √r: the author remembers that rank stabilisation changes the power of r, but not which way. loraScaling(32, 4, { rslora: true }) gives 2 instead of 16.',
      zh: 'rsLoRA 除以了 r² 而不是 √r：记得“秩稳定”改变的是 r 的幂次，却记反了方向。loraScaling(32, 4, { rslora: true }) 得到 2 而不是 16。',
    },
    edits: [['? alpha / Math.sqrt(r) : alpha / r', '? alpha / (r * r) : alpha / r']],
  },
  {
    id: 'scale-alpha',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Try alpha ≠ r, e.g. loraScaling(16, 2).',
      zh: '试试 alpha ≠ r，例如 loraScaling(16, 2)。',
    },
    why: {
      en: 'Scales the adapter by alpha instead of alpha / r (forgets the 1/r), so every update is r times too large; easy to miss because alpha = r (the PEFT default 8/8) gives s = 1 either way.',
      zh: '用 alpha 而不是 alpha / r 缩放适配器（忘了 1/r），每次更新都大了 r 倍；很容易漏掉，因为 alpha = r（PEFT 默认 8/8）时两者都是 s = 1。',
    },
    edits: [['? alpha / Math.sqrt(r) : alpha / r', '? alpha / Math.sqrt(r) : alpha']],
  },
  {
    id: 'scale-r-over-alpha',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Which of alpha and r is the numerator? Try loraScaling(16, 2).',
      zh: 'alpha 和 r 哪个是分子？试试 loraScaling(16, 2)。',
    },
    why: {
      en: 'Inverts the scaling to r / alpha (and √r / alpha for rsLoRA), mixing up which hyper-parameter is the numerator; alpha = r hides it. loraScaling(16, 2) gives 0.125 instead of 8.',
      zh: '把缩放写反成 r / alpha（rsLoRA 写成 √r / alpha），搞混了哪个超参数是分子；alpha = r 时看不出来。loraScaling(16, 2) 得到 0.125 而不是 8。',
    },
    edits: [['? alpha / Math.sqrt(r) : alpha / r', '? Math.sqrt(r) / alpha : r / alpha']],
  },
  {
    id: 'unmerge-adds',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Does unmergeLora(mergeLora(p), p) give W back?',
      zh: 'unmergeLora(mergeLora(p), p) 能还原出 W 吗？',
    },
    why: {
      en: 'unmergeLora adds s·A·B again instead of subtracting it (copy-pasted from mergeLora), so unmerge∘merge gives W + 2·s·A·B.',
      zh: 'unmergeLora 又加了一次 s·A·B 而不是减去它（从 mergeLora 复制粘贴而来），于是先合并再拆分得到 W + 2·s·A·B。',
    },
    edits: [['tf.sub(merged, tf.mul(tf.matMul(p.a, p.b), s))', 'tf.add(merged, tf.mul(tf.matMul(p.a, p.b), s))']],
  },
  {
    id: 'zero-a-random-b',
    base: 'alt-fused-kaiming',
    hint: {
      en: 'Which of the two matrices does initLora set to zero?',
      zh: 'initLora 把两个矩阵中的哪一个置零？',
    },
    why: {
      en: 'Swaps the init roles (random B, zero A, as loralib’s Embedding does): the adapter still starts as a zero change, but the Linear layer of loralib and PEFT, the paper and the prompt pin B = 0 and a non-zero A; a learner who remembers only that one of them is zero picks the wrong one.',
      zh: '把初始化角色对调（B 随机、A 为零，像 loralib 的 Embedding 那样）：适配器初始改变量仍为零，但 loralib 和 PEFT 的 Linear、论文以及题目都规定 B = 0、A 非零；只记得“其中一个为零”的人容易选错。',
    },
    edits: [
      ['  const values = new Float32Array(dIn * r);', '  const values = new Float32Array(r * dOut);'],
      [
        '  return { a: tf.tensor2d(values, [dIn, r]), b: tf.zeros([r, dOut]) };',
        '  return { a: tf.zeros([dIn, r]), b: tf.tensor2d(values, [r, dOut]) };',
      ],
    ],
  },
  {
    id: 'shapes-unchecked',
    hint: {
      en: 'Pass an A whose row count is not dIn, or a B that is [3, 2] for r = 2.',
      zh: '传一个行数不等于 dIn 的 A，或者 r = 2 时形状为 [3, 2] 的 B。',
    },
    why: {
      en: 'Never checks A against W and B against A: a mismatched A or B fails deep inside tf.matMul with a plain Error (or, for B [r, 1], broadcasts silently in tf.add), where the prompt asks for a RangeError that names the shapes.',
      zh: '从不检查 A 与 W、B 与 A 的形状是否匹配：不匹配的 A 或 B 在 tf.matMul 深处抛出普通 Error（B 为 [r, 1] 时甚至在 tf.add 中悄悄广播），而题目要求抛出指明形状的 RangeError。',
    },
    edits: [
      [
        "  if (aIn !== dIn) throw new RangeError(`a must be [dIn=${dIn}, r], got [${p.a.shape.join(', ')}]`);\n  if (bR !== r || bOut !== dOut) {\n    throw new RangeError(`b must be [r=${r}, dOut=${dOut}], got [${p.b.shape.join(', ')}]`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'alpha-unchecked',
    hint: {
      en: 'What does loraScaling(0, 2) or loraScaling(-8, 2) return?',
      zh: 'loraScaling(0, 2) 或 loraScaling(-8, 2) 返回什么？',
    },
    why: {
      en: 'Never checks alpha: 0 silently switches the adapter off, a negative alpha flips the update, NaN poisons every output, where the prompt asks for a RangeError (and a TypeError for "16").',
      zh: '从不检查 alpha：0 悄悄关掉了适配器，负的 alpha 让更新反向，NaN 污染所有输出；题目要求这些情况抛出 RangeError（"16" 这样的字符串抛 TypeError）。',
    },
    edits: [
      [
        "  if (typeof alpha !== 'number') throw new TypeError(`alpha must be a number, got ${typeof alpha}`);\n  if (!(alpha > 0 && alpha < Infinity)) throw new RangeError(`alpha must be finite and > 0, got ${alpha}`);\n",
        '',
      ],
    ],
  },
  {
    id: 'x-last-dim-unchecked',
    hint: {
      en: 'Call loraForward with x [1, 4] for a W of [3, 2].',
      zh: 'W 为 [3, 2] 时，用 x [1, 4] 调用 loraForward。',
    },
    why: {
      en: 'Never checks the last dimension of x: x [1, 4] against W [3, 2] fails inside tf.reshape with a plain Error, and x [2, 6] is even reshaped silently into 4 rows of 3 before the output reshape fails, where the prompt asks for a RangeError.',
      zh: '从不检查 x 的最后一维：W 为 [3, 2] 时 x [1, 4] 在 tf.reshape 里抛出普通 Error，x [2, 6] 甚至先被悄悄 reshape 成 4 行 3 列，直到输出 reshape 才失败；题目要求抛出 RangeError。',
    },
    edits: [
      [
        "  if (x.shape[x.rank - 1] !== dIn) {\n    throw new RangeError(`x must be [..., dIn=${dIn}], got [${x.shape.join(', ')}]`); // rank 0 too: shape[-1] is undefined\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'bias-shape-unchecked',
    hint: {
      en: 'Pass a bias of shape [1] for dOut = 2.',
      zh: 'dOut = 2 时传一个形状为 [1] 的 bias。',
    },
    why: {
      en: 'Never checks the bias: a bias of shape [1] broadcasts silently, adding one number to every output, and a bias of [1, dOut] or [dOut + 1] reaches tf.add unchecked; the prompt asks for a RangeError unless the bias is exactly [dOut].',
      zh: '从不检查 bias：形状为 [1] 的 bias 会悄悄广播，给所有输出加同一个数；[1, dOut] 或 [dOut + 1] 的 bias 也未经检查就进了 tf.add。题目要求 bias 不恰好是 [dOut] 时抛出 RangeError。',
    },
    edits: [
      [
        "  if (p.bias !== undefined && tensor('bias', p.bias, 1).shape[0] !== dOut) {\n    throw new RangeError(`bias must be [dOut=${dOut}], got [${p.bias.shape.join(', ')}]`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'opts-misspelled-accepted',
    hint: {
      en: 'Pass { rsLora: true } (capital L) or { use_rslora: true }.',
      zh: '传 { rsLora: true }（大写 L）或 { use_rslora: true } 试试。',
    },
    why: {
      en: 'Reads opts.rslora without looking at the other keys, so { rsLora: true } or PEFT’s spelling { use_rslora: true } is silently ignored and the layer trains with alpha / r; the prompt asks for a TypeError for an unknown option.',
      zh: '只读取 opts.rslora，不看其他键，于是 { rsLora: true } 或 PEFT 的写法 { use_rslora: true } 被悄悄忽略，层用 alpha / r 训练；题目要求未知选项抛出 TypeError。',
    },
    edits: [
      [
        "  for (const key of Object.keys(opts)) {\n    if (key !== 'rslora') throw new TypeError(`opts: unknown option ${JSON.stringify(key)} (the only one is rslora)`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'seed-ignored',
    hint: {
      en: 'Call initLora twice with the same seed and compare the two A.',
      zh: '用同一个种子调用两次 initLora，比较两个 A。',
    },
    why: {
      en: 'Draws A with tf.randomNormal but never passes the seed, so every call gives a different A: runs cannot be reproduced, and the prompt asks that the same seed give the same A.',
      zh: '用 tf.randomNormal 生成 A，却没有传入种子，每次调用得到不同的 A：实验无法复现，而题目要求同一个种子得到同一个 A。',
    },
    edits: [["tf.randomNormal([dIn, r], 0, 0.02, 'float32', seed)", "tf.randomNormal([dIn, r], 0, 0.02, 'float32')"]],
  },
  {
    id: 'both-zero-init',
    hint: {
      en: 'Look at the values of A in a fresh adapter.',
      zh: '看看新初始化的适配器里 A 的值。',
    },
    why: {
      en: 'Initialises A to zeros as well as B, reasoning that the adapter should start as no change; it does, but then the gradient of B, (x·A)ᵀ·∂y, is zero, and so is the gradient of A while B = 0: the adapter never learns.',
      zh: '把 A 也和 B 一样初始化为零，理由是适配器一开始不应改变任何东西；确实不变，但此时 B 的梯度 (x·A)ᵀ·∂y 为零，B = 0 时 A 的梯度也为零：适配器永远学不动。',
    },
    edits: [["a: tf.randomNormal([dIn, r], 0, 0.02, 'float32', seed)", 'a: tf.zeros([dIn, r])']],
  },
  {
    id: 'kv-uses-heads',
    hint: {
      en: 'Count k and v for a GQA model, where kvHeads < heads.',
      zh: '在 kvHeads < heads 的 GQA 模型上统计 k 和 v。',
    },
    why: {
      en: 'Sizes k and v with heads·headDim instead of kvHeads·headDim, as in multi-head attention: right for Llama-2-7B, but Llama-3-8B (8 kv heads) q,v r=8 gives 4194304 instead of 3407872.',
      zh: '按多头注意力的习惯用 heads·headDim 而不是 kvHeads·headDim 计算 k、v 的大小：对 Llama-2-7B 没问题，但 Llama-3-8B（8 个 kv 头）q、v、r=8 得到 4194304 而不是 3407872。',
    },
    edits: [['  const kvDim = kvHeads * headDim;', '  const kvDim = heads * headDim;']],
  },
  {
    id: 'duplicate-targets-counted',
    hint: {
      en: "Pass the same target twice: targets ['q', 'v', 'q'].",
      zh: "把同一个 target 传两次：targets ['q', 'v', 'q']。",
    },
    why: {
      en: 'Adds r·(dIn + dOut) once per listed name, so a target listed twice is counted twice, although a projection gets one adapter however often it is named (PEFT matches target_modules by membership); the prompt asks for a RangeError.',
      zh: '每列出一个名字就加一次 r·(dIn + dOut)，于是列了两次的 target 被算了两次；但无论名字出现几次，一个投影只有一个适配器（PEFT 按是否属于 target_modules 匹配）。题目要求抛出 RangeError。',
    },
    edits: [
      ['    if (seen.has(target)) throw new RangeError(`target ${JSON.stringify(target)} is listed twice`);\n', ''],
    ],
  },
  {
    id: 'fractional-head-dim',
    hint: {
      en: 'Omit headDim with hidden 10 and heads 4.',
      zh: '不传 headDim，并设 hidden 10、heads 4。',
    },
    why: {
      en: 'Takes headDim = hidden / heads without checking that heads divides hidden: hidden 10 with 4 heads gives headDim 2.5 and a count with a fraction, where the prompt asks for a RangeError.',
      zh: '直接取 headDim = hidden / heads，不检查 heads 能否整除 hidden：hidden 10、4 个头得到 headDim 2.5，参数量带小数；题目要求抛出 RangeError。',
    },
    edits: [
      [
        '  if (cfg.headDim === undefined && hidden % heads !== 0) {\n    throw new RangeError(`hidden (${hidden}) must be a multiple of heads (${heads}) when headDim is omitted`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'merge-ignores-rslora',
    hint: {
      en: 'Merge with { rslora: true } and compare with loraForward under the same option.',
      zh: '用 { rslora: true } 合并，再和同一选项下的 loraForward 比较。',
    },
    why: {
      en: 'mergeLora does not pass its options on, so it always merges with alpha / r: an rsLoRA adapter merged for inference gives different outputs from the one that was trained (16/√2 against 8 in the worked example).',
      zh: 'mergeLora 没有把选项传下去，总是按 alpha / r 合并：用 rsLoRA 训练的适配器合并后做推理，输出与训练时不同（题面例子中是 16/√2 对 8）。',
    },
    edits: [
      [
        'export function mergeLora(p: LoraParams, opts?: Opts): tf.Tensor2D {\n  const { s } = check(p, opts);',
        'export function mergeLora(p: LoraParams, opts?: Opts): tf.Tensor2D {\n  const { s } = check(p, undefined);',
      ],
    ],
  },
  {
    id: 'output-not-reshaped',
    hint: {
      en: 'Call loraForward with x of rank 3, e.g. [2, 3, dIn].',
      zh: '用秩为 3 的 x 调用 loraForward，例如 [2, 3, dIn]。',
    },
    why: {
      en: 'Flattens x to [N, dIn] for the matmuls and returns the [N, dOut] result as it is: right for x [N, dIn], but x [B, T, dIn] comes back as [B·T, dOut] instead of [B, T, dOut].',
      zh: '为了做矩阵乘法把 x 展平成 [N, dIn]，却把 [N, dOut] 的结果原样返回：x 为 [N, dIn] 时没问题，但 x 为 [B, T, dIn] 时返回的是 [B·T, dOut] 而不是 [B, T, dOut]。',
    },
    edits: [['    return tf.reshape(y, [...x.shape.slice(0, -1), dOut]);', '    return y;']],
  },
  {
    id: 'host-loop-forward',
    hint: {
      en: 'Right answers everywhere: count the JavaScript steps of one loraForward on x [128, 256].',
      zh: '答案都对：数一数 x 为 [128, 256] 时一次 loraForward 走了多少步 JavaScript。',
    },
    why: {
      en: 'Reads x, W, A and B to the host and computes y in float64 JavaScript loops, one row and one output at a time: exact, but about N·dOut·(dIn + r) ≈ 6.7·10^6 steps for x [128, 256], W [256, 192], r 16, where the budget is 100 steps, and on a GPU backend every weight would be copied off the device on every call.',
      zh: '把 x、W、A、B 读回主机，用 float64 的 JavaScript 循环逐行逐个输出计算 y：结果精确，但 x [128, 256]、W [256, 192]、r 16 时约要 N·dOut·(dIn + r) ≈ 6.7·10^6 步，而预算是 100 步；在 GPU 后端上每次调用还会把所有权重拷出设备。',
    },
    edits: [
      [
        '  return tf.tidy(() => {\n    const x2 = tf.reshape(x, [-1, dIn]);\n    let y = tf.matMul(x2, p.w);\n    if (p.bias !== undefined) y = tf.add(y, p.bias);\n    y = tf.add(y, tf.mul(tf.matMul(tf.matMul(x2, p.a), p.b), s));\n    return tf.reshape(y, [...x.shape.slice(0, -1), dOut]);\n  });',
        '  const xs = x.dataSync();\n  const w = p.w.dataSync();\n  const a = p.a.dataSync();\n  const b = p.b.dataSync();\n  const bias = p.bias?.dataSync();\n  const r = p.a.shape[1];\n  const rows = xs.length / dIn;\n  const out = new Float32Array(rows * dOut);\n  for (let n = 0; n < rows; n++) {\n    const xa = new Float64Array(r);\n    for (let j = 0; j < r; j++) {\n      for (let i = 0; i < dIn; i++) xa[j] = (xa[j] as number) + (xs[n * dIn + i] as number) * (a[i * r + j] as number);\n    }\n    for (let o = 0; o < dOut; o++) {\n      let sum = bias === undefined ? 0 : (bias[o] as number);\n      for (let i = 0; i < dIn; i++) sum += (xs[n * dIn + i] as number) * (w[i * dOut + o] as number);\n      for (let j = 0; j < r; j++) sum += s * (xa[j] as number) * (b[j * dOut + o] as number);\n      out[n * dOut + o] = sum;\n    }\n  }\n  return tf.tensor(out, [...x.shape.slice(0, -1), dOut]);',
      ],
    ],
  },
]);
