import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'activation-literal-formula',
    hint: {
      en: 'Try s = 777, h = 1000, a = 10: is the answer a whole number?',
      zh: '试试 s = 777、h = 1000、a = 10：结果是整数吗？',
    },
    why: {
      en: 'Evaluates sbh·(34 + 5as/h) as written, dividing 5as by h first: when h does not divide 5as the quotient is rounded and the product drifts off the exact integer (56604449.99999999 instead of 56604450 for s = 777, h = 1000, a = 10).',
      zh: '按字面计算 sbh·(34 + 5as/h)，先用 h 去除 5as：当 h 不整除 5as 时商被舍入，乘积偏离了精确整数（s = 777、h = 1000、a = 10 时得到 56604449.99999999 而不是 56604450）。',
    },
    edits: [
      [
        '  return 34 * s * b * h + 5 * a * s * s * b; // sbh·(34 + 5as/h) without dividing by h',
        '  return s * b * h * (34 + (5 * a * s) / h);',
      ],
    ],
  },
  {
    id: 'activation-no-s-squared',
    hint: {
      en: 'Double the sequence length: by how much should the attention-score term grow?',
      zh: '把序列长度翻倍：注意力分数那一项应该增长多少？',
    },
    why: {
      en: 'Writes the attention-score term as 5a·sbh instead of 5as²b, as if the a·s·s score matrix grew with h like the other activations: it grows with s², not with h.',
      zh: '把注意力分数那一项写成 5a·sbh 而不是 5as²b，仿佛 a·s·s 的分数矩阵像其他激活一样随 h 增长：它随 s² 增长，与 h 无关。',
    },
    edits: [
      [
        '  return 34 * s * b * h + 5 * a * s * s * b; // sbh·(34 + 5as/h) without dividing by h',
        '  return 34 * s * b * h + 5 * a * s * b * h;',
      ],
    ],
  },
  {
    id: 'data-parallel-divides',
    hint: { en: 'Stage 0 on 64 GPUs: what does each GPU hold?', zh: 'stage 0、64 张 GPU：每张 GPU 上有多少？' },
    why: {
      en: 'Believes plain data parallelism (stage 0) already spreads the model over the GPUs, so every part is divided by N at every stage; but plain DP replicates all 16Ψ bytes on every GPU, which is the problem ZeRO solves.',
      zh: '以为普通数据并行（stage 0）已经把模型分散到各 GPU 上，于是每个 stage 都把各部分除以 N；但普通 DP 在每张 GPU 上都完整复制 16Ψ 字节，这正是 ZeRO 要解决的问题。',
    },
    edits: [
      [
        '  const weights = part(2, stage >= 3);\n  const grads = part(2, stage >= 2);\n  const optimizer = part(k, stage >= 1);',
        '  const weights = part(2, true);\n  const grads = part(2, true);\n  const optimizer = part(k, true);',
      ],
    ],
  },
  {
    id: 'divide-early',
    hint: {
      en: 'Try Ψ = 175e9 on 77 GPUs with K = 11 at stage 1.',
      zh: '试试 Ψ = 175e9、77 张 GPU、K = 11、stage 1。',
    },
    why: {
      en: 'Divides before multiplying, K·(Ψ/N): Ψ/N is rarely a whole number, so 11·(175e9/77) comes out as 24999999999.999996 instead of 25e9. (K·Ψ)/N rounds once, at the end.',
      zh: '先除后乘，K·(Ψ/N)：Ψ/N 很少是整数，于是 11·(175e9/77) 得到 24999999999.999996 而不是 25e9。(K·Ψ)/N 只在最后舍入一次。',
    },
    edits: [
      [
        '    partitioned ? (bytesPerParam * params) / gpus : bytesPerParam * params;',
        '    partitioned ? bytesPerParam * (params / gpus) : bytesPerParam * params;',
      ],
    ],
  },
  {
    id: 'gpus-not-validated',
    hint: { en: 'Try gpus = 1.5, and gpus = 0.', zh: '试试 gpus = 1.5，以及 gpus = 0。' },
    why: {
      en: 'Uses gpus as given: 1.5 GPUs silently gives a number and 0 GPUs gives Infinity from stage 1 on, where the contract asks for a RangeError (a GPU count is a positive integer).',
      zh: '直接使用传入的 gpus：1.5 张 GPU 悄悄地给出一个数，0 张 GPU 从 stage 1 起得到 Infinity；契约要求的是 RangeError（GPU 数是正整数）。',
    },
    edits: [
      [
        "  const gpus = o.gpus === undefined ? 1 : checkCount(o.gpus, 'gpus');",
        '  const gpus = o.gpus === undefined ? 1 : (o.gpus as number);',
      ],
    ],
  },
  {
    id: 'no-fp32-master',
    hint: {
      en: 'With no options, how many bytes per parameter does Adam training need?',
      zh: '不传任何选项时，Adam 训练每个参数需要多少字节？',
    },
    why: {
      en: 'Counts Adam as m and v only (8 bytes per parameter), forgetting the fp32 master copy of the weights that mixed precision keeps, so K defaults to 8 and plain DP needs 12Ψ instead of 16Ψ.',
      zh: '把 Adam 只算成 m 和 v（每个参数 8 字节），忘了混合精度还保留一份 fp32 主权重，于是 K 默认为 8，普通 DP 需要 12Ψ 而不是 16Ψ。',
    },
    edits: [['  const k = o.k === undefined ? 12 : o.k;', '  const k = o.k === undefined ? 8 : o.k;']],
  },
  {
    id: 'stage1-divides-grads',
    hint: {
      en: 'Which part does stage 1 partition, and which does it leave?',
      zh: 'stage 1 切分了哪一部分，又留下了哪些？',
    },
    why: {
      en: 'Thinks ZeRO-1 already shards the gradients; it shards only the optimizer state (P_os), and stage 2 adds the gradients (P_os+g): 7.5e9 on 64 GPUs gives 16.640625e9 at stage 1 instead of 31.40625e9.',
      zh: '以为 ZeRO-1 已经切分了梯度；它只切分优化器状态（P_os），stage 2 才加上梯度（P_os+g）：7.5e9 参数、64 张 GPU 时 stage 1 得到 16.640625e9 而不是 31.40625e9。',
    },
    edits: [['  const grads = part(2, stage >= 2);', '  const grads = part(2, stage >= 1);']],
  },
  {
    id: 'stage1-total-over-n',
    hint: { en: 'Compare stage 1 with stage 3.', zh: '把 stage 1 和 stage 3 比较一下。' },
    why: {
      en: 'Divides the whole 16Ψ by N already at stage 1 ("ZeRO shards the model states"), when stage 1 shards only the optimizer state: 7.5e9 on 64 GPUs gives 1.875e9 instead of 31.40625e9.',
      zh: '在 stage 1 就把整个 16Ψ 除以 N（“ZeRO 切分模型状态”），而 stage 1 只切分优化器状态：7.5e9 参数、64 张 GPU 时得到 1.875e9 而不是 31.40625e9。',
    },
    edits: [
      [
        '  const weights = part(2, stage >= 3);\n  const grads = part(2, stage >= 2);',
        '  const weights = part(2, stage >= 1);\n  const grads = part(2, stage >= 1);',
      ],
    ],
  },
  {
    id: 'stage2-divides-weights',
    hint: { en: 'At stage 2, what happens to the fp16 weights?', zh: 'stage 2 时，fp16 权重怎么样了？' },
    why: {
      en: 'Thinks ZeRO-2 shards the fp16 weights as well; the weights are partitioned only from stage 3 on (P_os+g+p), so stage 2 still keeps the full 2Ψ on every GPU.',
      zh: '以为 ZeRO-2 也切分了 fp16 权重；权重从 stage 3（P_os+g+p）才开始切分，所以 stage 2 每张 GPU 上仍保留完整的 2Ψ。',
    },
    edits: [['  const weights = part(2, stage >= 3);', '  const weights = part(2, stage >= 2);']],
  },
  {
    id: 'zero3-comm-2psi',
    hint: { en: 'How often are the weights gathered in ZeRO-3?', zh: 'ZeRO-3 中权重被收集了几次？' },
    why: {
      en: "Assumes every ZeRO stage communicates as much as plain data parallelism (2Ψ), missing ZeRO-3's extra all-gather of the weights in the backward pass: 3Ψ, 1.5× the baseline.",
      zh: '以为每个 ZeRO stage 的通信量都和普通数据并行一样（2Ψ），漏掉了 ZeRO-3 在反向传播时对权重的再一次 all-gather：3Ψ，是基线的 1.5 倍。',
    },
    edits: [
      ['  return checkStage(stage) === 3 ? 3 * params : 2 * params;', '  checkStage(stage);\n  return 2 * params;'],
    ],
  },
  {
    id: 'recompute-typo-is-none',
    hint: { en: "Try recompute: 'fulll'.", zh: "试试 recompute: 'fulll'。" },
    why: {
      en: "Compares recompute with 'full' and 'selective' and lets everything else fall through to the no-recompute formula, so the typo 'fulll' (or 'Full') silently reports 956301312 bytes instead of throwing RangeError, the most expensive of the three answers.",
      zh: "只和 'full'、'selective' 比较，其他值都落到不重计算的公式里，于是笔误 'fulll'（或 'Full'）悄悄地报告 956301312 字节（三种答案里最大的那个），而不是抛出 RangeError。",
    },
    edits: [
      [
        "  if (!RECOMPUTE.includes(recompute)) {\n    throw new RangeError(`recompute must be 'none', 'selective' or 'full', got ${String(recompute)}`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'activation-fields-not-checked',
    hint: { en: 'Try seqLen: -1, and a config without heads.', zh: '试试 seqLen: -1，以及缺少 heads 的配置。' },
    why: {
      en: 'Trusts the config: seqLen -1 gives a negative byte count (−139104 for b = 1, h = 4096, a = 32), a missing heads gives NaN and hidden: 1.5 a fraction of a byte, where the contract asks for a TypeError (missing, not a number) or a RangeError (not a positive integer).',
      zh: '完全信任配置：seqLen 为 -1 时得到负的字节数（b = 1、h = 4096、a = 32 时为 −139104），缺少 heads 时得到 NaN，hidden 为 1.5 时得到零点几字节；契约要求的是 TypeError（缺失、不是数字）或 RangeError（不是正整数）。',
    },
    edits: [
      [
        "  const s = checkCount(config.seqLen, 'seqLen');\n  const b = checkCount(config.batch, 'batch');\n  const h = checkCount(config.hidden, 'hidden');\n  const a = checkCount(config.heads, 'heads');",
        '  const s = config.seqLen as number;\n  const b = config.batch as number;\n  const h = config.hidden as number;\n  const a = config.heads as number;',
      ],
    ],
  },
  {
    id: 'count-lower-bound-only',
    hint: { en: 'Try gpus = 1.5, and params = NaN.', zh: '试试 gpus = 1.5，以及 params = NaN。' },
    why: {
      en: 'Checks a count only with value < 1: that rejects 0 and negatives, but 1.5 GPUs or 2.5 heads pass, and NaN passes too (NaN < 1 is false), so a NaN parameter count becomes a NaN answer instead of a RangeError.',
      zh: '只用 value < 1 检查计数：0 和负数会被拒绝，但 1.5 张 GPU、2.5 个头都能通过，NaN 也能通过（NaN < 1 为 false），于是 NaN 的参数量变成 NaN 答案，而不是 RangeError。',
    },
    edits: [
      [
        '  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);',
        '  if (value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);',
      ],
    ],
  },
  {
    id: 'unknown-keys-ignored',
    hint: { en: 'Try modelStateBytes(1e9, { gpu: 8 }).', zh: '试试 modelStateBytes(1e9, { gpu: 8 })。' },
    why: {
      en: 'Reads only the keys it knows, so the typo { gpu: 8 } is ignored and the answer is for 1 GPU, 8 times too much at stage 3, with no error: a misspelled option must be a TypeError, never a silent default.',
      zh: '只读取它认识的键，于是笔误 { gpu: 8 } 被忽略，结果按 1 张 GPU 计算，stage 3 时多了 8 倍，却没有任何报错：拼错的选项必须抛 TypeError，绝不能悄悄地用默认值。',
    },
    edits: [
      [
        "  for (const key of Object.keys(value)) {\n    if (!allowed.includes(key)) throw new TypeError(`${name} has an unknown key '${key}'`);\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'k-not-finite-accepted',
    hint: { en: 'Try k = NaN and k = Infinity.', zh: '试试 k = NaN 和 k = Infinity。' },
    why: {
      en: 'Checks only k < 0: NaN and Infinity are not below 0, so they pass and the optimizer bytes become NaN or Infinity instead of a RangeError.',
      zh: '只检查 k < 0：NaN 和 Infinity 都不小于 0，于是能通过检查，优化器字节数变成 NaN 或 Infinity，而不是抛出 RangeError。',
    },
    edits: [['  if (!(k >= 0) || !Number.isFinite(k)) throw', '  if (k < 0) throw']],
  },
  {
    id: 'stage-coerced',
    hint: { en: "Try stage: '3' (a string).", zh: "试试 stage: '3'（字符串）。" },
    why: {
      en: "Converts the stage with Number() before checking it, to be lenient: '3' is accepted as ZeRO-3, and so are '' and null (Number gives 0, plain DP), where the contract asks for a RangeError for anything that is not one of the numbers 0, 1, 2, 3.",
      zh: "为了宽松，先用 Number() 转换 stage 再检查：'3' 被当作 ZeRO-3 接受，'' 和 null 也被接受（Number 得到 0，即普通 DP）；契约要求凡不是数字 0、1、2、3 之一的值都抛出 RangeError。",
    },
    edits: [['  if (!STAGES.includes(stage)) throw', '  if (!STAGES.includes(Number(stage))) throw']],
  },
  {
    id: 'range-error-for-wrong-type',
    hint: { en: "Which error does gpus = '8' raise?", zh: "gpus = '8' 抛出的是哪种错误？" },
    why: {
      en: "Throws RangeError for every bad count, '8' and null included: they are rejected, but with the wrong class. The contract reserves RangeError for numbers that are not positive integers and asks for a TypeError when the value is not a number at all.",
      zh: "对所有不合法的计数都抛出 RangeError，'8' 和 null 也不例外：它们确实被拒绝了，但错误类型不对。契约中 RangeError 留给不是正整数的数，值根本不是数字时要求抛出 TypeError。",
    },
    edits: [
      [
        "  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);\n  if (!Number.isInteger(value)",
        "  if (typeof value !== 'number') throw new RangeError(`${name} must be a number, got ${typeof value}`);\n  if (!Number.isInteger(value)",
      ],
    ],
  },
  {
    id: 'null-opts-is-default',
    hint: { en: 'Try modelStateBytes(1e9, null).', zh: '试试 modelStateBytes(1e9, null)。' },
    why: {
      en: 'Writes opts ?? {} to be lenient, so null is taken as "no options" and the defaults are used; the contract accepts a missing opts (undefined) but asks for a TypeError for null, which usually means a caller passed the wrong variable.',
      zh: '为了宽松写成 opts ?? {}，于是 null 被当作“没有选项”，使用默认值；契约接受省略 opts（undefined），但对 null 要求抛出 TypeError：null 通常意味着调用方传错了变量。',
    },
    edits: [
      [
        "  const o = checkObject(opts, 'opts', ['stage', 'gpus', 'k']);",
        "  const o = checkObject(opts ?? {}, 'opts', ['stage', 'gpus', 'k']);",
      ],
    ],
  },
  {
    id: 'selective-full-swapped',
    base: 'alt-table',
    hint: {
      en: 'Which recompute mode keeps only the layer input?',
      zh: '哪种重计算模式只保留层的输入？',
    },
    why: {
      en: "Swaps the two recompute modes: 'selective' recomputes only the attention core (34·sbh kept), 'full' keeps only the layer input (2·sbh). With them swapped, selective reports 16777216 and full 285212672 for the example layer.",
      zh: "把两种重计算模式弄反了：'selective' 只重算注意力核心（保留 34·sbh），'full' 只保留层输入（2·sbh）。弄反后，示例层的 selective 得到 16777216，full 得到 285212672。",
    },
    edits: [
      [
        "  ['selective', { perSbh: 34, scores: false }],\n  ['full', { perSbh: 2, scores: false }],",
        "  ['selective', { perSbh: 2, scores: false }],\n  ['full', { perSbh: 34, scores: false }],",
      ],
    ],
  },
  {
    id: 'zero2-comm-3psi',
    base: 'alt-table',
    hint: { en: 'Does sharding the gradients add traffic?', zh: '切分梯度会增加通信量吗？' },
    why: {
      en: 'Charges the extra Ψ from stage 2 on, as if sharding the gradients cost more traffic; but a reduce-scatter plus an all-gather is exactly what plain data parallelism already does (2Ψ). Only ZeRO-3, which also shards the weights, all-gathers them again (3Ψ).',
      zh: '从 stage 2 起就多算了 Ψ，仿佛切分梯度会增加通信量；但 reduce-scatter 加 all-gather 正是普通数据并行本来就做的（2Ψ）。只有同时切分了权重的 ZeRO-3 才需要再 all-gather 一次权重（3Ψ）。',
    },
    edits: [
      [
        '  const [shardWeights] = shardsOf(stage);\n  // Reduce-scatter and all-gather the gradients; ZeRO-3 all-gathers the weights once more.\n  return (shardWeights ? 3 : 2) * psi;',
        '  const [, shardGrads] = shardsOf(stage);\n  // Reduce-scatter and all-gather the gradients; ZeRO-3 all-gathers the weights once more.\n  return (shardGrads ? 3 : 2) * psi;',
      ],
    ],
  },
]);
