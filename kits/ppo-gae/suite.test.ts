import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/ppo-gae';
import { gae, ppoLoss } from '@impl/ppo-gae';
import {
  type BadLossCall,
  badGaeCall,
  badLossCall,
  type LossCase,
  type LossOptions,
  lossCase,
  lossOptions,
  trajectory,
} from './inputs.ts';
import { discountedReturns, gaeOracle, type LossTerms, ppoLossOracle, tdErrors } from './oracle.ts';
import { expectNoLeaks, randomValues, seededUniform, useTensorBackend } from '../../src/harness/tf.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

useTensorBackend();

const TERMS = ['loss', 'policyLoss', 'valueLoss', 'entropy', 'clipFraction', 'approxKL'] as const;
const INPUTS = [
  'logProbs',
  'oldLogProbs',
  'advantages',
  'values',
  'oldValues',
  'returns',
  'entropy',
  'mask',
] as const satisfies readonly (keyof LossCase)[];

/** actual[i] within tol (absolute + relative) of expected[i]. */
function expectNumbersClose(actual: unknown, expected: readonly number[], tol: number, what: string): void {
  expect(Array.isArray(actual), `${what} must be a plain number[]`).toBe(true);
  const got = actual as number[];
  expect(got.length, `${what}: length`).toBe(expected.length);
  const wrong: string[] = [];
  for (let i = 0; i < expected.length && wrong.length < 3; i++) {
    const a = got[i] as number;
    const b = expected[i] as number;
    if (!(Math.abs(a - b) <= tol + tol * Math.abs(b))) wrong.push(`[${i}] = ${a}, expected ${b}`);
  }
  expect(wrong, `${what}: entries off by more than ${tol}`).toEqual([]);
}

interface Traj {
  rewards: number[];
  values: number[];
  dones: number[];
  lastValue: number;
  gamma: number;
  lambda: number;
}

function gaeOf(c: Traj): { advantages: number[]; returns: number[] } {
  return gae(c.rewards, c.values, c.dones, c.lastValue, c.gamma, c.lambda);
}

const show = (c: Traj) =>
  `rewards ${JSON.stringify(c.rewards)}, values ${JSON.stringify(c.values)}, dones ${JSON.stringify(c.dones)}, ` +
  `lastValue ${c.lastValue}, γ ${c.gamma}, λ ${c.lambda}`;

/** ppoLoss on tensors built from plain data; checks the six outputs are float32 scalars, no leaks, inputs kept. */
function lossOf(c: LossCase, opts?: LossOptions, maskDtype: 'float32' | 'int32' = 'float32'): LossTerms {
  const made = Object.fromEntries(
    INPUTS.map((k) => [k, tf.tensor2d(c[k], undefined, k === 'mask' ? maskDtype : 'float32')]),
  ) as Record<(typeof INPUTS)[number], tf.Tensor2D>;
  try {
    const out = expectNoLeaks(
      () => (opts === undefined ? ppoLoss(made) : ppoLoss(made, opts)) as unknown as tf.NamedTensorMap,
      'ppoLoss',
    );
    try {
      const terms = {} as LossTerms;
      for (const key of TERMS) {
        const t = (out as unknown as Record<string, unknown>)[key];
        expect(t, `ppoLoss(…).${key} must be a tf.Tensor`).toBeInstanceOf(tf.Tensor);
        const tensor = t as tf.Tensor;
        expect(tensor.shape, `ppoLoss(…).${key} must be a scalar (shape [])`).toEqual([]);
        expect(tensor.dtype, `ppoLoss(…).${key} dtype`).toBe('float32');
        terms[key] = tensor.dataSync()[0] as number;
      }
      for (const k of INPUTS) expect(made[k].isDisposed, `ppoLoss must not dispose ${k}`).toBe(false);
      return terms;
    } finally {
      tf.dispose(out as unknown as tf.TensorContainer);
    }
  } finally {
    tf.dispose(Object.values(made));
  }
}

function expectTermsClose(got: LossTerms, want: LossTerms, what: string, tol = 1e-4): void {
  const wrong = TERMS.flatMap((k) =>
    Math.abs(got[k] - want[k]) <= tol + tol * Math.abs(want[k]) ? [] : [`${k} = ${got[k]}, expected ${want[k]}`],
  );
  expect(wrong, `${what}: terms off by more than ${tol}`).toEqual([]);
}

/** One unmasked token: logProbs = ln r, oldLogProbs = 0. */
function oneToken(
  t: { r?: number; a?: number; v?: number; oldV?: number; ret?: number; ent?: number },
  opts?: LossOptions,
): LossTerms {
  const { r = 1, a = 0, v = 0, oldV = 0, ret = 0, ent = 0 } = t;
  return lossOf(
    {
      logProbs: [[Math.fround(Math.log(r))]],
      oldLogProbs: [[0]],
      advantages: [[a]],
      values: [[v]],
      oldValues: [[oldV]],
      returns: [[ret]],
      entropy: [[ent]],
      mask: [[1]],
    },
    opts,
  );
}

const SPEC: Traj = {
  rewards: [1, 2, 3],
  values: [0.5, 1, 1.5],
  dones: [0, 1, 0],
  lastValue: 2,
  gamma: 0.9,
  lambda: 0.8,
};

describe('gae: worked examples and edge cases', () => {
  test('rewards [1,2,3], values [0.5,1,1.5], dones [0,1,0], lastValue 2, γ 0.9, λ 0.8 → advantages [2.12, 1, 3.3], returns [2.62, 2, 4.8]', () => {
    expectNumbersClose(
      gaeOracle(SPEC.rewards, SPEC.values, SPEC.dones, 2, 0.9, 0.8).advantages,
      [2.12, 1, 3.3],
      1e-12,
      'oracle',
    );
    const out = gaeOf(SPEC);
    expectNumbersClose(out.advantages, [2.12, 1, 3.3], 1e-9, `advantages of ${show(SPEC)}`);
    expectNumbersClose(out.returns, [2.62, 2, 4.8], 1e-9, `returns of ${show(SPEC)}`);
  });

  test("dones[t] = 1 ends the episode with step t, not at the start of step t (CleanRL's dones[t+1]): dones [0,1,0] is not [0.5, 4.726, 3.3]", () => {
    const out = gaeOf(SPEC);
    expect(
      Math.abs((out.advantages[0] as number) - 0.5),
      `advantages[0] of ${show(SPEC)} = ${out.advantages[0]}: read as "step 1 starts an episode"`,
    ).toBeGreaterThan(0.1);
    expect(
      Math.abs((out.advantages[1] as number) - 1),
      `advantages[1] = ${out.advantages[1]}, expected 1`,
    ).toBeLessThan(1e-9);
  });

  test('a done at step t stops both the bootstrap and the trace: rewards [1,0], values [0,10], dones [1,0], γ λ 1 → [1, −10]', () => {
    // Stopping only the bootstrap gives A_0 = 1 − 10 = −9; stopping only the trace gives 1 + 10 = 11.
    const c: Traj = { rewards: [1, 0], values: [0, 10], dones: [1, 0], lastValue: 0, gamma: 1, lambda: 1 };
    expectNumbersClose(gaeOf(c).advantages, [1, -10], 1e-12, show(c));
  });

  test('lastValue bootstraps the last step only while its episode goes on: dones [0,0] → [102, 101], dones [0,1] → [2, 1]', () => {
    const open: Traj = { rewards: [1, 1], values: [0, 0], dones: [0, 0], lastValue: 100, gamma: 1, lambda: 1 };
    expectNumbersClose(gaeOf(open).advantages, [102, 101], 1e-12, show(open));
    const closed: Traj = { ...open, dones: [0, 1] };
    expectNumbersClose(gaeOf(closed).advantages, [2, 1], 1e-12, show(closed));
    const half: Traj = { ...open, gamma: 0.5, lambda: 0.5 };
    // δ = [1 − 0 + 0, 1 + 50] = [1, 51]; A_1 = 51, A_0 = 1 + 0.25·51 = 13.75
    expectNumbersClose(gaeOf(half).advantages, [13.75, 51], 1e-12, show(half));
  });

  test('returns are advantages plus values (the TD(λ) target), not the advantages alone', () => {
    const c: Traj = { rewards: [0, 0], values: [3, -2], dones: [0, 1], lastValue: 7, gamma: 1, lambda: 0 };
    // δ = [0 + (−2) − 3, 0 − (−2)] = [−5, 2]; returns = [−2, 0]
    const out = gaeOf(c);
    expectNumbersClose(out.advantages, [-5, 2], 1e-12, `advantages of ${show(c)}`);
    expectNumbersClose(out.returns, [-2, 0], 1e-12, `returns of ${show(c)}`);
  });

  test('γ = 0: each advantage is r_t − V_t; λ = 0 with γ = 1: the one-step TD error', () => {
    const c: Traj = { rewards: [1, 2, 3], values: [0.5, 1, 1.5], dones: [0, 0, 0], lastValue: 9, gamma: 0, lambda: 1 };
    expectNumbersClose(gaeOf(c).advantages, [0.5, 1, 1.5], 1e-12, show(c));
    const td: Traj = { ...c, gamma: 1, lambda: 0 };
    expectNumbersClose(gaeOf(td).advantages, [1.5, 2.5, 10.5], 1e-12, show(td));
  });

  test('T = 0: empty rewards, values and dones give empty advantages and returns', () => {
    const out = gae([], [], [], 5, 0.99, 0.95);
    expect(out.advantages, 'advantages').toEqual([]);
    expect(out.returns, 'returns').toEqual([]);
  });

  test('Float64Array inputs are accepted and give plain number[] results; the inputs are not changed', () => {
    const rewards = Float64Array.from(SPEC.rewards);
    const values = Float64Array.from(SPEC.values);
    const dones = Float64Array.from(SPEC.dones);
    const out = gae(rewards, values, dones, 2, 0.9, 0.8);
    expectNumbersClose(out.advantages, [2.12, 1, 3.3], 1e-9, 'advantages from Float64Arrays');
    expectNumbersClose(out.returns, [2.62, 2, 4.8], 1e-9, 'returns from Float64Arrays');
    expect(Array.from(rewards), 'rewards unchanged').toEqual(SPEC.rewards);
    expect(Array.from(values), 'values unchanged').toEqual(SPEC.values);
    const plain = { rewards: [...SPEC.rewards], values: [...SPEC.values], dones: [...SPEC.dones] };
    const again = gae(plain.rewards, plain.values, plain.dones, 2, 0.9, 0.8);
    expect(plain, 'plain inputs unchanged').toEqual({ rewards: SPEC.rewards, values: SPEC.values, dones: SPEC.dones });
    expect(again.advantages === again.returns, 'advantages and returns are two arrays').toBe(false);
  });
});

describe('gae: bad input', () => {
  test('throws RangeError when rewards, values and dones differ in length', () => {
    expect(() => gae([1, 2], [0], [0, 0], 0, 0.9, 0.9), 'values [0]').toThrow(RangeError);
    expect(() => gae([1, 2], [0, 0], [0, 0, 0], 0, 0.9, 0.9), 'dones of length 3').toThrow(RangeError);
    expect(() => gae([1], [0, 0], [0, 0], 0, 0.9, 0.9), 'rewards [1]').toThrow(RangeError);
  });

  test('throws RangeError for a done other than 0 and 1 (2, 0.5, −1) and for a NaN or ±Infinity reward, value or lastValue', () => {
    for (const d of [2, 0.5, -1])
      expect(() => gae([1, 2], [0, 0], [0, d], 0, 0.9, 0.9), `done ${d}`).toThrow(RangeError);
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => gae([1, x], [0, 0], [0, 0], 0, 0.9, 0.9), `reward ${x}`).toThrow(RangeError);
      expect(() => gae([1, 2], [x, 0], [0, 0], 0, 0.9, 0.9), `value ${x}`).toThrow(RangeError);
      expect(() => gae([1, 2], [0, 0], [0, 0], x, 0.9, 0.9), `lastValue ${x}`).toThrow(RangeError);
    }
  });

  test('throws RangeError for γ or λ outside [0, 1] (−0.1, 1.01, NaN); 0 and 1 are allowed', () => {
    for (const x of [-0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => gae([1], [0], [0], 0, x, 0.9), `γ ${x}`).toThrow(RangeError);
      expect(() => gae([1], [0], [0], 0, 0.9, x), `λ ${x}`).toThrow(RangeError);
    }
    for (const x of [0, 1]) expect(() => gae([1], [0], [0], 0, x, x), `γ = λ = ${x}`).not.toThrow();
  });

  test("throws TypeError for a non-number element ('1', null, true), an input that is not an array or Float64Array, or γ, λ, lastValue not numbers", () => {
    const loose = <T>(v: unknown) => v as T;
    expect(() => gae(loose([1, '1']), [0, 0], [0, 0], 0, 0.9, 0.9), "reward '1'").toThrow(TypeError);
    expect(() => gae([1, 2], loose([null, 0]), [0, 0], 0, 0.9, 0.9), 'value null').toThrow(TypeError);
    expect(() => gae([1, 2], [0, 0], loose([true, 0]), 0, 0.9, 0.9), 'done true').toThrow(TypeError);
    expect(() => gae(loose('12'), [0, 0], [0, 0], 0, 0.9, 0.9), "rewards '12'").toThrow(TypeError);
    expect(() => gae([1, 2], loose(Float32Array.from([0, 0])), [0, 0], 0, 0.9, 0.9), 'values a Float32Array').toThrow(
      TypeError,
    );
    expect(() => gae([1, 2], [0, 0], [0, 0], loose('0'), 0.9, 0.9), "lastValue '0'").toThrow(TypeError);
    expect(() => gae([1, 2], [0, 0], [0, 0], 0, loose('0.9'), 0.9), "γ '0.9'").toThrow(TypeError);
    expect(() => gae([1, 2], [0, 0], [0, 0], 0, 0.9, loose(undefined)), 'λ undefined').toThrow(TypeError);
  });

  test.prop([badGaeCall])(
    'one bad gae argument anywhere throws the named error (every gae case of "Bad input")',
    (bad) => {
      const a = bad.args;
      const call = () =>
        gae(
          a.rewards as never,
          a.values as never,
          a.dones as never,
          a.lastValue as never,
          a.gamma as never,
          a.lambda as never,
        );
      expect(call, bad.what).toThrow(bad.error === 'TypeError' ? TypeError : RangeError);
    },
  );
});

const SPEC_LOSS: LossCase = {
  logProbs: [[Math.log(1.5), Math.log(0.5), 5]],
  oldLogProbs: [[0, 0, 0]],
  advantages: [[1, 1, 100]],
  values: [[1, 0.5, 100]],
  oldValues: [[0.5, 0, -100]],
  returns: [[2, 0, -100]],
  entropy: [[1, 2, 1000]],
  mask: [[1, 1, 0]],
};

describe('ppoLoss: worked examples and edge cases', () => {
  test('the worked example (third token masked): policy −0.85, value 0.485, entropy 1.5, loss −0.6225, clipFraction 0.5, approxKL 0.143841', () => {
    const want: LossTerms = {
      loss: -0.6225,
      policyLoss: -0.85,
      valueLoss: 0.485,
      entropy: 1.5,
      clipFraction: 0.5,
      approxKL: Math.log(4 / 3) / 2,
    };
    expectTermsClose(ppoLossOracle(SPEC_LOSS), want, 'oracle', 1e-9);
    expectTermsClose(lossOf(SPEC_LOSS), want, 'ppoLoss(SPEC_LOSS)', 1e-5);
  });

  test('policy term max(−A·r, −A·clip(r, 0.8, 1.2)): r 1.5, A 1 → −1.2 (clipped); r 0.5, A 1 → −0.5; r 0.5, A −1 → 0.8 (clipped); r 1.5, A −1 → 1.5', () => {
    const cases: [number, number, number, number][] = [
      [1.5, 1, -1.2, 1],
      [0.5, 1, -0.5, 0],
      [0.5, -1, 0.8, 1],
      [1.5, -1, 1.5, 0],
      [1.1, 2, -2.2, 0],
    ];
    for (const [r, a, policy, clipped] of cases) {
      const got = oneToken({ r, a });
      expect(got.policyLoss, `policyLoss at r = ${r}, A = ${a}`).toBeCloseTo(policy, 5);
      expect(got.clipFraction, `clipFraction at r = ${r}, A = ${a}`).toBe(clipped);
    }
  });

  test('clipFraction counts a token only where the clipped term is strictly larger: A = 0 and r inside [0.8, 1.2] count 0', () => {
    expect(oneToken({ r: 1.5, a: 0 }).clipFraction, 'r 1.5, A 0').toBe(0);
    expect(oneToken({ r: 1.19, a: 1 }).clipFraction, 'r 1.19, A 1').toBe(0);
    expect(oneToken({ r: 0.81, a: -1 }).clipFraction, 'r 0.81, A −1').toBe(0);
    expect(oneToken({ r: 0.7, a: 1 }).clipFraction, 'r 0.7, A 1 (below the range but the unclipped term is kept)').toBe(
      0,
    );
  });

  test('value term 0.5·max((v − R)², (clip(v, v_old ± 0.2) − R)²), clipped around oldValues: v 1, v_old 0.5, R 2 → 0.845; v 0.5, v_old 0, R 0 → 0.125', () => {
    expect(oneToken({ v: 1, oldV: 0.5, ret: 2 }).valueLoss, 'v 1, v_old 0.5, R 2').toBeCloseTo(0.845, 5);
    expect(oneToken({ v: 0.5, oldV: 0, ret: 0 }).valueLoss, 'v 0.5, v_old 0, R 0').toBeCloseTo(0.125, 5);
    expect(oneToken({ v: 1, oldV: 1, ret: 3 }).valueLoss, 'v = v_old: 0.5·(v − R)²').toBeCloseTo(2, 5);
    expect(oneToken({ v: -1, oldV: 0, ret: -1 }).valueLoss, 'v −1, v_old 0, R −1: clipped to −0.2').toBeCloseTo(
      0.32,
      5,
    );
  });

  test('defaults: clipRange 0.2, clipRangeValue 0.2 (its own option), vfCoef 0.5, entCoef 0.01', () => {
    expect(oneToken({ r: 1.5, a: 1 }, { clipRange: 0.3 }).policyLoss, 'clipRange 0.3').toBeCloseTo(-1.3, 5);
    expect(
      oneToken({ v: 1, oldV: 0.5, ret: 2 }, { clipRange: 0.3 }).valueLoss,
      'clipRange 0.3 leaves the value clip at 0.2',
    ).toBeCloseTo(0.845, 5);
    expect(oneToken({ v: 1, oldV: 0.5, ret: 2 }, { clipRangeValue: 0.4 }).valueLoss, 'clipRangeValue 0.4').toBeCloseTo(
      0.605,
      5,
    );
    const t = oneToken({ r: 1, a: 1, v: 1, oldV: 1, ret: 3, ent: 2 });
    // policy −1, value 0.5·4 = 2, entropy 2: −1 + 0.5·2 − 0.01·2 = −0.02
    expect(t.loss, 'loss with the default coefficients').toBeCloseTo(-0.02, 5);
    const undef = { clipRange: undefined, clipRangeValue: undefined, vfCoef: undefined, entCoef: undefined };
    expect(oneToken({ r: 1, a: 1, v: 1, oldV: 1, ret: 3, ent: 2 }, undef).loss, 'every option undefined').toBeCloseTo(
      -0.02,
      5,
    );
    const c = oneToken({ r: 1, a: 1, v: 1, oldV: 1, ret: 3, ent: 2 }, { vfCoef: 1, entCoef: 0.5 });
    expect(c.loss, 'vfCoef 1, entCoef 0.5: −1 + 2 − 1').toBeCloseTo(0, 5);
  });

  test('the entropy bonus is subtracted: entropy 2, entCoef 0.1 lowers the loss by 0.2', () => {
    const base = oneToken({ r: 1, a: 0, ent: 0 }, { entCoef: 0.1 });
    const withEntropy = oneToken({ r: 1, a: 0, ent: 2 }, { entCoef: 0.1 });
    expect(withEntropy.entropy, 'entropy term').toBeCloseTo(2, 5);
    expect(withEntropy.loss - base.loss, 'loss(entropy 2) − loss(entropy 0)').toBeCloseTo(-0.2, 5);
  });

  test('clipRangeValue Infinity turns value clipping off; clipRange 0 clips the ratio to exactly 1', () => {
    expect(oneToken({ v: 1, oldV: 0.5, ret: 2 }, { clipRangeValue: Number.POSITIVE_INFINITY }).valueLoss).toBeCloseTo(
      0.5,
      5,
    );
    const t = oneToken({ r: 1.5, a: 1 }, { clipRange: 0 });
    expect(t.policyLoss, 'clipRange 0, r 1.5, A 1').toBeCloseTo(-1, 5);
  });

  test('approxKL is the mean of (r − 1) − log r: r 2 → 1 − ln 2 = 0.306853; r 1 → 0', () => {
    expect(oneToken({ r: 2 }).approxKL, 'r 2').toBeCloseTo(1 - Math.LN2, 5);
    expect(oneToken({ r: 0.5 }).approxKL, 'r 0.5').toBeCloseTo(Math.LN2 - 0.5, 5);
    expect(oneToken({ r: 1 }).approxKL, 'r 1').toBe(0);
  });

  test('every term is a masked token mean sum(x·mask)/sum(mask) over the whole batch, not a mean of row means', () => {
    // Rows of 1 and 3 unmasked tokens with entropies 4 and [0, 0, 0]: the token mean is 1, the mean of row means 2.
    const c: LossCase = {
      logProbs: [
        [0, 0, 0],
        [0, 0, 0],
      ],
      oldLogProbs: [
        [0, 0, 0],
        [0, 0, 0],
      ],
      advantages: [
        [4, 9, 9],
        [0, 0, 0],
      ],
      values: [
        [2, 0, 0],
        [0, 0, 0],
      ],
      oldValues: [
        [2, 0, 0],
        [0, 0, 0],
      ],
      returns: [
        [0, 0, 0],
        [0, 0, 0],
      ],
      entropy: [
        [4, 7, 7],
        [0, 0, 0],
      ],
      mask: [
        [1, 0, 0],
        [1, 1, 1],
      ],
    };
    const t = lossOf(c);
    expect(t.entropy, 'entropy').toBeCloseTo(1, 5);
    expect(t.policyLoss, 'policyLoss').toBeCloseTo(-1, 5);
    expect(t.valueLoss, 'valueLoss: 0.5·4/4').toBeCloseTo(0.5, 5);
  });

  test('an int32 mask is accepted and gives the same terms as a float32 one', () => {
    expectTermsClose(lossOf(SPEC_LOSS, undefined, 'int32'), lossOf(SPEC_LOSS), 'int32 mask', 1e-6);
  });

  test('advantages are used as given: no whitening inside (a constant A = 3 gives policy −3 at r = 1)', () => {
    const c = { ...SPEC_LOSS, logProbs: [[0, 0, 0]], advantages: [[3, 3, 3]] };
    expect(lossOf(c).policyLoss).toBeCloseTo(-3, 5);
  });
});

/** Builds the tensors of a bad ppoLoss call ('plain' is passed as a plain array), calls, disposes. */
function callBadLoss(bad: BadLossCall): void {
  const made: tf.Tensor[] = [];
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(bad.args.inputs)) {
    if (value === 'plain') {
      inputs[key] = [[1]];
      continue;
    }
    const t = tf.tensor2d(value as number[][]);
    made.push(t);
    inputs[key] = t;
  }
  try {
    const out = ppoLoss(inputs as never, bad.args.options as LossOptions);
    tf.dispose(out as unknown as tf.TensorContainer);
  } finally {
    tf.dispose(made);
  }
}

describe('ppoLoss: bad input', () => {
  const call =
    (inputs: BadLossCall['args']['inputs'], options: Record<string, unknown> = {}) =>
    () =>
      callBadLoss({ args: { inputs, options }, error: 'RangeError', what: '' });

  test('throws RangeError when the eight inputs are not all one [B, T] shape (one wider, one taller, rank 1 or 3, all of rank 1 or 3)', () => {
    expect(call({ ...SPEC_LOSS, returns: [[0, 0]] }), 'returns [1, 2]').toThrow(RangeError);
    expect(call({ ...SPEC_LOSS, oldValues: [[0, 0, 0, 0]] }), 'oldValues [1, 4]').toThrow(RangeError);
    expect(
      call({
        ...SPEC_LOSS,
        mask: [
          [1, 1, 0],
          [1, 1, 0],
        ],
      }),
      'mask [2, 3]',
    ).toThrow(RangeError);
    for (const shape of [[3], [1, 3, 1]]) {
      const same = Object.fromEntries(
        INPUTS.map((k) => [k, tf.tidy(() => tf.reshape(tf.tensor2d(SPEC_LOSS[k]), shape))]),
      );
      try {
        expect(() => ppoLoss(same as never), `all eight inputs of shape [${shape}]`).toThrow(RangeError);
      } finally {
        tf.dispose(Object.values(same));
      }
    }
    for (const [name, shape] of [
      ['advantages', [3]],
      ['entropy', [1, 3, 1]],
      ['logProbs', [3]],
    ] as const) {
      const made = Object.fromEntries(INPUTS.map((k) => [k, tf.tensor2d(SPEC_LOSS[k])])) as Record<string, tf.Tensor>;
      const odd = tf.reshape(made[name] as tf.Tensor, [...shape]);
      try {
        expect(() => ppoLoss({ ...made, [name]: odd } as never), `${name} of shape [${shape}]`).toThrow(RangeError);
      } finally {
        tf.dispose([...Object.values(made), odd]);
      }
    }
  });

  test('throws RangeError for an empty mask (every entry 0) and for a mask entry other than 0 and 1 (2, 0.5, −1)', () => {
    expect(call({ ...SPEC_LOSS, mask: [[0, 0, 0]] }), 'mask [[0,0,0]]').toThrow(RangeError);
    for (const v of [2, 0.5, -1])
      expect(call({ ...SPEC_LOSS, mask: [[1, v, 0]] }), `mask entry ${v}`).toThrow(RangeError);
  });

  test('throws RangeError for clipRange ∉ [0, 1), clipRangeValue < 0 or NaN, vfCoef or entCoef negative or not finite', () => {
    const bad: Record<string, unknown>[] = [
      { clipRange: 1 },
      { clipRange: -0.1 },
      { clipRange: Number.NaN },
      { clipRangeValue: -0.2 },
      { clipRangeValue: Number.NaN },
      { vfCoef: -0.5 },
      { vfCoef: Number.POSITIVE_INFINITY },
      { vfCoef: Number.NaN },
      { entCoef: -0.01 },
      { entCoef: Number.POSITIVE_INFINITY },
      { entCoef: Number.NaN },
    ];
    for (const options of bad) expect(call(SPEC_LOSS, options), JSON.stringify(options)).toThrow(RangeError);
    expect(
      call(SPEC_LOSS, { clipRange: 0, clipRangeValue: 0, vfCoef: 0, entCoef: 0 }),
      'all 0 is allowed',
    ).not.toThrow();
  });

  test("throws TypeError for a missing or non-tensor input and for an option that is not a number (clipRange '0.2', vfCoef true)", () => {
    const { entropy: _e, ...noEntropy } = SPEC_LOSS;
    expect(call(noEntropy), 'no entropy').toThrow(TypeError);
    const { oldLogProbs: _o, ...noOld } = SPEC_LOSS;
    expect(call(noOld), 'no oldLogProbs').toThrow(TypeError);
    expect(call({ ...SPEC_LOSS, mask: 'plain' }), 'mask a plain array').toThrow(TypeError);
    expect(call({ ...SPEC_LOSS, values: 'plain' }), 'values a plain array').toThrow(TypeError);
    expect(call(SPEC_LOSS, { clipRange: '0.2' }), "clipRange '0.2'").toThrow(TypeError);
    expect(call(SPEC_LOSS, { vfCoef: true }), 'vfCoef true').toThrow(TypeError);
    expect(call(SPEC_LOSS, { entCoef: '0' }), "entCoef '0'").toThrow(TypeError);
    expect(call(SPEC_LOSS, { clipRangeValue: '1' }), "clipRangeValue '1'").toThrow(TypeError);
  });

  test.prop([badLossCall], { numRuns: 30 })(
    'one bad input or option anywhere throws the named error (every ppoLoss case of "Bad input")',
    (bad) => {
      expect(() => callBadLoss(bad), bad.what).toThrow(bad.error === 'TypeError' ? TypeError : RangeError);
    },
  );
});

describe('complexity (gae ≤ 20·T + 100 steps; ppoLoss ≤ 100 steps of JavaScript)', () => {
  test('gae on T = 10 000 steps within 20·T + 100 steps, as number[] and as Float64Array (one reverse scan, not a sum per step)', () => {
    const n = 10_000;
    const u = seededUniform(5);
    const c: Traj = {
      rewards: Array.from({ length: n }, () => Math.round(u() * 4) / 2),
      values: Array.from({ length: n }, () => Math.round(u() * 8) / 4 - 1),
      dones: Array.from({ length: n }, () => (u() < 0.001 ? 1 : 0)),
      lastValue: 0.5,
      gamma: 0.99,
      lambda: 0.95,
    };
    const want = gaeOracle(c.rewards, c.values, c.dones, c.lastValue, c.gamma, c.lambda);
    for (const kind of ['number[]', 'Float64Array'] as const) {
      const as = (xs: number[]) => (kind === 'number[]' ? xs : Float64Array.from(xs));
      const [r, v, d] = [as(c.rewards), as(c.values), as(c.dones)];
      const out = expectWithinBudget(() => counted.gae(r, v, d, c.lastValue, c.gamma, c.lambda), {
        steps: 20 * n + 100,
        rule: `20·T + 100 for T = ${n} (${kind})`,
      });
      expectNumbersClose(out.advantages, want.advantages, 1e-9, `advantages (${kind})`);
      expectNumbersClose(out.returns, want.returns, 1e-9, `returns (${kind})`);
    }
  });

  test('ppoLoss on B = 32, T = 256 matches the float64 oracle within 100 steps of JavaScript (no loop over tokens)', () => {
    const b = 32;
    const t = 256;
    const mat = (seed: number, scale: number, shift: number) => {
      const v = randomValues(b * t, seed, scale);
      return Array.from({ length: b }, (_, i) =>
        Array.from(v.subarray(i * t, (i + 1) * t), (x) => Math.fround(x + shift)),
      );
    };
    const logProbs = mat(1, 1, -2);
    const step = mat(2, 0.4, 0);
    const values = mat(3, 1, 0);
    const vStep = mat(4, 0.4, 0);
    const c: LossCase = {
      logProbs,
      oldLogProbs: logProbs.map((row, i) => row.map((x, j) => Math.fround(x - (step[i]?.[j] as number)))),
      advantages: mat(5, 2, 0),
      values,
      oldValues: values.map((row, i) => row.map((x, j) => Math.fround(x - (vStep[i]?.[j] as number)))),
      returns: mat(6, 1, 0),
      entropy: mat(7, 1, 1.5),
      mask: Array.from({ length: b }, (_, i) => Array.from({ length: t }, (_, j) => (j < 1 + ((i * 37) % t) ? 1 : 0))),
    };
    const made = Object.fromEntries(INPUTS.map((k) => [k, tf.tensor2d(c[k])])) as Record<
      (typeof INPUTS)[number],
      tf.Tensor2D
    >;
    try {
      const out = expectWithinBudget(
        () => counted.ppoLoss(made),
        { steps: 100, rule: '100, for any B and T' },
        { builtins: false },
      );
      try {
        const got = Object.fromEntries(TERMS.map((k) => [k, out[k].dataSync()[0] as number])) as unknown as LossTerms;
        expectTermsClose(got, ppoLossOracle(c), 'B = 32, T = 256');
      } finally {
        tf.dispose(out as unknown as tf.TensorContainer);
      }
    } finally {
      tf.dispose(Object.values(made));
    }
  });
});

describe('properties (float64 oracle, invariants)', () => {
  test.prop([trajectory])(
    'gae matches the float64 oracle (the explicit sum of discounted TD errors within each episode)',
    (c) => {
      const want = gaeOracle(c.rewards, c.values, c.dones, c.lastValue, c.gamma, c.lambda);
      const out = gaeOf(c);
      expectNumbersClose(out.advantages, want.advantages, 1e-9, `advantages of ${show(c)}`);
      expectNumbersClose(out.returns, want.returns, 1e-9, `returns of ${show(c)}`);
    },
  );

  test.prop([trajectory])('λ = 1: advantages are the discounted returns within the episode minus the values', (c) => {
    const want = discountedReturns(c.rewards, c.dones, c.lastValue, c.gamma).map((g, t) => g - (c.values[t] as number));
    expectNumbersClose(gaeOf({ ...c, lambda: 1 }).advantages, want, 1e-9, show({ ...c, lambda: 1 }));
  });

  test.prop([trajectory])('λ = 0: advantages are the one-step TD errors r_t + γ·V_{t+1}·(1 − d_t) − V_t', (c) => {
    const want = tdErrors(c.rewards, c.values, c.dones, c.lastValue, c.gamma);
    expectNumbersClose(gaeOf({ ...c, lambda: 0 }).advantages, want, 1e-9, show({ ...c, lambda: 0 }));
  });

  test.prop([trajectory, trajectory])(
    'steps after a done do not change the advantages up to it (episodes are independent)',
    (first, second) => {
      const ended = { ...first, dones: [...first.dones.slice(0, -1), 1] };
      const joined: Traj = {
        ...ended,
        rewards: [...ended.rewards, ...second.rewards],
        values: [...ended.values, ...second.values],
        dones: [...ended.dones, ...second.dones],
        lastValue: second.lastValue,
      };
      const n = ended.rewards.length;
      expectNumbersClose(gaeOf(joined).advantages.slice(0, n), gaeOf(ended).advantages, 1e-9, show(joined));
    },
  );

  test.prop([lossCase, lossOptions], { numRuns: 40 })(
    'ppoLoss matches the float64 oracle on all six terms',
    (c, opts) => {
      expectTermsClose(lossOf(c, opts), ppoLossOracle(c, opts), `options ${JSON.stringify(opts)}`);
    },
  );

  test.prop([lossCase], { numRuns: 25 })(
    'logProbs = oldLogProbs (ratio 1): policy loss = −masked mean(A), clipFraction 0, approxKL 0',
    (c) => {
      const t = lossOf({ ...c, oldLogProbs: c.logProbs });
      let sum = 0;
      let count = 0;
      for (const [b, row] of c.mask.entries()) {
        for (const [j, m] of row.entries()) {
          sum += m * (c.advantages[b]?.[j] as number);
          count += m;
        }
      }
      expect(Math.abs(t.policyLoss + sum / count), `policyLoss ${t.policyLoss} vs ${-sum / count}`).toBeLessThan(1e-5);
      expect(t.clipFraction, 'clipFraction').toBe(0);
      expect(Math.abs(t.approxKL), 'approxKL').toBeLessThan(1e-6);
    },
  );

  test.prop([lossCase, fc.constantFrom(0.1, 0.2)], { numRuns: 25 })(
    'clipping only ever raises the loss: policy ≥ masked mean(−A·r), value ≥ 0.5·masked mean((v − R)²)',
    (c, eps) => {
      const t = lossOf(c, { clipRange: eps, clipRangeValue: eps });
      const unclipped = ppoLossOracle(c, { clipRange: 0.999999, clipRangeValue: Number.POSITIVE_INFINITY });
      let pg = 0;
      let count = 0;
      for (const [b, row] of c.mask.entries()) {
        for (const [j, m] of row.entries()) {
          if (m === 0) continue;
          pg +=
            -(c.advantages[b]?.[j] as number) *
            Math.exp((c.logProbs[b]?.[j] as number) - (c.oldLogProbs[b]?.[j] as number));
          count += 1;
        }
      }
      expect(t.policyLoss, `policyLoss with clipRange ${eps}`).toBeGreaterThanOrEqual(pg / count - 1e-5);
      expect(t.valueLoss, `valueLoss with clipRangeValue ${eps}`).toBeGreaterThanOrEqual(unclipped.valueLoss - 1e-5);
    },
  );

  test.prop([lossCase, fc.integer({ min: -15, max: 15 })], { numRuns: 25 })(
    'values under the mask’s zeros do not matter',
    (c, garbage) => {
      const junk = (rows: number[][]) => rows.map((row, b) => row.map((x, j) => (c.mask[b]?.[j] === 0 ? garbage : x)));
      const dirty: LossCase = {
        ...c,
        logProbs: junk(c.logProbs),
        advantages: junk(c.advantages),
        values: junk(c.values),
        oldValues: junk(c.oldValues),
        returns: junk(c.returns),
        entropy: junk(c.entropy),
      };
      expectTermsClose(lossOf(dirty), lossOf(c), `masked entries set to ${garbage}`, 1e-5);
    },
  );
});
