import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'penalty-divides-all',
    hint: {
      en: 'Penalise a seen token whose logit is negative. Does it become less likely?',
      zh: '惩罚一个 logit 为负的已出现 token：它真的变得更不可能了吗？',
    },
    why: {
      en: "Divides every seen logit by the penalty, negative ones too (the naive reading of 'penalise'): a negative logit divided by a penalty > 1 moves toward 0 and becomes MORE likely, −1 → −0.833 at 1.2 instead of −1.2.",
      zh: '把所有已出现 token 的 logit 都除以 penalty，负数也一样（对“惩罚”最直白的理解）：负 logit 除以大于 1 的 penalty 会向 0 靠近，反而变得更可能：penalty 1.2 时 −1 变成 −0.833，而不是 −1.2。',
    },
    edits: [
      [
        '  return logits.map((v, i) => (seen.has(i) ? (v < 0 ? v * penalty : v / penalty) : v));',
        '  return logits.map((v, i) => (seen.has(i) ? v / penalty : v));',
      ],
    ],
  },
  {
    id: 'penalty-per-occurrence',
    hint: {
      en: 'Put the same id into previous twice. How many times is it penalised?',
      zh: '让同一个 id 在 previous 里出现两次：它被惩罚了几次？',
    },
    why: {
      en: "Applies the penalty once per occurrence in previous instead of once per distinct id (that is a frequency penalty, not HF's repetition penalty): id 2 seen twice gives 0.5/1.2² = 0.347 instead of 0.417.",
      zh: '对 previous 中的每次出现都惩罚一次，而不是每个不同的 id 只惩罚一次（这是频率惩罚，不是 HF 的重复惩罚）：id 2 出现两次得到 0.5/1.2² = 0.347，而不是 0.417。',
    },
    edits: [
      [
        '  const seen = new Set(previous);\n  return logits.map((v, i) => (seen.has(i) ? (v < 0 ? v * penalty : v / penalty) : v));',
        '  const out = [...logits];\n  for (const id of previous) {\n    const v = out[id] as number;\n    out[id] = v < 0 ? v * penalty : v / penalty;\n  }\n  return out;',
      ],
    ],
  },
  {
    id: 'penalty-skips-id-check',
    hint: {
      en: 'Pass an id equal to logits.length, or −1, in previous.',
      zh: '在 previous 里放一个等于 logits.length 的 id，或者 −1。',
    },
    why: {
      en: 'Checks only that each previous id is an integer, not that it is a token of this vocabulary: an id ≥ n or < 0 silently penalises nothing where the contract asks for a RangeError (usually a tokenizer or vocabulary mismatch upstream).',
      zh: '只检查 previous 里的 id 是不是整数，没检查它是否属于这个词表：id ≥ n 或 < 0 时静默地什么都不惩罚，而契约要求抛出 RangeError（这通常意味着上游的分词器或词表对不上）。',
    },
    edits: [['    if (!Number.isInteger(id) || id < 0 || id >= n) {', '    if (!Number.isInteger(id)) {']],
  },
  {
    id: 'previous-checked-only-with-penalty',
    hint: {
      en: 'Call sampleToken with a bad id in previous but no repetitionPenalty.',
      zh: '调用 sampleToken 时在 previous 里放一个越界 id，但不传 repetitionPenalty。',
    },
    why: {
      en: 'Validates previous only inside repetitionPenalty, so without a penalty an out-of-range id (previous [2] for two logits) is accepted silently; the contract checks previous whenever it is given.',
      zh: '只在 repetitionPenalty 里校验 previous，于是没有惩罚时越界 id（两个 logit 却给 previous [2]）会被静默接受；契约要求只要给了 previous 就要检查。',
    },
    edits: [['  checkPrevious(previous, logits.length); // checked even when no penalty uses it\n', '']],
  },
  {
    id: 'rng-per-token',
    hint: {
      en: 'Count how many times sampleToken calls rng in one call.',
      zh: '数一数 sampleToken 一次调用里调用了几次 rng。',
    },
    why: {
      en: 'Draws a fresh random number per token (sequential Bernoulli with renormalisation): the distribution is right, but it is not one draw per call, so the same seed gives other tokens and a caller sharing the generator goes out of step.',
      zh: '每个 token 都重新抽一个随机数（逐个伯努利试验并重新归一化）：分布是对的，但不是每次调用只抽一次，所以同一个种子会得到不同的 token，共用这个随机数生成器的调用方也会错位。',
    },
    edits: [
      [
        "  const u = rng();\n  if (typeof u !== 'number') throw new TypeError(`rng() must return a number, got ${typeof u}`);\n  if (!(u >= 0 && u < 1)) throw new RangeError(`rng() must return a number in [0, 1), got ${u}`);\n  let cumulative = 0;\n  let last = 0;\n  for (const [i, q] of probs.entries()) {\n    if (q === 0) continue;\n    cumulative += q;\n    last = i;\n    if (u < cumulative) return i;\n  }",
        "  let remaining = 1;\n  let last = 0;\n  for (const [i, q] of probs.entries()) {\n    if (q === 0) continue;\n    last = i;\n    const u = rng();\n    if (typeof u !== 'number') throw new TypeError(`rng() must return a number, got ${typeof u}`);\n    if (!(u >= 0 && u < 1)) throw new RangeError(`rng() must return a number in [0, 1), got ${u}`);\n    if (u * remaining < q) return i;\n    remaining -= q;\n  }",
      ],
    ],
  },
  {
    id: 'rng-unchecked',
    hint: {
      en: 'What does sampleToken return when rng() gives 1, −0.5 or NaN?',
      zh: '当 rng() 返回 1、−0.5 或 NaN 时，sampleToken 返回什么？',
    },
    why: {
      en: 'Trusts rng() to stay in [0, 1): u = 1 or NaN walks off the end and returns the last token, u = −0.5 returns the first, a silent answer from a broken generator where the contract asks for a RangeError.',
      zh: '相信 rng() 一定在 [0, 1) 内：u = 1 或 NaN 会走到末尾返回最后一个 token，u = −0.5 返回第一个——随机数生成器坏了却静默给出答案，而契约要求抛出 RangeError。',
    },
    edits: [
      ['  if (!(u >= 0 && u < 1)) throw new RangeError(`rng() must return a number in [0, 1), got ${u}`);\n', ''],
    ],
  },
  {
    id: 'sampling-in-sorted-order',
    hint: {
      en: 'In which order does the draw walk the probabilities?',
      zh: '抽样时按什么顺序累加概率？',
    },
    why: {
      en: 'Walks the CDF in descending-probability order (left over from the sorted top-p code) instead of vocabulary index order: the distribution is the same, but the same u picks a different token, so a seeded run is not reproducible against HF.',
      zh: '按概率从大到小累加 CDF（从排过序的 top-p 代码沿用过来），而不是按词表下标顺序：分布没变，但同一个 u 会选到不同的 token，带种子的结果无法与 HF 对齐。',
    },
    edits: [
      [
        '  for (const [i, q] of probs.entries()) {\n    if (q === 0) continue;\n    cumulative += q;',
        '  const sorted = probs.map((q, i) => [i, q] as const).sort((a, b) => b[1] - a[1]);\n  for (const [i, q] of sorted) {\n    if (q === 0) continue;\n    cumulative += q;',
      ],
    ],
  },
  {
    id: 'fallback-last-index',
    hint: {
      en: 'Ten equal logits, two removed tokens after them, and u just below 1.',
      zh: '十个相等的 logit，后面再跟两个被移除的 token，u 取刚好小于 1 的数。',
    },
    why: {
      en: 'When rounding leaves the prefix sum below u (ten probabilities of 0.1 add up to 0.9999999999999999), it returns the last index of the vocabulary, which may be a token top-k or top-p removed; the contract returns the last token with positive probability.',
      zh: '当舍入使累计和小于 u 时（十个 0.1 相加得到 0.9999999999999999），它返回词表的最后一个下标，而那可能是被 top-k 或 top-p 移除的 token；契约要求返回最后一个概率为正的 token。',
    },
    edits: [
      [
        '  return last; // u ≥ the rounded total: the last token with positive probability',
        '  return probs.length - 1; // u ≥ the rounded total',
      ],
    ],
  },
  {
    id: 'temperature-after-top-p',
    hint: {
      en: 'Where does temperature sit in the processing order?',
      zh: '温度在处理顺序中排在哪里？',
    },
    why: {
      en: 'Applies temperature after the filters: the nucleus is chosen on the unscaled distribution, so a low temperature no longer narrows it ([1,2,3,4], t = 0.5, top-p 0.7 keeps ids 2 and 3 instead of 3 alone). HF runs temperature → top-k → top-p.',
      zh: '在过滤之后才应用温度：nucleus 是在未缩放的分布上选出的，低温度不再让它变窄（[1,2,3,4]、t = 0.5、top-p 0.7 保留了 id 2 和 3，而不是只有 3）。HF 的顺序是温度 → top-k → top-p。',
    },
    edits: [
      [
        '  if (opts.temperature !== undefined) scores = applyTemperature(scores, opts.temperature);\n  if (opts.topK !== undefined) scores = topKFilter(scores, opts.topK);\n  if (opts.topP !== undefined) scores = topPFilter(scores, opts.topP);',
        '  if (opts.topK !== undefined) scores = topKFilter(scores, opts.topK);\n  if (opts.topP !== undefined) scores = topPFilter(scores, opts.topP);\n  if (opts.temperature !== undefined) scores = applyTemperature(scores, opts.temperature);',
      ],
    ],
  },
  {
    id: 'temperature-zero-is-greedy',
    hint: {
      en: 'What does applyTemperature do with t = 0?',
      zh: 'applyTemperature 遇到 t = 0 时做了什么？',
    },
    why: {
      en: 'Treats t = 0 as greedy decoding (keeps only the maximum) instead of throwing RangeError: greedy is a separate mode in generate, and dividing by 0 is not defined, so the contract rejects it.',
      zh: '把 t = 0 当作贪心解码（只保留最大值），而不是抛出 RangeError：贪心在 generate 里是单独的模式，除以 0 没有定义，所以契约拒绝它。',
    },
    edits: [
      [
        "  if (typeof t !== 'number')",
        "  if (t === 0) {\n    const max = Math.max(...logits);\n    return logits.map((v) => (v === max ? v : NEG));\n  }\n  if (typeof t !== 'number')",
      ],
    ],
  },
  {
    id: 'top-k-after-top-p',
    hint: {
      en: 'Which filter runs first when both topK and topP are given?',
      zh: '同时给出 topK 和 topP 时，哪个过滤器先执行？',
    },
    why: {
      en: 'Applies top-p before top-k: the nucleus is measured on the full distribution instead of the one top-k left ([1,2,3,4], top-k 2, top-p 0.7 keeps ids 2 and 3 instead of 3 alone).',
      zh: '先做 top-p 再做 top-k：nucleus 是在完整分布上量出来的，而不是在 top-k 剩下的分布上（[1,2,3,4]、top-k 2、top-p 0.7 保留了 id 2 和 3，而不是只有 3）。',
    },
    edits: [
      [
        '  if (opts.topK !== undefined) scores = topKFilter(scores, opts.topK);\n  if (opts.topP !== undefined) scores = topPFilter(scores, opts.topP);',
        '  if (opts.topP !== undefined) scores = topPFilter(scores, opts.topP);\n  if (opts.topK !== undefined) scores = topKFilter(scores, opts.topK);',
      ],
    ],
  },
  {
    id: 'top-k-drops-ties',
    hint: {
      en: 'Try logits tied with the k-th largest value: [1,3,3,3], k = 2.',
      zh: '试试与第 k 大的值相等的 logit：[1,3,3,3]，k = 2。',
    },
    why: {
      en: 'Keeps exactly k indices after a sort, so tokens tied with the k-th value are dropped; HF keeps every score ≥ the k-th value: [1,3,3,3], k = 2 keeps two 3s instead of three.',
      zh: '排序后恰好保留 k 个下标，于是与第 k 大值相等的 token 被丢掉了；HF 保留所有 ≥ 第 k 大值的分数：[1,3,3,3]、k = 2 只留下两个 3，而不是三个。',
    },
    edits: [
      [
        '  const sorted = [...logits].sort((a, b) => b - a);\n  const kth = sorted[Math.min(k, sorted.length) - 1] as number;\n  return logits.map((v) => (v < kth ? NEG : v));',
        '  const top = new Set(\n    logits\n      .map((_, i) => i)\n      .sort((a, b) => (logits[b] as number) - (logits[a] as number))\n      .slice(0, k),\n  );\n  return logits.map((v, i) => (top.has(i) ? v : NEG));',
      ],
    ],
  },
  {
    id: 'top-k-floors-k',
    hint: {
      en: 'Pass k = 1.5.',
      zh: '传入 k = 1.5。',
    },
    why: {
      en: 'Accepts a fractional k and rounds it down (Math.floor), so k = 1.5 keeps one token; the contract says k is an integer and a fractional one is a caller bug that must throw RangeError.',
      zh: '接受小数 k 并向下取整（Math.floor），于是 k = 1.5 只保留一个 token；契约规定 k 是整数，小数 k 是调用方的错误，必须抛出 RangeError。',
    },
    edits: [
      ['  if (!(Number.isInteger(k) && k >= 1)) throw', '  if (!(k >= 1)) throw'],
      [
        '  const kth = sorted[Math.min(k, sorted.length) - 1] as number;',
        '  const kth = sorted[Math.min(Math.floor(k), sorted.length) - 1] as number;',
      ],
    ],
  },
  {
    id: 'top-k-mutates-input',
    hint: {
      en: "Look at the caller's logits array after topKFilter returns.",
      zh: 'topKFilter 返回后，看看调用方传入的 logits 数组。',
    },
    why: {
      en: "Writes −∞ into the caller's logits array in place (it saves an allocation), so the input is mutated: the caller's unfiltered logits are gone, and a frozen array throws.",
      zh: '直接把 −∞ 写进调用方的 logits 数组（省一次分配），输入因此被修改：调用方未过滤的 logits 丢失了，传入冻结数组时还会抛错。',
    },
    edits: [
      [
        '  return logits.map((v) => (v < kth ? NEG : v));',
        '  logits.forEach((v, i) => {\n    if (v < kth) logits[i] = NEG;\n  });\n  return logits;',
      ],
    ],
  },
  {
    id: 'top-k-count-larger',
    hint: {
      en: 'Right answers: count the steps of topKFilter on 2·10^4 logits.',
      zh: '答案都对：数一数 topKFilter 处理 2·10^4 个 logit 用了多少步。',
    },
    why: {
      en: 'Keeps a logit when fewer than k logits are strictly larger, counting them with a filter for every logit: the rule is right, but it is O(n²), 4·10^8 steps for n = 2·10^4, where one sort is O(n log n).',
      zh: '对每个 logit 都用 filter 数一遍严格更大的 logit，少于 k 个就保留：规则是对的，但复杂度是 O(n²)，n = 2·10^4 时要 4·10^8 步，而一次排序只需 O(n log n)。',
    },
    edits: [
      [
        '  const sorted = [...logits].sort((a, b) => b - a);\n  const kth = sorted[Math.min(k, sorted.length) - 1] as number;\n  return logits.map((v) => (v < kth ? NEG : v));',
        '  return logits.map((v) => (logits.filter((w) => w > v).length < k ? v : NEG));',
      ],
    ],
  },
  {
    id: 'top-p-drops-crossing-token',
    hint: {
      en: 'Probabilities [.15, .3, .3, .25] with p = 0.8: is the 0.25 kept?',
      zh: '概率为 [.15, .3, .3, .25]、p = 0.8 时，0.25 那个 token 保留了吗？',
    },
    why: {
      en: 'Stops before the token whose probability pushes the mass past p, so the kept mass is < p; HF keeps the crossing token: [.15,.3,.3,.25] at p = 0.8 loses the 0.25.',
      zh: '在让累计质量越过 p 的那个 token 之前就停下，保留的质量因此小于 p；HF 会保留这个越界的 token：[.15,.3,.3,.25] 在 p = 0.8 时丢掉了 0.25。',
    },
    edits: [
      [
        '    if (mass >= p && rank >= minKeep) break;\n    keep.add(i);\n    mass += probs[i] as number;',
        '    mass += probs[i] as number;\n    if (mass > p && rank >= minKeep) break;\n    keep.add(i);',
      ],
    ],
  },
  {
    id: 'top-p-ties-by-higher-index',
    hint: {
      en: 'Try top-p on equal logits: [0, 0, 0] with p = 0.5.',
      zh: '在相等的 logit 上试 top-p：[0, 0, 0]、p = 0.5。',
    },
    why: {
      en: 'Sorts ascending and reverses, which puts the higher index first among equal probabilities, against the pinned convention that the lower index counts as more probable: [0,0,0] at p = 0.5 keeps ids 1 and 2 instead of 0 and 1.',
      zh: '先升序排序再反转，于是概率相等时下标大的排在前面，违反了“下标小的视为概率更大”的约定：[0,0,0] 在 p = 0.5 时保留了 id 1 和 2，而不是 0 和 1。',
    },
    edits: [
      [
        '  const order = probs.map((_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number));',
        '  const order = probs\n    .map((_, i) => i)\n    .sort((a, b) => (probs[a] as number) - (probs[b] as number))\n    .reverse();',
      ],
    ],
  },
  {
    id: 'top-p-unsorted',
    hint: {
      en: 'In which order does top-p add up the probability mass?',
      zh: 'top-p 按什么顺序累加概率质量？',
    },
    why: {
      en: 'Accumulates the nucleus mass in vocabulary index order instead of by descending probability (the sort is forgotten): [1,2,3,4] at p = 0.5 keeps ids 0 to 3 instead of 3 alone.',
      zh: '按词表下标顺序而不是按概率从大到小累加 nucleus 的质量（忘了排序）：[1,2,3,4] 在 p = 0.5 时保留了 id 0 到 3，而不是只有 3。',
    },
    edits: [
      [
        '  const order = probs.map((_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number));',
        '  const order = probs.map((_, i) => i);',
      ],
    ],
  },
  {
    id: 'top-p-selection',
    hint: {
      en: 'Right answers: count the steps of topPFilter on 2·10^4 logits with p = 0.9.',
      zh: '答案都对：数一数 p = 0.9 时 topPFilter 处理 2·10^4 个 logit 用了多少步。',
    },
    why: {
      en: 'Builds the nucleus by repeatedly scanning for the most probable token not yet kept (selection without a sort): O(n·K) for a nucleus of K tokens, which is O(n²) when p is large or the distribution is flat.',
      zh: '反复扫描整个词表，找出尚未保留的最可能 token 来构造 nucleus（不排序的选择法）：nucleus 有 K 个 token 时是 O(n·K)，p 较大或分布较平时就是 O(n²)。',
    },
    edits: [
      [
        '  const order = probs.map((_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number));\n  const keep = new Set<number>();\n  let mass = 0;\n  for (const [rank, i] of order.entries()) {\n    if (mass >= p && rank >= minKeep) break;\n    keep.add(i);\n    mass += probs[i] as number;\n  }',
        '  const keep = new Set<number>();\n  let mass = 0;\n  while (keep.size < probs.length && !(mass >= p && keep.size >= minKeep)) {\n    let best = -1;\n    for (let i = 0; i < probs.length; i++) {\n      if (!keep.has(i) && (best < 0 || (probs[i] as number) > (probs[best] as number))) best = i;\n    }\n    keep.add(best);\n    mass += probs[best] as number;\n  }',
      ],
    ],
  },
  {
    id: 'penalty-includes',
    hint: {
      en: 'Right answers: count the steps of repetitionPenalty with 5000 previous ids.',
      zh: '答案都对：数一数 previous 有 5000 个 id 时 repetitionPenalty 用了多少步。',
    },
    why: {
      en: 'Asks previous.includes(i) for every logit instead of building a set once: O(n·m), 10^8 steps for n = 2·10^4 logits and m = 5000 previous tokens, where O(n + m) suffices.',
      zh: '对每个 logit 都调用 previous.includes(i)，而不是先建一次 Set：复杂度 O(n·m)，n = 2·10^4、m = 5000 时要 10^8 步，而 O(n + m) 就够了。',
    },
    edits: [
      [
        '  const seen = new Set(previous);\n  return logits.map((v, i) => (seen.has(i) ?',
        '  return logits.map((v, i) => (previous.includes(i) ?',
      ],
    ],
  },
  {
    id: 'softmax-sum-per-entry',
    hint: {
      en: 'Right answers: count the steps of the softmax on 2·10^4 logits.',
      zh: '答案都对：数一数对 2·10^4 个 logit 做 softmax 用了多少步。',
    },
    why: {
      en: 'Recomputes the normalising sum inside the map, once per entry: the probabilities are right but the softmax is O(n²), so top-p and every sampleToken call are quadratic in the vocabulary size.',
      zh: '在 map 里为每个元素重新计算一遍归一化的和：概率是对的，但 softmax 变成了 O(n²)，于是 top-p 和每次 sampleToken 调用都随词表大小平方增长。',
    },
    edits: [
      [
        '  const total = exps.reduce((s, e) => s + e, 0);\n  return exps.map((e) => e / total);',
        '  return exps.map((e) => e / exps.reduce((s, x) => s + x, 0));',
      ],
    ],
  },
  {
    id: 'no-logit-check',
    hint: {
      en: 'Pass a NaN or a +Infinity among the logits.',
      zh: '在 logits 里放一个 NaN 或 +Infinity。',
    },
    why: {
      en: 'Checks only that the logits are numbers, so NaN and +Infinity pass: they come out as NaN probabilities or a silently wrong filter (a NaN breaks the sort), where the contract asks for a RangeError.',
      zh: '只检查 logits 是不是数字，NaN 和 +Infinity 就混了进去：结果是 NaN 概率或者静默出错的过滤（NaN 会让排序失效），而契约要求抛出 RangeError。',
    },
    edits: [
      [
        '    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY) {\n      throw new RangeError(`logits[${i}] must be finite or -Infinity, got ${v}`);\n    }\n',
        '',
      ],
    ],
  },
  {
    id: 'hf-cumsum-strict',
    base: 'alt-hf',
    hint: {
      en: 'Top-p where a prefix reaches p exactly: [0, 0, 0, 0] with p = 0.5.',
      zh: '某个前缀恰好达到 p 时的 top-p：[0, 0, 0, 0]、p = 0.5。',
    },
    why: {
      en: 'The port of TopPLogitsWarper removes tokens while cumsum < 1 − p instead of ≤ 1 − p: when a prefix mass equals p exactly, one extra token survives ([0,0,0,0] at p = 0.5 keeps three tokens instead of two).',
      zh: '移植 TopPLogitsWarper 时把移除条件写成 cumsum < 1 − p，而不是 ≤ 1 − p：某个前缀质量恰好等于 p 时会多留下一个 token（[0,0,0,0] 在 p = 0.5 时留下三个而不是两个）。',
    },
    edits: [['    if (cumsum > 1 - p) break;', '    if (cumsum >= 1 - p) break;']],
  },
  {
    id: 'hf-min-keep-least-probable',
    base: 'alt-hf',
    hint: {
      en: 'Which tokens does minKeep protect: [1,2,3,4], p = 0.5, minKeep 3?',
      zh: 'minKeep 保护的是哪些 token？试试 [1,2,3,4]、p = 0.5、minKeep 3。',
    },
    why: {
      en: 'In the ascending (least probable first) order it protects the first minKeep positions instead of the last: the least probable tokens are kept as well as the nucleus, so [1,2,3,4] at p = 0.5, minKeep 3 keeps all four instead of ids 1 to 3.',
      zh: '在升序（最不可能的在前）的顺序里，它保护的是前 minKeep 个位置而不是最后 minKeep 个：最不可能的 token 也和 nucleus 一起被保留了，[1,2,3,4] 在 p = 0.5、minKeep 3 时保留了全部四个，而不是 id 1 到 3。',
    },
    edits: [
      ['  const removable = ascending.length - minKeep; // the last minKeep positions are always kept\n', ''],
      ['  for (let pos = 0; pos < removable; pos++) {', '  for (let pos = 0; pos < ascending.length; pos++) {'],
      ['    out[id] = NEG;\n  }\n  return out;', '    if (pos >= minKeep) out[id] = NEG;\n  }\n  return out;'],
    ],
  },
  {
    id: 'binary-search-inclusive',
    base: 'alt-hf',
    hint: {
      en: 'Try a u that equals a prefix sum exactly: [0, 0] with u = 0.5.',
      zh: '试一个恰好等于某个前缀和的 u：[0, 0]、u = 0.5。',
    },
    why: {
      en: 'The binary search finds the first i with u ≤ prefix[i] instead of u < prefix[i]: when u lands exactly on a prefix sum it returns the token before ([0, 0] with u = 0.5 gives 0, not 1), so the draw is no longer the inverse CDF the contract pins.',
      zh: '二分查找找的是第一个满足 u ≤ prefix[i] 的 i，而不是 u < prefix[i]：u 恰好落在某个前缀和上时会返回前一个 token（[0, 0]、u = 0.5 得到 0 而不是 1），不再是契约规定的逆 CDF。',
    },
    edits: [['    if (u < (prefix[mid] as number)) hi = mid;', '    if (u <= (prefix[mid] as number)) hi = mid;']],
  },
]);
