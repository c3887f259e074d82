import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'affine-before-normalise',
    hint: {
      en: 'Try gamma [1, 2, 0.5, -1] and beta [0, 1, 0, 2] on [1, 2, 3, 4]: in which order are the affine map and the normalisation applied?',
      zh: '在 [1, 2, 3, 4] 上试试 gamma [1, 2, 0.5, -1]、beta [0, 1, 0, 2]：仿射变换和归一化的先后顺序是什么？',
    },
    why: {
      en: "LayerNorm applies gamma and beta to x before normalising (y = norm(x·γ + β)), so the row's statistics absorb them and γ, β are mostly undone; the affine map comes after the normalisation. The README's second example gives [-1.341635, 0.105576, 0.223606, 0.658365]; this gives a row of mean 0 and variance about 1 instead.",
      zh: 'LayerNorm 在归一化之前就乘 gamma、加 beta（y = norm(x·γ + β)），行统计量把它们“吸收”了，γ、β 的作用基本被抵消；仿射变换应当在归一化之后。README 的第二个示例应得到 [-1.341635, 0.105576, 0.223606, 0.658365]，这里却得到均值为 0、方差约为 1 的一行。',
    },
    edits: [
      [
        '    const { mean, variance } = tf.moments(x, -1, true);\n    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));\n    return tf.add(tf.mul(normalised, gamma), beta);',
        '    const affine = tf.add(tf.mul(x, gamma), beta);\n    const { mean, variance } = tf.moments(affine, -1, true);\n    return tf.mul(tf.sub(affine, mean), tf.rsqrt(tf.add(variance, eps)));',
      ],
    ],
  },
  {
    id: 'eps-outside-sqrt',
    base: 'alt-explicit-moments',
    hint: {
      en: 'Try layerNorm([[1e-3, -1e-3]]): where does eps sit relative to the square root?',
      zh: '试试 layerNorm([[1e-3, -1e-3]])：eps 相对平方根放在哪里？',
    },
    why: {
      en: 'LayerNorm divides by sqrt(var) + eps instead of sqrt(var + eps), as some from-scratch tutorials do; PyTorch puts eps inside. It only shows when the variance is comparable with eps: [[1e-3, -1e-3]] gives ±0.990099 instead of ±0.301511.',
      zh: 'LayerNorm 除以 sqrt(var) + eps 而不是 sqrt(var + eps)，一些从零实现的教程这么写；PyTorch 把 eps 放在根号里面。只有方差与 eps 相当时才看得出来：[[1e-3, -1e-3]] 得到 ±0.990099 而不是 ±0.301511。',
    },
    edits: [
      [
        '    const normalised = tf.div(centred, tf.sqrt(tf.add(variance, eps)));\n    return tf.add(tf.mul(normalised, gamma), beta);',
        '    const normalised = tf.div(centred, tf.add(tf.sqrt(variance), eps));\n    return tf.add(tf.mul(normalised, gamma), beta);',
      ],
    ],
  },
  {
    id: 'rms-eps-outside-sqrt',
    base: 'alt-explicit-moments',
    hint: {
      en: 'Try rmsNorm([[1e-3, -1e-3]]) with the default eps: is the result ±0.707107?',
      zh: '用默认 eps 试试 rmsNorm([[1e-3, -1e-3]])：结果是 ±0.707107 吗？',
    },
    why: {
      en: "RMSNorm divides by sqrt(mean(x²)) + eps instead of sqrt(mean(x²) + eps); Meta's llama computes x·rsqrt(mean(x²) + eps). Rows of order 1 hide it, but [[1e-3, -1e-3]] gives ±0.999001 instead of ±0.707107.",
      zh: 'RMSNorm 除以 sqrt(mean(x²)) + eps 而不是 sqrt(mean(x²) + eps)；Meta 的 llama 算的是 x·rsqrt(mean(x²) + eps)。数量级为 1 的行看不出来，但 [[1e-3, -1e-3]] 得到 ±0.999001 而不是 ±0.707107。',
    },
    edits: [
      [
        '    const rms = tf.sqrt(tf.add(tf.mean(tf.square(x), -1, true), eps));',
        '    const rms = tf.add(tf.sqrt(tf.mean(tf.square(x), -1, true)), eps);',
      ],
    ],
  },
  {
    id: 'layer-norm-over-batch',
    base: 'alt-explicit-moments',
    hint: {
      en: 'Give layerNorm an x of shape [4, 3] whose rows have very different scales: is each row normalised on its own?',
      zh: '给 layerNorm 一个 [4, 3] 的 x，各行的尺度相差很大：每一行是各自归一化的吗？',
    },
    why: {
      en: "LayerNorm reduces over the batch axis (axis 0, BatchNorm's axis) instead of each row's features on the last axis. The two are easy to mix up, a 1-D x hides it (axis 0 is the last axis there), and a square input hides the shape difference.",
      zh: 'LayerNorm 在 batch 维（第 0 维，BatchNorm 的维度）上归约，而不是对每行在最后一维的特征上归约。两者很容易搞混，1 维的 x 看不出来（此时第 0 维就是最后一维），方阵输入也掩盖了形状上的差别。',
    },
    edits: [
      [
        '    const centred = tf.sub(x, tf.mean(x, -1, true));\n    const variance = tf.mean(tf.square(centred), -1, true); // biased: ÷ D',
        '    const centred = tf.sub(x, tf.mean(x, 0, true));\n    const variance = tf.mean(tf.square(centred), 0, true); // biased: ÷ D',
      ],
    ],
  },
  {
    id: 'unbiased-variance',
    base: 'alt-explicit-moments',
    hint: {
      en: 'Compute layerNorm([1, 2, 3, 4]) by hand with both variances, ÷ 4 and ÷ 3: which one does it match?',
      zh: '分别用 ÷ 4 和 ÷ 3 两种方差手算 layerNorm([1, 2, 3, 4])：它和哪个一致？',
    },
    why: {
      en: "LayerNorm divides the squared deviations by D − 1 (the unbiased sample variance, numpy's ddof=1 and torch.var's default), but LayerNorm normalises with the biased variance (÷ D): [1, 2, 3, 4] gives ±1.161892, ±0.387297 instead of ±1.341635, ±0.447212, and a row of one feature divides 0 by 0.",
      zh: 'LayerNorm 把离差平方和除以 D − 1（无偏的样本方差，即 numpy 的 ddof=1、torch.var 的默认值），但 LayerNorm 用的是有偏方差（÷ D）：[1, 2, 3, 4] 得到 ±1.161892、±0.387297 而不是 ±1.341635、±0.447212，只有一个特征的行还会出现 0/0。',
    },
    edits: [
      [
        '    const variance = tf.mean(tf.square(centred), -1, true); // biased: ÷ D',
        '    const variance = tf.div(tf.sum(tf.square(centred), -1, true), d - 1); // sample variance: ÷ (D − 1)',
      ],
    ],
  },
  {
    id: 'rms-subtracts-mean',
    hint: {
      en: 'Add the same constant to every element of a row: should rmsNorm change?',
      zh: '给某一行的每个元素加上同一个常数：rmsNorm 的结果应该变化吗？',
    },
    why: {
      en: 'RMSNorm written as LayerNorm without beta: it subtracts the row mean first. RMSNorm only rescales by the root mean square, so it is not shift invariant: [1, 2, 3, 4] should give [0.365148, 0.730297, 1.095445, 1.460593].',
      zh: '把 RMSNorm 写成了不带 beta 的 LayerNorm：先减去了行均值。RMSNorm 只按均方根缩放，所以对平移不具有不变性：[1, 2, 3, 4] 应得到 [0.365148, 0.730297, 1.095445, 1.460593]。',
    },
    edits: [
      [
        '    const meanSquare = tf.mean(tf.square(x), -1, true);\n    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps))), gamma);',
        '    const centred = tf.sub(x, tf.mean(x, -1, true));\n    const meanSquare = tf.mean(tf.square(centred), -1, true);\n    return tf.mul(tf.mul(centred, tf.rsqrt(tf.add(meanSquare, eps))), gamma);',
      ],
    ],
  },
  {
    id: 'rms-meta-eps',
    hint: {
      en: 'Call rmsNorm([[1e-3, -1e-3]], ones) without eps: which default is it using?',
      zh: '不传 eps 调用 rmsNorm([[1e-3, -1e-3]], ones)：它用的是哪个默认值？',
    },
    why: {
      en: "Copies Meta llama's norm_eps = 1e-5 as the RMSNorm default; this kata pins 1e-6 (as the decoder-block-forward kata and HF's LlamaRMSNorm do). It matters when the mean square is small: [[1e-3, -1e-3]] gives ±0.301511 instead of ±0.707107.",
      zh: '把 Meta llama 的 norm_eps = 1e-5 当成了 RMSNorm 的默认值；本题固定为 1e-6（与 decoder-block-forward 和 HF 的 LlamaRMSNorm 相同）。均方值很小时差别明显：[[1e-3, -1e-3]] 得到 ±0.301511 而不是 ±0.707107。',
    },
    edits: [
      [
        'export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor1D, eps = 1e-6): tf.Tensor {',
        'export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor1D, eps = 1e-5): tf.Tensor {',
      ],
    ],
  },
  {
    id: 'bn-axis-0-only',
    hint: {
      en: 'Try a channels-last [N, L, C] batch with L ≥ 2: over which axes are the statistics of a channel taken?',
      zh: '试试通道在最后的 [N, L, C] batch，且 L ≥ 2：一个通道的统计量是在哪些维上算的？',
    },
    why: {
      en: "BatchNorm reduces over axis 0 only, as for [N, C], so for a channels-last [N, L, C] batch every position l gets its own statistics instead of sharing them over N and L; averaging those per-position statistics afterwards fixes the running mean but not y, and the running variance misses the spread between positions. PyTorch's BatchNorm1d on [N, C, L] reduces over N and L.",
      zh: 'BatchNorm 只在第 0 维上归约（像处理 [N, C] 那样），于是对通道在最后的 [N, L, C]，每个位置 l 各有一套统计量，而不是在 N 和 L 上共享；事后再对这些逐位置的统计量取平均，running mean 对了，y 却不对，running var 也漏掉了位置之间的差异。PyTorch 的 BatchNorm1d 对 [N, C, L] 是在 N 和 L 上归约的。',
    },
    edits: [
      [
        '    const { mean, variance } = tf.moments(x, axes); // [C] each, variance biased\n    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));',
        '    const { mean: m0, variance: v0 } = tf.moments(x, 0);\n    const mean = tf.mean(tf.reshape(m0, [-1, c]), 0);\n    const variance = tf.mean(tf.reshape(v0, [-1, c]), 0);\n    const normalised = tf.mul(tf.sub(x, m0), tf.rsqrt(tf.add(v0, eps)));',
      ],
    ],
  },
  {
    id: 'bn-forward-unbiased',
    hint: {
      en: 'Check y of the README batch [[1, 2], [3, 6], [5, 1]] by hand: which variance normalises it?',
      zh: '手算 README 中 batch [[1, 2], [3, 6], [5, 1]] 的 y：用哪个方差来归一化？',
    },
    why: {
      en: 'Normalises y with the unbiased variance (÷ (n − 1)), the one the running variance stores; the forward pass of training-mode BatchNorm uses the biased one (÷ n), as PyTorch does. For the README batch, y of channel 0 is ±1 instead of ±1.224743.',
      zh: '用无偏方差（÷ (n − 1)）归一化 y，也就是 running var 存的那个；训练模式 BatchNorm 的前向用的是有偏方差（÷ n），PyTorch 也是如此。对 README 的 batch，通道 0 的 y 得到 ±1 而不是 ±1.224743。',
    },
    edits: [
      [
        '    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));\n    const y = tf.add(tf.mul(normalised, gamma), beta);\n    const unbiased = tf.mul(variance, n / (n - 1));',
        '    const unbiased = tf.mul(variance, n / (n - 1));\n    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(unbiased, eps)));\n    const y = tf.add(tf.mul(normalised, gamma), beta);',
      ],
    ],
  },
  {
    id: 'running-var-biased',
    hint: {
      en: 'From runningVar [1, 1] and momentum 0.1, what should the README batch give: [1.3, 1.6] or something smaller?',
      zh: '从 runningVar [1, 1]、momentum 0.1 出发，README 的 batch 应当得到 [1.3, 1.6]，还是更小的值？',
    },
    why: {
      en: 'Stores the biased batch variance (the one the forward pass used) in the running variance; PyTorch stores the unbiased estimate var·n/(n − 1), since the running variance estimates the population variance for inference. The README batch gives [1.166667, 1.366667] instead of [1.3, 1.6].',
      zh: '把有偏的 batch 方差（前向用的那个）存进了 running var；PyTorch 存的是无偏估计 var·n/(n − 1)，因为 running var 要在推理时估计总体方差。README 的 batch 得到 [1.166667, 1.366667] 而不是 [1.3, 1.6]。',
    },
    edits: [['    const unbiased = tf.mul(variance, n / (n - 1));', '    const unbiased = variance;']],
  },
  {
    id: 'momentum-complement',
    base: 'alt-explicit-moments',
    hint: {
      en: 'From runningMean 0 with the default momentum, should one batch of mean 3 move the running mean to 0.3 or to 2.7?',
      zh: '从 runningMean 为 0、默认 momentum 出发，一个均值为 3 的 batch 应当把 running mean 变成 0.3 还是 2.7？',
    },
    why: {
      en: "Uses the Keras/Paddle convention running = momentum·running + (1 − momentum)·batch with PyTorch's default 0.1, so the running statistics keep only 10% of their history: the README batch gives runningMean [2.7, 2.7] instead of [0.3, 0.3].",
      zh: '用了 Keras/Paddle 的约定 running = momentum·running + (1 − momentum)·batch，却配上 PyTorch 的默认值 0.1，于是 running 统计量只保留了 10% 的历史：README 的 batch 得到 runningMean [2.7, 2.7] 而不是 [0.3, 0.3]。',
    },
    edits: [
      [
        '    const runningMean = tf.add(state.runningMean, tf.mul(tf.sub(mean, state.runningMean), momentum));\n    const runningVar = tf.add(state.runningVar, tf.mul(tf.sub(unbiased, state.runningVar), momentum));',
        '    const runningMean = tf.add(mean, tf.mul(tf.sub(state.runningMean, mean), momentum));\n    const runningVar = tf.add(unbiased, tf.mul(tf.sub(state.runningVar, unbiased), momentum));',
      ],
    ],
  },
  {
    id: 'returns-state-at-momentum-0',
    hint: {
      en: 'With momentum 0, are the running tensors it returns new ones, or the very tensors of state?',
      zh: 'momentum 为 0 时，它返回的 running 张量是新的，还是 state 里的那两个张量本身？',
    },
    why: {
      en: 'Short-cuts momentum 0 ("nothing changes") by returning state.runningMean and state.runningVar themselves. The caller owns both results and the state, and disposing the results (as a training loop does with the previous step) then destroys the state.',
      zh: '对 momentum 0 走了捷径（“反正不变”），直接返回 state.runningMean 和 state.runningVar 本身。调用者同时持有返回值和 state，释放返回值（训练循环对上一步的结果就是这样做的）就把 state 也毁掉了。',
    },
    edits: [
      [
        '    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };',
        '    if (momentum === 0) return { y, runningMean: oldMean, runningVar: oldVar }; // nothing to update\n    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };',
      ],
    ],
  },
  {
    id: 'disposes-running-state',
    hint: {
      en: 'After one call, is state.runningMean still usable?',
      zh: '调用一次之后，state.runningMean 还能用吗？',
    },
    why: {
      en: '"Updates" the running statistics in place by disposing the old state tensors after computing the new ones; the caller owns them (a module\'s buffers, a checkpoint) and they must stay usable. The leak count even looks right: two new, two gone.',
      zh: '算出新的 running 统计量后把旧的 state 张量释放掉，想“就地更新”；可这些张量归调用者所有（模块的 buffer、checkpoint），必须保持可用。张量计数甚至看起来没问题：新增两个、少了两个。',
    },
    edits: [
      ['  return tf.tidy(() => {\n    const axes', '  const result = tf.tidy(() => {\n    const axes'],
      [
        '    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };\n  });',
        '    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };\n  });\n  tf.dispose([oldMean, oldVar]);\n  return result;',
      ],
    ],
  },
  {
    id: 'leaks-intermediates',
    hint: {
      en: 'Count tf.memory().numTensors around one batchNormTrain call: how many more than the three it returns?',
      zh: '统计一次 batchNormTrain 调用前后的 tf.memory().numTensors：比它返回的三个多了多少？',
    },
    why: {
      en: 'BatchNorm without tf.tidy: the mean, variance, centred and scaled intermediates stay allocated on every training step, a leak that grows with each batch. LayerNorm and RMSNorm are wrapped, so only the BatchNorm tests see it.',
      zh: 'BatchNorm 没有用 tf.tidy：均值、方差、中心化和缩放的中间张量在每个训练步都留在内存里，泄漏随 batch 数增长。LayerNorm 和 RMSNorm 都包了 tidy，所以只有 BatchNorm 的测试能看到。',
    },
    edits: [
      ['  return tf.tidy(() => {\n    const axes', '  {\n    const axes'],
      [
        '    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };\n  });',
        '    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };\n  }',
      ],
    ],
  },
  {
    id: 'no-batch-size-check',
    hint: {
      en: 'Call batchNormTrain on x of shape [1, 3]: what is n − 1?',
      zh: '用形状为 [1, 3] 的 x 调用 batchNormTrain：n − 1 等于多少？',
    },
    why: {
      en: "Does not reject a batch with one element per channel: the unbiased variance then divides by n − 1 = 0 and the running variance silently becomes NaN or Infinity (PyTorch raises 'Expected more than 1 value per channel when training').",
      zh: "没有拒绝每个通道只有一个元素的 batch：无偏方差除以 n − 1 = 0，running var 静默地变成 NaN 或 Infinity（PyTorch 会报 'Expected more than 1 value per channel when training'）。",
    },
    edits: [
      [
        '  if (n < 2) throw new RangeError(`x needs at least 2 elements per channel (n − 1 > 0), got shape [${x.shape}]`);\n',
        '',
      ],
    ],
  },
  {
    id: 'eps-zero-allowed',
    hint: {
      en: 'Call rmsNorm on an all-zero row with eps 0: what comes out?',
      zh: '用 eps = 0 对全零的行调用 rmsNorm：结果是什么？',
    },
    why: {
      en: 'Accepts eps = 0 (checks eps >= 0, as for a variance). Then an all-zero row gives 0·rsqrt(0) = 0·∞ = NaN in rmsNorm, and a constant row does the same in layerNorm; the contract asks for eps > 0 and a RangeError at 0.',
      zh: '接受了 eps = 0（像检查方差那样检查 eps >= 0）。这样 rmsNorm 对全零的行会算出 0·rsqrt(0) = 0·∞ = NaN，layerNorm 对常数行也一样；契约要求 eps > 0，eps 为 0 时抛 RangeError。',
    },
    edits: [
      ['  if (!(eps > 0 && eps < Number.POSITIVE_INFINITY))', '  if (!(eps >= 0 && eps < Number.POSITIVE_INFINITY))'],
    ],
  },
  {
    id: 'eps-infinity-allowed',
    hint: {
      en: 'Pass eps = Infinity: does anything complain?',
      zh: '传入 eps = Infinity：有没有报错？',
    },
    why: {
      en: 'Checks only eps > 0, so eps = Infinity passes and every normalised value becomes 0: layerNorm returns beta, rmsNorm returns zeros, silently, where the contract asks for a RangeError.',
      zh: '只检查了 eps > 0，于是 eps = Infinity 也能通过，每个归一化后的值都变成 0：layerNorm 返回 beta、rmsNorm 返回全零，全都静默发生，而契约要求抛出 RangeError。',
    },
    edits: [['  if (!(eps > 0 && eps < Number.POSITIVE_INFINITY))', '  if (!(eps > 0))']],
  },
  {
    id: 'momentum-nan-allowed',
    hint: {
      en: 'Pass momentum NaN: does the range check notice?',
      zh: '传入 momentum 为 NaN：范围检查能发现吗？',
    },
    why: {
      en: 'Writes the range check as momentum < 0 || momentum > 1; both comparisons are false for NaN, so it passes and both running statistics become NaN. !(momentum >= 0 && momentum <= 1) rejects it.',
      zh: '把范围检查写成 momentum < 0 || momentum > 1；对 NaN 两个比较都为假，于是通过了检查，两个 running 统计量都变成 NaN。写成 !(momentum >= 0 && momentum <= 1) 才能拒绝它。',
    },
    edits: [['  if (!(momentum >= 0 && momentum <= 1))', '  if (momentum < 0 || momentum > 1)']],
  },
  {
    id: 'no-type-checks',
    hint: {
      en: "Pass gamma as a plain array [1, 1], or eps as '1e-5': which error class comes out?",
      zh: "把 gamma 传成普通数组 [1, 1]，或把 eps 传成 '1e-5'：抛出的是哪一类错误？",
    },
    why: {
      en: "Trusts the TypeScript types and checks no argument's type: a plain-array gamma fails the shape check with a RangeError, and eps '1e-5' passes the range check ('1e-5' > 0 is true) and fails inside tfjs with a plain Error, where the contract asks for a TypeError.",
      zh: "相信 TypeScript 类型，不检查任何参数的类型：普通数组形式的 gamma 在形状检查处抛出 RangeError，eps 为 '1e-5' 时范围检查照样通过（'1e-5' > 0 为真），随后在 tfjs 内部抛出普通 Error，而契约要求的是 TypeError。",
    },
    edits: [
      ['  if (!(x instanceof tf.Tensor)) throw new TypeError(`x must be a tf.Tensor, got ${typeof x}`);\n', ''],
      ['    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${typeof t}`);\n', ''],
      ["  if (typeof eps !== 'number') throw new TypeError(`eps must be a number, got ${typeof eps}`);\n", ''],
      [
        "  if (typeof momentum !== 'number') throw new TypeError(`momentum must be a number, got ${typeof momentum}`);\n",
        '',
      ],
    ],
  },
  {
    id: 'loop-over-rows',
    hint: {
      en: 'Right values: count how many times its code runs for an x of 256 rows.',
      zh: '数值都对：数一数 x 有 256 行时它的代码执行了多少次。',
    },
    why: {
      en: 'LayerNorm takes the definition literally and normalises one row at a time (tf.unstack, then a tf.moments per row): right values, but one callback and a handful of kernel launches per row, 256 of them for [4, 64, 256], where one tf.moments over the last axis does all rows at once.',
      zh: 'LayerNorm 照字面意思逐行归一化（先 tf.unstack，再对每行做 tf.moments）：数值正确，但每行一次回调、好几次 kernel 调用，[4, 64, 256] 就是 256 行，而在最后一维上做一次 tf.moments 就能处理所有行。',
    },
    edits: [
      [
        '    const { mean, variance } = tf.moments(x, -1, true);\n    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));\n    return tf.add(tf.mul(normalised, gamma), beta);',
        '    const d = x.shape[x.rank - 1] as number;\n    const rows = tf.unstack(tf.reshape(x, [-1, d])).map((row) => {\n      const { mean, variance } = tf.moments(row);\n      return tf.add(tf.mul(tf.mul(tf.sub(row, mean), tf.rsqrt(tf.add(variance, eps))), gamma), beta);\n    });\n    return tf.reshape(tf.stack(rows), x.shape);',
      ],
    ],
  },
  {
    id: 'datasync-loops',
    hint: {
      en: 'Right values everywhere: count the JavaScript loop iterations of one call on x of shape [4, 64, 256].',
      zh: '数值全对：数一数在形状为 [4, 64, 256] 的 x 上一次调用执行了多少次 JavaScript 循环。',
    },
    why: {
      en: 'Reads x with dataSync() and computes all three norms in plain JavaScript loops, then wraps the result in a tensor: correct, but about 3 loop steps per element, some 2·10^5 for 65536 elements, where tensor ops need a few dozen steps of JavaScript whatever the size.',
      zh: '用 dataSync() 读出 x，用普通 JavaScript 循环算出三种归一化，再包成张量返回：结果正确，但每个元素约 3 次循环步，65536 个元素就是约 2·10^5 步，而张量运算无论规模多大都只需几十步 JavaScript。',
    },
    file: 'zoo/datasync-loops.ts',
  },
]);
