import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'all-gather-adds',
    hint: {
      en: 'What does an all-gather receiver do with a chunk it already holds?',
      zh: 'all-gather 的接收方拿到一个自己已有的块时，做了什么？',
    },
    why: {
      en: 'All-gather receivers add, as in reduce-scatter, instead of overwriting, so the finished sums are added onto partial sums: [[1],[2]] ends with 6 on one worker instead of 3 on both.',
      zh: 'all-gather 的接收方像 reduce-scatter 那样做累加而不是覆盖，于是已完成的和又被加到部分和上：[[1],[2]] 最后有一个 worker 得到 6，而不是两个都是 3。',
    },
    edits: [
      [
        "      if (phase === 'reduce-scatter') {\n        for (let k = 0; k < data.length; k++) target[offset + k] = (target[offset + k] as number) + (data[k] as number);\n      } else {\n        target.set(data, offset);\n      }",
        '      for (let k = 0; k < data.length; k++) target[offset + k] = (target[offset + k] as number) + (data[k] as number);',
      ],
    ],
  },
  {
    id: 'all-gather-extra-step',
    hint: {
      en: 'The sums are right: count each worker’s messages in the all-gather.',
      zh: '和是对的：数一数每个 worker 在 all-gather 中发了几条消息。',
    },
    why: {
      en: 'All-gather runs N steps instead of N−1, so each owner gets its own chunk back: the sums are right, but every worker sends one chunk too many and the log has 2N² − N messages instead of 2N(N−1).',
      zh: 'all-gather 跑了 N 步而不是 N−1 步，于是每个块又被送回了它的拥有者：和是对的，但每个 worker 多发了一块，日志有 2N² − N 条消息而不是 2N(N−1) 条。',
    },
    edits: [
      [
        "  for (let step = 0; step < n - 1; step++) runStep('all-gather', step);",
        "  for (let step = 0; step < n; step++) runStep('all-gather', step);",
      ],
    ],
  },
  {
    id: 'averages',
    hint: { en: 'Is the result a sum or something else?', zh: '结果是和，还是别的什么？' },
    why: {
      en: "Divides the result by N, the habit of PyTorch DDP and Horovod, which average gradients; the kata's all-reduce is a sum (ncclSum, the default of dist.all_reduce): [[2,4],[6,8]] gives [4,6] instead of [8,12].",
      zh: '把结果除以了 N：这是 PyTorch DDP 和 Horovod 的习惯，它们对梯度求平均；本题的 all-reduce 是求和（ncclSum，dist.all_reduce 的默认行为）：[[2,4],[6,8]] 得到 [4,6] 而不是 [8,12]。',
    },
    edits: [
      [
        "  for (let step = 0; step < n - 1; step++) runStep('all-gather', step);",
        "  for (let step = 0; step < n - 1; step++) runStep('all-gather', step);\n  for (const buffer of state) for (let k = 0; k < buffer.length; k++) buffer[k] = (buffer[k] as number) / n;",
      ],
    ],
  },
  {
    id: 'empty-crash',
    hint: {
      en: 'Call it with no workers at all: which error comes out?',
      zh: '一个 worker 都不传：抛出的是哪种错误？',
    },
    why: {
      en: 'Reads buffers[0].length before checking that there is a worker: [] crashes with a TypeError (reading a property of undefined), not the RangeError the contract asks for.',
      zh: '在检查是否有 worker 之前就读取了 buffers[0].length：[] 因读取 undefined 的属性而崩溃，抛出 TypeError，而不是契约要求的 RangeError。',
    },
    edits: [['  if (n < 1) throw new RangeError(`buffers: expected at least 1 worker, got ${n}`);\n', '']],
  },
  {
    id: 'mutates-inputs',
    hint: { en: "Look at the caller's buffers after the call.", zh: '调用之后看看调用方的缓冲区。' },
    why: {
      en: "Works in place on the caller's buffers to save a copy: the caller's gradients are overwritten with the sums, and result holds the input arrays themselves.",
      zh: '为省一次复制，直接在调用方的缓冲区上原地计算：调用方的梯度被和覆盖了，result 里也正是输入数组本身。',
    },
    edits: [['  const state = buffers.map((b) => Float64Array.from(b));', '  const state = buffers;']],
  },
  {
    id: 'n-steps',
    hint: { en: 'How many steps does each phase need for N workers?', zh: 'N 个 worker 时，每个阶段需要几步？' },
    why: {
      en: 'Each phase runs N steps instead of N−1 ("N chunks, so N steps"): the extra reduce-scatter step adds a finished chunk onto the next worker a second time, and even N = 1 doubles its buffer.',
      zh: '每个阶段都跑了 N 步而不是 N−1 步（“N 个块所以 N 步”）：多出的 reduce-scatter 步把一个已完成的块又加到了下一个 worker 上，连 N = 1 都会把缓冲区翻倍。',
    },
    edits: [
      [
        "  for (let step = 0; step < n - 1; step++) runStep('reduce-scatter', step);\n  for (let step = 0; step < n - 1; step++) runStep('all-gather', step);",
        "  for (let step = 0; step < n; step++) runStep('reduce-scatter', step);\n  for (let step = 0; step < n; step++) runStep('all-gather', step);",
      ],
    ],
  },
  {
    id: 'negative-modulo',
    hint: { en: 'What is (0 − 1) % 4 in JavaScript?', zh: 'JavaScript 里 (0 − 1) % 4 等于多少？' },
    why: {
      en: "Computes the chunk as (i − s) % N: JavaScript's % keeps the sign of the dividend, so worker 0 at step 1 asks for chunk −1 instead of N − 1, and the offsets go out of range.",
      zh: '把块号算成 (i − s) % N：JavaScript 的 % 保留被除数的符号，于是 worker 0 在第 1 步要的是第 −1 块而不是第 N − 1 块，偏移量越界。',
    },
    edits: [
      ['      const chunk = (((from + shift - step) % n) + n) % n;', '      const chunk = (from + shift - step) % n;'],
    ],
  },
  {
    id: 'no-length-check',
    hint: { en: 'Try buffers of lengths 2 and 1.', zh: '试试长度分别为 2 和 1 的缓冲区。' },
    why: {
      en: 'Never compares the buffer lengths, so unequal buffers are reduced silently (the short one reads undefined as NaN or is cut) instead of throwing a RangeError: workers that disagree on the gradient size are a bug upstream.',
      zh: '从不比较缓冲区的长度，于是长度不同的缓冲区被悄悄地归约（短的那个读到 undefined 变成 NaN，或被截断），而不是抛出 RangeError：各 worker 的梯度大小不一致，说明上游有 bug。',
    },
    edits: [
      [
        '    if (b.length !== length) {\n      throw new RangeError(`buffers[${i}]: expected length ${length} like buffers[0], got ${b.length}`);\n    }\n',
        '',
      ],
    ],
  },
  {
    id: 'off-by-one-chunk',
    hint: {
      en: 'In the all-gather, which chunk does worker i hold in full?',
      zh: '在 all-gather 中，worker i 持有哪一块的完整和？',
    },
    why: {
      en: 'All-gather reuses the reduce-scatter chunk index (i − s) instead of (i + 1 − s), so workers forward chunks that are not fully reduced yet and overwrite good sums with partial ones.',
      zh: 'all-gather 沿用了 reduce-scatter 的块号 (i − s) 而不是 (i + 1 − s)，于是 worker 转发的是尚未归约完的块，用部分和覆盖了正确的和。',
    },
    edits: [["    const shift = phase === 'reduce-scatter' ? 0 : 1;", '    const shift = 0;']],
  },
  {
    id: 'parameter-server-counts-root',
    hint: { en: 'Does the root send its own buffer to itself?', zh: '根节点会把自己的缓冲区发给自己吗？' },
    why: {
      en: "Counts the root's own buffer as traffic: the root receives and sends N·S instead of (N−1)·S, and a single worker talks to nobody but still reports S.",
      zh: '把根节点自己的缓冲区也算进了通信量：根节点收发各 N·S 而不是 (N−1)·S，单个 worker 明明不和任何人通信，却仍报告 S。',
    },
    edits: [
      [
        '  return { serverIn: (workers - 1) * bytes, serverOut: (workers - 1) * bytes, perWorkerOut: bytes };',
        '  return { serverIn: workers * bytes, serverOut: workers * bytes, perWorkerOut: bytes };',
      ],
    ],
  },
  {
    id: 'sent-counts-messages',
    hint: { en: 'What unit is sentElements in?', zh: 'sentElements 的单位是什么？' },
    why: {
      en: 'sentElements counts messages (2(N−1) per worker) instead of the elements they carry: N = 4, S = 8 reports 6 instead of 12.',
      zh: 'sentElements 数的是消息条数（每个 worker 2(N−1) 条），而不是它们携带的元素个数：N = 4、S = 8 时报告 6 而不是 12。',
    },
    edits: [
      [
        '      sentElements[from] = (sentElements[from] as number) + data.length;',
        '      sentElements[from] = (sentElements[from] as number) + 1;',
      ],
    ],
  },
  {
    id: 'skips-empty-chunks',
    hint: { en: 'Try fewer elements than workers, S < N.', zh: '试试元素比 worker 少的情况，S < N。' },
    why: {
      en: 'Skips empty chunks (S < N) entirely, neither sending nor logging them, so the log misses scheduled messages: N = 5, S = 2 logs 16 messages instead of 40. The schedule does not depend on the data; an empty message is still a step of the ring.',
      zh: '完全跳过空块（S < N），既不发送也不记录，于是日志缺了调度中的消息：N = 5、S = 2 时只记录了 16 条而不是 40 条。调度与数据无关；空消息仍然是环中的一步。',
    },
    edits: [
      [
        '    payloads.forEach(({ chunk, data }, from) => {',
        '    payloads.forEach(({ chunk, data }, from) => {\n      if (data.length === 0) return;',
      ],
    ],
  },
  {
    id: 'sum-then-copy',
    base: 'alt-closed-form',
    hint: {
      en: 'Integers are right: try [[1e16]×3, [−1e16]×3, [1]×3].',
      zh: '整数都对：试试 [[1e16]×3, [−1e16]×3, [1]×3]。',
    },
    why: {
      en: 'Adds the buffers in worker order 0, 1, …, N−1 for every chunk, while the ring starts chunk c at worker c: exact for integers, but doubles come out in other bits than the schedule it logs ([1e16, −1e16, 1] gives [1, 1, 1] instead of [1, 0, 0]).',
      zh: '每一块都按 worker 0, 1, …, N−1 的顺序相加，而环从 worker c 开始累加第 c 块：整数是精确的，但浮点数算出的位与它记录的调度不一致（[1e16, −1e16, 1] 得到 [1, 1, 1] 而不是 [1, 0, 0]）。',
    },
    edits: [
      [
        '      let total = (all[c] as Float64Array)[k] as number;\n      for (let j = 1; j < n; j++) total += (all[(c + j) % n] as Float64Array)[k] as number;',
        '      let total = 0;\n      for (let j = 0; j < n; j++) total += (all[j] as Float64Array)[k] as number;',
      ],
    ],
  },
  {
    id: 'torch-chunk-split',
    hint: { en: 'Try S = 7 on N = 3: what are the chunk sizes?', zh: '试试 S = 7、N = 3：各块多大？' },
    why: {
      en: 'Splits like torch.chunk (every chunk ceil(S/N) long, the last ones shorter or empty) instead of np.array_split: the sums are right, but S = 7, N = 3 gives chunks [3, 3, 1] and sentElements [10, 10, 8] instead of [3, 2, 2] and [10, 9, 9].',
      zh: '像 torch.chunk 那样切分（每块 ceil(S/N) 长，最后几块更短或为空），而不是 np.array_split：和是对的，但 S = 7、N = 3 时块大小为 [3, 3, 1]、sentElements 为 [10, 10, 8]，而不是 [3, 2, 2] 和 [10, 9, 9]。',
    },
    edits: [
      [
        '  const base = Math.floor(length / n);\n  const extra = length % n;\n  const start = (c: number): number => c * base + Math.min(c, extra);',
        '  const size = Math.ceil(length / n);\n  const start = (c: number): number => Math.min(c * size, length);',
      ],
    ],
  },
  {
    id: 'volume-reduce-scatter-only',
    hint: {
      en: 'Which phases does a worker send in?',
      zh: 'worker 在哪几个阶段里发送数据？',
    },
    why: {
      en: 'Per-worker ring volume (N−1)/N·S: counts the reduce-scatter and forgets the all-gather that sends the sums back, so 4 GPUs with 14e9 B report 10.5e9 B instead of 21e9.',
      zh: '每个 worker 的环形通信量算成 (N−1)/N·S：只算了 reduce-scatter，忘了把和送回去的 all-gather，于是 4 张 GPU、14e9 B 时报告 10.5e9 B 而不是 21e9。',
    },
    edits: [['  return (2 * (workers - 1) * bytes) / workers;', '  return ((workers - 1) * bytes) / workers;']],
  },
  {
    id: 'volume-without-over-n',
    hint: { en: 'How big is one message?', zh: '一条消息有多大？' },
    why: {
      en: 'Per-worker ring volume 2(N−1)·S: forgets that each message carries one chunk (S/N), not the whole buffer, so the ring looks worse than a parameter server.',
      zh: '每个 worker 的环形通信量算成 2(N−1)·S：忘了每条消息只携带一块（S/N）而不是整个缓冲区，于是环看起来比参数服务器还差。',
    },
    edits: [['  return (2 * (workers - 1) * bytes) / workers;', '  return 2 * (workers - 1) * bytes;']],
  },
  {
    id: 'snapshot-every-step',
    hint: {
      en: 'Right answers: count the work for N = 128 workers.',
      zh: '答案都对：数一数 N = 128 个 worker 时做了多少工作。',
    },
    why: {
      en: 'Copies every buffer at the start of every step to read "the state before the step": correct, but N·S work per step and 2(N−1)·N·S in all, about 6.5·10^7 element copies for N = 128, S = 2003, where copying only the N chunks being sent costs S per step.',
      zh: '每一步开始时都把所有缓冲区完整复制一份，以读取“该步之前的状态”：结果正确，但每步 N·S 的工作量，总共 2(N−1)·N·S，N = 128、S = 2003 时约 6.5·10^7 次元素复制；而只复制正在发送的 N 个块，每步只要 S。',
    },
    edits: [
      [
        '    const payloads = state.map((buffer, from) => {',
        '    const before = state.map((buffer) => {\n      const copy = new Float64Array(buffer.length);\n      for (let k = 0; k < buffer.length; k++) copy[k] = buffer[k] as number;\n      return copy;\n    });\n    const payloads = before.map((buffer, from) => {',
      ],
    ],
  },
  {
    id: 'one-worker-returns-input',
    hint: { en: 'With one worker, is result[0] a new buffer?', zh: '只有一个 worker 时，result[0] 是新的缓冲区吗？' },
    why: {
      en: 'Short-cuts N = 1 by returning the input buffers themselves ("nothing to reduce"): the values are right, but the caller now shares its gradient buffer with the result, where the contract promises a new Float64Array.',
      zh: '对 N = 1 走捷径，直接返回输入缓冲区本身（“没有东西要归约”）：数值是对的，但调用方的梯度缓冲区与结果成了同一个对象，而契约承诺的是新的 Float64Array。',
    },
    edits: [
      [
        '  // np.array_split: the first length mod n chunks hold one extra element.',
        '  if (n === 1) return { result: buffers, sentElements: [0], log: [] };\n\n  // np.array_split: the first length mod n chunks hold one extra element.',
      ],
    ],
  },
  {
    id: 'accepts-plain-arrays',
    hint: { en: 'Pass [[1, 2], [3, 4]] as plain arrays.', zh: '传入普通数组 [[1, 2], [3, 4]] 试试。' },
    why: {
      en: 'Never checks that each buffer is a Float64Array: plain arrays (and Float32Arrays, whose values were already rounded to float32) are reduced silently, where the contract asks for a TypeError.',
      zh: '从不检查每个缓冲区是否为 Float64Array：普通数组（以及数值早已舍入为 float32 的 Float32Array）被悄悄地归约，而契约要求抛出 TypeError。',
    },
    edits: [
      [
        '  buffers.forEach((b, i) => {\n    if (!(b instanceof Float64Array)) throw new TypeError(`buffers[${i}]: expected a Float64Array`);\n  });\n',
        '',
      ],
    ],
  },
  {
    id: 'nan-spreads',
    hint: { en: 'Put one NaN in one worker’s buffer.', zh: '在一个 worker 的缓冲区里放一个 NaN。' },
    why: {
      en: 'Does not check the values: one NaN or Infinity in one worker becomes NaN or Infinity in that element on every worker after the all-reduce, a silent divergence of the whole job where the contract asks for a RangeError.',
      zh: '不检查数值：一个 worker 里的一个 NaN 或 Infinity，经过 all-reduce 后会出现在所有 worker 的对应元素上，整个训练悄悄发散；契约要求的是 RangeError。',
    },
    edits: [
      [
        '    b.forEach((v, k) => {\n      if (!Number.isFinite(v)) throw new RangeError(`buffers[${i}][${k}]: expected a finite value, got ${v}`);\n    });\n',
        '',
      ],
    ],
  },
  {
    id: 'workers-not-whole',
    hint: { en: 'Try ringBytesPerWorker(100, 2.5).', zh: '试试 ringBytesPerWorker(100, 2.5)。' },
    why: {
      en: 'Checks only workers < 1, so 2.5 workers gives a volume and NaN workers gives NaN (NaN < 1 is false); a worker count is a whole number, and the contract asks for a RangeError.',
      zh: '只检查 workers < 1，于是 2.5 个 worker 也能算出通信量，NaN 个 worker 得到 NaN（NaN < 1 为 false）；worker 数是整数，契约要求抛出 RangeError。',
    },
    edits: [['  if (!Number.isInteger(workers) || workers < 1) {', '  if (workers < 1) {']],
  },
  {
    id: 'range-error-for-wrong-type',
    hint: {
      en: "Which error does ringBytesPerWorker('14e9', 4) raise?",
      zh: "ringBytesPerWorker('14e9', 4) 抛出的是哪种错误？",
    },
    why: {
      en: "Skips the type checks and lets Number.isInteger reject '14e9' and null: they are rejected, but with a RangeError, where the contract asks for a TypeError when bytes or workers is not a number at all.",
      zh: "省掉了类型检查，让 Number.isInteger 去拒绝 '14e9' 和 null：它们确实被拒绝了，但抛出的是 RangeError；bytes 或 workers 根本不是数字时，契约要求抛出 TypeError。",
    },
    edits: [
      [
        "  if (typeof bytes !== 'number') throw new TypeError(`bytes: expected a number, got ${typeof bytes}`);\n  if (typeof workers !== 'number') throw new TypeError(`workers: expected a number, got ${typeof workers}`);\n",
        '',
      ],
    ],
  },
  {
    id: 'shared-result-buffer',
    base: 'alt-closed-form',
    hint: { en: 'Write into result[0]: does result[1] change?', zh: '往 result[0] 里写：result[1] 变了吗？' },
    why: {
      en: 'Hands every worker the same Float64Array of sums: the values agree, but the workers now share one buffer, so the next in-place optimizer step on worker 0 changes worker 1 too. Each worker needs its own copy.',
      zh: '把同一个装着和的 Float64Array 交给了每个 worker：数值一致，但各 worker 共用一个缓冲区，worker 0 上接下来的原地优化器更新也会改变 worker 1。每个 worker 都需要自己的副本。',
    },
    edits: [
      [
        '  return { result: all.map(() => sum.slice()), sentElements, log };',
        '  return { result: all.map(() => sum), sentElements, log };',
      ],
    ],
  },
]);
