import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'causal-mask-off-by-one',
    hint: {
      en: 'Check which keys the first token may see: change x at position 1 and watch y at position 0.',
      zh: '看看第一个 token 能看到哪些 key：改动位置 1 的 x，观察位置 0 的 y。',
    },
    why: {
      en: 'The mask starts one position too late (s > t + 1 instead of s > t), so every query also sees the next token: an off-by-one in the inner loop bound. With T ≥ 2, y[:, 0] changes when x[:, 1] does.',
      zh: 'mask 晚了一个位置才开始（s > t + 1 而不是 s > t），于是每个 query 还能看到下一个 token：内层循环边界差了一。T ≥ 2 时，改动 x[:, 1] 会改变 y[:, 0]。',
    },
    edits: [
      [
        '  for (let t = 0; t < seqLen; t++) for (let s = t + 1; s < seqLen; s++) bias[t * seqLen + s] = -Infinity;',
        '  for (let t = 0; t < seqLen; t++) for (let s = t + 2; s < seqLen; s++) bias[t * seqLen + s] = -Infinity;',
      ],
    ],
  },
  {
    id: 'non-causal',
    hint: {
      en: 'Does token t ever depend on tokens after it? Change the future and compare the past.',
      zh: 'token t 会不会依赖它之后的 token？改动“未来”，再比较“过去”的输出。',
    },
    why: {
      en: 'Forgets the causal mask, so every position attends to the whole sequence (an encoder block, not a decoder). Shapes are right and values look plausible; README example 2 gives [1.70711, 0.70711] for token 0 instead of [2.41421, 0].',
      zh: '忘了因果 mask，每个位置都关注整个序列（这是 encoder block，不是 decoder）。形状正确、数值看着也合理；README 示例 2 中 token 0 得到 [1.70711, 0.70711] 而不是 [2.41421, 0]。',
    },
    edits: [
      ['    const probs = tf.softmax(tf.add(scores, causalBias(seqLen)));', '    const probs = tf.softmax(scores);'],
    ],
  },
  {
    id: 'config-eps-ignored',
    hint: {
      en: 'Pass a large config.eps such as 0.1: does the output change at all?',
      zh: '传一个较大的 config.eps（如 0.1）：输出有没有变化？',
    },
    why: {
      en: 'Hard-codes eps = 1e-6 and never reads config.eps; rows of order 1 hide it, but eps = 0.1 shrinks a row uniform in [−1, 1) by about 12% (1/sqrt(1/3 + 0.1) against 1/sqrt(1/3)).',
      zh: '把 eps 写死为 1e-6，从不读取 config.eps；数量级为 1 的行看不出来，但 eps = 0.1 会让在 [−1, 1) 上均匀分布的行缩小约 12%（1/sqrt(1/3 + 0.1) 对比 1/sqrt(1/3)）。',
    },
    edits: [['  const { nHeads, eps = 1e-6 } = config;', '  const { nHeads } = config;\n  const eps = 1e-6;']],
  },
  {
    id: 'eps-zero-replaced',
    hint: {
      en: 'Pass config.eps = 0 on rows scaled by 1e-4: is 0 used, or the default?',
      zh: '在缩放到 1e-4 的行上传入 config.eps = 0：用的是 0 还是默认值？',
    },
    why: {
      en: 'Defaults eps with `config.eps || 1e-6`, which also replaces an explicit 0 (0 is falsy); `??` or a destructuring default keeps it. On a row of size 1e-4, mean(v²) = 1e-8 is a hundredth of 1e-6, so the row comes out about 10 times too small.',
      zh: '用 `config.eps || 1e-6` 取默认值，显式传入的 0 也被替换掉了（0 是假值）；用 `??` 或解构默认值才能保留它。对量级 1e-4 的行，mean(v²) = 1e-8 只有 1e-6 的百分之一，结果约小了 10 倍。',
    },
    edits: [
      ['  const { nHeads, eps = 1e-6 } = config;', '  const { nHeads } = config;\n  const eps = config.eps || 1e-6;'],
    ],
  },
  {
    id: 'eps-outside-sqrt',
    hint: {
      en: 'Feed rows scaled by 1e-4: where does eps sit relative to the square root?',
      zh: '输入缩放到 1e-4 的行：eps 相对平方根放在哪里？',
    },
    why: {
      en: 'RMSNorm divides by sqrt(mean(v²)) + eps instead of sqrt(mean(v²) + eps), as some from-scratch tutorials write it. The two agree for rows of order 1, so random tests miss it; a row of size 1e-4 normalises to about 1 instead of about 0.1.',
      zh: 'RMSNorm 除以 sqrt(mean(v²)) + eps，而不是 sqrt(mean(v²) + eps)，一些从零实现的教程就是这样写的。数量级为 1 的行两者一致，随机测试发现不了；量级 1e-4 的行归一化后约为 1，而不是约 0.1。',
    },
    edits: [
      [
        '  return tf.mul(tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps))), gain);',
        '  return tf.mul(tf.div(v, tf.add(tf.sqrt(meanSquare), eps)), gain);',
      ],
    ],
  },
  {
    id: 'global-rms',
    hint: {
      en: 'Scale one row of x by 1e-4 and leave the others: does the small row still come out normalised?',
      zh: '把 x 的某一行缩放到 1e-4、其余不变：这一行归一化后还对吗？',
    },
    why: {
      en: 'Takes mean(v²) over the whole tensor (no axis argument) instead of per row, so every token is divided by one shared RMS: rows of different sizes, or batch rows, leak into each other.',
      zh: '对整个张量求 mean(v²)（没写 axis），而不是逐行求，于是所有 token 被同一个 RMS 相除：大小不同的行、不同的 batch 行互相影响。',
    },
    edits: [['  const meanSquare = tf.mean(tf.square(v), -1, true);', '  const meanSquare = tf.mean(tf.square(v));']],
  },
  {
    id: 'layernorm-instead-of-rmsnorm',
    hint: {
      en: 'Add the same constant to every element of a row: should the normalised row stay the same?',
      zh: '给某一行的每个元素加上同一个常数：归一化结果应该不变吗？',
    },
    why: {
      en: 'Uses LayerNorm (subtracts the row mean, divides by the standard deviation) out of habit from GPT-2/BERT code; Llama blocks use RMSNorm, which never centres. Any row with a non-zero mean comes out different.',
      zh: '出于 GPT-2/BERT 的习惯用了 LayerNorm（减去行均值、除以标准差）；Llama 的 block 用 RMSNorm，从不减均值。任何均值非零的行结果都不同。',
    },
    edits: [
      [
        '  const meanSquare = tf.mean(tf.square(v), -1, true);\n  return tf.mul(tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps))), gain);',
        '  const mean = tf.mean(v, -1, true);\n  const centred = tf.sub(v, mean);\n  const variance = tf.mean(tf.square(centred), -1, true);\n  return tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, eps))), gain);',
      ],
    ],
  },
  {
    id: 'norm-gains-ignored',
    hint: {
      en: 'Use norm gains that are not all 1 (the random ones are in [0.5, 1.5]): do they change the output?',
      zh: '用不全为 1 的 norm 增益（随机增益在 [0.5, 1.5] 内）：输出会随之改变吗？',
    },
    why: {
      en: 'Forgets to multiply the normalised rows by the RMSNorm gain. Freshly initialised gains are all 1, so a test with ones (like the README examples) cannot see it.',
      zh: '忘了把归一化后的行乘以 RMSNorm 的增益。刚初始化的增益全是 1，所以用全 1 增益的测试（如 README 的示例）看不出来。',
    },
    edits: [
      [
        '  return tf.mul(tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps))), gain);',
        '  return tf.mul(v, tf.rsqrt(tf.add(meanSquare, eps)));',
      ],
    ],
  },
  {
    id: 'norm-gains-swapped',
    hint: {
      en: 'Give attnNorm and mlpNorm different values: which sub-layer uses which gain?',
      zh: '给 attnNorm 和 mlpNorm 不同的值：哪个子层用哪个增益？',
    },
    why: {
      en: 'Normalises the attention input with mlpNorm and the MLP input with attnNorm, a copy-paste slip between two sub-layers that look alike. Equal gains hide it.',
      zh: '用 mlpNorm 归一化注意力的输入、用 attnNorm 归一化 MLP 的输入：两个长得很像的子层之间复制粘贴出的错。两个增益相等时看不出来。',
    },
    edits: [
      ['    const a = rmsNorm(rows, params.attnNorm, eps);', '    const a = rmsNorm(rows, params.mlpNorm, eps);'],
      ['    const m = rmsNorm(h, params.mlpNorm, eps);', '    const m = rmsNorm(h, params.attnNorm, eps);'],
    ],
  },
  {
    id: 'post-norm',
    hint: {
      en: 'Set wo = wDown = 0: should y then equal x exactly?',
      zh: '令 wo = wDown = 0：此时 y 应当恰好等于 x 吗？',
    },
    why: {
      en: 'Post-norm, as in the original Transformer: h = RMSNorm(x + MHA(x)) and y = RMSNorm(h + MLP(h)), normalising after each residual add instead of normalising the sub-layer input. With wo = wDown = 0 it returns RMSNorm(RMSNorm(x)) instead of x.',
      zh: 'post-norm，即原始 Transformer 的写法：h = RMSNorm(x + MHA(x))、y = RMSNorm(h + MLP(h))，在每次残差相加之后归一化，而不是归一化子层的输入。wo = wDown = 0 时返回 RMSNorm(RMSNorm(x)) 而不是 x。',
    },
    edits: [
      ['    const a = rmsNorm(rows, params.attnNorm, eps);', '    const a = rows;'],
      [
        '    const h = tf.add(rows, tf.matMul(tf.reshape(heads, [batch * seqLen, dModel]), params.wo));',
        '    const h = rmsNorm(\n      tf.add(rows, tf.matMul(tf.reshape(heads, [batch * seqLen, dModel]), params.wo)),\n      params.attnNorm,\n      eps,\n    );',
      ],
      ['    const m = rmsNorm(h, params.mlpNorm, eps);', '    const m = h;'],
      [
        '    const y = tf.add(h, tf.matMul(hidden, params.wDown));',
        '    const y = rmsNorm(tf.add(h, tf.matMul(hidden, params.wDown)), params.mlpNorm, eps);',
      ],
    ],
  },
  {
    id: 'missing-attn-residual',
    hint: {
      en: 'Set wo = wDown = 0: what is left of x in the output?',
      zh: '令 wo = wDown = 0：输出里还剩下多少 x？',
    },
    why: {
      en: 'Drops the attention residual, h = MHA(RMSNorm(x)) instead of x + MHA(RMSNorm(x)): the block no longer passes its input through. With wo = wDown = 0 it returns 0 instead of x.',
      zh: '丢了注意力的残差连接：h = MHA(RMSNorm(x)) 而不是 x + MHA(RMSNorm(x))，block 不再把输入传下去。wo = wDown = 0 时返回 0 而不是 x。',
    },
    edits: [
      [
        '    const h = tf.add(rows, tf.matMul(tf.reshape(heads, [batch * seqLen, dModel]), params.wo));',
        '    const h = tf.matMul(tf.reshape(heads, [batch * seqLen, dModel]), params.wo);',
      ],
    ],
  },
  {
    id: 'missing-mlp-residual',
    hint: {
      en: 'Set wDown = 0 alone: should y then equal h, the output of the attention sub-layer?',
      zh: '只令 wDown = 0：y 应当等于注意力子层的输出 h 吗？',
    },
    why: {
      en: 'Drops the MLP residual and returns MLP(RMSNorm(h)) instead of h + MLP(RMSNorm(h)). With wDown = 0 it returns 0.',
      zh: '丢了 MLP 的残差连接，返回 MLP(RMSNorm(h)) 而不是 h + MLP(RMSNorm(h))。wDown = 0 时返回 0。',
    },
    edits: [
      ['    const y = tf.add(h, tf.matMul(hidden, params.wDown));', '    const y = tf.matMul(hidden, params.wDown);'],
    ],
  },
  {
    id: 'gate-up-swapped',
    hint: {
      en: 'Which of wGate and wUp goes through silu? Give them different values.',
      zh: 'wGate 和 wUp 哪个经过 silu？给它们不同的值试试。',
    },
    why: {
      en: "Applies silu to m·wUp and multiplies by m·wGate: the two projections have the same shape [D, F] and look alike, so the slip type-checks. Llama's FeedForward is w2(silu(w1 x) ⊙ w3 x) with w1 the gate.",
      zh: '对 m·wUp 做 silu 再乘以 m·wGate：两个投影形状都是 [D, F]、看起来一样，写反了也能通过类型检查。Llama 的 FeedForward 是 w2(silu(w1 x) ⊙ w3 x)，w1 才是 gate。',
    },
    edits: [
      [
        '    const gate = tf.matMul(m, params.wGate);\n    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(m, params.wUp));',
        '    const gate = tf.matMul(m, params.wUp);\n    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(m, params.wGate));',
      ],
    ],
  },
  {
    id: 'gelu-instead-of-silu',
    hint: {
      en: 'Which activation does the gate use? Compare the MLP alone (README example 3) with silu by hand.',
      zh: 'gate 用的是哪个激活函数？单独看 MLP（README 示例 3），和手算的 silu 比一比。',
    },
    why: {
      en: "Uses GELU (the tanh approximation) in the gated MLP, remembering GPT-2's MLP rather than Llama's SwiGLU. GELU and silu are close but not equal: gelu(√2) ≈ 1.30 while silu(√2) ≈ 1.14.",
      zh: '在门控 MLP 里用了 GELU（tanh 近似），记成了 GPT-2 的 MLP 而不是 Llama 的 SwiGLU。两者接近但不相等：gelu(√2) ≈ 1.30，而 silu(√2) ≈ 1.14。',
    },
    edits: [
      [
        '    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(m, params.wUp));',
        '    const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(gate, tf.mul(0.044715, tf.pow(gate, 3))));\n    const gelu = tf.mul(tf.mul(0.5, gate), tf.add(1, tf.tanh(inner)));\n    const hidden = tf.mul(gelu, tf.matMul(m, params.wUp));',
      ],
    ],
  },
  {
    id: 'relu-instead-of-silu',
    hint: {
      en: 'Look at negative gate values: does silu really turn them into exact zeros?',
      zh: '看 gate 为负的地方：silu 真的会把它们变成 0 吗？',
    },
    why: {
      en: 'Uses ReLU as the gate activation (ReGLU) instead of silu; the two agree roughly for large positive gates but silu(−1) ≈ −0.27, not 0.',
      zh: '把 gate 的激活写成了 ReLU（ReGLU）而不是 silu；gate 很大且为正时两者差不多，但 silu(−1) ≈ −0.27，而不是 0。',
    },
    edits: [
      [
        '    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(m, params.wUp));',
        '    const hidden = tf.mul(tf.relu(gate), tf.matMul(m, params.wUp));',
      ],
    ],
  },
  {
    id: 'sigmoid-instead-of-silu',
    hint: {
      en: 'Write silu out in full and compare it with what the gate computes.',
      zh: '把 silu 的完整公式写出来，和 gate 实际算的比一比。',
    },
    why: {
      en: 'Writes silu(g) as sigmoid(g), forgetting the factor g (silu(g) = g·sigmoid(g)): the name "sigmoid linear unit" invites it. For g = √2 it gives 0.80 instead of 1.14.',
      zh: '把 silu(g) 写成了 sigmoid(g)，漏掉了因子 g（silu(g) = g·sigmoid(g)）：“sigmoid linear unit”这个名字容易让人这样写。g = √2 时得到 0.80 而不是 1.14。',
    },
    edits: [
      [
        '    const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), tf.matMul(m, params.wUp));',
        '    const hidden = tf.mul(tf.sigmoid(gate), tf.matMul(m, params.wUp));',
      ],
    ],
  },
  {
    id: 'scale-sqrt-d-model',
    hint: {
      en: 'Compare nHeads = 1 with nHeads = 4 on the same D: which size goes under the square root?',
      zh: '同一个 D 下比较 nHeads = 1 和 nHeads = 4：平方根下面是哪个维度？',
    },
    why: {
      en: 'Scales the scores by 1/sqrt(dModel) instead of 1/sqrt(headDim), as if there were one head: identical when nHeads = 1, too flat a softmax otherwise.',
      zh: '把得分乘以 1/sqrt(dModel) 而不是 1/sqrt(headDim)，好像只有一个头：nHeads = 1 时结果相同，其余情况 softmax 过于平坦。',
    },
    edits: [
      [
        '    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headDim)); // [B, H, T, T]',
        '    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dModel)); // [B, H, T, T]',
      ],
    ],
  },
  {
    id: 'weights-transposed',
    hint: {
      en: 'Which way round are the weights stored? Give wq a matrix that is not symmetric and check q by hand.',
      zh: '权重是按哪个方向存的？给 wq 一个不对称的矩阵，手算 q 对照一下。',
    },
    why: {
      en: 'Computes q, k, v as a·Wᵀ, the PyTorch nn.Linear habit (weight stored [out, in]); here weights are [in, out] and applied as a·W. The D×D shapes match either way, so nothing complains, and only a symmetric weight would give the same result.',
      zh: '把 q、k、v 算成 a·Wᵀ，这是 PyTorch nn.Linear 的习惯（权重存为 [out, in]）；本题权重是 [in, out]，按 a·W 使用。D×D 的形状两种写法都对得上，所以不会报错，只有对称的权重才会给出相同结果。',
    },
    edits: [
      [
        'tf.transpose(tf.reshape(tf.matMul(a, w), [batch, seqLen, nHeads, headDim]), [0, 2, 1, 3]);',
        'tf.transpose(tf.reshape(tf.matMul(a, w, false, true), [batch, seqLen, nHeads, headDim]), [0, 2, 1, 3]);',
      ],
    ],
  },
  {
    id: 'head-reshape-no-transpose',
    hint: {
      en: 'Use T ≥ 2 and nHeads ≥ 2: which columns of q does head 0 really hold?',
      zh: '取 T ≥ 2 且 nHeads ≥ 2：头 0 实际拿到的是 q 的哪些列？',
    },
    why: {
      en: 'Reshapes [B·T, D] straight to [B, H, T, Dh] (and back) without the transpose, so a "head" is a slab of consecutive tokens\' values instead of columns i·Dh … (i+1)·Dh − 1. Reshape only reinterprets memory; it is right only when T = 1 or nHeads = 1.',
      zh: '把 [B·T, D] 直接 reshape 成 [B, H, T, Dh]（再直接 reshape 回来），没有 transpose，于是一个“头”拿到的是若干相邻 token 的一段数值，而不是第 i·Dh … (i+1)·Dh − 1 列。reshape 只是重新解释内存；只有 T = 1 或 nHeads = 1 时才正确。',
    },
    edits: [
      [
        '    const split = (w: tf.Tensor2D): tf.Tensor4D =>\n      tf.transpose(tf.reshape(tf.matMul(a, w), [batch, seqLen, nHeads, headDim]), [0, 2, 1, 3]);',
        '    const split = (w: tf.Tensor2D): tf.Tensor4D => tf.reshape(tf.matMul(a, w), [batch, nHeads, seqLen, headDim]);',
      ],
      [
        '    const heads = tf.transpose(tf.matMul(probs, v), [0, 2, 1, 3]); // [B, T, H, Dh]',
        '    const heads = tf.matMul(probs, v);',
      ],
    ],
  },
  {
    id: 'flat-output-shape',
    hint: {
      en: 'Check the shape of the result, not only its values.',
      zh: '检查结果的形状，而不只是数值。',
    },
    why: {
      en: 'Returns the [B·T, D] matrix used for the projections and forgets to reshape back to [B, T, D]; the cast `as tf.Tensor3D` silences TypeScript, and the values are all right.',
      zh: '返回了投影时用的 [B·T, D] 矩阵，忘了 reshape 回 [B, T, D]；`as tf.Tensor3D` 让 TypeScript 不再报错，而数值全都是对的。',
    },
    edits: [['    return tf.reshape(y, [batch, seqLen, dModel]);', '    return y as tf.Tensor3D;']],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one call (after disposing the result).',
      zh: '比较一次调用前后的 tf.memory().numTensors（释放结果之后）。',
    },
    why: {
      en: 'No tf.tidy: every intermediate (norms, projections, scores, mask, MLP activations) stays allocated after the call, dozens of tensors per layer per step in a real model.',
      zh: '没有 tf.tidy：每个中间结果（归一化、投影、得分、mask、MLP 激活）在调用后都还占着内存；真实模型里每层每步就是几十个张量。',
    },
    edits: [
      ['  return tf.tidy(() => {', '  return (() => {'],
      [
        '    return tf.reshape(y, [batch, seqLen, dModel]);\n  });',
        '    return tf.reshape(y, [batch, seqLen, dModel]);\n  })();',
      ],
    ],
  },
  {
    id: 'no-shape-check',
    hint: {
      en: 'Pass an attnNorm of shape [1], or a wUp of shape [D, 1]: what does tfjs broadcasting do with it?',
      zh: '传一个形状为 [1] 的 attnNorm，或形状为 [D, 1] 的 wUp：tfjs 的广播会怎么处理？',
    },
    why: {
      en: 'Checks no parameter shapes and leaves it to tfjs: a mismatched matMul throws a plain Error instead of a RangeError, and an attnNorm of shape [1] or a wUp of shape [D, 1] broadcasts into a silent wrong answer.',
      zh: '不检查任何参数形状，全交给 tfjs：形状不匹配的 matMul 抛出普通 Error 而不是 RangeError，而形状为 [1] 的 attnNorm 或 [D, 1] 的 wUp 会被广播，静默地给出错误答案。',
    },
    edits: [
      [
        "  const ffnDim = params.wGate.shape[1] ?? -1;\n  expectShape('params.attnNorm', params.attnNorm, [dModel]);\n  for (const name of ['wq', 'wk', 'wv', 'wo'] as const) expectShape(`params.${name}`, params[name], [dModel, dModel]);\n  expectShape('params.mlpNorm', params.mlpNorm, [dModel]);\n  expectShape('params.wGate', params.wGate, [dModel, ffnDim]);\n  expectShape('params.wUp', params.wUp, [dModel, ffnDim]);\n  expectShape('params.wDown', params.wDown, [ffnDim, dModel]);\n",
        '',
      ],
    ],
  },
  {
    id: 'no-divisibility-check',
    hint: {
      en: 'Try D = 12 with nHeads = 5: which error comes out, and from where?',
      zh: '试试 D = 12、nHeads = 5：抛出的是什么错误，从哪里抛出的？',
    },
    why: {
      en: 'Never checks D % nHeads: headDim = 12/5 = 2.4 reaches tf.reshape, which throws a plain Error about sizes instead of the RangeError the contract names.',
      zh: '没有检查 D % nHeads：headDim = 12/5 = 2.4 传到了 tf.reshape，它抛出关于大小的普通 Error，而不是契约规定的 RangeError。',
    },
    edits: [
      [
        '  if (dModel % nHeads !== 0) {\n    throw new RangeError(`dModel (${dModel}) must be divisible by config.nHeads (${nHeads})`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'no-nheads-check',
    hint: {
      en: 'Try nHeads = -2 with D = 8: D % nHeads is 0 there.',
      zh: '试试 D = 8、nHeads = -2：此时 D % nHeads 等于 0。',
    },
    why: {
      en: 'Relies on the divisibility check alone. It rejects 0, 2.5 and NaN by luck (D % 0 is NaN, 8 % 2.5 is 0.5), but 8 % −2 is 0, so nHeads = −2 reaches tf.reshape with a negative head size and throws a plain Error instead of a RangeError.',
      zh: '只靠整除检查。它碰巧能拒绝 0、2.5 和 NaN（D % 0 是 NaN，8 % 2.5 是 0.5），但 8 % −2 等于 0，于是 nHeads = −2 带着负的头维度进入 tf.reshape，抛出普通 Error 而不是 RangeError。',
    },
    edits: [
      [
        '  if (!Number.isInteger(nHeads) || nHeads < 1) {\n    throw new RangeError(`config.nHeads must be a positive integer, got ${nHeads}`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'no-eps-check',
    hint: {
      en: 'Pass config.eps = -1e-6, NaN or Infinity: does anything complain?',
      zh: '传入 config.eps = -1e-6、NaN 或 Infinity：有没有报错？',
    },
    why: {
      en: 'Uses any config.eps it is given. A negative eps can make mean(v²) + eps negative (NaN from the square root), NaN poisons every row and Infinity zeroes them, all silently, where the contract asks for a RangeError.',
      zh: '传什么 config.eps 就用什么。负的 eps 会让 mean(v²) + eps 变成负数（平方根得 NaN），NaN 会污染每一行，Infinity 会把它们变成 0，全都静默发生，而契约要求抛出 RangeError。',
    },
    edits: [
      [
        '  if (!(eps >= 0) || !Number.isFinite(eps)) throw new RangeError(`config.eps must be finite and >= 0, got ${eps}`);\n',
        '',
      ],
    ],
  },
  {
    id: 'no-type-checks',
    hint: {
      en: "Pass a weight as a nested array, or config.nHeads as '2': which error class comes out?",
      zh: "把某个权重传成嵌套数组，或把 config.nHeads 传成 '2'：抛出的是哪一类错误？",
    },
    why: {
      en: "Trusts the TypeScript types and checks no argument's type. A nested array for wq reaches the shape check and throws a RangeError, nHeads '2' fails the integer check with a RangeError: the right to refuse, but not the TypeError the contract names for a wrong type.",
      zh: "相信 TypeScript 类型，不检查任何参数的类型。wq 传成嵌套数组会走到形状检查、抛出 RangeError；nHeads 为 '2' 时在整数检查处抛出 RangeError：拒绝是对的，但类型错误按契约应当是 TypeError。",
    },
    edits: [
      ['  if (!(x instanceof tf.Tensor)) throw new TypeError(`x must be a tf.Tensor, got ${typeof x}`);\n', ''],
      [
        '  for (const name of PARAM_NAMES) {\n    if (!(params[name] instanceof tf.Tensor)) throw new TypeError(`params.${name} must be a tf.Tensor`);\n  }\n',
        '',
      ],
      [
        "  if (typeof nHeads !== 'number') throw new TypeError(`config.nHeads must be a number, got ${typeof nHeads}`);\n",
        '',
      ],
      ["  if (typeof eps !== 'number') throw new TypeError(`config.eps must be a number, got ${typeof eps}`);\n", ''],
    ],
  },
  {
    id: 'head-slice-offset',
    base: 'alt-head-loop',
    hint: {
      en: 'With nHeads ≥ 2 and a head size ≥ 2, which columns does head 1 slice?',
      zh: 'nHeads ≥ 2 且每头维度 ≥ 2 时，头 1 切出的是哪些列？',
    },
    why: {
      en: 'The per-head loop slices from column i instead of i·Dh, so the heads overlap (head 1 takes columns 1 … Dh) and most columns are never used; right only when Dh = 1 or nHeads = 1.',
      zh: '逐头循环时从第 i 列而不是第 i·Dh 列开始切片，于是各个头互相重叠（头 1 拿到第 1 … Dh 列），大部分列根本没用上；只有 Dh = 1 或 nHeads = 1 时才正确。',
    },
    edits: [['t.slice([0, 0, i * headDim], [batch, seqLen, headDim])', 't.slice([0, 0, i], [batch, seqLen, headDim])']],
  },
  {
    id: 'band-part-upper',
    base: 'alt-head-loop',
    hint: {
      en: 'Which triangle does the mask keep? Look at what the last token can see.',
      zh: 'mask 保留的是哪个三角？看看最后一个 token 能看到什么。',
    },
    why: {
      en: 'Calls tf.linalg.bandPart(ones, 0, -1), the upper triangle, instead of (ones, -1, 0): the arguments are (numLower, numUpper) and are easy to swap. Each token then sees itself and the future, never the past.',
      zh: '调用了 tf.linalg.bandPart(ones, 0, -1)（上三角），而不是 (ones, -1, 0)：参数顺序是 (numLower, numUpper)，很容易写反。于是每个 token 看到的是自己和未来，从来看不到过去。',
    },
    edits: [
      ['tf.linalg.bandPart(tf.ones([seqLen, seqLen]), -1, 0)', 'tf.linalg.bandPart(tf.ones([seqLen, seqLen]), 0, -1)'],
    ],
  },
  {
    id: 'concat-heads-wrong-axis',
    base: 'alt-head-loop',
    hint: {
      en: 'Along which axis are the heads joined before wo? Try T ≥ 2 with nHeads ≥ 2.',
      zh: '在乘 wo 之前，各个头沿哪一维拼接？试试 T ≥ 2 且 nHeads ≥ 2。',
    },
    why: {
      en: 'Concatenates the heads along the token axis (1) instead of the feature axis (2): [B, H·T, Dh] has the same size as [B, T, D], so the reshape accepts it, and each output row mixes the heads of different tokens.',
      zh: '沿 token 维（1）而不是特征维（2）拼接各个头：[B, H·T, Dh] 与 [B, T, D] 元素个数相同，reshape 照样接受，于是每个输出行混进了不同 token 的头。',
    },
    edits: [['tf.concat(heads, 2)', 'tf.concat(heads, 1)']],
  },
  {
    id: 'silu-sign-slip',
    base: 'alt-head-loop',
    hint: {
      en: 'Check silu by hand at one value, say z = 1: it should be about 0.731.',
      zh: '手算一个点的 silu，比如 z = 1：应该约为 0.731。',
    },
    why: {
      en: 'Writes silu(z) = z / (1 + e^z), dropping the minus sign of e^−z: that is z·sigmoid(−z), so silu(1) comes out 0.269 instead of 0.731.',
      zh: '把 silu(z) 写成 z / (1 + e^z)，丢了 e^−z 的负号：这其实是 z·sigmoid(−z)，silu(1) 得到 0.269 而不是 0.731。',
    },
    edits: [['gate.div(gate.neg().exp().add(1))', 'gate.div(gate.exp().add(1))']],
  },
  {
    id: 'loops-over-elements',
    hint: {
      en: 'Right answers everywhere: count the JavaScript loop iterations one call makes on the largest block.',
      zh: '答案全对：数一数在最大的 block 上一次调用执行了多少次 JavaScript 循环。',
    },
    why: {
      en: 'Reads every tensor with dataSync() and computes the block in plain JavaScript loops (the oracle, in effect), then wraps the result in a tensor: correct, but every multiply-add is a loop step, about B·T·D·(4D + 3F) ≈ 2.6·10^6 of them for B = 4, T = 16, D = 64, F = 128, where tensor ops need a few hundred steps of JavaScript.',
      zh: '用 dataSync() 读出所有张量，用普通 JavaScript 循环算完整个 block（实际上就是 oracle），再包成张量返回：结果正确，但每次乘加都是一次循环步，B = 4、T = 16、D = 64、F = 128 时约 B·T·D·(4D + 3F) ≈ 2.6·10^6 步，而张量运算只需要几百步 JavaScript。',
    },
    file: 'zoo/loops-over-elements.ts',
  },
]);
