import { fc, test } from '../../src/harness/prop.ts';
import { describe, expect, vi } from 'vitest';
import * as counted from '@impl-counted/sqrt-gradient-descent';
import { sqrtGD } from '@impl/sqrt-gradient-descent';
import source from '@impl-source/sqrt-gradient-descent';
import { badOptions, nonNumbers, positiveReals, validOptions } from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { BANNED_MATH, bannedMathReferences, fractionalExponents, relativeError } from './oracle.ts';

type Options = Parameters<typeof sqrtGD>[1];

const RTOL = 1e-9;

/** sqrtGD(a, options) must be within RTOL of the true root; Math.sqrt runs here, outside any spy. */
function expectRoot(a: number, options?: Options): number {
  const root = Math.sqrt(a);
  const x = options === undefined ? sqrtGD(a) : sqrtGD(a, options);
  const error = relativeError(x, root);
  expect(
    error <= RTOL,
    `sqrtGD(${a}${options === undefined ? '' : `, ${JSON.stringify(options)}`}) = ${x}, true root ${root}, ` +
      `relative error ${error} > ${RTOL}`,
  ).toBe(true);
  return x;
}

/**
 * Calls sqrtGD(a) while Math.sqrt, pow, cbrt and hypot are spied on, restores them, then checks
 * that none was called and that the answer is accurate.
 */
function expectRootWithoutBuiltins(a: number): void {
  const spies = BANNED_MATH.map((name) => vi.spyOn(Math, name));
  let x: number;
  let calls: string[];
  try {
    x = sqrtGD(a);
  } finally {
    calls = BANNED_MATH.filter((_, i) => (spies[i] as (typeof spies)[number]).mock.calls.length > 0);
    for (const spy of spies) spy.mockRestore();
  }
  expect(calls, `sqrtGD(${a}) called Math.${calls.join(', Math.')}: find the root by gradient descent`).toEqual([]);
  const root = Math.sqrt(a);
  const error = relativeError(x, root);
  expect(error <= RTOL, `sqrtGD(${a}) = ${x}, true root ${root}, relative error ${error}`).toBe(true);
}

/** a = 10^(k/8) for k = -96..96: 193 values spread log-uniformly over [1e-12, 1e12]. */
const SWEEP = Array.from({ length: 193 }, (_, i) => {
  const k = i - 96;
  return k === -96 ? 1e-12 : k === 96 ? 1e12 : 10 ** (k / 8);
});

describe('sqrt-gradient-descent: worked examples', () => {
  test('sqrtGD(2) ≈ 1.4142135623730951 (relative error ≤ 1e-9)', () => {
    expectRoot(2);
  });

  test('sqrtGD(16) ≈ 4 and sqrtGD(0.25) ≈ 0.5', () => {
    expectRoot(16);
    expectRoot(0.25);
  });

  test('sqrtGD(1) ≈ 1 (x = 1 is already the minimum)', () => {
    expectRoot(1);
  });

  test('sqrtGD(0) === 0 (the root of 0 is exactly 0)', () => {
    const x = sqrtGD(0);
    expect(x === 0, `sqrtGD(0) = ${x}`).toBe(true);
  });
});

describe('sqrt-gradient-descent: the range ends (where the classic traps bite)', () => {
  test('a = 1e12 → 1e6: a fixed learning rate that works for a = 2 diverges here', () => {
    expectRoot(1e12);
    expectRoot(1e12 - 1);
  });

  test('a = 1e-12 → 1e-6: an absolute tolerance stops long before 1e-9 relative accuracy', () => {
    expectRoot(1e-12);
    expectRoot(3.7e-12);
  });

  test('193 values 10^(k/8), k = -96..96, all within 1e-9 relative error with default options', () => {
    for (const a of SWEEP) expectRoot(a);
  });
});

describe('sqrt-gradient-descent: no built-in roots', () => {
  test('Math.sqrt, Math.pow, Math.cbrt and Math.hypot are never called, for 193 values of a in [1e-12, 1e12]', () => {
    for (const a of [2, 12345.678, ...SWEEP]) expectRootWithoutBuiltins(a);
  });

  test('the source has no fractional ** exponent (** 0.5, ** (1/2)) and no captured Math.sqrt/pow/cbrt/hypot', () => {
    expectRoot(2);
    expect(fractionalExponents(source), 'fractional ** exponents in your source').toEqual([]);
    expect(bannedMathReferences(source), 'references to banned Math functions in your source').toEqual([]);
  });
});

/** The prompt's bound on all the work of one call: 20·maxSteps + 100 steps. */
function workBound(maxSteps: number): { steps: number; rule: string } {
  return { steps: 20 * maxSteps + 100, rule: `20·maxSteps + 100 for maxSteps = ${maxSteps}` };
}

/**
 * sqrtGD(a, options) on the work-counted module: it must stop within 20·maxSteps + 100 steps of
 * work, and either return a positive finite x or throw a plain Error (running out of steps is not
 * a RangeError or TypeError: the input was valid). Returns x, or undefined when it threw.
 */
function runWithinBound(a: number, options: Options & { maxSteps: number }): number | undefined {
  const what = `sqrtGD(${a}, ${JSON.stringify(options)})`;
  const outcome = expectWithinBudget(() => {
    try {
      return { x: counted.sqrtGD(a, options) };
    } catch (error) {
      return { error };
    }
  }, workBound(options.maxSteps));
  if ('error' in outcome) {
    expect(outcome.error, `${what} threw`).toBeInstanceOf(Error);
    expect(
      outcome.error instanceof RangeError || outcome.error instanceof TypeError,
      `${what} threw ${String(outcome.error)}: valid options, so not a RangeError or TypeError`,
    ).toBe(false);
    return undefined;
  }
  expect(Number.isFinite(outcome.x) && outcome.x > 0, `${what} returned ${outcome.x}, not a positive number`).toBe(
    true,
  );
  return outcome.x;
}

const BIG = 1e12 + 12345.678;

describe('sqrt-gradient-descent: options', () => {
  test(`maxSteps: 2 is too few for a = ${BIG}: throws a plain Error (not RangeError) instead of returning an unconverged x`, () => {
    expectRoot(BIG); // the default budget does converge
    expect(() => sqrtGD(BIG, { maxSteps: 2 })).toThrow(Error);
    let thrown: unknown;
    try {
      sqrtGD(BIG, { maxSteps: 2 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown instanceof RangeError || thrown instanceof TypeError, `threw ${String(thrown)}`).toBe(false);
  });

  test('a generous maxSteps (10^6) still converges to the same accuracy: a = 1e-12, 2, 1e12', () => {
    for (const value of [1e-12, 2, BIG]) expectRoot(value, { maxSteps: 1_000_000 });
  });

  test('an empty options object means the defaults: sqrtGD(2, {}), sqrtGD(1e12, {})', () => {
    expectRoot(2, {});
    expectRoot(1e12, {});
  });

  test('an option given as undefined means its default: { learningRate: undefined, tolerance: undefined, maxSteps: undefined }', () => {
    expectRoot(2, { learningRate: undefined, tolerance: undefined, maxSteps: undefined });
    expectRoot(1e-12, { maxSteps: undefined });
  });

  test('maxSteps bounds all the work: a = 1e12 + 12345.678 with maxSteps 1, 2, 3, 50 stops within 20·maxSteps + 100 steps; with 2 it throws (the README example)', () => {
    expectRoot(BIG); // the default budget does converge
    for (const maxSteps of [1, 2, 3, 50]) runWithinBound(BIG, { maxSteps });
    // Only the prompt's own example is pinned: a cleverer start may well converge in 3 steps.
    expect(
      runWithinBound(BIG, { maxSteps: 2 }),
      'maxSteps = 2 is too few (the README example): it must throw',
    ).toBeUndefined();
  });

  test('a rejected step counts toward maxSteps: learningRate 1e300 (every first try overshoots) with maxSteps 5 stops within 200 steps of work', () => {
    expectRoot(2); // with the defaults it converges
    runWithinBound(2, { learningRate: 1e300, maxSteps: 5 });
    runWithinBound(1e-8, { learningRate: 1e300, maxSteps: 5 });
  });

  test('a large learningRate never gives a negative root: a = 1e-8, 2, 0.5 with learningRate 3.5 and 4', () => {
    for (const a of [1e-8, 2, 0.5]) {
      expectRoot(a); // with the defaults it converges
      for (const learningRate of [3.5, 4]) runWithinBound(a, { learningRate, maxSteps: 20_000 });
    }
  });

  test('options are checked even when a = 0: sqrtGD(0, { maxSteps: 0 }) throws RangeError, sqrtGD(0, { lr: 1 }) TypeError', () => {
    expect(() => sqrtGD(0, { maxSteps: 0 }), 'sqrtGD(0, { maxSteps: 0 })').toThrow(RangeError);
    expect(() => sqrtGD(0, { tolerance: -1 }), 'sqrtGD(0, { tolerance: -1 })').toThrow(RangeError);
    expect(() => sqrtGD(0, { lr: 1 } as Options), 'sqrtGD(0, { lr: 1 })').toThrow(TypeError);
  });
});

describe('sqrt-gradient-descent: bad input', () => {
  test('a negative a throws RangeError: -1, -1e-12, -1e12', () => {
    for (const bad of [-1, -1e-12, -1e12]) {
      expect(() => sqrtGD(bad), `sqrtGD(${bad})`).toThrow(RangeError);
    }
  });

  test('NaN throws RangeError', () => {
    expect(() => sqrtGD(Number.NaN)).toThrow(RangeError);
  });

  test('Infinity and -Infinity throw RangeError', () => {
    expect(() => sqrtGD(Number.POSITIVE_INFINITY), 'sqrtGD(Infinity)').toThrow(RangeError);
    expect(() => sqrtGD(Number.NEGATIVE_INFINITY), 'sqrtGD(-Infinity)').toThrow(RangeError);
  });

  test('-0 is zero, not negative: sqrtGD(-0) returns 0', () => {
    const x = sqrtGD(-0);
    expect(x === 0, `sqrtGD(-0) = ${x}`).toBe(true);
  });

  test("an a that is not a number throws TypeError: '4', null, undefined, true, 4n, [4]", () => {
    for (const bad of ['4', null, undefined, true, 4n, [4]]) {
      expect(
        () => sqrtGD(bad as unknown as number),
        `sqrtGD(${typeof bad === 'string' ? `'${bad}'` : String(bad)})`,
      ).toThrow(TypeError);
    }
  });

  test('a learningRate that is not a finite number > 0 throws RangeError: 0, -1, NaN, Infinity', () => {
    for (const learningRate of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sqrtGD(2, { learningRate }), `learningRate: ${learningRate}`).toThrow(RangeError);
    }
  });

  test('a tolerance that is not a finite number > 0 throws RangeError: 0, -1e-12, NaN, Infinity', () => {
    for (const tolerance of [0, -1e-12, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sqrtGD(2, { tolerance }), `tolerance: ${tolerance}`).toThrow(RangeError);
    }
  });

  test('a maxSteps that is not an integer >= 1 throws RangeError: 0, -1, 2.5, NaN, Infinity', () => {
    for (const maxSteps of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sqrtGD(2, { maxSteps }), `maxSteps: ${maxSteps}`).toThrow(RangeError);
    }
  });

  test("an option that is not a number throws TypeError: learningRate '0.5', tolerance null, maxSteps '10'", () => {
    for (const options of [{ learningRate: '0.5' }, { tolerance: null }, { maxSteps: '10' }, { maxSteps: true }]) {
      expect(() => sqrtGD(2, options as unknown as Options), JSON.stringify(options)).toThrow(TypeError);
    }
  });

  test('an unknown option name (a typo) throws TypeError: { maxstep: 5 }, { lr: 0.1 }, { learningrate: 1 }', () => {
    for (const options of [{ maxstep: 5 }, { lr: 0.1 }, { learningrate: 1 }]) {
      expect(() => sqrtGD(2, options as unknown as Options), JSON.stringify(options)).toThrow(TypeError);
    }
  });

  test("options that are not an object throw TypeError: null, 5, 'fast'", () => {
    for (const options of [null, 5, 'fast']) {
      expect(() => sqrtGD(2, options as unknown as Options), `options = ${JSON.stringify(options)}`).toThrow(TypeError);
    }
  });
});

/** a log-uniform in [1e-12, 1e12]. */
const logUniform = positiveReals;

describe('sqrt-gradient-descent: properties (against Math.sqrt, outside the call)', () => {
  test.prop([logUniform])('relative error ≤ 1e-9 for a log-uniform a in [1e-12, 1e12]', (a) => {
    expectRoot(a);
  });

  test.prop([fc.integer({ min: 1, max: 1_000_000 })])('the root of a perfect square k² is k (k ≤ 10^6)', (k) => {
    const x = sqrtGD(k * k);
    expect(Math.abs(x - k) <= RTOL * k, `sqrtGD(${k * k}) = ${x}, expected ${k}`).toBe(true);
  });

  test.prop([logUniform.filter((a) => a <= 2.5e11)])('scaling: sqrtGD(4a) ≈ 2·sqrtGD(a)', (a) => {
    const x = sqrtGD(a);
    const y = sqrtGD(4 * a);
    expect(Math.abs(y - 2 * x) <= 3 * RTOL * y, `sqrtGD(${4 * a}) = ${y}, 2·sqrtGD(${a}) = ${2 * x}`).toBe(true);
  });

  test.prop([logUniform])('squaring the answer gives back a: x² ≈ a (relative 2.1e-9)', (a) => {
    const x = sqrtGD(a);
    expect(Math.abs(x * x - a) <= 2.1 * RTOL * a, `sqrtGD(${a}) = ${x}, x² = ${x * x}`).toBe(true);
  });
});

describe('sqrt-gradient-descent: properties (options and bad input)', () => {
  test.prop([positiveReals, validOptions.map((options) => ({ ...options, maxSteps: options.maxSteps ?? 300 }))])(
    'any valid options: a positive x or a plain Error, within 20·maxSteps + 100 steps of work',
    (a, options) => {
      expectRoot(a); // with the defaults it converges
      runWithinBound(a, options);
    },
  );

  test.prop([positiveReals, badOptions])(
    'one bad option throws its error: RangeError for a number out of range, TypeError for the rest',
    (a, bad) => {
      const error = bad.error === 'TypeError' ? TypeError : RangeError;
      expect(() => sqrtGD(a, bad.options as Options), `sqrtGD(${a}, ${JSON.stringify(bad.options)})`).toThrow(error);
    },
  );

  test.prop([nonNumbers])('an a that is not a number throws TypeError', (a) => {
    expect(() => sqrtGD(a as number), `sqrtGD(${String(a)})`).toThrow(TypeError);
  });
});
