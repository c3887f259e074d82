import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type LabelledSequence,
  attentionCase,
  badCuSeqlens,
  badMaskKind,
  badPackCall,
  badSftCall,
  breakCuSeqlens,
  cuSeqlensFromLengths,
  ignoreIndexArb,
  maskBytesCase,
  packCase,
  seqLengths,
  sftPair,
} from './inputs.ts';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  rarely,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
  valuesArb,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type MaskKind = '2d' | 'seqIds' | 'cuSeqlens';

type Input =
  | {
      readonly fn: 'buildSftExample';
      readonly prompt: number[];
      readonly response: number[];
      readonly ignoreIndex: number | undefined;
    }
  | { readonly fn: 'packSequences'; readonly seqs: LabelledSequence[]; readonly ignoreIndex: number | undefined }
  | { readonly fn: 'blockCausalMask'; readonly seqIds: number[] }
  | { readonly fn: 'seqIdsFromCuSeqlens'; readonly cuSeqlens: number[] }
  | {
      readonly fn: 'packedAttention';
      readonly q: TensorSpec;
      readonly k: TensorSpec;
      readonly v: TensorSpec;
      readonly cuSeqlens: number[];
    }
  | {
      readonly fn: 'bad';
      readonly call: 'buildSftExample' | 'packSequences' | 'seqIdsFromCuSeqlens';
      readonly args: unknown[];
    }
  | {
      readonly fn: 'maskBytes';
      readonly t: number;
      readonly kind: MaskKind;
      readonly bytes: number;
      readonly numSeqs: number | undefined;
    };

/** Tensor results as a TensorValue; everything else as plain JSON-able data. */
type Output = TensorValue | { readonly plain: unknown };

const sft = fc
  .record({ c: sftPair, ignoreIndex: ignoreIndexArb, bad: rarely('empty') })
  .map(({ c, ignoreIndex, bad }) => ({
    fn: 'buildSftExample' as const,
    prompt: bad === 'empty' ? [] : c.prompt,
    response: bad === 'empty' ? [] : c.response,
    ignoreIndex,
  }));

const pack = fc.record({ c: packCase, bad: rarely('mismatch', 'emptySeq') }).map(({ c, bad }) => {
  const seqs = structuredClone(c.seqs);
  if (bad === 'mismatch') seqs[0]?.labels.push(-100);
  if (bad === 'emptySeq') seqs.push({ inputIds: [], labels: [] });
  return { fn: 'packSequences' as const, seqs, ignoreIndex: c.ignoreIndex };
});

const mask = seqLengths(5).map((lengths) => ({
  fn: 'blockCausalMask' as const,
  seqIds: lengths.flatMap((l, s) => Array.from({ length: l }, () => s)),
}));

const ids = fc.record({ lengths: seqLengths(6), bad: rarely('noZero', 'repeat') }).map(({ lengths, bad }) => ({
  fn: 'seqIdsFromCuSeqlens' as const,
  cuSeqlens: breakCuSeqlens(cuSeqlensFromLengths(lengths), bad),
}));

const attention = fc
  .record({ c: attentionCase, values: valuesArb(12, 2), bad: rarely('noZero', 'repeat') })
  .map(({ c, values, bad }) => {
    const t = c.lengths.reduce((a, b) => a + b, 0);
    // q, k and v cycle through the same values at different offsets, so they differ.
    return {
      fn: 'packedAttention' as const,
      q: { shape: [t, c.d], values },
      k: { shape: [t, c.d], values: [...values.slice(1), ...values.slice(0, 1)] },
      v: { shape: [t, c.dv], values: values.map((x, i) => x + (i % 3) / 2) },
      cuSeqlens: breakCuSeqlens(cuSeqlensFromLengths(c.lengths), bad),
    };
  });

const bytes = fc.record({ c: maskBytesCase, bad: rarely('kind'), typo: badMaskKind }).map(({ c, bad, typo }) => ({
  fn: 'maskBytes' as const,
  t: c.t,
  kind: (bad === 'kind' ? typo : c.kind) as MaskKind,
  bytes: c.bytes,
  numSeqs: c.numSeqs,
}));

/** Rarely, a call that breaks one rule (both sides must throw the same error class). */
const badCalls = fc.oneof(
  badSftCall.map(({ args }) => ({ fn: 'bad' as const, call: 'buildSftExample' as const, args })),
  badPackCall.map(({ args }) => ({ fn: 'bad' as const, call: 'packSequences' as const, args })),
  badCuSeqlens.map(({ cuSeqlens }) => ({
    fn: 'bad' as const,
    call: 'seqIdsFromCuSeqlens' as const,
    args: [cuSeqlens],
  })),
);

export const differential: Differential<Input, Output> = {
  inputs: fc.oneof(sft, pack, mask, ids, { arbitrary: attention, weight: 2 }, bytes, {
    arbitrary: badCalls,
    weight: 1,
  }),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    // Fresh copies of every array, so neither side can see the other's edits.
    switch (input.fn) {
      case 'buildSftExample': {
        const fn = exported<(p: number[], r: number[], i?: number) => unknown>(impl, input.fn);
        const extra: [] | [number] = input.ignoreIndex === undefined ? [] : [input.ignoreIndex];
        return { plain: fn([...input.prompt], [...input.response], ...extra) };
      }
      case 'packSequences': {
        const fn = exported<(s: LabelledSequence[], i?: number) => unknown>(impl, input.fn);
        const extra: [] | [number] = input.ignoreIndex === undefined ? [] : [input.ignoreIndex];
        return { plain: fn(structuredClone(input.seqs), ...extra) };
      }
      case 'blockCausalMask': {
        const fn = exported<(ids: number[]) => tf.Tensor>(impl, input.fn);
        return runOnTensors([], () => fn([...input.seqIds]));
      }
      case 'seqIdsFromCuSeqlens': {
        const fn = exported<(cu: number[]) => unknown>(impl, input.fn);
        return { plain: fn([...input.cuSeqlens]) };
      }
      case 'packedAttention': {
        const fn = exported<(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, cu: number[]) => tf.Tensor>(impl, input.fn);
        return runOnTensors([input.q, input.k, input.v], ([q, k, v]) =>
          fn(q as tf.Tensor, k as tf.Tensor, v as tf.Tensor, [...input.cuSeqlens]),
        );
      }
      case 'bad':
        return { plain: exported<(...args: unknown[]) => unknown>(impl, input.call)(...structuredClone(input.args)) };
      case 'maskBytes': {
        const fn = exported<(t: number, kind: MaskKind, b: number, n?: number) => unknown>(impl, input.fn);
        const extra: [] | [number] = input.numSeqs === undefined ? [] : [input.numSeqs];
        return { plain: fn(input.t, input.kind, input.bytes, ...extra) };
      }
    }
  },
  difference(mine, ref) {
    if ('plain' in ref) {
      if (!('plain' in mine)) return 'expected plain numbers, not a tf.Tensor';
      return plainDifference(mine.plain, ref.plain);
    }
    if (!isTensorValue(mine)) return 'expected a tf.Tensor';
    return tensorDifference(mine, ref);
  },
  show(value) {
    if ('plain' in value) return showJson(value.plain);
    if (isTensorValue(value)) return showTensorValue(value);
    switch (value.fn) {
      case 'buildSftExample':
        return `buildSftExample(${showJson(value.prompt)}, ${showJson(value.response)}${value.ignoreIndex === undefined ? '' : `, ${value.ignoreIndex}`})`;
      case 'packSequences':
        return `packSequences(${showJson(value.seqs)}${value.ignoreIndex === undefined ? '' : `, ${value.ignoreIndex}`})`;
      case 'blockCausalMask':
        return `blockCausalMask(${showJson(value.seqIds)})`;
      case 'seqIdsFromCuSeqlens':
        return `seqIdsFromCuSeqlens(${showJson(value.cuSeqlens)})`;
      case 'packedAttention':
        return [
          `packedAttention(q, k, v, ${showJson(value.cuSeqlens)})`,
          `    ${showSpec('q', value.q)}`,
          `    ${showSpec('k', value.k)}`,
          `    ${showSpec('v', value.v)}`,
        ].join('\n');
      case 'bad':
        return `${value.call}(${value.args.map((a) => showJson(a)).join(', ')})`;
      case 'maskBytes':
        return `maskBytes(${value.t}, '${value.kind}', ${value.bytes}${value.numSeqs === undefined ? '' : `, ${value.numSeqs}`})`;
    }
  },
};

/** undefined when equal; else the first field (of a pack) or element that differs. */
function plainDifference(mine: unknown, ref: unknown): string | undefined {
  if (showJson(mine) === showJson(ref)) return undefined;
  if (typeof ref === 'object' && ref !== null && !Array.isArray(ref) && typeof mine === 'object' && mine !== null) {
    for (const [key, want] of Object.entries(ref)) {
      const got = (mine as Record<string, unknown>)[key];
      if (showJson(got) !== showJson(want)) return `${key}: yours ${showJson(got)}, reference ${showJson(want)}`;
    }
    return 'your result has extra fields';
  }
  if (Array.isArray(ref) && Array.isArray(mine)) {
    if (mine.length !== ref.length) return `length ${mine.length} vs ${ref.length} (yours vs the reference)`;
    const i = ref.findIndex((want, j) => showJson(mine[j]) !== showJson(want));
    return `element ${i}: yours ${showJson(mine[i])}, reference ${showJson(ref[i])}`;
  }
  return 'the values differ';
}
