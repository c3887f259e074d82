// Kata: retrieval-metrics (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check retrieval-metrics   (or: npx vitest --watch retrieval-metrics)
// Budget: cosineTopK takes at most 6·n·d + 4·n·⌈log2(k + 1)⌉ + 4·n + 8·d steps (README.md, Constraints).

export type Relevant = ReadonlySet<string> | readonly string[];
export type Gain = 'exponential' | 'linear';
export interface NdcgOptions {
  gain?: Gain;
}
export interface Query {
  ranked: readonly string[];
  relevant: Relevant;
}
export interface Hit {
  index: number;
  score: number;
}

export function recallAtK(ranked: readonly string[], relevant: Relevant, k: number): number {
  // TODO: relevant ids among ranked.slice(0, k), divided by the number of relevant ids (0 if none).
  throw new Error('TODO: retrieval-metrics');
}

export function precisionAtK(ranked: readonly string[], relevant: Relevant, k: number): number {
  // TODO: relevant ids among ranked.slice(0, k), divided by k.
  throw new Error('TODO: retrieval-metrics');
}

export function reciprocalRank(ranked: readonly string[], relevant: Relevant): number {
  // TODO: 1 / (1-based rank of the first relevant id), 0 when there is none.
  throw new Error('TODO: retrieval-metrics');
}

export function meanReciprocalRank(queries: readonly Query[]): number {
  // TODO: the mean of reciprocalRank over the queries.
  throw new Error('TODO: retrieval-metrics');
}

export function ndcgAtK(
  ranked: readonly string[],
  grades: ReadonlyMap<string, number>,
  k: number,
  options: NdcgOptions = {},
): number {
  // TODO: DCG@k of the ranking over DCG@k of every graded document sorted by grade (0 if that is 0).
  throw new Error('TODO: retrieval-metrics');
}

export function cosineTopK(query: readonly number[], corpus: readonly (readonly number[])[], k: number): Hit[] {
  // TODO: the min(k, n) best cosine scores, descending, ties by lower index, in O(n·d + n log k).
  throw new Error('TODO: retrieval-metrics');
}
