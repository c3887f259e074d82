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
