import { defineZoo } from '../../src/kit/zoo.ts';

/** The loop of packedAttention as the reference writes it, the find text of the attention bugs. */
const ATTENTION_BODY = `  return tf.tidy(() => {
    const outs: tf.Tensor2D[] = [];
    for (let s = 0; s + 1 < cuSeqlens.length; s++) {
      const start = cuSeqlens[s] as number;
      const l = (cuSeqlens[s + 1] as number) - start;
      const qs = q.slice([start, 0], [l, -1]);
      const ks = k.slice([start, 0], [l, -1]);
      const vs = v.slice([start, 0], [l, -1]);
      const scores = tf.matMul(qs, ks, false, true).mul(scale);
      const pos = tf.range(0, l, 1, 'int32');
      const causal = tf.lessEqual(pos.reshape([1, l]), pos.reshape([l, 1]));
      const masked = tf.where(causal, scores, tf.scalar(-Infinity));
      outs.push(tf.matMul(tf.softmax(masked), vs));
    }
    return tf.concat(outs, 0);
  });`;

export default defineZoo([
  {
    id: 'additive-mask',
    hint: {
      en: 'Read the mask values back: what is a blocked entry?',
      zh: '把掩码的值读出来看看：被屏蔽的位置是多少？',
    },
    why: {
      en: 'Returns the additive convention (0 = may attend, −∞ = blocked, the form HF builds internally) where the kata pins the 1/0 "may attend" mask: a caller that multiplies by it, or adds it again, goes wrong either way.',
      zh: '返回的是加性约定（0 = 可以关注，−∞ = 屏蔽，即 HF 内部构造的形式），而本题规定的是 1/0 的“可以关注”掩码：调用方无论拿它去乘还是再加一次都会出错。',
    },
    edits: [
      [
        "    return tf.logicalAnd(sameSeq, notFuture).cast('float32') as tf.Tensor2D;",
        '    return tf.where(tf.logicalAnd(sameSeq, notFuture), tf.zeros([t, t]), tf.fill([t, t], -Infinity)) as tf.Tensor2D;',
      ],
    ],
  },
  {
    id: 'bidirectional-within-sequence',
    hint: {
      en: 'Can the first token of a sequence see the second one?',
      zh: '一条序列的第一个 token 能看到第二个吗？',
    },
    why: {
      en: "Lets each sequence attend to all of itself with no causal mask (flash_attn_varlen_func's causal=False default): block-diagonal, so a token sees the tokens after it in its own sequence.",
      zh: '让每条序列不加因果掩码地关注自身全部 token（flash_attn_varlen_func 的 causal=False 默认值）：块对角，于是一个 token 能看到自己序列中它之后的 token。',
    },
    edits: [
      [
        "      const pos = tf.range(0, l, 1, 'int32');\n      const causal = tf.lessEqual(pos.reshape([1, l]), pos.reshape([l, 1]));\n      const masked = tf.where(causal, scores, tf.scalar(-Infinity));",
        '      const masked = scores;',
      ],
    ],
  },
  {
    id: 'bool-mask',
    hint: { en: 'Check the dtype of the mask you return.', zh: '检查一下返回的掩码的 dtype。' },
    why: {
      en: 'Returns the boolean result of the comparison (dtype bool) instead of a float32 1/0 mask: the values print the same, but the dtype the contract asks for is not, and a bool mask cannot be multiplied or summed without a cast.',
      zh: '返回了比较运算的布尔结果（dtype bool），而不是 float32 的 1/0 掩码：打印出来的值一样，但 dtype 不是契约要求的，而且布尔掩码不先转换就不能相乘或求和。',
    },
    edits: [
      [
        "    return tf.logicalAnd(sameSeq, notFuture).cast('float32') as tf.Tensor2D;",
        '    return tf.logicalAnd(sameSeq, notFuture) as tf.Tensor2D;',
      ],
    ],
  },
  {
    id: 'boundary-label-kept',
    hint: {
      en: 'After the model shifts, what predicts the first token of the second sequence?',
      zh: '模型移位之后，第二条序列的第一个 token 是由什么来预测的？',
    },
    why: {
      en: "Keeps each sequence's first label when packing; after the model shifts the labels, that token is predicted from the previous sequence's last token, a target across the boundary.",
      zh: '打包时保留了每条序列的第一个标签；模型移位之后，这个 token 会由上一条序列的最后一个 token 来预测，这是跨越边界的目标。',
    },
    edits: [
      [
        '      pack.labels.push(p === 0 ? ignoreIndex : (labels[p] as number));',
        '      pack.labels.push(labels[p] as number);',
      ],
    ],
  },
  {
    id: 'boundary-token-previous-sequence',
    hint: {
      en: 'Which sequence does the token at position cuSeqlens[1] belong to?',
      zh: '位于 cuSeqlens[1] 的 token 属于哪条序列？',
    },
    why: {
      en: 'Counts the boundaries strictly before p (c < p instead of c ≤ p), so the first token of each sequence is given to the sequence before it: [0, 3, 5] gives [0, 0, 0, 0, 1] instead of [0, 0, 0, 1, 1].',
      zh: '只统计严格位于 p 之前的边界（c < p 而不是 c ≤ p），于是每条序列的第一个 token 被分给了前一条序列：[0, 3, 5] 得到 [0, 0, 0, 0, 1] 而不是 [0, 0, 0, 1, 1]。',
    },
    edits: [
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const total = cuSeqlens.at(-1) as number;\n  return Array.from({ length: total }, (_, p) => cuSeqlens.slice(1).filter((c) => c < p).length);',
      ],
    ],
  },
  {
    id: 'dense-mask-attention',
    hint: {
      en: 'Right answers: profile the kernels for T = 2048 with short sequences.',
      zh: '答案都对：在 T = 2048、序列都很短时分析一下各个 kernel。',
    },
    why: {
      en: 'Computes packedAttention as full [T, T] scores q·kᵀ masked with the block-causal mask: the right numbers, but O(T²) memory (4.2M elements for T = 2048, against Σ l² ≈ 68k for sequences of 16 to 61 tokens), exactly what varlen attention with cu_seqlens exists to avoid.',
      zh: '把 packedAttention 写成完整的 [T, T] 分数 q·kᵀ 再套上块因果掩码：数值正确，但内存是 O(T²)（T = 2048 时为 4.2M 个元素，而 16 到 61 个 token 的序列 Σ l² 约为 68k），这正是基于 cu_seqlens 的变长注意力要避免的。',
    },
    edits: [
      [
        ATTENTION_BODY,
        `  return tf.tidy(() => {
    const allowed = blockCausalMask(seqIdsFromCuSeqlens(cuSeqlens)).cast('bool');
    const scores = tf.matMul(q, k, false, true).mul(scale);
    const masked = tf.where(allowed, scores, tf.scalar(-Infinity));
    return tf.matMul(tf.softmax(masked), v) as tf.Tensor2D;
  });`,
      ],
    ],
  },
  {
    id: 'empty-response-rejected',
    hint: { en: 'Try buildSftExample([4, 2], []).', zh: '试试 buildSftExample([4, 2], [])。' },
    why: {
      en: 'Throws RangeError when the response is empty (no target, so no learning signal), but an example whose labels are all ignoreIndex is valid; only an empty prompt and an empty response together are an error.',
      zh: '回答为空时抛出 RangeError（没有目标，也就没有学习信号），但所有标签都是 ignoreIndex 的样本是合法的；只有提示和回答同时为空才是错误。',
    },
    edits: [['  if (prompt.length + response.length === 0) {', '  if (response.length === 0) {']],
  },
  {
    id: 'empty-sequence-allowed',
    hint: { en: 'Try cuSeqlens [0, 3, 3, 5].', zh: '试试 cuSeqlens [0, 3, 3, 5]。' },
    why: {
      en: 'Checks cuSeqlens only for going backwards (non-decreasing), so a repeated entry, an empty sequence such as [0, 3, 3, 5], is accepted instead of rejected: a zero-length sequence means a bug in whatever built the pack.',
      zh: '只检查 cuSeqlens 是否倒退（非递减），于是重复的项，也就是 [0, 3, 3, 5] 这样的空序列，被接受而没有被拒绝：长度为 0 的序列说明构造打包的代码有 bug。',
    },
    edits: [
      [
        '    if (!((cuSeqlens[i] as number) > (cuSeqlens[i - 1] as number))) {',
        '    if ((cuSeqlens[i] as number) < (cuSeqlens[i - 1] as number)) {',
      ],
    ],
  },
  {
    id: 'global-positions',
    hint: {
      en: 'What is the position of the first token of the second sequence?',
      zh: '第二条序列第一个 token 的位置是多少？',
    },
    why: {
      en: 'positionIds count 0…T−1 over the whole pack instead of restarting at 0 in every sequence, so RoPE sees the later sequences at positions they would never have alone.',
      zh: 'positionIds 在整个打包上从 0 数到 T−1，而不是在每条序列内重新从 0 开始，于是 RoPE 看到的后面几条序列处在它们单独出现时绝不会有的位置上。',
    },
    edits: [['      pack.positionIds.push(p);', '      pack.positionIds.push(pack.inputIds.length - 1);']],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Count tf.memory().numTensors before and after one call.',
      zh: '在一次调用前后数一数 tf.memory().numTensors。',
    },
    why: {
      en: 'packedAttention without tf.tidy: every slice, score matrix and mask of every sequence stays allocated after the call, a few MB per call that a training loop never gets back.',
      zh: 'packedAttention 没有用 tf.tidy：每条序列的切片、分数矩阵和掩码在调用结束后都还占着内存，每次调用几 MB，训练循环永远拿不回来。',
    },
    edits: [
      [
        '  return tf.tidy(() => {\n    const outs: tf.Tensor2D[] = [];',
        '  return (() => {\n    const outs: tf.Tensor2D[] = [];',
      ],
      ['    return tf.concat(outs, 0);\n  });', '    return tf.concat(outs, 0);\n  })();'],
    ],
  },
  {
    id: 'mutates-labels',
    hint: { en: "Look at the caller's sequences after packing.", zh: '打包之后看看调用方的序列。' },
    why: {
      en: "Writes ignoreIndex into each sequence's own labels[0] and then copies the labels, so the caller's examples are changed (and packing the same examples into another pack reuses data that is no longer what it was).",
      zh: '先把 ignoreIndex 写进每条序列自己的 labels[0] 再复制标签，于是调用方的样本被改了（把同样的样本再打进另一个包时，用的已经不是原来的数据）。',
    },
    edits: [
      [
        '    inputIds.forEach((id, p) => {\n      pack.inputIds.push(id);\n      pack.labels.push(p === 0 ? ignoreIndex : (labels[p] as number));',
        '    labels[0] = ignoreIndex;\n    inputIds.forEach((id, p) => {\n      pack.inputIds.push(id);\n      pack.labels.push(labels[p] as number);',
      ],
    ],
  },
  {
    id: 'no-leading-zero',
    hint: { en: 'How many entries does cuSeqlens have for 3 sequences?', zh: '3 条序列时 cuSeqlens 有几项？' },
    why: {
      en: "cuSeqlens lists only the end of each sequence, [l₁, l₁+l₂, …], without the leading 0 of flash-attn's (batch_size + 1,) layout: the kernel would read sequence s as cu[s]..cu[s+1] and lose the first one.",
      zh: 'cuSeqlens 只列出了每条序列的结尾 [l₁, l₁+l₂, …]，缺少 flash-attn 的 (batch_size + 1,) 布局开头的 0：kernel 会把第 s 条序列读成 cu[s]..cu[s+1]，于是丢了第一条。',
    },
    edits: [
      [
        '  const pack: Pack = { inputIds: [], labels: [], positionIds: [], seqIds: [], cuSeqlens: [0] };',
        '  const pack: Pack = { inputIds: [], labels: [], positionIds: [], seqIds: [], cuSeqlens: [] };',
      ],
    ],
  },
  {
    id: 'cu-seqlens-bytes-without-zero',
    hint: { en: "How many entries does 'cuSeqlens' hold for 4 sequences?", zh: "4 条序列时 'cuSeqlens' 有几项？" },
    why: {
      en: "maskBytes counts numSeqs entries for 'cuSeqlens', forgetting the leading 0: 4 sequences need 5 int32 entries, 20 B, not 16.",
      zh: "maskBytes 对 'cuSeqlens' 只算了 numSeqs 项，忘了开头的 0：4 条序列需要 5 个 int32，即 20 B，而不是 16 B。",
    },
    edits: [['  return (numSeqs + 1) * bytesPerElement;', '  return numSeqs * bytesPerElement;']],
  },
  {
    id: 'ones-mask-added',
    hint: {
      en: 'Does a future token get zero weight?',
      zh: '未来的 token 得到的权重是 0 吗？',
    },
    why: {
      en: 'Mixes the conventions in packedAttention: adds the 1/0 causal mask to the scores as if it were additive (0/−∞), which shifts allowed scores by 1 and masks nothing, so tokens attend to their future.',
      zh: '在 packedAttention 里混用了约定：把 1/0 因果掩码当作加性掩码（0/−∞）加到分数上，只是让允许的分数加了 1，什么也没屏蔽，于是 token 会关注到自己的未来。',
    },
    edits: [
      [
        '      const masked = tf.where(causal, scores, tf.scalar(-Infinity));',
        "      const masked = scores.add(causal.cast('float32'));",
      ],
    ],
  },
  {
    id: 'plain-causal-mask',
    hint: {
      en: 'Does the first token of the second sequence see the first sequence?',
      zh: '第二条序列的第一个 token 能看到第一条序列吗？',
    },
    why: {
      en: 'The mask is the ordinary causal mask j ≤ i and ignores seqIds, so every token also attends to the earlier sequences of the pack: the cross-contamination that padding-free packing must prevent.',
      zh: '掩码只是普通的因果掩码 j ≤ i，忽略了 seqIds，于是每个 token 还会关注打包中前面的序列：这正是无 padding 打包必须避免的相互污染。',
    },
    edits: [
      [
        "    return tf.logicalAnd(sameSeq, notFuture).cast('float32') as tf.Tensor2D;",
        "    return notFuture.cast('float32') as tf.Tensor2D;",
      ],
    ],
  },
  {
    id: 'prompt-mask-off-by-one',
    hint: {
      en: 'Is the first response token learned?',
      zh: '回答的第一个 token 被学习了吗？',
    },
    why: {
      en: 'Masks the prompt plus the first response token (thinking of shifted labels, where position i predicts token i + 1), but labels here are unshifted: the first response token is never learned.',
      zh: '把提示和回答的第一个 token 都遮蔽了（想的是移位后的标签，位置 i 预测 token i + 1），但这里的标签不移位：回答的第一个 token 永远学不到。',
    },
    edits: [
      [
        '    labels: [...prompt.map(() => ignoreIndex), ...response],',
        '    labels: [...prompt, ...response].map((id, i) => (i <= prompt.length ? ignoreIndex : id)),',
      ],
    ],
  },
  {
    id: 'sliced-dense-mask',
    hint: {
      en: 'Per-sequence scores, right answers: what else is T² here?',
      zh: '按序列计算分数、答案也对：这里还有什么是 T² 的？',
    },
    why: {
      en: "Builds the whole [T, T] block-causal mask once on the host (a T² Float32Array uploaded with tf.tensor2d) and slices each sequence's diagonal block out of it: per-sequence scores, but still O(T²) memory and O(T²) JavaScript work.",
      zh: '先在主机端一次构造完整的 [T, T] 块因果掩码（一个 T² 的 Float32Array，再用 tf.tensor2d 上传），再从中切出每条序列的对角块：分数按序列计算，但内存和 JavaScript 工作量仍是 O(T²)。',
    },
    edits: [
      [
        ATTENTION_BODY,
        `  const ids = seqIdsFromCuSeqlens(cuSeqlens);
  const dense = new Float32Array(t * t);
  for (let i = 0; i < t; i++) for (let j = 0; j <= i; j++) dense[i * t + j] = ids[i] === ids[j] ? 1 : 0;
  return tf.tidy(() => {
    const full = tf.tensor2d(dense, [t, t]);
    const outs: tf.Tensor2D[] = [];
    for (let s = 0; s + 1 < cuSeqlens.length; s++) {
      const start = cuSeqlens[s] as number;
      const l = (cuSeqlens[s + 1] as number) - start;
      const qs = q.slice([start, 0], [l, -1]);
      const ks = k.slice([start, 0], [l, -1]);
      const vs = v.slice([start, 0], [l, -1]);
      const scores = tf.matMul(qs, ks, false, true).mul(scale);
      const causal = full.slice([start, start], [l, l]).cast('bool');
      const masked = tf.where(causal, scores, tf.scalar(-Infinity));
      outs.push(tf.matMul(tf.softmax(masked), vs));
    }
    return tf.concat(outs, 0);
  });`,
      ],
    ],
  },
  {
    id: 'transposed-mask',
    hint: {
      en: 'Row i is the query: which columns should it see?',
      zh: '第 i 行是 query：它应该看到哪些列？',
    },
    why: {
      en: 'Compares the indices the wrong way round (j ≥ i): an upper-triangular mask in which every token sees its own future and not its past, mask[j][i] instead of mask[i][j].',
      zh: '索引比较的方向反了（j ≥ i）：得到上三角掩码，每个 token 看到的是自己的未来而不是过去，即 mask[j][i] 而不是 mask[i][j]。',
    },
    edits: [
      [
        '    const notFuture = tf.lessEqual(idx.reshape([1, t]), idx.reshape([t, 1]));',
        '    const notFuture = tf.lessEqual(idx.reshape([t, 1]), idx.reshape([1, t]));',
      ],
    ],
  },
  {
    id: 'unscaled-scores',
    hint: { en: 'Try a larger head size d.', zh: '试试更大的头维度 d。' },
    why: {
      en: 'Forgets the 1/√d scale on q·kᵀ, so the softmax is far too peaked for larger d (the "scaled" in scaled dot-product attention): the worked example gives 3.76 instead of 3.46212.',
      zh: '忘了给 q·kᵀ 乘 1/√d，于是 d 较大时 softmax 过于尖锐（这就是“缩放点积注意力”里的“缩放”）：示例得到 3.76 而不是 3.46212。',
    },
    edits: [['  const scale = 1 / Math.sqrt(d);', '  const scale = 1;']],
  },
  {
    id: 'host-loop-attention',
    hint: {
      en: 'Right answers, no big tensor: count the JavaScript work for T = 512.',
      zh: '答案都对，也没有大张量：数一数 T = 512 时的 JavaScript 工作量。',
    },
    why: {
      en: 'Reads q, k and v back with dataSync and computes each sequence’s attention in JavaScript loops: no tensor of T² elements, so the memory check passes, but it is about Σ l²·(d + dv)/2 steps of JavaScript (about 10^5 for T = 512, d = 8, dv = 4, against a budget of 8·T + 64 = 4160) on the main thread instead of a few tfjs kernels per sequence.',
      zh: '用 dataSync 把 q、k、v 读回来，再用 JavaScript 循环计算每条序列的注意力：没有 T² 个元素的张量，所以内存检查能过，但这大约是 Σ l²·(d + dv)/2 步的 JavaScript（T = 512、d = 8、dv = 4 时约 10^5 步，而预算是 8·T + 64 = 4160 步），跑在主线程上，而不是每条序列几个 tfjs kernel。',
    },
    edits: [
      [
        ATTENTION_BODY,
        `  const [qa, ka, va] = [q.dataSync(), k.dataSync(), v.dataSync()];
  const dv = v.shape[1];
  const out = new Float32Array(t * dv);
  for (let s = 0; s + 1 < cuSeqlens.length; s++) {
    const start = cuSeqlens[s] as number;
    const end = cuSeqlens[s + 1] as number;
    for (let i = start; i < end; i++) {
      const scores: number[] = [];
      for (let j = start; j <= i; j++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += (qa[i * d + c] as number) * (ka[j * d + c] as number);
        scores.push(dot * scale);
      }
      const max = Math.max(...scores);
      const weights = scores.map((x) => Math.exp(x - max));
      const z = weights.reduce((a, b) => a + b, 0);
      for (let j = start; j <= i; j++) {
        for (let c = 0; c < dv; c++) out[i * dv + c] = (out[i * dv + c] as number) + ((weights[j - start] as number) / z) * (va[j * dv + c] as number);
      }
    }
  }
  return tf.tensor2d(out, [t, dv]);`,
      ],
    ],
  },
  {
    id: 'concat-per-sequence',
    hint: {
      en: 'Right answers: count the work of packing 67 sequences.',
      zh: '答案都对：数一数打包 67 条序列的工作量。',
    },
    why: {
      en: 'Grows the pack with concat for every sequence: each concat copies everything packed so far, so packing n sequences of T tokens in all is O(T·n) (about 2.7·10^5 element copies for 2048 tokens in 67 sequences) instead of one O(T) pass.',
      zh: '每条序列都用 concat 扩充打包结果：每次 concat 都要复制已经打包的全部内容，于是 n 条序列共 T 个 token 时工作量为 O(T·n)（2048 个 token、67 条序列时约 2.7·10^5 次元素复制），而不是一遍 O(T) 扫描。',
    },
    edits: [
      [
        '    inputIds.forEach((id, p) => {\n      pack.inputIds.push(id);\n      pack.labels.push(p === 0 ? ignoreIndex : (labels[p] as number));\n      pack.positionIds.push(p);\n      pack.seqIds.push(s);\n    });',
        '    pack.inputIds = pack.inputIds.concat(inputIds);\n    pack.labels = pack.labels.concat([ignoreIndex], labels.slice(1));\n    pack.positionIds = pack.positionIds.concat(inputIds.map((_, p) => p));\n    pack.seqIds = pack.seqIds.concat(inputIds.map(() => s));',
      ],
    ],
  },
  {
    id: 'scan-cuseqlens-per-token',
    hint: {
      en: 'Right answers: count the work for 2048 tokens in 67 sequences.',
      zh: '答案都对：数一数 67 条序列共 2048 个 token 时的工作量。',
    },
    why: {
      en: 'Finds each token’s sequence by counting the boundaries at or before it: correct, but it scans cuSeqlens once per token, O(T·n) (about 1.4·10^5 steps for 2048 tokens in 67 sequences), where walking the sequences once is O(T).',
      zh: '对每个 token 统计它之前（含）的边界个数来确定它所属的序列：结果正确，但每个 token 都要扫描一遍 cuSeqlens，O(T·n)（67 条序列共 2048 个 token 时约 1.4·10^5 步），而按序列走一遍只要 O(T)。',
    },
    edits: [
      [
        '  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));',
        '  const total = cuSeqlens.at(-1) as number;\n  return Array.from({ length: total }, (_, p) => cuSeqlens.slice(1).filter((c) => c <= p).length);',
      ],
    ],
  },
  {
    id: 'ignore-index-zero-accepted',
    hint: { en: 'Try ignoreIndex = 0.', zh: '试试 ignoreIndex = 0。' },
    why: {
      en: 'Checks that ignoreIndex is an integer but not that it is negative: 0 (or 5) is a real token id, so the loss would ignore every occurrence of that token as well as the prompt. The contract asks for a RangeError.',
      zh: '只检查 ignoreIndex 是整数，没检查它是负数：0（或 5）是真实的 token id，于是损失不仅忽略提示，还会忽略这个 token 的每一次出现。契约要求抛出 RangeError。',
    },
    edits: [
      [
        '  if ((ignoreIndex as number) >= 0) throw new RangeError(`ignoreIndex must be negative, got ${ignoreIndex}`);\n',
        '',
      ],
    ],
  },
  {
    id: 'token-ids-unchecked',
    hint: {
      en: 'Try a prompt [5, -1], and a token given as the string "7".',
      zh: '试试提示 [5, -1]，以及写成字符串 "7" 的 token。',
    },
    why: {
      en: 'Checks that inputIds, prompt and response are arrays but not what is in them: a negative id collides with ignoreIndex (−100 in a prompt would read as "ignored"), 2.5 is no token, and "7" is carried into the pack as a string.',
      zh: '只检查 inputIds、prompt 和 response 是数组，不检查里面的内容：负的 id 会与 ignoreIndex 冲突（提示里的 −100 会被当作“忽略”），2.5 不是 token，"7" 会以字符串的形式进入打包结果。',
    },
    edits: [
      [
        '  checkArray(value, name);\n  value.forEach((id, i) => {\n    checkInteger(id, `${name}[${i}]`, 0);\n  });',
        '  checkArray(value, name);',
      ],
    ],
  },
  {
    id: 'labels-unchecked',
    hint: { en: 'Try a label of 1.5.', zh: '试试标签为 1.5。' },
    why: {
      en: 'Validates the token ids of each sequence but not its labels, so a label of 1.5, NaN or "3" is packed as given where the contract asks for a RangeError or a TypeError: a cross-entropy target must be an integer class or an ignored position.',
      zh: '校验了每条序列的 token id，却没校验它的标签，于是 1.5、NaN 或 "3" 这样的标签原样进入打包结果，而契约要求抛出 RangeError 或 TypeError：交叉熵的目标必须是整数类别或被忽略的位置。',
    },
    edits: [
      ['    labels.forEach((label, p) => {\n      checkInteger(label, `seqs[${s}].labels[${p}]`);\n    });\n', ''],
    ],
  },
  {
    id: 'cuseqlens-end-unchecked',
    hint: {
      en: 'Call packedAttention on T = 6 tokens with cuSeqlens [0, 3].',
      zh: '在 T = 6 个 token 上用 cuSeqlens [0, 3] 调用 packedAttention。',
    },
    why: {
      en: 'Never checks that cuSeqlens ends at T: [0, 3] for 6 tokens silently returns 3 rows instead of 6 (and [0, 3, 7] slices past the end), where the contract asks for a RangeError.',
      zh: '从不检查 cuSeqlens 是否以 T 结尾：6 个 token 配 [0, 3] 时悄悄地只返回 3 行而不是 6 行（[0, 3, 7] 则会切到末尾之外），而契约要求抛出 RangeError。',
    },
    edits: [
      [
        "  if (cuSeqlens.at(-1) !== t) {\n    throw new RangeError(`packedAttention: cuSeqlens must end at T = ${t}, got [${cuSeqlens.join(', ')}]`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'dtype-unchecked',
    hint: { en: 'Pass an int32 tensor as v.', zh: '把一个 int32 张量作为 v 传进去。' },
    why: {
      en: 'Checks that q, k and v are 2-D tensors but not their dtype, so an int32 v reaches tf.matMul, which fails with a generic Error about mismatched dtypes deep inside tfjs instead of the TypeError the contract asks for at the call.',
      zh: '检查了 q、k、v 是二维张量，却没检查 dtype，于是 int32 的 v 进入 tf.matMul，在 tfjs 内部因 dtype 不一致抛出普通的 Error，而不是契约要求的、在调用处抛出的 TypeError。',
    },
    edits: [
      [
        "  if (x.dtype !== 'float32') throw new TypeError(`packedAttention: ${name} must be float32, got ${x.dtype}`);\n",
        '',
      ],
    ],
  },
  {
    id: 'mask-kind-falls-through',
    hint: { en: "Try maskBytes(8192, '2D', 4, 4).", zh: "试试 maskBytes(8192, '2D', 4, 4)。" },
    why: {
      en: "Tests for '2d' and 'seqIds' and treats every other kind as 'cuSeqlens', so the typo '2D' silently answers 20 bytes for what should be a 256 MiB mask, where the contract asks for a RangeError.",
      zh: "只判断 '2d' 和 'seqIds'，其他任何 kind 都当作 'cuSeqlens'，于是笔误 '2D' 悄悄地给出 20 字节，而它本该是 256 MiB 的掩码；契约要求抛出 RangeError。",
    },
    edits: [
      [
        "  if (!MASK_KINDS.includes(kind)) throw new RangeError(`maskBytes: kind must be '2d', 'seqIds' or 'cuSeqlens'`);\n",
        '',
      ],
    ],
  },
  {
    id: 'empty-seqids-accepted',
    hint: { en: 'Try blockCausalMask([]).', zh: '试试 blockCausalMask([])。' },
    why: {
      en: 'Builds the mask for an empty seqIds too, a [0, 0] tensor, where the contract asks for a RangeError: a pack has at least one token, and an empty one means the caller lost its data.',
      zh: '对空的 seqIds 也构造了掩码，得到 [0, 0] 的张量，而契约要求抛出 RangeError：打包至少有一个 token，空的说明调用方把数据弄丢了。',
    },
    edits: [["  if (t === 0) throw new RangeError('blockCausalMask: seqIds must hold at least one token');\n", '']],
  },
  {
    id: 'mask-multiplied',
    base: 'alt-additive',
    hint: {
      en: 'What weight does a blocked score of 0 get in a softmax?',
      zh: '在 softmax 中，被屏蔽、取值为 0 的分数会得到多少权重？',
    },
    why: {
      en: 'Multiplies the scores by the 1/0 lower triangle instead of adding a large negative bias: a blocked score becomes 0, which still gets weight e⁰ in the softmax, so every token attends to its future with a weight as if its score were 0.',
      zh: '把分数乘以 1/0 的下三角矩阵，而不是加上很大的负偏置：被屏蔽的分数变成 0，在 softmax 中仍有 e⁰ 的权重，于是每个 token 都会以相当于分数为 0 的权重关注自己的未来。',
    },
    edits: [['      const biased = scores.add(blocked);', '      const biased = scores.mul(lowerTriangle(l));']],
  },
]);
