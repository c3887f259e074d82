import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'counts-masked-tokens',
    hint: {
      en: 'uses every row as a token (x.length) for num_items_in_batch, so masked padding tokens still dilute the mean.',
      zh: '',
    },
    why: {
      en: 'uses every row as a token (x.length) for num_items_in_batch, so masked padding tokens still dilute the mean.',
      zh: '',
    },
    edits: [
      [
        '    const total = mbs.reduce((s, mb) => s + validCount(mb), 0); // known before any backward\n    if (total === 0) return acc;',
        '    const total = mbs.reduce((s, mb) => s + mb.x.length, 0);\n    if (validCount({ x: [], y: [], mask: mbs.flatMap((mb) => mb.mask) }) === 0) return acc;',
      ],
    ],
  },
  {
    id: 'divide-by-micro-batches',
    hint: {
      en: 'divides the summed loss by the number of micro-batches (the "examples" a per-example mean would count) instead of the number of valid tokens.',
      zh: '',
    },
    why: {
      en: 'divides the summed loss by the number of micro-batches (the "examples" a per-example mean would count) instead of the number of valid tokens.',
      zh: '',
    },
    edits: [
      [
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / mbs.length, acc);',
      ],
    ],
  },
  {
    id: 'empty-mbs-returns-zero',
    hint: {
      en: 'returns loss 0 for an empty list of micro-batches (it looks like "no tokens") instead of throwing RangeError.',
      zh: '',
    },
    why: {
      en: 'returns loss 0 for an empty list of micro-batches (it looks like "no tokens") instead of throwing RangeError.',
      zh: '',
    },
    file: 'zoo/empty-mbs-returns-zero.ts',
  },
  {
    id: 'floor-segments',
    hint: {
      en: 'counts checkpoints as floor(L/k) instead of ceil(L/k), forgetting the last, shorter segment: checkpointMemory(10, 3) gives 6, not 7.',
      zh: '',
    },
    why: {
      en: 'counts checkpoints as floor(L/k) instead of ceil(L/k), forgetting the last, shorter segment: checkpointMemory(10, 3) gives 6, not 7.',
      zh: '',
    },
    edits: [['  return Math.ceil(layers / segment) + segment;', '  return Math.floor(layers / segment) + segment;']],
  },
  {
    id: 'fractional-segment-accepted',
    hint: {
      en: 'checks only segment >= 1, so a non-integer segment such as 2.5 returns a number instead of throwing RangeError.',
      zh: '',
    },
    why: {
      en: 'checks only segment >= 1, so a non-integer segment such as 2.5 returns a number instead of throwing RangeError.',
      zh: '',
    },
    edits: [
      [
        '  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);',
        '  if (!(value >= 1)) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);',
      ],
    ],
  },
  {
    id: 'gradient-missing-two',
    hint: { en: 'differentiates (x·θ − y)² as (x·θ − y)·x, dropping the factor 2 of the square.', zh: '' },
    why: { en: 'differentiates (x·θ − y)² as (x·θ − y)·x, dropping the factor 2 of the square.', zh: '' },
    edits: [
      [
        '      acc.grad[j] = (acc.grad[j] as number) + scale * 2 * m * r * v;',
        '      acc.grad[j] = (acc.grad[j] as number) + scale * m * r * v;',
      ],
    ],
  },
  {
    id: 'largest-minimising-segment',
    hint: {
      en: 'keeps the last minimiser (<= instead of <), so ties go to the largest k: L=32 answers k=6, not 4.',
      zh: '',
    },
    why: {
      en: 'keeps the last minimiser (<= instead of <), so ties go to the largest k: L=32 answers k=6, not 4.',
      zh: '',
    },
    edits: [['    if (m < memory) {', '    if (m <= memory) {']],
  },
  {
    id: 'mask-only-in-denominator',
    hint: {
      en: 'counts the mask in the denominator but forgets to multiply each token loss by it, so masked tokens still contribute to the sum.',
      zh: '',
    },
    why: {
      en: 'counts the mask in the denominator but forgets to multiply each token loss by it, so masked tokens still contribute to the sum.',
      zh: '',
    },
    edits: [
      ['    acc.loss += scale * m * r * r;', '    acc.loss += scale * r * r;'],
      [
        '      acc.grad[j] = (acc.grad[j] as number) + scale * 2 * m * r * v;',
        '      acc.grad[j] = (acc.grad[j] as number) + scale * 2 * r * v;',
      ],
    ],
  },
  {
    id: 'mean-of-means',
    hint: {
      en: 'the pre-fix Trainer behaviour: every micro-batch is averaged over its own tokens and the loss is then divided by the number of accumulation steps, so short micro-batches weigh as much as long ones (θ=[1], counts 2 and 1 give 5.75, not 14/3).',
      zh: '',
    },
    why: {
      en: 'the pre-fix Trainer behaviour: every micro-batch is averaged over its own tokens and the loss is then divided by the number of accumulation steps, so short micro-batches weigh as much as long ones (θ=[1], counts 2 and 1 give 5.75, not 14/3).',
      zh: '',
    },
    edits: [
      [
        '    const total = mbs.reduce((s, mb) => s + validCount(mb), 0); // known before any backward\n    if (total === 0) return acc;\n    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) {\n      const count = validCount(mb);\n      if (count > 0) addScaledSum(theta, mb, 1 / (count * mbs.length), acc);\n    }',
      ],
    ],
  },
  {
    id: 'nan-when-no-valid-token',
    hint: {
      en: 'no guard for a zero token count: when every token is masked the division 0/0 returns NaN instead of loss 0 and grad 0.',
      zh: '',
    },
    why: {
      en: 'no guard for a zero token count: when every token is masked the division 0/0 returns NaN instead of loss 0 and grad 0.',
      zh: '',
    },
    file: 'zoo/nan-when-no-valid-token.ts',
  },
  {
    id: 'negative-mask-accepted',
    hint: {
      en: 'never validates the mask, so a negative weight silently subtracts a token instead of throwing RangeError.',
      zh: '',
    },
    why: {
      en: 'never validates the mask, so a negative weight silently subtracts a token instead of throwing RangeError.',
      zh: '',
    },
    edits: [
      [
        '      if (!(m >= 0)) throw new RangeError(`micro-batch ${b}: mask[${i}] must be >= 0, got ${m}`);',
        '      void m;\n      void i;',
      ],
    ],
  },
  {
    id: 'normalised-twice',
    hint: {
      en: 'divides by num_items_in_batch AND by the number of accumulation steps (the loss scaling a training loop applies on top of a loss that is already a global mean), so the result is 1/steps too small.',
      zh: '',
    },
    why: {
      en: 'divides by num_items_in_batch AND by the number of accumulation steps (the loss scaling a training loop applies on top of a loss that is already a global mean), so the result is 1/steps too small.',
      zh: '',
    },
    edits: [
      [
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) addScaledSum(theta, mb, 1 / (total * mbs.length), acc);',
      ],
    ],
  },
  {
    id: 'per-micro-batch-denominator',
    hint: {
      en: 'divides each micro-batch by its own valid-token count and adds the results, forgetting that the per-batch means should have been reweighted by count/total: the loss grows with the number of micro-batches.',
      zh: '',
    },
    why: {
      en: 'divides each micro-batch by its own valid-token count and adds the results, forgetting that the per-batch means should have been reweighted by count/total: the loss grows with the number of micro-batches.',
      zh: '',
    },
    edits: [
      [
        '    const total = mbs.reduce((s, mb) => s + validCount(mb), 0); // known before any backward\n    if (total === 0) return acc;\n    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);',
        '    for (const mb of mbs) {\n      const count = validCount(mb);\n      if (count > 0) addScaledSum(theta, mb, 1 / count, acc);\n    }',
      ],
    ],
  },
  {
    id: 'round-sqrt-segment',
    hint: {
      en: 'takes k = round(√L) without checking its neighbours: the memory is often right, but L=32 answers k=6 instead of the smallest minimiser 4.',
      zh: '',
    },
    why: {
      en: 'takes k = round(√L) without checking its neighbours: the memory is often right, but L=32 answers k=6 instead of the smallest minimiser 4.',
      zh: '',
    },
    file: 'zoo/round-sqrt-segment.ts',
  },
]);
