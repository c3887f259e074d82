import { defineZoo } from '../../src/kit/zoo.ts';

const SCALE = "    const scale = tf.exp(tf.clipByValue(tf.cast(logitScale, 'float32'), 0, maxLogitScale));";
const NORMALISE =
  '    const img = tf.div(imageEmbeds, tf.expandDims(rowNorms(imageEmbeds), 1));\n    const txt = tf.div(textEmbeds, tf.expandDims(rowNorms(textEmbeds), 1));';
const LOSS =
  '    const loss = tf.div(tf.add(crossEntropyDiagonal(logitsPerImage), crossEntropyDiagonal(logitsPerText)), 2);';
const CE = '  return tf.mean(tf.sub(tf.logSumExp(logits, 1), positives));';
const NCE =
  '  return tf.tidy(() => crossEntropyDiagonal(tf.div(tf.matMul(queries, keys, false, true), temperature)) as tf.Scalar);';

export default defineZoo([
  {
    id: 'one-direction',
    hint: {
      en: 'Images [[1,0],[0,1]], texts [[1,0],[0.6,0.8]], scale 1: is the loss 0.442058 or 0.448879?',
      zh: 'images [[1,0],[0,1]]、texts [[1,0],[0.6,0.8]]、scale 1：损失是 0.442058 还是 0.448879？',
    },
    why: {
      en: 'Returns only the image → text cross-entropy (the rows of logitsPerImage), which is InfoNCE in one direction; CLIP averages it with the text → image one (the rows of logitsPerText): 0.442058 instead of (0.442058 + 0.455700)/2 = 0.448879.',
      zh: '只返回 image → text 方向的交叉熵（logitsPerImage 的各行），那只是单向的 InfoNCE；CLIP 要把它和 text → image 方向（logitsPerText 的各行）取平均：得到 0.442058 而不是 (0.442058 + 0.455700)/2 = 0.448879。',
    },
    edits: [[LOSS, '    const loss = crossEntropyDiagonal(logitsPerImage);']],
  },
  {
    id: 'no-normalisation',
    hint: {
      en: 'Images [[3,0],[0,0.5]], texts [[2,0],[3,4]]: are the logits cosines?',
      zh: 'images [[3,0],[0,0.5]]、texts [[2,0],[3,4]]：logits 是余弦相似度吗？',
    },
    why: {
      en: "Skips the L2 normalisation (assuming the encoders' outputs are already unit vectors, as open_clip's ClipLoss does because its model normalises first), so the logits are raw dot products times the scale: rescaling an embedding changes the loss, and [[3,0],[0,0.5]] vs [[2,0],[3,4]] gives logits [[6,9],[0,2]] instead of [[1,0.6],[0,0.8]].",
      zh: '跳过了 L2 归一化（以为编码器输出已经是单位向量，open_clip 的 ClipLoss 就这样假设，因为它的模型先做了归一化），于是 logits 是原始点积乘以 scale：缩放某个嵌入就会改变损失，[[3,0],[0,0.5]] 与 [[2,0],[3,4]] 得到 logits [[6,9],[0,2]] 而不是 [[1,0.6],[0,0.8]]。',
    },
    edits: [[NORMALISE, '    const img = imageEmbeds;\n    const txt = textEmbeds;']],
  },
  {
    id: 'scale-not-exponentiated',
    hint: {
      en: 'logitScale is a log: what multiplier does logitScale = 0 give?',
      zh: 'logitScale 是对数：logitScale = 0 时乘数是多少？',
    },
    why: {
      en: 'Multiplies the cosines by the clamped logitScale itself instead of exp(logitScale): logitScale = 0 zeroes every logit (loss ln 2 = 0.693147 instead of 0.448879) and the CLIP init ln(1/0.07) = 2.659260 gives a multiplier 2.66 instead of 14.29. CLIP learns the log of the scale so it stays positive.',
      zh: '把截断后的 logitScale 本身当成乘数，而不是 exp(logitScale)：logitScale = 0 让所有 logit 变为 0（损失为 ln 2 = 0.693147 而不是 0.448879），CLIP 的初始值 ln(1/0.07) = 2.659260 给出乘数 2.66 而不是 14.29。CLIP 学习的是 scale 的对数，这样它始终为正。',
    },
    edits: [[SCALE, "    const scale = tf.clipByValue(tf.cast(logitScale, 'float32'), 0, maxLogitScale);"]],
  },
  {
    id: 'no-clamp',
    hint: {
      en: 'logitScale = 5 on the hard negatives: is the scale 100 or e^5 = 148.4?',
      zh: '在难负样本上 logitScale = 5：scale 是 100 还是 e^5 = 148.4？',
    },
    why: {
      en: "Forgets the clamp: scale = exp(logitScale) grows without bound as training raises logitScale (HF's CLIPModel.forward does not clamp; open_clip clamps logit_scale to [0, ln 100] after every step). logitScale 5 gives scale 148.41 and loss 5.937186 instead of 100 and 4.004538.",
      zh: '忘了截断：训练把 logitScale 推高时 scale = exp(logitScale) 会无限增长（HF 的 CLIPModel.forward 不做截断；open_clip 每一步之后都把 logit_scale 截断到 [0, ln 100]）。logitScale 为 5 时 scale 为 148.41、损失 5.937186，而不是 100 和 4.004538。',
    },
    edits: [[SCALE, "    const scale = tf.exp(tf.cast(logitScale, 'float32'));"]],
  },
  {
    id: 'clamp-after-exp',
    hint: {
      en: 'The CLIP init logitScale = ln(1/0.07): is the scale 14.29 or 4.61?',
      zh: 'CLIP 的初始值 logitScale = ln(1/0.07)：scale 是 14.29 还是 4.61？',
    },
    why: {
      en: 'Clamps on the exp side with the log-space bound: min(exp(logitScale), ln 100) caps the scale at 4.61 instead of 100, so even the initial temperature 0.07 (scale 14.29) is cut down: loss 0.129249 instead of 0.014787 on the worked example.',
      zh: '在 exp 之后用对数空间的上界截断：min(exp(logitScale), ln 100) 把 scale 限制在 4.61 而不是 100，连初始温度 0.07（scale 14.29）也被截掉了：示例上的损失是 0.129249 而不是 0.014787。',
    },
    edits: [[SCALE, "    const scale = tf.clipByValue(tf.exp(tf.cast(logitScale, 'float32')), 0, maxLogitScale);"]],
  },
  {
    id: 'no-lower-clamp',
    hint: { en: 'logitScale = −1: what is the scale?', zh: 'logitScale = −1 时 scale 是多少？' },
    why: {
      en: "Clamps only from above, min(logitScale, maxLogitScale), as many re-implementations do; open_clip's clamp is [0, ln 100], so a negative logitScale means scale 1 (temperature at most 1). logitScale −1 gives scale e^−1 = 0.37 instead of 1.",
      zh: '只做上界截断 min(logitScale, maxLogitScale)，很多复现代码都这么写；open_clip 的截断区间是 [0, ln 100]，所以负的 logitScale 意味着 scale 为 1（温度最多为 1）。logitScale 为 −1 时得到 scale e^−1 = 0.37 而不是 1。',
    },
    edits: [[SCALE, "    const scale = tf.exp(tf.minimum(tf.cast(logitScale, 'float32'), maxLogitScale));"]],
  },
  {
    id: 'logits-swapped',
    hint: {
      en: 'Which matrix has one row per image: look at logitsPerImage for texts [[1,0],[0.6,0.8]].',
      zh: '哪个矩阵每行对应一张图像：看看 texts 为 [[1,0],[0.6,0.8]] 时的 logitsPerImage。',
    },
    why: {
      en: "Returns the two matrices under each other's names (HF computes logits_per_text = text @ imageᵀ first and logits_per_image as its transpose, so the order is easy to flip): the loss is right, but logitsPerImage is [[1,0],[0.6,0.8]] (rows = texts) instead of [[1,0.6],[0,0.8]], and image → text retrieval read from it ranks the wrong thing.",
      zh: '把两个矩阵的名字互换了返回（HF 先算 logits_per_text = text @ imageᵀ，再把转置作为 logits_per_image，顺序很容易弄反）：损失是对的，但 logitsPerImage 是 [[1,0],[0.6,0.8]]（每行一个文本）而不是 [[1,0.6],[0,0.8]]，用它做图像 → 文本检索就排错了。',
    },
    edits: [
      [
        '    return { loss: loss as tf.Scalar, logitsPerImage, logitsPerText };',
        '    return { loss: loss as tf.Scalar, logitsPerImage: logitsPerText, logitsPerText: logitsPerImage };',
      ],
    ],
  },
  {
    id: 'mean-over-n-squared',
    hint: {
      en: 'All embeddings equal, N = 3: is the loss ln 3 or ln 3 / 3?',
      zh: '所有嵌入都相同、N = 3：损失是 ln 3 还是 ln 3 / 3？',
    },
    why: {
      en: 'Masks −log_softmax with the identity matrix and then takes tf.mean over all N² entries instead of summing each row and averaging over the N rows: every loss is divided by N, so all-equal embeddings give ln 3 / 3 = 0.366204 instead of ln 3.',
      zh: '用单位矩阵遮住 −log_softmax 后对全部 N² 个元素取 tf.mean，而不是先按行求和再对 N 行取平均：每个损失都被除以了 N，所以全部相同的嵌入得到 ln 3 / 3 = 0.366204 而不是 ln 3。',
    },
    edits: [[CE, '  return tf.neg(tf.mean(tf.mul(tf.logSoftmax(logits), tf.eye(n))));']],
  },
  {
    id: 'sum-over-batch',
    hint: {
      en: 'All embeddings equal, N = 3: ln 3 or 3·ln 3?',
      zh: '所有嵌入都相同、N = 3：ln 3 还是 3·ln 3？',
    },
    why: {
      en: "Sums the per-pair losses instead of averaging them (F.cross_entropy's default reduction is 'mean'): the loss grows with the batch size, 3·ln 3 = 3.295837 instead of ln 3, and the effective learning rate changes whenever the batch does.",
      zh: "对每一对的损失求和而不是取平均（F.cross_entropy 默认的 reduction 是 'mean'）：损失随 batch 大小增长，得到 3·ln 3 = 3.295837 而不是 ln 3，batch 一变有效学习率就跟着变。",
    },
    edits: [[CE, '  return tf.sum(tf.sub(tf.logSumExp(logits, 1), positives));']],
  },
  {
    id: 'naive-logsumexp',
    hint: { en: 'Logits ±100 at scale 100: is the loss 200?', zh: 'scale 100 下 logits 为 ±100：损失是 200 吗？' },
    why: {
      en: 'Writes log Σ exp(logits) without subtracting the row maximum: exp(100) overflows float32 (whose largest value is about e^88.7) to Infinity, so at the clamp scale 100 with opposite pairs the loss is Infinity instead of 200, and large raw inputs to infoNCE fail the same way.',
      zh: '直接写 log Σ exp(logits)，没有先减去每行最大值：exp(100) 在 float32 中上溢为 Infinity（float32 最大约为 e^88.7），于是在截断上限 scale 100、方向相反的样本对上损失为 Infinity 而不是 200；infoNCE 的大原始输入也同样失败。',
    },
    edits: [[CE, '  return tf.mean(tf.sub(tf.log(tf.sum(tf.exp(logits), 1)), positives));']],
  },
  {
    id: 'log-of-softmax',
    hint: { en: 'Logits ±100 at scale 100: is the loss 200?', zh: 'scale 100 下 logits 为 ±100：损失是 200 吗？' },
    why: {
      en: 'Takes log(softmax(logits)) in two steps: softmax is stable, but the probability of the positive, e^−200, underflows to 0 in float32 and log 0 = −Infinity (and 0·−Infinity = NaN under the mask), so the loss is not 200. log_softmax = x − logsumexp(x) stays finite.',
      zh: '分两步计算 log(softmax(logits))：softmax 本身是稳定的，但正样本的概率 e^−200 在 float32 中下溢为 0，log 0 = −Infinity（乘上掩码时 0·−Infinity = NaN），所以损失不是 200。log_softmax = x − logsumexp(x) 始终有限。',
    },
    edits: [[CE, '  return tf.neg(tf.mean(tf.sum(tf.mul(tf.log(tf.softmax(logits)), tf.eye(n)), 1)));']],
  },
  {
    id: 'labels-column-zero',
    hint: {
      en: 'Which key is the positive of query i: key i, or key 0?',
      zh: 'query i 的正样本是哪个 key：key i 还是 key 0？',
    },
    why: {
      en: "Takes column 0 as every row's positive (MoCo's labels = zeros, which is right only there, where the positive logit is concatenated in front of the queue of negatives); with in-batch negatives the positive of row i is column i, so every pair but the first is scored against the wrong target.",
      zh: '把第 0 列当作每一行的正样本（MoCo 的 labels = zeros，只有在那里才对，因为 MoCo 把正样本 logit 拼在负样本队列的最前面）；使用 batch 内负样本时，第 i 行的正样本是第 i 列，于是除第一对以外的每一对都按错误的目标打分。',
    },
    edits: [
      [
        '  const positives = tf.sum(tf.mul(logits, tf.eye(n)), 1);',
        '  const positives = tf.reshape(tf.slice(logits, [0, 0], [n, 1]), [n]);',
      ],
    ],
  },
  {
    id: 'eps-normalise',
    hint: { en: 'An image row of zeros: what should happen?', zh: '某个图像嵌入整行为 0：应当发生什么？' },
    why: {
      en: "Normalises like F.normalize(x, eps=1e-12), x / max(‖x‖, 1e-12), and lets a zero row through: its logits are all 0 and the loss is finite, silently training on an empty embedding, where the contract asks for a RangeError (HF's plain x / ‖x‖ would give NaN).",
      zh: '像 F.normalize(x, eps=1e-12) 那样用 x / max(‖x‖, 1e-12) 归一化，放过了整行为 0 的嵌入：它的 logits 全为 0、损失有限，悄悄地在一个空嵌入上训练，而契约要求抛出 RangeError（HF 直接写 x / ‖x‖ 会得到 NaN）。',
    },
    edits: [
      [
        '  return tf.logicalNot(tf.logicalAnd(tf.greater(norms, 0), tf.isFinite(norms)));',
        '  return tf.logicalNot(tf.isFinite(norms));',
      ],
      [
        NORMALISE,
        '    const img = tf.div(imageEmbeds, tf.expandDims(tf.maximum(rowNorms(imageEmbeds), 1e-12), 1));\n    const txt = tf.div(textEmbeds, tf.expandDims(tf.maximum(rowNorms(textEmbeds), 1e-12), 1));',
      ],
    ],
  },
  {
    id: 'temperature-multiplied',
    hint: { en: 'infoNCE with τ = 0.5: divide or multiply?', zh: 'infoNCE 在 τ = 0.5 时：是除以还是乘以？' },
    why: {
      en: 'Multiplies the logits by the temperature instead of dividing (mixing up τ with the scale 1/τ that CLIP learns): τ = 0.5 gives 0.555577 instead of 0.277501, and a small τ flattens the softmax instead of sharpening it.',
      zh: '把 logits 乘以温度而不是除以温度（把 τ 和 CLIP 学习的 scale 1/τ 搞混了）：τ = 0.5 时得到 0.555577 而不是 0.277501，而且小的 τ 会把 softmax 变平而不是变尖。',
    },
    edits: [
      [
        NCE,
        '  return tf.tidy(() => crossEntropyDiagonal(tf.mul(tf.matMul(queries, keys, false, true), temperature)) as tf.Scalar);',
      ],
    ],
  },
  {
    id: 'infonce-normalises',
    hint: {
      en: 'infoNCE with queries [[2,0],[0,1]] and keys [[1,0],[3,4]]: cosines or dot products?',
      zh: 'infoNCE 的 queries 为 [[2,0],[0,1]]、keys 为 [[1,0],[3,4]]：用余弦还是点积？',
    },
    why: {
      en: "Normalises the queries and keys inside infoNCE (SimCLR's cosine similarity), but this infoNCE scores the raw dot products, as CPC's bilinear score and MoCo's logits of already-normalised vectors do; the example gives 0.442058 instead of 2.018150.",
      zh: '在 infoNCE 里对 queries 和 keys 做了归一化（SimCLR 的余弦相似度），但本题的 infoNCE 用原始点积打分，就像 CPC 的双线性打分和 MoCo 对已归一化向量计算的 logits 那样；示例得到 0.442058 而不是 2.018150。',
    },
    edits: [
      [
        NCE,
        '  return tf.tidy(() => {\n    const q = tf.div(queries, tf.expandDims(rowNorms(queries), 1));\n    const k = tf.div(keys, tf.expandDims(rowNorms(keys), 1));\n    return crossEntropyDiagonal(tf.div(tf.matMul(q, k, false, true), temperature)) as tf.Scalar;\n  });',
      ],
    ],
  },
  {
    id: 'temperature-zero-allowed',
    hint: { en: 'temperature = 0: accepted or rejected?', zh: 'temperature = 0：接受还是拒绝？' },
    why: {
      en: 'Checks τ ≥ 0 instead of τ > 0: τ = 0 divides every logit by zero, Infinity or NaN logits and a NaN loss, where the contract asks for a RangeError.',
      zh: '检查条件写成了 τ ≥ 0 而不是 τ > 0：τ = 0 时每个 logit 都除以 0，得到 Infinity 或 NaN 的 logits 和 NaN 损失，而契约要求抛出 RangeError。',
    },
    edits: [
      [
        '  if (!(temperature > 0 && temperature < Infinity)) {',
        '  if (!(temperature >= 0 && temperature < Infinity)) {',
      ],
    ],
  },
  {
    id: 'max-scale-zero-rejected',
    hint: { en: 'maxLogitScale = 0: accepted or rejected?', zh: 'maxLogitScale = 0：接受还是拒绝？' },
    why: {
      en: 'Checks maxLogitScale > 0 instead of ≥ 0: 0 is a valid bound (it pins the scale at 1, a fixed temperature of 1), and the contract only rejects negative, NaN and infinite bounds.',
      zh: '检查条件写成了 maxLogitScale > 0 而不是 ≥ 0：0 是合法的上界（它把 scale 固定为 1，即温度固定为 1），契约只拒绝负数、NaN 和无穷大。',
    },
    edits: [
      [
        '  if (!(maxLogitScale >= 0 && maxLogitScale < Infinity)) {',
        '  if (!(maxLogitScale > 0 && maxLogitScale < Infinity)) {',
      ],
    ],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one clipLoss call.',
      zh: '比较一次 clipLoss 调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'Computes the loss outside tf.tidy: the norms, the normalised embeddings, the scale, the identity mask and the log-sum-exps stay allocated after every call, a leak per training step.',
      zh: '在 tf.tidy 之外计算损失：范数、归一化后的嵌入、scale、单位矩阵掩码和 log-sum-exp 在每次调用后都留在内存里，每个训练步都在泄漏。',
    },
    edits: [
      [
        '  return tf.tidy(() => {\n    const scale = tf.exp(',
        '  return (<T>(f: () => T) => f())(() => {\n    const scale = tf.exp(',
      ],
    ],
  },
  {
    id: 'js-loop-infonce',
    hint: {
      en: 'Right answers: count the JavaScript steps of infoNCE on N = 128, D = 32.',
      zh: '答案都对：数一数 infoNCE 在 N = 128、D = 32 上的 JavaScript 步数。',
    },
    why: {
      en: 'Reads the queries and keys back with dataSync and computes every dot product and log-sum-exp in JavaScript loops: correct, but N²·D = 524288 steps on the CPU plus two device syncs, where one matMul and tf.logSumExp do it on the backend.',
      zh: '用 dataSync 把 queries 和 keys 读回来，在 JavaScript 循环里计算每个点积和 log-sum-exp：结果正确，但要在 CPU 上跑 N²·D = 524288 步，外加两次设备同步，而一次 matMul 加 tf.logSumExp 就能在后端完成。',
    },
    edits: [
      [
        NCE,
        [
          '  const q = queries.dataSync();',
          '  const k = keys.dataSync();',
          '  const [n, d] = queries.shape as [number, number];',
          '  let total = 0;',
          '  for (let i = 0; i < n; i++) {',
          '    const row: number[] = [];',
          '    for (let j = 0; j < n; j++) {',
          '      let dot = 0;',
          '      for (let c = 0; c < d; c++) dot += (q[i * d + c] as number) * (k[j * d + c] as number);',
          '      row.push(dot / temperature);',
          '    }',
          '    const max = Math.max(...row);',
          '    let sum = 0;',
          '    for (const x of row) sum += Math.exp(x - max);',
          '    total += max + Math.log(sum) - (row[i] as number);',
          '  }',
          '  return tf.scalar(total / n);',
        ].join('\n'),
      ],
    ],
  },
  {
    id: 'onehot-depth-one',
    base: 'alt-onehot',
    hint: { en: 'A batch of one pair (N = 1).', zh: '只有一对样本的 batch（N = 1）。' },
    why: {
      en: 'Builds the labels with tf.oneHot(tf.range(0, N), N): tfjs rejects a oneHot depth below 2, so a batch of one pair (the last, short batch of an epoch) throws instead of giving loss 0. tf.eye(N) is the same matrix for every N ≥ 1.',
      zh: '用 tf.oneHot(tf.range(0, N), N) 构造标签：tfjs 不接受小于 2 的 oneHot 深度，于是只有一对样本的 batch（一个 epoch 最后那个不满的 batch）会抛出异常，而不是得到损失 0。tf.eye(N) 对任意 N ≥ 1 都是同一个矩阵。',
    },
    edits: [['  return tf.eye(n);', "  return tf.oneHot(tf.range(0, n, 1, 'int32'), n) as tf.Tensor2D;"]],
  },
  {
    id: 'softmax-ce-arguments-swapped',
    base: 'alt-onehot',
    hint: {
      en: 'tf.losses.softmaxCrossEntropy: which argument is the labels?',
      zh: 'tf.losses.softmaxCrossEntropy：哪个参数是标签？',
    },
    why: {
      en: "Calls tf.losses.softmaxCrossEntropy(logits, labels), PyTorch's F.cross_entropy(input, target) order, but tfjs (like tf.keras) takes (onehotLabels, logits): the logits become the target weights of a softmax over the identity matrix, a number unrelated to the loss.",
      zh: '写成了 tf.losses.softmaxCrossEntropy(logits, labels)，这是 PyTorch F.cross_entropy(input, target) 的顺序，但 tfjs（和 tf.keras 一样）的参数是 (onehotLabels, logits)：logits 变成了对单位矩阵做 softmax 的目标权重，结果与损失毫无关系。',
    },
    edits: [
      [
        '    const imageLoss = tf.losses.softmaxCrossEntropy(labels, logitsPerImage);\n    const textLoss = tf.losses.softmaxCrossEntropy(labels, logitsPerText);',
        '    const imageLoss = tf.losses.softmaxCrossEntropy(logitsPerImage, labels);\n    const textLoss = tf.losses.softmaxCrossEntropy(logitsPerText, labels);',
      ],
    ],
  },
]);
