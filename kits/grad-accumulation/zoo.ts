import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'counts-masked-tokens',
    hint: {
      en: 'Pad a micro-batch with masked tokens: does the loss change?',
      zh: '给某个微批次补上几个被遮蔽的 token：损失会变吗？',
    },
    why: {
      en: 'Counts every row (x.length) as a token for num_items_in_batch, as if padding were data: masked tokens add nothing to the sum but still dilute the mean. θ=[1] with mb1 plus one masked row gives 14/4 instead of 14/3.',
      zh: '把每一行（x.length）都算进 num_items_in_batch，仿佛填充也是数据：被遮蔽的 token 对损失之和没有贡献，却仍然摊薄了均值。θ=[1] 的例子中给 mb1 加一行被遮蔽的 token，得到 14/4 而不是 14/3。',
    },
    edits: [
      [
        'const total = mbs.reduce((s, mb) => s + validCount(mb), 0); // known before any backward',
        'const total = mbs.reduce((s, mb) => s + mb.x.length, 0);',
      ],
    ],
  },
  {
    id: 'divide-by-micro-batches',
    hint: {
      en: 'Which count divides the summed loss in the correct mode?',
      zh: '正确的模式里，损失之和除以的是哪个计数？',
    },
    why: {
      en: 'Divides the summed loss by the number of micro-batches (the "examples" a per-example mean would count) instead of the number of valid tokens: θ=[1], counts 2 and 1 gives 14/2 = 7 instead of 14/3.',
      zh: '把损失之和除以微批次的个数（按样本求均值时数的“样本”），而不是有效 token 数：θ=[1]、token 数 2 和 1 时得到 14/2 = 7，而不是 14/3。',
    },
    edits: [
      [
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / mbs.length, acc);',
      ],
    ],
  },
  {
    id: 'empty-mbs-returns-zero',
    hint: { en: 'Call it with no micro-batches at all.', zh: '一个微批次都不传，调用看看。' },
    why: {
      en: 'Returns loss 0 and zero gradients for an empty list of micro-batches, because it looks like "no valid tokens"; but an empty accumulation is a caller bug, and the contract asks for a RangeError.',
      zh: '微批次列表为空时返回 loss 0 和全 0 梯度，因为它看起来像“没有有效 token”；但空的累积是调用方的错误，契约要求抛出 RangeError。',
    },
    edits: [
      ["  if (mbs.length === 0) throw new RangeError('mbs must hold at least one micro-batch, got none');\n", ''],
    ],
  },
  {
    id: 'floor-segments',
    hint: {
      en: 'Try a layer count that the segment length does not divide.',
      zh: '试试层数不能被段长整除的情况。',
    },
    why: {
      en: 'Counts checkpoints as floor(L/k) instead of ceil(L/k), forgetting the last, shorter segment: checkpointMemory(10, 3) gives 6, not 7.',
      zh: '把检查点个数算成 floor(L/k) 而不是 ceil(L/k)，漏掉了最后那段较短的段：checkpointMemory(10, 3) 得到 6 而不是 7。',
    },
    edits: [['  return Math.ceil(layers / segment) + segment;', '  return Math.floor(layers / segment) + segment;']],
  },
  {
    id: 'fractional-segment-accepted',
    hint: { en: 'Try segment = 2.5.', zh: '试试 segment = 2.5。' },
    why: {
      en: 'Checks only value >= 1, so a fractional segment such as 2.5 (or layers = 2.5) returns a number instead of throwing RangeError: a segment is a count of layers.',
      zh: '只检查 value >= 1，于是 2.5 这样的小数段长（或 layers = 2.5）返回了一个数，而不是抛出 RangeError：段长是层的个数。',
    },
    edits: [
      [
        '  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);',
        '  if (!(value >= 1)) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);',
      ],
    ],
  },
  {
    id: 'gradient-missing-two',
    hint: {
      en: 'Compare the gradient with a finite difference of the loss.',
      zh: '用损失的有限差分核对一下梯度。',
    },
    why: {
      en: 'Differentiates (x·θ − y)² as (x·θ − y)·x, dropping the factor 2 of the square: the loss is right, every gradient is half of what it should be (θ=[1] example: 14/3 instead of 28/3).',
      zh: '把 (x·θ − y)² 的导数写成 (x·θ − y)·x，丢了平方带来的因子 2：损失正确，但每个梯度都只有应有值的一半（θ=[1] 的例子得到 14/3 而不是 28/3）。',
    },
    edits: [
      [
        '      acc.grad[j] = (acc.grad[j] as number) + scale * 2 * m * r * v;',
        '      acc.grad[j] = (acc.grad[j] as number) + scale * m * r * v;',
      ],
    ],
  },
  {
    id: 'largest-minimising-segment',
    hint: {
      en: 'Find an L where two segment lengths give the same memory.',
      zh: '找一个有两个段长给出相同显存的 L。',
    },
    why: {
      en: 'Keeps the last minimiser (<= instead of <), so ties go to the largest k: L = 32 answers k = 6, not 4, although the prompt asks for the smallest.',
      zh: '保留最后一个最小值点（用了 <= 而不是 <），于是并列时取了最大的 k：L = 32 得到 k = 6 而不是 4，而题目要求取最小的。',
    },
    edits: [['    if (m < memory) {', '    if (m <= memory) {']],
  },
  {
    id: 'mask-only-in-denominator',
    hint: {
      en: 'Give a masked token a large error: does the loss move?',
      zh: '让一个被遮蔽的 token 误差很大：损失会变吗？',
    },
    why: {
      en: 'Counts the mask in the denominator but forgets to multiply each token loss (and gradient) by it, so masked padding still contributes to the sum.',
      zh: '分母里计入了掩码，却忘了用掩码乘每个 token 的损失（和梯度），于是被遮蔽的填充仍然计入了和。',
    },
    edits: [
      ['    acc.loss += scale * m * r * r;', '    acc.loss += scale * r * r;'],
      [
        '      acc.grad[j] = (acc.grad[j] as number) + scale * 2 * m * r * v;',
        '      acc.grad[j] = (acc.grad[j] as number) + scale * 2 * r * v;',
      ],
    ],
  },
  {
    id: 'mean-of-means',
    hint: {
      en: "Split the same tokens into micro-batches of different sizes: does 'global-token-mean' change?",
      zh: "把同样的 token 切成大小不同的微批次：'global-token-mean' 的结果会变吗？",
    },
    why: {
      en: "The pre-fix Trainer behaviour in the 'global-token-mean' branch: each micro-batch is averaged over its own tokens and then divided by the number of accumulation steps, so a 1-token micro-batch weighs as much as a long one (θ=[1], counts 2 and 1: 5.75, not 14/3).",
      zh: "在 'global-token-mean' 分支里沿用了修复前 Trainer 的做法：每个微批次先对自己的 token 求均值，再除以累积步数，于是只有 1 个 token 的微批次与很长的微批次权重相同（θ=[1]、token 数 2 和 1：得到 5.75 而不是 14/3）。",
    },
    edits: [
      [
        '    const total = mbs.reduce((s, mb) => s + validCount(mb), 0); // known before any backward\n    if (total === 0) return acc;\n    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) {\n      const count = validCount(mb);\n      if (count > 0) addScaledSum(theta, mb, 1 / (count * mbs.length), acc);\n    }',
      ],
    ],
  },
  {
    id: 'nan-when-no-valid-token',
    hint: { en: 'Mask every token.', zh: '把所有 token 都遮蔽掉。' },
    why: {
      en: 'No guard for a zero token count: when every token is masked the scale is 1/0 = Infinity and 0·Infinity is NaN, where the contract asks for loss 0 and a gradient of zeros.',
      zh: '没有处理有效 token 数为 0 的情况：所有 token 都被遮蔽时缩放因子是 1/0 = Infinity，而 0·Infinity 是 NaN；契约要求的是 loss 0 和全 0 梯度。',
    },
    edits: [['    if (total === 0) return acc;\n', '']],
  },
  {
    id: 'negative-mask-accepted',
    hint: { en: 'Try a mask weight of -1.', zh: '试试掩码权重为 -1。' },
    why: {
      en: 'Checks that each mask entry is a finite number but not its sign, so a negative weight silently subtracts a token from the loss and from num_items_in_batch instead of throwing RangeError.',
      zh: '只检查了掩码是有限数，没检查符号，于是负的权重悄悄地从损失和 num_items_in_batch 里减去了一个 token，而不是抛出 RangeError。',
    },
    edits: [['      if (m < 0) throw new RangeError(`mbs[${b}].mask[${i}] must be >= 0, got ${m}`);\n', '']],
  },
  {
    id: 'normalised-twice',
    hint: {
      en: 'Compare accumulate over several micro-batches with the full batch.',
      zh: '把多个微批次上的 accumulate 与全批次比较一下。',
    },
    why: {
      en: 'Divides by num_items_in_batch AND by the number of accumulation steps (the loss scaling a training loop applies on top of a loss that is already a global mean), so the result is 1/M too small.',
      zh: '既除以 num_items_in_batch，又除以累积步数（训练循环在已经是全局均值的损失上又做了一次缩放），结果小了 M 倍。',
    },
    edits: [
      [
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / (total * mbs.length), acc);',
      ],
    ],
  },
  {
    id: 'per-micro-batch-denominator',
    hint: {
      en: 'Add a second micro-batch with the same tokens: should the loss double?',
      zh: '再加一个 token 完全相同的微批次：损失应该翻倍吗？',
    },
    why: {
      en: 'Divides each micro-batch by its own valid-token count and adds the results, forgetting to reweight the per-batch means by count/total: the loss grows with the number of micro-batches (θ=[1]: 2.5 + 9 = 11.5).',
      zh: '每个微批次除以自己的有效 token 数后直接相加，忘了按 count/total 重新加权：损失随微批次个数增长（θ=[1]：2.5 + 9 = 11.5）。',
    },
    edits: [
      [
        '    const total = mbs.reduce((s, mb) => s + validCount(mb), 0); // known before any backward\n    if (total === 0) return acc;\n    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) {\n      const count = validCount(mb);\n      if (count > 0) addScaledSum(theta, mb, 1 / count, acc);\n    }',
      ],
    ],
  },
  {
    id: 'round-sqrt-segment',
    hint: {
      en: 'The memory is right; check which segment it picks for L = 32.',
      zh: '显存是对的；看看 L = 32 时它选了哪个段长。',
    },
    why: {
      en: 'Takes k = round(√L) without looking at the other candidates: the memory is often minimal, but L = 32 answers k = 6 instead of the smallest minimiser 4 (and round(√L) is not always a minimiser at all).',
      zh: '直接取 k = round(√L)，不看其他候选：显存常常是最小的，但 L = 32 得到 k = 6，而不是最小的最优段长 4（而且 round(√L) 也不总是最优）。',
    },
    edits: [
      [
        '  let segment = 1;\n  let memory = checkpointMemory(layers, 1);\n  for (let k = 2; k <= layers; k++) {\n    const m = checkpointMemory(layers, k);\n    if (m < memory) {\n      segment = k;\n      memory = m;\n    }\n  }\n  return { segment, memory, extraForwards: 1 };',
        '  const segment = Math.max(1, Math.round(Math.sqrt(layers)));\n  return { segment, memory: checkpointMemory(layers, segment), extraForwards: 1 };',
      ],
    ],
  },
  {
    id: 'mode-typo-falls-through',
    hint: { en: "Pass the mode 'mean_of_means' (underscores).", zh: "把 mode 写成 'mean_of_means'（下划线）试试。" },
    why: {
      en: "Tests only for 'global-token-mean' and treats every other value as 'mean-of-means', so a typo such as 'global_token_mean' silently runs the old, wrong accumulation instead of throwing RangeError.",
      zh: "只判断是否为 'global-token-mean'，其他任何值都当作 'mean-of-means'，于是 'global_token_mean' 这样的笔误会悄悄地运行旧的错误累积方式，而不是抛出 RangeError。",
    },
    edits: [
      [
        "  if (mode !== 'global-token-mean' && mode !== 'mean-of-means') {\n    throw new RangeError(`mode must be 'global-token-mean' or 'mean-of-means', got ${String(mode)}`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'mask-infinity-accepted',
    hint: { en: 'Try a mask weight of Infinity, and one of "1".', zh: '试试掩码权重为 Infinity，以及 "1"。' },
    why: {
      en: "Checks the mask with !(m >= 0), which rejects NaN and negatives but lets Infinity through (the loss becomes NaN) and coerces the string '1' to 1, where the contract asks for a RangeError and a TypeError.",
      zh: "用 !(m >= 0) 检查掩码：它能拒绝 NaN 和负数，却放过了 Infinity（损失变成 NaN），还把字符串 '1' 隐式转换成 1；契约要求的是 RangeError 和 TypeError。",
    },
    edits: [['      checkFinite(m, `mbs[${b}].mask[${i}]`);\n      if (m < 0) throw', '      if (!(m >= 0)) throw']],
  },
  {
    id: 'no-finite-check',
    hint: { en: 'Put a NaN into θ, or an Infinity into x.', zh: '往 θ 里放一个 NaN，或往 x 里放一个 Infinity。' },
    why: {
      en: 'Checks that every entry is a number but not that it is finite: typeof NaN is "number", so a NaN in θ, x, y or mask flows into a NaN loss instead of throwing RangeError.',
      zh: '只检查了每个元素是 number，没检查是否有限：typeof NaN 也是 "number"，于是 θ、x、y 或 mask 中的 NaN 一路传成 NaN 损失，而不是抛出 RangeError。',
    },
    edits: [['  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);\n', '']],
  },
  {
    id: 'global-isfinite-coerces',
    hint: { en: "Try a feature given as the string '2'.", zh: "试试把某个特征写成字符串 '2'。" },
    why: {
      en: "Uses the global isFinite, which converts its argument first: isFinite('2') and isFinite(null) are true, so strings and nulls are accepted and multiplied as numbers, a silent answer where the contract asks for a TypeError.",
      zh: "用了全局的 isFinite，它会先转换参数：isFinite('2') 和 isFinite(null) 都为 true，于是字符串和 null 被当作数字参与乘法，给出无声的答案，而契约要求抛出 TypeError。",
    },
    edits: [
      [
        "  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);\n  if (!Number.isFinite(value)) throw",
        '  if (!isFinite(value as number)) throw',
      ],
    ],
  },
  {
    id: 'range-error-for-wrong-type',
    hint: { en: "Which error does x = [['1']] raise?", zh: "x = [['1']] 抛出的是哪种错误？" },
    why: {
      en: "Checks every entry with Number.isFinite alone: that does reject '1' and null, but with a RangeError, where the contract reserves RangeError for bad numbers and asks for a TypeError when the value is not a number at all.",
      zh: "只用 Number.isFinite 检查每个元素：'1' 和 null 确实会被拒绝，但抛出的是 RangeError；契约中 RangeError 留给不合法的数，值根本不是数时要求抛出 TypeError。",
    },
    edits: [
      [
        "  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);\n  if (!Number.isFinite(value))",
        '  if (!Number.isFinite(value))',
      ],
    ],
  },
  {
    id: 'recount-per-micro-batch',
    hint: {
      en: 'Right answers: count the work for thousands of small micro-batches.',
      zh: '答案都对：数一数几千个小微批次时它做了多少工作。',
    },
    why: {
      en: 'Recounts num_items_in_batch over every micro-batch inside the loop over micro-batches: O(M·T) work, about 4·10^7 steps for 2·10^4 tokens in 2000 micro-batches, where counting once before the loop is O(T).',
      zh: '在遍历微批次的循环里，每次都重新遍历所有微批次统计 num_items_in_batch：工作量 O(M·T)，2000 个微批次共 2·10^4 个 token 时约 4·10^7 步，而在循环前统计一次只要 O(T)。',
    },
    edits: [
      [
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / mbs.reduce((s, other) => s + validCount(other), 0), acc);',
      ],
    ],
  },
  {
    id: 'layers-not-checked',
    hint: {
      en: 'Try checkpointMemory(0, 2) and checkpointMemory(2.5, 2).',
      zh: '试试 checkpointMemory(0, 2) 和 checkpointMemory(2.5, 2)。',
    },
    why: {
      en: 'checkpointMemory validates segment but not layers, so 0 or 2.5 layers gives a number (ceil(0/2) + 2 = 2) instead of a RangeError; bestCheckpointSegment checks, so the two functions disagree about the same input.',
      zh: 'checkpointMemory 只校验了 segment 而没校验 layers，于是 0 层或 2.5 层也返回一个数（ceil(0/2) + 2 = 2），而不是 RangeError；bestCheckpointSegment 却会检查，两个函数对同一个输入的态度不一致。',
    },
    edits: [
      [
        "  checkPositiveInteger('layers', layers);\n  checkPositiveInteger('segment', segment);",
        "  checkPositiveInteger('segment', segment);",
      ],
    ],
  },
  {
    id: 'mask-counted-as-flag',
    hint: {
      en: 'Give a token the mask weight 2: does it count twice in the denominator?',
      zh: '给某个 token 的掩码权重设为 2：它在分母里算了两次吗？',
    },
    why: {
      en: 'Counts num_items_in_batch as the number of tokens with mask > 0, the way a 0/1 attention mask is counted, while the numerator is weighted by the mask: with masks [0.5, 2] and [1] the loss is 17.5/3 instead of 17.5/3.5 = 5. With 0/1 masks the two agree.',
      zh: '把 num_items_in_batch 算成 mask > 0 的 token 个数（像数 0/1 注意力掩码那样），而分子却按掩码加权：掩码为 [0.5, 2] 和 [1] 时损失是 17.5/3，而不是 17.5/3.5 = 5。掩码只有 0/1 时两者一致。',
    },
    edits: [
      [
        'const validCount = (mb: MicroBatch): number => mb.mask.reduce((s, m) => s + m, 0);',
        'const validCount = (mb: MicroBatch): number => mb.mask.reduce((s, m) => s + (m > 0 ? 1 : 0), 0);',
      ],
    ],
  },
  {
    id: 'segment-longer-than-layers-rejected',
    hint: { en: 'Try checkpointMemory(5, 10).', zh: '试试 checkpointMemory(5, 10)。' },
    why: {
      en: 'Rejects a segment longer than the network with a RangeError, but the prompt allows it: one short segment, ceil(5/10) + 10 = 11 units. Only a segment that is not an integer >= 1 is an error.',
      zh: '段长超过网络层数时抛出 RangeError，但题目允许这种情况：只有一段较短的段，ceil(5/10) + 10 = 11 个单位。只有不是 >= 1 的整数的段长才是错误。',
    },
    edits: [
      [
        "  checkPositiveInteger('segment', segment);\n  return",
        "  checkPositiveInteger('segment', segment);\n  if (segment > layers) throw new RangeError(`segment ${segment} is longer than the ${layers} layers`);\n  return",
      ],
    ],
  },
  {
    id: 'sqrt-scan-exclusive-bound',
    base: 'alt-per-batch-sums',
    hint: { en: 'Try a perfect square: L = 16.', zh: '试试完全平方数：L = 16。' },
    why: {
      en: 'Scans k = 2 … ceil(√L) with k < last instead of k <= last: for a perfect square L = n² the best segment is exactly n and is never tried, so L = 16 answers k = 3 with 9 units instead of k = 4 with 8.',
      zh: '扫描 k = 2 … ceil(√L) 时写成了 k < last 而不是 k <= last：对完全平方数 L = n²，最优段长恰好是 n，却从未被尝试，于是 L = 16 得到 k = 3、9 个单位，而不是 k = 4、8 个单位。',
    },
    edits: [['  for (let k = 2; k <= last; k++) {', '  for (let k = 2; k < last; k++) {']],
  },
  {
    id: 'theta-not-checked',
    base: 'alt-per-batch-sums',
    hint: { en: 'Validate the data, and then θ: try θ = [NaN].', zh: '数据校验了，那 θ 呢？试试 θ = [NaN]。' },
    why: {
      en: 'Checks every field of the micro-batches but trusts θ: θ = [NaN] gives a NaN loss and θ = ["1"] is coerced, where the contract asks for a RangeError and a TypeError. The parameters are an input like any other.',
      zh: '微批次的每个字段都校验了，却信任 θ：θ = [NaN] 得到 NaN 损失，θ = ["1"] 被隐式转换，而契约要求抛出 RangeError 和 TypeError。参数也是输入，和其他输入一样要检查。',
    },
    edits: [['  for (let j = 0; j < t.length; j++) number(t[j], `theta[${j}]`);\n', '']],
  },
]);
