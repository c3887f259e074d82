import fc from 'fast-check';

/**
 * Inputs of the sft-packing-mask kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/sft-packing-mask/sft-packing-mask.props.ts. Plain data only: token ids, labels, sequence
 * lengths and seeds; a property builds q, k, v from `seededData([T, d], seed)`
 * (src/harness/tensor-data.ts).
 */

/** Token ids are non-negative integers (a vocabulary of 1000 keeps counterexamples short). */
export const tokenId: fc.Arbitrary<number> = fc.integer({ min: 0, max: 999 });

export const tokenIds = (minLength: number, maxLength: number): fc.Arbitrary<number[]> =>
  fc.array(tokenId, { minLength, maxLength });

/** ignoreIndex: undefined (the default −100) or an explicit value such as −1. */
export const ignoreIndexArb: fc.Arbitrary<number | undefined> = fc.constantFrom(undefined, -100, -1, -7);

/** A prompt and a response of 0..6 tokens each, never both empty. */
export const sftPair: fc.Arbitrary<{ prompt: number[]; response: number[] }> = fc
  .record({ prompt: tokenIds(0, 6), response: tokenIds(0, 6) })
  .filter(({ prompt, response }) => prompt.length + response.length > 0);

export interface LabelledSequence {
  inputIds: number[];
  labels: number[];
}

/** One sequence of 1..7 tokens; each label is the token itself or −100 (a masked prompt token). */
export const labelledSequence: fc.Arbitrary<LabelledSequence> = fc
  .array(fc.tuple(tokenId, fc.boolean()), { minLength: 1, maxLength: 7 })
  .map((tokens) => ({
    inputIds: tokens.map(([id]) => id),
    labels: tokens.map(([id, masked]) => (masked ? -100 : id)),
  }));

/** 1..5 sequences to pack, and the ignoreIndex to pass (undefined: leave the default). */
export const packCase: fc.Arbitrary<{ seqs: LabelledSequence[]; ignoreIndex: number | undefined }> = fc.record({
  seqs: fc.array(labelledSequence, { minLength: 1, maxLength: 5 }),
  ignoreIndex: ignoreIndexArb,
});

/** Lengths of 1..6 packed sequences, each 1..maxLength tokens. */
export const seqLengths = (maxLength = 6): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: maxLength }), { minLength: 1, maxLength: 6 });

/** A packed attention problem: the sequence lengths, head size d, value size dv, a seed for q, k, v. */
export interface AttentionCase {
  readonly lengths: number[];
  readonly d: number;
  readonly dv: number;
  readonly seed: number;
}

export const attentionCase: fc.Arbitrary<AttentionCase> = fc.record({
  lengths: seqLengths(6),
  d: fc.integer({ min: 1, max: 8 }),
  dv: fc.integer({ min: 1, max: 6 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

/** cuSeqlens = [0, l₁, l₁ + l₂, …]. */
export function cuSeqlensFromLengths(lengths: readonly number[]): number[] {
  const cu = [0];
  for (const l of lengths) cu.push((cu.at(-1) as number) + l);
  return cu;
}

/** seqIds = [0 ×l₁, 1 ×l₂, …]. */
export function seqIdsFromLengths(lengths: readonly number[]): number[] {
  return lengths.flatMap((l, s) => Array.from({ length: l }, () => s));
}

/** Not a number at all (TypeError where a number is expected). */
export const notANumber: fc.Arbitrary<unknown> = fc.constantFrom('5', null, undefined, true, [5]);

/** A number that is not an integer (RangeError wherever an id, a label or a count is expected). */
export const notAnInteger: fc.Arbitrary<number> = fc.constantFrom(1.5, -0.5, Number.NaN, Infinity, -Infinity);

/** An explicit ignoreIndex that is not a number (TypeError; undefined would mean the default). */
export const ignoreIndexNotANumber: fc.Arbitrary<unknown> = fc.constantFrom('-100', null, true, [-100]);

/** An ignoreIndex that is a number but not a negative integer (RangeError). */
export const badIgnoreIndex: fc.Arbitrary<number> = fc.constantFrom(0, 5, 100, -1.5, Number.NaN, -Infinity);

/** A call that breaks exactly one rule, and the error it must raise. */
export interface BadCall {
  readonly args: unknown[];
  readonly error: 'TypeError' | 'RangeError';
  readonly broken: string;
}

const badTokenOf = (pick: number, nan: unknown, fraction: number): { value: unknown; error: BadCall['error'] } =>
  pick % 3 === 0
    ? { value: nan, error: 'TypeError' }
    : pick % 3 === 1
      ? { value: -1 - (pick % 5), error: 'RangeError' }
      : { value: fraction, error: 'RangeError' };

/** buildSftExample with one argument broken: not an array, a bad token id, a bad ignoreIndex. */
export const badSftCall: fc.Arbitrary<BadCall> = fc
  .tuple(sftPair, fc.nat({ max: 3 }), fc.nat(), notANumber, notAnInteger, badIgnoreIndex, ignoreIndexNotANumber)
  .map(([c, which, pick, nan, fraction, ignore, ignoreNaN]): BadCall => {
    if (which === 0) {
      const value = ([null, undefined, 5, '5,6'] as const)[pick % 4];
      return pick % 2 === 0
        ? { args: [value, c.response], error: 'TypeError', broken: `prompt = ${String(value)}` }
        : { args: [c.prompt, value], error: 'TypeError', broken: `response = ${String(value)}` };
    }
    if (which === 1) {
      const tokens = [...c.prompt, ...c.response];
      const at = pick % tokens.length;
      const bad = badTokenOf(pick >> 2, nan, fraction);
      const edited = tokens.map((t, i) => (i === at ? bad.value : t));
      return {
        args: [edited.slice(0, c.prompt.length), edited.slice(c.prompt.length)],
        error: bad.error,
        broken: `token ${at} = ${String(bad.value)}`,
      };
    }
    if (which === 2) {
      return {
        args: [c.prompt, c.response, ignoreNaN],
        error: 'TypeError',
        broken: `ignoreIndex = ${String(ignoreNaN)}`,
      };
    }
    return { args: [c.prompt, c.response, ignore], error: 'RangeError', broken: `ignoreIndex = ${ignore}` };
  });

/** packSequences with one rule broken: the list, a sequence, a token id, a label, a length, ignoreIndex. */
export const badPackCall: fc.Arbitrary<BadCall> = fc
  .tuple(packCase, fc.nat({ max: 7 }), fc.nat(), notANumber, notAnInteger, badIgnoreIndex, ignoreIndexNotANumber)
  .map(([c, which, pick, nan, fraction, ignore, ignoreNaN]): BadCall => {
    const seqs: unknown[] = structuredClone(c.seqs);
    const s = pick % seqs.length;
    const seq = seqs[s] as LabelledSequence;
    const p = pick % seq.inputIds.length;
    const withIgnore = (args: unknown[]) => (c.ignoreIndex === undefined ? args : [...args, c.ignoreIndex]);
    switch (which) {
      case 0: {
        const value = ([null, undefined, 5, { 0: seq, length: 1 }] as const)[pick % 4];
        return { args: withIgnore([value]), error: 'TypeError', broken: `seqs = ${JSON.stringify(value)}` };
      }
      case 1: {
        const value = ([null, 5, 'abc'] as const)[pick % 3];
        seqs[s] = value;
        return { args: withIgnore([seqs]), error: 'TypeError', broken: `seqs[${s}] = ${String(value)}` };
      }
      case 2: {
        const field = pick % 2 === 0 ? 'inputIds' : 'labels';
        (seqs[s] as Record<string, unknown>)[field] = (pick >> 1) % 2 === 0 ? undefined : null;
        return { args: withIgnore([seqs]), error: 'TypeError', broken: `seqs[${s}].${field} is missing` };
      }
      case 3: {
        const bad = badTokenOf(pick >> 3, nan, fraction);
        (seq.inputIds as unknown[])[p] = bad.value;
        return {
          args: withIgnore([seqs]),
          error: bad.error,
          broken: `seqs[${s}].inputIds[${p}] = ${String(bad.value)}`,
        };
      }
      case 4: {
        const useNaN = (pick >> 3) % 2 === 0;
        (seq.labels as unknown[])[p] = useNaN ? nan : fraction;
        return {
          args: withIgnore([seqs]),
          error: useNaN ? 'TypeError' : 'RangeError',
          broken: `seqs[${s}].labels[${p}] = ${String(useNaN ? nan : fraction)}`,
        };
      }
      case 5:
        seq.labels.push(-100);
        return { args: withIgnore([seqs]), error: 'RangeError', broken: `seqs[${s}] has one label too many` };
      case 6:
        seqs.splice(s, 0, { inputIds: [], labels: [] });
        return { args: withIgnore([seqs]), error: 'RangeError', broken: `an empty sequence at ${s}` };
      default:
        return pick % 2 === 0
          ? { args: [seqs, ignore], error: 'RangeError', broken: `ignoreIndex = ${ignore}` }
          : { args: [seqs, ignoreNaN], error: 'TypeError', broken: `ignoreIndex = ${String(ignoreNaN)}` };
    }
  });

/**
 * A valid cuSeqlens broken the way the contract says must throw: no leading 0, a repeated entry
 * (an empty sequence), a step backwards (RangeError), a fractional entry (RangeError), an entry
 * that is not a number, or not an array at all (TypeError).
 */
export const badCuSeqlens: fc.Arbitrary<{ cuSeqlens: unknown; error: 'TypeError' | 'RangeError'; broken: string }> = fc
  .tuple(seqLengths(6), fc.nat({ max: 5 }), fc.nat(), notANumber)
  .map(([lengths, which, pick, nan]) => {
    const cu = cuSeqlensFromLengths(lengths);
    const i = 1 + (pick % (cu.length - 1));
    switch (which) {
      case 0:
        return { cuSeqlens: cu.slice(1), error: 'RangeError' as const, broken: 'no leading 0' };
      case 1:
        return { cuSeqlens: [...cu.slice(0, i), ...cu.slice(i - 1)], error: 'RangeError' as const, broken: 'a repeat' };
      case 2: {
        const back = [...cu];
        back[i] = (cu[i - 1] as number) - 1;
        return { cuSeqlens: back, error: 'RangeError' as const, broken: `cuSeqlens[${i}] steps back` };
      }
      case 3: {
        const frac = [...cu];
        frac[i] = (cu[i] as number) - 0.5;
        return { cuSeqlens: frac, error: 'RangeError' as const, broken: `cuSeqlens[${i}] is fractional` };
      }
      case 4: {
        const bad: unknown[] = [...cu];
        bad[i] = nan;
        return { cuSeqlens: bad, error: 'TypeError' as const, broken: `cuSeqlens[${i}] = ${String(nan)}` };
      }
      default:
        return {
          cuSeqlens: ([null, 3, '0,3'] as const)[pick % 3],
          error: 'TypeError' as const,
          broken: 'not an array',
        };
    }
  });

/** Breaks a valid cuSeqlens the way the contract says must throw: no leading 0, or a repeated entry. */
export function breakCuSeqlens(cu: readonly number[], how: 'none' | 'noZero' | 'repeat'): number[] {
  if (how === 'noZero') return cu.slice(1);
  if (how === 'repeat') return [...cu.slice(0, 2), ...cu.slice(1)];
  return [...cu];
}

/** maskBytes arguments: T up to 2^16, a kind, 1/2/4/8 bytes, numSeqs (for 'cuSeqlens' only). */
export const maskBytesCase: fc.Arbitrary<{
  t: number;
  kind: '2d' | 'seqIds' | 'cuSeqlens';
  bytes: number;
  numSeqs: number | undefined;
}> = fc
  .record({
    t: fc.integer({ min: 1, max: 1 << 16 }),
    kind: fc.constantFrom('2d' as const, 'seqIds' as const, 'cuSeqlens' as const),
    bytes: fc.constantFrom(1, 2, 4, 8),
    numSeqs: fc.integer({ min: 1, max: 64 }),
  })
  .map(({ t, kind, bytes, numSeqs }) => ({ t, kind, bytes, numSeqs: kind === 'cuSeqlens' ? numSeqs : undefined }));

/** A maskBytes kind that is not one of the three (RangeError). */
export const badMaskKind: fc.Arbitrary<string> = fc.constantFrom(
  '2D',
  'seqids',
  'cu_seqlens',
  '',
  'dense',
  'cuSeqLens',
);
