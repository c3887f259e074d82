import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'all-gather-adds',
    hint: {
      en: 'All-gather receivers add like in reduce-scatter instead of overwriting, so finished sums are added onto partial ones.',
      zh: '',
    },
    why: {
      en: 'All-gather receivers add like in reduce-scatter instead of overwriting, so finished sums are added onto partial ones.',
      zh: '',
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
      en: 'All-gather runs N steps instead of N−1, so each owner gets its own chunk back: the sums are right, but every worker sends one chunk too many (traffic above 2(N−1)/N·S).',
      zh: '',
    },
    why: {
      en: 'All-gather runs N steps instead of N−1, so each owner gets its own chunk back: the sums are right, but every worker sends one chunk too many (traffic above 2(N−1)/N·S).',
      zh: '',
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
    hint: {
      en: "Divides the result by N: the habit of PyTorch DDP / Horovod, which average gradients; the kata's all-reduce is a sum (ncclSum).",
      zh: '',
    },
    why: {
      en: "Divides the result by N: the habit of PyTorch DDP / Horovod, which average gradients; the kata's all-reduce is a sum (ncclSum).",
      zh: '',
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
      en: 'Reads buffers[0].length before checking that there is a worker: [] throws a TypeError, not a RangeError.',
      zh: '',
    },
    why: {
      en: 'Reads buffers[0].length before checking that there is a worker: [] throws a TypeError, not a RangeError.',
      zh: '',
    },
    file: 'zoo/empty-crash.ts',
  },
  {
    id: 'mutates-inputs',
    hint: {
      en: "Works in place on the caller's buffers to save a copy: the caller's gradients are overwritten with the sums.",
      zh: '',
    },
    why: {
      en: "Works in place on the caller's buffers to save a copy: the caller's gradients are overwritten with the sums.",
      zh: '',
    },
    edits: [['  const state = buffers.map((b) => Float64Array.from(b));', '  const state = buffers;']],
  },
  {
    id: 'n-steps',
    hint: {
      en: 'Each phase runs N steps instead of N−1 ("N chunks, so N steps"): the extra reduce-scatter step adds a finished chunk onto itself again.',
      zh: '',
    },
    why: {
      en: 'Each phase runs N steps instead of N−1 ("N chunks, so N steps"): the extra reduce-scatter step adds a finished chunk onto itself again.',
      zh: '',
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
    hint: {
      en: "Computes the chunk as (i−s) % N: JavaScript's % keeps the sign, so the index goes negative (chunk −1 instead of N−1).",
      zh: '',
    },
    why: {
      en: "Computes the chunk as (i−s) % N: JavaScript's % keeps the sign, so the index goes negative (chunk −1 instead of N−1).",
      zh: '',
    },
    edits: [
      ['      const chunk = (((from + shift - step) % n) + n) % n;', '      const chunk = (from + shift - step) % n;'],
    ],
  },
  {
    id: 'no-length-check',
    hint: {
      en: 'Never compares the buffer lengths, so unequal buffers are reduced silently instead of throwing a RangeError.',
      zh: '',
    },
    why: {
      en: 'Never compares the buffer lengths, so unequal buffers are reduced silently instead of throwing a RangeError.',
      zh: '',
    },
    file: 'zoo/no-length-check.ts',
  },
  {
    id: 'off-by-one-chunk',
    hint: {
      en: 'All-gather reuses the reduce-scatter chunk index (i−s) instead of (i+1−s), so workers forward chunks that are not fully reduced yet.',
      zh: '',
    },
    why: {
      en: 'All-gather reuses the reduce-scatter chunk index (i−s) instead of (i+1−s), so workers forward chunks that are not fully reduced yet.',
      zh: '',
    },
    edits: [["    const shift = phase === 'reduce-scatter' ? 0 : 1;", '    const shift = 0;']],
  },
  {
    id: 'parameter-server-counts-root',
    hint: {
      en: "Counts the root's own buffer as traffic: the root receives and sends N·S instead of (N−1)·S.",
      zh: '',
    },
    why: { en: "Counts the root's own buffer as traffic: the root receives and sends N·S instead of (N−1)·S.", zh: '' },
    edits: [
      [
        '  return { serverIn: (workers - 1) * bytes, serverOut: (workers - 1) * bytes, perWorkerOut: bytes };',
        '  return { serverIn: workers * bytes, serverOut: workers * bytes, perWorkerOut: bytes };',
      ],
    ],
  },
  {
    id: 'sent-counts-messages',
    hint: { en: 'sentElements counts messages (2(N−1) per worker) instead of the elements they carry.', zh: '' },
    why: { en: 'sentElements counts messages (2(N−1) per worker) instead of the elements they carry.', zh: '' },
    edits: [
      [
        '      sentElements[from] = (sentElements[from] as number) + data.length;',
        '      sentElements[from] = (sentElements[from] as number) + 1;',
      ],
    ],
  },
  {
    id: 'skips-empty-chunks',
    hint: {
      en: 'Skips empty chunks (S < N) entirely, neither sending nor logging them, so the log is missing scheduled messages.',
      zh: '',
    },
    why: {
      en: 'Skips empty chunks (S < N) entirely, neither sending nor logging them, so the log is missing scheduled messages.',
      zh: '',
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
    hint: {
      en: 'Adds all buffers in worker order 0, 1, …, N−1 and writes the log separately instead of running the schedule: right for integers, but the ring adds chunk c starting at worker c, so doubles come out in different bits than the logged schedule produces.',
      zh: '',
    },
    why: {
      en: 'Adds all buffers in worker order 0, 1, …, N−1 and writes the log separately instead of running the schedule: right for integers, but the ring adds chunk c starting at worker c, so doubles come out in different bits than the logged schedule produces.',
      zh: '',
    },
    file: 'zoo/sum-then-copy.ts',
  },
  {
    id: 'torch-chunk-split',
    hint: {
      en: 'Splits like torch.chunk (every chunk ceil(S/N) long, the last ones shorter or empty) instead of np.array_split: the sums are right, the chunk sizes and sentElements are not.',
      zh: '',
    },
    why: {
      en: 'Splits like torch.chunk (every chunk ceil(S/N) long, the last ones shorter or empty) instead of np.array_split: the sums are right, the chunk sizes and sentElements are not.',
      zh: '',
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
      en: 'Per-worker ring volume (N−1)/N·S: counts the reduce-scatter and forgets the all-gather that sends the sums back.',
      zh: '',
    },
    why: {
      en: 'Per-worker ring volume (N−1)/N·S: counts the reduce-scatter and forgets the all-gather that sends the sums back.',
      zh: '',
    },
    edits: [['  return (2 * (workers - 1) * bytes) / workers;', '  return ((workers - 1) * bytes) / workers;']],
  },
  {
    id: 'volume-without-over-n',
    hint: {
      en: 'Per-worker ring volume 2(N−1)·S: forgets that each message carries only one chunk (S/N), the 2(N−1) steps times the whole buffer.',
      zh: '',
    },
    why: {
      en: 'Per-worker ring volume 2(N−1)·S: forgets that each message carries only one chunk (S/N), the 2(N−1) steps times the whole buffer.',
      zh: '',
    },
    edits: [['  return (2 * (workers - 1) * bytes) / workers;', '  return 2 * (workers - 1) * bytes;']],
  },
]);
