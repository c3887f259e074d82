import { defineZoo } from '../../src/kit/zoo.ts';

const SCORE = 'score: sum / position ** lengthPenalty';

export default defineZoo([
  {
    id: 'penalty-multiplies',
    hint: {
      en: 'With lengthPenalty 1, is a finished hypothesis scored by its average log-prob?',
      zh: 'lengthPenalty 为 1 时，结束的假设的分数是平均 log-prob 吗？',
    },
    why: {
      en: 'Multiplies the sum by len ** lengthPenalty instead of dividing: a negative sum times a larger length is more negative, so the "penalty" punishes long hypotheses twice instead of normalising them (HF: sum_logprobs / len ** length_penalty).',
      zh: '把 sum 乘以 len ** lengthPenalty 而不是除以它：负的 sum 乘上更大的长度更负，于是这个“惩罚”对长假设加倍惩罚，而不是做归一化（HF：sum_logprobs / len ** length_penalty）。',
    },
    edits: [[SCORE, 'score: sum * position ** lengthPenalty']],
  },
  {
    id: 'length-excludes-eos',
    hint: {
      en: 'Which tokens count in the length of a hypothesis that ended with EOS?',
      zh: '以 EOS 结束的假设，长度里算了哪些 token？',
    },
    why: {
      en: "Leaves the EOS token out of the length (as vLLM's old get_beam_search_score did); the contract, like HF's current _beam_search (cur_len + 1 − prompt length), counts it, so EOS-ended hypotheses get another score and a lone [EOS] divides by 0.",
      zh: '长度里不算 EOS（vLLM 旧的 get_beam_search_score 就是这样）；契约与 HF 现在的 _beam_search（cur_len + 1 − prompt 长度）一样把它算进去，所以以 EOS 结束的假设分数不同，单独一个 [EOS] 还会除以 0。',
    },
    edits: [[SCORE, 'score: sum / (token === eos ? position - 1 : position) ** lengthPenalty']],
  },
  {
    id: 'length-includes-prompt',
    hint: {
      en: 'Give a prompt of a few tokens and a lengthPenalty other than 0. What is the length?',
      zh: '给一个有几个 token 的 prompt，lengthPenalty 不为 0：长度是多少？',
    },
    why: {
      en: 'Divides by (prompt + generated) length, as HF did before it subtracted decoder_prompt_len (hyp.shape[-1] of a decoder-only model holds the prompt too): the prompt is not part of what was generated, and long prompts flatten every score.',
      zh: '除以（prompt + 生成部分）的长度，就像 HF 在减去 decoder_prompt_len 之前那样（decoder-only 模型的 hyp.shape[-1] 包含 prompt）：prompt 不是生成出来的，长 prompt 会把所有分数压平。',
    },
    edits: [[SCORE, 'score: sum / (prompt.length + position) ** lengthPenalty']],
  },
  {
    id: 'length-penalty-ignored',
    hint: {
      en: 'Compare lengthPenalty 0, 1 and 2 on the same step function.',
      zh: '在同一个 step 函数上比较 lengthPenalty 为 0、1、2 的结果。',
    },
    why: {
      en: 'Always divides by the length (the average log-prob), whatever lengthPenalty is: 0 should give the raw sum, 2 should favour long hypotheses more, −1 short ones.',
      zh: '不管 lengthPenalty 是多少都除以长度（平均 log-prob）：0 应当是原始 sum，2 应当更偏向长假设，−1 偏向短假设。',
    },
    edits: [[SCORE, 'score: sum / position']],
  },
  {
    id: 'eos-keeps-running',
    hint: {
      en: 'After a beam emits EOS, is step ever called on a prefix that ends with EOS?',
      zh: '一个束生成 EOS 之后，step 还会在以 EOS 结尾的前缀上被调用吗？',
    },
    why: {
      en: 'An EOS candidate joins the pool and also stays a running beam, so the search continues after EOS and fills beams with hypotheses that are already over (HF sets their running score to −1e9 so they never continue).',
      zh: 'EOS 候选进入池子的同时还留在运行的束里，于是搜索在 EOS 之后继续，用已经结束的假设占据束的位置（HF 把它们的运行分数设为 −1e9，不让它们继续）。',
    },
    edits: [
      [
        '      } else if (next.length < numBeams) {',
        '      }\n      if (position < maxNewTokens && next.length < numBeams) {',
      ],
    ],
  },
  {
    id: 'every-eos-finishes',
    hint: {
      en: 'One beam, and EOS is the second best token at the first position.',
      zh: '只有一个束，第一个位置上 EOS 是第二好的 token。',
    },
    why: {
      en: 'Lets every EOS candidate finish, also those ranked at or below numBeams; HF finishes only EOS candidates among the top num_beams (top_num_beam_mask): the rest exist only so that num_beams beams can go on. With numBeams 1 this is no longer greedy.',
      zh: '让每个 EOS 候选都结束，包括排名在 numBeams 之后的；HF 只让前 num_beams 名里的 EOS 候选结束（top_num_beam_mask）：其余候选只是为了让 num_beams 个束能继续。numBeams 为 1 时这就不再是贪心了。',
    },
    edits: [['        if (rank < numBeams) pool.push(', '        pool.push(']],
  },
  {
    id: 'no-refill',
    hint: {
      en: 'When one of the top numBeams candidates is EOS, how many beams run at the next position?',
      zh: '当前 numBeams 名候选中有一个是 EOS 时，下一个位置有几个束在运行？',
    },
    why: {
      en: 'Takes the next beams only from the first numBeams ranks, so every EOS among them leaves a beam empty; HF keeps the top 2·num_beams so that num_beams unfinished beams always go on.',
      zh: '只从前 numBeams 名里取下一轮的束，于是其中每有一个 EOS 就少一个束；HF 保留前 2·num_beams 个候选，正是为了总有 num_beams 个未结束的束继续。',
    },
    edits: [['      } else if (next.length < numBeams) {', '      } else if (rank < numBeams) {']],
  },
  {
    id: 'last-logprob-only',
    hint: {
      en: 'Is a candidate ranked by its whole prefix or by its last token?',
      zh: '候选是按整个前缀排名，还是只按最后一个 token？',
    },
    why: {
      en: "Ranks a candidate by the new token's log-prob alone instead of the beam's cumulative sum plus it: that is greedy per beam, not beam search, and the score is no longer the sequence log-prob.",
      zh: '只用新 token 的 log-prob 给候选排名，而不是束的累计 sum 加上它：这是每个束各自贪心，不是束搜索，分数也不再是整个序列的 log-prob。',
    },
    edits: [['sum: sum + logProb', 'sum: logProb']],
  },
  {
    id: 'ties-token-first',
    hint: {
      en: 'A step that returns the same log-prob for every token: which two candidates are first?',
      zh: '一个对所有 token 返回同样 log-prob 的 step：排在前两名的是哪两个候选？',
    },
    why: {
      en: 'Breaks equal sums by token id before beam index; the contract orders them like the flat index beam·V + token of HF’s topk over num_beams·V scores: lower beam first, then lower token.',
      zh: 'sum 相等时先比 token id 再比束下标；契约按 HF 在 num_beams·V 个分数上做 topk 的扁平下标 beam·V + token 排序：先束下标小的，再 token 小的。',
    },
    edits: [
      ['candidates.sort((a, b) => b.sum - a.sum);', 'candidates.sort((a, b) => b.sum - a.sum || a.token - b.token);'],
    ],
  },
  {
    id: 'pool-ranked-by-raw-sum',
    hint: {
      en: 'lengthPenalty 2: is the final order the order of the returned scores?',
      zh: 'lengthPenalty 为 2：最终的顺序与返回的分数顺序一致吗？',
    },
    why: {
      en: 'Ranks finished hypotheses by their raw cumulative log-prob and only reports the penalised score: the length penalty then changes nothing but the numbers, and the result is not sorted by its own scores.',
      zh: '按原始累计 log-prob 给结束的假设排名，只在报告分数时才做惩罚：这样长度惩罚除了数字什么也不改变，结果也不是按它自己的分数排序的。',
    },
    edits: [
      [
        'pool.sort((a, b) => b.score - a.score)',
        'pool.sort((a, b) => b.score * b.tokens.length ** lengthPenalty - a.score * a.tokens.length ** lengthPenalty)',
      ],
    ],
  },
  {
    id: 'unfinished-dropped-at-end',
    hint: {
      en: 'What happens to beams that never emit EOS before maxNewTokens?',
      zh: '在 maxNewTokens 之前一直没有生成 EOS 的束会怎样？',
    },
    why: {
      en: 'Only EOS ends a hypothesis, so beams still running at maxNewTokens are thrown away (the result may even be empty); HF treats max length as a stopping criterion and finalises the top num_beams candidates there with their penalised scores.',
      zh: '只有 EOS 才算结束，于是到 maxNewTokens 时还在运行的束被丢掉了（结果甚至可能为空）；HF 把最大长度当作停止条件，在那里用惩罚后的分数结束前 num_beams 名候选。',
    },
    edits: [['      if (token === eos || position === maxNewTokens) {', '      if (token === eos) {']],
  },
  {
    id: 'no-early-stopping',
    hint: {
      en: 'numBeams hypotheses have finished but a running beam could still do better. Does the search go on?',
      zh: '已经有 numBeams 个假设结束了，但运行中的束还可能更好：搜索还继续吗？',
    },
    why: {
      en: 'Never stops early: it searches until maxNewTokens and may replace a finished hypothesis. That is early_stopping="never"-like; the contract is HF early_stopping=True, done as soon as num_beams hypotheses are finished.',
      zh: '从不提前停止：一直搜索到 maxNewTokens，可能替换掉已经结束的假设。这类似 early_stopping="never"；契约是 HF 的 early_stopping=True：一有 num_beams 个假设结束就停止。',
    },
    edits: [['    if (pool.length >= numBeams) break; // early_stopping=True: numBeams hypotheses are done\n', '']],
  },
  {
    id: 'pool-full-mid-position',
    hint: {
      en: 'The pool is one short of numBeams and two EOS candidates finish at the same position.',
      zh: '池子离 numBeams 只差一个，而同一个位置有两个 EOS 候选结束。',
    },
    why: {
      en: 'Stops adding to the pool the moment it is full, in the middle of a position, so a better hypothesis of the same position can lose to a worse one that finished earlier; HF merges all of the position’s finished candidates with the old ones and keeps the best num_beams.',
      zh: '池子一满就在一个位置的中途停止加入，于是同一位置更好的假设可能输给更早结束但更差的假设；HF 把该位置所有结束的候选与原有的合在一起，再保留最好的 num_beams 个。',
    },
    edits: [
      ['        if (rank < numBeams) pool.push(', '        if (rank < numBeams && pool.length < numBeams) pool.push('],
    ],
  },
  {
    id: 'return-count-below-num-beams',
    hint: {
      en: 'Ask for as many sequences as there are beams.',
      zh: '要求返回与束数一样多的序列。',
    },
    why: {
      en: 'Rejects numReturnSequences = numBeams (an off-by-one in the upper bound), and so numBeams 1 with the default numReturnSequences 1; HF allows num_return_sequences ≤ num_beams.',
      zh: '拒绝 numReturnSequences = numBeams（上界差一），连 numBeams 为 1、numReturnSequences 取默认值 1 也被拒绝；HF 允许 num_return_sequences ≤ num_beams。',
    },
    edits: [
      [
        "integerIn('numReturnSequences', options.numReturnSequences ?? 1, 1, numBeams)",
        "integerIn('numReturnSequences', options.numReturnSequences ?? 1, 1, numBeams - 1)",
      ],
    ],
  },
  {
    id: 'pool-ties-latest-first',
    hint: {
      en: 'Two finished hypotheses with exactly the same score: which comes first?',
      zh: '两个分数完全相同的结束假设：哪个在前？',
    },
    why: {
      en: 'Puts each newly finished hypothesis at the front of the pool, so among equal scores the latest finisher wins (what popping from the end of a stable ascending sort does); the contract keeps the order they finished in: earlier position, then rank.',
      zh: '把每个新结束的假设放到池子最前面，于是分数相同时最后结束的排在前（对稳定的升序排序从末尾 pop 就是这样）；契约保持结束的先后顺序：位置早的在前，同一位置按名次。',
    },
    edits: [['pool.push({ tokens: [...parent, token]', 'pool.unshift({ tokens: [...parent, token]']],
  },
  {
    id: 'step-output-checked-once',
    hint: {
      en: 'Let the second call of step return a NaN or a row of another length.',
      zh: '让 step 的第二次调用返回 NaN，或者返回另一个长度的数组。',
    },
    why: {
      en: 'Validates only the first output of step: a later NaN poisons the sums and a later row of another length reads undefined (NaN) or drops tokens, silently; the contract checks every output.',
      zh: '只检查 step 的第一次输出：后面的 NaN 会污染 sum，后面长度不同的数组会读到 undefined（NaN）或丢掉 token，都没有报错；契约要求检查每次输出。',
    },
    edits: [['      vocab = checkLogProbs(logProbs, vocab);', '      vocab ??= checkLogProbs(logProbs, vocab);']],
  },
  {
    id: 'copy-per-candidate',
    hint: {
      en: 'Count the work per position when the hypotheses are long and the vocabulary is large.',
      zh: '假设很长、词表很大时，数一数每个位置的工作量。',
    },
    why: {
      en: 'Copies the token list into every one of the numBeams·V candidates before ranking them, O(B·V·t) per position instead of copying only the numBeams kept ones; at V = 64 and 600 tokens that is about twice the budget.',
      zh: '在排名之前给 numBeams·V 个候选每个都复制一份 token 列表，每个位置 O(B·V·t)，而不是只复制被保留的 numBeams 个；V = 64、600 个 token 时约为预算的两倍。',
    },
    edits: [
      [
        'candidates.push({ beam, token, sum: sum + logProb });',
        'candidates.push({ beam, token, sum: sum + logProb, tokens: [...tokens, token] } as Candidate);',
      ],
    ],
  },
  {
    id: 'greedy-shortcut-unpenalised',
    hint: {
      en: 'numBeams 1 and lengthPenalty 1: is the score the average log-prob?',
      zh: 'numBeams 为 1、lengthPenalty 为 1 时：分数是平均 log-prob 吗？',
    },
    why: {
      en: 'Special-cases numBeams 1 as a greedy loop that returns the raw sum: the tokens are right, but greedy is beam search with one beam and its score carries the length penalty like any other.',
      zh: '把 numBeams 为 1 特殊处理成一个贪心循环，返回原始 sum：token 是对的，但贪心就是只有一个束的束搜索，它的分数和其他情况一样要带长度惩罚。',
    },
    edits: [
      [
        '  const pool: Hypothesis[] = [];\n',
        '  const pool: Hypothesis[] = [];\n  if (numBeams === 1) {\n    const tokens: number[] = [];\n    let sum = 0;\n    while (tokens.length < maxNewTokens) {\n      const logProbs = step([...prompt, ...tokens]);\n      vocab = checkLogProbs(logProbs, vocab);\n      if (eos >= vocab) throw new RangeError(`eosTokenId ${eos} is not a token of the vocabulary of ${vocab}`);\n      let best = 0;\n      for (const [token, logProb] of logProbs.entries()) if (logProb > (logProbs[best] as number)) best = token;\n      tokens.push(best);\n      sum += logProbs[best] as number;\n      if (best === eos) break;\n    }\n    return [{ tokens, score: sum }];\n  }\n',
      ],
    ],
  },
  {
    id: 'ties-higher-index-first',
    base: 'alt-backpointers',
    hint: {
      en: 'Equal cumulative log-probs: which flat index beam·V + token wins?',
      zh: '累计 log-prob 相等时：哪个扁平下标 beam·V + token 胜出？',
    },
    why: {
      en: 'Orders equal sums by the higher flat index first (a descending comparator applied to the index too): later beams and higher token ids win ties, where the contract takes the lower beam, then the lower token.',
      zh: 'sum 相等时按扁平下标大的在前（把降序比较也用在了下标上）：束下标大、token id 大的赢得并列，而契约取束下标小的、再取 token 小的。',
    },
    edits: [['return si === sj ? i - j : si > sj ? -1 : 1;', 'return si === sj ? j - i : si > sj ? -1 : 1;']],
  },
]);
