import { fc, test } from '../../src/harness/prop.ts';
import { describe, expect, vi } from 'vitest';
import { sqrtGD } from '@impl/sqrt-gradient-descent';
import source from '@impl-source/sqrt-gradient-descent';
import { positiveReals } from './inputs.ts';
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

describe('sqrt-gradient-descent: options', () => {
  const a = 1e12 + 12345.678;

  test(`maxSteps: 2 is too few for a = ${a}: throws an Error instead of returning an unconverged x`, () => {
    expectRoot(a); // the default budget does converge
    expect(() => sqrtGD(a, { maxSteps: 2 })).toThrow(Error);
  });

  test('a generous maxSteps (10^6) still converges to the same accuracy: a = 1e-12, 2, 1e12', () => {
    for (const value of [1e-12, 2, a]) expectRoot(value, { maxSteps: 1_000_000 });
  });

  test('an empty options object means the defaults: sqrtGD(2, {}), sqrtGD(1e12, {})', () => {
    expectRoot(2, {});
    expectRoot(1e12, {});
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
