import fc from 'fast-check';
import { describe, expect } from 'vitest';
import {
  cosineTopK,
  meanReciprocalRank,
  ndcgAtK,
  precisionAtK,
  recallAtK,
  reciprocalRank,
} from '@impl/retrieval-metrics';
import * as counted from '@impl-counted/retrieval-metrics';
import { BAD_CALLS, badCall, callBad, cosineCase, metricCase, mrrCase, ndcgCase, relevantArg } from './inputs.ts';
import { cosineOracle, ndcgOracle, precisionOracle, recallOracle, reciprocalRankOracle, topKOracle } from './oracle.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { seededUniform } from '../../src/harness/random.ts';
import { test } from '../../src/harness/prop.ts';

const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x instanceof Set
      ? { Set: [...x] }
      : x instanceof Map
        ? { Map: [...x] }
        : typeof x === 'number' && !Number.isFinite(x)
          ? `${x}`
          : x,
  );

interface HitLike {
  index: number;
  score: number;
}

/** Same indices in the same order, scores within 1e-9. */
function expectHits(actual: readonly HitLike[], expected: readonly HitLike[], what: string): void {
  expect(Array.isArray(actual), `${what}: an array`).toBe(true);
  const brief = (hits: readonly HitLike[]) => show(hits.length > 12 ? [...hits.slice(0, 12), '…'] : hits);
  const indices = actual.map((h) => h.index);
  const wanted = expected.map((h) => h.index);
  if (indices.length !== wanted.length || indices.some((index, i) => index !== wanted[i])) {
    expect(indices, `${what}: indices, got ${brief(actual)}`).toEqual(wanted);
  }
  const off = expected.findIndex((e, i) => !(Math.abs((actual[i] as HitLike).score - e.score) <= 1e-9));
  expect(off, `${what}: hit ${off} has score ${actual[off]?.score}, expected ${expected[off]?.score}`).toBe(-1);
}

const RANKED = ['d3', 'd1', 'd7', 'd4', 'd9'];
const REL = new Set(['d1', 'd4', 'd8']);
const SK_GRADES = new Map([
  ['a', 10],
  ['b', 0],
  ['c', 0],
  ['d', 1],
  ['e', 5],
]);
const XYW = new Map([
  ['x', 1],
  ['y', 3],
  ['w', 2],
]);

describe('retrieval-metrics: worked examples', () => {
  test('recall@k counts the relevant ids among the first k over |relevant| (d8 never retrieved): 0, 1/3, 2/3, 2/3', () => {
    expect(recallOracle(RANKED, [...REL], 4), 'oracle').toBeCloseTo(2 / 3, 12);
    for (const [k, want] of [
      [1, 0],
      [2, 1 / 3],
      [3, 1 / 3],
      [4, 2 / 3],
      [10, 2 / 3],
    ] as const) {
      expect(recallAtK(RANKED, REL, k), `recallAtK(${show(RANKED)}, {d1,d4,d8}, ${k})`).toBeCloseTo(want, 12);
    }
  });

  test('recall@k divides by |relevant|, not min(k, |relevant|): 1 of 3 relevant in the top 1 is 1/3, and k ≥ n reaches 1 only when all are found', () => {
    expect(recallAtK(['d1', 'd2'], new Set(['d1', 'd4', 'd8']), 1), 'k = 1, one hit of three').toBeCloseTo(1 / 3, 12);
    expect(recallAtK(['d1', 'd4', 'd8', 'd2'], new Set(['d1', 'd4', 'd8']), 2), 'k = 2').toBeCloseTo(2 / 3, 12);
    expect(recallAtK(['d2', 'd1'], ['d1'], 5), 'one relevant id, found at rank 2, k = 5').toBe(1);
  });

  test('relevant may be an array, and an id repeated in it counts once: recall@4 of [d1,d1,d4,d8] is 2/3', () => {
    expect(recallAtK(RANKED, ['d1', 'd1', 'd4', 'd8'], 4), 'array with a repeat').toBeCloseTo(2 / 3, 12);
    expect(recallAtK(RANKED, ['d1', 'd4', 'd8'], 4), 'array').toBeCloseTo(2 / 3, 12);
    expect(precisionAtK(RANKED, ['d1', 'd1', 'd1'], 2), 'precision: a repeated relevant id is one hit').toBeCloseTo(
      1 / 2,
      12,
    );
    expect(reciprocalRank(RANKED, ['d4', 'd1', 'd4']), 'reciprocal rank with an array').toBeCloseTo(1 / 2, 12);
  });

  test('precision@k divides by k, also when fewer than k ids were retrieved: 1/2, 2/4, 2/5, 2/10', () => {
    expect(precisionOracle(RANKED, [...REL], 10), 'oracle').toBeCloseTo(0.2, 12);
    for (const [k, want] of [
      [1, 0],
      [2, 1 / 2],
      [4, 2 / 4],
      [5, 2 / 5],
      [10, 2 / 10],
    ] as const) {
      expect(precisionAtK(RANKED, REL, k), `precisionAtK(${show(RANKED)}, {d1,d4,d8}, ${k})`).toBeCloseTo(want, 12);
    }
    expect(precisionAtK(['d1'], ['d1'], 4), 'one retrieved id, relevant, k = 4').toBeCloseTo(0.25, 12);
  });

  test('reciprocal rank is 1/rank of the first relevant id, ranks from 1: 1/2; 1 at the top; 1/5 at the end', () => {
    expect(reciprocalRankOracle(RANKED, [...REL]), 'oracle').toBeCloseTo(0.5, 12);
    expect(reciprocalRank(RANKED, REL), 'first relevant id d1 at rank 2').toBeCloseTo(0.5, 12);
    expect(reciprocalRank(RANKED, new Set(['d3', 'd1'])), 'd3 at rank 1').toBe(1);
    expect(reciprocalRank(RANKED, new Set(['d9'])), 'd9 at rank 5').toBeCloseTo(0.2, 12);
  });

  test('mean reciprocal rank is the plain mean over queries, a query with no hit adding 0: (1/2 + 1 + 0) / 3 = 0.5', () => {
    const queries = [
      { ranked: RANKED, relevant: REL },
      { ranked: RANKED, relevant: ['d3'] },
      { ranked: RANKED, relevant: ['d8'] },
    ];
    expect(meanReciprocalRank(queries), show(queries)).toBeCloseTo(0.5, 12);
    expect(meanReciprocalRank([{ ranked: ['a', 'b', 'c'], relevant: new Set(['c']) }]), 'one query').toBeCloseTo(
      1 / 3,
      12,
    );
    expect(
      meanReciprocalRank([
        { ranked: ['a'], relevant: [] },
        { ranked: [], relevant: ['a'] },
      ]),
      'no hits at all',
    ).toBe(0);
  });

  test("scikit-learn's ndcg_score example (grades a=10 b=0 c=0 d=1 e=5): ranking e,d,c,b,a → 0.695694; b,c,d,a,e → 0.493680, @4 → 0.352024", () => {
    const edcba = ['e', 'd', 'c', 'b', 'a'];
    const bcdae = ['b', 'c', 'd', 'a', 'e'];
    expect(ndcgOracle(edcba, SK_GRADES, 5), 'oracle').toBeCloseTo(0.695694, 6);
    expect(ndcgAtK(edcba, SK_GRADES, 5), 'e,d,c,b,a @5 (DCG 9.499458 / ideal 13.654649)').toBeCloseTo(
      0.6956940443813076,
      9,
    );
    expect(ndcgAtK(bcdae, SK_GRADES, 5), 'b,c,d,a,e @5').toBeCloseTo(0.4936801913773761, 9);
    expect(ndcgAtK(bcdae, SK_GRADES, 4), 'b,c,d,a,e @4').toBeCloseTo(0.3520241100634489, 9);
    expect(ndcgAtK(edcba, SK_GRADES, 100), 'k past the ranking: the same as @5').toBeCloseTo(0.6956940443813076, 9);
  });

  test('the exponential gain is 2^grade − 1 (Burges): e,d,c,b,a → 427.381352 / 1043.058822 = 0.409738', () => {
    const edcba = ['e', 'd', 'c', 'b', 'a'];
    expect(ndcgOracle(edcba, SK_GRADES, 5, 'exponential'), 'oracle').toBeCloseTo(0.409738, 6);
    expect(ndcgAtK(edcba, SK_GRADES, 5, { gain: 'exponential' }), "{ gain: 'exponential' }").toBeCloseTo(
      0.4097384945052588,
      9,
    );
  });

  test('the gain defaults to linear: no options, {} and { gain: undefined } all equal { gain: "linear" }', () => {
    const ranked = ['x', 'y', 'z'];
    expect(ndcgAtK(ranked, XYW, 3), 'no options').toBeCloseTo(0.6074915180456525, 9);
    expect(ndcgAtK(ranked, XYW, 3, {}), 'options {}').toBeCloseTo(0.6074915180456525, 9);
    expect(ndcgAtK(ranked, XYW, 3, { gain: 'linear' }), "{ gain: 'linear' }").toBeCloseTo(0.6074915180456525, 9);
    expect(ndcgAtK(ranked, XYW, 3, { gain: undefined }), '{ gain: undefined }').toBeCloseTo(0.6074915180456525, 9);
  });

  test('the ideal DCG ranks every graded document, retrieved or not (w=2 is graded but not retrieved): x,y,z linear @1 1/3, @2 0.678762, @3 0.607492', () => {
    const ranked = ['x', 'y', 'z'];
    expect(ndcgOracle(ranked, XYW, 3), 'oracle').toBeCloseTo(0.607492, 6);
    expect(ndcgAtK(ranked, XYW, 1), '@1: 1 / 3').toBeCloseTo(1 / 3, 9);
    expect(ndcgAtK(ranked, XYW, 2), '@2').toBeCloseTo(0.6787622294601761, 9);
    expect(ndcgAtK(ranked, XYW, 3), '@3: (1 + 3/log2 3) / (3 + 2/log2 3 + 1/2)').toBeCloseTo(0.6074915180456525, 9);
    expect(ndcgAtK(ranked, XYW, 10), '@10').toBeCloseTo(0.6074915180456525, 9);
  });

  test('exponential on x,y,z (w=2 not retrieved): @1 1/7, @2 0.609090, @3 0.576667', () => {
    const ranked = ['x', 'y', 'z'];
    const exp = { gain: 'exponential' as const };
    expect(ndcgAtK(ranked, XYW, 1, exp), '@1: 1 / 7').toBeCloseTo(1 / 7, 9);
    expect(ndcgAtK(ranked, XYW, 2, exp), '@2').toBeCloseTo(0.6090899172578711, 9);
    expect(ndcgAtK(ranked, XYW, 3, exp), '@3').toBeCloseTo(0.5766666455144387, 9);
  });

  test('the discount is log2(rank + 1), ranks from 1: grade 1 at rank 2 alone gives DCG 1/log2 3, so nDCG@2 of [z, x] with x=1 is 0.630930', () => {
    const grades = new Map([['x', 1]]);
    expect(ndcgAtK(['z', 'x'], grades, 2), 'linear').toBeCloseTo(1 / Math.log2(3), 9);
    expect(ndcgAtK(['z', 'q', 'x'], grades, 3, { gain: 'exponential' }), 'rank 3').toBeCloseTo(0.5, 9);
    expect(ndcgAtK(['x', 'z'], grades, 2), 'at the top').toBe(1);
  });

  test('cosine top-3 of [1,0] → indices 2, 0, 4 (1, .707107, .707107): the tie of [1,1] and [2,2] goes to the lower index', () => {
    const corpus = [
      [1, 1],
      [0, 2],
      [3, 0],
      [-1, 0],
      [2, 2],
      [0, 0],
    ];
    const want = [
      { index: 2, score: 1 },
      { index: 0, score: Math.SQRT1_2 },
      { index: 4, score: Math.SQRT1_2 },
    ];
    expectHits(topKOracle([1, 0], corpus, 3), want, 'oracle');
    expectHits(cosineTopK([1, 0], corpus, 3), want, 'cosineTopK([1,0], …, 3)');
  });

  test('k > n returns every vector: [1,0] over six vectors, k = 10 → 2, 0, 4, 1, 5, 3 (the zero vector scores 0, tied with [0,2], after it)', () => {
    const corpus = [
      [1, 1],
      [0, 2],
      [3, 0],
      [-1, 0],
      [2, 2],
      [0, 0],
    ];
    const scores = [1, Math.SQRT1_2, Math.SQRT1_2, 0, 0, -1];
    const want = [2, 0, 4, 1, 5, 3].map((index, i) => ({ index, score: scores[i] as number }));
    expectHits(cosineTopK([1, 0], corpus, 10), want, 'cosineTopK([1,0], …, 10)');
    expectHits(cosineTopK([1, 0], corpus, 6), want, 'k = n');
  });

  test('ties at the k boundary go to the lower index: [1,1] against [4,4],[1,1],[0,1],[2,2] with k = 2 → 0, 1; descending scores otherwise', () => {
    const corpus = [
      [4, 4],
      [1, 1],
      [0, 1],
      [2, 2],
    ];
    expectHits(
      cosineTopK([1, 1], corpus, 2),
      [
        { index: 0, score: 1 },
        { index: 1, score: 1 },
      ],
      'k = 2',
    );
    expectHits(
      cosineTopK([1, 1], corpus, 3),
      [
        { index: 0, score: 1 },
        { index: 1, score: 1 },
        { index: 3, score: 1 },
      ],
      'k = 3',
    );
    const same = [
      [1, 2],
      [1, 2],
      [1, 2],
    ];
    expectHits(
      cosineTopK([2, 1], same, 2),
      [
        { index: 0, score: 0.8 },
        { index: 1, score: 0.8 },
      ],
      'three copies of one vector, k = 2',
    );
  });

  test('the score is the cosine, not the dot product: [3,4] against [[30,40],[1,0],[0,1]] → 1, 0.8, 0.6', () => {
    expectHits(
      cosineTopK(
        [3, 4],
        [
          [1, 0],
          [30, 40],
          [0, 1],
        ],
        3,
      ),
      [
        { index: 1, score: 1 },
        { index: 2, score: 0.8 },
        { index: 0, score: 0.6 },
      ],
      'cosineTopK([3,4], …, 3)',
    );
    expectHits(
      cosineTopK(
        [1, 0],
        [
          [10, 10],
          [1, 0.1],
        ],
        1,
      ),
      [{ index: 1, score: 1 / Math.hypot(1, 0.1) }],
      'a long vector does not win by length',
    );
    expectHits(
      cosineTopK(
        [30, 40],
        [
          [3, 4],
          [1, 0],
        ],
        2,
      ),
      [
        { index: 0, score: 1 },
        { index: 1, score: 0.6 },
      ],
      'the query is normalised too: cos([30,40], [3,4]) = 1',
    );
  });
});

describe('retrieval-metrics: edge cases', () => {
  test('nothing relevant: recall 0, precision 0, reciprocal rank 0 (an empty Set or array)', () => {
    expect(recallAtK(RANKED, [], 3), 'recall, relevant []').toBe(0);
    expect(recallAtK(RANKED, new Set(), 3), 'recall, relevant new Set()').toBe(0);
    expect(precisionAtK(RANKED, [], 3), 'precision').toBe(0);
    expect(reciprocalRank(RANKED, new Set()), 'reciprocal rank').toBe(0);
  });

  test('an empty ranking scores 0 everywhere and is not an error', () => {
    expect(recallAtK([], REL, 3), 'recall').toBe(0);
    expect(precisionAtK([], REL, 3), 'precision').toBe(0);
    expect(reciprocalRank([], REL), 'reciprocal rank').toBe(0);
    expect(ndcgAtK([], XYW, 3), 'nDCG').toBe(0);
  });

  test('nDCG is 0 when the ideal DCG is 0: no grades, or every grade 0, in both gains', () => {
    expect(ndcgAtK(['x'], new Map([['x', 0]]), 3), 'every grade 0').toBe(0);
    expect(ndcgAtK(['x', 'y'], new Map(), 2), 'no grades').toBe(0);
    expect(ndcgAtK(['x'], new Map([['x', 0]]), 3, { gain: 'exponential' }), 'exponential, every grade 0').toBe(0);
  });

  test('an ungraded document has grade 0, and a graded one ranked past k adds nothing', () => {
    expect(ndcgAtK(['u', 'v', 'x'], new Map([['x', 2]]), 2), 'x at rank 3, k = 2').toBe(0);
    expect(ndcgAtK(['u', 'x'], new Map([['x', 2]]), 2), 'x at rank 2').toBeCloseTo(1 / Math.log2(3), 9);
  });

  test('the ideal ordering has nDCG 1 (with k below, at and past the number of graded documents)', () => {
    const ideal = ['a', 'e', 'd', 'b', 'c'];
    for (const k of [1, 3, 5, 9]) {
      expect(ndcgAtK(ideal, SK_GRADES, k), `linear, k = ${k}`).toBeCloseTo(1, 12);
      expect(ndcgAtK(ideal, SK_GRADES, k, { gain: 'exponential' }), `exponential, k = ${k}`).toBeCloseTo(1, 12);
    }
  });

  test('a zero vector scores 0 against everything: a zero query ties every vector at 0 (lowest indices first)', () => {
    expectHits(
      cosineTopK(
        [0, 0],
        [
          [1, 2],
          [3, 4],
        ],
        1,
      ),
      [{ index: 0, score: 0 }],
      'zero query, k = 1',
    );
    expectHits(
      cosineTopK(
        [0, 0, 0],
        [
          [1, 2, 3],
          [0, 0, 0],
          [-1, 0, 0],
        ],
        5,
      ),
      [
        { index: 0, score: 0 },
        { index: 1, score: 0 },
        { index: 2, score: 0 },
      ],
      'zero query, k = 5',
    );
    expectHits(
      cosineTopK(
        [1, 0],
        [
          [0, 0],
          [-1, 0],
          [0, 0],
          [1, 1],
        ],
        4,
      ),
      [
        { index: 3, score: Math.SQRT1_2 },
        { index: 0, score: 0 },
        { index: 2, score: 0 },
        { index: 1, score: -1 },
      ],
      'zero corpus vectors score 0, above a negative cosine',
    );
    for (const hit of cosineTopK([0, 0], [[1, 2]], 1)) expect(Number.isNaN(hit.score), 'no NaN score').toBe(false);
  });

  test('an empty corpus returns [], and one dimension works: [2] against [[-3],[5],[0]] → 1, 0, −1', () => {
    expect(cosineTopK([1, 2], [], 5), 'empty corpus').toEqual([]);
    expectHits(
      cosineTopK([2], [[-3], [5], [0]], 3),
      [
        { index: 1, score: 1 },
        { index: 2, score: 0 },
        { index: 0, score: -1 },
      ],
      'd = 1',
    );
  });

  test('no function mutates its inputs (frozen arrays, sets, maps and options are only read)', () => {
    const ranked = Object.freeze(['d3', 'd1', 'd7', 'd4']);
    const relevantArray = Object.freeze(['d4', 'd1']);
    const relevant = new Set(['d1', 'd4']);
    const grades = new Map([
      ['d4', 2],
      ['d1', 1],
    ]);
    const options = Object.freeze({ gain: 'exponential' as const });
    const query = Object.freeze([1, 0]);
    const corpus = Object.freeze([Object.freeze([0, 1]), Object.freeze([2, 0]), Object.freeze([1, 1])]);
    expect(recallAtK(ranked, relevantArray, 2), 'recall').toBeCloseTo(0.5, 12);
    expect(precisionAtK(ranked, relevant, 2), 'precision').toBeCloseTo(0.5, 12);
    expect(reciprocalRank(ranked, relevantArray), 'reciprocal rank').toBeCloseTo(0.5, 12);
    expect(meanReciprocalRank(Object.freeze([Object.freeze({ ranked, relevant })])), 'MRR').toBeCloseTo(0.5, 12);
    expect(ndcgAtK(ranked, grades, 4, options), 'nDCG').toBeGreaterThan(0);
    expect(
      cosineTopK(query, corpus, 2).map((h) => h.index),
      'top-k',
    ).toEqual([1, 2]);
    expect([...relevant], 'relevant set unchanged').toEqual(['d1', 'd4']);
    expect([...grades], 'grades unchanged').toEqual([
      ['d4', 2],
      ['d1', 1],
    ]);
  });
});

describe('retrieval-metrics: bad input', () => {
  const impl = { recallAtK, precisionAtK, reciprocalRank, meanReciprocalRank, ndcgAtK, cosineTopK };
  const loose = <T>(value: unknown) => value as T;

  test('a repeated id in ranked throws RangeError in every function, even past k', () => {
    for (const bad of BAD_CALLS.filter((b) => b.what.includes('repeated id'))) {
      expect(() => callBad(impl, bad), `${bad.what}: ${show(bad.args)}`).toThrow(RangeError);
    }
    expect(() => recallAtK(['a', 'b', 'a'], ['a'], 1), "recallAtK(['a','b','a'], ['a'], 1)").toThrow(RangeError);
  });

  test('k must be an integer ≥ 1: 0, −1, 1.5, NaN, Infinity throw RangeError; "2" or a missing k TypeError', () => {
    for (const bad of BAD_CALLS.filter((b) => / k = |k left out/.test(b.what))) {
      const error = bad.error === 'TypeError' ? TypeError : RangeError;
      expect(() => callBad(impl, bad), `${bad.what}: ${show(bad.args)}`).toThrow(error);
    }
    expect(() => precisionAtK(RANKED, REL, 0), 'precisionAtK k = 0 (would divide by 0)').toThrow(RangeError);
  });

  test('ranked or relevant of the wrong type throws TypeError: a string, a Set as ranked, null, a Map as relevant, a non-string id', () => {
    for (const bad of BAD_CALLS.filter((b) => /ranked is|in ranked is|relevant is|relevant id/.test(b.what))) {
      expect(() => callBad(impl, bad), `${bad.what}: ${show(bad.args)}`).toThrow(TypeError);
    }
  });

  test('meanReciprocalRank: no queries throws RangeError; queries not an array, a null query or one without ranked TypeError', () => {
    expect(() => meanReciprocalRank([]), '[]').toThrow(RangeError);
    expect(() => meanReciprocalRank(loose({ ranked: RANKED, relevant: REL })), 'one query, not in an array').toThrow(
      TypeError,
    );
    expect(() => meanReciprocalRank(loose([{ ranked: RANKED, relevant: REL }, null])), 'a null query').toThrow(
      TypeError,
    );
    expect(() => meanReciprocalRank(loose([{ relevant: REL }])), 'no ranked').toThrow(TypeError);
    expect(
      () =>
        meanReciprocalRank([
          { ranked: RANKED, relevant: REL },
          { ranked: ['a', 'a'], relevant: REL },
        ]),
      'a repeated id in the second query',
    ).toThrow(RangeError);
  });

  test('ndcgAtK: grades not a Map, a non-string key or a non-number grade → TypeError; a grade < 0, NaN or Infinity → RangeError', () => {
    expect(() => ndcgAtK(RANKED, loose({ d1: 1 }), 2), 'a plain object').toThrow(TypeError);
    expect(() => ndcgAtK(RANKED, loose([['d1', 1]]), 2), 'an array of pairs').toThrow(TypeError);
    expect(() => ndcgAtK([], loose([['d1', 1]]), 2), 'an array of pairs, with an empty ranking').toThrow(TypeError);
    expect(() => ndcgAtK(RANKED, loose(new Map([['d1', '2']])), 2), "grade '2'").toThrow(TypeError);
    expect(() => ndcgAtK(RANKED, loose(new Map([[1, 2]])), 2), 'key 1').toThrow(TypeError);
    for (const g of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => ndcgAtK(RANKED, new Map([['zz', g]]), 2), `grade ${g} of an unretrieved id`).toThrow(RangeError);
    }
  });

  test("ndcgAtK: options.gain 'exp' or 'Linear' throws RangeError; options 'linear' or null TypeError", () => {
    expect(() => ndcgAtK(RANKED, XYW, 2, loose({ gain: 'exp' })), "gain 'exp'").toThrow(RangeError);
    expect(() => ndcgAtK(RANKED, XYW, 2, loose({ gain: 'Linear' })), "gain 'Linear'").toThrow(RangeError);
    expect(() => ndcgAtK(RANKED, XYW, 2, loose({ gain: 2 })), 'gain 2').toThrow(RangeError);
    expect(() => ndcgAtK(RANKED, XYW, 2, loose('linear')), "options 'linear'").toThrow(TypeError);
    expect(() => ndcgAtK(RANKED, XYW, 2, loose(null)), 'options null').toThrow(TypeError);
  });

  test('cosineTopK: an empty query, a vector of another length, NaN or ±Infinity → RangeError; non-arrays or non-numbers → TypeError', () => {
    for (const bad of BAD_CALLS.filter((b) => b.fn === 'cosineTopK')) {
      const error = bad.error === 'TypeError' ? TypeError : RangeError;
      expect(() => callBad(impl, bad), `${bad.what}: ${show(bad.args)}`).toThrow(error);
    }
    expect(
      () =>
        cosineTopK(
          [1, 2],
          [
            [1, 2],
            [3, 4],
            [5, 6, 7],
          ],
          1,
        ),
      'a longer vector at the end',
    ).toThrow(RangeError);
    expect(() => cosineTopK([1, 2], loose({ length: 1, 0: [1, 2] }), 1), 'an array-like corpus').toThrow(TypeError);
    expect(
      () =>
        cosineTopK(
          [1, 2],
          [
            [1, 2],
            [3, Number.NaN],
          ],
          1,
        ),
      'NaN in the last vector',
    ).toThrow(RangeError);
  });

  test.prop([badCall])('one bad argument anywhere throws the named error (every case of "Bad input")', (bad) => {
    const error = bad.error === 'TypeError' ? TypeError : RangeError;
    expect(() => callBad(impl, bad), `${bad.what}: ${show(bad.args)}`).toThrow(error);
  });
});

/** The prompt's budget for cosineTopK: 6·n·d + 4·n·⌈log2(k + 1)⌉ + 4·n + 8·d steps. */
function topKWithinBudget(query: readonly number[], corpus: readonly (readonly number[])[], k: number): HitLike[] {
  const n = corpus.length;
  const d = query.length;
  const steps = 6 * n * d + 4 * n * Math.ceil(Math.log2(k + 1)) + 4 * n + 8 * d;
  return expectWithinBudget(() => counted.cosineTopK(query, corpus, k), {
    steps,
    rule: `6·n·d + 4·n·⌈log2(k + 1)⌉ + 4·n + 8·d for n = ${n}, d = ${d}, k = ${k}`,
  });
}

/** n unit-ish vectors in d dimensions whose cosine with e1 is `cos(i)`; distinct scores. */
function corpusWithCosines(n: number, d: number, cos: (i: number) => number): number[][] {
  return Array.from({ length: n }, (_, i) => {
    const c = cos(i);
    const rest = Math.sqrt(Math.max(0, 1 - c * c) / Math.max(1, d - 1));
    return Array.from({ length: d }, (_, j) => (j === 0 ? c : rest));
  });
}

/** Exponents 0 … 6 for the scaling property. */
const powersOf2: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 5 });

const e1 = (d: number): number[] => Array.from({ length: d }, (_, j) => (j === 0 ? 1 : 0));

describe('retrieval-metrics: complexity and scale (cosineTopK: at most 6·n·d + 4·n·⌈log2(k + 1)⌉ + 4·n + 8·d steps)', () => {
  test('n = 10^5, d = 2, k = 2 in random order: within 24·n steps (scoring all and sorting all costs about 40·n)', () => {
    const n = 100_000;
    const u = seededUniform(17);
    const corpus = corpusWithCosines(n, 2, () => 2 * u() - 1);
    const got = topKWithinBudget(e1(2), corpus, 2);
    expectHits(got, topKOracle(e1(2), corpus, 2), 'top 2 of 10^5');
  });

  test('n = 2·10^4, d = 4, k = 10^4 (k = n/2: k passes of arg-max or sorted-array inserts are O(n·k)): within budget', () => {
    const n = 20_000;
    const u = seededUniform(5);
    const corpus = corpusWithCosines(n, 4, () => 2 * u() - 1);
    const got = topKWithinBudget(e1(4), corpus, n / 2);
    expectHits(got, topKOracle(e1(4), corpus, n / 2), 'top 10^4 of 2·10^4');
  });

  test('scores that increase with the index (every vector enters the heap): n = 5·10^4, d = 4, k = 16, and n = 2·10^4, k = 10^4', () => {
    const rising = corpusWithCosines(50_000, 4, (i) => -1 + (2 * i) / 50_000);
    expectHits(topKWithinBudget(e1(4), rising, 16), topKOracle(e1(4), rising, 16), 'rising, k = 16');
    const short = corpusWithCosines(20_000, 4, (i) => -1 + (2 * i) / 20_000);
    expectHits(topKWithinBudget(e1(4), short, 10_000), topKOracle(e1(4), short, 10_000), 'rising, k = 10^4');
  });

  test('d = 64, n = 5000, k = 10, and 2·10^4 copies of one vector (exact ties): within budget, lowest indices first', () => {
    const u = seededUniform(99);
    const wide = Array.from({ length: 5000 }, () => Array.from({ length: 64 }, () => Math.round(20 * u()) - 10));
    const q = Array.from({ length: 64 }, () => Math.round(10 * u()) - 5);
    expectHits(topKWithinBudget(q, wide, 10), topKOracle(q, wide, 10), 'd = 64');
    const same = Array.from({ length: 20_000 }, () => [1, 2, 2]);
    const got = topKWithinBudget([2, 1, 2], same, 5);
    expect(
      got.map((h) => h.index),
      'five copies: indices 0..4',
    ).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('retrieval-metrics: properties (against the oracles)', () => {
  test.prop([metricCase])(
    'recall@k and precision@k match the literal formulas; both in [0, 1]; precision·k = recall·|relevant|',
    (c) => {
      const rel = relevantArg(c);
      const what = `ranked ${show(c.ranked)}, relevant ${show(rel)}, k = ${c.k}`;
      const recall = recallAtK(c.ranked, rel, c.k);
      const precision = precisionAtK(c.ranked, rel, c.k);
      expect(recall, `recall: ${what}`).toBeCloseTo(recallOracle(c.ranked, c.relevant, c.k), 12);
      expect(precision, `precision: ${what}`).toBeCloseTo(precisionOracle(c.ranked, c.relevant, c.k), 12);
      expect(recall >= 0 && recall <= 1 && precision >= 0 && precision <= 1, `in [0, 1]: ${what}`).toBe(true);
      expect(precision * c.k, `precision·k = recall·|relevant|: ${what}`).toBeCloseTo(
        recall * new Set(c.relevant).size,
        9,
      );
    },
  );

  test.prop([metricCase])('recall@k never decreases as k grows', (c) => {
    const rel = relevantArg(c);
    let previous = 0;
    for (let k = 1; k <= c.ranked.length + 2; k++) {
      const r = recallAtK(c.ranked, rel, k);
      expect(r, `recall@${k} ≥ recall@${k - 1}: ${show(c.ranked)}, ${show(rel)}`).toBeGreaterThanOrEqual(previous);
      previous = r;
    }
  });

  test.prop([mrrCase])('reciprocal rank and MRR match the oracle (MRR is the mean over queries)', ({ queries }) => {
    const args = queries.map((q) => ({ ranked: q.ranked, relevant: relevantArg(q) }));
    const rrs = queries.map((q) => reciprocalRankOracle(q.ranked, q.relevant));
    queries.forEach((q, i) => {
      expect(reciprocalRank(q.ranked, relevantArg(q)), `reciprocalRank(${show(args[i])})`).toBeCloseTo(
        rrs[i] as number,
        12,
      );
    });
    const mean = rrs.reduce((s, r) => s + r, 0) / rrs.length;
    expect(meanReciprocalRank(args), `meanReciprocalRank(${show(args)})`).toBeCloseTo(mean, 12);
  });

  test.prop([ndcgCase])(
    'nDCG@k matches the float64 oracle (both gains), lies in [0, 1], and is 1 for the ideal ordering',
    (c) => {
      const grades = new Map(c.grades);
      const kind = c.gain ?? 'linear';
      const options = c.gain === undefined ? undefined : { gain: c.gain };
      const what = `ndcgAtK(${show(c.ranked)}, ${show(grades)}, ${c.k}, ${show(options)})`;
      const got = ndcgAtK(c.ranked, grades, c.k, options);
      expect(got, what).toBeCloseTo(ndcgOracle(c.ranked, grades, c.k, kind), 9);
      expect(got >= 0 && got <= 1 + 1e-12, `${what} in [0, 1]`).toBe(true);
      const ideal = [...c.grades].sort((a, b) => b[1] - a[1]).map(([id]) => id);
      const positive = c.grades.some(([, g]) => g > 0);
      expect(ndcgAtK(ideal, grades, c.k, options), `ideal ordering ${show(ideal)}`).toBeCloseTo(positive ? 1 : 0, 9);
    },
  );

  test.prop([cosineCase])(
    'cosine top-k equals scoring and sorting everything (score desc, lower index first on ties)',
    (c) => {
      const got = cosineTopK(c.query, c.corpus, c.k);
      const what = `cosineTopK(${show(c.query)}, ${show(c.corpus)}, ${c.k})`;
      expectHits(got, topKOracle(c.query, c.corpus, c.k), what);
      expect(got.length, `${what}: min(k, n) hits`).toBe(Math.min(c.k, c.corpus.length));
      got.forEach((h) => {
        expect(Math.abs(h.score - cosineOracle(c.query, c.corpus[h.index] as number[])), `${what}: score`).toBeLessThan(
          1e-9,
        );
      });
    },
  );

  test.prop([cosineCase, powersOf2])(
    'scaling any vector by a power of 2 changes no score: the same hits, the same order',
    (c, powers) => {
      const scaled = c.corpus.map((v, i) => v.map((x) => x * 2 ** ((powers[i % powers.length] as number) - 3)));
      const q = c.query.map((x) => x * 2 ** ((powers[0] as number) - 2));
      const base = cosineTopK(c.query, c.corpus, c.k);
      const again = cosineTopK(q, scaled, c.k);
      expect(
        again.map((h) => [h.index, h.score]),
        `scaled by powers of 2: ${show(scaled)}`,
      ).toEqual(base.map((h) => [h.index, h.score]));
    },
  );
});
