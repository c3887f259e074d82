import { describe, expect } from 'vitest';
import { applyTemperature, repetitionPenalty, sampleToken, topKFilter, topPFilter } from '@impl/sampling';
import * as counted from '@impl-counted/sampling';
import { badCall, callBad, penaltyCase, sampleCase, temperatureCase, topKCase, topPCase } from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { seededUniform } from '../../src/harness/random.ts';
import {
  inverseCdfOracle,
  penaltyOracle,
  sampleDistributionOracle,
  softmaxOracle,
  temperatureOracle,
  topKOracle,
  topPOracle,
} from './oracle.ts';
import { test } from '../../src/harness/prop.ts';

const NEG = Number.NEGATIVE_INFINITY;
const show = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? `${x}` : x));

/** Same length, −∞ exactly where expected, other entries within 1e-9. */
function expectLogits(actual: number[], expected: readonly number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i] as number;
    if (e === NEG) expect(a, `${what}: entry ${i} should be -Infinity, got ${show(actual)}`).toBe(NEG);
    else expect(a, `${what}: entry ${i} of ${show(actual)}, expected ${show(expected)}`).toBeCloseTo(e, 9);
  });
}

/** An rng that always returns u, counting its calls. */
function fixed(u: number): { rng: () => number; calls: () => number } {
  let n = 0;
  return {
    rng: () => {
      n++;
      return u;
    },
    calls: () => n,
  };
}

const kept = (xs: readonly number[]): number[] => xs.flatMap((v, i) => (v === NEG ? [] : [i]));

describe('sampling: worked examples', () => {
  test('temperature 0.5 on [1,2,3,4] divides: [2,4,6,8]', () => {
    expectLogits(temperatureOracle([1, 2, 3, 4], 0.5), [2, 4, 6, 8], 'oracle');
    expectLogits(applyTemperature([1, 2, 3, 4], 0.5), [2, 4, 6, 8], 'applyTemperature([1,2,3,4], 0.5)');
    expectLogits(applyTemperature([-1, 0, 3], 2), [-0.5, 0, 1.5], 'applyTemperature([-1,0,3], 2)');
  });

  test('top-k 2 on [1,2,3,4] → [-∞,-∞,3,4]; on [1,3,3,3] ties with the k-th value are kept (all three 3s)', () => {
    expectLogits(topKOracle([1, 2, 3, 4], 2), [NEG, NEG, 3, 4], 'oracle');
    expectLogits(topKOracle([1, 3, 3, 3], 2), [NEG, 3, 3, 3], 'oracle ties');
    expectLogits(topKFilter([1, 2, 3, 4], 2), [NEG, NEG, 3, 4], 'topKFilter([1,2,3,4], 2)');
    expectLogits(topKFilter([1, 3, 3, 3], 2), [NEG, 3, 3, 3], 'topKFilter([1,3,3,3], 2)');
    expectLogits(topKFilter([4, 1, 3, 2], 1), [4, NEG, NEG, NEG], 'topKFilter([4,1,3,2], 1)');
  });

  test('top-k with k ≥ vocabulary size keeps everything', () => {
    expectLogits(topKFilter([1, 2, 3], 3), [1, 2, 3], 'topKFilter([1,2,3], 3)');
    expectLogits(topKFilter([1, 2, 3], 10), [1, 2, 3], 'topKFilter([1,2,3], 10)');
  });

  test('HF vector: probs [.15,.3,.3,.25], top-p 0.8 keeps the crossing token → [0,.3,.3,.25]', () => {
    const logits = [0.15, 0.3, 0.3, 0.25].map(Math.log);
    const expected = [0, 0.3, 0.3, 0.25];
    const viaOracle = topPOracle(logits, 0.8).map(Math.exp);
    const got = topPFilter(logits, 0.8).map(Math.exp);
    expected.forEach((e, i) => {
      expect(viaOracle[i], `oracle entry ${i}`).toBeCloseTo(e, 9);
      expect(got[i], `exp(topPFilter(log [.15,.3,.3,.25], 0.8))[${i}] of ${show(got)}`).toBeCloseTo(e, 9);
    });
  });

  test('[1,2,3,4] (probs .032059 .087144 .236883 .643914): top-p .5 → {3}, .7 → {2,3}, .9 → {1,2,3}, .99 → all', () => {
    const probs = softmaxOracle([1, 2, 3, 4]);
    [0.032059, 0.087144, 0.236883, 0.643914].forEach((q, i) => {
      expect(probs[i], `oracle softmax[${i}]`).toBeCloseTo(q, 6);
    });
    const cases: [number, number[]][] = [
      [0.5, [3]],
      [0.7, [2, 3]],
      [0.9, [1, 2, 3]],
      [0.99, [0, 1, 2, 3]],
    ];
    for (const [p, ids] of cases) {
      expect(kept(topPOracle([1, 2, 3, 4], p)), `oracle p=${p}`).toEqual(ids);
      const out = topPFilter([1, 2, 3, 4], p);
      expect(kept(out), `topPFilter([1,2,3,4], ${p}) = ${show(out)}`).toEqual(ids);
      for (const i of ids) expect(out[i], `kept logit ${i} unchanged`).toBe(i + 1);
    }
  });

  test('top-p ties: the lower index counts as more probable ([0,0,0] p=.5 → ids 0,1; [1,0,1] p=.4 → id 0)', () => {
    expectLogits(topPOracle([0, 0, 0], 0.5), [0, 0, NEG], 'oracle');
    expectLogits(topPFilter([0, 0, 0], 0.5), [0, 0, NEG], 'topPFilter([0,0,0], 0.5)');
    expectLogits(topPOracle([1, 0, 1], 0.4), [1, NEG, NEG], 'oracle');
    expectLogits(topPFilter([1, 0, 1], 0.4), [1, NEG, NEG], 'topPFilter([1,0,1], 0.4)');
  });

  test('top-p stops once the mass reaches p exactly: [0,0,0,0] p=.5 → ids 0,1 (mass .25 + .25 = .5); [0,0] p=.5 → id 0', () => {
    expectLogits(topPOracle([0, 0, 0, 0], 0.5), [0, 0, NEG, NEG], 'oracle');
    expectLogits(topPFilter([0, 0, 0, 0], 0.5), [0, 0, NEG, NEG], 'topPFilter([0,0,0,0], 0.5)');
    expectLogits(topPFilter([0, 0], 0.5), [0, NEG], 'topPFilter([0,0], 0.5)');
  });

  test('top-p ties over a longer run: [0,0,0,0,0] p=.5 → ids 0,1,2; [1,0,1,0,1,0,1,0,1] p=.5 → ids 0,2,4,6', () => {
    expectLogits(topPOracle([0, 0, 0, 0, 0], 0.5), [0, 0, 0, NEG, NEG], 'oracle');
    expectLogits(topPFilter([0, 0, 0, 0, 0], 0.5), [0, 0, 0, NEG, NEG], 'topPFilter([0,0,0,0,0], 0.5)');
    const mixed = [1, 0, 1, 0, 1, 0, 1, 0, 1];
    const want = topPOracle(mixed, 0.5);
    expect(kept(want), 'oracle').toEqual([0, 2, 4, 6]);
    expectLogits(topPFilter(mixed, 0.5), want, `topPFilter(${show(mixed)}, 0.5)`);
  });

  test('softmax must be stable for large logits: [1000, 999, -1000] samples and filters without NaN', () => {
    expect(kept(topPFilter([1000, 999, -1000], 0.5)), 'topPFilter([1000,999,-1000], 0.5)').toEqual([0]);
    expect(sampleToken([1000, 999, -1000], fixed(0.5).rng), 'u=.5 (p0 = .731)').toBe(0);
    expect(sampleToken([1000, 999, -1000], fixed(0.8).rng), 'u=.8').toBe(1);
  });

  test('top-p keeps at least minKeep tokens: [1,2,3,4], p=.5, minKeep 3 → ids 1,2,3; p=1 keeps all', () => {
    expect(kept(topPFilter([1, 2, 3, 4], 0.5, 3)), 'topPFilter([1,2,3,4], 0.5, 3)').toEqual([1, 2, 3]);
    expect(kept(topPFilter([1, 2, 3, 4], 0.5, 1)), 'topPFilter([1,2,3,4], 0.5, 1)').toEqual([3]);
    expect(kept(topPFilter([1, 2, 3, 4], 1)), 'topPFilter([1,2,3,4], 1)').toEqual([0, 1, 2, 3]);
  });

  test('HF vector: penalty 2, uniform 0.1 logits: ids [0,1] turn −0.1 → −0.2 and 0.1 → 0.05; ids [5,0]: 0.4 → 0.2', () => {
    const row0 = Array.from({ length: 10 }, (_, i) => (i === 0 ? -0.1 : 0.1));
    const row1 = Array.from({ length: 10 }, (_, i) => (i === 5 ? 0.4 : 0.1));
    const want0 = row0.map((v, i) => (i === 0 ? -0.2 : i === 1 ? 0.05 : v));
    const want1 = row1.map((v, i) => (i === 5 ? 0.2 : i === 0 ? 0.05 : v));
    expectLogits(penaltyOracle(row0, [0, 1], 2), want0, 'oracle row 0');
    expectLogits(penaltyOracle(row1, [5, 0], 2), want1, 'oracle row 1');
    expectLogits(repetitionPenalty(row0, [0, 1], 2), want0, 'repetitionPenalty(row 0, [0,1], 2)');
    expectLogits(repetitionPenalty(row1, [5, 0], 2), want1, 'repetitionPenalty(row 1, [5,0], 2)');
  });

  test('penalty 1.2, previous [0,2,2], logits [−1,2,0.5,3] → [−1.2,2,0.416667,3]: once per distinct id, negatives multiplied', () => {
    const want = [-1.2, 2, 0.5 / 1.2, 3];
    expect(want[2], 'vector').toBeCloseTo(0.416667, 6);
    expectLogits(penaltyOracle([-1, 2, 0.5, 3], [0, 2, 2], 1.2), want, 'oracle');
    expectLogits(repetitionPenalty([-1, 2, 0.5, 3], [0, 2, 2], 1.2), want, 'repetitionPenalty');
    expectLogits(repetitionPenalty([0, 1], [0, 1], 3), [0, 1 / 3], 'a zero logit stays 0');
    expectLogits(repetitionPenalty([1, 2], [], 5), [1, 2], 'no previous tokens: unchanged');
  });

  test('after top-p .7 on [1,2,3,4] probs are [0,0,.268941,.731059]: u=.25 → 2, u=.3 → 3 (inverse CDF in index order)', () => {
    const dist = sampleDistributionOracle([1, 2, 3, 4], { topP: 0.7 });
    [0, 0, 0.268941, 0.731059].forEach((q, i) => {
      expect(dist[i], `oracle dist[${i}]`).toBeCloseTo(q, 6);
    });
    expect(inverseCdfOracle(dist, 0.25), 'oracle u=.25').toBe(2);
    expect(inverseCdfOracle(dist, 0.3), 'oracle u=.3').toBe(3);
    expect(sampleToken([1, 2, 3, 4], fixed(0.25).rng, { topP: 0.7 }), 'u=0.25').toBe(2);
    expect(sampleToken([1, 2, 3, 4], fixed(0.3).rng, { topP: 0.7 }), 'u=0.3').toBe(3);
    expect(sampleToken([1, 2, 3, 4], fixed(0).rng, { topP: 0.7 }), 'u=0 skips zero-probability tokens').toBe(2);
  });

  test('mulberry32(42) drives ten samples from [1,2,3,4] → [3,3,3,3,2,3,2,3,3,3], one draw per call', () => {
    const draws = seededUniform(42);
    [0.601103752, 0.448290559, 0.852465793, 0.669734041, 0.174813899].forEach((u, i) => {
      expect(draws(), `seededUniform(42) draw ${i}`).toBeCloseTo(u, 9);
    });
    const want = [3, 3, 3, 3, 2, 3, 2, 3, 3, 3];
    const oracleRng = seededUniform(42);
    const probs = softmaxOracle([1, 2, 3, 4]);
    expect(
      want.map(() => inverseCdfOracle(probs, oracleRng())),
      'oracle',
    ).toEqual(want);
    const rng = seededUniform(42);
    expect(
      want.map(() => sampleToken([1, 2, 3, 4], rng)),
      'sampleToken([1,2,3,4], mulberry32(42)) ×10',
    ).toEqual(want);
  });

  test('order is temperature → top-p: [1,2,3,4], t=.5, top-p .7 keeps only id 3 (u=.05 → 3, not 2)', () => {
    expect(kept(topPOracle(temperatureOracle([1, 2, 3, 4], 0.5), 0.7)), 'oracle').toEqual([3]);
    expect(sampleToken([1, 2, 3, 4], fixed(0.05).rng, { temperature: 0.5, topP: 0.7 })).toBe(3);
  });

  test('order is top-k → top-p: [1,2,3,4], top-k 2 then top-p .7 keeps only id 3 (u=.1 → 3)', () => {
    expect(kept(topPOracle(topKOracle([1, 2, 3, 4], 2), 0.7)), 'oracle').toEqual([3]);
    expect(sampleToken([1, 2, 3, 4], fixed(0.1).rng, { topK: 2, topP: 0.7 })).toBe(3);
  });

  test('the penalty comes first: logits [3, 2.9], previous [0], penalty 2, top-k 1 → always 1', () => {
    for (const u of [0, 0.5, 0.99]) {
      expect(sampleToken([3, 2.9], fixed(u).rng, { repetitionPenalty: 2, previous: [0], topK: 1 }), `u=${u}`).toBe(1);
    }
  });

  test('temperature changes the distribution: [0, 1], t=2, u=.3 → 0 (p0=.3775); t=1 → 1 (p0=.2689)', () => {
    expect(sampleToken([0, 1], fixed(0.3).rng, { temperature: 2 }), 't=2').toBe(0);
    expect(sampleToken([0, 1], fixed(0.3).rng, { temperature: 1 }), 't=1').toBe(1);
    expect(sampleToken([0, 1], fixed(0.3).rng), 'no options').toBe(1);
    expect(sampleToken([7], fixed(0.99).rng), 'one token').toBe(0);
    expect(sampleToken([0, 0], fixed(0.5).rng), '[0,0], u=.5 is not < .5: token 1').toBe(1);
    expect(sampleToken([0, 0, 0, 0], fixed(0.25).rng), '[0,0,0,0], u=.25 → 1').toBe(1);
    expect(sampleToken([0, 0, 0, 0], fixed(0.75).rng), '[0,0,0,0], u=.75 → 3').toBe(3);
  });
});

describe('sampling: edge cases', () => {
  test('−Infinity means "removed", not an error: every function accepts it and keeps it −∞ (the filters compose)', () => {
    const logits = [NEG, 1, 2, NEG, 0];
    expectLogits(applyTemperature(logits, 0.5), [NEG, 2, 4, NEG, 0], 'applyTemperature');
    expectLogits(topKFilter(logits, 2), [NEG, 1, 2, NEG, NEG], 'topKFilter(…, 2)');
    expectLogits(topKFilter(logits, 5), logits, 'topKFilter(…, 5): the −∞ entries stay −∞');
    expectLogits(topPFilter(logits, 0.5), [NEG, NEG, 2, NEG, NEG], 'topPFilter(…, 0.5)');
    expectLogits(repetitionPenalty(logits, [0, 1, 4], 2), [NEG, 0.5, 2, NEG, 0], 'repetitionPenalty(…, [0,1,4], 2)');
    expectLogits(topPFilter(topKFilter([1, 2, 3, 4], 3), 0.9), topPOracle([NEG, 2, 3, 4], 0.9), 'top-p after top-k');
    for (const u of [0, 0.5, 0.99]) {
      expect(sampleToken([NEG, 0, NEG, 0, NEG], fixed(u).rng), `u=${u}: never a removed token`).toBe(u < 0.5 ? 1 : 3);
    }
  });

  test('rounding: ten equal logits and u = 1 − 2⁻⁵³ (prefix sum 0.9999999999999999 ≤ u) → 9, the last token with probability > 0', () => {
    const u = 1 - 2 ** -53;
    expect(inverseCdfOracle(softmaxOracle(new Array(10).fill(0)), u), 'oracle').toBe(9);
    expect(sampleToken(new Array(10).fill(0), fixed(u).rng), 'ten equal logits').toBe(9);
    expect(sampleToken([...new Array(10).fill(0), NEG, NEG], fixed(u).rng), 'and two removed tokens after them').toBe(
      9,
    );
  });

  test('previous without repetitionPenalty is checked but not applied: [3, 2.9], previous [0] → u=.3 gives 0', () => {
    expect(sampleToken([3, 2.9], fixed(0.3).rng, { previous: [0] }), 'no penalty').toBe(0);
    expect(sampleToken([3, 2.9], fixed(0.3).rng, { previous: [0, 0, 1] }), 'no penalty, repeats').toBe(0);
  });

  test('k and minKeep may exceed the vocabulary; p = 1 keeps every token', () => {
    expectLogits(topKFilter([2, 1], 1000), [2, 1], 'topKFilter([2,1], 1000)');
    expectLogits(topPFilter([2, 1, 0], 0.1, 10), [2, 1, 0], 'topPFilter([2,1,0], 0.1, 10)');
    expectLogits(topPFilter([5, 0, -5], 1), [5, 0, -5], 'topPFilter([5,0,-5], 1)');
  });

  test('no function mutates its inputs', () => {
    const logits = [-1, 2, 0.5, 3, 3];
    const previous = [0, 2, 2];
    const copy = [...logits];
    const opts = { repetitionPenalty: 1.2, previous, topK: 3, topP: 0.9, temperature: 0.8 };
    expect(applyTemperature(logits, 0.5).length).toBe(5);
    expect(kept(topKFilter(logits, 2))).toEqual([3, 4]);
    expect(kept(topPFilter(logits, 0.3))).toEqual([3]);
    expect(repetitionPenalty(logits, previous, 1.2)[0]).toBeCloseTo(-1.2, 12);
    expect(sampleToken(logits, () => 0.5, opts)).toBeTypeOf('number');
    expect(logits, 'logits unchanged').toEqual(copy);
    expect(previous, 'previous unchanged').toEqual([0, 2, 2]);
    expect(opts, 'options unchanged').toEqual({
      repetitionPenalty: 1.2,
      previous: [0, 2, 2],
      topK: 3,
      topP: 0.9,
      temperature: 0.8,
    });
    const frozen = Object.freeze([1, 2, 3, 4]);
    expect(kept(topKFilter(frozen as number[], 2)), 'a frozen array is read, not written').toEqual([2, 3]);
    // An unsorted previous stays in its order; options without previous gain no key.
    const unsorted = [2, 0, 2];
    repetitionPenalty(logits, unsorted, 1.2);
    sampleToken(logits, () => 0.5, { repetitionPenalty: 1.2, previous: unsorted });
    expect(unsorted, 'an unsorted previous [2, 0, 2] is not sorted or deduplicated in place').toEqual([2, 0, 2]);
    const few = { temperature: 1 };
    sampleToken(logits, () => 0.5, few);
    expect(few, 'options { temperature: 1 } gain no previous or other key').toEqual({ temperature: 1 });
    expect(kept(topPFilter(frozen as number[], 0.5)), 'frozen, top-p').toEqual([3]);
  });
});

describe('sampling: bad input', () => {
  const thrown = (f: () => unknown, error: ErrorConstructor, what: string) => expect(f, what).toThrow(error);
  const loose = <T>(value: unknown) => value as T;

  test('applyTemperature: t = 0, −1, NaN, Infinity and empty logits throw RangeError; t = "2" TypeError', () => {
    for (const t of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      thrown(() => applyTemperature([1, 2], t), RangeError, `t = ${t}`);
    }
    thrown(() => applyTemperature([], 1), RangeError, 'empty');
    thrown(() => applyTemperature([1, 2], loose('2')), TypeError, "t = '2'");
  });

  test('topKFilter: k must be an integer ≥ 1: k = 0, −2, 1.5 (not floored), NaN, Infinity throw RangeError; "2" TypeError', () => {
    for (const k of [0, -2, 1.5, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      thrown(() => topKFilter([1, 2, 3], k), RangeError, `k = ${k}`);
    }
    thrown(() => topKFilter([], 1), RangeError, 'empty');
    thrown(() => topKFilter([1, 2], loose('2')), TypeError, "k = '2'");
  });

  test('topPFilter: p ∉ (0, 1], minKeep not an integer ≥ 1 (0, 1.5) and empty logits throw RangeError; p or minKeep "0.5" TypeError', () => {
    for (const p of [0, -0.1, 1.5, Number.NaN]) thrown(() => topPFilter([1, 2], p), RangeError, `p = ${p}`);
    for (const m of [0, 1.5, -1]) thrown(() => topPFilter([1, 2], 0.5, m), RangeError, `minKeep = ${m}`);
    thrown(() => topPFilter([], 0.5), RangeError, 'empty');
    thrown(() => topPFilter([1, 2], loose('0.5')), TypeError, "p = '0.5'");
    thrown(() => topPFilter([1, 2], 0.5, loose('1')), TypeError, "minKeep = '1'");
  });

  test('repetitionPenalty: penalty ≤ 0, NaN or Infinity and ids −1, n, 0.5 throw RangeError; id "0" or previous not an array TypeError', () => {
    for (const pen of [0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      thrown(() => repetitionPenalty([1, 2], [0], pen), RangeError, `penalty ${pen}`);
    }
    for (const id of [2, -1, 0.5]) thrown(() => repetitionPenalty([1, 2], [0, id], 1.5), RangeError, `id ${id} of 2`);
    thrown(() => repetitionPenalty([], [], 1.5), RangeError, 'empty');
    thrown(() => repetitionPenalty([1, 2], loose(['0']), 1.5), TypeError, "id '0'");
    thrown(() => repetitionPenalty([1, 2], loose(0), 1.5), TypeError, 'previous = 0');
    thrown(() => repetitionPenalty([1, 2], [0], loose('1.2')), TypeError, "penalty '1.2'");
  });

  test('bad logits throw in every function: NaN, +Infinity or every entry −Infinity → RangeError; "1", null or a string → TypeError', () => {
    const calls: [string, (logits: number[]) => unknown][] = [
      ['applyTemperature', (l) => applyTemperature(l, 0.7)],
      ['topKFilter', (l) => topKFilter(l, 2)],
      ['topPFilter', (l) => topPFilter(l, 0.9)],
      ['repetitionPenalty', (l) => repetitionPenalty(l, [0], 1.2)],
      ['sampleToken', (l) => sampleToken(l, () => 0.5)],
    ];
    for (const [name, call] of calls) {
      thrown(() => call([1, Number.NaN, 2]), RangeError, `${name}: a NaN logit`);
      thrown(() => call([Number.POSITIVE_INFINITY, 1]), RangeError, `${name}: a +Infinity logit`);
      thrown(() => call([NEG, NEG]), RangeError, `${name}: every logit −Infinity`);
      thrown(() => call(loose([1, '1'])), TypeError, `${name}: a logit '1'`);
      thrown(() => call(loose([null, 1])), TypeError, `${name}: a logit null`);
      thrown(() => call(loose('1,2')), TypeError, `${name}: logits '1,2'`);
      thrown(() => call(loose({})), TypeError, `${name}: logits {}`);
      thrown(() => call(loose(5)), TypeError, `${name}: logits 5`);
    }
  });

  test('sampleToken: rng() must return a number in [0, 1): NaN, 1, −0.5 → RangeError; "0.5" → TypeError; rng not a function → TypeError', () => {
    for (const u of [Number.NaN, 1, -0.5, 1.5]) {
      thrown(() => sampleToken([1, 2, 3], () => u), RangeError, `rng() = ${u}`);
      thrown(() => sampleToken([1, 2, 3], () => u, { topP: 0.9 }), RangeError, `rng() = ${u}, top-p 0.9`);
    }
    thrown(
      () =>
        sampleToken(
          [1, 2, 3],
          loose(() => '0.5'),
        ),
      TypeError,
      "rng() = '0.5'",
    );
    thrown(() => sampleToken([1, 2, 3], loose(0.5)), TypeError, 'rng = 0.5');
  });

  test("sampleToken: previous is checked even without repetitionPenalty: ids 2, −1, 0.5 → RangeError; 0 or ['1'] → TypeError", () => {
    thrown(() => sampleToken([1, 2], () => 0.5, { previous: [2] }), RangeError, 'previous [2], no penalty');
    thrown(() => sampleToken([1, 2], () => 0.5, { previous: [-1], topK: 1 }), RangeError, 'previous [−1], top-k 1');
    thrown(() => sampleToken([1, 2], () => 0.5, { previous: [0.5] }), RangeError, 'previous [0.5]');
    thrown(() => sampleToken([1, 2], () => 0.5, { previous: loose(0) }), TypeError, 'previous 0, no penalty');
    thrown(() => sampleToken([1, 2], () => 0.5, { previous: loose(['1']) }), TypeError, "previous ['1'], no penalty");
    thrown(
      () => sampleToken([1, 2], () => 0.5, { repetitionPenalty: 1.2, previous: [2] }),
      RangeError,
      'with a penalty',
    );
  });

  test('sampleToken: bad options throw RangeError (temperature 0, topK 0 or 1.5, topP 0, repetitionPenalty 0) and empty logits', () => {
    const rng = () => 0.5;
    thrown(() => sampleToken([], rng), RangeError, 'empty');
    thrown(() => sampleToken([1, 2], rng, { temperature: 0 }), RangeError, 'temperature 0');
    thrown(() => sampleToken([1, 2], rng, { topK: 0 }), RangeError, 'topK 0');
    thrown(() => sampleToken([1, 2], rng, { topK: 1.5 }), RangeError, 'topK 1.5');
    thrown(() => sampleToken([1, 2], rng, { topP: 0 }), RangeError, 'topP 0');
    thrown(() => sampleToken([1, 2], rng, { repetitionPenalty: 0 }), RangeError, 'penalty 0');
  });

  test.prop([badCall])('one bad argument anywhere throws the named error (every case of "Bad input")', (bad) => {
    const impl = { applyTemperature, topKFilter, topPFilter, repetitionPenalty, sampleToken };
    const error = bad.error === 'TypeError' ? TypeError : RangeError;
    expect(() => callBad(impl, bad), `${bad.what}: ${show(bad.args)}`).toThrow(error);
  });
});

/** The prompt's budget: at most 16·n·log2(n) + 8·m steps of work per call (m = previous.length). */
function withinBudget<T>(call: () => T, n: number, m = 0): T {
  const steps = Math.ceil(16 * n * Math.log2(n) + 8 * m);
  return expectWithinBudget(call, { steps, rule: `16·n·log2(n) + 8·m for n = ${n}, m = ${m}` });
}

describe('sampling: complexity and scale (at most 16·n·log2(n) + 8·m steps)', () => {
  const n = 20_000;
  // A permutation of 0..n-1 scaled to [0, 8): distinct logits, so the top k are exactly values ≥ n − k.
  const perm = Array.from({ length: n }, (_, i) => (i * 7919) % n);
  const logits = perm.map((v) => (v / n) * 8);

  test('applyTemperature on n = 2·10^4 logits, within budget', () => {
    const out = withinBudget(() => counted.applyTemperature(logits, 0.5), n);
    expect(out[1], 'logit 1 / 0.5').toBe((logits[1] as number) * 2);
  });

  test('top-k 50 of n = 2·10^4 keeps exactly the 50 largest, within budget', () => {
    const ids = kept(withinBudget(() => counted.topKFilter(logits, 50), n));
    expect(ids.length, 'kept count').toBe(50);
    expect(
      ids.filter((i) => (perm[i] as number) < n - 50),
      'kept ids that are not among the 50 largest',
    ).toEqual([]);
  });

  test('top-k 10 000 of n = 2·10^4 (k = n/2: O(n·k) is O(n²)), within budget', () => {
    const ids = kept(withinBudget(() => counted.topKFilter(logits, n / 2), n));
    expect(ids.length, 'kept count').toBe(n / 2);
    expect(
      ids.filter((i) => (perm[i] as number) < n / 2),
      'kept ids outside the upper half',
    ).toEqual([]);
  });

  test('top-p 0.9 of n = 2·10^4 matches the float64 oracle, within budget', () => {
    const out = withinBudget(() => counted.topPFilter(logits, 0.9), n);
    const want = kept(topPOracle(logits, 0.9));
    expect(want.length, 'the nucleus is large (a selection loop is quadratic)').toBeGreaterThan(n / 4);
    expect(kept(out), 'kept ids').toEqual(want);
  });

  test('repetitionPenalty with m = 5000 previous ids over n = 2·10^4 (O(n·m) is over budget), within budget', () => {
    const previous = Array.from({ length: 5000 }, (_, j) => (j * 13) % n);
    const seen = new Set(previous);
    const out = withinBudget(() => counted.repetitionPenalty(logits, previous, 1.3), n, previous.length);
    const wrong = out.flatMap((v, i) => (v === (seen.has(i) ? (logits[i] as number) / 1.3 : logits[i]) ? [] : [i]));
    expect(out.length, 'length').toBe(n);
    expect(wrong.slice(0, 5), 'ids whose penalised logit is wrong (v / 1.3 for a seen id, else v)').toEqual([]);
  });

  test('sampleToken on n = 2·10^4 with every option (top-k n/2, m = 200) draws once, within budget', () => {
    const r = fixed(0.5);
    const previous = Array.from({ length: 200 }, (_, j) => (j * 97) % n);
    const opts = { temperature: 0.7, topK: n / 2, topP: 0.95, repetitionPenalty: 1.3, previous };
    const token = withinBudget(() => counted.sampleToken(logits, r.rng, opts), n, previous.length);
    expect(r.calls(), 'rng calls').toBe(1);
    expect(token, 'token').toBe(inverseCdfOracle(sampleDistributionOracleFast(logits, opts), 0.5));
  });

  test('n = 2·10^5 logits, the stated maximum: every function handles it within budget (a spread into Math.max overflows the stack there)', () => {
    const size = 200_000;
    const order = Array.from({ length: size }, (_, i) => (i * 7919) % size); // a permutation of 0..n−1
    const big = order.map((v) => (v / size) * 8);
    const top3 = order.flatMap((v, i) => (v >= size - 3 ? [i] : []));
    // Through the counted module: a quadratic solution is stopped by the budget, not left to run for hours.
    expect(withinBudget(() => counted.applyTemperature(big, 0.5), size).length, 'applyTemperature').toBe(size);
    expect(kept(withinBudget(() => counted.topKFilter(big, 3), size)), 'topKFilter k 3: the three largest').toEqual(
      top3,
    );
    expect(kept(withinBudget(() => counted.topPFilter(big, 1e-9), size)).length, 'topPFilter keeps the largest').toBe(
      1,
    );
    expect(withinBudget(() => counted.repetitionPenalty(big, [0, 1], 1.2), size, 2).length, 'repetitionPenalty').toBe(
      size,
    );
    expect(
      withinBudget(() => counted.sampleToken(big, () => 0.25), size),
      'sampleToken',
    ).toBe(inverseCdfOracle(softmaxOracle(big), 0.25));
  });

  test('sampleToken on n = 2·10^4 with no options (softmax and the draw alone), within budget', () => {
    const token = withinBudget(() => counted.sampleToken(logits, fixed(0.25).rng), n);
    expect(token, 'token').toBe(inverseCdfOracle(softmaxOracle(logits), 0.25));
  });
});

/** The oracle distribution without the O(n²) top-k oracle (distinct logits: k-th largest by sorting). */
function sampleDistributionOracleFast(
  logits: readonly number[],
  opts: { temperature: number; topK: number; topP: number; repetitionPenalty: number; previous: number[] },
): number[] {
  let s = penaltyOracle(logits, opts.previous, opts.repetitionPenalty);
  s = temperatureOracle(s, opts.temperature);
  const kth = [...s].sort((a, b) => b - a)[opts.topK - 1] as number;
  s = s.map((v) => (v < kth ? NEG : v));
  return softmaxOracle(topPOracle(s, opts.topP));
}

describe('sampling: properties', () => {
  test.prop([temperatureCase])('applyTemperature divides every logit by t (t = 1 is the identity)', ({ logits, t }) => {
    expectLogits(applyTemperature(logits, t), temperatureOracle(logits, t), `applyTemperature(${show(logits)}, ${t})`);
    expectLogits(applyTemperature(logits, 1), logits, 't = 1');
  });

  test.prop([topKCase])(
    'top-k keeps every logit with fewer than k strictly larger ones, sets the rest to −∞',
    ({ logits, k }) => {
      const out = topKFilter(logits, k);
      const what = `topKFilter(${show(logits)}, ${k}) = ${show(out)}`;
      expect(out, what).toEqual(topKOracle(logits, k));
      expect(kept(out).length, `${what}: keeps ≥ min(k, n)`).toBeGreaterThanOrEqual(Math.min(k, logits.length));
      expect(out[logits.indexOf(Math.max(...logits))], `${what}: keeps the argmax`).toBe(Math.max(...logits));
    },
  );

  test.prop([topPCase])(
    'top-p keeps the shortest most-probable prefix with mass ≥ p (and ≥ minKeep tokens)',
    ({ logits, p, minKeep }) => {
      const out = topPFilter(logits, p, minKeep);
      const what = `topPFilter(${show(logits)}, ${p}, ${minKeep}) = ${show(out)}`;
      expect(out, what).toEqual(topPOracle(logits, p, minKeep));
      const probs = softmaxOracle(logits);
      const mass = kept(out).reduce((s, i) => s + (probs[i] as number), 0);
      expect(mass, `${what}: kept mass ≥ p`).toBeGreaterThanOrEqual(p);
      expect(kept(out).length, `${what}: ≥ minKeep`).toBeGreaterThanOrEqual(Math.min(minKeep, logits.length));
      out.forEach((v, i) => {
        if (v !== NEG) expect(v, `${what}: kept entries unchanged`).toBe(logits[i]);
      });
    },
  );

  test.prop([penaltyCase])(
    'repetition penalty: each distinct previous id once, v<0 → v·penalty, else v/penalty',
    ({ logits, previous, penalty }) => {
      const out = repetitionPenalty(logits, previous, penalty);
      const what = `repetitionPenalty(${show(logits)}, ${show(previous)}, ${penalty}) = ${show(out)}`;
      expectLogits(out, penaltyOracle(logits, previous, penalty), what);
      expectLogits(repetitionPenalty(logits, previous, 1), logits, `${what}: penalty 1 is the identity`);
      expectLogits(
        repetitionPenalty(logits, [...previous, ...previous].reverse(), penalty),
        out,
        `${what}: repeats and order do not matter`,
      );
    },
  );

  test.prop([sampleCase])(
    'sampleToken draws once and returns the first i with u < Σ_{j≤i} p_j (oracle distribution)',
    ({ logits, opts, seed }) => {
      const u = seededUniform(seed)();
      const r = fixed(u);
      const token = sampleToken([...logits], r.rng, structuredClone(opts));
      const dist = sampleDistributionOracle(logits, opts);
      const what = `sampleToken(${show(logits)}, u=${u}, ${show(opts)})`;
      expect(r.calls(), `${what}: rng calls`).toBe(1);
      expect(token, what).toBe(inverseCdfOracle(dist, u));
      const again = seededUniform(seed);
      const twice = [0, 1, 2].map(() => sampleToken(logits, again, opts));
      const replay = seededUniform(seed);
      expect(
        [0, 1, 2].map(() => sampleToken(logits, replay, opts)),
        `${what}: same seed → same tokens`,
      ).toEqual(twice);
    },
  );

  test('frequencies over 4000 draws (seed 2024) lie within 4σ of the oracle probabilities', () => {
    const logits = [0.5, -1, 2, 1, 0, 1.5];
    const opts = { temperature: 1.5, topK: 5, topP: 0.9, repetitionPenalty: 1.3, previous: [2, 2, 1] };
    const dist = sampleDistributionOracle(logits, opts);
    const rng = seededUniform(2024);
    const counts = new Array<number>(logits.length).fill(0);
    const draws = 4000;
    for (let i = 0; i < draws; i++) {
      const t = sampleToken(logits, rng, opts);
      counts[t] = (counts[t] as number) + 1;
    }
    dist.forEach((q, i) => {
      const sigma = Math.sqrt(draws * q * (1 - q));
      const what = `token ${i}: ${counts[i]} draws, expected ${(draws * q).toFixed(1)} ± 4·${sigma.toFixed(1)}`;
      if (q === 0) expect(counts[i], what).toBe(0);
      else expect(Math.abs((counts[i] as number) - draws * q), what).toBeLessThanOrEqual(4 * sigma);
    });
  });
});
