import { defineZoo } from '../../src/kit/zoo.ts';

const RATIO = '    if (u < (pi[x] as number) / (qi[x] as number)) {';
const RESIDUAL = '    const residual = pi.map((v, j) => Math.max(0, v - (qi[j] as number)));';
const CORRECTED = '    tokens.push(total > 0 ? sampleFrom(residual, total, v) : sampleFrom(pi, 1, v));';
const BONUS = '  tokens.push(sampleFrom(p[k] as number[], 1, draw(uniform)));';

export default defineZoo([
  {
    id: 'ratio-inverted',
    hint: {
      en: 'A draft token the target likes less than the draft does: how often is it accepted?',
      zh: '一个目标模型比草稿模型更不喜欢的草稿 token：它多常被接受？',
    },
    why: {
      en: 'Accepts with probability min(1, q/p) instead of min(1, p/q), mixing up which model is which (Chen et al. name the target q and the draft p, the opposite of Leviathan et al.): tokens the draft over-proposes are always kept, so the output follows the draft, not the target.',
      zh: '以 min(1, q/p) 而不是 min(1, p/q) 的概率接受，把两个模型弄反了（Chen 等把目标记作 q、草稿记作 p，与 Leviathan 等正好相反）：草稿过度提出的 token 总被保留，输出跟随草稿而不是目标。',
    },
    edits: [[RATIO, '    if (u < (qi[x] as number) / (pi[x] as number)) {']],
  },
  {
    id: 'accept-above-ratio',
    hint: {
      en: 'With a ratio of 0.25, is u = 0.1 an acceptance or a rejection?',
      zh: '比值为 0.25 时，u = 0.1 是接受还是拒绝？',
    },
    why: {
      en: 'Accepts when u > p/q, reading "reject if r > p/q" backwards: the acceptance probability becomes 1 − p/q, so the tokens the target agrees with are thrown away most often.',
      zh: '在 u > p/q 时接受，把“r > p/q 时拒绝”读反了：接受概率变成 1 − p/q，目标越认同的 token 越常被丢掉。',
    },
    edits: [[RATIO, '    if (u > (pi[x] as number) / (qi[x] as number)) {']],
  },
  {
    id: 'accept-on-tie',
    hint: {
      en: 'Draw u exactly equal to p(x)/q(x). Accept or reject? And with p(x) = 0 at u = 0?',
      zh: '让 u 恰好等于 p(x)/q(x)：接受还是拒绝？p(x) = 0 且 u = 0 时呢？',
    },
    why: {
      en: "Accepts when u ≤ p/q, as HF's r_i <= probability_ratio does: the contract's test is strict (Chen et al.), and with u = 0 the ≤ test accepts a draft token the target gives probability 0.",
      zh: '像 HF 的 r_i <= probability_ratio 那样在 u ≤ p/q 时接受：契约要求严格小于（Chen 等），而且 u = 0 时 ≤ 会接受一个目标概率为 0 的草稿 token。',
    },
    edits: [[RATIO, '    if (u <= (pi[x] as number) / (qi[x] as number)) {']],
  },
  {
    id: 'resample-from-target',
    hint: {
      en: 'After a rejection, can the corrected token be the very draft token that was just rejected?',
      zh: '拒绝之后，修正 token 有可能正是刚被拒绝的那个草稿 token 吗？',
    },
    why: {
      en: 'Draws the corrected token from p_i instead of norm(max(0, p_i − q_i)): the mass the acceptance test already gave to over-proposed tokens is counted twice, so the output is no longer distributed as the target (p_0 = [.125, .5, .375] comes out as [.171875, .4375, .390625]).',
      zh: '从 p_i 而不是 norm(max(0, p_i − q_i)) 中抽修正 token：接受检验已经分给草稿过度提出的 token 的质量被重复计算，输出不再服从目标分布（p_0 = [.125, .5, .375] 会变成 [.171875, .4375, .390625]）。',
    },
    edits: [[RESIDUAL, '    const residual = pi.map((v) => v);']],
  },
  {
    id: 'residual-q-minus-p',
    hint: {
      en: 'Which tokens should the corrected draw favour: those the draft under-proposes, or over-proposes?',
      zh: '修正抽样应该偏向哪些 token：草稿提得太少的，还是提得太多的？',
    },
    why: {
      en: 'Builds the residual as max(0, q − p): it puts the corrected token exactly where the draft already over-proposes (often the rejected token itself), instead of where the target has mass the draft lacks.',
      zh: '把残差写成 max(0, q − p)：修正 token 恰好落在草稿已经提得太多的地方（常常就是被拒绝的那个 token），而不是目标有、草稿缺的质量上。',
    },
    edits: [[RESIDUAL, '    const residual = pi.map((v, j) => Math.max(0, (qi[j] as number) - v));']],
  },
  {
    id: 'residual-not-normalised',
    hint: {
      en: 'The residual [0, 0.25, 0.125] sums to 0.375. What does u = 0.65 pick?',
      zh: '残差 [0, 0.25, 0.125] 的和是 0.375。u = 0.65 会选到哪个？',
    },
    why: {
      en: 'Samples from max(0, p − q) without dividing by its sum: the cumulative sum never reaches 1, so every u above the residual mass falls through to the last token, which is picked far too often.',
      zh: '从 max(0, p − q) 抽样却不除以它的和：累计和到不了 1，于是大于残差质量的 u 都落到最后一个 token 上，它被选中的次数过多。',
    },
    edits: [[CORRECTED, '    tokens.push(total > 0 ? sampleFrom(residual, 1, v) : sampleFrom(pi, 1, v));']],
  },
  {
    id: 'zero-residual-unhandled',
    hint: {
      en: 'p and q equal up to 1e-10, and the draft token is still rejected. What is the residual?',
      zh: 'p 与 q 只相差 1e-10，草稿 token 却仍被拒绝：残差是什么？',
    },
    why: {
      en: 'Divides the residual by its sum even when that sum is 0 (HF does too: p_prime.div_(p_prime.sum())); rounding makes that possible when the rows agree within the tolerance, and the draw then returns token 0 whatever its probability, where the contract samples from p_i.',
      zh: '即使残差的和为 0 也照样除以它（HF 也是这样：p_prime.div_(p_prime.sum())）；两行在容差内相同时舍入会让这种情况出现，抽样于是不管概率都返回 token 0，而契约要求从 p_i 抽样。',
    },
    edits: [[CORRECTED, '    tokens.push(sampleFrom(residual, total, v));']],
  },
  {
    id: 'no-bonus-token',
    hint: {
      en: 'All K draft tokens are accepted. How many tokens does the round return?',
      zh: 'K 个草稿 token 全部被接受：这一轮返回几个 token？',
    },
    why: {
      en: 'Returns only the K accepted tokens when nothing is rejected: the target row p_K was computed in the same forward pass for free, and dropping the bonus token wastes it (each round should yield accepted + 1 tokens).',
      zh: '没有拒绝时只返回 K 个被接受的 token：目标行 p_K 是同一次前向计算里免费得到的，丢掉奖励 token 就浪费了它（每轮应产生 accepted + 1 个 token）。',
    },
    edits: [[`${BONUS}\n`, '']],
  },
  {
    id: 'bonus-row-renormalised',
    hint: {
      en: 'A last target row that sums to 1 − 9e-10 (inside the tolerance), and u right at its first entry.',
      zh: '最后一行目标分布的和为 1 − 9e-10（在容差内），u 恰好落在它的第一项附近。',
    },
    why: {
      en: 'Renormalises the target row before drawing the bonus token "to be safe": the contract samples a target row as given (the rows are probabilities already, checked to 1e-9), so a u near a prefix sum picks another token than every other implementation of the contract would.',
      zh: '“为了保险”在抽奖励 token 之前把目标行重新归一化：契约要求按原样对目标行采样（各行本来就是概率，已检查到 1e-9），于是 u 靠近某个前缀和时，它选中的 token 与契约的其他实现不同。',
    },
    edits: [
      [
        BONUS,
        '  tokens.push(sampleFrom(p[k] as number[], (p[k] as number[]).reduce((s, v) => s + v, 0), draw(uniform)));',
      ],
    ],
  },
  {
    id: 'bonus-from-draft',
    hint: {
      en: 'Which model’s distribution should the bonus token come from?',
      zh: '奖励 token 应该来自哪个模型的分布？',
    },
    why: {
      en: 'Draws the bonus token from the last draft row q_{K−1} (the draft "keeps going") instead of the target row p_K: that token was never checked by the target, so the output drifts toward the draft.',
      zh: '从最后一行草稿分布 q_{K−1} 抽奖励 token（草稿“接着往下写”），而不是从目标行 p_K：这个 token 从未经过目标检查，输出会偏向草稿。',
    },
    edits: [[BONUS, '  tokens.push(sampleFrom(q[k - 1] as number[], 1, draw(uniform)));']],
  },
  {
    id: 'target-row-off-by-one',
    hint: {
      en: 'targetProbs has K + 1 rows. Which one scores draft token i?',
      zh: 'targetProbs 有 K + 1 行：哪一行给第 i 个草稿 token 打分？',
    },
    why: {
      en: 'Scores draft token i with target row i + 1, as if row i were the distribution after token i (the logits of a forward pass are shifted by one, which is easy to apply twice): each token is judged by the wrong context.',
      zh: '用第 i + 1 行目标分布给第 i 个草稿 token 打分，好像第 i 行是 token i 之后的分布（前向计算的 logits 本来就错开一位，很容易再错开一次）：每个 token 都在错误的上下文里被评判。',
    },
    edits: [['    const pi = p[i] as number[];', '    const pi = p[i + 1] as number[];']],
  },
  {
    id: 'continues-after-rejection',
    hint: {
      en: 'The first draft token is rejected. Is the second one ever looked at?',
      zh: '第一个草稿 token 被拒绝了：第二个还会被查看吗？',
    },
    why: {
      en: 'Replaces the rejected token and keeps testing the later draft tokens: they were drafted after the rejected token, so their rows condition on a prefix that is no longer the output.',
      zh: '替换掉被拒绝的 token 后继续检验后面的草稿 token：它们是在被拒绝的 token 之后起草的，所在的行依赖一个已不再是输出的前缀。',
    },
    edits: [['    return { tokens, accepted: i };\n', '    continue;\n']],
  },
  {
    id: 'uniforms-drawn-up-front',
    hint: {
      en: 'The first token is rejected. How many times was uniform called?',
      zh: '第一个 token 就被拒绝：uniform 被调用了几次？',
    },
    why: {
      en: "Draws all K acceptance uniforms before testing any (HF's torch.rand_like over every position, Leviathan's r_1 … r_γ): the distribution is the same, but the contract draws one per tested token, so a seeded run gives other tokens and the stream goes out of step.",
      zh: '在检验任何 token 之前就抽好全部 K 个接受用的均匀数（HF 对所有位置用 torch.rand_like，Leviathan 的 r_1 … r_γ）：分布不变，但契约要求每检验一个 token 抽一个，所以带种子的运行会得到不同的 token，随机流也会错位。',
    },
    edits: [
      [
        '  const tokens: number[] = [];\n',
        '  const tokens: number[] = [];\n  const us = draftTokens.map(() => draw(uniform));\n',
      ],
      ['    const u = draw(uniform);\n', '    const u = us[i] as number;\n'],
    ],
  },
  {
    id: 'zero-draft-probability-accepted',
    hint: {
      en: 'A draft token whose draft probability is 0: what is p/q, and what should happen?',
      zh: '一个草稿概率为 0 的草稿 token：p/q 是多少？应该怎样处理？',
    },
    why: {
      en: 'Skips the q_i(x_i) > 0 check: the draft cannot have sampled such a token, so the inputs are inconsistent (a wrong row or token upstream), and p/0 = Infinity silently accepts it where the contract asks for a RangeError.',
      zh: '省掉了 q_i(x_i) > 0 的检查：草稿不可能采样出这样的 token，说明输入不一致（上游的行或 token 错了），而 p/0 = Infinity 会静默地接受它，契约要求抛出 RangeError。',
    },
    edits: [
      [
        '    if ((q[i] as number[])[x] === 0) {\n      throw new RangeError(`draftTokens[${i}] = ${x} has draft probability 0: the draft could not have sampled it`);\n    }\n',
        '',
      ],
    ],
  },
  {
    id: 'sum-unchecked',
    hint: {
      en: 'Pass a row that sums to 1.5, or to 0.75.',
      zh: '传入一行和为 1.5 或 0.75 的分布。',
    },
    why: {
      en: 'Checks each entry but not that a row sums to 1: logits or unnormalised scores passed by mistake are silently treated as probabilities, where the contract asks for a RangeError beyond 1e-9.',
      zh: '检查了每一项却没检查一行的和是否为 1：误传的 logits 或未归一化的分数被静默地当作概率，而契约要求和偏离超过 1e-9 时抛出 RangeError。',
    },
    edits: [
      [
        '  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new RangeError(`${name} sums to ${sum}, expected 1 (within 1e-9)`);\n',
        '',
      ],
    ],
  },
  {
    id: 'fallback-last-index',
    base: 'alt-scaled',
    hint: {
      en: 'A bonus row of ten 0.1s followed by a 0, and u just below 1.',
      zh: '奖励行是十个 0.1 再加一个 0，u 取刚好小于 1 的数。',
    },
    why: {
      en: 'When rounding leaves the prefix sum at or below u·W (ten 0.1s add up to 0.9999999999999999), returns the last index of the vocabulary, which may be a token of probability 0; the contract returns the last token with positive probability.',
      zh: '当舍入使前缀和小于或等于 u·W 时（十个 0.1 相加得到 0.9999999999999999），返回词表的最后一个下标，而它可能是概率为 0 的 token；契约要求返回最后一个概率为正的 token。',
    },
    edits: [['  return chosen;\n}', '  return threshold < prefix ? chosen : weights.length - 1;\n}']],
  },
  {
    id: 'inverse-cdf-ties-down',
    base: 'alt-scaled',
    hint: {
      en: 'The bonus row [0.25, 0.5, 0.25] and u = 0.25 exactly. Which token?',
      zh: '奖励行 [0.25, 0.5, 0.25]，u 恰好为 0.25：选哪个 token？',
    },
    why: {
      en: 'Picks the first index with u·W ≤ prefix sum instead of <: at a u that equals a prefix sum it returns the token below; the inverse CDF of the sampling kata is strict.',
      zh: '取第一个满足 u·W ≤ 前缀和的下标而不是 <：u 等于某个前缀和时返回它前面的 token；sampling kata 的逆 CDF 是严格小于。',
    },
    edits: [['    if (threshold < prefix) break;', '    if (threshold <= prefix) break;']],
  },
]);
