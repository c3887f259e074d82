import { describe, expect } from 'vitest';
import { adamwStep, clipGradNorm, lrAt } from '@impl/adamw-schedule';
import * as counted from '@impl-counted/adamw-schedule';
import {
  type AdamWOptions,
  type AdamWState,
  adamwCase,
  badCall,
  clipCase,
  type Schedule,
  scheduleCase,
  type Tensors,
} from './inputs.ts';
import { adamwOracle, clipOracle, lrOracle, type OracleOptions, TORCH_DEFAULTS } from './oracle.ts';
import { test } from '../../src/harness/prop.ts';
import { seededUniform } from '../../src/harness/random.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

const RTOL = 1e-12;

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

const withDefaults = (o: AdamWOptions): OracleOptions => ({
  lr: o.lr,
  beta1: o.beta1 ?? TORCH_DEFAULTS.beta1,
  beta2: o.beta2 ?? TORCH_DEFAULTS.beta2,
  eps: o.eps ?? TORCH_DEFAULTS.eps,
  weightDecay: o.weightDecay ?? TORCH_DEFAULTS.weightDecay,
});

/** `actual` has the shape of `expected`, and every entry is within `tol[i][j]` of it. */
function expectTensorsClose(actual: unknown, expected: Tensors, tol: Tensors, what: string): void {
  if (!Array.isArray(actual) || actual.length !== expected.length) {
    expect.fail(`${what}: expected ${expected.length} tensors, got ${show(actual)}`);
  }
  const a = actual as unknown[];
  expected.forEach((tensor, i) => {
    const row = a[i] as unknown[];
    if (!Array.isArray(row) || row.length !== tensor.length) {
      expect.fail(`${what}[${i}]: expected ${tensor.length} entries, got ${show(row)}`);
    }
    tensor.forEach((e, j) => {
      const got = row[j] as number;
      const allowed = (tol[i]?.[j] as number) + 1e-300;
      // one expect per failure only: thousands of passing entries stay cheap
      if (!(typeof got === 'number' && Math.abs(got - e) <= allowed)) {
        expect.fail(`${what}[${i}][${j}] = ${got}, expected ${e} (±${allowed.toExponential(1)})`);
      }
    });
  });
}

/** Numbers to 1e-9 relative (the literal expectations of the worked examples). */
function expectNear(actual: unknown, expected: number, what: string): void {
  expect(typeof actual, `${what}: type`).toBe('number');
  const a = actual as number;
  expect(
    Math.abs(a - expected) <= 1e-9 * Math.max(1e-300, Math.abs(expected)) || a === expected,
    `${what} = ${a}, expected ${expected}`,
  ).toBe(true);
}

function expectStepMatchesOracle(
  params: Tensors,
  grads: Tensors,
  state: AdamWState | null,
  options: AdamWOptions,
  what: string,
): void {
  const got = adamwStep(params, grads, state, options);
  const want = adamwOracle(params, grads, state, withDefaults(options));
  expectTensorsClose(got.params, want.params, scaled(want.scale), `${what}: params`);
  expect(got.state.step, `${what}: state.step`).toBe(want.state.step);
  const mTol = params.map((p, i) =>
    p.map((_, j) => RTOL * (Math.abs(state?.m[i]?.[j] ?? 0) + Math.abs(grads[i]?.[j] as number))),
  );
  const vTol = params.map((p, i) => p.map((_, j) => RTOL * ((state?.v[i]?.[j] ?? 0) + (grads[i]?.[j] as number) ** 2)));
  expectTensorsClose(got.state.m, want.state.m, mTol, `${what}: state.m`);
  expectTensorsClose(got.state.v, want.state.v, vTol, `${what}: state.v`);
}

const scaled = (scale: Tensors, by = RTOL): Tensors => scale.map((t) => t.map((s) => s * by));

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

const HF: Schedule = { baseLr: 1e-3, warmupSteps: 10, totalSteps: 110, minLr: 1e-4 };

describe('adamw-schedule: lrAt worked examples', () => {
  test('warmup is linear from 0: lrAt(0) = 0, lrAt(5) = 5e-4 for baseLr 1e-3, warmupSteps 10', () => {
    expectNear(lrAt(0, HF), 0, 'lrAt(0)');
    expectNear(lrAt(5, HF), 5e-4, 'lrAt(5)');
    expectNear(lrAt(9, HF), 9e-4, 'lrAt(9)');
  });

  test('at step = warmupSteps the rate is baseLr (progress 0), and the cosine is halfway at the middle: lrAt(10) = 1e-3, lrAt(60) = 5.5e-4', () => {
    expectNear(lrAt(10, HF), 1e-3, 'lrAt(10)');
    expectNear(lrAt(60, HF), 5.5e-4, 'lrAt(60)');
  });

  test('cosine to the floor: lrAt(35) = 1e-4 + 9e-4·0.5·(1 + cos(π/4)) ≈ 8.68198e-4 and lrAt(110) = minLr = 1e-4', () => {
    expectNear(lrAt(35, HF), 1e-4 + 9e-4 * 0.5 * (1 + Math.SQRT1_2), 'lrAt(35)');
    expectNear(lrAt(110, HF), 1e-4, 'lrAt(110)');
  });

  test('minLr left out means 0: { baseLr: 1, warmupSteps: 0, totalSteps: 4 } gives 1, 0.853553, 0.5, 0.146447, 0', () => {
    const s = { baseLr: 1, warmupSteps: 0, totalSteps: 4 };
    const expected = [1, 0.5 * (1 + Math.SQRT1_2), 0.5, 0.5 * (1 - Math.SQRT1_2), 0];
    expected.forEach((e, k) => {
      const got = lrAt(k, s);
      expect(Math.abs(got - e) <= 1e-12, `lrAt(${k}, ${show(s)}) = ${got}, expected ${e}`).toBe(true);
    });
  });

  test('warmupSteps = totalSteps: no decay phase, lrAt(3) = baseLr (progress (3 − 3)/max(1, 0) = 0): 0, 2/3, 4/3, 2', () => {
    const s = { baseLr: 2, warmupSteps: 3, totalSteps: 3 };
    [0, 2 / 3, 4 / 3, 2].forEach((e, k) => {
      expectNear(lrAt(k, s), e, `lrAt(${k}, ${show(s)})`);
    });
  });

  test('warmupSteps = 1: lrAt(0) = 0, then lrAt(1) = baseLr (warmup divides by max(1, W), not W + 1)', () => {
    const s = { baseLr: 0.5, warmupSteps: 1, totalSteps: 3, minLr: 0.1 };
    expectNear(lrAt(0, s), 0, 'lrAt(0)');
    expectNear(lrAt(1, s), 0.5, 'lrAt(1)');
    expectNear(lrAt(2, s), 0.3, 'lrAt(2)');
    expectNear(lrAt(3, s), 0.1, 'lrAt(3)');
  });

  test('baseLr = 0 is allowed (a frozen phase): the rate is 0 at every step', () => {
    const s = { baseLr: 0, warmupSteps: 2, totalSteps: 5 };
    for (let k = 0; k <= 5; k++) {
      const lr = lrAt(k, s);
      expect(lr === 0, `lrAt(${k}, ${show(s)}) = ${lr}, expected 0`).toBe(true);
    }
  });

  test('minLr = baseLr: constant after warmup; minLr undefined is 0', () => {
    const s = { baseLr: 0.2, warmupSteps: 2, totalSteps: 7, minLr: 0.2 };
    for (let k = 2; k <= 7; k++) expectNear(lrAt(k, s), 0.2, `lrAt(${k}, ${show(s)})`);
    const end = lrAt(7, { baseLr: 0.2, warmupSteps: 2, totalSteps: 7, minLr: undefined });
    expect(Math.abs(end) <= 1e-12 * 0.2, `minLr: undefined → lrAt(7) = ${end}, expected 0`).toBe(true);
  });
});

describe('adamw-schedule: lrAt bad input', () => {
  test('a step outside [0, totalSteps] or not an integer throws RangeError: -1, 111, 2.5, NaN, Infinity', () => {
    for (const step of [-1, 111, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => lrAt(step, HF), `lrAt(${step})`).toThrow(RangeError);
    }
  });

  test("a step that is not a number throws TypeError: '5', null, undefined", () => {
    for (const step of ['5', null, undefined]) {
      expect(() => lrAt(step as unknown as number, HF), `lrAt(${show(step)})`).toThrow(TypeError);
    }
  });

  test('warmupSteps > totalSteps throws RangeError', () => {
    expect(() => lrAt(0, { baseLr: 1e-3, warmupSteps: 11, totalSteps: 10 })).toThrow(RangeError);
  });

  test('minLr above baseLr or negative throws RangeError; baseLr negative or non-finite throws RangeError', () => {
    for (const s of [
      { ...HF, minLr: 2e-3 },
      { ...HF, minLr: -1e-5 },
      { ...HF, baseLr: -1e-3, minLr: 0 },
      { ...HF, baseLr: Number.POSITIVE_INFINITY },
      { ...HF, baseLr: Number.NaN },
    ]) {
      expect(() => lrAt(0, s), show(s)).toThrow(RangeError);
    }
  });

  test('warmupSteps not an integer >= 0 or totalSteps not an integer >= 1 throws RangeError: -1, 2.5, 0 total', () => {
    for (const s of [
      { ...HF, warmupSteps: -1 },
      { ...HF, warmupSteps: 2.5 },
      { ...HF, totalSteps: 110.5 },
      { baseLr: 1, warmupSteps: 0, totalSteps: 0 },
      { ...HF, totalSteps: Number.POSITIVE_INFINITY },
    ]) {
      expect(() => lrAt(0, s), show(s)).toThrow(RangeError);
    }
  });

  test('a schedule that is not an object, or a field that is missing or not a number, throws TypeError; types come first: totalSteps null with warmupSteps 1 is a TypeError, not a failed warmupSteps <= totalSteps', () => {
    for (const s of [
      null,
      undefined,
      3,
      { warmupSteps: 1, totalSteps: 2 },
      { ...HF, totalSteps: '110' },
      { ...HF, minLr: null },
      { baseLr: 0.1, warmupSteps: 1, totalSteps: null },
      { baseLr: 0.1, warmupSteps: 5, totalSteps: '2' },
    ]) {
      expect(() => lrAt(0, s as unknown as Schedule), `schedule = ${show(s)}`).toThrow(TypeError);
    }
  });
});

describe('adamw-schedule: clipGradNorm worked examples', () => {
  test('one norm over ALL tensors: [[3], [4]] with maxNorm 1 → totalNorm 5, grads × 1/(5 + 1e-6) = [[0.59999988], [0.79999984]]', () => {
    const { grads, totalNorm } = clipGradNorm([[3], [4]], 1);
    expectNear(totalNorm, 5, 'totalNorm');
    const coef = 1 / (5 + 1e-6);
    expectTensorsClose(grads, [[3 * coef], [4 * coef]], [[1e-15], [1e-15]], 'grads');
  });

  test('the norm is the pre-clip one and the 1e-6 is in the denominator: [[3, 4]] with maxNorm 5 is scaled by 5/5.000001', () => {
    const { grads, totalNorm } = clipGradNorm([[3, 4]], 5);
    expectNear(totalNorm, 5, 'totalNorm');
    const coef = 5 / (5 + 1e-6);
    expectTensorsClose(grads, [[3 * coef, 4 * coef]], [[1e-15, 1e-15]], 'grads');
  });

  test('only scales down: [[0.3], [0.4]] with maxNorm 1 is returned unchanged (coefficient clamped to 1), totalNorm 0.5', () => {
    const { grads, totalNorm } = clipGradNorm([[0.3], [0.4]], 1);
    expectNear(totalNorm, 0.5, 'totalNorm');
    expect(grads, 'grads').toEqual([[0.3], [0.4]]);
  });

  test('zero gradients stay zero (1/(0 + 1e-6) is clamped to 1); an empty list has norm 0', () => {
    const zero = clipGradNorm([[0, 0], []], 1);
    expect(zero.totalNorm, 'totalNorm of zeros').toBe(0);
    expect(zero.grads, 'grads').toEqual([[0, 0], []]);
    const empty = clipGradNorm([], 2);
    expect(empty.totalNorm, 'totalNorm of []').toBe(0);
    expect(empty.grads, 'grads of []').toEqual([]);
  });

  test('clipGradNorm does not modify its input and returns new arrays (frozen grads)', () => {
    const g = deepFreeze([[3], [4, 0]]);
    const out = clipGradNorm(g, 1);
    expect(out.grads, 'a new list').not.toBe(g);
    expect(out.grads[0], 'a new tensor').not.toBe(g[0]);
    const same = clipGradNorm(deepFreeze([[0.1]]), 1);
    expect(same.grads, 'unchanged values').toEqual([[0.1]]);
    expect(g, 'input untouched').toEqual([[3], [4, 0]]);
  });
});

describe('adamw-schedule: clipGradNorm bad input', () => {
  test('maxNorm that is not a finite number > 0 throws RangeError: 0, -1, NaN, Infinity', () => {
    for (const maxNorm of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clipGradNorm([[1]], maxNorm), `maxNorm ${maxNorm}`).toThrow(RangeError);
    }
  });

  test('a non-finite gradient throws RangeError: NaN, Infinity, -Infinity (PyTorch would return a NaN norm)', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => clipGradNorm([[1], [2, bad]], 1), `grads [[1], [2, ${bad}]]`).toThrow(RangeError);
    }
  });

  test('grads that are not an array of arrays of numbers, or maxNorm not a number, throw TypeError', () => {
    for (const grads of [null, undefined, [1, 2], [[1], '2'], [['1']], [[null]]]) {
      expect(() => clipGradNorm(grads as unknown as Tensors, 1), `grads ${show(grads)}`).toThrow(TypeError);
    }
    for (const maxNorm of ['1', null, undefined]) {
      expect(() => clipGradNorm([[1]], maxNorm as unknown as number), `maxNorm ${show(maxNorm)}`).toThrow(TypeError);
    }
  });
});

describe('adamw-schedule: adamwStep worked examples', () => {
  test('first step from a fresh state (null): p = 1, g = 0.5, lr 0.1, torch defaults → p = 0.999 − 0.1·0.5/(0.5 + 1e-8) ≈ 0.899000002', () => {
    const { params, state } = adamwStep([[1]], [[0.5]], null, { lr: 0.1 });
    expectNear(params[0]?.[0], 0.999 - 0.1 * (0.5 / (0.5 + 1e-8)), 'p');
    expect(state.step, 'state.step').toBe(1);
    expectNear(state.m[0]?.[0], 0.05, 'm = (1 − β1)·g');
    expectNear(state.v[0]?.[0], 0.00025, 'v = (1 − β2)·g²');
  });

  test('weight decay is decoupled and scaled by lr: p·(1 − lr·wd) BEFORE the Adam update, not wd·p added to the gradient (0.899000002, not 0.900000002)', () => {
    const p = adamwStep([[1]], [[0.5]], null, { lr: 0.1, weightDecay: 0.01 }).params[0]?.[0];
    expectNear(p, 0.999 - 0.1 * (0.5 / (0.5 + 1e-8)), 'p');
    const big = adamwStep([[2]], [[0.5]], null, { lr: 0.5, weightDecay: 0.5 }).params[0]?.[0];
    expectNear(big, 2 * (1 - 0.25) - 0.5 * (0.5 / (0.5 + 1e-8)), 'p = 2·(1 − 0.25) − 0.5·u, lr 0.5, wd 0.5');
  });

  test('eps is outside the square root: p = 0, g = 1e-8, lr 1, wd 0 → m̂ = 1e-8, √v̂ = 1e-8, p = −1e-8/(1e-8 + 1e-8) = −0.5', () => {
    const { params } = adamwStep([[0]], [[1e-8]], null, { lr: 1, weightDecay: 0 });
    expectNear(params[0]?.[0], -0.5, 'p');
  });

  test('the second step uses t = 2: g = 0.5 then −0.5, lr 0.1, wd 0 → m = −0.005, v = 0.00049975, p ≈ 0.900000002 + 0.1/19', () => {
    const first = adamwStep([[1]], [[0.5]], null, { lr: 0.1, weightDecay: 0 });
    expectNear(first.params[0]?.[0], 1 - 0.1 * (0.5 / (0.5 + 1e-8)), 'p after step 1');
    const second = adamwStep(first.params, [[-0.5]], first.state, { lr: 0.1, weightDecay: 0 });
    expect(second.state.step, 'state.step').toBe(2);
    expectNear(second.state.m[0]?.[0], -0.005, 'm');
    expectNear(second.state.v[0]?.[0], 0.00049975, 'v');
    // m̂ = −0.005/0.19 = −1/38, v̂ = 0.00049975/0.001999 = 0.25: u = (−1/38)/(0.5 + 1e-8)
    expectNear(
      second.params[0]?.[0],
      (first.params[0]?.[0] as number) + (0.1 * (1 / 38)) / (0.5 + 1e-8),
      'p after step 2',
    );
  });

  test('bias correction uses β1 for m and β2 for v: a state at step 9 with m = 0.2, v = 0.01, g = 0.1 matches the float64 formulas', () => {
    const state = { step: 9, m: [[0.2, -0.1]], v: [[0.01, 0.04]] };
    expectStepMatchesOracle(
      [[0.5, -2]],
      [[0.1, 0.3]],
      state,
      { lr: 0.01, beta1: 0.8, beta2: 0.99, weightDecay: 0.1 },
      'step 10',
    );
  });

  test('several tensors and an empty one keep their shapes: [[1, 2], [], [3]]', () => {
    const params = [[1, 2], [], [3]];
    const grads = [[0.1, -0.2], [], [0.3]];
    const out = adamwStep(params, grads, null, { lr: 0.01 });
    expect(
      out.params.map((t) => t.length),
      'params shape',
    ).toEqual([2, 0, 1]);
    expect(
      out.state.m.map((t) => t.length),
      'm shape',
    ).toEqual([2, 0, 1]);
    expectStepMatchesOracle(params, grads, null, { lr: 0.01 }, 'three tensors');
  });

  test('lr = 0 changes nothing but the moments and the step (the first warmup step of an HF schedule)', () => {
    const out = adamwStep([[1, -1]], [[0.5, 2]], null, { lr: 0 });
    expect(out.params, 'params').toEqual([[1, -1]]);
    expect(out.state.step, 'step').toBe(1);
    expectNear(out.state.m[0]?.[1], 0.2, 'm');
  });

  test('undefined state means fresh, like null; defaults are torch.optim.AdamW’s (0.9, 0.999, 1e-8, 0.01)', () => {
    const a = adamwStep([[1]], [[0.5]], undefined as unknown as null, { lr: 0.1 });
    const b = adamwStep([[1]], [[0.5]], null, { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 });
    expect(a, 'undefined state vs null with explicit defaults').toEqual(b);
    const c = adamwStep([[1]], [[0.5]], null, { lr: 0.1, beta1: undefined, eps: undefined });
    expect(c, 'options given as undefined take their defaults').toEqual(b);
  });

  test('adamwStep does not modify its inputs (deeply frozen params, grads, state, options)', () => {
    const params = deepFreeze([[1, 2], [3]]);
    const grads = deepFreeze([[0.1, -0.2], [0.3]]);
    const state = deepFreeze({ step: 3, m: [[0.01, 0.02], [0.03]], v: [[0.001, 0.002], [0.003]] });
    const options = deepFreeze({ lr: 0.01, weightDecay: 0.1 });
    const out = adamwStep(params, grads, state, options);
    expect(out.state, 'a new state').not.toBe(state);
    expect(out.state.step, 'new step').toBe(4);
    expect(state.step, 'old state untouched').toBe(3);
    expectStepMatchesOracle(params, grads, state, options, 'frozen');
  });
});

describe('adamw-schedule: adamwStep bad input', () => {
  const P = [[1, 2], [3]];
  const G = [[0.1, 0.2], [0.3]];

  test('grads of another shape than params throw RangeError: one tensor more, one entry short', () => {
    expect(() => adamwStep(P, [...G, [1]], null, { lr: 0.1 }), 'one tensor more').toThrow(RangeError);
    expect(() => adamwStep(P, [[0.1], [0.3]], null, { lr: 0.1 }), 'grads[0] one entry short').toThrow(RangeError);
    expect(() => adamwStep(P, [[0.1, 0.2]], null, { lr: 0.1 }), 'one tensor fewer').toThrow(RangeError);
  });

  test('a non-finite gradient or parameter throws RangeError: NaN, Infinity', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => adamwStep(P, [[0.1, bad], [0.3]], null, { lr: 0.1 }), `grad ${bad}`).toThrow(RangeError);
      expect(() => adamwStep([[1, 2], [bad]], G, null, { lr: 0.1 }), `param ${bad}`).toThrow(RangeError);
    }
  });

  test('betas outside [0, 1) throw RangeError: beta1 1, -0.1; beta2 1, 1.5, NaN', () => {
    for (const options of [{ beta1: 1 }, { beta1: -0.1 }, { beta2: 1 }, { beta2: 1.5 }, { beta2: Number.NaN }]) {
      expect(() => adamwStep(P, G, null, { lr: 0.1, ...options }), show(options)).toThrow(RangeError);
    }
    expect(adamwStep(P, G, null, { lr: 0.1, beta1: 0, beta2: 0 }).state.step, 'betas 0 are allowed').toBe(1);
  });

  test('beta1 0 and beta2 0 are values, not missing options: with non-zero moments the step is the oracle one (not the 0.9 / 0.999 one)', () => {
    const state: AdamWState = { step: 3, m: [[0.5, -0.2], [0.1]], v: [[0.04, 0.01], [0.09]] };
    for (const options of [{ beta1: 0 }, { beta2: 0 }, { beta1: 0, beta2: 0 }]) {
      expectStepMatchesOracle(P, G, state, { lr: 0.1, ...options }, show(options));
    }
  });

  test('lr < 0, eps <= 0, weightDecay < 0 (or non-finite) throw RangeError', () => {
    for (const options of [
      { lr: -0.1 },
      { lr: Number.POSITIVE_INFINITY },
      { lr: 0.1, eps: 0 },
      { lr: 0.1, eps: -1e-8 },
      { lr: 0.1, weightDecay: -0.01 },
      { lr: 0.1, weightDecay: Number.NaN },
    ]) {
      expect(() => adamwStep(P, G, null, options), show(options)).toThrow(RangeError);
    }
  });

  test('options not an object, lr missing, or an option not a number throw TypeError', () => {
    for (const options of [
      null,
      undefined,
      0.1,
      {},
      { lr: '0.1' },
      { lr: 0.1, beta1: '0.9' },
      { lr: 0.1, weightDecay: null },
    ]) {
      expect(() => adamwStep(P, G, null, options as unknown as AdamWOptions), `options ${show(options)}`).toThrow(
        TypeError,
      );
    }
  });

  test('params or grads not an array of arrays of numbers throw TypeError', () => {
    for (const bad of [null, 3, 'ab', [1, 2], [[1, '2'], [3]], [[1, 2], null]]) {
      expect(() => adamwStep(bad as unknown as Tensors, G, null, { lr: 0.1 }), `params ${show(bad)}`).toThrow(
        TypeError,
      );
      expect(() => adamwStep(P, bad as unknown as Tensors, null, { lr: 0.1 }), `grads ${show(bad)}`).toThrow(TypeError);
    }
  });

  test('a state whose step is not an integer >= 0, whose m or v has another shape, or whose v is negative throws RangeError', () => {
    const good = { step: 2, m: [[0, 0], [0]], v: [[0, 0], [0]] };
    for (const state of [
      { ...good, step: -1 },
      { ...good, step: 1.5 },
      { ...good, m: [[0, 0]] },
      { ...good, v: [[0], [0]] },
      { ...good, v: [[0, -1e-3], [0]] },
      { ...good, m: [[0, Number.NaN], [0]] },
    ]) {
      expect(() => adamwStep(P, G, state, { lr: 0.1 }), `state ${show(state)}`).toThrow(RangeError);
    }
  });

  test('a state that is neither null nor an object, or whose fields are missing, throws TypeError', () => {
    for (const state of [5, 'fresh', { m: [[0, 0], [0]], v: [[0, 0], [0]] }, { step: 1, v: [[0, 0], [0]] }]) {
      expect(() => adamwStep(P, G, state as unknown as AdamWState, { lr: 0.1 }), `state ${show(state)}`).toThrow(
        TypeError,
      );
    }
  });
});

/** Work: 40·(N + G) + 100 steps for N numbers in G tensors. */
const budget = (ts: Tensors) => {
  const n = ts.reduce((s, t) => s + t.length, 0);
  return { steps: 40 * (n + ts.length) + 100, rule: `40·(N + G) + 100 for N = ${n}, G = ${ts.length}` };
};

function bigTensors(groups: number, size: number, seed: number, scale = 1): Tensors {
  const rand = seededUniform(seed);
  return Array.from({ length: groups }, () => Array.from({ length: size }, () => (rand() * 2 - 1) * scale));
}

describe('adamw-schedule: work (lrAt ≤ 100 steps; clipGradNorm and adamwStep ≤ 40·(N + G) + 100)', () => {
  test('lrAt(10^6) of a 2·10^6-step schedule takes at most 100 steps and matches the formula', () => {
    const s = { baseLr: 3e-4, warmupSteps: 2000, totalSteps: 2_000_000, minLr: 3e-5 };
    const got = expectWithinBudget(() => counted.lrAt(1_000_000, s), { steps: 100, rule: '100 for any step' });
    expect(Math.abs(got - lrOracle(1_000_000, s)) <= RTOL * 3e-4, `lrAt(10^6) = ${got}`).toBe(true);
  });

  test('adamwStep on 100 tensors of 100 entries at state.step = 10^6 stays within budget (β^t is not a loop over t)', () => {
    const params = bigTensors(100, 100, 1);
    const grads = bigTensors(100, 100, 2, 0.1);
    const state = {
      step: 1_000_000,
      m: bigTensors(100, 100, 3, 0.01),
      v: bigTensors(100, 100, 4, 0.01).map((t) => t.map(Math.abs)),
    };
    const out = expectWithinBudget(() => counted.adamwStep(params, grads, state, { lr: 1e-3 }), budget(params));
    const want = adamwOracle(params, grads, state, withDefaults({ lr: 1e-3 }));
    expectTensorsClose(out.params, want.params, scaled(want.scale), 'params');
  });

  test('clipGradNorm on 2000 tensors of 5 entries computes the global norm once (not once per tensor)', () => {
    const grads = bigTensors(2000, 5, 5);
    const out = expectWithinBudget(() => counted.clipGradNorm(grads, 1), budget(grads));
    const want = clipOracle(grads, 1);
    expect(Math.abs(out.totalNorm - want.totalNorm) <= RTOL * want.totalNorm, `totalNorm ${out.totalNorm}`).toBe(true);
  });
});

/**
 * 1000 training steps on a quadratic loss ½·Σ a·(p − c)²: the gradient is computed from the
 * oracle's trajectory, clipped to maxNorm 1, and fed to both sides, with the schedule's rate at
 * 0-based step k and AdamW's t = k + 1. Rounding errors add up over the steps but are never
 * amplified (the gradients are the same on both sides), so the tolerance is 1e-12 times the
 * summed sizes of every step's terms.
 */
describe('adamw-schedule: many steps against the float64 oracle', () => {
  test('1000 steps of clip + warmup/cosine schedule + AdamW agree with the oracle to 1e-12 of the summed step sizes', () => {
    const rand = seededUniform(39);
    const shapeOf = [3, 1, 4];
    const a = shapeOf.map((n) => Array.from({ length: n }, () => 0.1 + rand() * 3));
    const c = shapeOf.map((n) => Array.from({ length: n }, () => rand() * 4 - 2));
    const s: Schedule = { baseLr: 0.05, warmupSteps: 100, totalSteps: 1000, minLr: 0.005 };
    const options = { lr: 0, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 };
    let mine = {
      params: shapeOf.map((n) => Array.from({ length: n }, () => rand() * 2 - 1)),
      state: null as AdamWState | null,
    };
    let oracle = { params: mine.params.map((t) => [...t]), state: null as AdamWState | null };
    let tol = shapeOf.map((n) => new Array<number>(n).fill(0));
    for (let k = 0; k < s.totalSteps; k++) {
      const raw = oracle.params.map((t, i) => t.map((p, j) => (a[i]?.[j] as number) * (p - (c[i]?.[j] as number))));
      const lr = lrAt(k, s);
      if (!(Math.abs(lr - lrOracle(k, s)) <= RTOL * s.baseLr))
        expect.fail(`lrAt(${k}) = ${lr}, expected ${lrOracle(k, s)}`);
      const clipped = clipGradNorm(raw, 1);
      const want = clipOracle(raw, 1);
      if (!(Math.abs(clipped.totalNorm - want.totalNorm) <= RTOL * want.totalNorm)) {
        expect.fail(`step ${k}: totalNorm ${clipped.totalNorm}, expected ${want.totalNorm}`);
      }
      mine = adamwStep(mine.params, clipped.grads, mine.state, { ...options, lr });
      const next = adamwOracle(oracle.params, want.grads, oracle.state, { ...options, lr: lrOracle(k, s) });
      tol = tol.map((t, i) => t.map((x, j) => x + (next.scale[i]?.[j] as number)));
      oracle = { params: next.params, state: next.state };
    }
    expect(mine.state?.step, 'state.step after 1000 steps').toBe(1000);
    expectTensorsClose(mine.params, oracle.params, scaled(tol), 'params after 1000 steps');
    // the loss went down: AdamW with this schedule converges toward c
    const loss = (ps: Tensors) =>
      ps.reduce(
        (s1, t, i) => s1 + t.reduce((s2, p, j) => s2 + (a[i]?.[j] as number) * (p - (c[i]?.[j] as number)) ** 2, 0),
        0,
      );
    expect(loss(mine.params), 'the loss after training').toBeLessThan(0.1);
  });
});

describe('adamw-schedule: properties (against the float64 oracle)', () => {
  test.prop([scheduleCase])('lrAt matches the HF formula to 1e-12·baseLr', ({ schedule, step }) => {
    const got = lrAt(step, schedule);
    const want = lrOracle(step, schedule);
    expect(
      Math.abs(got - want) <= RTOL * schedule.baseLr,
      `lrAt(${step}, ${show(schedule)}) = ${got}, expected ${want}`,
    ).toBe(true);
  });

  test.prop([scheduleCase])(
    'the schedule rises during warmup, is continuous at its end, decays monotonically to exactly minLr at totalSteps',
    ({ schedule }) => {
      const { warmupSteps: w, totalSteps: t, baseLr } = schedule;
      const minLr = schedule.minLr ?? 0;
      const what = show(schedule);
      if (w < t) {
        expect(Math.abs(lrAt(t, schedule) - minLr) <= RTOL * baseLr, `${what}: lrAt(totalSteps) = minLr`).toBe(true);
        expect(Math.abs(lrAt(w, schedule) - baseLr) <= RTOL * baseLr, `${what}: lrAt(warmupSteps) = baseLr`).toBe(true);
      }
      let previous = lrAt(0, schedule);
      expect(Math.abs(previous - (w > 0 ? 0 : baseLr)) <= RTOL * baseLr, `${what}: lrAt(0) = ${previous}`).toBe(true);
      for (let k = 1; k <= t; k++) {
        const lr = lrAt(k, schedule);
        if (k <= w && !(lr >= previous)) expect.fail(`${what}: warmup must rise, lrAt(${k}) = ${lr} < ${previous}`);
        if (k > w && !(lr <= previous + RTOL * baseLr))
          expect.fail(`${what}: lrAt(${k}) = ${lr} rose above ${previous}`);
        if (!(lr >= minLr * (k >= w ? 1 - 1e-12 : 0) && lr <= baseLr * (1 + 1e-12))) {
          expect.fail(`${what}: lrAt(${k}) = ${lr} is outside [${k >= w ? minLr : 0}, baseLr]`);
        }
        previous = lr;
      }
    },
  );

  test.prop([clipCase])(
    'clipGradNorm matches clip_grad_norm_: the global pre-clip norm, max_norm/(norm + 1e-6) clamped to 1',
    ({ grads, maxNorm }) => {
      const got = clipGradNorm(grads, maxNorm);
      const want = clipOracle(grads, maxNorm);
      const what = `clipGradNorm(${show(grads)}, ${maxNorm})`;
      expect(
        Math.abs(got.totalNorm - want.totalNorm) <= RTOL * want.totalNorm,
        `${what}: totalNorm ${got.totalNorm}, expected ${want.totalNorm}`,
      ).toBe(true);
      expectTensorsClose(
        got.grads,
        want.grads,
        grads.map((t) => t.map((g) => 4 * RTOL * Math.abs(g))),
        `${what}: grads`,
      );
    },
  );

  test.prop([clipCase])(
    'clipping never increases the norm, keeps the direction, and leaves the norm at most maxNorm',
    ({ grads, maxNorm }) => {
      const got = clipGradNorm(grads, maxNorm);
      const norm = Math.sqrt(got.grads.flat().reduce((s, g) => s + g * g, 0));
      const what = `clipGradNorm(${show(grads)}, ${maxNorm})`;
      expect(
        norm <= got.totalNorm * (1 + 1e-12) && norm <= maxNorm * (1 + 1e-12),
        `${what}: clipped norm ${norm}`,
      ).toBe(true);
      const ratio = got.totalNorm === 0 ? 1 : norm / got.totalNorm;
      grads.forEach((t, i) => {
        t.forEach((g, j) => {
          const c = got.grads[i]?.[j] as number;
          expect(
            Math.abs(c - g * ratio) <= 1e-12 * Math.abs(g),
            `${what}: [${i}][${j}] ${c} is not ${g}·${ratio}`,
          ).toBe(true);
        });
      });
    },
  );

  test.prop([adamwCase])(
    'adamwStep matches the float64 AdamW formulas (params, m, v, step) to 1e-12 of the terms',
    ({ params, grads, state, options }) => {
      expectStepMatchesOracle(params, grads, state, options, `adamwStep(${show({ params, grads, state, options })})`);
    },
  );

  test.prop([adamwCase])(
    'weightDecay = 0 is plain Adam: the step equals torch.optim.Adam’s (no decay term)',
    ({ params, grads, state, options }) => {
      const o = { ...options, weightDecay: 0 };
      const got = adamwStep(params, grads, state, o);
      const want = adamwOracle(params, grads, state, withDefaults(o));
      expectTensorsClose(got.params, want.params, scaled(want.scale), `Adam ${show({ params, grads, o })}`);
    },
  );

  test.prop([adamwCase])(
    'the first step from a fresh state moves each parameter by lr·g/(|g| + eps) ≈ lr·sign(g) (plus the decay)',
    ({ params, grads, options }) => {
      const o = withDefaults(options);
      const got = adamwStep(params, grads, null, options);
      params.forEach((t, i) => {
        t.forEach((p, j) => {
          const g = grads[i]?.[j] as number;
          const expected = p * (1 - o.lr * o.weightDecay) - (o.lr * g) / (Math.abs(g) + o.eps);
          const q = got.params[i]?.[j] as number;
          expect(
            Math.abs(q - expected) <= 1e-9 * (Math.abs(p) + o.lr) + 1e-300,
            `p ${p}, g ${g}, ${show(options)}: ${q} vs ${expected}`,
          ).toBe(true);
        });
      });
    },
  );

  test.prop([badCall])(
    'one rule broken in lrAt, clipGradNorm or adamwStep throws the error the contract names',
    ({ fn, args, error, broken }) => {
      const expected = error === 'TypeError' ? TypeError : RangeError;
      const call = { lrAt, clipGradNorm, adamwStep }[fn] as (...a: unknown[]) => unknown;
      expect(() => call(...args), broken).toThrow(expected);
    },
  );
});
