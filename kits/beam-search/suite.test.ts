import { describe, expect } from 'vitest';
import { beamSearch } from '@impl/beam-search';
import * as counted from '@impl-counted/beam-search';
import {
  type BeamCase,
  badCall,
  beamCase,
  callBad,
  greedyCase,
  optionsOf,
  type Step,
  stepOf,
  wideCase,
} from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { beamOracle, bestScores, exhaustiveOracle, greedyOracle } from './oracle.ts';
import { test } from '../../src/harness/prop.ts';

type Options = Parameters<typeof beamSearch>[1];
const NEG = Number.NEGATIVE_INFINITY;
const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? `${x}` : x));

/** A step that looks its row up by the prefix ('' for the empty one, '1,0' for [1, 0]). */
function table(rows: Record<string, number[]>, otherwise: number[]): Step {
  return (prefix) => rows[prefix.join(',')] ?? otherwise;
}

/** `step` wrapped to record a copy of every prefix it is called with. */
function recorded(step: Step): { step: Step; prefixes: number[][] } {
  const prefixes: number[][] = [];
  return {
    prefixes,
    step: (prefix) => {
      prefixes.push([...prefix]);
      return step(prefix);
    },
  };
}

/** Same tokens, in order; scores equal to 1e-12 (exact −∞ where expected). */
function expectHypotheses(
  actual: { tokens: number[]; score: number }[],
  expected: readonly { tokens: readonly number[]; score: number }[],
  what: string,
): void {
  const got = `${what}: got ${show(actual)}, expected ${show(expected)}`;
  expect(Array.isArray(actual), `${what}: an array`).toBe(true);
  expect(
    actual.map((h) => h.tokens),
    got,
  ).toEqual(expected.map((h) => h.tokens));
  expected.forEach((e, i) => {
    const a = (actual[i] as { score: number }).score;
    if (e.score === NEG) expect(a, got).toBe(NEG);
    else expect(a, got).toBeCloseTo(e.score, 12);
  });
}

// Example A (README): V = 3, EOS = 2. Beam search finds [0, EOS]; greedy walks into [1, 0, 0].
const exampleA = table(
  { '': [-1, -0.5, -3], '0': [-3, -3, -0.125], '1': [-2, -2, -2.5], '1,0': [-1, -1, -1], '1,1': [-0.25, -3, -3] },
  [-1, -1, -1],
);
// Example B: V = 2, EOS = 1. [EOS] at −0.75 against [0, ·] at −1.5.
const exampleB = table({ '': [-1, -0.75], '0': [-0.5, -0.5] }, [-9, -9]);
// Example C: the EOS candidate in second place, with one beam.
const exampleC = table({ '': [-0.25, -1, -0.5], '0': [-2, -2, -2] }, [-9, -9, -9]);
// Example D: two EOS candidates fill the pool at position 2 while [0, 0] could still improve.
const exampleD = table(
  { '': [-0.5, -0.75, -4], '0': [-1, -4, -0.5], '1': [-4, -4, -0.5], '0,0': [-0.25, -4, -4] },
  [-9, -9, -9],
);

// Example E: [EOS] finishes at position 1 (−1.5), then two better EOS candidates at position 2.
const exampleE = table({ '': [-0.25, -2, -1.5], '0': [-4, -4, -0.25], '1': [-4, -4, -0.25] }, [-9, -9, -9]);

describe('beam-search: worked examples', () => {
  test('example A, numBeams 2: [0,EOS] (−1.125/2 = −0.5625) then [1,1,0] (−2.75/3); 5 step calls', () => {
    const want = [
      { tokens: [0, 2], score: -0.5625 },
      { tokens: [1, 1, 0], score: -2.75 / 3 },
    ];
    const opts = { numBeams: 2, maxNewTokens: 3, eosTokenId: 2, numReturnSequences: 2 };
    expectHypotheses(beamOracle(exampleA, opts).results, want, 'oracle');
    const r = recorded(exampleA);
    expectHypotheses(beamSearch(r.step, opts), want, 'beamSearch(example A, numBeams 2)');
    expect(r.prefixes.length, 'step calls: 1 + 2 + 2').toBe(5);
  });

  test('example A, numBeams 1 is greedy: [1,0,0] with score −3.5/3 (ties → lower token id)', () => {
    const opts = { numBeams: 1, maxNewTokens: 3, eosTokenId: 2 };
    expectHypotheses(beamSearch(exampleA, opts), [{ tokens: [1, 0, 0], score: -3.5 / 3 }], 'numBeams 1');
    expectHypotheses([greedyOracle(exampleA, opts)], [{ tokens: [1, 0, 0], score: -3.5 / 3 }], 'greedy oracle');
  });

  test('the best numBeams unfinished candidates go on after an EOS finishes (example A keeps [1,0] and [1,1])', () => {
    const r = recorded(exampleA);
    beamSearch(r.step, { numBeams: 2, maxNewTokens: 3, eosTokenId: 2, numReturnSequences: 2 });
    const sorted = r.prefixes.map((p) => p.join(',')).sort();
    expect(sorted, 'prefixes step saw').toEqual(['', '0', '1', '1,0', '1,1']);
  });

  test('an EOS candidate outside the first numBeams ranks is discarded: example C, numBeams 1 → [0,0] (−1.125), not [EOS]', () => {
    const opts = { numBeams: 1, maxNewTokens: 2, eosTokenId: 2 };
    expectHypotheses(beamOracle(exampleC, opts).results, [{ tokens: [0, 0], score: -1.125 }], 'oracle');
    expectHypotheses(beamSearch(exampleC, opts), [{ tokens: [0, 0], score: -1.125 }], 'example C');
  });

  test('lengthPenalty 2 favours the longer: example B → [0,0] and [0,1], both −1.5/2² = −0.375', () => {
    const opts = { numBeams: 2, maxNewTokens: 2, eosTokenId: 1, numReturnSequences: 2, lengthPenalty: 2 };
    const want = [
      { tokens: [0, 0], score: -0.375 },
      { tokens: [0, 1], score: -0.375 },
    ];
    expectHypotheses(beamSearch(exampleB, opts), want, 'example B, lengthPenalty 2');
  });

  test('lengthPenalty 0 is the raw sum: example B → [EOS] (−0.75) then [0,0] (−1.5)', () => {
    const opts = { numBeams: 2, maxNewTokens: 2, eosTokenId: 1, numReturnSequences: 2, lengthPenalty: 0 };
    const want = [
      { tokens: [1], score: -0.75 },
      { tokens: [0, 0], score: -1.5 },
    ];
    expectHypotheses(beamSearch(exampleB, opts), want, 'example B, lengthPenalty 0');
  });

  test('equal scores: the one that finished at an earlier position first (example B, lengthPenalty 1: [EOS] −0.75 before [0,0] −1.5/2)', () => {
    const opts = { numBeams: 2, maxNewTokens: 2, eosTokenId: 1, numReturnSequences: 2 };
    const want = [
      { tokens: [1], score: -0.75 },
      { tokens: [0, 0], score: -0.75 },
    ];
    expectHypotheses(beamOracle(exampleB, opts).results, want, 'oracle');
    expectHypotheses(beamSearch(exampleB, opts), want, 'example B, lengthPenalty 1');
  });

  test('equal scores: the earlier finisher first even when the later one has the better rank ([EOS] at t 1, rank 1, before [0,EOS] at t 2, rank 0; both −1, lengthPenalty 0)', () => {
    // t 1: token 0 (−0.25) rank 0, EOS (−1) rank 1 joins the pool, token 1 (−1.5) runs on.
    // t 2: [0,EOS] (−0.25 − 0.75 = −1) is rank 0 and ties with [EOS].
    const step = table({ '': [-0.25, -1.5, -1], '0': [-5, -5, -0.75] }, [-5, -5, -5]);
    const opts = { numBeams: 2, maxNewTokens: 2, eosTokenId: 2, numReturnSequences: 2, lengthPenalty: 0 };
    const want = [
      { tokens: [2], score: -1 },
      { tokens: [0, 2], score: -1 },
    ];
    expectHypotheses(beamOracle(step, opts).results, want, 'oracle');
    expectHypotheses(beamSearch(step, opts), want, 'the earlier finisher first');
  });

  test('early stopping waits for numBeams hypotheses, not numReturnSequences: numBeams 2, 1 result → [0,EOS] (−0.75/2), found after [EOS] (−1) finished', () => {
    const step = table({ '': [-0.5, -3, -1], '0': [-5, -5, -0.25] }, [-5, -5, -5]);
    const opts = { numBeams: 2, maxNewTokens: 3, eosTokenId: 2, numReturnSequences: 1 };
    const want = [{ tokens: [0, 2], score: -0.375 }];
    expectHypotheses(beamOracle(step, opts).results, want, 'oracle');
    expectHypotheses(beamSearch(step, opts), want, 'one result of a two-beam search');
  });

  test('at maxNewTokens the first numBeams candidates finish with or without EOS, by rank (example B, lengthPenalty 2)', () => {
    const opts = { numBeams: 2, maxNewTokens: 2, eosTokenId: 1, numReturnSequences: 2, lengthPenalty: 2 };
    const got = beamSearch(exampleB, opts);
    expect(
      got.map((h) => h.tokens),
      'an unfinished [0,0] and an EOS-ended [0,1] at the last position',
    ).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });

  test('early stopping: once numBeams hypotheses finished the search stops (example D → [0,EOS] −0.5, [1,EOS] −0.625; 3 calls)', () => {
    const opts = { numBeams: 2, maxNewTokens: 3, eosTokenId: 2, numReturnSequences: 2 };
    const want = [
      { tokens: [0, 2], score: -0.5 },
      { tokens: [1, 2], score: -0.625 },
    ];
    expectHypotheses(beamOracle(exampleD, opts).results, want, 'oracle');
    const r = recorded(exampleD);
    expectHypotheses(beamSearch(r.step, opts), want, 'example D');
    expect(r.prefixes.length, 'step is not called for [0,0] once the pool is full').toBe(3);
  });

  test('every finished candidate of a position joins before the pool is cut to numBeams (example E → [0,EOS] −0.25, [1,EOS] −1.125, not [EOS] −1.5)', () => {
    const opts = { numBeams: 2, maxNewTokens: 3, eosTokenId: 2, numReturnSequences: 2 };
    const want = [
      { tokens: [0, 2], score: -0.25 },
      { tokens: [1, 2], score: -1.125 },
    ];
    expectHypotheses(beamOracle(exampleE, opts).results, want, 'oracle');
    const r = recorded(exampleE);
    expectHypotheses(beamSearch(r.step, opts), want, 'example E');
    expect(r.prefixes.length, 'the pool is full after position 2: 3 calls').toBe(3);
  });

  test('equal candidate sums: lower beam index, then lower token id (flat step −1 everywhere, V 3, EOS 2 → [0,0], [0,1])', () => {
    const flat = table({}, [-1, -1, -1]);
    const opts = { numBeams: 2, maxNewTokens: 2, eosTokenId: 2, numReturnSequences: 2 };
    const want = [
      { tokens: [0, 0], score: -1 },
      { tokens: [0, 1], score: -1 },
    ];
    expectHypotheses(beamOracle(flat, opts).results, want, 'oracle');
    const r = recorded(flat);
    expectHypotheses(beamSearch(r.step, opts), want, 'flat −1');
    expect(r.prefixes.map((p) => p.join(',')).sort(), 'beams after position 1: [0] and [1]').toEqual(['', '0', '1']);
  });
});

describe('beam-search: edge cases', () => {
  test('the prompt is passed to step but neither returned nor counted in the length: prompt [5,7]', () => {
    const step: Step = (prefix) => {
      expect(prefix.slice(0, 2), `prefix ${show(prefix)} starts with the prompt`).toEqual([5, 7]);
      return prefix.length === 2 ? [-0.5, -2] : [-0.25, -0.5];
    };
    const got = beamSearch(step, { prompt: [5, 7], numBeams: 1, maxNewTokens: 3, eosTokenId: 1 });
    expectHypotheses(got, [{ tokens: [0, 0, 0], score: -1 / 3 }], 'prompt [5,7], 3 new tokens');
  });

  test('defaults: numReturnSequences 1, lengthPenalty 1, prompt [] (example A)', () => {
    const r = recorded(exampleA);
    const got = beamSearch(r.step, { numBeams: 2, maxNewTokens: 3, eosTokenId: 2 });
    expectHypotheses(got, [{ tokens: [0, 2], score: -0.5625 }], 'example A with defaults');
    expect(r.prefixes[0], 'first prefix').toEqual([]);
  });

  test('a vocabulary of EOS alone: one hypothesis [0] even with numReturnSequences 2, and step is called once', () => {
    const r = recorded(() => [-0.5]);
    const got = beamSearch(r.step, { numBeams: 2, maxNewTokens: 4, eosTokenId: 0, numReturnSequences: 2 });
    expectHypotheses(got, [{ tokens: [0], score: -0.5 }], 'V = 1');
    expect(r.prefixes.length, 'step calls').toBe(1);
  });

  test('−Infinity is a banned token, not an error: [−∞, −1, −0.5] with EOS 2 never returns token 0 while finite ones remain', () => {
    const step = table({ '': [NEG, -1, -2], '1': [NEG, -1, -0.5] }, [NEG, -3, -3]);
    const got = beamSearch(step, { numBeams: 2, maxNewTokens: 2, eosTokenId: 2, numReturnSequences: 2 });
    const want = [
      { tokens: [1, 2], score: -0.75 },
      { tokens: [1, 1], score: -1 },
    ];
    expectHypotheses(got, want, 'banned token 0');
    const want1 = beamOracle(step, { numBeams: 4, maxNewTokens: 2, eosTokenId: 2, numReturnSequences: 4 }).results;
    expect(
      want1.map((h) => h.score),
      'oracle: a −∞ hypothesis is ranked last',
    ).toContain(NEG);
    expectHypotheses(
      beamSearch(step, { numBeams: 4, maxNewTokens: 2, eosTokenId: 2, numReturnSequences: 4 }),
      want1,
      'numBeams 4: too few finite candidates, −∞ ones are used (ties by rank)',
    );
  });

  test('a negative lengthPenalty favours the shorter: example B, lengthPenalty −1 → [EOS] −0.75, then [0,0] −3', () => {
    const opts = { numBeams: 2, maxNewTokens: 2, eosTokenId: 1, numReturnSequences: 2, lengthPenalty: -1 };
    const want = [
      { tokens: [1], score: -0.75 },
      { tokens: [0, 0], score: -3 },
    ];
    expectHypotheses(beamSearch(exampleB, opts), want, 'lengthPenalty −1');
  });

  test('inputs are not modified, and the results are fresh arrays', () => {
    const prompt = Object.freeze([3, 1]);
    const opts = Object.freeze({ prompt, numBeams: 2, maxNewTokens: 3, eosTokenId: 2, numReturnSequences: 2 });
    const row = Object.freeze([-1, -0.5, -0.75]);
    const seen: (readonly number[])[] = [];
    const step: Step = (prefix) => {
      seen.push(prefix);
      return row;
    };
    const got = beamSearch(step, opts as Options);
    expect(got.length, 'two results').toBe(2);
    expect(opts.prompt, 'prompt unchanged').toEqual([3, 1]);
    for (const h of got) expect(h.tokens === (row as unknown), 'tokens is not the step row').toBe(false);
    got[0]?.tokens.push(99);
    expect(got[1]?.tokens.includes(99), 'results do not share arrays').toBe(false);
    expect(
      seen.every((p) => p[0] === 3 && p[1] === 1),
      'every prefix starts with the prompt',
    ).toBe(true);
  });
});

describe('beam-search: bad input', () => {
  const thrown = (f: () => unknown, error: ErrorConstructor, what: string) => expect(f, what).toThrow(error);
  const loose = <T>(v: unknown) => v as T;
  const ok = table({}, [-1, -2, -3]);
  const base = { numBeams: 2, maxNewTokens: 3, eosTokenId: 2 };

  test('numBeams and maxNewTokens must be integers ≥ 1: 0, −1, 1.5, NaN, Infinity → RangeError; "2" or missing → TypeError', () => {
    for (const v of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      thrown(() => beamSearch(ok, { ...base, numBeams: v }), RangeError, `numBeams ${v}`);
      thrown(() => beamSearch(ok, { ...base, maxNewTokens: v }), RangeError, `maxNewTokens ${v}`);
    }
    thrown(() => beamSearch(ok, { ...base, numBeams: loose('2') }), TypeError, "numBeams '2'");
    thrown(() => beamSearch(ok, { ...base, maxNewTokens: loose('3') }), TypeError, "maxNewTokens '3'");
    thrown(() => beamSearch(ok, loose({ maxNewTokens: 3, eosTokenId: 2 })), TypeError, 'numBeams missing');
    thrown(() => beamSearch(ok, loose({ numBeams: 2, eosTokenId: 2 })), TypeError, 'maxNewTokens missing');
  });

  test('numReturnSequences must be an integer in [1, numBeams]: 3 with numBeams 2, 0, 1.5 → RangeError; "1" → TypeError; = numBeams is fine', () => {
    for (const v of [3, 0, 1.5, Number.NaN]) {
      thrown(() => beamSearch(ok, { ...base, numReturnSequences: v }), RangeError, `numReturnSequences ${v}`);
    }
    thrown(() => beamSearch(ok, { ...base, numReturnSequences: loose('1') }), TypeError, "numReturnSequences '1'");
    expect(beamSearch(ok, { ...base, numReturnSequences: 2 }).length, 'numReturnSequences = numBeams').toBe(2);
  });

  test('eosTokenId must be an integer in [0, V): −1, 0.5 → RangeError before any call, V (3 of 3) → RangeError; "2" or missing → TypeError', () => {
    for (const v of [-1, 0.5, Number.NaN]) {
      thrown(() => beamSearch(ok, { ...base, eosTokenId: v }), RangeError, `eosTokenId ${v}`);
    }
    thrown(() => beamSearch(ok, { ...base, eosTokenId: 3 }), RangeError, 'eosTokenId 3 with V = 3');
    thrown(() => beamSearch(ok, { ...base, eosTokenId: 7 }), RangeError, 'eosTokenId 7 with V = 3');
    thrown(() => beamSearch(ok, { ...base, eosTokenId: loose('2') }), TypeError, "eosTokenId '2'");
    thrown(() => beamSearch(ok, loose({ numBeams: 2, maxNewTokens: 3 })), TypeError, 'eosTokenId missing');
  });

  test('lengthPenalty must be finite (NaN, ±Infinity → RangeError, "1" → TypeError); prompt ids non-negative integers', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      thrown(() => beamSearch(ok, { ...base, lengthPenalty: v }), RangeError, `lengthPenalty ${v}`);
    }
    thrown(() => beamSearch(ok, { ...base, lengthPenalty: loose('1') }), TypeError, "lengthPenalty '1'");
    thrown(() => beamSearch(ok, { ...base, prompt: [1, -1] }), RangeError, 'prompt [1, −1]');
    thrown(() => beamSearch(ok, { ...base, prompt: [0.5] }), RangeError, 'prompt [0.5]');
    thrown(() => beamSearch(ok, { ...base, prompt: loose(['1']) }), TypeError, "prompt ['1']");
    thrown(() => beamSearch(ok, { ...base, prompt: loose('1,2') }), TypeError, "prompt '1,2'");
  });

  test('step not a function, options missing or null → TypeError', () => {
    thrown(() => beamSearch(loose([-1, -2]), base), TypeError, 'step = [−1, −2]');
    thrown(() => beamSearch(ok, loose(undefined)), TypeError, 'options undefined');
    thrown(() => beamSearch(ok, loose(null)), TypeError, 'options null');
  });

  test('every step output is checked: not an array → TypeError, a non-number → TypeError, NaN or +Infinity → RangeError, another length → RangeError', () => {
    const nth =
      (n: number, value: unknown): Step =>
      (prefix) =>
        prefix.length === n ? loose(value) : [-1, -2, -3];
    for (const n of [0, 1]) {
      thrown(() => beamSearch(nth(n, null), base), TypeError, `call at length ${n} returns null`);
      thrown(() => beamSearch(nth(n, 5), base), TypeError, `call at length ${n} returns 5`);
      thrown(() => beamSearch(nth(n, [-1, '-2', -3]), base), TypeError, `call at length ${n}: '-2'`);
      thrown(() => beamSearch(nth(n, [-1, Number.NaN, -3]), base), RangeError, `call at length ${n}: NaN`);
      thrown(() => beamSearch(nth(n, [Number.POSITIVE_INFINITY, -2, -3]), base), RangeError, `length ${n}: +Inf`);
    }
    thrown(() => beamSearch(nth(1, [-1, -2]), base), RangeError, 'a later call returns 2 log-probs after 3');
    thrown(() => beamSearch(nth(1, [-1, -2, -3, -4]), base), RangeError, 'a later call returns 4 after 3');
    thrown(() => beamSearch(nth(0, []), base), RangeError, 'the first call returns []');
  });

  test('bad options throw before step is ever called', () => {
    let calls = 0;
    const counting: Step = () => {
      calls++;
      return [-1, -2, -3];
    };
    const bad: [unknown, ErrorConstructor][] = [
      [{ ...base, numBeams: 0 }, RangeError],
      [{ ...base, maxNewTokens: 0 }, RangeError],
      [{ ...base, eosTokenId: -1 }, RangeError],
      [{ ...base, numReturnSequences: 3 }, RangeError],
      [{ ...base, lengthPenalty: Number.NaN }, RangeError],
      [{ ...base, prompt: [-1] }, RangeError],
      [{ ...base, prompt: 'x' }, TypeError],
      [{ ...base, numBeams: '2' }, TypeError],
    ];
    for (const [options, error] of bad) {
      thrown(() => beamSearch(counting, loose(options)), error, show(options));
      expect(calls, `${show(options)}: step calls before the error`).toBe(0);
    }
  });

  test.prop([badCall])('one bad argument anywhere throws the named error (every case of "Bad input")', (bad) => {
    const error = bad.error === 'TypeError' ? TypeError : RangeError;
    expect(() => callBad({ beamSearch }, bad), `${bad.what}: ${show(bad.options)}`).toThrow(error);
  });
});

/** The prompt's budget: 8·L·B·V·log2(2·B·V) + 8·B·L·(P + L) steps. */
function budget(L: number, B: number, V: number, P: number): { steps: number; rule: string } {
  return {
    steps: Math.ceil(8 * L * B * V * Math.log2(2 * B * V) + 8 * B * L * (P + L)),
    rule: `8·L·B·V·log2(2·B·V) + 8·B·L·(P + L) for L = ${L}, B = ${B}, V = ${V}, P = ${P}`,
  };
}

/**
 * A long-running step without built-ins (the work counter charges them while it runs): EOS (token
 * 0) is never competitive, the other tokens get quarters from the last token and the length.
 */
function longStep(V: number): Step {
  return (prefix) => {
    const out = new Array<number>(V);
    const n = prefix.length;
    const last = n === 0 ? 0 : (prefix[n - 1] as number);
    for (let v = 0; v < V; v++) out[v] = v === 0 ? -1000 : -((v * 7 + last * 13 + n * 5) % 16) / 4;
    return out;
  };
}

describe('beam-search: complexity and scale (at most 8·L·B·V·log2(2·B·V) + 8·B·L·(P + L) steps)', () => {
  /** The result is a complete hypothesis of `step` whose score is its recomputed Σ / len^lp. */
  function expectConsistent(
    got: { tokens: number[]; score: number }[],
    step: Step,
    prompt: number[],
    L: number,
    lp: number,
  ) {
    for (const h of got) {
      const ctx = `tokens ${show(h.tokens.slice(0, 8))}… (${h.tokens.length}), score ${h.score}`;
      expect(h.tokens.length, `${ctx}: EOS is never competitive, so every result has L tokens`).toBe(L);
      let sum = 0;
      const prefix = [...prompt];
      for (const token of h.tokens) {
        sum += step(prefix)[token] as number;
        prefix.push(token);
      }
      expect(h.score, `${ctx}: Σ log-probs / L^lp`).toBeCloseTo(sum / L ** lp, 9);
    }
  }

  test('B = 2, V = 64, a prompt of P = 100, L = 600 new tokens: 1199 step calls, within budget (copying tokens per candidate is over)', () => {
    const V = 64;
    const L = 600;
    const prompt = Array.from({ length: 100 }, (_, i) => i % V);
    const inner = longStep(V);
    let calls = 0;
    const step: Step = (prefix) => {
      calls++;
      return inner(prefix);
    };
    const opts = { prompt, numBeams: 2, maxNewTokens: L, eosTokenId: 0 };
    const got = expectWithinBudget(() => counted.beamSearch(step, opts), budget(L, 2, V, 100));
    expect(calls, 'step calls: 1 at position 1, then 2 per position').toBe(1 + 2 * (L - 1));
    expect(got.length, 'one result').toBe(1);
    expectConsistent(got, inner, prompt, L, 1);
    expect(got, 'the same as the uncounted call').toEqual(beamSearch(inner, opts));
  });

  test('B = 24, V = 48, L = 40, 3 results: within budget (step calls and sorting dominate)', () => {
    const V = 48;
    const L = 40;
    const opts = { numBeams: 24, maxNewTokens: L, eosTokenId: 0, numReturnSequences: 3, lengthPenalty: 0.5 };
    const got = expectWithinBudget(() => counted.beamSearch(longStep(V), opts), budget(L, 24, V, 0));
    expect(got.length, 'three results').toBe(3);
    expectConsistent(got, longStep(V), [], L, 0.5);
    expect(got[0]?.score, 'best first').toBeGreaterThanOrEqual(got[2]?.score as number);
  });
});

describe('beam-search: properties (against a literal simulation, greedy and exhaustive search)', () => {
  const what = (c: BeamCase) => `case ${show(c)}`;

  test.prop([beamCase])('matches the oracle simulation of the rules (tokens, scores, order)', (c) => {
    const want = beamOracle(stepOf(c), optionsOf(c)).results;
    expectHypotheses(beamSearch(stepOf(c), optionsOf(c)), want, what(c));
  });

  test.prop([beamCase])(
    'step is called once per running beam per position, on prompt + that beam (the oracle’s beams)',
    (c) => {
      const trace = beamOracle(stepOf(c), optionsOf(c));
      const r = recorded(stepOf(c));
      beamSearch(r.step, optionsOf(c));
      const key = (p: readonly number[]) => p.join(',');
      const want = trace.beams.flatMap((beams) => beams.map((b) => key([...c.prompt, ...b]))).sort();
      expect(r.prefixes.map(key).sort(), `${what(c)}: prefixes`).toEqual(want);
      expect(r.prefixes.length, `${what(c)}: calls`).toBe(trace.calls);
    },
  );

  test.prop([greedyCase])('numBeams 1 is greedy decoding (argmax, lowest id on ties, stop at EOS)', (c) => {
    const got = beamSearch(stepOf(c), optionsOf(c));
    expectHypotheses(got, [greedyOracle(stepOf(c), optionsOf(c))], what(c));
  });

  test.prop([wideCase])('with numBeams ≥ V^maxNewTokens the results are the best scores of exhaustive search', (c) => {
    const all = exhaustiveOracle(stepOf(c), optionsOf(c));
    const got = beamSearch(stepOf(c), optionsOf(c));
    const want = bestScores(all, c.numReturnSequences);
    expect(
      got.map((h) => h.score),
      `${what(c)}: scores`,
    ).toEqual(want);
  });

  test.prop([beamCase])(
    'every result: best first, EOS only last, ≤ maxNewTokens tokens, ends in EOS or is full length, score = Σ/len^lp',
    (c) => {
      const step = stepOf(c);
      const got = beamSearch(step, optionsOf(c));
      expect(got.length, `${what(c)}: count`).toBeGreaterThanOrEqual(1);
      expect(got.length, `${what(c)}: count`).toBeLessThanOrEqual(c.numReturnSequences);
      got.forEach((h, i) => {
        const ctx = `${what(c)}: result ${i} = ${show(h)}`;
        if (i > 0) expect(h.score <= (got[i - 1] as { score: number }).score || h.score === NEG, ctx).toBe(true);
        expect(h.tokens.length, ctx).toBeLessThanOrEqual(c.maxNewTokens);
        expect(h.tokens.slice(0, -1).includes(c.eosTokenId), `${ctx}: EOS inside`).toBe(false);
        expect(h.tokens.at(-1) === c.eosTokenId || h.tokens.length === c.maxNewTokens, `${ctx}: complete`).toBe(true);
        let sum = 0;
        h.tokens.forEach((token, t) => {
          sum += step([...c.prompt, ...h.tokens.slice(0, t)])[token] as number;
        });
        const score = sum / h.tokens.length ** c.lengthPenalty;
        if (score === NEG) expect(h.score, ctx).toBe(NEG);
        else expect(h.score, ctx).toBeCloseTo(score, 12);
      });
    },
  );
});
