/**
 * A WRONG solution (zoo bug sort-everything): the metrics are right, but cosine top-k scores every
 * vector and sorts all n hits to keep the first k, O(n·d + n log n) instead of O(n·d + n log k).
 * With n = 10^5 and k = 2 that is about 40·n steps against the budget of 24·n.
 */
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

function checkK(k: unknown): number {
  if (typeof k !== 'number') throw new TypeError(`k must be a number, got ${typeof k}`);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  return k;
}

/** An array of distinct string ids. */
function checkRanked(ranked: unknown): readonly string[] {
  if (!Array.isArray(ranked)) throw new TypeError(`ranked must be an array of ids, got ${typeof ranked}`);
  const seen = new Set<string>();
  for (let i = 0; i < ranked.length; i++) {
    const id: unknown = ranked[i];
    if (typeof id !== 'string') throw new TypeError(`ranked[${i}] must be a string id, got ${typeof id}`);
    if (seen.has(id)) throw new RangeError(`ranked[${i}] = "${id}" appears twice in the ranking`);
    seen.add(id);
  }
  return ranked;
}

/** A Set or an array of string ids, as a Set (repeats in an array count once). */
function relevantSet(relevant: unknown): ReadonlySet<string> {
  const ids = relevant instanceof Set ? [...relevant] : relevant;
  if (!Array.isArray(ids)) throw new TypeError(`relevant must be a Set or an array of ids, got ${typeof relevant}`);
  for (const id of ids) {
    if (typeof id !== 'string') throw new TypeError(`relevant holds a ${typeof id}, not a string id`);
  }
  return new Set(ids as string[]);
}

/** How many of the first k ranked ids are relevant. */
function hits(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  let count = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i] as string)) count++;
  return count;
}

export function recallAtK(ranked: readonly string[], relevant: Relevant, k: number): number {
  checkRanked(ranked);
  const rel = relevantSet(relevant);
  checkK(k);
  return rel.size === 0 ? 0 : hits(ranked, rel, k) / rel.size;
}

export function precisionAtK(ranked: readonly string[], relevant: Relevant, k: number): number {
  checkRanked(ranked);
  const rel = relevantSet(relevant);
  checkK(k);
  return hits(ranked, rel, k) / k;
}

export function reciprocalRank(ranked: readonly string[], relevant: Relevant): number {
  checkRanked(ranked);
  const rel = relevantSet(relevant);
  for (let i = 0; i < ranked.length; i++) if (rel.has(ranked[i] as string)) return 1 / (i + 1);
  return 0;
}

export function meanReciprocalRank(queries: readonly Query[]): number {
  if (!Array.isArray(queries)) throw new TypeError(`queries must be an array, got ${typeof queries}`);
  if (queries.length === 0) throw new RangeError('queries is empty: the mean of no reciprocal ranks is undefined');
  let total = 0;
  for (let q = 0; q < queries.length; q++) {
    const query: unknown = queries[q];
    if (typeof query !== 'object' || query === null) throw new TypeError(`queries[${q}] must be an object`);
    const { ranked, relevant } = query as Query;
    total += reciprocalRank(ranked, relevant);
  }
  return total / queries.length;
}

function dcg(gains: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, gains.length); i++) sum += (gains[i] as number) / Math.log2(i + 2);
  return sum;
}

export function ndcgAtK(
  ranked: readonly string[],
  grades: ReadonlyMap<string, number>,
  k: number,
  options: NdcgOptions = {},
): number {
  checkRanked(ranked);
  if (!(grades instanceof Map)) throw new TypeError('grades must be a Map from id to grade');
  for (const [id, grade] of grades) {
    if (typeof id !== 'string') throw new TypeError(`grades has a key of type ${typeof id}, not a string id`);
    if (typeof grade !== 'number') throw new TypeError(`grades.get("${id}") must be a number, got ${typeof grade}`);
    if (!(Number.isFinite(grade) && grade >= 0)) {
      throw new RangeError(`grades.get("${id}") must be a finite number >= 0, got ${grade}`);
    }
  }
  checkK(k);
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const kind = options.gain ?? 'linear';
  if (kind !== 'linear' && kind !== 'exponential') {
    throw new RangeError(`options.gain must be 'linear' or 'exponential', got ${String(kind)}`);
  }
  const gain = (grade: number) => (kind === 'linear' ? grade : 2 ** grade - 1);
  const actual = ranked.map((id) => gain(grades.get(id) ?? 0));
  // The ideal ordering ranks every judged document by grade, retrieved or not.
  const ideal = [...grades.values()].map(gain).sort((a, b) => b - a);
  const best = dcg(ideal, k);
  return best === 0 ? 0 : dcg(actual, k) / best;
}

/** A finite-number vector; `d`, when given, is the length it must have. */
function checkVector(v: unknown, name: string, d?: number): readonly number[] {
  if (!Array.isArray(v)) throw new TypeError(`${name} must be an array of numbers, got ${typeof v}`);
  if (d === undefined ? v.length === 0 : v.length !== d) {
    throw new RangeError(`${name} has length ${v.length}, expected ${d ?? 'at least 1'}`);
  }
  for (let j = 0; j < v.length; j++) {
    const x: unknown = v[j];
    if (typeof x !== 'number') throw new TypeError(`${name}[${j}] must be a number, got ${typeof x}`);
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${j}] must be finite, got ${x}`);
  }
  return v;
}

export function cosineTopK(query: readonly number[], corpus: readonly (readonly number[])[], k: number): Hit[] {
  checkVector(query, 'query');
  if (!Array.isArray(corpus)) throw new TypeError(`corpus must be an array of vectors, got ${typeof corpus}`);
  const d = query.length;
  for (let i = 0; i < corpus.length; i++) checkVector(corpus[i], `corpus[${i}]`, d);
  checkK(k);

  let qq = 0;
  for (const x of query) qq += x * x;
  const qNorm = Math.sqrt(qq);

  const all: Hit[] = corpus.map((v, i) => {
    let dot = 0;
    let vv = 0;
    for (let j = 0; j < d; j++) {
      const x = v[j] as number;
      dot += (query[j] as number) * x;
      vv += x * x;
    }
    const denominator = qNorm * Math.sqrt(vv);
    return { index: i, score: denominator === 0 ? 0 : dot / denominator };
  });
  return all.sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
}
