// Kata: bpe-tokenizer (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check bpe-tokenizer   (or: npx vitest --watch bpe-tokenizer)
// Budget: train within 24·(N + 1)·⌈log2(N + 2)⌉ steps of work for N UTF-8 bytes (encode and decode are not counted).

/** One learned merge [a, b]: merge i creates the id 256 + i. */
export type Merge = [number, number];

export function train(text: string, vocabSize: number): { merges: Merge[] } {
  // TODO: byte-level BPE on the UTF-8 bytes of text: merge the most frequent pair (ties: the
  // smallest [a, b]) until vocabSize - 256 merges or no pair occurs twice; O(N log N) in all.
  throw new Error('TODO: bpe-tokenizer');
}

export function encode(text: string, merges: readonly Merge[]): number[] {
  // TODO: UTF-8 bytes, then repeatedly merge the present pair of lowest rank (left to right).
  throw new Error('TODO: bpe-tokenizer');
}

export function decode(ids: readonly number[], merges: readonly Merge[]): string {
  // TODO: join the bytes of every token, then decode them as UTF-8 once (U+FFFD for bad bytes).
  throw new Error('TODO: bpe-tokenizer');
}
