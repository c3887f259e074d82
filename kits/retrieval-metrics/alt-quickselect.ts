/**
 * Another way. The metrics look each id's rank up in a Map built once (rank of the first relevant
 * id = the smallest rank among the relevant ids), and nDCG sorts the gains of the ideal list with
 * a typed-array sort. Cosine top-k normalises the query once, scores every vector into a
 * Float64Array, then quickselects the k best (Hoare partition around a pseudo-random pivot,
 * expected O(n)) and sorts only those k: O(n·d + n + k log k) expected.
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

function positiveInteger(k: unknown): number {
  if (typeof k !== 'number') throw new TypeError('k: expected a number');
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k: expected an integer >= 1, got ${k}`);
  return k;
}

/** id → 0-based rank; throws on a non-string or repeated id. */
function ranks(ranked: unknown): Map<string, number> {
  if (!Array.isArray(ranked)) throw new TypeError('ranked: expected an array');
  const rank = new Map<string, number>();
  ranked.forEach((id: unknown, i) => {
    if (typeof id !== 'string') throw new TypeError(`ranked[${i}]: expected a string`);
    if (rank.has(id)) throw new RangeError(`ranked[${i}]: duplicate id ${id}`);
    rank.set(id, i);
  });
  return rank;
}

/** The distinct relevant ids. */
function distinct(relevant: unknown): string[] {
  let list: unknown[];
  if (relevant instanceof Set) list = Array.from(relevant);
  else if (Array.isArray(relevant)) list = relevant;
  else throw new TypeError('relevant: expected a Set or an array');
  if (list.some((id) => typeof id !== 'string')) throw new TypeError('relevant: every id must be a string');
  return Array.from(new Set(list as string[]));
}

function hitsWithin(rank: Map<string, number>, relevant: readonly string[], k: number): number {
  return relevant.filter((id) => (rank.get(id) ?? Number.POSITIVE_INFINITY) < k).length;
}

export function recallAtK(ranked: readonly string[], relevant: Relevant, k: number): number {
  const rank = ranks(ranked);
  const rel = distinct(relevant);
  positiveInteger(k);
  if (rel.length === 0) return 0;
  return hitsWithin(rank, rel, k) / rel.length;
}

export function precisionAtK(ranked: readonly string[], relevant: Relevant, k: number): number {
  const rank = ranks(ranked);
  const rel = distinct(relevant);
  positiveInteger(k);
  return hitsWithin(rank, rel, k) / k;
}

export function reciprocalRank(ranked: readonly string[], relevant: Relevant): number {
  const rank = ranks(ranked);
  let first = Number.POSITIVE_INFINITY;
  for (const id of distinct(relevant)) first = Math.min(first, rank.get(id) ?? Number.POSITIVE_INFINITY);
  return first === Number.POSITIVE_INFINITY ? 0 : 1 / (first + 1);
}

export function meanReciprocalRank(queries: readonly Query[]): number {
  if (!Array.isArray(queries)) throw new TypeError('queries: expected an array');
  if (queries.length === 0) throw new RangeError('queries: expected at least one query');
  const rrs = queries.map((query: unknown, q) => {
    if (query === null || typeof query !== 'object') throw new TypeError(`queries[${q}]: expected an object`);
    const { ranked, relevant } = query as Query;
    return reciprocalRank(ranked, relevant);
  });
  return rrs.reduce((s, r) => s + r, 0) / rrs.length;
}

export function ndcgAtK(
  ranked: readonly string[],
  grades: ReadonlyMap<string, number>,
  k: number,
  options: NdcgOptions = {},
): number {
  ranks(ranked);
  if (!(grades instanceof Map)) throw new TypeError('grades: expected a Map');
  const values = new Float64Array(grades.size);
  let g = 0;
  grades.forEach((grade: unknown, id: unknown) => {
    if (typeof id !== 'string') throw new TypeError('grades: every key must be a string');
    if (typeof grade !== 'number') throw new TypeError(`grades[${id}]: expected a number`);
    if (Number.isNaN(grade) || grade < 0 || grade === Number.POSITIVE_INFINITY) {
      throw new RangeError(`grades[${id}]: expected a finite grade >= 0, got ${grade}`);
    }
    values[g++] = grade;
  });
  positiveInteger(k);
  if (options === null || typeof options !== 'object') throw new TypeError('options: expected an object');
  const { gain = 'linear' } = options;
  if (!['linear', 'exponential'].includes(gain)) throw new RangeError(`options.gain: unknown gain ${String(gain)}`);
  const exponential = gain === 'exponential';
  const discount = (i: number) => 1 / Math.log2(i + 2); // i is the 0-based position
  const value = (grade: number) => (exponential ? 2 ** grade - 1 : grade);

  let actual = 0;
  ranked.slice(0, k).forEach((id, i) => {
    actual += value(grades.get(id) ?? 0) * discount(i);
  });
  values.sort(); // ascending: the ideal list reads it from the end
  let ideal = 0;
  for (let i = 0; i < Math.min(k, values.length); i++) {
    ideal += value(values[values.length - 1 - i] as number) * discount(i);
  }
  return ideal > 0 ? actual / ideal : 0;
}

function vector(v: unknown, name: string): number[] {
  if (!Array.isArray(v)) throw new TypeError(`${name}: expected an array`);
  for (const [j, x] of v.entries()) {
    if (typeof x !== 'number') throw new TypeError(`${name}[${j}]: expected a number`);
    if (Number.isNaN(x) || Math.abs(x) === Number.POSITIVE_INFINITY) throw new RangeError(`${name}[${j}]: ${x}`);
  }
  return v;
}

export function cosineTopK(query: readonly number[], corpus: readonly (readonly number[])[], k: number): Hit[] {
  const q = vector(query, 'query');
  if (q.length === 0) throw new RangeError('query: expected at least one dimension');
  if (!Array.isArray(corpus)) throw new TypeError('corpus: expected an array');
  corpus.forEach((v, i) => {
    if (vector(v, `corpus[${i}]`).length !== q.length) {
      throw new RangeError(`corpus[${i}]: expected ${q.length} dimensions, got ${v.length}`);
    }
  });
  positiveInteger(k);
  const n = corpus.length;
  const qNorm = Math.hypot(...q);
  const unit = q.map((x) => (qNorm === 0 ? 0 : x / qNorm));
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = corpus[i] as readonly number[];
    let dot = 0;
    let sq = 0;
    for (let j = 0; j < v.length; j++) {
      dot += (unit[j] as number) * (v[j] as number);
      sq += (v[j] as number) ** 2;
    }
    scores[i] = sq === 0 || qNorm === 0 ? 0 : dot / Math.sqrt(sq);
  }

  // ids[0..m) ends up holding the m best ids (in no particular order).
  const m = Math.min(k, n);
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  const better = (a: number, b: number) =>
    (scores[a] as number) > (scores[b] as number) || (scores[a] === scores[b] && a < b);
  let lo = 0;
  let hi = n - 1;
  let seed = 0x9e3779b9;
  while (m < n && lo < hi) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const pivot = ids[lo + (seed % (hi - lo + 1))] as number;
    // Three-way split of ids[lo..hi] around the pivot: better | pivot | worse.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const id = ids[i] as number;
      if (id !== pivot && better(id, pivot)) {
        ids[i] = ids[lt] as number;
        ids[lt++] = id;
        i++;
      } else if (id !== pivot) {
        ids[i] = ids[gt] as number;
        ids[gt--] = id;
      } else i++;
    }
    // Now ids[lt] is the pivot and ids[lo..lt) are better than it.
    if (m <= lt) hi = lt - 1;
    else if (m > lt + 1) lo = lt + 1;
    else break;
  }
  return Array.from(ids.subarray(0, m))
    .sort((a, b) => (better(a, b) ? -1 : 1))
    .map((index) => ({ index, score: scores[index] as number }));
}
