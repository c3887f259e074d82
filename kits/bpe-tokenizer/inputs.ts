import fc from 'fast-check';
import { seededUniform } from '../../src/harness/random.ts';

/**
 * Inputs of the bpe-tokenizer kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/bpe-tokenizer/bpe-tokenizer.props.ts.
 */

/**
 * Characters that make BPE interesting in few bytes: repeated ASCII letters (runs like "aaaa"
 * overlap), a space, 2-, 3- and 4-byte characters (é, 中, 文, 😀), a byte order mark and a lone
 * surrogate (U+D800, which TextEncoder turns into U+FFFD).
 */
const pieces = ['a', 'a', 'a', 'b', 'b', 'c', ' ', 'é', '中', '文', '😀', '\uFEFF', '\uD800'];

/** A short string of those pieces (up to 40 of them), well-formed or not. */
export const tokenText: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...pieces), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Any string at all (fast-check's full Unicode, lone surrogates included), up to 30 code units. */
export const anyText: fc.Arbitrary<string> = fc.string({ unit: 'binary', maxLength: 30 });

/** A well-formed string (no lone surrogates): decode(encode(s)) must give it back exactly. */
export const wellFormedText: fc.Arbitrary<string> = fc.oneof(
  tokenText.filter((s) => !s.includes('\uD800')),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** A vocabulary size from 256 (no merges) to 256 + 60. */
export const vocabSize: fc.Arbitrary<number> = fc.integer({ min: 256, max: 316 });

/** A corpus to train on and a vocabulary size. */
export interface TrainInput {
  readonly text: string;
  readonly vocabSize: number;
}

export const trainInput: fc.Arbitrary<TrainInput> = fc.record({ text: tokenText, vocabSize });

/** Training text and another text to encode with its merges (the second may hold unseen bytes). */
export interface EncodeInput {
  readonly corpus: string;
  readonly vocabSize: number;
  readonly text: string;
}

export const encodeInput: fc.Arbitrary<EncodeInput> = fc.record({
  corpus: tokenText,
  vocabSize,
  text: fc.oneof(tokenText, anyText),
});

/**
 * A de Bruijn sequence of order 2 over `k` printable ASCII characters (from '!'), closed into a
 * line: k² + 1 characters in which every ordered pair of the alphabet occurs exactly once. Twice in
 * a row it is a corpus where almost every pair occurs twice, so BPE makes about one merge per
 * character: the worst case for recounting all pairs before every merge.
 */
export function deBruijnText(k: number): string {
  const a = new Array<number>(3).fill(0);
  const out: number[] = [];
  // The FKM algorithm: concatenate the Lyndon words of length dividing 2, in lexicographic order.
  const visit = (t: number, p: number): void => {
    if (t > 2) {
      if (2 % p === 0) for (let j = 1; j <= p; j++) out.push(a[j] as number);
      return;
    }
    a[t] = a[t - p] as number;
    visit(t + 1, p);
    for (let j = (a[t - p] as number) + 1; j < k; j++) {
      a[t] = j;
      visit(t + 1, t);
    }
  };
  visit(1, 1);
  out.push(out[0] as number);
  return out.map((c) => String.fromCharCode(33 + c)).join('');
}

/** `n` characters drawn uniformly from `k` printable ASCII characters (from '!'), seeded. */
export function randomAscii(n: number, k: number, seed: number): string {
  const uniform = seededUniform(seed);
  let text = '';
  for (let i = 0; i < n; i++) text += String.fromCharCode(33 + Math.floor(uniform() * k));
  return text;
}
