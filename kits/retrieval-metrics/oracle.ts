/**
 * Oracles for the retrieval-metrics kata, written from the definitions and independent of the
 * reference: each metric is its textbook sum in float64 (ranx / trec_eval for recall, precision and
 * the reciprocal rank; Järvelin & Kekäläinen's DCG with the log2(rank + 1) discount, the gain linear
 * or Burges et al.'s 2^grade − 1), and cosine top-k scores every vector and sorts them all.
 */

/** |{relevant ids among the first k}| / |relevant|, 0 when nothing is relevant (ranx). */
export function recallOracle(ranked: readonly string[], relevant: readonly string[], k: number): number {
  const rel = [...new Set(relevant)];
  if (rel.length === 0) return 0;
  const top = ranked.slice(0, k);
  return rel.filter((id) => top.includes(id)).length / rel.length;
}

/** |{relevant ids among the first k}| / k, k even when fewer than k ids were retrieved (trec_eval P_k). */
export function precisionOracle(ranked: readonly string[], relevant: readonly string[], k: number): number {
  const rel = new Set(relevant);
  return ranked.slice(0, k).filter((id) => rel.has(id)).length / k;
}

/** 1 / (1-based rank of the first relevant id), 0 when none is retrieved. */
export function reciprocalRankOracle(ranked: readonly string[], relevant: readonly string[]): number {
  const rank = ranked.findIndex((id) => relevant.includes(id));
  return rank < 0 ? 0 : 1 / (rank + 1);
}

export type GainKind = 'linear' | 'exponential';

export function gainOf(grade: number, kind: GainKind): number {
  return kind === 'linear' ? grade : 2 ** grade - 1;
}

/** Σ_{r=1..min(k, n)} gain_r / log2(r + 1). */
export function dcgOracle(gains: readonly number[], k: number): number {
  let sum = 0;
  for (let r = 1; r <= Math.min(k, gains.length); r++) sum += (gains[r - 1] as number) / Math.log2(r + 1);
  return sum;
}

/** DCG@k of the ranking over DCG@k of every judged grade in descending order; 0 when that is 0. */
export function ndcgOracle(
  ranked: readonly string[],
  grades: ReadonlyMap<string, number>,
  k: number,
  kind: GainKind = 'linear',
): number {
  const actual = dcgOracle(
    ranked.map((id) => gainOf(grades.get(id) ?? 0, kind)),
    k,
  );
  const ideal = dcgOracle(
    [...grades.values()].sort((a, b) => b - a).map((g) => gainOf(g, kind)),
    k,
  );
  return ideal === 0 ? 0 : actual / ideal;
}

/** cos(q, v) = q·v / (‖q‖·‖v‖), 0 when either norm is 0 (scikit-learn's cosine_similarity). */
export function cosineOracle(q: readonly number[], v: readonly number[]): number {
  let dot = 0;
  let qq = 0;
  let vv = 0;
  q.forEach((x, j) => {
    const y = v[j] as number;
    dot += x * y;
    qq += x * x;
    vv += y * y;
  });
  return qq === 0 || vv === 0 ? 0 : dot / Math.sqrt(qq * vv);
}

export interface ScoredHit {
  index: number;
  score: number;
}

/** Every vector scored, all sorted (score descending, lower index first on ties), the first k kept. */
export function topKOracle(query: readonly number[], corpus: readonly (readonly number[])[], k: number): ScoredHit[] {
  return corpus
    .map((v, index) => ({ index, score: cosineOracle(query, v) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k);
}

/**
 * True when every two corpus vectors either score exactly alike by the contract (the same vector,
 * or both score 0 by the zero-norm rule) or have cosines at least `gap` apart. Random cases keep
 * to these: a near-tie of different vectors (like [1, 0] and [2, 0]) is decided by rounding, not
 * by the tie rule, so its order is not checked.
 */
export function tiesAreExact(query: readonly number[], corpus: readonly (readonly number[])[], gap = 1e-9): boolean {
  const zeroQuery = query.every((x) => x === 0);
  const keyed = corpus.map((v) => ({
    key: zeroQuery || v.every((x) => x === 0) ? 'zero' : v.join(','),
    score: cosineOracle(query, v),
  }));
  keyed.sort((a, b) => a.score - b.score);
  for (let i = 1; i < keyed.length; i++) {
    const a = keyed[i - 1] as { key: string; score: number };
    const b = keyed[i] as { key: string; score: number };
    if (a.key !== b.key && Math.abs(a.score - b.score) < gap) return false;
  }
  return true;
}
