import fc from 'fast-check';
import { tiesAreExact } from './oracle.ts';

/**
 * Inputs of the retrieval-metrics kata, shared by the hidden suite, `kata compare` and the
 * learner's katas/retrieval-metrics/retrieval-metrics.props.ts. Ids come from twelve documents
 * d0 … d11, so rankings and relevant sets overlap often; vectors are small integers, so exact ties
 * (the same vector twice, zero vectors) are common.
 */

export const DOCS: readonly string[] = Array.from({ length: 12 }, (_, i) => `d${i}`);

/** A ranking: distinct ids in random order, possibly empty. */
export const rankedArb: fc.Arbitrary<string[]> = fc.shuffledSubarray([...DOCS]);

export interface MetricCase {
  ranked: string[];
  /** The relevant ids; as an array it may repeat an id (it counts once). */
  relevant: string[];
  /** Pass `relevant` as a Set (true) or as the array itself. */
  asSet: boolean;
  /** 1 to 15: below, at and past the ranking's length. */
  k: number;
}

export const metricCase: fc.Arbitrary<MetricCase> = fc.record({
  ranked: rankedArb,
  relevant: fc.array(fc.constantFrom(...DOCS), { maxLength: 8 }),
  asSet: fc.boolean(),
  k: fc.integer({ min: 1, max: 15 }),
});

/** What the case passes as `relevant`. */
export function relevantArg(c: { relevant: readonly string[]; asSet: boolean }): ReadonlySet<string> | string[] {
  return c.asSet ? new Set(c.relevant) : [...c.relevant];
}

export interface MrrCase {
  queries: { ranked: string[]; relevant: string[]; asSet: boolean }[];
}

/** 1 to 6 queries. */
export const mrrCase: fc.Arbitrary<MrrCase> = fc.record({
  queries: fc.array(
    fc.record({
      ranked: rankedArb,
      relevant: fc.array(fc.constantFrom(...DOCS), { maxLength: 4 }),
      asSet: fc.boolean(),
    }),
    { minLength: 1, maxLength: 6 },
  ),
});

export interface NdcgCase {
  ranked: string[];
  /** Judged documents and their grades (distinct ids; some retrieved, some not). */
  grades: [string, number][];
  k: number;
  /** undefined: the option is left out (the default, linear). */
  gain: 'linear' | 'exponential' | undefined;
}

/** Grades 0 to 3 (now and then a half, 0.5 or 2.5), on up to 8 judged documents. */
export const ndcgCase: fc.Arbitrary<NdcgCase> = fc.record({
  ranked: rankedArb,
  grades: fc.uniqueArray(fc.tuple(fc.constantFrom(...DOCS), fc.constantFrom(0, 1, 1, 2, 2, 3, 0.5, 2.5)), {
    maxLength: 8,
    selector: ([id]) => id,
  }),
  k: fc.integer({ min: 1, max: 15 }),
  gain: fc.constantFrom('linear' as const, 'exponential' as const, undefined),
});

export interface CosineCase {
  query: number[];
  corpus: number[][];
  k: number;
}

/**
 * d = 1 to 4; the corpus draws up to 14 vectors from a pool of up to 6 integer vectors in
 * [−20, 20]^d (repeats are exact ties; a zero vector now and then), the query from [−5, 5]^d;
 * k from 1 to two past the corpus size. Cases where two different vectors' cosines lie within
 * 1e-9 are left out (rounding, not the tie rule, would order them).
 */
export const cosineCase: fc.Arbitrary<CosineCase> = fc
  .integer({ min: 1, max: 4 })
  .chain((d) => {
    const vec = (max: number) => fc.array(fc.integer({ min: -max, max }), { minLength: d, maxLength: d });
    const pooled = fc.oneof(
      { weight: 6, arbitrary: vec(20) },
      { weight: 1, arbitrary: fc.constant(new Array<number>(d).fill(0)) },
    );
    return fc.record({
      query: fc.oneof(
        { weight: 12, arbitrary: vec(5) },
        { weight: 1, arbitrary: fc.constant(new Array<number>(d).fill(0)) },
      ),
      pool: fc.array(pooled, { minLength: 1, maxLength: 6 }),
      picks: fc.array(fc.nat(), { maxLength: 14 }),
      extra: fc.integer({ min: 1, max: 16 }),
    });
  })
  .map(({ query, pool, picks, extra }) => {
    const corpus = picks.map((p) => [...(pool[p % pool.length] as number[])]);
    return { query, corpus, k: 1 + ((extra - 1) % (corpus.length + 2)) };
  })
  .filter(({ query, corpus }) => tiesAreExact(query, corpus));

/** The functions of the kata, by name. */
export type MetricFn =
  | 'recallAtK'
  | 'precisionAtK'
  | 'reciprocalRank'
  | 'meanReciprocalRank'
  | 'ndcgAtK'
  | 'cosineTopK';

/** A call the contract rejects, and the error it must raise. */
export interface BadCall {
  readonly fn: MetricFn;
  readonly args: readonly unknown[];
  readonly error: 'RangeError' | 'TypeError';
  readonly what: string;
}

const bad = (fn: MetricFn, error: BadCall['error'], what: string, args: unknown[]): BadCall => ({
  fn,
  args,
  error,
  what: `${fn}: ${what}`,
});

const RANKED = ['d1', 'd2', 'd3'];
const REL = new Set(['d2']);
const GRADES = new Map([
  ['d1', 1],
  ['d2', 3],
]);

/** The ranking-based functions, called with one bad ranking / relevant / k. */
const rankingCalls: readonly [MetricFn, (ranked: unknown, relevant: unknown, k: unknown) => unknown[]][] = [
  ['recallAtK', (r, rel, k) => [r, rel, k]],
  ['precisionAtK', (r, rel, k) => [r, rel, k]],
  ['reciprocalRank', (r, rel) => [r, rel]],
  [
    'meanReciprocalRank',
    (r, rel) => [
      [
        { ranked: RANKED, relevant: REL },
        { ranked: r, relevant: rel },
      ],
    ],
  ],
  ['ndcgAtK', (r, _rel, k) => [r, GRADES, k]],
];
const withK: readonly MetricFn[] = ['recallAtK', 'precisionAtK', 'ndcgAtK'];
const withRelevant: readonly MetricFn[] = ['recallAtK', 'precisionAtK', 'reciprocalRank', 'meanReciprocalRank'];

const badCalls: readonly BadCall[] = [
  ...rankingCalls.flatMap(([fn, args]) => [
    bad(fn, 'RangeError', 'a repeated id in ranked', args(['d1', 'd2', 'd1'], REL, 2)),
    bad(fn, 'RangeError', 'a repeated id late in ranked, past k', args(['d1', 'd2', 'd3', 'd4', 'd3'], REL, 1)),
    bad(fn, 'TypeError', 'ranked is a string', args('d1,d2', REL, 2)),
    bad(fn, 'TypeError', 'ranked is a Set', args(new Set(RANKED), REL, 2)),
    bad(fn, 'TypeError', 'an id in ranked is a number', args(['d1', 2], REL, 2)),
    bad(fn, 'TypeError', 'an id in ranked is null', args([null, 'd1'], REL, 2)),
  ]),
  ...rankingCalls
    .filter(([fn]) => withRelevant.includes(fn))
    .flatMap(([fn, args]) => [
      bad(fn, 'TypeError', 'relevant is a string', args(RANKED, 'd2', 2)),
      bad(fn, 'TypeError', 'relevant is null', args(RANKED, null, 2)),
      bad(fn, 'TypeError', 'relevant is a Map', args(RANKED, new Map([['d2', 1]]), 2)),
      bad(fn, 'TypeError', 'a relevant id is a number', args(RANKED, [2], 2)),
      bad(fn, 'TypeError', 'a relevant id in a Set is a number', args(RANKED, new Set([2]), 2)),
    ]),
  ...rankingCalls
    .filter(([fn]) => withK.includes(fn))
    .flatMap(([fn, args]) => [
      ...[0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map((k) =>
        bad(fn, 'RangeError', `k = ${k}`, args(RANKED, REL, k)),
      ),
      bad(fn, 'TypeError', "k = '2'", args(RANKED, REL, '2')),
      bad(fn, 'TypeError', 'k left out', args(RANKED, REL, undefined)),
    ]),
  bad('meanReciprocalRank', 'RangeError', 'no queries ([])', [[]]),
  bad('meanReciprocalRank', 'TypeError', 'queries is not an array', [{ ranked: RANKED, relevant: REL }]),
  bad('meanReciprocalRank', 'TypeError', 'a query is null', [[{ ranked: RANKED, relevant: REL }, null]]),
  bad('meanReciprocalRank', 'TypeError', 'a query without ranked', [[{ relevant: REL }]]),
  bad('ndcgAtK', 'TypeError', 'grades is a plain object', [RANKED, { d1: 1 }, 2]),
  bad('ndcgAtK', 'TypeError', 'grades is an array of pairs', [RANKED, [['d1', 1]], 2]),
  bad('ndcgAtK', 'TypeError', "a grade is a string ('2')", [RANKED, new Map([['d1', '2']]), 2]),
  bad('ndcgAtK', 'TypeError', 'a grade key is a number', [RANKED, new Map([[1, 2]]), 2]),
  ...[-1, Number.NaN, Number.POSITIVE_INFINITY].map((g) =>
    bad('ndcgAtK', 'RangeError', `a grade of ${g}`, [RANKED, new Map([['d9', g]]), 2]),
  ),
  bad('ndcgAtK', 'RangeError', "gain: 'exp'", [RANKED, GRADES, 2, { gain: 'exp' }]),
  bad('ndcgAtK', 'RangeError', "gain: 'Linear'", [RANKED, GRADES, 2, { gain: 'Linear' }]),
  bad('ndcgAtK', 'TypeError', "options is a string ('linear')", [RANKED, GRADES, 2, 'linear']),
  bad('ndcgAtK', 'TypeError', 'options is null', [RANKED, GRADES, 2, null]),
  bad('cosineTopK', 'TypeError', 'query is not an array', [{ 0: 1 }, [[1]], 1]),
  bad('cosineTopK', 'TypeError', "a query entry is a string ('1')", [[1, '1'], [[1, 2]], 1]),
  bad('cosineTopK', 'TypeError', 'corpus is not an array', [[1, 2], 'corpus', 1]),
  bad('cosineTopK', 'TypeError', 'a corpus vector is not an array', [[1, 2], [[1, 2], 7], 1]),
  bad('cosineTopK', 'TypeError', 'a corpus vector entry is null', [
    [1, 2],
    [
      [1, 2],
      [3, null],
    ],
    1,
  ]),
  bad('cosineTopK', 'RangeError', 'an empty query', [[], [[]], 1]),
  bad('cosineTopK', 'RangeError', 'a corpus vector of another length', [
    [1, 2],
    [
      [1, 2],
      [1, 2, 3],
    ],
    1,
  ]),
  bad('cosineTopK', 'RangeError', 'a shorter corpus vector', [[1, 2], [[1]], 1]),
  ...[Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].flatMap((x) => [
    bad('cosineTopK', 'RangeError', `a query entry ${x}`, [[1, x], [[1, 2]], 1]),
    bad('cosineTopK', 'RangeError', `a corpus entry ${x}`, [
      [1, 2],
      [
        [1, 2],
        [x, 0],
      ],
      1,
    ]),
  ]),
  ...[0, -1, 1.5, Number.NaN].map((k) => bad('cosineTopK', 'RangeError', `k = ${k}`, [[1, 2], [[1, 2]], k])),
  bad('cosineTopK', 'TypeError', "k = '1'", [[1, 2], [[1, 2]], '1']),
];

/** Every case of the prompt's "Bad input", one at a time. */
export const badCall: fc.Arbitrary<BadCall> = fc.constantFrom(...badCalls);

/** Every bad call, for a test that runs them all. */
export const BAD_CALLS: readonly BadCall[] = badCalls;

/** Calls `impl[bad.fn]` with `bad.args`. */
export function callBad(impl: Record<string, unknown>, bad: BadCall): unknown {
  return (impl[bad.fn] as (...args: unknown[]) => unknown)(...bad.args);
}
