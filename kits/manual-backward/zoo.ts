import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'ce-sum-over-n',
    hint: {
      en: 'Two rows, [[0, 0], [ln 3, 0]] with labels [0, 1]: is the loss a mean or a sum over the rows, and what does that do to the gradient?',
      zh: '两行 [[0, 0], [ln 3, 0]]、标签 [0, 1]：损失是对行求均值还是求和？这对梯度有什么影响？',
    },
    why: {
      en: 'Returns softmax − onehot without the 1/N of the mean: the per-example gradient of the summed loss. PyTorch’s F.cross_entropy defaults to reduction="mean", so every entry is N times too large; with N = 1 the mistake is invisible, with N = 2 the README example gives [[-0.5, 0.5], [0.75, -0.75]].',
      zh: '返回 softmax − onehot，少了均值的 1/N：这是求和损失的逐样本梯度。PyTorch 的 F.cross_entropy 默认 reduction="mean"，所以每个元素都大了 N 倍；N = 1 时看不出来，N = 2 时 README 的例子得到 [[-0.5, 0.5], [0.75, -0.75]]。',
    },
    edits: [
      [
        'return tf.mul(tf.sub(probs, onehot), dloss / n) as tf.Tensor2D;',
        'return tf.mul(tf.sub(probs, onehot), dloss) as tf.Tensor2D;',
      ],
    ],
  },
  {
    id: 'ce-ignores-dloss',
    hint: {
      en: 'Call it with dloss 2 and with dloss -0.5: does the gradient scale with the upstream gradient?',
      zh: '分别用 dloss 2 和 dloss -0.5 调用：梯度会随上游梯度缩放吗？',
    },
    why: {
      en: 'Drops the upstream gradient: (softmax − onehot)/N is only dL/dlogits when dL/dloss = 1. In a real graph the loss is scaled (gradient accumulation, loss weights), and the chain rule multiplies by dloss.',
      zh: '丢掉了上游梯度：只有 dL/dloss = 1 时 (softmax − onehot)/N 才是 dL/dlogits。真实计算图里损失会被缩放（梯度累积、损失权重），链式法则要乘上 dloss。',
    },
    edits: [
      [
        'return tf.mul(tf.sub(probs, onehot), dloss / n) as tf.Tensor2D;',
        'return tf.mul(tf.sub(probs, onehot), 1 / n) as tf.Tensor2D;',
      ],
    ],
  },
  {
    id: 'ce-label-value-not-onehot',
    hint: {
      en: 'What is subtracted from softmax: a one-hot row, or the label number itself? Try labels [0, 1] with C = 2.',
      zh: '从 softmax 中减去的是 one-hot 行，还是标签数值本身？用 C = 2、标签 [0, 1] 试试。',
    },
    why: {
      en: 'Subtracts the label VALUE (broadcast over the row) instead of its one-hot encoding: p − y is only right when y is the one-hot vector. Label 0 subtracts nothing and label 2 subtracts 2 from every class, so the rows no longer sum to 0.',
      zh: '减去的是标签的数值（在整行上广播），而不是它的 one-hot 编码：只有 y 是 one-hot 向量时 p − y 才对。标签 0 什么也不减，标签 2 从每个类别都减去 2，于是每行之和不再为 0。',
    },
    edits: [
      [
        "const onehot = tf.cast(tf.equal(tf.expandDims(labels, 1), tf.range(0, c, 1, 'int32')), 'float32');",
        "const onehot = tf.cast(tf.expandDims(labels, 1), 'float32');",
      ],
    ],
  },
  {
    id: 'ce-exp-without-normalising',
    hint: {
      en: 'Check that your probabilities sum to 1 in each row, e.g. for logits [[1000, 0, -1000]].',
      zh: '检查每行概率之和是否为 1，例如 logits [[1000, 0, -1000]]。',
    },
    why: {
      en: 'Uses exp(logits) for the probabilities and forgets to divide by the row sum (and to subtract the row maximum): the gradient is right only when the logits already are log-probabilities, and 1000 overflows to Infinity.',
      zh: '用 exp(logits) 当概率，忘了除以行和（也没减去行最大值）：只有 logits 本身已经是对数概率时梯度才对，而 1000 会溢出成 Infinity。',
    },
    edits: [['const probs = tf.softmax(logits);', 'const probs = tf.exp(logits);']],
  },
  {
    id: 'ln-missing-mean-terms',
    hint: {
      en: 'x [[1, 2, 3, 4]], dy [[1, 0, 0, 0]]: x̂ depends on every x_j through the mean and the variance. Does your dx move the other three features?',
      zh: 'x [[1, 2, 3, 4]]、dy [[1, 0, 0, 0]]：x̂ 通过均值和方差依赖每一个 x_j。你的 dx 会影响另外三个特征吗？',
    },
    why: {
      en: 'Treats the mean and the variance as constants: dx = dy·γ·rstd. The two extra terms, −mean(g) and −x̂·mean(g·x̂), are the gradient flowing through μ and σ²; without them dx rows do not sum to 0 and the README example gives [0.894424, 0, 0, 0].',
      zh: '把均值和方差当成常数：dx = dy·γ·rstd。另外两项 −mean(g) 与 −x̂·mean(g·x̂) 正是经由 μ 和 σ² 回传的梯度；少了它们 dx 每行之和不为 0，README 的例子会得到 [0.894424, 0, 0, 0]。',
    },
    edits: [
      [
        'const dx = tf.mul(rstd, tf.sub(tf.sub(g, tf.mean(g, 1, true)), tf.mul(xhat, tf.mean(tf.mul(g, xhat), 1, true))));',
        'const dx = tf.mul(rstd, g);',
      ],
    ],
  },
  {
    id: 'ln-unbiased-variance',
    base: 'alt-stepwise',
    hint: {
      en: 'Compute x̂ of [1, 2, 3, 4] by hand with ÷ 4 and ÷ 3: which variance does LayerNorm use?',
      zh: '分别用 ÷ 4 和 ÷ 3 手算 [1, 2, 3, 4] 的 x̂：LayerNorm 用的是哪种方差？',
    },
    why: {
      en: 'Uses the unbiased variance (÷ (D − 1), torch.var’s default) where nn.LayerNorm uses the biased one (÷ D). Every x̂ and rstd is off by sqrt(D/(D − 1)), and D = 1 divides by zero.',
      zh: '用了无偏方差（÷ (D − 1)，torch.var 的默认值），而 nn.LayerNorm 用的是有偏方差（÷ D）。每个 x̂ 和 rstd 都差了 sqrt(D/(D − 1)) 倍，D = 1 时还会除以零。',
    },
    edits: [
      [
        'const varPlusEps = tf.add(tf.mean(tf.square(centred), 1, true), eps); // biased: ÷ D',
        'const varPlusEps = tf.add(tf.div(tf.sum(tf.square(centred), 1, true), d - 1), eps); // biased: ÷ D',
      ],
    ],
  },
  {
    id: 'ln-eps-outside-sqrt',
    base: 'alt-stepwise',
    hint: {
      en: 'Try x [[1e-3, -1e-3]]: where does eps sit relative to the square root?',
      zh: '试试 x [[1e-3, -1e-3]]：eps 相对平方根放在哪里？',
    },
    why: {
      en: 'Normalises by 1/(sqrt(var) + eps) instead of 1/sqrt(var + eps). PyTorch’s LayerNorm puts eps inside; the two agree for rows of order 1 and differ when the variance is comparable with eps (x of scale 1e-3), where dgamma gives 0.990099 instead of 0.301511. The backward pass must differentiate the same forward.',
      zh: '用 1/(sqrt(var) + eps) 而不是 1/sqrt(var + eps) 做归一化。PyTorch 的 LayerNorm 把 eps 放在根号里；数量级为 1 的行两者一致，方差与 eps 相当时（x 的量级 1e-3）就不同了：dgamma 得到 0.990099 而不是 0.301511。反向传播必须对同一个前向求导。',
    },
    edits: [
      [
        'const varPlusEps = tf.add(tf.mean(tf.square(centred), 1, true), eps); // biased: ÷ D\n    const rstd = tf.div(1, tf.sqrt(varPlusEps));',
        'const variance = tf.mean(tf.square(centred), 1, true); // biased: ÷ D\n    const rstd = tf.div(1, tf.add(tf.sqrt(variance), eps));',
      ],
    ],
  },
  {
    id: 'ln-dgamma-uses-x',
    hint: {
      en: 'dgamma multiplies dy by the input of the γ multiplication. Is that x, or x̂?',
      zh: 'dgamma 是 dy 乘以 γ 那次乘法的输入。那个输入是 x 还是 x̂？',
    },
    why: {
      en: 'Computes dγ = Σ_n dy·x instead of Σ_n dy·x̂: y = x̂·γ + β, so γ’s gradient is weighted by the NORMALISED input. The README example gives dgamma [1, 0, 0, 0] instead of [-1.341635, 0, 0, 0].',
      zh: '算成了 dγ = Σ_n dy·x 而不是 Σ_n dy·x̂：y = x̂·γ + β，所以 γ 的梯度应当用归一化之后的输入加权。README 的例子得到 dgamma [1, 0, 0, 0] 而不是 [-1.341635, 0, 0, 0]。',
    },
    edits: [
      ['dgamma: tf.sum(tf.mul(dy, xhat), 0) as tf.Tensor1D,', 'dgamma: tf.sum(tf.mul(dy, x), 0) as tf.Tensor1D,'],
    ],
  },
  {
    id: 'ln-dx-without-gamma',
    hint: {
      en: 'Give gamma values other than 1 (e.g. [2, -1, 0.5, 1.5, -0.25]): does dx change?',
      zh: '给 gamma 取不为 1 的值（例如 [2, -1, 0.5, 1.5, -0.25]）：dx 会变化吗？',
    },
    why: {
      en: 'Backpropagates dy straight into x̂, forgetting the γ multiplication on the way: dx̂ = dy·γ, not dy. With γ = 1 (the usual initialisation, and most hand examples) it cannot be seen.',
      zh: '把 dy 直接传给 x̂，忘了途经的 γ 乘法：dx̂ = dy·γ，而不是 dy。γ = 1 时（常见的初始化，也是大多数手算例子）看不出来。',
    },
    edits: [['const g = tf.mul(dy, gamma);', 'const g = dy;']],
  },
  {
    id: 'attn-missing-rowsum',
    hint: {
      en: 'The softmax Jacobian is diag(p) − p pᵀ. Where is the − p pᵀ part in your dS? Check that the rows of dk sum to zero.',
      zh: 'softmax 的雅可比矩阵是 diag(p) − p pᵀ。你的 dS 里 − p pᵀ 那部分在哪里？检查 dk 的各行之和是否为零。',
    },
    why: {
      en: 'Takes dS = P ∘ dP, the elementwise derivative of exp, and drops the normalisation term: dS = P ∘ (dP − rowsum(dO ∘ O)) in the FlashAttention paper. In the README example dk becomes [[0, 0.353553], [0, 1.06066]].',
      zh: '取 dS = P ∘ dP，只是 exp 的逐元素导数，丢了归一化项：FlashAttention 论文中 dS = P ∘ (dP − rowsum(dO ∘ O))。README 的例子里 dk 变成 [[0, 0.353553], [0, 1.06066]]。',
    },
    edits: [['const dScores = tf.mul(probs, tf.sub(dProbs, rowDot));', 'const dScores = tf.mul(probs, dProbs);']],
  },
  {
    id: 'attn-no-scale-in-grads',
    hint: {
      en: 'S = q kᵀ / sqrt(d): the 1/sqrt(d) is part of the function. Is it in dq and dk too?',
      zh: 'S = q kᵀ / sqrt(d)：1/sqrt(d) 是函数的一部分。dq 和 dk 里也有它吗？',
    },
    why: {
      en: 'Applies the 1/sqrt(d) scale in the forward scores but forgets it when backpropagating through them: dq = dS k/sqrt(d) and dk = dSᵀ q/sqrt(d). With d = 1 it is invisible; the README example gives dq [[-1, 0]] instead of [[-0.707107, 0]].',
      zh: '前向打分时乘了 1/sqrt(d)，反向穿过它时却忘了：dq = dS k/sqrt(d)、dk = dSᵀ q/sqrt(d)。d = 1 时看不出来；README 的例子得到 dq [[-1, 0]] 而不是 [[-0.707107, 0]]。',
    },
    edits: [
      [
        'dq: tf.mul(tf.matMul(dScores, k), scale) as tf.Tensor2D,\n      dk: tf.mul(tf.matMul(dScores, q, true, false), scale) as tf.Tensor2D,',
        'dq: tf.matMul(dScores, k) as tf.Tensor2D,\n      dk: tf.matMul(dScores, q, true, false) as tf.Tensor2D,',
      ],
    ],
  },
  {
    id: 'attn-causal-top-left',
    hint: {
      en: 'With Tq = 2 new queries and Tk = 4 keys (a KV cache), which keys does the first query see?',
      zh: 'Tq = 2 个新查询、Tk = 4 个键（KV cache）时，第一个查询能看到哪些键？',
    },
    why: {
      en: 'Aligns the causal mask top-left (query i sees keys j <= i) instead of bottom-right (j <= i + Tk − Tq). The two agree when Tq = Tk, so square self-attention hides it; with a KV cache the new queries are the LAST Tq positions.',
      zh: '因果掩码按左上角对齐（查询 i 看到 j <= i 的键），而不是右下角（j <= i + Tk − Tq）。Tq = Tk 时两者一致，方形自注意力看不出来；有 KV cache 时新查询是最后 Tq 个位置。',
    },
    edits: [['tf.linalg.bandPart(tf.ones([tq, tk]), -1, tk - tq)', 'tf.linalg.bandPart(tf.ones([tq, tk]), -1, 0)']],
  },
  {
    id: 'attn-dk-transpose-swapped',
    hint: {
      en: 'dk must have the shape of k, [Tk, d]. Which of dS and q is transposed?',
      zh: 'dk 的形状必须与 k 相同，为 [Tk, d]。dS 和 q 里该转置的是哪一个？',
    },
    why: {
      en: 'Computes qᵀ dS ([d, Tk]) for dk instead of dSᵀ q ([Tk, d]): the transposes of the matrix-product rule are swapped. With d = Tk the shapes even match, and every value sits at the transposed position.',
      zh: '把 dk 算成 qᵀ dS（[d, Tk]），而不是 dSᵀ q（[Tk, d]）：矩阵乘法求导时转置放反了。d = Tk 时形状甚至对得上，但每个值都在转置后的位置上。',
    },
    edits: [['tf.mul(tf.matMul(dScores, q, true, false), scale)', 'tf.mul(tf.matMul(q, dScores, true, false), scale)']],
  },
  {
    id: 'uses-autograd',
    hint: {
      en: 'The values are right. Read the rules again: which tfjs functions are forbidden in this kata?',
      zh: '数值是对的。再读一遍规则：本题禁止使用哪些 tfjs 函数？',
    },
    why: {
      en: 'Gets dlogits from tf.grad of tf.losses.softmaxCrossEntropy: correct numbers, but the kata is to write the backward pass by hand, and the suite watches tf.engine().gradients, where tf.grad, tf.grads, tf.valueAndGrad(s) and tf.variableGrads all end.',
      zh: '用 tf.grad 对 tf.losses.softmaxCrossEntropy 求出 dlogits：数值正确，但本题要求手写反向传播，而测试会监视 tf.engine().gradients——tf.grad、tf.grads、tf.valueAndGrad(s) 和 tf.variableGrads 最终都会调用它。',
    },
    edits: [
      [
        'return tf.mul(tf.sub(probs, onehot), dloss / n) as tf.Tensor2D;',
        'tf.dispose(probs);\n    return tf.grad((z: tf.Tensor) => tf.mul(tf.losses.softmaxCrossEntropy(onehot, z), dloss))(logits) as tf.Tensor2D;',
      ],
    ],
  },
]);
