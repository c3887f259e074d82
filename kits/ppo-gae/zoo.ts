import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'done-ignored',
    hint: {
      en: 'rewards [1,0], values [0,10], dones [1,0], γ = λ = 1: does step 0 see the 10 of the next episode?',
      zh: 'rewards [1,0]、values [0,10]、dones [1,0]、γ = λ = 1：第 0 步会不会看到下一个 episode 的 10？',
    },
    why: {
      en: 'Never reads dones: every step bootstraps from the next state and the trace runs across episode boundaries, so the value of the first state of the next episode (and all its TD errors) leaks into the last step of this one. The worked example gives A_0 = 4.80272 instead of 2.12.',
      zh: '完全不读 dones：每一步都用下一个状态自举，λ 迹也跨过了 episode 边界，于是下一个 episode 第一个状态的价值（以及它所有的 TD 误差）漏进了本 episode 的最后一步。题面的示例得到 A_0 = 4.80272 而不是 2.12。',
    },
    edits: [['    const nonTerminal = 1 - (dones[i] as number);', '    const nonTerminal = 1;']],
  },
  {
    id: 'done-off-by-one',
    hint: {
      en: 'dones [0,1,0]: which step is the last of the first episode, step 1 or step 0?',
      zh: 'dones [0,1,0]：第一个 episode 的最后一步是第 1 步还是第 0 步？',
    },
    why: {
      en: 'Copies CleanRL\'s `nextnonterminal = 1 − dones[t + 1]`, where dones[t] means "obs t starts a new episode", onto this kata\'s dones, where dones[t] means "the episode ended with step t": the cut moves one step early. The worked example gives [0.5, 4.726, 3.3] instead of [2.12, 1, 3.3].',
      zh: '照搬 CleanRL 的 `nextnonterminal = 1 − dones[t + 1]`（那里 dones[t] 表示“第 t 个观测开始了新 episode”），却用在本题的 dones 上（这里 dones[t] 表示“episode 在第 t 步结束”）：截断提前了一步。示例得到 [0.5, 4.726, 3.3] 而不是 [2.12, 1, 3.3]。',
    },
    edits: [
      [
        '    const nonTerminal = 1 - (dones[i] as number);',
        '    const nonTerminal = i + 1 < t ? 1 - (dones[i + 1] as number) : 1;',
      ],
    ],
  },
  {
    id: 'done-cuts-bootstrap-only',
    hint: {
      en: 'rewards [1,0], values [0,10], dones [1,0], γ = λ = 1: is A_0 equal to 1 or to −9?',
      zh: 'rewards [1,0]、values [0,10]、dones [1,0]、γ = λ = 1：A_0 是 1 还是 −9？',
    },
    why: {
      en: "Masks the bootstrap γ·V_{t+1} at a done but not the λ-trace: A_t = δ_t + γλ·A_{t+1} still adds the next episode's advantages, so the example gives A_0 = 1 − 10 = −9 instead of 1.",
      zh: '在 done 处屏蔽了自举项 γ·V_{t+1}，却没有截断 λ 迹：A_t = δ_t + γλ·A_{t+1} 仍然加上了下一个 episode 的优势，于是示例得到 A_0 = 1 − 10 = −9 而不是 1。',
    },
    edits: [
      [
        '    nextAdvantage = delta + gamma * lambda * nonTerminal * nextAdvantage;',
        '    nextAdvantage = delta + gamma * lambda * nextAdvantage;',
      ],
    ],
  },
  {
    id: 'done-cuts-trace-only',
    hint: {
      en: 'rewards [1,0], values [0,10], dones [1,0], γ = λ = 1: is A_0 equal to 1 or to 11?',
      zh: 'rewards [1,0]、values [0,10]、dones [1,0]、γ = λ = 1：A_0 是 1 还是 11？',
    },
    why: {
      en: 'Cuts the λ-trace at a done but still bootstraps from the next state, which belongs to the next episode: the example gives A_0 = 1 + 10 = 11 instead of 1, and a terminal step always looks as good as the start of a new game.',
      zh: '在 done 处截断了 λ 迹，却仍然用下一个状态自举，而那个状态属于下一个 episode：示例得到 A_0 = 1 + 10 = 11 而不是 1，终止步看起来总和新一局的开头一样好。',
    },
    edits: [
      [
        '    const delta = (rewards[i] as number) + gamma * nextValue * nonTerminal - value;',
        '    const delta = (rewards[i] as number) + gamma * nextValue - value;',
      ],
    ],
  },
  {
    id: 'last-value-ignored',
    hint: {
      en: 'rewards [1,1], values [0,0], dones [0,0], lastValue 100, γ = λ = 1: is the last advantage 101?',
      zh: 'rewards [1,1]、values [0,0]、dones [0,0]、lastValue 100、γ = λ = 1：最后一个优势是 101 吗？',
    },
    why: {
      en: 'Starts the scan from V_T = 0 instead of lastValue, so a trajectory cut mid-episode (the rollout length, not a real end) is treated as if the episode ended: the last step gives 1 instead of 101.',
      zh: '从 V_T = 0 而不是 lastValue 开始扫描，于是在 episode 中途被截断的轨迹（只是 rollout 长度到了，并不是真的结束）被当作 episode 已经结束：最后一步得到 1 而不是 101。',
    },
    edits: [['  let nextValue = lastValue;', '  let nextValue = 0;']],
  },
  {
    id: 'gamma-without-lambda',
    hint: {
      en: 'γ = 1, λ = 0 must give the one-step TD errors: does it?',
      zh: 'γ = 1、λ = 0 时应当得到一步 TD 误差：是这样吗？',
    },
    why: {
      en: 'Decays the trace by γ alone, A_t = δ_t + γ·A_{t+1}: that is λ = 1 (Monte Carlo advantages) whatever λ is passed, so λ = 0 no longer gives the TD error and the bias/variance knob is gone.',
      zh: '只用 γ 衰减 λ 迹，A_t = δ_t + γ·A_{t+1}：无论传入的 λ 是多少，都等于 λ = 1（蒙特卡洛优势），于是 λ = 0 不再得到 TD 误差，偏差/方差的调节旋钮也没了。',
    },
    edits: [
      [
        '    nextAdvantage = delta + gamma * lambda * nonTerminal * nextAdvantage;',
        '    nextAdvantage = delta + gamma * nonTerminal * nextAdvantage;',
      ],
    ],
  },
  {
    id: 'returns-are-advantages',
    hint: {
      en: 'values [3, −2], rewards [0, 0], dones [0, 1], γ 1, λ 0: what are the returns?',
      zh: 'values [3, −2]、rewards [0, 0]、dones [0, 1]、γ 1、λ 0：returns 是多少？',
    },
    why: {
      en: 'Returns the advantages as the value targets, forgetting + V_t: the critic then regresses onto A (centred near 0) instead of the TD(λ) return A + V, [−5, 2] instead of [−2, 0].',
      zh: '把优势直接当作价值目标，忘了加 V_t：critic 于是去拟合 A（在 0 附近），而不是 TD(λ) 回报 A + V，得到 [−5, 2] 而不是 [−2, 0]。',
    },
    edits: [['    returns[i] = nextAdvantage + value;', '    returns[i] = nextAdvantage;']],
  },
  {
    id: 'forward-scan',
    hint: {
      en: 'Which advantage can be computed first: A_0 or A_{T−1}?',
      zh: '哪个优势能先算出来：A_0 还是 A_{T−1}？',
    },
    why: {
      en: "Runs the recursion forwards, t = 0 … T − 1: A_t needs A_{t+1} and V_{t+1}, which a forward loop has not reached, so every step uses the previous step's quantities (and lastValue at t = 0). The scan must go backwards from the bootstrap value.",
      zh: '把递推正着跑，t = 0 … T − 1：A_t 需要 A_{t+1} 和 V_{t+1}，正向循环此时还没走到那里，于是每一步都用了上一步的量（t = 0 时用了 lastValue）。扫描必须从自举值开始倒着做。',
    },
    edits: [['  for (let i = t - 1; i >= 0; i--) {', '  for (let i = 0; i < t; i++) {']],
  },
  {
    id: 'sum-per-step',
    hint: {
      en: 'Right answers: count the steps of one gae call on T = 10 000.',
      zh: '答案都对：数一数 T = 10 000 时一次 gae 调用用了多少步。',
    },
    why: {
      en: 'Computes each A_t as the explicit sum Σ_l (γλ)^l δ_{t+l} up to the end of the episode: correct, but O(T·L) for episodes of length L (O(T²) for one long episode): for T = 10 000 with episodes of about 1 000 steps that is millions of steps, where the budget 20·T + 100 is 200 100 and the reverse scan reuses A_{t+1} in O(T).',
      zh: '把每个 A_t 都按定义 Σ_l (γλ)^l δ_{t+l} 一直加到 episode 结束：结果正确，但对长度为 L 的 episode 是 O(T·L)（只有一个长 episode 时是 O(T²)）：T = 10 000、episode 约 1 000 步时要几百万步，而预算 20·T + 100 只有 200 100，倒序扫描复用 A_{t+1} 只要 O(T)。',
    },
    edits: [
      [
        '  let nextValue = lastValue;\n  let nextAdvantage = 0;\n  for (let i = t - 1; i >= 0; i--) {\n    const nonTerminal = 1 - (dones[i] as number);\n    const value = values[i] as number;\n    const delta = (rewards[i] as number) + gamma * nextValue * nonTerminal - value;\n    nextAdvantage = delta + gamma * lambda * nonTerminal * nextAdvantage;\n    advantages[i] = nextAdvantage;\n    returns[i] = nextAdvantage + value;\n    nextValue = value;\n  }\n',
        '  const deltaAt = (k: number) => {\n    const next = k + 1 < t ? (values[k + 1] as number) : lastValue;\n    return (rewards[k] as number) + (dones[k] === 1 ? 0 : gamma * next) - (values[k] as number);\n  };\n  for (let i = 0; i < t; i++) {\n    let sum = 0;\n    let weight = 1;\n    for (let k = i; k < t; k++) {\n      sum += weight * deltaAt(k);\n      if (dones[k] === 1) break;\n      weight *= gamma * lambda;\n    }\n    advantages[i] = sum;\n    returns[i] = sum + (values[i] as number);\n  }\n',
      ],
    ],
  },
  {
    id: 'min-instead-of-max',
    hint: {
      en: 'r = 1.5, A = −1: is the policy term 1.5 or 1.2?',
      zh: 'r = 1.5、A = −1：策略项是 1.5 还是 1.2？',
    },
    why: {
      en: 'Takes the min of the two negated terms: the paper maximises min(r·A, clip(r)·A), and after negating for a loss the pessimistic choice becomes a max. With min the clip lets a bad action (A < 0) whose ratio grew escape at 1.2 instead of 1.5, the opposite of a trust region.',
      zh: '对两个取负后的项取了 min：论文最大化的是 min(r·A, clip(r)·A)，取负变成损失后，悲观的选择就成了 max。用 min 时，比率变大的坏动作（A < 0）只受 1.2 而不是 1.5 的惩罚，和信任域的初衷正好相反。',
    },
    edits: [
      [
        '    const policyLoss = maskedMean(tf.maximum(pgLosses, pgLossesClipped));',
        '    const policyLoss = maskedMean(tf.minimum(pgLosses, pgLossesClipped));',
      ],
    ],
  },
  {
    id: 'clip-advantages',
    hint: {
      en: 'r = 1.5 and A = 1, then A = 2 with r = 1.1: what does the clip act on?',
      zh: 'r = 1.5、A = 1，以及 r = 1.1、A = 2：截断作用在谁身上？',
    },
    why: {
      en: 'Clips the advantage into [1 − ε, 1 + ε] instead of the probability ratio: the clip no longer bounds how far the policy moves, and every advantage is squashed near 1 (A = 2 at r = 1.1 gives −1.32 instead of −2.2).',
      zh: '把优势而不是概率比截断到 [1 − ε, 1 + ε]：截断不再限制策略走多远，所有优势都被压到 1 附近（r = 1.1、A = 2 得到 −1.32 而不是 −2.2）。',
    },
    edits: [
      [
        '    const pgLossesClipped = tf.mul(tf.neg(advantages), tf.clipByValue(ratio, 1 - clipRange, 1 + clipRange));',
        '    const pgLossesClipped = tf.mul(tf.neg(tf.clipByValue(advantages, 1 - clipRange, 1 + clipRange)), ratio);',
      ],
    ],
  },
  {
    id: 'ratio-without-exp',
    hint: {
      en: 'logProbs = oldLogProbs: is the ratio 1 or 0?',
      zh: 'logProbs = oldLogProbs 时，比率是 1 还是 0？',
    },
    why: {
      en: 'Uses logProbs − oldLogProbs as the ratio, forgetting the exp: at the start of every update the ratio is 0 instead of 1, so the unclipped term vanishes and the clip at 0.8 decides every token.',
      zh: '把 logProbs − oldLogProbs 直接当作比率，忘了取 exp：每次更新开始时比率是 0 而不是 1，于是未截断项消失，每个 token 都由 0.8 处的截断决定。',
    },
    edits: [['    const ratio = tf.exp(logRatio);', '    const ratio = logRatio;']],
  },
  {
    id: 'value-clip-around-returns',
    hint: {
      en: 'v = 1, v_old = 0.5, R = 2: which value is the prediction kept near?',
      zh: 'v = 1、v_old = 0.5、R = 2：预测值被限制在谁的附近？',
    },
    why: {
      en: 'Clips the new value around the returns instead of around the old values: the clipped prediction is pulled towards the target, so the max almost always picks the unclipped square and the trust region on the critic is gone (0.5 instead of 0.845).',
      zh: '把新的价值预测截断在 returns 附近，而不是旧价值附近：截断后的预测被拉向目标，于是 max 几乎总是选未截断的平方，critic 上的信任域就没了（得到 0.5 而不是 0.845）。',
    },
    edits: [
      [
        '      tf.maximum(values, tf.sub(oldValues, clipRangeValue)),\n      tf.add(oldValues, clipRangeValue),',
        '      tf.maximum(values, tf.sub(returns, clipRangeValue)),\n      tf.add(returns, clipRangeValue),',
      ],
    ],
  },
  {
    id: 'value-clip-uses-clip-range',
    hint: {
      en: 'clipRange 0.3 and the default clipRangeValue: where is the value clipped?',
      zh: 'clipRange 为 0.3、clipRangeValue 取默认值：价值在哪里被截断？',
    },
    why: {
      en: "Clips the value with the policy's clipRange (as CleanRL does with its single clip_coef) instead of its own clipRangeValue (TRL's cliprange_value): with both defaults at 0.2 nothing shows, but clipRange 0.3 moves the value clip too.",
      zh: '用策略的 clipRange 来截断价值（CleanRL 只有一个 clip_coef 就是这样），而不是它自己的 clipRangeValue（TRL 的 cliprange_value）：两者默认都是 0.2 时看不出来，但 clipRange 取 0.3 时价值截断也跟着变了。',
    },
    edits: [
      [
        '      tf.maximum(values, tf.sub(oldValues, clipRangeValue)),\n      tf.add(oldValues, clipRangeValue),',
        '      tf.maximum(values, tf.sub(oldValues, clipRange)),\n      tf.add(oldValues, clipRange),',
      ],
    ],
  },
  {
    id: 'value-loss-without-half',
    hint: {
      en: 'v = 1, v_old = 1, R = 3: is the value loss 2 or 4?',
      zh: 'v = 1、v_old = 1、R = 3：价值损失是 2 还是 4？',
    },
    why: {
      en: 'Drops the 0.5 in front of the squared error that TRL and CleanRL both use: the value loss doubles, which silently doubles the effective vfCoef.',
      zh: '丢掉了 TRL 和 CleanRL 都有的平方误差前的 0.5：价值损失翻倍，相当于悄悄把 vfCoef 翻了一倍。',
    },
    edits: [
      [
        '    const valueLoss = tf.mul(0.5, maskedMean(tf.maximum(vfLosses, vfLossesClipped))) as tf.Scalar;',
        '    const valueLoss = maskedMean(tf.maximum(vfLosses, vfLossesClipped));',
      ],
    ],
  },
  {
    id: 'mean-over-all-tokens',
    hint: {
      en: 'Put large values under the zeros of the mask. Does the loss change?',
      zh: '在 mask 为 0 的位置放很大的值：损失会变吗？',
    },
    why: {
      en: 'Averages over every position with tf.mean, padding included, instead of sum(x·mask)/sum(mask): whatever the padding holds leaks into every term, and the worked example is dominated by its masked third token.',
      zh: '用 tf.mean 对所有位置取平均（包括 padding），而不是 sum(x·mask)/sum(mask)：padding 里的值会漏进每一项，示例的结果被那个被 mask 掉的第三个 token 主导。',
    },
    edits: [
      [
        '    const maskedMean = (x: tf.Tensor) => tf.div(tf.sum(tf.mul(x, m)), tf.sum(m)) as tf.Scalar;',
        '    const maskedMean = (x: tf.Tensor) => tf.mean(x) as tf.Scalar;',
      ],
    ],
  },
  {
    id: 'entropy-added',
    hint: {
      en: 'Entropy 2 with entCoef 0.1: does the loss go down by 0.2 or up?',
      zh: '熵为 2、entCoef 为 0.1：损失是下降 0.2 还是上升？',
    },
    why: {
      en: 'Adds the entropy term instead of subtracting it: minimising the loss then minimises entropy, collapsing the policy early, the opposite of an exploration bonus.',
      zh: '把熵项加上而不是减去：最小化损失就变成了最小化熵，策略会过早塌缩，和探索奖励的本意正好相反。',
    },
    edits: [
      [
        '    const loss = tf.sub(tf.add(policyLoss, tf.mul(vfCoef, valueLoss)), tf.mul(entCoef, meanEntropy)) as tf.Scalar;',
        '    const loss = tf.add(tf.add(policyLoss, tf.mul(vfCoef, valueLoss)), tf.mul(entCoef, meanEntropy)) as tf.Scalar;',
      ],
    ],
  },
  {
    id: 'clip-fraction-by-ratio',
    hint: {
      en: 'r = 1.5 with A = 0, and r = 0.7 with A = 1: is clipping active there?',
      zh: 'r = 1.5、A = 0，以及 r = 0.7、A = 1：这些地方截断起作用了吗？',
    },
    why: {
      en: "Counts |r − 1| > ε (CleanRL's clipfrac) instead of the tokens where the clipped term is the larger one (TRL's pg_clipfrac): a ratio outside the range on the side the min ignores, or with A = 0, still has a gradient and is not clipped.",
      zh: '统计的是 |r − 1| > ε（CleanRL 的 clipfrac），而不是截断项更大的 token（TRL 的 pg_clipfrac）：比率在 min 不理会的那一侧越界、或 A = 0 时，梯度仍然存在，并没有被截断。',
    },
    edits: [
      [
        "    const clipFraction = maskedMean(tf.cast(tf.greater(pgLossesClipped, pgLosses), 'float32'));",
        "    const clipFraction = maskedMean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), clipRange), 'float32'));",
      ],
    ],
  },
  {
    id: 'empty-mask-nan',
    hint: {
      en: 'Pass a mask of all zeros.',
      zh: '传入全为 0 的 mask。',
    },
    why: {
      en: 'Does not check for an empty mask: sum(x·mask)/sum(mask) is then 0/0 and every term is NaN, which poisons the optimiser step silently where the contract asks for a RangeError.',
      zh: '不检查 mask 是否为空：此时 sum(x·mask)/sum(mask) 是 0/0，每一项都是 NaN，会静默地毁掉优化器的这一步，而契约要求抛出 RangeError。',
    },
    edits: [["  if (count === 0) throw new RangeError('ppoLoss: mask has no unmasked token');\n", '']],
  },
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one ppoLoss call.',
      zh: '比较一次 ppoLoss 调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: 'Computes the terms without tf.tidy, so the ratio, the clipped terms and every masked product are never disposed: each training step leaks some twenty tensors until the backend runs out of memory.',
      zh: '计算各项时没有用 tf.tidy，于是比率、截断项和每个 mask 乘积都不会被释放：每个训练步泄漏二十来个张量，直到后端内存耗尽。',
    },
    edits: [
      [
        "  return tf.tidy(() => {\n    const m = tf.cast(mask, 'float32');\n    const maskedMean",
        "  return (() => {\n    const m = tf.cast(mask, 'float32');\n    const maskedMean",
      ],
      [
        '    return { loss, policyLoss, valueLoss, entropy: meanEntropy, clipFraction, approxKL };\n  });',
        '    return { loss, policyLoss, valueLoss, entropy: meanEntropy, clipFraction, approxKL };\n  })();',
      ],
    ],
  },
  {
    id: 'lambda-return-bootstraps-own-value',
    base: 'alt-lambda-return',
    hint: {
      en: 'λ = 0 must give r_t + γ·V_{t+1} − V_t: which V does the λ-return mix in?',
      zh: 'λ = 0 时应当得到 r_t + γ·V_{t+1} − V_t：λ 回报混入的是哪个 V？',
    },
    why: {
      en: 'Writing the λ-return G_t = r_t + γ((1 − λ)·V + λ·G_{t+1}), mixes in V_t, the value of the state itself, instead of V_{t+1}: the one-step target bootstraps from the wrong state: with λ = 0 and γ = 1 the advantage collapses to r_t, [1, 2, 3] instead of [1.5, 2.5, 10.5] for rewards [1,2,3], values [0.5,1,1.5], lastValue 9.',
      zh: '写 λ 回报 G_t = r_t + γ((1 − λ)·V + λ·G_{t+1}) 时，混入的是状态自身的 V_t 而不是 V_{t+1}：一步目标从错误的状态自举：λ = 0、γ = 1 时优势退化为 r_t，rewards [1,2,3]、values [0.5,1,1.5]、lastValue 9 时得到 [1, 2, 3] 而不是 [1.5, 2.5, 10.5]。',
    },
    edits: [
      [
        '    g = (r[t] as number) + gamma * live * ((1 - lambda) * vNext + lambda * g);',
        '    g = (r[t] as number) + gamma * live * ((1 - lambda) * (v[t] as number) + lambda * g);',
      ],
    ],
  },
]);
