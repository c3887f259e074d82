import { describe, expect } from 'vitest';
import { speculativeStep } from '@impl/speculative-decoding';
import * as counted from '@impl-counted/speculative-decoding';
import { badCall, callBad, inputOf, sameModelCase, stepCase, uniformOf } from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { seededUniform } from '../../src/harness/random.ts';
import {
  acceptanceRate,
  firstTokenMarginal,
  inverseCdfOracle,
  literalStep,
  outcomeDistribution,
  residualOracle,
  totalVariation,
} from './oracle.ts';
import { test } from '../../src/harness/prop.ts';

const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? `${x}` : x));

/** A uniform source that returns `values` in order (and throws past the end), counting its calls. */
function sequence(values: readonly number[]): { uniform: () => number; calls: () => number } {
  let n = 0;
  return {
    uniform: () => {
      if (n >= values.length) throw new Error(`uniform called ${n + 1} times, only ${values.length} values given`);
      return values[n++] as number;
    },
    calls: () => n,
  };
}

// The README's example: V = 3, K = 2, draft tokens [0, 2].
// Position 0: p0(0)/q0(0) = 0.125/0.5 = 0.25; position 1: p1(2)/q1(2) = 0.25/0.5 = 0.5.
const P = [
  [0.125, 0.5, 0.375],
  [0.5, 0.25, 0.25],
  [0.25, 0.5, 0.25],
];
const Q = [
  [0.5, 0.25, 0.25],
  [0.25, 0.25, 0.5],
];
const DRAFT = [0, 2];

function run(values: readonly number[], targetProbs = P, draftProbs = Q, draftTokens = DRAFT) {
  const s = sequence(values);
  const got = speculativeStep({
    targetProbs: targetProbs.map((r) => [...r]),
    draftProbs: draftProbs.map((r) => [...r]),
    draftTokens: [...draftTokens],
    uniform: s.uniform,
  });
  return { got, draws: s.calls() };
}

function expectStep(values: readonly number[], tokens: number[], accepted: number, what: string) {
  const oracle = literalStep(P, Q, DRAFT, sequence(values).uniform);
  expect({ tokens: oracle.tokens, accepted: oracle.accepted }, `oracle: ${what}`).toEqual({ tokens, accepted });
  const { got, draws } = run(values);
  expect(got, `speculativeStep(README example, uniforms ${show(values)}): ${what}`).toEqual({ tokens, accepted });
  expect(draws, `uniform calls for ${show(values)}`).toBe(values.length);
}

describe('speculative-decoding: worked examples', () => {
  test('all accepted, then a bonus token from p_K: uniforms [0.1, 0.3, 0.6] → tokens [0, 2, 1], accepted 2', () => {
    expectStep([0.1, 0.3, 0.6], [0, 2, 1], 2, '0.1 < 0.25, 0.3 < 0.5, bonus from p2 = [.25,.5,.25] at 0.6 → 1');
  });

  test('the bonus token is drawn from the target row p_K, not the draft: [0.1, 0.3, 0.2] → [0, 2, 0]; [0.2, 0.4999, 0.99] → [0, 2, 2]', () => {
    expectStep([0.1, 0.3, 0.2], [0, 2, 0], 2, 'bonus at 0.2 < 0.25 → 0');
    expectStep([0.2, 0.4999, 0.99], [0, 2, 2], 2, 'bonus at 0.99 → 2');
  });

  test('a rejection at position 0 resamples from norm(max(0, p0 − q0)) = [0, 2/3, 1/3]: [0.3, 0.65] → [1], accepted 0', () => {
    expect(residualOracle(P[0] as number[], Q[0] as number[]), 'oracle residual').toEqual([0, 2 / 3, 1 / 3]);
    expectStep([0.3, 0.65], [1], 0, 'rejected (0.3 ≥ 0.25), 0.65 < 2/3 → 1 (p0 itself would give 2)');
    expectStep([0.9, 0.7], [2], 0, 'rejected, 0.7 ≥ 2/3 → 2');
  });

  test('a rejection at position 1 keeps the accepted prefix and resamples from norm(max(0, p1 − q1)) = [1, 0, 0]: [0.1, 0.75, 0.9] → [0, 0]', () => {
    expect(residualOracle(P[1] as number[], Q[1] as number[]), 'oracle residual').toEqual([1, 0, 0]);
    expectStep([0.1, 0.75, 0.9], [0, 0], 1, 'accepted 0, rejected 2 (0.75 ≥ 0.5), residual [1,0,0] → 0');
  });

  test('the acceptance test is strict, u < p/q (Chen et al.): u = 0.25 = p0(0)/q0(0) rejects; u = 0.5 = p1(2)/q1(2) rejects', () => {
    expectStep([0.25, 0.65], [1], 0, 'u = 0.25 ties the ratio 0.25: rejected');
    expectStep([0.1, 0.5, 0.5], [0, 0], 1, 'u = 0.5 ties the ratio 0.5: rejected');
    expectStep([0.2499999, 0.4999999, 0.5], [0, 2, 1], 2, 'just below both ratios: accepted');
  });

  test('inverse CDF with u < cumulative sum, ties go up: bonus at u = 0.25 on p2 = [.25,.5,.25] → 1; at u = 0.75 → 2', () => {
    expectStep([0.1, 0.3, 0.25], [0, 2, 1], 2, 'u = 0.25 equals the first prefix sum: not below it');
    expectStep([0.1, 0.3, 0.75], [0, 2, 2], 2, 'u = 0.75 equals the second prefix sum');
    expectStep([0.1, 0.3, 0], [0, 2, 0], 2, 'u = 0 → 0');
  });

  test('the residual skips zero-probability tokens: residual [0, 2/3, 1/3] at u = 0 → 1, never 0', () => {
    expectStep([0.5, 0], [1], 0, 'u = 0 on [0, 2/3, 1/3]');
  });

  test('mulberry32(7) drives five steps of the README example → [0,2,2], [1], [1], [0,0], [1] (12 draws)', () => {
    const draws = seededUniform(7);
    const first = Array.from({ length: 12 }, () => draws());
    [
      0.011705, 0.061958, 0.976908, 0.699029, 0.521445, 0.405522, 0.466233, 0.239925, 0.553326, 0.729822, 0.257816,
      0.155948,
    ].forEach((u, i) => {
      expect(first[i], `seededUniform(7) draw ${i}`).toBeCloseTo(u, 6);
    });
    const want = [
      { tokens: [0, 2, 2], accepted: 2 },
      { tokens: [1], accepted: 0 },
      { tokens: [1], accepted: 0 },
      { tokens: [0, 0], accepted: 1 },
      { tokens: [1], accepted: 0 },
    ];
    const oracleStream = seededUniform(7);
    expect(
      want.map(() => {
        const t = literalStep(P, Q, DRAFT, oracleStream);
        return { tokens: t.tokens, accepted: t.accepted };
      }),
      'oracle',
    ).toEqual(want);
    const stream = seededUniform(7);
    const got = want.map(() => speculativeStep({ targetProbs: P, draftProbs: Q, draftTokens: DRAFT, uniform: stream }));
    expect(got, 'five steps sharing mulberry32(7)').toEqual(want);
  });
});

describe('speculative-decoding: edge cases', () => {
  test('draft = target: the ratio is 1, so every draft token is accepted for any u < 1 and a bonus token follows', () => {
    const rows = [P[0] as number[], P[1] as number[]];
    for (const u of [0, 0.5, 0.999999]) {
      const { got, draws } = run([u, u, u], P, rows, [1, 0]);
      expect(got, `draft rows = target rows, u = ${u}`).toEqual({
        tokens: [1, 0, inverseCdfOracle(P[2] as number[], u)],
        accepted: 2,
      });
      expect(draws, 'uniform calls: K + 1').toBe(3);
    }
  });

  test('p(x) > q(x): the ratio is above 1 and the draft token is always accepted (u = 0.999999)', () => {
    // Position 0, token 1: p0(1)/q0(1) = 0.5/0.25 = 2.
    const { got } = run([0.999999, 0.1, 0.5], P, Q, [1, 2]);
    expect(got, 'ratio 2, then ratio 0.5 at u = 0.1').toEqual({ tokens: [1, 2, 1], accepted: 2 });
  });

  test('p(x) = 0: the draft token is always rejected, even at u = 0 (a strict test)', () => {
    const target = [
      [0, 0.5, 0.5],
      [0.5, 0.25, 0.25],
    ];
    const { got, draws } = run([0, 0.4], target, [[0.5, 0.25, 0.25]], [0]);
    // Residual max(0, p − q) = [0, 0.25, 0.25] → [0, 0.5, 0.5]; 0.4 → 1.
    expect(got, 'p0(0) = 0 at u = 0').toEqual({ tokens: [1], accepted: 0 });
    expect(draws, 'uniform calls').toBe(2);
  });

  test('K = 1 and V = 1: one draft token, accepted, then the bonus token 0 (two uniform calls)', () => {
    const { got, draws } = run([0.7, 0.3], [[1], [1]], [[1]], [0]);
    expect(got, 'V = 1').toEqual({ tokens: [0, 0], accepted: 1 });
    expect(draws, 'uniform calls').toBe(2);
  });

  test('a residual that is all zero (p and q equal within the sum tolerance) draws the corrected token from p itself, not from q', () => {
    const p = [0.5, 0.5 - 1e-10, 0];
    const q = [0.5, 0.5, 0];
    expect(residualOracle(p, q), 'oracle falls back to p').toEqual(p);
    // Token 1: ratio (0.5 − 1e-10)/0.5 < 0.9999999999 → rejected; every p − q ≤ 0.
    const target = [p, [0, 0, 1]];
    expect(run([0.9999999999, 0.7], target, [q], [1]).got, 'u = 0.7 on p').toEqual({ tokens: [1], accepted: 0 });
    expect(run([0.9999999999, 0.2], target, [q], [1]).got, 'u = 0.2 on p').toEqual({ tokens: [0], accepted: 0 });
    // p just below q on token 0: a u between p's first share and q's tells the two apart.
    const below = [0.5 - 1e-10, 0.5, 0];
    expect(residualOracle(below, q), 'oracle falls back to p').toEqual(below);
    expect(inverseCdfOracle(below, 0.49999999995), 'oracle on p').toBe(1);
    expect(inverseCdfOracle(q, 0.49999999995), 'oracle on q').toBe(0);
    expect(
      run([0.9999999999, 0.49999999995], [below, [0, 0, 1]], [q], [0]).got,
      'p = [0.5 − 1e-10, 0.5, 0], q = [0.5, 0.5, 0], draft 0 rejected, u = 0.49999999995: token 1 from p (0 would be from q)',
    ).toEqual({ tokens: [1], accepted: 0 });
  });

  test('rounding: when the cumulative sum stays at or below u, the last token with positive probability', () => {
    // A bonus row of ten 0.1s (sums to 0.9999999999999999) then a 0: u = 1 − 2⁻⁵³ → 9.
    const tenths = [...new Array(10).fill(0.1), 0];
    const u = 1 - 2 ** -53;
    expect(inverseCdfOracle(tenths, u), 'oracle').toBe(9);
    const one = [1, ...new Array(10).fill(0)];
    expect(run([0.5, u], [one, tenths], [one], [0]).got, 'bonus token').toEqual({ tokens: [0, 9], accepted: 1 });
  });

  test('a target row is sampled as given, not renormalised: bonus row [0.5 − 9e-10, 0.5] (sum 1 − 9e-10) at u = 0.4999999995 → 1', () => {
    const bonus = [0.5 - 9e-10, 0.5];
    // As given: 0.4999999995 ≥ 0.4999999991 → token 1. Renormalised, the first share would be
    // 0.49999999955… > u → token 0.
    expect(inverseCdfOracle(bonus, 0.4999999995), 'oracle').toBe(1);
    const { got } = run([0.5, 0.4999999995], [[1, 0], bonus], [[1, 0]], [0]);
    expect(got, 'bonus from a row within the sum tolerance').toEqual({ tokens: [0, 1], accepted: 1 });
  });

  test('no input is modified, and the result is a fresh array', () => {
    const targetProbs = P.map((r) => Object.freeze([...r]));
    const draftProbs = Q.map((r) => Object.freeze([...r]));
    const draftTokens = Object.freeze([...DRAFT]);
    const input = Object.freeze({
      targetProbs: Object.freeze(targetProbs),
      draftProbs: Object.freeze(draftProbs),
      draftTokens,
      uniform: sequence([0.1, 0.3, 0.6]).uniform,
    });
    const got = speculativeStep(input as unknown as Parameters<typeof speculativeStep>[0]);
    expect(got, 'frozen inputs').toEqual({ tokens: [0, 2, 1], accepted: 2 });
    expect(got.tokens === (draftTokens as unknown), 'tokens is not the draftTokens array').toBe(false);
    expect(draftTokens, 'draftTokens unchanged').toEqual([0, 2]);
    expect(targetProbs, 'targetProbs unchanged').toEqual(P);
  });
});

describe('speculative-decoding: bad input', () => {
  const loose = <T>(v: unknown) => v as T;
  const thrown = (f: () => unknown, error: ErrorConstructor, what: string) => expect(f, what).toThrow(error);
  const base = () => ({
    targetProbs: P.map((r) => [...r]),
    draftProbs: Q.map((r) => [...r]),
    draftTokens: [...DRAFT],
    uniform: () => 0.5,
  });
  type In = Parameters<typeof speculativeStep>[0];
  const call = (patch: Record<string, unknown>) => () => speculativeStep(loose<In>({ ...base(), ...patch }));

  test('input, targetProbs, draftProbs, a row or draftTokens of the wrong type → TypeError; uniform not a function → TypeError', () => {
    thrown(() => speculativeStep(loose(undefined)), TypeError, 'input undefined');
    thrown(() => speculativeStep(loose(null)), TypeError, 'input null');
    thrown(call({ targetProbs: 'x' }), TypeError, "targetProbs 'x'");
    thrown(call({ draftProbs: undefined }), TypeError, 'draftProbs missing');
    thrown(call({ draftTokens: 1 }), TypeError, 'draftTokens 1');
    thrown(call({ uniform: 0.5 }), TypeError, 'uniform 0.5');
    thrown(call({ targetProbs: [P[0], 'row', P[2]] }), TypeError, 'a target row that is a string');
    thrown(call({ targetProbs: [null, P[1], P[2]] }), TypeError, 'the first target row null');
    thrown(call({ draftProbs: [Q[0], 7] }), TypeError, 'a draft row 7');
  });

  test("a probability or a draft token that is not a number ('0.5', null, '1') → TypeError", () => {
    thrown(call({ targetProbs: [P[0], P[1], ['0.25', 0.5, 0.25]] }), TypeError, "target entry '0.25'");
    thrown(call({ draftProbs: [Q[0], [null, 0.5, 0.5]] }), TypeError, 'draft entry null');
    thrown(call({ draftTokens: ['0', 2] }), TypeError, "draft token '0'");
  });

  test('uniform() must return a number in [0, 1): 1, −0.25, 1.5, NaN → RangeError; "0.5" → TypeError', () => {
    for (const u of [1, -0.25, 1.5, Number.NaN]) thrown(call({ uniform: () => u }), RangeError, `uniform() = ${u}`);
    thrown(call({ uniform: () => '0.5' }), TypeError, "uniform() = '0.5'");
    // Also the draw of the last token is checked: 0.1 and 0.3 accept, then 1.
    const after = [0.1, 0.3, 1];
    let i = 0;
    thrown(call({ uniform: () => after[i++] }), RangeError, 'the bonus draw returns 1');
    const rejected = [0.9, Number.NaN];
    let j = 0;
    thrown(call({ uniform: () => rejected[j++] }), RangeError, 'the corrected draw returns NaN');
  });

  test('K ≥ 1, K draft rows and K + 1 target rows: K = 0, K or K + 2 target rows, K ± 1 draft rows → RangeError', () => {
    thrown(call({ draftTokens: [], draftProbs: [], targetProbs: [P[0]] }), RangeError, 'K = 0');
    thrown(call({ targetProbs: P.slice(0, 2) }), RangeError, 'K target rows');
    thrown(call({ targetProbs: [...P, P[0]] }), RangeError, 'K + 2 target rows');
    thrown(call({ draftProbs: [...Q, Q[0]] }), RangeError, 'K + 1 draft rows');
    thrown(call({ draftProbs: Q.slice(0, 1) }), RangeError, 'K − 1 draft rows');
  });

  test('every row has V = targetProbs[0].length entries, V ≥ 1: a shorter or longer target or draft row, or empty rows → RangeError', () => {
    thrown(call({ targetProbs: [P[0], P[1], [0.5, 0.5]] }), RangeError, 'target row of 2');
    thrown(call({ targetProbs: [P[0], [0.25, 0.25, 0.25, 0.25], P[2]] }), RangeError, 'target row of 4');
    thrown(call({ draftProbs: [Q[0], [0.25, 0.25, 0.25, 0.25]] }), RangeError, 'draft row of 4');
    thrown(call({ draftProbs: [[0.5, 0.5], Q[1]] }), RangeError, 'draft row of 2');
    thrown(call({ targetProbs: [[], [], []], draftProbs: [[], []] }), RangeError, 'V = 0');
  });

  test('probabilities must be finite and ≥ 0, each row summing to 1 within 1e-9: −0.25, NaN, Infinity, sums 1.5, 0.75, 1 + 2e-9 → RangeError', () => {
    thrown(call({ targetProbs: [[1.25, -0.25, 0], P[1], P[2]] }), RangeError, 'a negative target probability');
    thrown(call({ draftProbs: [[Number.NaN, 0.5, 0.5], Q[1]] }), RangeError, 'a NaN draft probability');
    thrown(call({ targetProbs: [P[0], [Number.POSITIVE_INFINITY, 0, 0], P[2]] }), RangeError, 'Infinity');
    thrown(call({ targetProbs: [P[0], P[1], [0.5, 0.5, 0.5]] }), RangeError, 'a target row summing to 1.5');
    thrown(call({ targetProbs: [P[0], [0.25, 0.25, 0.25], P[2]] }), RangeError, 'a target row summing to 0.75');
    thrown(call({ draftProbs: [Q[0], [0.25, 0.25, 0.25]] }), RangeError, 'a draft row summing to 0.75');
    thrown(call({ draftProbs: [[0.5 + 2e-9, 0.25, 0.25], Q[1]] }), RangeError, 'a draft row summing to 1 + 2e-9');
    thrown(call({ targetProbs: [P[0], P[1], [0.25, 0.5, 0.25 - 2e-9]] }), RangeError, 'a target row at 1 − 2e-9');
  });

  test('rows summing to 1 within 1e-9 are accepted as given: 1 + 5e-10 and 1 − 5e-10', () => {
    const target = [
      [0.125 + 5e-10, 0.5, 0.375],
      [0.5, 0.25, 0.25 - 5e-10],
      [0.25, 0.5, 0.25],
    ];
    const draft = [
      [0.5 - 5e-10, 0.25, 0.25],
      [0.25, 0.25, 0.5 + 5e-10],
    ];
    const { got } = run([0.1, 0.3, 0.6], target, draft, DRAFT);
    expect(got, 'sums off by 5e-10').toEqual({ tokens: [0, 2, 1], accepted: 2 });
  });

  test('a draft token must be an integer in [0, V) that its draft row gives probability > 0: 3, −1, 0.5 or q = 0 → RangeError', () => {
    thrown(call({ draftTokens: [0, 3] }), RangeError, 'draft token 3 = V');
    thrown(call({ draftTokens: [-1, 2] }), RangeError, 'draft token −1');
    thrown(call({ draftTokens: [0.5, 2] }), RangeError, 'draft token 0.5');
    thrown(call({ draftProbs: [Q[0], [0.5, 0.5, 0]] }), RangeError, 'q1(2) = 0 for draft token 2');
    thrown(call({ draftProbs: [[0, 0.5, 0.5], Q[1]] }), RangeError, 'q0(0) = 0 for draft token 0');
  });

  test('every argument is checked before uniform is first called', () => {
    let calls = 0;
    const counting = () => {
      calls++;
      return 0.1;
    };
    const bad: [Record<string, unknown>, ErrorConstructor][] = [
      [{ draftTokens: [0, 3] }, RangeError],
      [{ draftProbs: [Q[0], [0.5, 0.5, 0]] }, RangeError],
      [{ targetProbs: [P[0], P[1], [0.5, 0.5, 0.5]] }, RangeError],
      [{ targetProbs: [P[0], P[1], [0.5, '0.5', 0]] }, TypeError],
      [{ draftTokens: [0, '2'] }, TypeError],
      [{ draftProbs: [Q[0], [0.25, 0.25, 0.25, 0.25]] }, RangeError],
    ];
    for (const [patch, error] of bad) {
      expect(call({ ...patch, uniform: counting }), show(patch)).toThrow(error);
      expect(calls, `${show(patch)}: uniform calls before the error`).toBe(0);
    }
  });

  test.prop([badCall])('one bad argument anywhere throws the named error (every case of "Bad input")', (bad) => {
    const error = bad.error === 'TypeError' ? TypeError : RangeError;
    expect(() => callBad({ speculativeStep }, bad), `${bad.what}: ${show(bad.input)}`).toThrow(error);
  });
});

/** The prompt's budget: at most 8·(2K + 1)·V + 32·K + 64 steps of work. */
function budget(k: number, v: number): { steps: number; rule: string } {
  return { steps: 8 * (2 * k + 1) * v + 32 * k + 64, rule: `8·(2K + 1)·V + 32·K + 64 for K = ${k}, V = ${v}` };
}

describe('speculative-decoding: complexity (at most 8·(2K + 1)·V + 32·K + 64 steps)', () => {
  const V = 4000;
  /** A row of V probabilities in 1/(2V) steps: 1.5 on the even ids, 0.5 on the odd ones, over V. */
  const wavy = (shift: number) => Array.from({ length: V }, (_, j) => ((j + shift) % 2 === 0 ? 1.5 : 0.5) / V);

  test('a rejection at the last of K = 8 positions over V = 4000 (residual and draw over the whole vocabulary), within budget', () => {
    const k = 8;
    const target = Array.from({ length: k + 1 }, (_, i) => wavy(i === k - 1 ? 1 : 0));
    const draft = Array.from({ length: k }, () => wavy(0));
    const tokens = Array.from({ length: k }, (_, i) => (i === k - 1 ? 0 : 2 * i));
    const s = sequence([...new Array(k - 1).fill(0.5), 0.5, 0.77777]);
    const got = expectWithinBudget(
      () =>
        counted.speculativeStep({ targetProbs: target, draftProbs: draft, draftTokens: tokens, uniform: s.uniform }),
      budget(k, V),
    );
    // Position k − 1: token 0 has p = 0.5/V, q = 1.5/V: ratio 1/3, u = 0.5 rejects; the residual is
    // uniform over the 2000 odd ids, so u = 0.77777 picks odd id number 1556, which is 3111.
    const last = inverseCdfOracle(residualOracle(target[k - 1] as number[], draft[k - 1] as number[]), 0.77777);
    expect(last, 'oracle').toBe(3111);
    expect(got, 'rejected at position 7').toEqual({ tokens: [...tokens.slice(0, k - 1), last], accepted: k - 1 });
  });

  test('all K = 8 accepted over V = 4000 and a bonus drawn near the end of the vocabulary, within budget', () => {
    const k = 8;
    const target = Array.from({ length: k + 1 }, () => wavy(0));
    const draft = Array.from({ length: k }, () => wavy(0));
    const tokens = Array.from({ length: k }, (_, i) => 2 * i + 1);
    const s = sequence([...new Array(k).fill(0.9), 0.9999]);
    const got = expectWithinBudget(
      () =>
        counted.speculativeStep({ targetProbs: target, draftProbs: draft, draftTokens: tokens, uniform: s.uniform }),
      budget(k, V),
    );
    expect(got, 'all accepted').toEqual({ tokens: [...tokens, inverseCdfOracle(wavy(0), 0.9999)], accepted: k });
  });
});

/** Empirical distribution of results over `n` steps, draft tokens sampled from the draft rows. */
function empirical(target: number[][], draft: number[][], n: number, draftSeed: number, stepSeed: number) {
  const pickDraft = seededUniform(draftSeed);
  const uniform = seededUniform(stepSeed);
  const counts = new Map<string, number>();
  for (let t = 0; t < n; t++) {
    const draftTokens = draft.map((row) => inverseCdfOracle(row, pickDraft()));
    const { tokens } = speculativeStep({ targetProbs: target, draftProbs: draft, draftTokens, uniform });
    const key = tokens.join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].map(([key, c]) => [key, c / n]));
}

/** The distribution of the first token of the results. */
function firstOf(results: ReadonlyMap<string, number>): Map<string, number> {
  const first = new Map<string, number>();
  for (const [key, w] of results) {
    const y = key.split(',')[0] as string;
    first.set(y, (first.get(y) ?? 0) + w);
  }
  return first;
}

const rowMap = (row: readonly number[]) => new Map(row.map((v, y) => [`${y}`, v]));

describe('speculative-decoding: the output distribution (exact enumeration and a seeded Monte Carlo)', () => {
  test('exact over a uniform grid: with x_0 drawn from q_0 and u on the 48 midpoints (j + ½)/48, the first token is distributed exactly as p_0 = [0.125, 0.5, 0.375]', () => {
    // K = 1 on the README rows: every threshold (ratios 0.25, 1.5, 2; residual 2/3; p_1 sums 0.5, 0.75)
    // is a multiple of 1/48, so the midpoint grid integrates the two uniforms exactly.
    const grid = Array.from({ length: 48 }, (_, j) => (j + 0.5) / 48);
    const target = [P[0] as number[], P[1] as number[]];
    const draft = [Q[0] as number[]];
    const first = [0, 0, 0];
    (Q[0] as number[]).forEach((qx, x) => {
      for (const u1 of grid) {
        for (const u2 of grid) {
          const s = sequence([u1, u2]);
          const { tokens } = speculativeStep({
            targetProbs: target,
            draftProbs: draft,
            draftTokens: [x],
            uniform: s.uniform,
          });
          const y = tokens[0] as number;
          first[y] = (first[y] as number) + qx / 48 / 48;
        }
      }
    });
    const exact = firstTokenMarginal(outcomeDistribution(target, draft), 3);
    (P[0] as number[]).forEach((py, y) => {
      expect(exact[y], `oracle: P(first = ${y})`).toBeCloseTo(py, 12);
      expect(first[y], `P(first token = ${y}) over the grid, expected p_0(${y}) = ${py}`).toBeCloseTo(py, 12);
    });
    expect(
      [...outcomeDistribution(P, Q).values()].reduce((a, w) => a + w, 0),
      'oracle total',
    ).toBeCloseTo(1, 12);
    expect(acceptanceRate(P[0] as number[], Q[0] as number[]), 'oracle: Σ min(p0, q0)').toBeCloseTo(0.625, 12);
  });

  test('Monte Carlo: 20000 seeded steps of the README rows (draft seed 1, step seed 2) are within total variation 0.02 of the exact result distribution, first token within 0.01 of p0', () => {
    const n = 20_000;
    const got = empirical(P, Q, n, 1, 2);
    const exact = outcomeDistribution(P, Q);
    const tv = totalVariation(got, exact);
    expect(tv, `TV(empirical, exact) over ${n} steps = ${tv.toFixed(4)}; results ${show([...got])}`).toBeLessThan(0.02);
    const tv0 = totalVariation(firstOf(got), rowMap(P[0] as number[]));
    expect(tv0, `TV(first token, p0) = ${tv0.toFixed(4)}`).toBeLessThan(0.01);
  });

  test('Monte Carlo: a target far from the draft (V = 4, K = 3, seeds 3 and 4), 20000 steps: first token within TV 0.01 of p0, results within TV 0.04', () => {
    const target = [
      [0.0625, 0.5, 0.125, 0.3125],
      [0.5, 0.0625, 0.1875, 0.25],
      [0.25, 0.25, 0, 0.5],
      [0.125, 0.125, 0.625, 0.125],
    ];
    const draft = [
      [0.4375, 0.125, 0.25, 0.1875],
      [0.125, 0.5, 0.3125, 0.0625],
      [0.25, 0.125, 0.5, 0.125],
    ];
    const n = 20_000;
    const exact = outcomeDistribution(target, draft);
    const marginal = firstTokenMarginal(exact, 4);
    marginal.forEach((m, y) => {
      expect(m, `exact P(first = ${y})`).toBeCloseTo(target[0]?.[y] as number, 12);
    });
    const got = empirical(target, draft, n, 3, 4);
    const tv = totalVariation(got, exact);
    expect(tv, `TV over ${n} steps = ${tv.toFixed(4)}`).toBeLessThan(0.04);
    const tv0 = totalVariation(firstOf(got), rowMap(target[0] as number[]));
    expect(tv0, `TV(first token, p0) = ${tv0.toFixed(4)}`).toBeLessThan(0.01);
  });
});

describe('speculative-decoding: properties (against the literal oracle)', () => {
  test.prop([stepCase])(
    'matches the literal rules: same tokens, same accepted count, same number of uniform calls',
    (c) => {
      const mine = uniformOf(c);
      const got = speculativeStep(inputOf(c, mine.uniform));
      const theirs = uniformOf(c);
      const want = literalStep(c.targetProbs, c.draftProbs, c.draftTokens, theirs.uniform);
      const what = `case ${show(c)}`;
      expect(got, what).toEqual({ tokens: want.tokens, accepted: want.accepted });
      expect(mine.calls(), `${what}: uniform calls`).toBe(want.draws);
    },
  );

  test.prop([stepCase])(
    'structure: accepted ≤ K, tokens = the first `accepted` draft tokens + one more; accepted + 2 uniform calls after a rejection, K + 1 when all are accepted',
    (c) => {
      const source = uniformOf(c);
      const got = speculativeStep(inputOf(c, source.uniform));
      const k = c.draftTokens.length;
      const what = `case ${show(c)}: ${show(got)}`;
      expect(got.accepted, what).toBeGreaterThanOrEqual(0);
      expect(got.accepted, what).toBeLessThanOrEqual(k);
      expect(got.tokens.length, what).toBe(got.accepted + 1);
      expect(got.tokens.slice(0, got.accepted), what).toEqual(c.draftTokens.slice(0, got.accepted));
      expect(source.calls(), `${what}: uniform calls`).toBe(got.accepted === k ? k + 1 : got.accepted + 2);
      const last = got.tokens[got.accepted] as number;
      const row =
        got.accepted === k
          ? c.targetProbs[k]
          : residualOracle(c.targetProbs[got.accepted] ?? [], c.draftProbs[got.accepted] ?? []);
      expect(row?.[last], `${what}: the last token has positive probability in its distribution`).toBeGreaterThan(0);
    },
  );

  test.prop([sameModelCase])('draft = target: all K draft tokens are accepted and a bonus token is drawn', (c) => {
    const source = uniformOf(c);
    const got = speculativeStep(inputOf(c, source.uniform));
    const k = c.draftTokens.length;
    expect(got.accepted, `case ${show(c)}`).toBe(k);
    expect(got.tokens.slice(0, k), `case ${show(c)}`).toEqual(c.draftTokens);
    expect(source.calls(), 'uniform calls').toBe(k + 1);
  });
});
