import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  // --- onlineSoftmaxStats -----------------------------------------------------------------------
  {
    id: 'stats-m-starts-at-zero',
    base: 'alt-kv-outer',
    hint: {
      en: 'Try logits that are all far below zero, such as [−1000, −1001, −1002].',
      zh: '试试全都远小于 0 的 logit，比如 [−1000, −1001, −1002]。',
    },
    why: {
      en: 'Starts the running max at 0 instead of −∞ ("logits are around 0 anyway"): for [−1000, −1001, −1002] the max reports 0 and every e^{x−0} underflows, so sumExp = 0 and the log-sum-exp is −∞ instead of −999.592394.',
      zh: '把当前最大值的初值设成 0 而不是 −∞（“logit 反正都在 0 附近”）：对 [−1000, −1001, −1002]，max 报告 0，每个 e^{x−0} 都下溢，sumExp = 0，log-sum-exp 变成 −∞ 而不是 −999.592394。',
    },
    edits: [
      [
        '  let m = Number.NEGATIVE_INFINITY;\n  let l = 0;\n  for (let start',
        '  let m = 0;\n  let l = 0;\n  for (let start',
      ],
    ],
  },
  {
    id: 'stats-inverted-rescale',
    base: 'alt-kv-outer',
    hint: {
      en: 'When a later block raises the max, what happens to the sum kept so far?',
      zh: '后面的块把最大值抬高时，之前累积的和会怎样？',
    },
    why: {
      en: 'Rescales the old sum by e^{m′−m} instead of e^{m−m′} (the exponent flipped; the first block is guarded so that m = −∞ does not give e^{+∞}): earlier blocks are inflated instead of shrunk, so [1, 2, 3, 4] with blockSize 2 gives sumExp 8.39 instead of 1.553.',
      zh: '旧的和乘的是 e^{m′−m} 而不是 e^{m−m′}（指数符号反了；第一块做了保护，m = −∞ 时不会得到 e^{+∞}）：之前的块被放大而不是缩小，[1, 2, 3, 4]、blockSize 2 得到 sumExp 8.39 而不是 1.553。',
    },
    edits: [
      [
        '    l = l * Math.exp(m - next) + sum;',
        '    l = l * Math.exp(m === Number.NEGATIVE_INFINITY ? 0 : next - m) + sum;',
      ],
    ],
  },
  {
    id: 'stats-nan-on-masked-block',
    base: 'alt-kv-outer',
    hint: {
      en: 'Try x that starts with a whole block of −Infinity (masked logits).',
      zh: '试试开头整整一块都是 −Infinity（被掩码的 logit）的 x。',
    },
    why: {
      en: 'Does not skip a block whose elements are all −∞ while the running max is still −∞: e^{−∞ − (−∞)} = e^{NaN}, and the NaN poisons the sum for good ([−∞, −∞, 0, 1] with blockSize 2).',
      zh: '当前最大值仍是 −∞ 时，没有跳过元素全为 −∞ 的块：e^{−∞ − (−∞)} = e^{NaN}，这个 NaN 会永远污染累加和（[−∞, −∞, 0, 1]、blockSize 2）。',
    },
    edits: [['    if (next === Number.NEGATIVE_INFINITY) continue; // every logit so far is masked\n', '']],
  },
  {
    id: 'stats-recompute-per-block',
    hint: {
      en: 'Right answers: count the steps for n = 4000 and blockSize 1.',
      zh: '答案都对：数一数 n = 4000、blockSize 1 时走了多少步。',
    },
    why: {
      en: 'When a block raises the max it sums e^{x − m′} again over every element seen so far instead of rescaling the old sum by e^{m − m′}: the numbers are right, but the work is O(n²/blockSize), 8·10^6 steps for n = 4000 and blockSize 1 where one pass takes about 2n.',
      zh: '某块抬高最大值后，它对目前见过的所有元素重新求 e^{x − m′} 的和，而不是把旧的和乘以 e^{m − m′}：数值是对的，但工作量是 O(n²/blockSize)，n = 4000、blockSize 1 时约 8·10^6 步，而一遍扫描只需约 2n 步。',
    },
    edits: [
      [
        '    for (let i = start; i < end; i++) sum += Math.exp((x[i] as number) - next);\n    l = l * Math.exp(m - next) + sum;',
        '    for (let i = 0; i < end; i++) sum += Math.exp((x[i] as number) - next);\n    l = sum;',
      ],
    ],
  },
  {
    id: 'stats-no-element-check',
    hint: { en: "Try x = [1, NaN] and x = [1, '2'].", zh: "试试 x = [1, NaN] 和 x = [1, '2']。" },
    why: {
      en: "Trusts the type annotation and never checks the elements: [1, NaN] answers { max: NaN, sumExp: NaN } and Math.max coerces '2' to 2, silent answers where the contract asks for a RangeError and a TypeError.",
      zh: "相信类型标注，从不检查元素：[1, NaN] 返回 { max: NaN, sumExp: NaN }，Math.max 还会把 '2' 转成 2——契约要求抛出 RangeError 和 TypeError 的地方给出了无声的答案。",
    },
    edits: [
      [
        "  const value: unknown = x[i];\n  if (typeof value !== 'number') {\n    throw new TypeError(`onlineSoftmaxStats: x[${i}] must be a number, got ${typeof value}`);\n  }\n  if (Number.isNaN(value) || value === Number.POSITIVE_INFINITY) {\n    throw new RangeError(`onlineSoftmaxStats: x[${i}] must be finite or -Infinity, got ${value}`);\n  }\n  return value;",
        '  return x[i] as number;',
      ],
    ],
  },
  {
    id: 'stats-accepts-array-like',
    hint: { en: 'Try x = { length: 2, 0: 1, 1: 2 }.', zh: '试试 x = { length: 2, 0: 1, 1: 2 }。' },
    why: {
      en: 'Checks every element but not that x is an array: an array-like object such as { length: 2, 0: 1, 1: 2 } (or arguments, or a NodeList) is read as if it were one and answered, where the contract asks for a TypeError.',
      zh: '检查了每个元素，却没检查 x 是不是数组：{ length: 2, 0: 1, 1: 2 } 这样的类数组对象（或 arguments、NodeList）被当成数组读取并给出答案，而契约要求抛出 TypeError。',
    },
    edits: [
      [
        '  // Without this, an array-like object ({ length: 2, 0: 1, 1: 2 }) would be read as if it were one.\n  if (!Array.isArray(x)) throw new TypeError(`onlineSoftmaxStats: x must be an array of numbers, got ${typeof x}`);\n',
        '',
      ],
    ],
  },
  {
    id: 'stats-allows-all-masked',
    hint: {
      en: 'What does it return when every logit is −Infinity?',
      zh: '所有 logit 都是 −Infinity 时，它返回什么？',
    },
    why: {
      en: 'Skips every all-masked block, as it should, but never checks that something was left: x = [−∞, −∞] returns { max: −∞, sumExp: 0 }, a softmax of 0/0, where the contract asks for a RangeError.',
      zh: '按要求跳过了全被掩码的块，却从不检查最后是否还剩下什么：x = [−∞, −∞] 返回 { max: −∞, sumExp: 0 }，即 0/0 的 softmax，而契约要求抛出 RangeError。',
    },
    edits: [
      [
        "  // An empty x, or one whose every element is −∞, leaves m = −∞: there is nothing to normalise.\n  if (m === Number.NEGATIVE_INFINITY) throw new RangeError('onlineSoftmaxStats: x is empty or has no finite element');\n",
        '',
      ],
    ],
  },

  // --- tiledAttention: the online softmax --------------------------------------------------------
  {
    id: 'm-starts-at-zero',
    hint: {
      en: 'Try queries and keys whose scores are all far below zero.',
      zh: '试试所有分数都远小于 0 的查询和键。',
    },
    why: {
      en: 'The running row max starts at 0 instead of −∞ ("scores are around 0 anyway"): when every score of a row is near −1000, e^{S−0} underflows to 0, ℓ = 0 and the row is 0/0 = NaN.',
      zh: '每行的当前最大值初值设成 0 而不是 −∞（“分数反正在 0 附近”）：某行所有分数都在 −1000 左右时，e^{S−0} 下溢为 0，ℓ = 0，这一行就是 0/0 = NaN。',
    },
    edits: [
      [
        '          let m: tf.Tensor = tf.fill([bq, 1], Number.NEGATIVE_INFINITY);',
        '          let m: tf.Tensor = tf.fill([bq, 1], 0);',
      ],
    ],
  },
  {
    id: 'inverted-rescale',
    hint: {
      en: 'When a key block raises a row max, should the old ℓ and O grow or shrink?',
      zh: '某个键块抬高了一行的最大值时，旧的 ℓ 和 O 应该变大还是变小？',
    },
    why: {
      en: 'Rescales ℓ and O by e^{m′−m} instead of e^{m−m′} (the exponent flipped, guarded for the first block where m = −∞): the correction should shrink the old sums when the max grows, this one inflates them, so every multi-block row is wrong.',
      zh: 'ℓ 和 O 乘的是 e^{m′−m} 而不是 e^{m−m′}（指数符号反了，并在 m = −∞ 的第一块做了保护）：最大值变大时修正应当缩小旧的和，这里却放大了它们，所以跨多个块的行都是错的。',
    },
    edits: [
      [
        '              const alpha = tf.exp(m.sub(mNew));',
        '              const alpha = tf.exp(mNew.sub(m).where(m.isFinite(), 0));',
      ],
    ],
  },
  {
    id: 'rescale-l-not-o',
    hint: {
      en: 'When a key block raises a row max, look at everything that must be rescaled.',
      zh: '某个键块抬高了一行的最大值时，看看哪些量都必须重新缩放。',
    },
    why: {
      en: 'Rescales ℓ by e^{m−m′} but not the running output O, so the earlier key blocks keep weights computed against an outdated max (the two updates look alike and one gets forgotten); right with one key block, wrong with several.',
      zh: '把 ℓ 乘了 e^{m−m′}，却没有缩放当前输出 O，于是前面键块的权重还是按过时的最大值算的（两条更新长得很像，漏掉了一条）；只有一个键块时对，多个键块时错。',
    },
    edits: [
      [
        '                alpha.mul(o).add(tf.matMul(p, v.slice([ks, 0], [bk, dv]))),',
        '                o.add(tf.matMul(p, v.slice([ks, 0], [bk, dv]))),',
      ],
    ],
  },
  {
    id: 'normalise-per-block',
    hint: {
      en: 'When is O divided by ℓ, and what is added to it afterwards?',
      zh: 'O 是在什么时候除以 ℓ 的？之后又往里面加了什么？',
    },
    why: {
      en: "Divides O by ℓ after every key block (keeping a normalised O, as if each block were the whole softmax) and then still adds the next block's unnormalised e^{S−m′}V, so the blocks are weighted wrongly; with the unnormalised O of this loop the division belongs at the very end.",
      zh: '每处理完一个键块就把 O 除以 ℓ（保持归一化的 O，仿佛每块都是完整的 softmax），之后却仍加上下一块未归一化的 e^{S−m′}V，于是各块权重错了；在这个循环的未归一化 O 中，除法只应在最后做一次。',
    },
    edits: [
      [
        '              return [\n                mNew,\n                alpha.mul(l).add(p.sum(1, true)),\n                alpha.mul(o).add(tf.matMul(p, v.slice([ks, 0], [bk, dv]))),\n              ];',
        '              const lNew = alpha.mul(l).add(p.sum(1, true));\n              return [mNew, lNew, alpha.mul(o).add(tf.matMul(p, v.slice([ks, 0], [bk, dv]))).div(lNew)];',
      ],
      ['          return o.div(l) as tf.Tensor2D;', '          return o as tf.Tensor2D;'],
    ],
  },
  {
    id: 'no-scale',
    hint: {
      en: 'Compare a d = 4 case with the plain formula softmax(q·kᵀ/√d)·v.',
      zh: '拿一个 d = 4 的例子和公式 softmax(q·kᵀ/√d)·v 对比一下。',
    },
    why: {
      en: 'Forgets the 1/√d scale on the scores; softmax still sums to 1, so the outputs look plausible (a convex combination of the rows of v), but the weights are too sharp.',
      zh: '忘了给分数乘 1/√d；softmax 之和仍为 1，输出看起来很合理（仍是 v 各行的凸组合），但权重过于尖锐。',
    },
    edits: [
      ['          const qi = q.slice([qs, 0], [bq, d]).mul(scale);', '          const qi = q.slice([qs, 0], [bq, d]);'],
    ],
  },
  {
    id: 'fa1-masked-row-nan',
    base: 'alt-kv-outer',
    hint: {
      en: 'Causal, with tiles smaller than T: look at a row that sees none of the keys of a tile it visits.',
      zh: '因果掩码且分块小于 T：看看某一行访问到一个它一个键也看不到的分块时会怎样。',
    },
    why: {
      en: "FlashAttention-1's per-tile statistics take P̃ = e^{S − m̃} against the tile's own row max m̃; in a causal tile a row that sees none of its keys has m̃ = −∞, and e^{−∞ − (−∞)} is NaN. Blocks of 1 or one block hide it; Tq = Tk = 9 with 4×2 blocks shows it.",
      zh: 'FlashAttention-1 的逐块统计按分块自己的行最大值 m̃ 计算 P̃ = e^{S − m̃}；在因果分块中，一行如果看不到该块的任何键，m̃ = −∞，而 e^{−∞ − (−∞)} 是 NaN。块大小为 1 或只有一块时发现不了；Tq = Tk = 9、分块 4×2 时就会暴露。',
    },
    edits: [
      [
        '          const p = tf.exp(s.sub(tf.where(tf.isFinite(mTile), mTile, 0)));',
        '          const p = tf.exp(s.sub(mTile));',
      ],
    ],
  },
  {
    id: 'fa1-forgets-old-l',
    base: 'alt-kv-outer',
    hint: {
      en: 'The running O is normalised; before adding a new tile, what must it be multiplied by?',
      zh: '当前的 O 是归一化过的；加入新分块之前，它应该先乘以什么？',
    },
    why: {
      en: 'With a normalised O (FlashAttention-1), the update is O′ = (ℓ·e^{m−m′}·O + e^{m̃−m′}·P̃V)/ℓ′: the old O must be scaled back up by ℓ before the new tile is added. Dropping ℓ weighs all earlier key blocks together like a single key, wrong as soon as there are two key blocks.',
      zh: '在归一化的 O（FlashAttention-1）中，更新是 O′ = (ℓ·e^{m−m′}·O + e^{m̃−m′}·P̃V)/ℓ′：加入新分块前，旧的 O 必须先乘回 ℓ。漏掉 ℓ 会让之前所有键块合起来只相当于一个键的权重，一旦有两个键块就错。',
    },
    edits: [['          const o = state.l.mul(oldWeight).mul(state.o)', '          const o = oldWeight.mul(state.o)']],
  },
  {
    id: 'fa1-divides-again',
    base: 'alt-kv-outer',
    hint: {
      en: 'Is the O of this loop already normalised when the last tile is done?',
      zh: '最后一个分块处理完时，这个循环里的 O 已经归一化了吗？',
    },
    why: {
      en: 'Mixes the two formulations: this loop keeps O normalised after every tile (FlashAttention-1), yet the end still divides by ℓ as the FlashAttention-2 loop must, so every row is divided by its softmax denominator twice.',
      zh: '混用了两种写法：这个循环每个分块后都保持 O 归一化（FlashAttention-1），最后却仍像 FlashAttention-2 的循环那样再除以 ℓ，于是每一行都被 softmax 的分母除了两次。',
    },
    edits: [['      states.map((state) => state.o),', '      states.map((state) => state.o.div(state.l)),']],
  },

  // --- tiledAttention: the causal mask -----------------------------------------------------------
  {
    id: 'causal-top-left',
    hint: {
      en: 'Causal with Tq < Tk: which keys may the first query see?',
      zh: '因果掩码且 Tq < Tk 时，第一个查询可以看到哪些键？',
    },
    why: {
      en: "Aligns the causal mask top-left (j ≤ i, the square-matrix tril, as PyTorch's is_causal does) instead of bottom-right (j ≤ i + Tk − Tq): the same when Tq = Tk, wrong for a KV cache where Tq < Tk (q = 0 [2,1], v = [1,2,3,4] gives [1.5, 2] instead of [2, 2.5]).",
      zh: '因果掩码按左上对齐（j ≤ i，方阵的 tril，和 PyTorch 的 is_causal 一样），而不是右下对齐（j ≤ i + Tk − Tq）：Tq = Tk 时一样，但在 Tq < Tk 的 KV cache 场景下是错的（q = 0 [2,1]、v = [1,2,3,4] 得到 [1.5, 2] 而不是 [2, 2.5]）。',
    },
    edits: [['  const offset = tk - tq;', '  const offset = 0;']],
  },
  {
    id: 'in-block-causal',
    base: 'alt-kv-outer',
    hint: {
      en: 'Causal with tiles smaller than T: which indices does the mask compare?',
      zh: '因果掩码且分块小于 T 时：掩码比较的是哪种下标？',
    },
    why: {
      en: 'The causal mask compares in-block indices (column c > row r inside each tile) instead of absolute ones (j > i + Tk − Tq): right when there is one block, wrong as soon as the tiles are smaller than the sequence.',
      zh: '因果掩码比较的是块内下标（每个分块里列 c > 行 r），而不是全局下标（j > i + Tk − Tq）：只有一个块时是对的，分块一旦小于序列长度就错了。',
    },
    edits: [
      [
        '          if (causal) s = tf.where(future(state.qs + offset, state.bq, ks, bk), -Infinity, s);',
        '          if (causal) s = tf.where(future(0, state.bq, 0, bk), -Infinity, s);',
      ],
    ],
  },
  {
    id: 'reverse-key-order-nan',
    base: 'alt-kv-outer',
    hint: {
      en: 'Causal: which key block does each query row meet first, and what can it see there?',
      zh: '因果掩码下：每个查询行最先遇到的是哪个键块？它在那里能看到什么？',
    },
    why: {
      en: 'Walks the key blocks last to first ("the order does not matter for online softmax"), which is true without a mask; with a causal mask a row whose first visited block is all masked has m = m′ = −∞, and e^{m−m′} = e^{−∞−(−∞)} = NaN poisons ℓ and O.',
      zh: '从最后一个键块倒着走（“在线 softmax 与顺序无关”），不加掩码时确实如此；加了因果掩码后，一行若最先访问到的块全被掩码，m = m′ = −∞，e^{m−m′} = e^{−∞−(−∞)} = NaN 会污染 ℓ 和 O。',
    },
    edits: [
      [
        '    for (let ks = 0; ks < tk; ks += blockK) {',
        '    for (let ks = (Math.ceil(tk / blockK) - 1) * blockK; ks >= 0; ks -= blockK) {',
      ],
    ],
  },
  {
    id: 'js-mask',
    hint: {
      en: 'Right answers and small tensors: count the JavaScript steps of a causal call with 16×16 tiles.',
      zh: '答案正确、张量也不大：数一数分块 16×16 的因果调用走了多少步 JavaScript。',
    },
    why: {
      en: "Builds each tile's causal mask element by element in a JavaScript loop and uploads it: correct, but blockQ·blockK steps of JavaScript per tile, about 2560 for Tq = Tk = 64 at 16×16 tiles where the budget is 448; tf.range and a broadcast comparison build the same mask in two kernels.",
      zh: '在 JavaScript 循环里逐个元素构造每个分块的因果掩码再上传：结果正确，但每个分块要 blockQ·blockK 步 JavaScript，Tq = Tk = 64、分块 16×16 时约 2560 步，而预算是 448；用 tf.range 加广播比较两个 kernel 就能得到同样的掩码。',
    },
    edits: [
      [
        "  const rows = tf.range(first, first + bq, 1, 'int32').reshape([bq, 1]);\n  const cols = tf.range(ks, ks + bk, 1, 'int32').reshape([1, bk]);\n  return tf.lessEqual(cols, rows);",
        "  const mask = new Int32Array(bq * bk);\n  for (let r = 0; r < bq; r++) {\n    for (let c = 0; c < bk; c++) mask[r * bk + c] = ks + c <= first + r ? 1 : 0;\n  }\n  return tf.tensor2d(mask, [bq, bk], 'bool');",
      ],
    ],
  },
  {
    id: 'no-causal-tq-check',
    hint: { en: 'Try causal: true with more queries than keys.', zh: '试试 causal: true 且查询比键多的情况。' },
    why: {
      en: 'Never checks that causal attention has Tq ≤ Tk: with Tq > Tk the first Tq − Tk queries see no key at all, their ℓ stays 0 and their rows come out as 0/0 = NaN where the contract asks for a RangeError.',
      zh: '没有检查因果注意力要求 Tq ≤ Tk：Tq > Tk 时前 Tq − Tk 个查询一个键也看不到，它们的 ℓ 一直是 0，输出行是 0/0 = NaN，而契约要求抛出 RangeError。',
    },
    edits: [
      [
        '  if (causal && tq > tk) {\n    throw new RangeError(`tiledAttention: causal attention needs Tq <= Tk, got Tq = ${tq}, Tk = ${tk}`);\n  }\n',
        '',
      ],
    ],
  },

  // --- tiledAttention: memory and work -----------------------------------------------------------
  {
    id: 'leaks-tensors',
    hint: {
      en: 'Compare tf.memory().numTensors before and after one call.',
      zh: '比较一次调用前后的 tf.memory().numTensors。',
    },
    why: {
      en: "Concatenates the query blocks' outputs into the result but never disposes the blocks themselves: the values are right, and every call leaves ⌈Tq/blockQ⌉ tensors behind.",
      zh: '把各查询块的输出拼接成结果，却从不释放这些块本身：数值正确，但每次调用都会留下 ⌈Tq/blockQ⌉ 个张量。',
    },
    edits: [
      ['  const blocks: tf.Tensor2D[] = [];\n  try {\n', '  const blocks: tf.Tensor2D[] = [];\n  {\n'],
      [
        '    return tf.concat(blocks, 0);\n  } finally {\n    tf.dispose(blocks);\n  }',
        '    return tf.concat(blocks, 0);\n  }',
      ],
    ],
  },
  {
    id: 'one-outer-tidy',
    hint: {
      en: 'Right answers: compare the peak memory of T = 32 and T = 128 at the same 8×8 blocks.',
      zh: '答案正确：在同样 8×8 分块下，比较 T = 32 与 T = 128 时的峰值内存。',
    },
    why: {
      en: "Runs the whole loop in one tf.tidy and releases nothing as it goes, so every key block's scores, exponentials and partial outputs stay alive until the end: the values are right and nothing leaks, but peak memory grows with Tq·Tk (about 10–15× from T = 32 to 128), the very cost tiling was meant to avoid.",
      zh: '整个循环只包在一个 tf.tidy 里，中途什么都不释放，于是每个键块的分数、指数和部分输出都一直存活到最后：数值正确也没有泄漏，但峰值内存随 Tq·Tk 增长（T 从 32 到 128 约增 10–15 倍），这正是分块想要避免的代价。',
    },
    edits: [
      [
        '  const blocks: tf.Tensor2D[] = [];\n  try {\n',
        '  const blocks: tf.Tensor2D[] = [];\n  return tf.tidy(() => {\n',
      ],
      ['        tf.tidy(() => {\n          const qi', '        (() => {\n          const qi'],
      ['            const [m2, l2, o2] = tf.tidy(() => {', '            const [m2, l2, o2] = (() => {'],
      ['            });\n            tf.dispose([m, l, o]);\n', '            })();\n'],
      [
        '          return o.div(l) as tf.Tensor2D;\n        }),',
        '          return o.div(l) as tf.Tensor2D;\n        })(),',
      ],
      [
        '    return tf.concat(blocks, 0);\n  } finally {\n    tf.dispose(blocks);\n  }',
        '    return tf.concat(blocks, 0);\n  });',
      ],
    ],
  },
  {
    id: 'materialise-scores',
    hint: {
      en: 'Right answers: run it under tf.profile and look at the shapes the kernels write.',
      zh: '答案正确：在 tf.profile 下运行，看看各个 kernel 写出的张量形状。',
    },
    why: {
      en: 'Computes the full [Tq, Tk] score matrix S = q·kᵀ/√d once ("one big matMul is faster") and runs the online softmax over tiles sliced from it: the values are right, but the O(Tq·Tk) memory that tiling exists to avoid is back.',
      zh: '先一次性算出完整的 [Tq, Tk] 分数矩阵 S = q·kᵀ/√d（“一个大 matMul 更快”），再对从中切出的分块做在线 softmax：数值正确，但分块本来要避免的 O(Tq·Tk) 内存又回来了。',
    },
    edits: [
      [
        '  const blocks: tf.Tensor2D[] = [];\n',
        '  const blocks: tf.Tensor2D[] = [];\n  const scores = tf.tidy(() => tf.matMul(q, k, false, true).mul(scale));\n',
      ],
      [
        '              let s: tf.Tensor = tf.matMul(qi, k.slice([ks, 0], [bk, d]), false, true);',
        '              let s: tf.Tensor = scores.slice([qs, ks], [bq, bk]);',
      ],
      ['    tf.dispose(blocks);', '    tf.dispose([...blocks, scores]);'],
    ],
  },
  {
    id: 'ignores-block-k',
    hint: {
      en: 'Right answers: profile a call with few query rows and many keys, and look at the score shapes.',
      zh: '答案正确：对查询行少、键很多的调用做 profile，看看分数张量的形状。',
    },
    why: {
      en: 'Tiles the queries but not the keys: each query block computes its whole [blockQ, Tk] score strip and a plain softmax over it. The values are right, but with blockQ ≥ Tq the strip is the full [Tq, Tk] matrix again, and the online softmax the kata is about never happens.',
      zh: '只对查询分块、不对键分块：每个查询块算出整条 [blockQ, Tk] 分数带，再做普通 softmax。数值正确，但 blockQ ≥ Tq 时这条带就是完整的 [Tq, Tk] 矩阵，本题要练的在线 softmax 根本没有发生。',
    },
    edits: [
      [
        '          let m: tf.Tensor = tf.fill([bq, 1], Number.NEGATIVE_INFINITY);\n          let l: tf.Tensor = tf.zeros([bq, 1]);\n          let o: tf.Tensor = tf.zeros([bq, dv]);\n          for (let ks = 0; ks <= lastKey; ks += blockK) {\n            const bk = Math.min(blockK, tk - ks);\n            const [m2, l2, o2] = tf.tidy(() => {\n              let s: tf.Tensor = tf.matMul(qi, k.slice([ks, 0], [bk, d]), false, true);\n              if (causal) s = tf.where(visible(qs + offset, bq, ks, bk), s, -Infinity);\n              const mNew = tf.maximum(m, s.max(1, true));\n              // Every row sees key 0 and blocks run in order, so mNew is finite here.\n              const alpha = tf.exp(m.sub(mNew));\n              const p = tf.exp(s.sub(mNew));\n              return [\n                mNew,\n                alpha.mul(l).add(p.sum(1, true)),\n                alpha.mul(o).add(tf.matMul(p, v.slice([ks, 0], [bk, dv]))),\n              ];\n            });\n            tf.dispose([m, l, o]);\n            [m, l, o] = [m2 as tf.Tensor, l2 as tf.Tensor, o2 as tf.Tensor];\n          }\n          return o.div(l) as tf.Tensor2D;',
        '          const keys = lastKey + 1;\n          let s: tf.Tensor = tf.matMul(qi, k.slice([0, 0], [keys, d]), false, true);\n          if (causal) s = tf.where(visible(qs + offset, bq, 0, keys), s, -Infinity);\n          return tf.matMul(tf.softmax(s), v.slice([0, 0], [keys, dv])) as tf.Tensor2D;',
      ],
    ],
  },
  {
    id: 'ignores-block-q',
    hint: {
      en: 'Right answers: profile a call with many query rows and few keys, and look at the score shapes.',
      zh: '答案正确：对查询行很多、键很少的调用做 profile，看看分数张量的形状。',
    },
    why: {
      en: 'Tiles the keys but takes every query row at once (as decoding kernels do for one query): each key block makes a [Tq, blockK] score strip, which with blockK ≥ Tk is the full [Tq, Tk] matrix again; blockQ is silently ignored.',
      zh: '只对键分块，却一次处理所有查询行（解码 kernel 对单个查询就是这么做的）：每个键块产生一条 [Tq, blockK] 的分数带，blockK ≥ Tk 时它又是完整的 [Tq, Tk] 矩阵；blockQ 被悄悄忽略了。',
    },
    edits: [
      [
        '    for (let qs = 0; qs < tq; qs += blockQ) {\n      const bq = Math.min(blockQ, tq - qs);',
        '    for (let qs = 0; qs < tq; qs += tq) {\n      const bq = tq;',
      ],
    ],
  },
  {
    id: 'js-scores',
    hint: {
      en: 'Right answers and no large tensor: count the JavaScript steps of one call.',
      zh: '答案正确，也没有大张量：数一数一次调用走了多少步 JavaScript。',
    },
    why: {
      en: 'Reads q, k and v back with dataSync and runs the online softmax in JavaScript loops: the values are right and no tensor holds a score, but that is Tq·Tk·(d + dv) steps of JavaScript (32768 for Tq = Tk = 64, d = dv = 4, against a budget of 448) and a GPU-to-CPU copy of every input, the opposite of a kernel that tiles.',
      zh: '用 dataSync 把 q、k、v 读回来，再用 JavaScript 循环做在线 softmax：数值正确，也没有任何张量存分数，但这要 Tq·Tk·(d + dv) 步 JavaScript（Tq = Tk = 64、d = dv = 4 时 32768 步，预算是 448），还要把每个输入从 GPU 拷回 CPU，和分块 kernel 的思路正相反。',
    },
    edits: [
      [
        '  const scale = 1 / Math.sqrt(d);\n  const offset = tk - tq;\n  const blocks: tf.Tensor2D[] = [];\n  try {\n    for (let qs = 0; qs < tq; qs += blockQ) {\n      const bq = Math.min(blockQ, tq - qs);\n      // The last key any row of this block may see.\n      const lastKey = causal ? qs + bq - 1 + offset : tk - 1;\n      blocks.push(\n        tf.tidy(() => {\n          const qi = q.slice([qs, 0], [bq, d]).mul(scale);\n          let m: tf.Tensor = tf.fill([bq, 1], Number.NEGATIVE_INFINITY);\n          let l: tf.Tensor = tf.zeros([bq, 1]);\n          let o: tf.Tensor = tf.zeros([bq, dv]);\n          for (let ks = 0; ks <= lastKey; ks += blockK) {\n            const bk = Math.min(blockK, tk - ks);\n            const [m2, l2, o2] = tf.tidy(() => {\n              let s: tf.Tensor = tf.matMul(qi, k.slice([ks, 0], [bk, d]), false, true);\n              if (causal) s = tf.where(visible(qs + offset, bq, ks, bk), s, -Infinity);\n              const mNew = tf.maximum(m, s.max(1, true));\n              // Every row sees key 0 and blocks run in order, so mNew is finite here.\n              const alpha = tf.exp(m.sub(mNew));\n              const p = tf.exp(s.sub(mNew));\n              return [\n                mNew,\n                alpha.mul(l).add(p.sum(1, true)),\n                alpha.mul(o).add(tf.matMul(p, v.slice([ks, 0], [bk, dv]))),\n              ];\n            });\n            tf.dispose([m, l, o]);\n            [m, l, o] = [m2 as tf.Tensor, l2 as tf.Tensor, o2 as tf.Tensor];\n          }\n          return o.div(l) as tf.Tensor2D;\n        }),\n      );\n    }\n    return tf.concat(blocks, 0);\n  } finally {\n    tf.dispose(blocks);\n  }\n}\n',
        '  // Read the inputs back once and do the arithmetic in JavaScript: no tensor ever holds a score.\n  const scale = 1 / Math.sqrt(d);\n  const offset = tk - tq;\n  const [qv, kv, vv] = [q.dataSync(), k.dataSync(), v.dataSync()];\n  const out = new Float32Array(tq * dv);\n  for (let i = 0; i < tq; i++) {\n    const last = causal ? i + offset : tk - 1;\n    let m = Number.NEGATIVE_INFINITY;\n    let l = 0;\n    const o = new Float64Array(dv);\n    for (let j = 0; j <= last; j++) {\n      let s = 0;\n      for (let c = 0; c < d; c++) s += (qv[i * d + c] as number) * (kv[j * d + c] as number);\n      const mNew = Math.max(m, s * scale);\n      const alpha = Math.exp(m - mNew);\n      const p = Math.exp(s * scale - mNew);\n      l = alpha * l + p;\n      for (let c = 0; c < dv; c++) o[c] = alpha * (o[c] as number) + p * (vv[j * dv + c] as number);\n      m = mNew;\n    }\n    for (let c = 0; c < dv; c++) out[i * dv + c] = (o[c] as number) / l;\n  }\n  return tf.tensor2d(out, [tq, dv]);\n}\n',
      ],
    ],
  },

  {
    id: 'default-block-k-64',
    hint: {
      en: 'Call it without options and with { blockQ: 32, blockK: 32, causal: false }: are they the same call?',
      zh: '分别不带选项、以及带 { blockQ: 32, blockK: 32, causal: false } 调用它：两者是同一个调用吗？',
    },
    why: {
      en: 'Defaults blockK to 64 (the Bc of the FlashAttention-2 CUDA kernels) where the contract says 32: the values are the same, but a caller who leaves blockK out gets tiles twice as large as documented, and the [32, 64] score tiles show up in tf.profile.',
      zh: '把 blockK 默认值设成 64（FlashAttention-2 CUDA kernel 的 Bc），而契约规定是 32：数值一样，但不写 blockK 的调用者得到的分块比文档说的大一倍，tf.profile 里会出现 [32, 64] 的分数分块。',
    },
    edits: [['opts.blockK ?? 32', 'opts.blockK ?? 64']],
  },
  {
    id: 'default-causal-true',
    hint: {
      en: 'What does it return for the 4×4 example when no options are given?',
      zh: '不传任何选项时，它对 4×4 的示例返回什么？',
    },
    why: {
      en: 'Defaults causal to true ("decoders are causal anyway") where the contract says false: tiledAttention(q, k, v) silently masks, so an encoder or a cross-attention caller gets the causal rows.',
      zh: '把 causal 默认值设成 true（“解码器反正是因果的”），而契约规定是 false：tiledAttention(q, k, v) 会悄悄地加掩码，编码器或交叉注意力的调用者拿到的是因果结果。',
    },
    edits: [['const causal: unknown = opts.causal ?? false;', 'const causal: unknown = opts.causal ?? true;']],
  },

  // --- tiledAttention and scoreMatrixBytes: bad input --------------------------------------------
  {
    id: 'block-size-not-integer',
    hint: { en: 'Try blockQ: 2.5.', zh: '试试 blockQ: 2.5。' },
    why: {
      en: 'Checks only that a block size is at least 1 (!(value >= 1)), so 2.5 passes: the loops step by 2.5, slice at fractional rows and give garbage or a plain tfjs Error instead of a RangeError (onlineSoftmaxStats and scoreMatrixBytes share the check and break alike).',
      zh: '只检查块大小是否不小于 1（!(value >= 1)），于是 2.5 也能通过：循环以 2.5 为步长，在小数行上切片，得到垃圾结果或 tfjs 的普通 Error，而不是 RangeError（onlineSoftmaxStats 和 scoreMatrixBytes 共用这个检查，一样出错）。',
    },
    edits: [['  if (!Number.isInteger(value) || value < 1) throw', '  if (!(value >= 1)) throw']],
  },
  {
    id: 'unknown-option-ignored',
    hint: { en: 'Try the misspelt option { casual: true }.', zh: '试试拼错的选项 { casual: true }。' },
    why: {
      en: 'Reads the options it knows and ignores the rest, so a typo such as { casual: true } silently runs unmasked attention: the most dangerous kind of wrong answer, a plausible one. The contract asks for a TypeError naming the unknown option.',
      zh: '只读取认识的选项、忽略其余的，于是 { casual: true } 这样的拼写错误会悄悄地跑不加掩码的注意力：最危险的错误答案就是看起来合理的答案。契约要求抛出指明未知选项的 TypeError。',
    },
    edits: [
      [
        '  for (const key of Object.keys(opts)) {\n    if (!OPTION_NAMES.includes(key)) {\n      throw new TypeError(`tiledAttention: unknown option "${key}" (the options are ${OPTION_NAMES.join(\', \')})`);\n    }\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'no-tensor-check',
    hint: { en: 'Try q given as nested arrays instead of a tf.Tensor.', zh: '试试把 q 写成嵌套数组而不是 tf.Tensor。' },
    why: {
      en: 'Checks the rank but not that q, k and v are tensors: nested arrays have no rank, so they fail the rank check with a RangeError (or a Float32Array reaches tfjs) where the contract asks for a TypeError, the error class that says "wrong kind of value".',
      zh: '只检查秩，没检查 q、k、v 是不是张量：嵌套数组没有 rank，于是在秩检查处抛出 RangeError（Float32Array 则直接进入 tfjs），而契约要求的是表示“值的类型不对”的 TypeError。',
    },
    edits: [
      [
        '/** The [rows, columns] of q, k or v, which must be a rank-2 tf.Tensor. */\nfunction matrix(name: string, t: unknown): [number, number] {\n  if (!(t instanceof tf.Tensor)) throw new TypeError(`tiledAttention: ${name} must be a tf.Tensor, got ${typeof t}`);\n',
        '/** The [rows, columns] of q, k or v, which must be a rank-2 tf.Tensor. */\nfunction matrix(name: string, t: tf.Tensor): [number, number] {\n',
      ],
    ],
  },
  {
    id: 'bytes-seqlen-not-squared',
    hint: {
      en: 'How many scores does one head compute for T tokens?',
      zh: 'T 个 token 时，一个头要计算多少个分数？',
    },
    why: {
      en: 'Counts B·H·T·bytes, one score per token, forgetting that every query scores every key: the score matrix is T×T per head (4 GiB for B = 1, H = 32, T = 8192 in fp16, not 512 KiB), which is exactly why it dominates memory at long context.',
      zh: '算成了 B·H·T·bytes，每个 token 一个分数，忘了每个查询都要和每个键打分：每个头的分数矩阵是 T×T（B = 1、H = 32、T = 8192、fp16 时是 4 GiB，而不是 512 KiB），这正是它在长上下文里主导内存的原因。',
    },
    edits: [
      [
        '  return c.batch * c.heads * c.seqLen * c.seqLen * c.bytesPerElement;',
        '  return c.batch * c.heads * c.seqLen * c.bytesPerElement;',
      ],
    ],
  },
  {
    id: 'bytes-no-field-check',
    hint: {
      en: 'Try a config without bytesPerElement, and one with seqLen 0.',
      zh: '试试缺少 bytesPerElement 的配置，以及 seqLen 为 0 的配置。',
    },
    why: {
      en: 'Multiplies the fields without checking them: a missing bytesPerElement gives NaN, seqLen 0 gives 0 bytes and seqLen "8192" is coerced to a number, silent answers where the contract asks for a TypeError or a RangeError.',
      zh: '不检查字段就直接相乘：缺少 bytesPerElement 得到 NaN，seqLen 为 0 得到 0 字节，seqLen 为 "8192" 会被隐式转成数字——契约要求抛出 TypeError 或 RangeError 的地方给出了无声的答案。',
    },
    edits: [
      [
        "  for (const field of ['batch', 'heads', 'seqLen', 'bytesPerElement'] as const) {\n    positiveInteger(`scoreMatrixBytes: c.${field}`, c[field]);\n  }\n",
        '',
      ],
    ],
  },
]);
