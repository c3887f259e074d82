import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/grpo-advantage';
import { groupAdvantages, grpoLoss, k3Kl } from '@impl/grpo-advantage';
import {
  type BadLossCall,
  badAdvantagesCall,
  badLossCall,
  type LossCase,
  type LossOptions,
  lossCase,
  lossOptions,
  rewardScale,
  rewardsCase,
} from './inputs.ts';
import { advantagesOracle, aggregateOracle, grpoLossOracle, k3Oracle, tokenLossOracle } from './oracle.ts';
import {
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  seededUniform,
  useTensorBackend,
} from '../../src/harness/tf.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

useTensorBackend();

const TOL = { atol: 1e-4, rtol: 1e-4 };

/** actual[i] within tol (absolute + relative) of expected[i]; one expect per call, so long arrays stay fast. */
function expectNumbersClose(actual: readonly number[], expected: readonly number[], tol: number, what: string): void {
  expect(Array.isArray(actual), `${what} must be a number[]`).toBe(true);
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const wrong: string[] = [];
  for (let i = 0; i < expected.length && wrong.length < 3; i++) {
    const got = actual[i] as number;
    const want = expected[i] as number;
    if (!(Math.abs(got - want) <= tol + tol * Math.abs(want))) wrong.push(`[${i}] = ${got}, expected ${want}`);
  }
  expect(wrong, `${what}: entries off by more than ${tol}`).toEqual([]);
}

/** Exactly 0 (+0 or −0 both fine), entry by entry. */
function expectZeros(actual: readonly number[], n: number, what: string): void {
  expect(actual.length, `${what}: length`).toBe(n);
  expect(
    actual.flatMap((x, i) => (x === 0 ? [] : [`[${i}] = ${x}`])),
    `${what}: must be exactly 0`,
  ).toEqual([]);
}

/** grpoLoss on tensors built from plain data; returns the scalar's value (tensors disposed, no leaks). */
function lossOf(c: LossCase | Omit<LossCase, 'refLogp'>, opts?: LossOptions, what = 'grpoLoss'): number {
  const made = {
    logp: tf.tensor2d(c.logp),
    oldLogp: tf.tensor2d(c.oldLogp),
    advantages: tf.tensor1d(c.advantages),
    mask: tf.tensor2d(c.mask),
    ...('refLogp' in c && { refLogp: tf.tensor2d(c.refLogp) }),
  };
  try {
    const out = expectNoLeaks(() => (opts === undefined ? grpoLoss(made) : grpoLoss(made, opts)), what);
    try {
      expect(out, `${what} must return a tf.Tensor`).toBeInstanceOf(tf.Tensor);
      expect(out.shape, `${what} must return a scalar (shape [])`).toEqual([]);
      expect(out.dtype, `${what} dtype`).toBe('float32');
      for (const t of Object.values(made)) expect(t.isDisposed, `${what} must not dispose its inputs`).toBe(false);
      return out.dataSync()[0] as number;
    } finally {
      out.dispose();
    }
  } finally {
    tf.dispose(Object.values(made));
  }
}

/** One token: logp = ln r, old = 0, ref given (default 0). */
function oneToken(r: number, a: number, opts?: LossOptions, ref = 0): number {
  return lossOf({ logp: [[Math.log(r)]], oldLogp: [[0]], refLogp: [[ref]], advantages: [a], mask: [[1]] }, opts);
}

const SPEC_REWARDS = [1, 0, 0, 1, 3, 3, 3, 0];
const SPEC_GROUP = [0.865875, -0.865875, -0.865875, 0.865875, 0.499967, 0.499967, 0.499967, -1.4999];
const SPEC_NONE = [0.5, -0.5, -0.5, 0.5, 0.75, 0.75, 0.75, -2.25];

describe('groupAdvantages: worked examples and edge cases', () => {
  test('rewards [1,0,0,1, 3,3,3,0], G=4: (r − group mean) / (unbiased group std + 1e-4)', () => {
    expectNumbersClose(advantagesOracle(SPEC_REWARDS, 4), SPEC_GROUP, 1e-5, 'oracle');
    expectNumbersClose(groupAdvantages(SPEC_REWARDS, 4), SPEC_GROUP, 1e-5, 'groupAdvantages([1,0,0,1,3,3,3,0], 4)');
    expectNumbersClose(
      groupAdvantages(SPEC_REWARDS, 4, { scale: 'group', eps: 1e-4 }),
      SPEC_GROUP,
      1e-5,
      "groupAdvantages(…, 4, { scale: 'group', eps: 1e-4 })",
    );
  });

  test("scale 'none' only subtracts each group's mean: [0.5,−0.5,−0.5,0.5, 0.75,0.75,0.75,−2.25]", () => {
    expectNumbersClose(advantagesOracle(SPEC_REWARDS, 4, 'none'), SPEC_NONE, 1e-9, 'oracle');
    expectNumbersClose(groupAdvantages(SPEC_REWARDS, 4, { scale: 'none' }), SPEC_NONE, 1e-9, "scale 'none'");
  });

  test("scale 'batch' keeps each group's mean but divides by the whole batch's unbiased std + eps", () => {
    // batch std of [1,0,0,1,3,3,3,0] = sqrt(13.875 / 7); not the batch mean (that is the 'batch statistics' bug).
    const std = Math.sqrt(13.875 / 7) + 1e-4;
    const expected = SPEC_NONE.map((x) => x / std);
    expectNumbersClose(advantagesOracle(SPEC_REWARDS, 4, 'batch'), expected, 1e-9, 'oracle');
    expectNumbersClose(groupAdvantages(SPEC_REWARDS, 4, { scale: 'batch' }), expected, 1e-6, "scale 'batch'");
    const wrong = [-0.266338, -0.976572];
    expect(
      Math.abs((groupAdvantages(SPEC_REWARDS, 4, { scale: 'batch' })[0] as number) - (wrong[0] as number)),
    ).toBeGreaterThan(0.1);
  });

  test('a constant group [2,2,2,2] gives exactly 0, never NaN, for eps 1e-4 and eps 0, with every scale', () => {
    for (const scale of ['group', 'batch', 'none'] as const) {
      for (const eps of [1e-4, 0]) {
        expectZeros(
          groupAdvantages([2, 2, 2, 2], 4, { scale, eps }),
          4,
          `groupAdvantages([2,2,2,2], 4, { scale: '${scale}', eps: ${eps} })`,
        );
      }
    }
  });

  test('a constant group of 0.1s gives exactly 0 although its float std is not 0: [0.1,0.1,0.1, 1,0,1], G=3, eps 0', () => {
    // The float mean of three 0.1s is 0.10000000000000002, so r − mean and the computed std are about 1e-17,
    // not 0: a solution that tests std === 0 divides residue by residue and gets −0.816497 here.
    const rewards = [0.1, 0.1, 0.1, 1, 0, 1];
    expect((0.1 + 0.1 + 0.1) / 3, 'the float mean of three 0.1s').not.toBe(0.1);
    for (const scale of ['group', 'batch', 'none'] as const) {
      for (const eps of [0, 1e-4]) {
        const out = groupAdvantages(rewards, 3, { scale, eps });
        const what = `groupAdvantages([0.1,0.1,0.1, 1,0,1], 3, { scale: '${scale}', eps: ${eps} })`;
        expectZeros(out.slice(0, 3), 3, `${what}, the 0.1s`);
        expectNumbersClose(out, advantagesOracle(rewards, 3, scale, eps), 1e-9, what);
      }
    }
    expectZeros(
      groupAdvantages([0.3, 0.3, 0.7, 0.7, 0.1, 0.1], 2, { eps: 0 }),
      6,
      'three constant pairs of 0.3s, 0.7s and 0.1s',
    );
  });

  test('groups are contiguous runs of G (TRL view(-1, G)), not interleaved', () => {
    // rewards [0,0,1,1], G=2: groups [0,0] and [1,1] are constant → all 0.
    expectNumbersClose(groupAdvantages([0, 0, 1, 1], 2), [0, 0, 0, 0], 1e-12, 'groupAdvantages([0,0,1,1], 2)');
    expectNumbersClose(
      groupAdvantages([0, 1, 0, 1], 2, { eps: 0 }),
      advantagesOracle([0, 1, 0, 1], 2, 'group', 0),
      1e-9,
      '[0,1,0,1], G=2',
    );
  });

  test('eps is added to the std (not inside the square root): [0, 1], G=2, eps 0.5 → ±0.5/(0.7071+0.5)', () => {
    const want = 0.5 / (Math.SQRT1_2 + 0.5);
    expectNumbersClose(
      groupAdvantages([0, 1], 2, { eps: 0.5 }),
      [-want, want],
      1e-9,
      'groupAdvantages([0,1], 2, { eps: 0.5 })',
    );
  });

  test('does not mutate rewards', () => {
    const rewards = [...SPEC_REWARDS];
    groupAdvantages(rewards, 4);
    expect(rewards).toEqual(SPEC_REWARDS);
  });

  test('throws RangeError when rewards.length % G ≠ 0, rewards is empty, G is not an integer ≥ 2, or eps < 0, NaN, Infinity', () => {
    expect(() => groupAdvantages([1, 2, 3], 2), 'length 3, G=2').toThrow(RangeError);
    expect(() => groupAdvantages([1, 2, 3, 4, 5], 4), 'length 5, G=4').toThrow(RangeError);
    expect(() => groupAdvantages([], 2), 'no rewards').toThrow(RangeError);
    for (const g of [1, 0, -2, 2.5, Number.NaN])
      expect(() => groupAdvantages([1, 2, 3, 4, 5], g), `G=${g}`).toThrow(RangeError);
    for (const eps of [-1e-4, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => groupAdvantages([1, 2], 2, { eps }), `eps ${eps}`).toThrow(RangeError);
    }
  });

  test("throws RangeError for a misspelled scale ('groups', 'Batch', '') and for a NaN or ±Infinity reward", () => {
    for (const scale of ['groups', 'Batch', '']) {
      expect(() => groupAdvantages([1, 0], 2, { scale: scale as 'group' }), `scale '${scale}'`).toThrow(RangeError);
    }
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => groupAdvantages([1, bad, 0, 1], 2), `reward ${bad}`).toThrow(RangeError);
    }
  });

  test("throws TypeError for a reward that is not a number ('1', null), rewards not an array, G = '2', eps = '0'", () => {
    const loose = <T>(v: unknown) => v as T;
    expect(() => groupAdvantages(loose([1, '1']), 2), "reward '1'").toThrow(TypeError);
    expect(() => groupAdvantages(loose([null, 1]), 2), 'reward null').toThrow(TypeError);
    expect(() => groupAdvantages(loose('1,0'), 2), "rewards '1,0'").toThrow(TypeError);
    expect(() => groupAdvantages(loose({ length: 2 }), 2), 'rewards { length: 2 }').toThrow(TypeError);
    expect(() => groupAdvantages(loose(4), 2), 'rewards 4').toThrow(TypeError);
    expect(() => groupAdvantages([1, 0], loose('2')), "G '2'").toThrow(TypeError);
    expect(() => groupAdvantages([1, 0], 2, { eps: loose('0') }), "eps '0'").toThrow(TypeError);
  });
});

describe('k3Kl: worked examples and edge cases', () => {
  test('k3 = exp(ref − logp) − (ref − logp) − 1: logp=ln .5, ref=ln .25 → 0.193147; logp=ln 1.5, ref=0 → 0.072132', () => {
    expect(Math.abs(k3Oracle(Math.log(0.5), Math.log(0.25)) - 0.193147)).toBeLessThan(1e-6);
    expect(Math.abs(k3Oracle(Math.log(1.5), 0) - 0.072132)).toBeLessThan(1e-6);
    const logp = tf.tensor2d([[Math.log(0.5), Math.log(1.5), -1]]);
    const ref = tf.tensor2d([[Math.log(0.25), 0, -1]]);
    try {
      const out = expectNoLeaks(() => k3Kl(logp, ref), 'k3Kl');
      try {
        expectTensorClose(
          out,
          { shape: [1, 3], data: Float64Array.from([0.193147, 0.072132, 0]) },
          { atol: 1e-5 },
          'k3Kl',
        );
      } finally {
        out.dispose();
      }
      expect(logp.isDisposed || ref.isDisposed, 'k3Kl must not dispose its inputs').toBe(false);
    } finally {
      tf.dispose([logp, ref]);
    }
  });

  test('k3Kl throws RangeError when logp and refLogp differ in shape ([2,3] vs [3,2], [2,3] vs [2,3,1]) and TypeError for a non-tensor', () => {
    const a = tf.zeros([2, 3]) as tf.Tensor2D;
    const b = tf.zeros([3, 2]) as tf.Tensor2D;
    const c = tf.zeros([2, 3, 1]) as unknown as tf.Tensor2D;
    try {
      expect(() => k3Kl(a, b), '[2,3] vs [3,2]').toThrow(RangeError);
      expect(() => k3Kl(a, c), '[2,3] vs [2,3,1]').toThrow(RangeError);
      expect(() => k3Kl(c, c), 'both [2,3,1]').toThrow(RangeError);
      expect(
        () =>
          k3Kl(a, [
            [0, 0, 0],
            [0, 0, 0],
          ] as unknown as tf.Tensor2D),
        'a plain array',
      ).toThrow(TypeError);
    } finally {
      tf.dispose([a, b, c]);
    }
  });
});

describe('grpoLoss: worked examples and edge cases', () => {
  test('r = 1.5, A = 1 (ε 0.2, β 0.04): −min(1.5, 1.2) + 0.04·0.072132 = −1.197115', () => {
    expect(Math.abs(tokenLossOracle(Math.log(1.5), 0, 0, 1) - -1.197115)).toBeLessThan(1e-6);
    expect(oneToken(1.5, 1)).toBeCloseTo(-1.197115, 5);
    expect(oneToken(1.5, 1, { beta: 0 }), 'policy term alone').toBeCloseTo(-1.2, 5);
  });

  test('r = 0.5, A = −1: −min(−0.5, −0.8) = 0.8, plus 0.04·0.306853 = 0.812274', () => {
    expect(Math.abs(tokenLossOracle(Math.log(0.5), 0, 0, -1) - 0.812274)).toBeLessThan(1e-6);
    expect(oneToken(0.5, -1)).toBeCloseTo(0.812274, 5);
    expect(oneToken(0.5, -1, { beta: 0 })).toBeCloseTo(0.8, 5);
  });

  test('r = 1.5, A = −1 stays unclipped (the pessimistic min): 1.5 + 0.04·0.072132 = 1.502885', () => {
    expect(Math.abs(tokenLossOracle(Math.log(1.5), 0, 0, -1) - 1.502885)).toBeLessThan(1e-6);
    expect(oneToken(1.5, -1)).toBeCloseTo(1.502885, 5);
    expect(oneToken(1.5, -1, { beta: 0 })).toBeCloseTo(1.5, 5);
  });

  test('r = 0.5, A = 1 stays unclipped: policy term −0.5', () => {
    expect(oneToken(0.5, 1, { beta: 0 })).toBeCloseTo(-0.5, 5);
  });

  test('A = 0 leaves only β·k3: logp = ln .5, ref = ln .25 → 0.04·0.193147', () => {
    const got = lossOf({
      logp: [[Math.log(0.5)]],
      oldLogp: [[Math.log(0.5)]],
      refLogp: [[Math.log(0.25)]],
      advantages: [0],
      mask: [[1]],
    });
    expect(got).toBeCloseTo(0.04 * 0.193147, 6);
    const beta = lossOf(
      {
        logp: [[Math.log(0.5)]],
        oldLogp: [[Math.log(0.5)]],
        refLogp: [[Math.log(0.25)]],
        advantages: [0],
        mask: [[1]],
      },
      { beta: 0.5 },
    );
    expect(beta).toBeCloseTo(0.5 * 0.193147, 5);
  });

  test('epsilonHigh sets only the upper clip (default: epsilon)', () => {
    expect(oneToken(1.5, 1, { beta: 0, epsilon: 0.3 }), 'ε 0.3 → clip at 1.3').toBeCloseTo(-1.3, 5);
    expect(oneToken(1.5, 1, { beta: 0, epsilon: 0.2, epsilonHigh: 0.28 }), 'ε_high 0.28 → clip at 1.28').toBeCloseTo(
      -1.28,
      5,
    );
    expect(oneToken(0.5, -1, { beta: 0, epsilon: 0.2, epsilonHigh: 0.28 }), 'lower clip stays 0.8').toBeCloseTo(0.8, 5);
  });

  // Per-token losses [[1,2,3],[4,·,·]]: A = −1, r = loss, a clip range wide enough to never bind, β = 0.
  // The masked tokens hold r = 50, so ignoring the mask shows.
  const perTokenCase = {
    logp: [
      [1, 2, 3],
      [4, 50, 50],
    ].map((row) => row.map(Math.log)),
    oldLogp: [
      [0, 0, 0],
      [0, 0, 0],
    ],
    advantages: [-1, -1],
    mask: [
      [1, 1, 1],
      [1, 0, 0],
    ],
  };
  const wide = { epsilon: 0.99, epsilonHigh: 100, beta: 0 };

  test("per-token [[1,2,3],[4,·,·]] mask [[1,1,1],[1,0,0]]: 'sequence' (default) 3.0, 'token' 2.5", () => {
    expect(
      aggregateOracle(
        [
          [1, 2, 3],
          [4, 9, 9],
        ],
        perTokenCase.mask,
        'sequence',
      ),
    ).toBeCloseTo(3, 12);
    expect(
      aggregateOracle(
        [
          [1, 2, 3],
          [4, 9, 9],
        ],
        perTokenCase.mask,
        'token',
      ),
    ).toBeCloseTo(2.5, 12);
    expect(lossOf(perTokenCase, wide), 'default aggregation').toBeCloseTo(3, 4);
    expect(lossOf(perTokenCase, { ...wide, aggregation: 'sequence' }), "'sequence'").toBeCloseTo(3, 4);
    expect(lossOf(perTokenCase, { ...wide, aggregation: 'token' }), "'token'").toBeCloseTo(2.5, 4);
  });

  test("'token' aggregation with every token masked returns 0", () => {
    const c = { logp: [[-1, -2]], oldLogp: [[-1, -1]], refLogp: [[-1, -1]], advantages: [1], mask: [[0, 0]] };
    expect(lossOf(c, { aggregation: 'token' })).toBe(0);
  });

  test('β = 0 needs no refLogp; the default β (0.04) without refLogp throws RangeError', () => {
    const c = { logp: [[-1, -2]], oldLogp: [[-1, -1]], advantages: [1], mask: [[1, 1]] };
    expect(lossOf(c, { beta: 0 })).toBeCloseTo(-(1 + Math.exp(-1)) / 2, 5);
    const made = {
      logp: tf.tensor2d(c.logp),
      oldLogp: tf.tensor2d(c.oldLogp),
      advantages: tf.tensor1d(c.advantages),
      mask: tf.tensor2d(c.mask),
    };
    try {
      expect(() => grpoLoss(made), 'no refLogp, default β').toThrow(RangeError);
      expect(() => grpoLoss(made, { beta: 0.04 }), 'no refLogp, β 0.04').toThrow(RangeError);
    } finally {
      tf.dispose(Object.values(made));
    }
  });

  test('an int32 mask is accepted and gives the same loss as a float32 one', () => {
    const c = { logp: [[-1, -2, -0.5]], oldLogp: [[-1, -1.2, -0.4]], refLogp: [[-1.5, -1, -1]], advantages: [0.7] };
    const maskRows = [[1, 1, 0]];
    const want = grpoLossOracle({ ...c, mask: maskRows });
    const made = {
      logp: tf.tensor2d(c.logp),
      oldLogp: tf.tensor2d(c.oldLogp),
      refLogp: tf.tensor2d(c.refLogp),
      advantages: tf.tensor1d(c.advantages),
      mask: tf.tensor2d(maskRows, undefined, 'int32'),
    };
    try {
      const out = expectNoLeaks(() => grpoLoss(made), 'grpoLoss with an int32 mask');
      try {
        expect(out.dtype, 'dtype').toBe('float32');
        expect(Math.abs((out.dataSync()[0] as number) - want), `int32 mask: expected ${want}`).toBeLessThan(1e-5);
      } finally {
        out.dispose();
      }
    } finally {
      tf.dispose(Object.values(made));
    }
  });

  test('does not dispose or change its inputs (logp, oldLogp, refLogp, advantages, mask)', () => {
    const rows = [
      [-1, -2],
      [-0.5, -1],
    ];
    const made = {
      logp: tf.tensor2d(rows),
      oldLogp: tf.tensor2d([
        [-1.1, -1.9],
        [-0.6, -1],
      ]),
      refLogp: tf.tensor2d([
        [-1, -1],
        [-1, -1],
      ]),
      advantages: tf.tensor1d([1, -1]),
      mask: tf.tensor2d([
        [1, 1],
        [1, 0],
      ]),
    };
    try {
      tf.dispose(grpoLoss(made, { aggregation: 'token' }));
      tf.dispose(k3Kl(made.logp, made.refLogp));
      for (const [name, t] of Object.entries(made)) expect(t.isDisposed, `${name} disposed`).toBe(false);
      expect(made.logp.arraySync(), 'logp unchanged').toEqual(rows);
      expect(made.mask.arraySync(), 'mask unchanged').toEqual([
        [1, 1],
        [1, 0],
      ]);
    } finally {
      tf.dispose(Object.values(made));
    }
  });
});

/** Builds the tensors of a bad grpoLoss call (the string 'plain' is passed as a plain array), calls, disposes. */
function callBadLoss(bad: BadLossCall): void {
  const made: tf.Tensor[] = [];
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(bad.args.inputs)) {
    if (typeof value === 'string') {
      inputs[key] = [1];
      continue;
    }
    const t = key === 'advantages' ? tf.tensor1d(value as number[]) : tf.tensor2d(value as number[][]);
    made.push(t);
    inputs[key] = t;
  }
  try {
    tf.dispose(grpoLoss(inputs as never, bad.args.options as LossOptions));
  } finally {
    tf.dispose(made);
  }
}

describe('bad input', () => {
  const base = () => ({
    logp: [
      [-1, -2],
      [-1, -1],
    ],
    oldLogp: [
      [-1, -1],
      [-1, -1],
    ],
    refLogp: [
      [-1, -1],
      [-1, -1],
    ],
    advantages: [1, -1],
    mask: [
      [1, 1],
      [1, 0],
    ],
  });
  const call =
    (inputs: BadLossCall['args']['inputs'], options: Record<string, unknown> = {}) =>
    () =>
      callBadLoss({ args: { inputs, options }, error: 'RangeError', what: '' });

  test('throws RangeError on shape mismatches: oldLogp [2,3], refLogp [1,2], mask [2,1], advantages [3] or [2,1], all of rank 3', () => {
    const cases: [string, BadLossCall['args']['inputs']][] = [
      [
        'oldLogp [2,3]',
        {
          ...base(),
          oldLogp: [
            [0, 0, 0],
            [0, 0, 0],
          ],
        },
      ],
      ['refLogp [1,2]', { ...base(), refLogp: [[0, 0]] }],
      ['mask [2,1]', { ...base(), mask: [[1], [1]] }],
      ['advantages [3]', { ...base(), advantages: [1, 2, 3] }],
    ];
    for (const [what, inputs] of cases) expect(call(inputs), what).toThrow(RangeError);
    const made = {
      logp: tf.tensor2d(base().logp),
      oldLogp: tf.tensor2d(base().oldLogp),
      refLogp: tf.tensor2d(base().refLogp),
      mask: tf.tensor2d(base().mask),
      advantages: tf.tensor2d([[1], [-1]]),
    };
    try {
      expect(() => grpoLoss(made as never), 'advantages [2,1]').toThrow(RangeError);
    } finally {
      tf.dispose(Object.values(made));
    }
    const cube = () => tf.zeros([2, 2, 1]);
    const ranked = {
      logp: cube(),
      oldLogp: cube(),
      refLogp: cube(),
      mask: tf.ones([2, 2, 1]),
      advantages: tf.tensor1d([1, -1]),
    };
    try {
      expect(() => grpoLoss(ranked as never), 'every [B, L] input of shape [2, 2, 1]').toThrow(RangeError);
    } finally {
      tf.dispose(Object.values(ranked));
    }
  });

  test("throws RangeError on an all-masked row with 'sequence' (the default), not with 'token'", () => {
    const inputs = {
      ...base(),
      mask: [
        [1, 1],
        [0, 0],
      ],
    };
    expect(call(inputs), 'default aggregation').toThrow(RangeError);
    expect(call(inputs, { aggregation: 'sequence' }), "'sequence'").toThrow(RangeError);
    expect(call(inputs, { aggregation: 'token' }), "'token'").not.toThrow();
  });

  test('throws RangeError for mask entries other than 0 and 1 (2, 0.5, −1)', () => {
    for (const v of [2, 0.5, -1]) {
      expect(
        call({
          ...base(),
          mask: [
            [1, v],
            [1, 0],
          ],
        }),
        `mask entry ${v}`,
      ).toThrow(RangeError);
      expect(
        call(
          {
            ...base(),
            mask: [
              [1, v],
              [1, 0],
            ],
          },
          { aggregation: 'token' },
        ),
        `mask entry ${v}, token`,
      ).toThrow(RangeError);
    }
  });

  test("throws RangeError for a misspelled aggregation ('tokens', 'seq'), epsilon ∉ [0, 1), epsilonHigh or beta < 0 or not finite", () => {
    const bad: Record<string, unknown>[] = [
      { aggregation: 'tokens' },
      { aggregation: 'seq' },
      { epsilon: 1 },
      { epsilon: -0.1 },
      { epsilon: Number.NaN },
      { epsilonHigh: -0.1 },
      { epsilonHigh: Number.POSITIVE_INFINITY },
      { beta: -0.04 },
      { beta: Number.NaN },
      { beta: Number.POSITIVE_INFINITY },
    ];
    for (const options of bad) expect(call(base(), options), JSON.stringify(options)).toThrow(RangeError);
    expect(call(base(), { epsilon: -0.1, epsilonHigh: 0.2 }), 'epsilon −0.1 with a valid epsilonHigh').toThrow(
      RangeError,
    );
    expect(call(base(), { epsilon: 0, epsilonHigh: 0 }), 'ε = ε_high = 0 is allowed').not.toThrow();
  });

  test("throws TypeError for an option that is not a number (epsilon '0.2', beta '0') and a missing or non-tensor input", () => {
    expect(call(base(), { epsilon: '0.2' }), "epsilon '0.2'").toThrow(TypeError);
    expect(call(base(), { beta: '0' }), "beta '0'").toThrow(TypeError);
    const { logp: _logp, ...noLogp } = base();
    expect(call(noLogp), 'no logp').toThrow(TypeError);
    const { mask: _mask, ...noMask } = base();
    expect(call(noMask), 'no mask').toThrow(TypeError);
    expect(call({ ...base(), advantages: 'plain' }), 'advantages a plain array').toThrow(TypeError);
    expect(call({ ...base(), refLogp: 'plain' }), 'refLogp a plain array').toThrow(TypeError);
  });

  test.prop([badLossCall], { numRuns: 50 })(
    'one bad input or option anywhere throws the named error (every grpoLoss case of "Bad input")',
    (bad) => {
      expect(() => callBadLoss(bad), bad.what).toThrow(bad.error === 'TypeError' ? TypeError : RangeError);
    },
  );

  test.prop([badAdvantagesCall])('one bad groupAdvantages argument anywhere throws the named error', (bad) => {
    const { rewards, groupSize, opts } = bad.args;
    expect(() => groupAdvantages(rewards as number[], groupSize as number, opts as never), bad.what).toThrow(
      bad.error === 'TypeError' ? TypeError : RangeError,
    );
  });
});

/**
 * groupAdvantages' budget: at most 20·N steps of work (N = rewards.length). With `builtins` off only
 * the solution's own loops, callbacks and calls count: the work counter charges `slice(a, b)` the
 * whole array's length, so with many groups slicing each one out would look quadratic.
 */
function advantagesWithinBudget(
  rewards: number[],
  g: number,
  scale: 'group' | 'batch' | 'none',
  builtins: boolean,
): number[] {
  const n = rewards.length;
  return expectWithinBudget(
    () => counted.groupAdvantages(rewards, g, { scale }),
    { steps: 20 * n, rule: `20·N for N = ${n}, G = ${g}` },
    { builtins },
  );
}

describe('complexity and scale (groupAdvantages ≤ 20·N steps; grpoLoss ≤ 4·B + 100 and k3Kl ≤ 100 steps of JavaScript)', () => {
  test('30 000 rewards, G = 2, every scale, within 20·N steps (the batch std computed once, not per group)', () => {
    const u = seededUniform(7);
    const rewards = Array.from({ length: 30_000 }, () => Math.round(u() * 4));
    for (const scale of ['batch', 'group', 'none'] as const) {
      const out = advantagesWithinBudget(rewards, 2, scale, false);
      expectNumbersClose(out, advantagesOracle(rewards, 2, scale), 1e-9, `scale '${scale}'`);
    }
  });

  test('one group of 50 000 rewards (G = N) within 20·N steps: O(N), not O(N·G)', () => {
    const u = seededUniform(11);
    const rewards = Array.from({ length: 50_000 }, () => Math.round(u() * 10) / 2);
    for (const scale of ['group', 'none'] as const) {
      const out = advantagesWithinBudget(rewards, 50_000, scale, true);
      expectNumbersClose(out, advantagesOracle(rewards, 50_000, scale), 1e-9, `G = N, '${scale}'`);
    }
  });

  test('grpoLoss on B = 32, L = 256 matches the float64 oracle, both aggregations, within 4·B + 100 steps of JavaScript', () => {
    const b = 32;
    const l = 256;
    const mat = (seed: number, scale: number, shift: number) => {
      const v = randomValues(b * l, seed, scale);
      return Array.from({ length: b }, (_, i) =>
        Array.from(v.subarray(i * l, (i + 1) * l), (x) => Math.fround(x + shift)),
      );
    };
    const logp = mat(1, 1, -2);
    const step = mat(2, 0.5, 0);
    const c: LossCase = {
      logp,
      oldLogp: logp.map((row, i) => row.map((x, t) => Math.fround(x - (step[i]?.[t] as number)))),
      refLogp: mat(3, 1, -2),
      advantages: Array.from(randomValues(b, 4, 2)),
      mask: Array.from({ length: b }, (_, i) => Array.from({ length: l }, (_, t) => (t < 1 + ((i * 37) % l) ? 1 : 0))),
    };
    const made = {
      logp: tf.tensor2d(c.logp),
      oldLogp: tf.tensor2d(c.oldLogp),
      refLogp: tf.tensor2d(c.refLogp),
      advantages: tf.tensor1d(c.advantages),
      mask: tf.tensor2d(c.mask),
    };
    try {
      for (const aggregation of ['sequence', 'token'] as const) {
        const want = grpoLossOracle(c, { aggregation });
        const out = expectWithinBudget(
          () => counted.grpoLoss(made, { aggregation }),
          { steps: 4 * b + 100, rule: `4·B + 100 for B = ${b}` },
          { builtins: false },
        );
        try {
          const got = out.dataSync()[0] as number;
          expect(Math.abs(got - want), `'${aggregation}': ${got}, expected ${want}`).toBeLessThan(
            1e-4 + 1e-4 * Math.abs(want),
          );
        } finally {
          out.dispose();
        }
      }
      const kl = expectWithinBudget(
        () => counted.k3Kl(made.logp, made.refLogp),
        { steps: 100, rule: '100, for any B and L' },
        { builtins: false },
      );
      try {
        expect(kl.shape, 'k3Kl shape').toEqual([b, l]);
      } finally {
        kl.dispose();
      }
    } finally {
      tf.dispose(Object.values(made));
    }
  });
});

describe('properties (float64 oracle, invariants)', () => {
  test.prop([rewardsCase, rewardScale, fc.constantFrom(0, 1e-4, 0.1)])(
    'groupAdvantages matches the float64 oracle for every scale and eps',
    ({ rewards, groupSize }, scale, eps) => {
      expectNumbersClose(
        groupAdvantages(rewards, groupSize, { scale, eps }),
        advantagesOracle(rewards, groupSize, scale, eps),
        1e-9,
        `rewards ${JSON.stringify(rewards)}, G=${groupSize}`,
      );
    },
  );

  test.prop([rewardsCase, rewardScale])('each group of advantages sums to 0', ({ rewards, groupSize }, scale) => {
    const out = groupAdvantages(rewards, groupSize, { scale });
    for (let s = 0; s < out.length; s += groupSize) {
      const sum = out.slice(s, s + groupSize).reduce((x, y) => x + y, 0);
      expect(Math.abs(sum), `group at ${s} of ${JSON.stringify(rewards)}, G=${groupSize}`).toBeLessThan(1e-9);
    }
  });

  test.prop([rewardsCase, fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 4, maxLength: 4 })])(
    "'group' advantages are unchanged when a constant is added to a group",
    ({ rewards, groupSize }, shifts) => {
      const shifted = rewards.map((r, i) => r + (shifts[Math.floor(i / groupSize)] as number) / 2);
      expectNumbersClose(
        groupAdvantages(shifted, groupSize),
        groupAdvantages(rewards, groupSize),
        1e-9,
        `shifted ${JSON.stringify(shifted)}, G=${groupSize}`,
      );
    },
  );

  test.prop([rewardsCase, fc.constantFrom(2, 10, 0.5)])(
    "'group' advantages are (almost) unchanged when rewards are scaled by k > 0 (exactly with eps 0)",
    ({ rewards, groupSize }, k) => {
      const scaled = rewards.map((r) => r * k);
      expectNumbersClose(
        groupAdvantages(scaled, groupSize, { eps: 0 }),
        groupAdvantages(rewards, groupSize, { eps: 0 }),
        1e-9,
        `×${k}, eps 0`,
      );
      expectNumbersClose(
        groupAdvantages(scaled, groupSize),
        groupAdvantages(rewards, groupSize),
        2e-3,
        `×${k}, eps 1e-4`,
      );
    },
  );

  test.prop([lossCase], { numRuns: 40 })(
    'k3Kl matches the oracle, is ≥ 0 everywhere and 0 where logp = refLogp',
    (c) => {
      const logp = tf.tensor2d(c.logp);
      const ref = tf.tensor2d(c.refLogp);
      try {
        const out = expectNoLeaks(() => k3Kl(logp, ref), 'k3Kl');
        const self = expectNoLeaks(() => k3Kl(logp, logp), 'k3Kl');
        try {
          const want = Float64Array.from(
            c.logp.flatMap((row, b) => row.map((x, t) => k3Oracle(x, c.refLogp[b]?.[t] as number))),
          );
          expectTensorClose(
            out,
            { shape: [c.logp.length, c.logp[0]?.length ?? 0], data: want },
            TOL,
            'k3Kl(logp, refLogp)',
          );
          expect(Math.min(...(out.dataSync() as Float32Array)), 'k3 ≥ 0').toBeGreaterThanOrEqual(0);
          expectTensorClose(
            self,
            { shape: self.shape, data: new Float64Array(self.size) },
            { atol: 0 },
            'k3Kl(logp, logp)',
          );
        } finally {
          tf.dispose([out, self]);
        }
      } finally {
        tf.dispose([logp, ref]);
      }
    },
  );

  test.prop([lossCase, lossOptions], { numRuns: 60 })('grpoLoss matches the float64 oracle', (c, opts) => {
    const want = grpoLossOracle(c, opts);
    const got = lossOf(c, opts);
    expect(Math.abs(got - want), `grpoLoss = ${got}, expected ${want} (options ${JSON.stringify(opts)})`).toBeLessThan(
      1e-4 + 1e-4 * Math.abs(want),
    );
  });

  test.prop([lossCase, fc.constantFrom<'sequence' | 'token'>('sequence', 'token')], { numRuns: 40 })(
    'logp = oldLogp and β = 0 give −(aggregated mean of A)',
    (c, aggregation) => {
      const counts = c.mask.map((row) => row.reduce((s, m) => s + m, 0));
      const want =
        aggregation === 'sequence'
          ? -c.advantages.reduce((s, a) => s + a, 0) / c.advantages.length
          : -c.advantages.reduce((s, a, b) => s + a * (counts[b] as number), 0) / counts.reduce((s, n) => s + n, 0);
      const got = lossOf(
        { logp: c.logp, oldLogp: c.logp, advantages: c.advantages, mask: c.mask },
        { beta: 0, aggregation },
      );
      expect(Math.abs(got - want), `'${aggregation}': ${got} vs ${want}`).toBeLessThan(1e-5);
    },
  );
});
