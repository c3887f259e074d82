import { describe, expect } from 'vitest';
import { applyTemperature, repetitionPenalty, sampleToken, topKFilter, topPFilter } from '@impl/sampling';
import { logitsArb, penaltyCase, sampleCase, topKCase, topPCase } from './inputs.ts';
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
import { fc, test } from '../../src/harness/prop.ts';

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

describe('sampling: bad input', () => {
  test('applyTemperature throws RangeError for t ≤ 0 and for empty logits', () => {
    expect(() => applyTemperature([1, 2], 0), 't=0').toThrow(RangeError);
    expect(() => applyTemperature([1, 2], -1), 't=-1').toThrow(RangeError);
    expect(() => applyTemperature([], 1), 'empty').toThrow(RangeError);
  });

  test('topKFilter throws RangeError for k < 1 and for empty logits', () => {
    expect(() => topKFilter([1, 2], 0), 'k=0').toThrow(RangeError);
    expect(() => topKFilter([1, 2], -2), 'k=-2').toThrow(RangeError);
    expect(() => topKFilter([], 1), 'empty').toThrow(RangeError);
  });

  test('topPFilter throws RangeError for p ∉ (0,1], minKeep < 1 and empty logits', () => {
    expect(() => topPFilter([1, 2], 0), 'p=0').toThrow(RangeError);
    expect(() => topPFilter([1, 2], -0.1), 'p=-0.1').toThrow(RangeError);
    expect(() => topPFilter([1, 2], 1.5), 'p=1.5').toThrow(RangeError);
    expect(() => topPFilter([1, 2], 0.5, 0), 'minKeep=0').toThrow(RangeError);
    expect(() => topPFilter([], 0.5), 'empty').toThrow(RangeError);
  });

  test('repetitionPenalty throws RangeError for penalty ≤ 0, an id out of range, empty logits', () => {
    expect(() => repetitionPenalty([1, 2], [0], 0), 'penalty 0').toThrow(RangeError);
    expect(() => repetitionPenalty([1, 2], [0], -2), 'penalty -2').toThrow(RangeError);
    expect(() => repetitionPenalty([1, 2], [2], 1.5), 'id 2 of 2').toThrow(RangeError);
    expect(() => repetitionPenalty([1, 2], [-1], 1.5), 'id -1').toThrow(RangeError);
    expect(() => repetitionPenalty([], [], 1.5), 'empty').toThrow(RangeError);
  });

  test('sampleToken throws RangeError for empty logits and for bad options', () => {
    const rng = () => 0.5;
    expect(() => sampleToken([], rng), 'empty').toThrow(RangeError);
    expect(() => sampleToken([1, 2], rng, { temperature: 0 }), 'temperature 0').toThrow(RangeError);
    expect(() => sampleToken([1, 2], rng, { topK: 0 }), 'topK 0').toThrow(RangeError);
    expect(() => sampleToken([1, 2], rng, { topP: 0 }), 'topP 0').toThrow(RangeError);
    expect(() => sampleToken([1, 2], rng, { repetitionPenalty: 0 }), 'penalty 0').toThrow(RangeError);
    expect(() => sampleToken([1, 2], rng, { repetitionPenalty: 1.2, previous: [2] }), 'id 2 of 2').toThrow(RangeError);
  });

  test('no function mutates its inputs', () => {
    const logits = [-1, 2, 0.5, 3, 3];
    const previous = [0, 2, 2];
    const copy = [...logits];
    expect(applyTemperature(logits, 0.5).length).toBe(5);
    expect(kept(topKFilter(logits, 2))).toEqual([3, 4]);
    expect(kept(topPFilter(logits, 0.3))).toEqual([3]);
    expect(repetitionPenalty(logits, previous, 1.2)[0]).toBeCloseTo(-1.2, 12);
    expect(sampleToken(logits, () => 0.5, { repetitionPenalty: 1.2, previous, topK: 3, topP: 0.9 })).toBeTypeOf(
      'number',
    );
    expect(logits, 'logits unchanged').toEqual(copy);
    expect(previous, 'previous unchanged').toEqual([0, 2, 2]);
  });
});

describe('sampling: scale', () => {
  const n = 100_000;
  // A permutation of 0..n-1 scaled to [0, 20): distinct logits, so the top k are exactly values ≥ n − k.
  const perm = Array.from({ length: n }, (_, i) => (i * 7919) % n);
  const logits = perm.map((v) => (v / n) * 20);

  test('top-k 50 over a vocabulary of 100 000 keeps exactly the 50 largest', () => {
    const out = topKFilter(logits, 50);
    const ids = kept(out);
    expect(ids.length, 'kept count').toBe(50);
    for (const i of ids) expect(perm[i], `id ${i} is among the largest`).toBeGreaterThanOrEqual(n - 50);
  });

  test('top-p 0.9 over a vocabulary of 100 000 matches the float64 oracle', () => {
    const out = topPFilter(logits, 0.9);
    const want = topPOracle(logits, 0.9);
    expect(kept(out).length, 'kept count').toBe(kept(want).length);
    expect(kept(out), 'kept ids').toEqual(kept(want));
  });

  test('sampleToken over a vocabulary of 100 000 with every option draws exactly once', () => {
    const r = fixed(0.5);
    const opts = { temperature: 0.7, topK: 1000, topP: 0.95, repetitionPenalty: 1.3, previous: [0, 5, 5, 99] };
    const token = sampleToken(logits, r.rng, opts);
    expect(r.calls(), 'rng calls').toBe(1);
    expect(token, 'token').toBe(inverseCdfOracle(sampleDistributionOracleFast(logits, opts), 0.5));
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
  test.prop([logitsArb, fc.constantFrom(0.25, 0.5, 0.7, 1, 1.5, 3)])(
    'applyTemperature divides every logit by t (t = 1 is the identity)',
    (logits, t) => {
      expectLogits(
        applyTemperature(logits, t),
        temperatureOracle(logits, t),
        `applyTemperature(${show(logits)}, ${t})`,
      );
      expectLogits(applyTemperature(logits, 1), logits, 't = 1');
    },
  );

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

  test('frequencies over 10⁴ draws (seed 2024) lie within 4σ of the oracle probabilities', () => {
    const logits = [0.5, -1, 2, 1, 0, 1.5];
    const opts = { temperature: 1.5, topK: 5, topP: 0.9, repetitionPenalty: 1.3, previous: [2, 2, 1] };
    const dist = sampleDistributionOracle(logits, opts);
    const rng = seededUniform(2024);
    const counts = new Array<number>(logits.length).fill(0);
    const draws = 10_000;
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
