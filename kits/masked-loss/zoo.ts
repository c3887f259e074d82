import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'boolean-mask',
    base: 'alt-log-softmax',
    hint: {
      en: 'Try mask weights other than 0 and 1, such as 0.5 and 2.',
      zh: '试试 0 和 1 以外的 mask 权重，比如 0.5 和 2。',
    },
    why: {
      en: 'Turns the mask into 0/1 (mask > 0) before weighting, as if it were an attention mask: a weight of 2 counts once instead of twice. With mask [0.5, 2] the loss is the plain mean of the two nll values, not (0.5·nll₀ + 2·nll₁) / 2.5.',
      zh: '先把 mask 变成 0/1（mask > 0）再加权，仿佛它只是 attention mask：权重 2 只计一次而不是两次。mask [0.5, 2] 时得到两个 nll 的普通平均，而不是 (0.5·nll₀ + 2·nll₁) / 2.5。',
    },
    edits: [
      [
        '    return tf.sum(tf.mul(mask, nll)).div(total) as tf.Scalar;',
        "    const counted = tf.cast(tf.greater(mask, 0), 'float32');\n    return tf.sum(tf.mul(counted, nll)).div(tf.sum(counted)) as tf.Scalar;",
      ],
    ],
  },
  {
    id: 'divide-by-token-count',
    base: 'alt-log-softmax',
    hint: {
      en: 'What is the weighted sum divided by? Add padding (mask 0) and watch the loss.',
      zh: '加权和除以的是什么？多加一些 padding（mask 为 0），看看损失怎么变。',
    },
    why: {
      en: 'Divides sum(mask·nll) by B·T, every token, instead of by sum(mask): a plain .mean() after masking. The loss then shrinks as padding grows; the worked example with one masked-out token gives 0.7368 instead of 0.9823.',
      zh: '把 sum(mask·nll) 除以 B·T（全部 token）而不是 sum(mask)：相当于 mask 之后直接 .mean()。padding 越多损失越小；题面中有一个被 mask 掉的 token 的例子得到 0.7368 而不是 0.9823。',
    },
    edits: [
      [
        '    return tf.sum(tf.mul(mask, nll)).div(total) as tf.Scalar;',
        '    return tf.sum(tf.mul(mask, nll)).div(B * T) as tf.Scalar;',
      ],
    ],
  },
  {
    id: 'gathers-placeholder-targets',
    base: 'alt-log-softmax',
    hint: {
      en: 'Put -100 as the target of a token whose mask weight is 0.',
      zh: '给一个 mask 权重为 0 的 token 设 target 为 -100 试试。',
    },
    why: {
      en: 'Gathers at every target, the -100 placeholders under mask 0 included, trusting the mask to zero them afterwards; but the gather reads index i·V − 100 first, and tf.gather throws on an out-of-range index before the mask is ever applied.',
      zh: '在所有 target 处 gather，包括 mask 为 0 处的 -100 占位符，指望之后乘 mask 把它们清零；但 gather 先读了下标 i·V − 100，tf.gather 遇到越界下标直接抛错，根本轮不到 mask。',
    },
    edits: [['    index[i] = i * V + (wi > 0 ? id : 0);', '    index[i] = i * V + id;']],
  },
  {
    id: 'ignore-index-ignored',
    base: 'alt-log-softmax',
    hint: {
      en: 'Pass an ignoreIndex other than -100, e.g. a pad id of 0.',
      zh: '传一个不是 -100 的 ignoreIndex，比如 pad id 0。',
    },
    why: {
      en: 'Hard-codes -100 as the ignored label and never reads the ignoreIndex argument: with ignoreIndex = 0 (a pad id) the padding is trained on, and with ignoreIndex = -1 a -100 label is skipped instead of raising RangeError.',
      zh: '把 -100 写死为忽略值，从不读取 ignoreIndex 参数：ignoreIndex = 0（pad id）时 padding 也被训练；ignoreIndex = -1 时 -100 被跳过，而不是抛出 RangeError。',
    },
    edits: [
      [
        "    const mask = tf.notEqual(shiftLabels, ignoreIndex).cast('float32') as tf.Tensor2D;",
        "    const mask = tf.notEqual(shiftLabels, -100).cast('float32') as tf.Tensor2D;",
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    base: 'alt-log-softmax',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one call.',
      zh: '比较调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'Computes outside tf.tidy and never disposes the intermediates (log-probabilities, the reshapes, the gather, the index tensor, the product and the sum): every training step leaves about 8 tensors behind, and a long run runs out of memory.',
      zh: '在 tf.tidy 之外计算，也不释放中间张量（log 概率、reshape、gather、下标张量、乘积和求和）：每个训练步遗留约 8 个张量，训练久了内存耗尽。',
    },
    edits: [
      ['  return tf.tidy(() => {\n    const logProbs', '  {\n    const logProbs'],
      ['.div(total) as tf.Scalar;\n  });', '.div(total) as tf.Scalar;\n  }'],
    ],
  },
  {
    id: 'log-of-softmax',
    base: 'alt-log-softmax',
    hint: {
      en: 'Try logits of ±1000 with the target on a small logit.',
      zh: '试试 ±1000 的 logits，并让 target 落在较小的 logit 上。',
    },
    why: {
      en: 'Takes log(softmax(x)) instead of the fused log-softmax: exact for moderate logits, but with logits [1000, 0, −1000] the probability of class 1 is e^−1000, which underflows to 0 in float32, and log 0 = −Infinity: the loss is Infinity instead of 1000.',
      zh: '用 log(softmax(x)) 代替融合的 log-softmax：logits 不大时结果精确，但 logits 为 [1000, 0, −1000] 时类别 1 的概率是 e^−1000，在 float32 中下溢为 0，log 0 = −Infinity：损失变成 Infinity 而不是 1000。',
    },
    edits: [['    const logProbs = tf.logSoftmax(logits);', '    const logProbs = tf.log(tf.softmax(logits));']],
  },
  {
    id: 'mask-not-validated',
    base: 'alt-log-softmax',
    hint: {
      en: 'What happens with a mask weight of -0.5, or NaN?',
      zh: 'mask 权重为 -0.5 或 NaN 时会怎样？',
    },
    why: {
      en: 'Trusts the mask: a negative weight is used as is, silently flipping the gradient of its token (or cancelling the total to 0), and a NaN weight turns the loss into NaN, where the prompt asks for a RangeError.',
      zh: '相信 mask：负权重照样使用，悄悄把该 token 的梯度反向（或把总权重抵消成 0）；NaN 权重让损失变成 NaN。题目要求这些情况抛出 RangeError。',
    },
    edits: [
      [
        '    if (!Number.isFinite(wi) || wi < 0) throw new RangeError(`mask[${i}] = ${wi}: weights must be finite and >= 0`);\n',
        '',
      ],
    ],
  },
  {
    id: 'mean-of-sequence-means',
    base: 'alt-log-softmax',
    hint: {
      en: 'Give one row a single counted token and another row several.',
      zh: '让一行只有一个被计入的 token，另一行有好几个。',
    },
    why: {
      en: 'Averages each sequence over its own tokens, then averages the sequences (the per-sample mean of some DPO/GRPO code), so a 1-token answer weighs as much as a 100-token one. The worked example gives 0.9100 instead of the per-token 0.9823.',
      zh: '先对每条序列按自己的 token 求平均，再对序列求平均（一些 DPO/GRPO 代码中的逐样本平均），于是 1 个 token 的回答和 100 个 token 的回答权重相同。题面例子得到 0.9100，而按 token 平均应为 0.9823。',
    },
    edits: [
      [
        '    return tf.sum(tf.mul(mask, nll)).div(total) as tf.Scalar;',
        "    const rowWeight = tf.sum(mask, 1);\n    const counted = tf.greater(rowWeight, 0);\n    const rowMean = tf.div(tf.sum(tf.mul(mask, nll), 1), tf.maximum(rowWeight, 1e-12));\n    return tf.div(\n      tf.sum(tf.where(counted, rowMean, tf.zerosLike(rowMean))),\n      tf.sum(tf.cast(counted, 'float32')),\n    ) as tf.Scalar;",
      ],
    ],
  },
  {
    id: 'nan-when-mask-empty',
    base: 'alt-log-softmax',
    hint: {
      en: 'Try a batch where every mask weight is 0.',
      zh: '试试所有 mask 权重都为 0 的 batch。',
    },
    why: {
      en: 'No guard for sum(mask) = 0: the loss is 0/0 = NaN, as in PyTorch, and one NaN poisons the weights and the optimizer state when a batch holds only prompt or padding tokens. The prompt asks for 0.',
      zh: '没有处理 sum(mask) = 0：损失为 0/0 = NaN，和 PyTorch 一样；当一个 batch 只含 prompt 或 padding 时，一个 NaN 就会污染权重和优化器状态。题目要求返回 0。',
    },
    edits: [
      [
        '  if (total === 0) return tf.scalar(0);\n  return tf.tidy(() => {\n    const logProbs',
        '  return tf.tidy(() => {\n    const logProbs',
      ],
    ],
  },
  {
    id: 'no-shift',
    base: 'alt-log-softmax',
    hint: {
      en: 'Which label does the logit row at position t score in causalLmLoss?',
      zh: 'causalLmLoss 中位置 t 的 logits 对应的是哪个 label？',
    },
    why: {
      en: 'Forgets the shift: the logits at position t are scored against labels[t], the token they were fed, not the next one. The model learns to copy its input, and labels[:, 0], which may be anything, is validated and used.',
      zh: '忘了移位：位置 t 的 logits 对应 labels[t]，也就是输入的那个 token，而不是下一个 token。模型学会的是复制输入；而且本可以是任意值的 labels[:, 0] 被校验并被使用。',
    },
    edits: [
      [
        '    const shiftLogits = logits.slice([0, 0, 0], [B, T - 1, V]);\n    const shiftLabels = labels.slice([0, 1], [B, T - 1]);',
        '    const shiftLogits = logits;\n    const shiftLabels = labels;',
      ],
    ],
  },
  {
    id: 'returns-shape-one',
    base: 'alt-log-softmax',
    hint: {
      en: 'Check the shape of the returned tensor.',
      zh: '检查返回张量的形状。',
    },
    why: {
      en: 'Returns the loss as a 1-element vector of shape [1] (a reshape kept from a keepDims sum) instead of a tf.Scalar of shape []: code that calls loss.dataSync()[0] works, but shapes no longer match where a scalar is expected (adding losses, tf.grad).',
      zh: '把损失作为形状 [1] 的一元向量返回（保留了 keepDims 求和后的 reshape），而不是形状 [] 的 tf.Scalar：loss.dataSync()[0] 仍能用，但在需要标量的地方（损失相加、tf.grad）形状对不上。',
    },
    edits: [['.div(total) as tf.Scalar;', '.div(total).reshape([1]) as unknown as tf.Scalar;']],
  },
  {
    id: 'shift-wrong-direction',
    base: 'alt-log-softmax',
    hint: {
      en: 'Which slice of the logits goes with labels[:, 1:]?',
      zh: '与 labels[:, 1:] 配对的是 logits 的哪一段？',
    },
    why: {
      en: 'Shifts the wrong way, logits[:, 1:] against labels[:, :-1]: each prediction is scored against the previous token, and labels[:, 0] becomes a target while the last label is dropped.',
      zh: '移位方向反了：用 logits[:, 1:] 对应 labels[:, :-1]，每个预测都对上了前一个 token；labels[:, 0] 成了目标，最后一个 label 反而被丢掉。',
    },
    edits: [
      [
        '    const shiftLogits = logits.slice([0, 0, 0], [B, T - 1, V]);\n    const shiftLabels = labels.slice([0, 1], [B, T - 1]);',
        '    const shiftLogits = logits.slice([0, 1, 0], [B, T - 1, V]);\n    const shiftLabels = labels.slice([0, 0], [B, T - 1]);',
      ],
    ],
  },
  {
    id: 'validates-masked-targets',
    base: 'alt-log-softmax',
    hint: {
      en: 'Put -100 as the target of a token whose mask weight is 0.',
      zh: '给一个 mask 权重为 0 的 token 设 target 为 -100 试试。',
    },
    why: {
      en: 'Checks that every target is in [0, V) before looking at the mask, so the -100 placeholders under mask 0, standard in SFT data, raise RangeError.',
      zh: '在看 mask 之前就检查所有 target 是否在 [0, V) 内，于是 SFT 数据中 mask 为 0 处常见的 -100 占位符也抛出了 RangeError。',
    },
    edits: [['    if (wi > 0 && !(id >= 0 && id < V))', '    if (!(id >= 0 && id < V))']],
  },
  {
    id: 'one-hot-needs-two-classes',
    base: 'alt-one-hot',
    hint: {
      en: 'Try a vocabulary of one class, V = 1.',
      zh: '试试只有一个类别的词表，V = 1。',
    },
    why: {
      en: 'Picks the target log-probability with tf.oneHot for every V, but tf.oneHot throws for a depth of 1, so the valid V = 1 case (loss 0) crashes.',
      zh: '对所有 V 都用 tf.oneHot 取出目标的 log 概率，但 tf.oneHot 在 depth 为 1 时抛错，于是合法的 V = 1 情况（损失为 0）崩溃。',
    },
    edits: [
      [
        'V === 1 ? tf.squeeze(logProbs, [2]) : tf.sum(tf.mul(logProbs, tf.oneHot(targets, V)), -1)',
        'tf.sum(tf.mul(logProbs, tf.oneHot(targets, V)), -1)',
      ],
    ],
  },
  {
    id: 'target-range-unchecked',
    base: 'alt-one-hot',
    hint: {
      en: 'Give a token with a positive weight the target V, or -1.',
      zh: '给一个权重为正的 token 设 target 为 V 或 -1。',
    },
    why: {
      en: 'Never checks the range of the counted targets: the one-hot row of an out-of-range target is all zeros, so a bad counted label silently scores logsumexp − 0 (nll = logsumexp, no error) instead of raising RangeError.',
      zh: '从不检查被计入的 target 的范围：越界 target 的 one-hot 行全为 0，于是错误的 label 悄悄得到 logsumexp − 0（nll 就是 logsumexp，不报错），而不是抛出 RangeError。',
    },
    edits: [
      [
        '    const outOfRange = tf.logicalOr(tf.less(targets, 0), tf.greaterEqual(targets, V));\n    if (tf.any(tf.logicalAnd(tf.greater(mask, 0), outOfRange)).dataSync()[0]) {\n      throw new RangeError(`targets: every target with a positive weight must be in [0, ${V})`);\n    }\n',
        '',
      ],
    ],
  },
  {
    id: 'infinite-weight-accepted',
    hint: {
      en: 'What happens with a mask weight of Infinity?',
      zh: 'mask 权重为 Infinity 时会怎样？',
    },
    why: {
      en: 'Rejects negative and NaN weights with !(w >= 0), which lets +Infinity through: the loss becomes Infinity/Infinity = NaN, where the prompt asks for a RangeError for every non-finite weight.',
      zh: '用 !(w >= 0) 拒绝负数和 NaN 权重，却放过了 +Infinity：损失变成 Infinity/Infinity = NaN。题目要求所有非有限权重都抛出 RangeError。',
    },
    edits: [['    if (!(w >= 0 && w < Infinity)) {', '    if (!(w >= 0)) {']],
  },
  {
    id: 'checks-first-label',
    hint: {
      en: 'Put an out-of-range value (V, or 99) in labels[:, 0].',
      zh: '在 labels[:, 0] 放一个越界值（V 或 99）。',
    },
    why: {
      en: 'Validates every label up front, before the shift, so an out-of-range labels[:, 0] raises RangeError; but labels[:, 0] is never a target (HF slices labels[..., 1:]), and the prompt says it is not checked.',
      zh: '在移位之前就校验所有 label，于是越界的 labels[:, 0] 抛出 RangeError；但 labels[:, 0] 从来不是预测目标（HF 取的是 labels[..., 1:]），题目也说明它不做检查。',
    },
    edits: [
      [
        '  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`ignoreIndex must be an integer, got ${ignoreIndex}`);\n',
        '  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`ignoreIndex must be an integer, got ${ignoreIndex}`);\n  for (const label of labels.dataSync()) {\n    if (label !== ignoreIndex && (label < 0 || label >= V)) throw new RangeError(`labels: ${label} is outside [0, ${V})`);\n  }\n',
      ],
    ],
  },
  {
    id: 'dtype-unchecked',
    hint: {
      en: 'Pass float32 targets such as [[0, 1.5]].',
      zh: '传入 float32 的 targets，比如 [[0, 1.5]]。',
    },
    why: {
      en: 'Never checks the dtypes of targets, mask and labels: float32 targets [[0, 1.5]] are read as numbers, 1.5 passes the range check, and the Int32Array index truncates it to class 1, a silent answer where the prompt asks for a TypeError.',
      zh: '从不检查 targets、mask、labels 的 dtype：float32 的 targets [[0, 1.5]] 被当作数字读取，1.5 通过了范围检查，再被 Int32Array 下标截断成类别 1——题目要求抛 TypeError 的地方给出了无声的答案。',
    },
    edits: [
      ['  if (tensor.dtype !== dtype) throw new TypeError(`${name} must be ${dtype}, got ${tensor.dtype}`);\n', ''],
    ],
  },
  {
    id: 'ignore-index-unchecked',
    hint: {
      en: 'Call causalLmLoss with ignoreIndex = 0.5, or NaN.',
      zh: '用 ignoreIndex = 0.5 或 NaN 调用 causalLmLoss。',
    },
    why: {
      en: 'Never checks ignoreIndex: 0.5 becomes tf.scalar(0.5, "int32") = 0, so label 0 is silently ignored, and NaN becomes 0 as well, where the prompt asks for a RangeError (and a TypeError for a string).',
      zh: '从不检查 ignoreIndex：0.5 变成 tf.scalar(0.5, "int32") = 0，于是 label 0 被悄悄忽略；NaN 同样变成 0。题目要求这时抛出 RangeError（传字符串则抛 TypeError）。',
    },
    edits: [
      [
        "  if (typeof ignoreIndex !== 'number') throw new TypeError(`ignoreIndex must be a number, got ${typeof ignoreIndex}`);\n  if (!Number.isInteger(ignoreIndex)) throw new RangeError(`ignoreIndex must be an integer, got ${ignoreIndex}`);\n",
        '',
      ],
    ],
  },
  {
    id: 'negative-labels-ignored',
    hint: {
      en: 'Which labels does it skip when ignoreIndex is 0, or -1?',
      zh: 'ignoreIndex 为 0 或 -1 时，它跳过了哪些 label？',
    },
    why: {
      en: 'Skips every negative label (label >= 0 as the mask) instead of the labels equal to ignoreIndex: right for the default -100, but with ignoreIndex = 0 the pad id 0 is trained on, and with ignoreIndex = -1 a -100 label is dropped instead of raising RangeError.',
      zh: '跳过所有负 label（用 label >= 0 作为 mask），而不是等于 ignoreIndex 的 label：默认的 -100 没问题，但 ignoreIndex = 0 时 pad id 0 被训练，ignoreIndex = -1 时 -100 被丢掉而不是抛出 RangeError。',
    },
    edits: [
      [
        "tf.notEqual(shiftLabels, tf.scalar(ignoreIndex, 'int32'))",
        "tf.greaterEqual(shiftLabels, tf.scalar(0, 'int32'))",
      ],
    ],
  },
  {
    id: 'host-float64-loop',
    hint: {
      en: 'Right answers everywhere: count the JavaScript steps for [2, 64, 1000].',
      zh: '答案都对：数一数 [2, 64, 1000] 时它走了多少步 JavaScript。',
    },
    why: {
      en: 'Reads the logits to the host and computes log-sum-exp in a float64 JavaScript loop over V for every counted token: exact, but O(B·T·V) JavaScript steps (about 1.7·10^5 for [2, 64, 1000]) where the budget is 8·B·T + 100 = 1124, and on a GPU backend it would copy every logit off the device.',
      zh: '把 logits 读回主机，对每个被计入的 token 用 float64 的 JavaScript 循环遍历 V 算 log-sum-exp：结果精确，但要 O(B·T·V) 步 JavaScript（[2, 64, 1000] 时约 1.7·10^5 步），而预算是 8·B·T + 100 = 1124；在 GPU 后端上还会把所有 logits 拷出设备。',
    },
    edits: [
      [
        "  return tf.tidy(() => {\n    const picked = tf.reshape(tf.gather(tf.reshape(logits, [-1]), tf.tensor1d(flatIndex, 'int32')), [B, T]);\n    const nll = tf.sub(tf.logSumExp(logits, -1), picked); // [B, T], finite everywhere\n    return tf.div(tf.sum(tf.mul(mask, nll)), tf.sum(mask)) as tf.Scalar;\n  });",
        '  const x = logits.dataSync();\n  let weighted = 0;\n  for (let i = 0; i < B * T; i++) {\n    const w = weights[i] as number;\n    if (w === 0) continue;\n    let max = -Infinity;\n    for (let v = 0; v < V; v++) max = Math.max(max, x[i * V + v] as number);\n    let sum = 0;\n    for (let v = 0; v < V; v++) sum += Math.exp((x[i * V + v] as number) - max);\n    weighted += w * (max + Math.log(sum) - (x[flatIndex[i] as number] as number));\n  }\n  return tf.scalar(weighted / total);',
      ],
    ],
  },
]);
