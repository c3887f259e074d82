import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'forgets-t-squared',
    hint: {
      en: 'Compare softLoss at T = 2 with the plain mean KL of the softened distributions. Which factor does Hinton et al. add?',
      zh: '把 T = 2 时的 softLoss 与软化分布的平均 KL 本身比较一下。Hinton 等人加了哪个系数？',
    },
    why: {
      en: 'Returns the mean KL of softmax(t/T) and softmax(s/T) without the T² factor. The gradients of the soft term scale as 1/T², so without T² the soft term fades as T grows and α no longer means what it says: student [0, 0], teacher [2 ln 3, 0] gives 0.130812 instead of 0.523248.',
      zh: '返回 softmax(t/T) 与 softmax(s/T) 的平均 KL，却没有乘 T²。软损失的梯度按 1/T² 缩小，不乘 T² 时 T 越大软损失越弱，α 也就不再是它名义上的权重：student [0, 0]、teacher [2 ln 3, 0] 得到 0.130812 而不是 0.523248。',
    },
    edits: [
      [
        '    const softLoss = tf.mul(tf.div(tf.sum(tf.mul(kl, mask)), count), temperature * temperature);',
        '    const softLoss = tf.div(tf.sum(tf.mul(kl, mask)), count);',
      ],
    ],
  },
  {
    id: 'scales-by-t',
    hint: {
      en: 'Try T = 10: is the soft term scaled by T or by T²?',
      zh: '试试 T = 10：软损失乘的是 T 还是 T²？',
    },
    why: {
      en: 'Multiplies the KL by T instead of T², half-remembering that "the temperature rescales the loss". At T = 2 the soft term is half what it should be (0.261624 instead of 0.523248), at T = 10 a tenth.',
      zh: '把 KL 乘以 T 而不是 T²，只记得“温度会缩放损失”。T = 2 时软损失只有应有值的一半（0.261624 而不是 0.523248），T = 10 时只有十分之一。',
    },
    edits: [['count), temperature * temperature);', 'count), temperature);']],
  },
  {
    id: 'temperature-on-student-only',
    hint: {
      en: 'Is the teacher softened too? Try teacher logits [2 ln 3, 0] at T = 2.',
      zh: '教师分布也软化了吗？在 T = 2 下试试 teacher logits [2 ln 3, 0]。',
    },
    why: {
      en: "Divides only the student's logits by T and takes the teacher's softmax at temperature 1, so the student is pulled towards the sharp teacher distribution, not the soft targets: teacher [2 ln 3, 0] gives p = [.9, .1] instead of [.75, .25].",
      zh: '只把学生的 logits 除以 T，教师的 softmax 仍在温度 1 下计算，于是学生被拉向尖锐的教师分布而不是软目标：teacher [2 ln 3, 0] 得到 p = [.9, .1] 而不是 [.75, .25]。',
    },
    edits: [['    const logP = logProbs(tf.div(teacher, temperature));', '    const logP = logProbs(teacher);']],
  },
  {
    id: 'directions-swapped',
    hint: {
      en: "Which distribution weights the sum in 'forward'? KL(p_teacher‖q_student) = Σ p_teacher (log p_teacher − log q_student).",
      zh: "'forward' 中是哪个分布作为求和的权重？KL(p_teacher‖q_student) = Σ p_teacher (log p_teacher − log q_student)。",
    },
    why: {
      en: "Computes KL(q_student‖p_teacher) for 'forward' and KL(p_teacher‖q_student) for 'reverse': easy after F.kl_div(log q, p), whose argument order is the reverse of the math. KL is not symmetric: student [0, 0], teacher [2 ln 3, 0] gives 0.575364 instead of 0.523248.",
      zh: "'forward' 算成了 KL(q_student‖p_teacher)，'reverse' 算成了 KL(p_teacher‖q_student)：F.kl_div(log q, p) 的参数顺序与数学写法相反，很容易搞反。KL 不对称：student [0, 0]、teacher [2 ln 3, 0] 得到 0.575364 而不是 0.523248。",
    },
    edits: [
      [
        "direction === 'forward' ? [logP, logQ] : [logQ, logP];",
        "direction === 'forward' ? [logQ, logP] : [logP, logQ];",
      ],
    ],
  },
  {
    id: 'log-of-softmax',
    hint: {
      en: 'Try student [1e4, 0] against teacher [0, 1e4]. Is every loss finite?',
      zh: '试试 student [1e4, 0] 对 teacher [0, 1e4]。每个损失都是有限值吗？',
    },
    why: {
      en: 'Takes log(softmax(x)). Exact for moderate logits, but a probability below ~1e-45 underflows to 0 in float32 and log 0 = −Infinity, so logits of ±1e4 give Infinity or NaN instead of softLoss 20000, hardLoss 10000.',
      zh: '直接计算 log(softmax(x))。logits 不大时没问题，但低于约 1e-45 的概率在 float32 中下溢为 0，log 0 = −Infinity，于是 ±1e4 的 logits 得到 Infinity 或 NaN，而不是 softLoss 20000、hardLoss 10000。',
    },
    edits: [
      [
        '  const shifted = tf.sub(logits, tf.max(logits, -1, true));\n  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), -1, true)));',
        '  return tf.log(tf.softmax(logits));',
      ],
    ],
  },
  {
    id: 'mean-over-vocab',
    hint: {
      en: 'Per token, is the KL a sum over the vocabulary or a mean? Try V = 4.',
      zh: '每个 token 的 KL 是对词表求和还是求平均？试试 V = 4。',
    },
    why: {
      en: "Averages p·(log p − log q) over the vocabulary instead of summing it, the elementwise 'mean' of F.kl_div: the KL per token is divided by V (32000 for a real vocabulary), so the soft term all but vanishes.",
      zh: "对词表求平均而不是求和，相当于 F.kl_div 逐元素的 'mean'：每个 token 的 KL 被除以 V（真实词表是 32000），软损失几乎消失。",
    },
    edits: [
      [
        '    const kl = tf.sum(tf.mul(tf.exp(from), tf.sub(from, to)), -1);',
        '    const kl = tf.mean(tf.mul(tf.exp(from), tf.sub(from, to)), -1);',
      ],
    ],
  },
  {
    id: 'soft-over-every-position',
    hint: {
      en: 'Give an ignored (−100) position logits that disagree wildly. Does softLoss change?',
      zh: '给一个被忽略（−100）的位置放上差别很大的 logits，softLoss 会变吗？',
    },
    why: {
      en: "Masks the hard cross-entropy (ignore_index) but averages the KL over every position, padding and prompt tokens included, as KLDivLoss(reduction='batchmean') does on unselected rows: in [[0, 1, −100]] the third position's KL of about 10 enters the mean.",
      zh: "硬损失用了 ignore_index 掩码，KL 却对所有位置取平均，包括 padding 和 prompt token，就像对未筛选的行直接用 KLDivLoss(reduction='batchmean')：[[0, 1, −100]] 中第三个位置约为 10 的 KL 也进入了平均。",
    },
    edits: [
      [
        '    const softLoss = tf.mul(tf.div(tf.sum(tf.mul(kl, mask)), count), temperature * temperature);',
        '    const softLoss = tf.mul(tf.mean(kl), temperature * temperature);',
      ],
    ],
  },
  {
    id: 'hard-loss-at-temperature',
    hint: {
      en: 'At which temperature is the cross-entropy with the labels taken? Try student [2 ln 3, 0], label 0, T = 2.',
      zh: '与标签的交叉熵是在哪个温度下计算的？试试 student [2 ln 3, 0]、label 0、T = 2。',
    },
    why: {
      en: "Reuses the softened student log-probabilities log softmax(s/T) for the hard loss. Hinton et al. take the hard cross-entropy at temperature 1 (the student's real predictions): −ln 0.75 = 0.287682 instead of −ln 0.9 = 0.105361.",
      zh: '硬损失复用了软化后的学生对数概率 log softmax(s/T)。Hinton 等人的硬交叉熵在温度 1 下计算（学生真实的预测）：得到 −ln 0.75 = 0.287682 而不是 −ln 0.9 = 0.105361。',
    },
    edits: [['tf.reshape(logProbs(student), [-1])', 'tf.reshape(logQ, [-1])']],
  },
  {
    id: 'alpha-on-hard-term',
    hint: {
      en: 'Set alpha = 1. Is the loss the soft term or the hard one?',
      zh: '设 alpha = 1。损失是软损失还是硬损失？',
    },
    why: {
      en: "Weights the hard cross-entropy by α and the soft KL by 1 − α. Both conventions exist in the wild (HF's distiller uses separate alpha_ce, alpha_mlm), so the prompt pins α on the soft term: alpha = 1 must give loss = softLoss.",
      zh: '把 α 给了硬交叉熵、1 − α 给了软 KL。两种约定都有人用（HF 的 distiller 用分开的 alpha_ce、alpha_mlm），所以题目规定 α 乘软损失：alpha = 1 时 loss 必须等于 softLoss。',
    },
    edits: [
      [
        'tf.add(tf.mul(softLoss, alpha), tf.mul(hardLoss, 1 - alpha))',
        'tf.add(tf.mul(softLoss, 1 - alpha), tf.mul(hardLoss, alpha))',
      ],
    ],
  },
  {
    id: 'divides-by-batch',
    hint: {
      en: 'A [2, 2, V] batch with 3 counted tokens: what do the two means divide by?',
      zh: '一个 [2, 2, V] 的 batch 有 3 个计入的 token：两个平均值分别除以什么？',
    },
    why: {
      en: "Divides both sums by studentLogits.shape[0], reading 'batchmean' as the batch size B. For sequence KD that is the number of sequences, not of tokens: with labels [[0, −100], [1, 1]] it divides by 2 instead of 3.",
      zh: "两个求和都除以 studentLogits.shape[0]，把 'batchmean' 理解成 batch 大小 B。对序列级蒸馏，这是序列数而不是 token 数：labels [[0, −100], [1, 1]] 时除以 2 而不是 3。",
    },
    edits: [
      ['tf.div(tf.sum(tf.mul(kl, mask)), count)', 'tf.div(tf.sum(tf.mul(kl, mask)), studentLogits.shape[0] as number)'],
      [
        'tf.div(tf.sum(tf.mul(tf.neg(picked), mask)), count)',
        'tf.div(tf.sum(tf.mul(tf.neg(picked), mask)), studentLogits.shape[0] as number)',
      ],
    ],
  },
  {
    id: 'all-ignored-is-nan',
    hint: {
      en: 'What if every label is −100?',
      zh: '如果所有标签都是 −100 呢？',
    },
    why: {
      en: 'Never checks that some position counts, so labels that are all ignoreIndex give 0/0 = NaN losses instead of the RangeError the prompt asks for; a NaN loss would poison the weights one step later.',
      zh: '从不检查是否至少有一个位置计入，于是所有标签都是 ignoreIndex 时得到 0/0 = NaN，而不是题目要求的 RangeError；NaN 损失会在下一步污染权重。',
    },
    edits: [
      [
        '  if (count === 0) {\n    throw new RangeError(`labels: every position is ignored (all labels are ${ignoreIndex}): the mean has no tokens`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'labels-not-range-checked',
    hint: {
      en: 'Pass a label of V (one past the last class).',
      zh: '传入值为 V 的标签（最后一个类别之后的一个）。',
    },
    why: {
      en: 'Never checks that a counted label is in [0, V): the flat index i·V + label then points into the next row (or past the end), so a wrong logit is silently used as the target, or tfjs fails with its own error, instead of a RangeError.',
      zh: '从不检查计入的标签是否在 [0, V) 内：扁平下标 i·V + label 指到了下一行（或越过末尾），于是静默地用错了 logit 作为目标，或者 tfjs 抛出它自己的错误，而不是 RangeError。',
    },
    edits: [
      [
        '    if (id < 0 || id >= V) throw new RangeError(`labels: a counted label must be in [0, ${V}), got ${id} at ${i}`);\n',
        '',
      ],
    ],
  },
  {
    id: 'ignore-index-hardcoded',
    hint: {
      en: 'Call it with { ignoreIndex: 0 }: which labels are skipped?',
      zh: '用 { ignoreIndex: 0 } 调用：哪些标签被跳过了？',
    },
    why: {
      en: "Skips labels equal to −100, PyTorch's default, whatever opts.ignoreIndex says: with ignoreIndex 0 (a pad id), label 0 is counted and −100 is skipped, where the prompt asks for the opposite.",
      zh: '不管 opts.ignoreIndex 是什么，都跳过等于 −100（PyTorch 默认值）的标签：ignoreIndex 为 0（pad id）时，标签 0 被计入、−100 被跳过，与题目要求正好相反。',
    },
    edits: [['    if (id === ignoreIndex) continue;', '    if (id === -100) continue;']],
  },
  {
    id: 'temperature-not-checked',
    hint: {
      en: 'Pass temperature 0 or −2.',
      zh: '传入 temperature 0 或 −2。',
    },
    why: {
      en: 'Never checks the temperature, so T = 0 divides the logits by 0 (NaN or Infinity everywhere) and T = −2 flips every distribution, instead of a RangeError.',
      zh: '从不检查温度：T = 0 时 logits 除以 0（到处是 NaN 或 Infinity），T = −2 时每个分布都被翻转，而不是抛出 RangeError。',
    },
    edits: [
      [
        '  if (!(temperature > 0 && temperature < Infinity)) {\n    throw new RangeError(`opts.temperature: expected a finite number > 0, got ${temperature}`);\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'alpha-check-misses-nan',
    hint: {
      en: 'Pass alpha: NaN.',
      zh: '传入 alpha: NaN。',
    },
    why: {
      en: 'Checks alpha with alpha < 0 || alpha > 1. Every comparison with NaN is false, so NaN passes and the loss comes out NaN instead of a RangeError.',
      zh: '用 alpha < 0 || alpha > 1 检查 alpha。与 NaN 的比较都是 false，NaN 于是通过检查，损失变成 NaN，而不是抛出 RangeError。',
    },
    edits: [['if (!(alpha >= 0 && alpha <= 1))', 'if (alpha < 0 || alpha > 1)']],
  },
  {
    id: 'no-logit-check',
    hint: {
      en: 'Pass a NaN teacher logit. Does anything complain?',
      zh: '传入一个 NaN 的教师 logit，有没有报错？',
    },
    why: {
      en: 'Never checks the logit values, so a NaN or ±Infinity logit (from an overflowing teacher in half precision, say) flows through the softmax into a NaN loss instead of a RangeError.',
      zh: '从不检查 logits 的值，NaN 或 ±Infinity 的 logit（比如半精度下溢出的教师）穿过 softmax 变成 NaN 损失，而不是抛出 RangeError。',
    },
    edits: [
      [
        '  const flag = tf.tidy(() => tf.any(tf.logicalNot(tf.isFinite(logits))));\n  const bad = flag.dataSync()[0] === 1;\n  flag.dispose();\n  if (bad) throw new RangeError(`${name}: every logit must be finite (NaN or ±Infinity found)`);\n',
        '',
      ],
    ],
  },
  {
    id: 'leaks-intermediates',
    hint: {
      en: 'Count tf.memory().numTensors before and after one call.',
      zh: '在调用一次前后比较 tf.memory().numTensors。',
    },
    why: {
      en: 'Does the tensor work outside tf.tidy and never disposes the intermediates (reshapes, log-softmaxes, the mask, the KL per token), so every training step leaks a dozen tensors: easy to miss, because the values are right.',
      zh: '张量运算没有放进 tf.tidy，也从不释放中间结果（reshape、log-softmax、掩码、每个 token 的 KL），每个训练步都会泄漏十几个张量；数值完全正确，所以很容易忽略。',
    },
    edits: [
      ['  const [loss, softLoss, hardLoss] = tf.tidy(() => {', '  const [loss, softLoss, hardLoss] = (() => {'],
      ['  }) as [tf.Scalar, tf.Scalar, tf.Scalar];', '  })() as [tf.Scalar, tf.Scalar, tf.Scalar];'],
    ],
  },
  {
    id: 'reverse-weighted-by-teacher',
    base: 'alt-gather-rows',
    hint: {
      en: "In 'reverse', whose probabilities weight the sum? Is the reverse KL ever negative?",
      zh: "在 'reverse' 中，求和用的是谁的概率作权重？反向 KL 会是负数吗？",
    },
    why: {
      en: "Swaps the log-probabilities for 'reverse' but keeps the teacher's probabilities as the weights, Σ p_teacher (log q_student − log p_teacher) = −KL(p‖q): the reverse KL is an expectation under the student, E_q[log q − log p], which is why MiniLLM and GKD sample from the student. Here it comes out negative.",
      zh: "'reverse' 时交换了对数概率，却仍用教师的概率作权重，Σ p_teacher (log q_student − log p_teacher) = −KL(p‖q)：反向 KL 是在学生分布下的期望 E_q[log q − log p]，所以 MiniLLM 和 GKD 要从学生采样。这里结果变成了负数。",
    },
    edits: [['    const probs = tf.exp(a);', '    const probs = tf.exp(logP);']],
  },
]);
