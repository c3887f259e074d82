import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/sliding-window-alibi';
import { alibiBias, alibiSlopes, attentionWithBias, slidingWindowMask } from '@impl/sliding-window-alibi';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import {
  type AttentionCase,
  attentionCase,
  attentionInputs,
  attentionArgs,
  attentionOptionsOf,
  biasArgs,
  biasCase,
  call,
  maskArgs,
  maskCase,
  numHeads,
} from './inputs.ts';
import { attentionOracle, biasOracle, closestPowerOfTwo, maskOracle, slopesOracle } from './oracle.ts';
import {
  type F64Array,
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  seededUniform,
  sizeOf,
  useTensorBackend,
} from '../../src/harness/tf.ts';

useTensorBackend();

/** Values about 1 in size, oracle in float64 on the very float32 values the tensors hold. */
const TOL = { atol: 1e-4, rtol: 1e-4 };
/** Slopes are float64 numbers: two correct formulas differ by a few ulps only. */
const SLOPE_RTOL = 1e-12;

type Shape3 = [number, number, number];

function f64(shape: readonly number[], values: readonly number[]): F64Array {
  if (values.length !== sizeOf(shape)) throw new Error(`test bug: ${values.length} values for [${shape}]`);
  return { shape, data: Float64Array.from(values) };
}

function random(shape: readonly number[], seed: number, scale = 1): F64Array {
  return { shape, data: randomValues(sizeOf(shape), seed, scale) };
}

/** Random integers in [-max, max]: exact in float32, so the scores are exact too. */
function randomIntegers(shape: readonly number[], seed: number, max: number): F64Array {
  const uniform = seededUniform(seed);
  return { shape, data: Float64Array.from({ length: sizeOf(shape) }, () => Math.round((uniform() * 2 - 1) * max)) };
}

function tensor3(a: F64Array): tf.Tensor3D {
  return tf.tensor3d(Float32Array.from(a.data), a.shape as Shape3, 'float32');
}

const NEG = Number.NEGATIVE_INFINITY;

/** Masks hold exactly 0 and −Infinity: compare them element by element (−∞ − −∞ is NaN, so no tolerance). */
function expectMask(actual: tf.Tensor | undefined, expected: F64Array, what: string): void {
  expect(actual, `${what} must be a tf.Tensor`).toBeInstanceOf(tf.Tensor);
  const tensor = actual as tf.Tensor;
  expect(tensor.shape, `${what} has the wrong shape`).toEqual([...expected.shape]);
  expect(tensor.dtype, `${what} has the wrong dtype`).toBe('float32');
  const got = tensor.dataSync();
  const tk = expected.shape[1] as number;
  for (let index = 0; index < expected.data.length; index++) {
    const want = expected.data[index] as number;
    const value = got[index] as number;
    if (value !== want) {
      const at = `[${Math.floor(index / tk)}, ${index % tk}]`;
      expect.fail(`${what}${at} = ${value}, expected ${want} (0 visible, -Infinity hidden)`);
    }
  }
}

/** slidingWindowMask, checked against the oracle and disposed. */
function checkMask(tq: number, tk: number, window: number | undefined, what: string): void {
  const out = slidingWindowMask(tq, tk, window === undefined ? undefined : { window });
  try {
    expectMask(out, maskOracle(tq, tk, window), what);
  } finally {
    out?.dispose();
  }
}

/** Slopes compared with the closed form, element by element, within SLOPE_RTOL. */
function expectSlopes(actual: unknown, expected: readonly number[], what: string): void {
  expect(Array.isArray(actual), `${what} must return an array of numbers`).toBe(true);
  const slopes = actual as number[];
  expect(slopes.length, `${what}: one slope per head`).toBe(expected.length);
  expected.forEach((want, h) => {
    const got = slopes[h];
    if (!(typeof got === 'number' && Math.abs(got - want) <= SLOPE_RTOL * want)) {
      expect.fail(`${what}[${h}] = ${got}, expected ${want} (relative tolerance ${SLOPE_RTOL})`);
    }
  });
}

/** attentionWithBias on float32 copies of q, k, v, compared with the float64 oracle. */
function checkAttention(
  q: F64Array,
  k: F64Array,
  v: F64Array,
  options: { window?: number; alibi?: boolean } | undefined,
  what: string,
  tol = TOL,
): void {
  const tensors = [tensor3(q), tensor3(k), tensor3(v)] as const;
  let out: tf.Tensor | undefined;
  try {
    out =
      options === undefined ? attentionWithBias(...tensors) : attentionWithBias(...tensors, structuredClone(options));
    expectTensorClose(out, attentionOracle(q, k, v, options?.window, options?.alibi ?? false), tol, what);
  } finally {
    tf.dispose([...tensors]);
    out?.dispose();
  }
}

function caseInputs(c: AttentionCase): { q: F64Array; k: F64Array; v: F64Array } {
  return attentionInputs(c);
}

describe('alibiSlopes: worked examples', () => {
  test('8 heads (a power of two): 2^-1, 2^-2, …, 2^-8', () => {
    expectSlopes(
      alibiSlopes(8),
      [1, 2, 3, 4, 5, 6, 7, 8].map((k) => 2 ** -k),
      'alibiSlopes(8)',
    );
  });

  test('1, 2 and 4 heads: [2^-8], [2^-4, 2^-8], [2^-2, 2^-4, 2^-6, 2^-8]', () => {
    expectSlopes(alibiSlopes(1), [2 ** -8], 'alibiSlopes(1)');
    expectSlopes(alibiSlopes(2), [2 ** -4, 2 ** -8], 'alibiSlopes(2)');
    expectSlopes(alibiSlopes(4), [2 ** -2, 2 ** -4, 2 ** -6, 2 ** -8], 'alibiSlopes(4)');
  });

  test('6 heads (not a power of two): the 4 slopes of 4 heads, then every other slope of 8 heads (2^-1, 2^-3)', () => {
    expectSlopes(alibiSlopes(6), [2 ** -2, 2 ** -4, 2 ** -6, 2 ** -8, 2 ** -1, 2 ** -3], 'alibiSlopes(6)');
  });

  test('3 heads: [2^-4, 2^-8] of 2 heads, then 2^-2, the first slope of 4 heads (not 2^(-8k/3))', () => {
    expectSlopes(alibiSlopes(3), [2 ** -4, 2 ** -8, 2 ** -2], 'alibiSlopes(3)');
  });

  test('12 heads: 2^-1 … 2^-8, then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5 (slopes 1, 3, 5, 7 of 16 heads)', () => {
    const expected = [...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => 2 ** -k), ...[0.5, 1.5, 2.5, 3.5].map((e) => 2 ** -e)];
    expectSlopes(alibiSlopes(12), expected, 'alibiSlopes(12)');
  });

  test('numHeads that is not a number throws TypeError: "8", undefined', () => {
    for (const bad of ['8', undefined]) {
      expect(() => alibiSlopes(bad as unknown as number), `alibiSlopes(${JSON.stringify(bad)})`).toThrow(TypeError);
    }
  });

  test('numHeads that is not a positive integer throws RangeError: 0, -4, 2.5, NaN, Infinity', () => {
    for (const bad of [0, -4, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => alibiSlopes(bad), `alibiSlopes(${bad})`).toThrow(RangeError);
    }
  });
});

describe('slidingWindowMask: worked examples and edge cases', () => {
  test('tq = tk = 4, window 2: each query sees itself and the key before it', () => {
    const expected = f64([4, 4], [0, NEG, NEG, NEG, 0, 0, NEG, NEG, NEG, 0, 0, NEG, NEG, NEG, 0, 0]);
    const out = slidingWindowMask(4, 4, { window: 2 });
    expectMask(out, expected, 'slidingWindowMask(4, 4, { window: 2 })');
    out.dispose();
  });

  test('no window: plain causal, the lower triangle (tq = tk = 3, with no options or {})', () => {
    const expected = f64([3, 3], [0, NEG, NEG, 0, 0, NEG, 0, 0, 0]);
    for (const options of [undefined, {}]) {
      const out = slidingWindowMask(3, 3, options);
      expectMask(out, expected, `slidingWindowMask(3, 3${options ? ', {}' : ''})`);
      out.dispose();
    }
  });

  test('pastLength offset: tq = 2, tk = 5, window 3 puts the queries at positions 3 and 4 (keys 1..3 and 2..4)', () => {
    const expected = f64([2, 5], [NEG, 0, 0, 0, NEG, NEG, NEG, 0, 0, 0]);
    const out = slidingWindowMask(2, 5, { window: 3 });
    expectMask(out, expected, 'slidingWindowMask(2, 5, { window: 3 })');
    out.dispose();
    const given = slidingWindowMask(2, 5, { window: 3, pastLength: 3 });
    expectMask(given, expected, 'slidingWindowMask(2, 5, { window: 3, pastLength: 3 })');
    given.dispose();
  });

  test('decoding, tq = 1, tk = 6: window 4 sees keys 2..5; no window sees all six', () => {
    checkMask(1, 6, 4, 'slidingWindowMask(1, 6, { window: 4 })');
    expectMask(slidingWindowMask(1, 6, { window: 4 }), f64([1, 6], [NEG, NEG, 0, 0, 0, 0]), 'window 4');
    checkMask(1, 6, undefined, 'slidingWindowMask(1, 6)');
  });

  test('window 1: each query sees only its own key (tq = 3, tk = 5)', () => {
    expectMask(
      slidingWindowMask(3, 5, { window: 1 }),
      f64([3, 5], [NEG, NEG, 0, NEG, NEG, NEG, NEG, NEG, 0, NEG, NEG, NEG, NEG, NEG, 0]),
      'slidingWindowMask(3, 5, { window: 1 })',
    );
  });

  test('a window larger than tk changes nothing: window 100 on tq = 3, tk = 4 is plain causal', () => {
    checkMask(3, 4, 100, 'slidingWindowMask(3, 4, { window: 100 })');
    expectMask(slidingWindowMask(3, 4, { window: 100 }), maskOracle(3, 4, undefined), 'window 100 vs no window');
  });

  test('a single position (tq = tk = 1) sees itself: [[0]]', () => {
    expectMask(slidingWindowMask(1, 1, { window: 1 }), f64([1, 1], [0]), 'slidingWindowMask(1, 1, { window: 1 })');
  });

  test('slidingWindowMask leaks no tensors', () => {
    const out = expectNoLeaks(() => slidingWindowMask(5, 9, { window: 3 }), 'slidingWindowMask(5, 9, { window: 3 })');
    expectMask(out, maskOracle(5, 9, 3), 'slidingWindowMask(5, 9, { window: 3 })');
    out.dispose();
    expectNoLeaks(() => slidingWindowMask(4, 4), 'slidingWindowMask(4, 4)').dispose();
  });

  test('tq or tk that is not a number throws TypeError: "4", undefined', () => {
    for (const bad of ['4', undefined] as unknown as number[]) {
      expect(() => slidingWindowMask(bad as number, 4), `tq ${JSON.stringify(bad)}`).toThrow(TypeError);
      expect(() => slidingWindowMask(1, bad as number), `tk ${JSON.stringify(bad)}`).toThrow(TypeError);
    }
  });

  test('tq or tk that is not a positive integer throws RangeError: 0, -2, 1.5, NaN', () => {
    for (const bad of [0, -2, 1.5, Number.NaN]) {
      expect(() => slidingWindowMask(bad, 4), `slidingWindowMask(${bad}, 4)`).toThrow(RangeError);
      expect(() => slidingWindowMask(1, bad), `slidingWindowMask(1, ${bad})`).toThrow(RangeError);
    }
  });

  test('tq > tk throws RangeError: slidingWindowMask(5, 4) and (2, 1)', () => {
    expect(() => slidingWindowMask(5, 4)).toThrow(RangeError);
    expect(() => slidingWindowMask(2, 1, { window: 2 })).toThrow(RangeError);
  });

  test('a window that is not a positive integer throws RangeError: 0, -1, 2.5, NaN, Infinity', () => {
    for (const window of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => slidingWindowMask(2, 4, { window }), `window ${window}`).toThrow(RangeError);
    }
  });

  test('a window that is not a number throws TypeError: "3", null', () => {
    for (const window of ['3', null]) {
      expect(() => slidingWindowMask(2, 4, { window: window as unknown as number }), `window ${window}`).toThrow(
        TypeError,
      );
    }
  });

  test('a pastLength other than tk − tq throws RangeError: tq 2, tk 5 with pastLength 0, 2, 4, -3, 1.5', () => {
    for (const pastLength of [0, 2, 4, -3, 1.5]) {
      expect(() => slidingWindowMask(2, 5, { pastLength }), `pastLength ${pastLength}`).toThrow(RangeError);
    }
  });

  test('a pastLength that is not a number throws TypeError: "3", null', () => {
    expect(() => slidingWindowMask(2, 5, { pastLength: '3' as unknown as number })).toThrow(TypeError);
    expect(() => slidingWindowMask(2, 5, { pastLength: null as unknown as number })).toThrow(TypeError);
  });
});

describe('alibiBias: worked examples and edge cases', () => {
  test('H = 2, tq = tk = 3: slope · (j − i) with slopes 1/16 and 1/256, positive to the future', () => {
    const head = (m: number) => [0, m, 2 * m, -m, 0, m, -2 * m, -m, 0];
    const out = alibiBias(2, 3, 3);
    expectTensorClose(out, f64([2, 3, 3], [...head(1 / 16), ...head(1 / 256)]), TOL, 'alibiBias(2, 3, 3)');
    out.dispose();
  });

  test('pastLength offset: alibiBias(1, 1, 4) = [[[-3, -2, -1, 0]]] / 256 (the query sits at position 3)', () => {
    const expected = f64([1, 1, 4], [-3 / 256, -2 / 256, -1 / 256, 0]);
    const out = alibiBias(1, 1, 4);
    expectTensorClose(out, expected, { atol: 1e-7 }, 'alibiBias(1, 1, 4)');
    out.dispose();
    const given = alibiBias(1, 1, 4, { pastLength: 3 });
    expectTensorClose(given, expected, { atol: 1e-7 }, 'alibiBias(1, 1, 4, { pastLength: 3 })');
    given.dispose();
  });

  test('a non-power of two uses alibiSlopes: H = 3, tq = 2, tk = 4, every head against the oracle', () => {
    const out = alibiBias(3, 2, 4);
    expectTensorClose(out, biasOracle(3, 2, 4), TOL, 'alibiBias(3, 2, 4)');
    out.dispose();
  });

  test('long distances: H = 8, tq = 2, tk = 1000 (bias down to -999/2) matches the oracle', () => {
    const out = alibiBias(8, 2, 1000);
    expectTensorClose(out, biasOracle(8, 2, 1000), TOL, 'alibiBias(8, 2, 1000)');
    out.dispose();
  });

  test('alibiBias leaks no tensors', () => {
    const out = expectNoLeaks(() => alibiBias(5, 3, 7), 'alibiBias(5, 3, 7)');
    expectTensorClose(out, biasOracle(5, 3, 7), TOL, 'alibiBias(5, 3, 7)');
    out.dispose();
  });

  test('alibiBias throws TypeError for a numHeads, tq or tk that is not a number, or a pastLength "1"', () => {
    expect(() => alibiBias('2' as unknown as number, 2, 3)).toThrow(TypeError);
    expect(() => alibiBias(2, '2' as unknown as number, 3)).toThrow(TypeError);
    expect(() => alibiBias(2, 2, undefined as unknown as number)).toThrow(TypeError);
    expect(() => alibiBias(2, 2, 3, { pastLength: '1' as unknown as number })).toThrow(TypeError);
  });

  test('alibiBias throws RangeError: numHeads 0 or 1.5, tq 0, tk 2.5, tq > tk, pastLength ≠ tk − tq', () => {
    expect(() => alibiBias(0, 2, 3), 'numHeads 0').toThrow(RangeError);
    expect(() => alibiBias(1.5, 2, 3), 'numHeads 1.5').toThrow(RangeError);
    expect(() => alibiBias(2, 0, 3), 'tq 0').toThrow(RangeError);
    expect(() => alibiBias(2, 2, 2.5), 'tk 2.5').toThrow(RangeError);
    expect(() => alibiBias(2, 4, 3), 'tq 4 > tk 3').toThrow(RangeError);
    expect(() => alibiBias(2, 2, 3, { pastLength: 0 }), 'pastLength 0, tk − tq = 1').toThrow(RangeError);
  });
});

describe('attentionWithBias: worked examples and edge cases', () => {
  const ones = (h: number, t: number, d: number, values: number[]) =>
    f64(
      [h, t, d],
      Array.from({ length: h * t * d }, (_, n) => values[Math.floor(n / d) % t] as number),
    );

  test('q = 0, window 2, v = [1, 2, 3, 4]: each query averages itself and its predecessor → [1, 1.5, 2.5, 3.5]', () => {
    const q = f64([1, 4, 1], [0, 0, 0, 0]);
    const v = ones(1, 4, 1, [1, 2, 3, 4]);
    const tensors = [tensor3(q), tensor3(q), tensor3(v)] as const;
    const out = attentionWithBias(...tensors, { window: 2 });
    expectTensorClose(
      out,
      f64([1, 4, 1], [1, 1.5, 2.5, 3.5]),
      TOL,
      'attentionWithBias(q = 0, v = [1, 2, 3, 4], window 2)',
    );
    tf.dispose([...tensors, out]);
  });

  test('defaults: no window and no ALiBi, plain causal → [1, 1.5, 2, 2.5] (no options, or {})', () => {
    const q = f64([1, 4, 1], [0, 0, 0, 0]);
    const v = ones(1, 4, 1, [1, 2, 3, 4]);
    const tensors = [tensor3(q), tensor3(q), tensor3(v)] as const;
    for (const options of [undefined, {}]) {
      const out = options === undefined ? attentionWithBias(...tensors) : attentionWithBias(...tensors, options);
      expectTensorClose(
        out,
        f64([1, 4, 1], [1, 1.5, 2, 2.5]),
        TOL,
        `attentionWithBias(q = 0, v = [1..4]${options ? ', {}' : ''})`,
      );
      out.dispose();
    }
    tf.dispose([...tensors]);
  });

  test('pastLength offset: Tq = 2, Tk = 5, window 3, q = 0, v = [1..5]: queries at positions 3 and 4 → [3, 4]', () => {
    const q = f64([1, 2, 1], [0, 0]);
    const k = f64([1, 5, 1], [0, 0, 0, 0, 0]);
    const v = ones(1, 5, 1, [1, 2, 3, 4, 5]);
    const tensors = [tensor3(q), tensor3(k), tensor3(v)] as const;
    const out = attentionWithBias(...tensors, { window: 3 });
    expectTensorClose(out, f64([1, 2, 1], [3, 4]), TOL, 'attentionWithBias(Tq 2, Tk 5, window 3, v = [1..5])');
    tf.dispose([...tensors, out]);
  });

  test('ALiBi, H = 8, D = 4, one query at position 2, q = k = 0, v = [0, 0, 1]: head h gives 1 / (1 + e^-m + e^-2m), m = 2^-(h+1)', () => {
    const q = f64([8, 1, 4], new Array(32).fill(0));
    const k = f64([8, 3, 4], new Array(96).fill(0));
    const v = ones(8, 3, 4, [0, 0, 1]);
    const expected = Array.from({ length: 8 }, (_, h) => {
      const m = 2 ** -(h + 1);
      return new Array<number>(4).fill(1 / (1 + Math.exp(-m) + Math.exp(-2 * m)));
    }).flat();
    const tensors = [tensor3(q), tensor3(k), tensor3(v)] as const;
    const out = attentionWithBias(...tensors, { alibi: true });
    // head 0: 1 / (1 + e^-0.5 + e^-1) ≈ 0.50648, far keys weigh less; head 7 is nearly the plain 1/3
    expectTensorClose(out, f64([8, 1, 4], expected), TOL, 'attentionWithBias(H 8, q = k = 0, v = [0, 0, 1], alibi)');
    tf.dispose([...tensors, out]);
  });

  test('ALiBi and a window together: H = 3, Tq = 3, Tk = 7, D = 2, window 4 match the oracle', () => {
    checkAttention(
      random([3, 3, 2], 1),
      random([3, 7, 2], 2),
      random([3, 7, 2], 3),
      { window: 4, alibi: true },
      'attentionWithBias(H 3, Tq 3, Tk 7, D 2, { window: 4, alibi: true })',
    );
  });

  test('scores are scaled by 1/sqrt(D) before the biases: D = 16, ALiBi on, window 5', () => {
    checkAttention(
      random([2, 4, 16], 4, 2),
      random([2, 9, 16], 5, 2),
      random([2, 9, 16], 6),
      { window: 5, alibi: true },
      'attentionWithBias(H 2, Tq 4, Tk 9, D 16, { window: 5, alibi: true })',
    );
  });

  test('alibi false is plain sliding-window attention: H = 2, Tq = 3, Tk = 6, window 2', () => {
    checkAttention(
      random([2, 3, 4], 7),
      random([2, 6, 4], 8),
      random([2, 6, 4], 9),
      { window: 2, alibi: false },
      'attentionWithBias(H 2, Tq 3, Tk 6, D 4, { window: 2, alibi: false })',
    );
  });

  test('window 1: each query returns the value of its own key exactly (Tq = 2, Tk = 4)', () => {
    const v = random([2, 4, 3], 10);
    const tensors = [tensor3(random([2, 2, 3], 11)), tensor3(random([2, 4, 3], 12)), tensor3(v)] as const;
    const out = attentionWithBias(...tensors, { window: 1, alibi: true });
    const rows = [2, 3, 6, 7].flatMap((row) => Array.from(v.data.slice(row * 3, row * 3 + 3)));
    expectTensorClose(out, f64([2, 2, 3], rows), { atol: 1e-6 }, 'attentionWithBias(window 1)');
    tf.dispose([...tensors, out]);
  });

  test('huge scores stay finite: integer q, k in [-40, 40], D = 4 (scores in the thousands), ALiBi and window 3', () => {
    checkAttention(
      randomIntegers([2, 3, 4], 13, 40),
      randomIntegers([2, 5, 4], 14, 40),
      random([2, 5, 4], 15),
      { window: 3, alibi: true },
      'attentionWithBias(integer q, k in [-40, 40], { window: 3, alibi: true })',
    );
  });

  test('a Mistral-like decode step: H = 4, Tq = 1, Tk = 300, D = 8, window 64, ALiBi', () => {
    checkAttention(
      random([4, 1, 8], 16, 3),
      random([4, 300, 8], 17, 3),
      random([4, 300, 8], 18),
      { window: 64, alibi: true },
      'attentionWithBias(H 4, Tq 1, Tk 300, D 8, { window: 64, alibi: true })',
    );
  });

  test('attentionWithBias returns float32 [H, Tq, D] = [3, 2, 5], leaks no tensors and leaves its inputs usable', () => {
    const q = random([3, 2, 5], 19);
    const k = random([3, 4, 5], 20);
    const v = random([3, 4, 5], 21);
    const tensors = [tensor3(q), tensor3(k), tensor3(v)] as const;
    const out = expectNoLeaks(
      () => attentionWithBias(...tensors, { window: 2, alibi: true }),
      'attentionWithBias(H 3, Tq 2, Tk 4, D 5, { window: 2, alibi: true })',
    );
    expectTensorClose(out, attentionOracle(q, k, v, 2, true), TOL, 'attentionWithBias(H 3, Tq 2, Tk 4, D 5)');
    for (const t of tensors) expect(t.isDisposed, 'an input was disposed').toBe(false);
    expectTensorClose(tensors[0], q, { atol: 0 }, 'q after the call');
    tf.dispose([...tensors, out]);
  });

  test('attentionWithBias throws TypeError for a q, k or v that is not a tf.Tensor', () => {
    const t = tf.zeros([1, 2, 2]) as tf.Tensor3D;
    const array = [[[0, 0]]] as unknown as tf.Tensor3D;
    expect(() => attentionWithBias(array, t, t)).toThrow(TypeError);
    expect(() => attentionWithBias(t, array, t)).toThrow(TypeError);
    expect(() => attentionWithBias(t, t, array)).toThrow(TypeError);
    t.dispose();
  });

  test('attentionWithBias throws TypeError for an alibi that is not a boolean: 1, "yes"', () => {
    const t = tf.zeros([1, 2, 2]) as tf.Tensor3D;
    for (const alibi of [1, 'yes']) {
      expect(() => attentionWithBias(t, t, t, { alibi: alibi as unknown as boolean }), `alibi ${alibi}`).toThrow(
        TypeError,
      );
    }
    t.dispose();
  });

  test('attentionWithBias throws TypeError for a window that is not a number: "2"', () => {
    const t = tf.zeros([1, 2, 2]) as tf.Tensor3D;
    expect(() => attentionWithBias(t, t, t, { window: '2' as unknown as number })).toThrow(TypeError);
    t.dispose();
  });

  test('attentionWithBias throws RangeError for a window that is not a positive integer: 0, -2, 1.5, Infinity', () => {
    const t = tf.zeros([1, 2, 2]) as tf.Tensor3D;
    for (const window of [0, -2, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => attentionWithBias(t, t, t, { window }), `window ${window}`).toThrow(RangeError);
    }
    t.dispose();
  });

  const shapes = (q: number[], k: number[], v: number[]) => [q, k, v].map((s) => tf.zeros<tf.Rank>(s) as tf.Tensor3D);

  test.each([
    ['q of rank 4 [1, 1, 2, 2]', [1, 1, 2, 2], [1, 2, 2], [1, 2, 2]],
    ['q of rank 2 [2, 2]', [2, 2], [1, 2, 2], [1, 2, 2]],
    ['k and v of rank 4', [1, 2, 2], [1, 1, 2, 2], [1, 1, 2, 2]],
    ['v of rank 2', [1, 2, 2], [1, 2, 2], [2, 2]],
    ['head counts of q and k differ (2 vs 1)', [2, 2, 2], [1, 2, 2], [1, 2, 2]],
    ['head sizes D of q and k differ (2 vs 3)', [1, 2, 2], [1, 2, 3], [1, 2, 3]],
    ['k and v lengths Tk differ (3 vs 2)', [1, 2, 2], [1, 3, 2], [1, 2, 2]],
    ['k and v head counts differ', [1, 2, 2], [1, 2, 2], [2, 2, 2]],
    ['k and v head sizes differ', [1, 2, 2], [1, 2, 2], [1, 2, 4]],
    ['Tq > Tk (3 queries, 2 keys)', [1, 3, 2], [1, 2, 2], [1, 2, 2]],
  ])('attentionWithBias throws RangeError: %s', (_name, qs, ks, vs) => {
    const [q, k, v] = shapes(qs, ks, vs) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    expect(() => attentionWithBias(q, k, v)).toThrow(RangeError);
    tf.dispose([q, k, v]);
  });
});

describe('sliding-window-alibi: work (no JavaScript loop over queries, keys or mask entries)', () => {
  test('alibiSlopes(256) and alibiSlopes(255): within 50 + 10·numHeads steps', () => {
    for (const h of [256, 255]) {
      const slopes = expectWithinBudget(() => counted.alibiSlopes(h), {
        steps: 50 + 10 * h,
        rule: `50 + 10·numHeads for numHeads = ${h}`,
      });
      expectSlopes(slopes, slopesOracle(h), `alibiSlopes(${h})`);
    }
  });

  test('slidingWindowMask(512, 512, { window: 64 }) and (1, 4096): within 100 steps, whatever tq and tk', () => {
    const mask = expectWithinBudget(
      () => counted.slidingWindowMask(512, 512, { window: 64 }),
      { steps: 100, rule: '100 steps for tq = tk = 512' },
      { builtins: false },
    );
    expectMask(mask, maskOracle(512, 512, 64), 'slidingWindowMask(512, 512, { window: 64 })');
    mask.dispose();
    const row = expectWithinBudget(
      () => counted.slidingWindowMask(1, 4096, { window: 1000 }),
      { steps: 100, rule: '100 steps for tq = 1, tk = 4096' },
      { builtins: false },
    );
    expectMask(row, maskOracle(1, 4096, 1000), 'slidingWindowMask(1, 4096, { window: 1000 })');
    row.dispose();
  });

  test('alibiBias(16, 256, 256): within 100 + 20·numHeads steps', () => {
    const out = expectWithinBudget(
      () => counted.alibiBias(16, 256, 256),
      { steps: 100 + 20 * 16, rule: '100 + 20·numHeads for numHeads = 16, tq = tk = 256' },
      { builtins: false },
    );
    expectTensorClose(out, biasOracle(16, 256, 256), TOL, 'alibiBias(16, 256, 256)');
    out.dispose();
  });

  test('attentionWithBias, H = 2, Tq = Tk = 128, D = 4, window 16, ALiBi: within 100 + 20·H steps', () => {
    const q = random([2, 128, 4], 30);
    const k = random([2, 128, 4], 31);
    const v = random([2, 128, 4], 32);
    const tensors = [tensor3(q), tensor3(k), tensor3(v)] as const;
    const out = expectWithinBudget(
      () => counted.attentionWithBias(...tensors, { window: 16, alibi: true }),
      { steps: 100 + 20 * 2, rule: '100 + 20·H for H = 2, Tq = Tk = 128' },
      { builtins: false },
    );
    expectTensorClose(out, attentionOracle(q, k, v, 16, true), TOL, 'attentionWithBias(H 2, T 128, window 16, alibi)');
    tf.dispose([...tensors, out]);
  });
});

describe('sliding-window-alibi: properties (against the float64 loop oracles)', () => {
  test.prop([numHeads], { numRuns: 60 })('alibiSlopes matches the closed form for any head count', (h) => {
    expectSlopes(alibiSlopes(h), slopesOracle(h), `alibiSlopes(${h})`);
  });

  test.prop([fc.integer({ min: 0, max: 8 })], { numRuns: 9 })(
    'for a power of two h the slopes are geometric: first 2^(-8/h), ratio 2^(-8/h)',
    (e) => {
      const h = 2 ** e;
      const slopes = alibiSlopes(h);
      const ratio = 2 ** (-8 / h);
      expectSlopes(
        slopes,
        Array.from({ length: h }, (_, k) => ratio ** (k + 1)),
        `alibiSlopes(${h})`,
      );
    },
  );

  test.prop([fc.integer({ min: 3, max: 300 }).filter((h) => (h & (h - 1)) !== 0)], { numRuns: 40 })(
    'a non-power of two h: the first n = 2^floor(log2 h) slopes are those of n heads, the rest every other slope of 2n heads',
    (h) => {
      const n = closestPowerOfTwo(h);
      const slopes = alibiSlopes(h);
      const ofN = alibiSlopes(n);
      const of2n = alibiSlopes(2 * n);
      const expected = [...ofN, ...of2n.filter((_, i) => i % 2 === 0).slice(0, h - n)];
      expectSlopes(slopes, expected, `alibiSlopes(${h}) vs alibiSlopes(${n}) and alibiSlopes(${2 * n})`);
    },
  );

  test.prop([maskCase], { numRuns: 60 })('slidingWindowMask matches the oracle', (c) => {
    const tk = c.tq + c.pastLength;
    checkMask(c.tq, tk, c.window, `slidingWindowMask(${c.tq}, ${tk}, { window: ${c.window} })`);
  });

  test.prop([maskCase.filter((c) => c.window !== undefined)], { numRuns: 40 })(
    'each query row sees exactly min(window, i + 1) keys, the last of them its own key i',
    (c) => {
      const tk = c.tq + c.pastLength;
      const window = c.window as number;
      const out = slidingWindowMask(c.tq, tk, { window });
      const data = out.dataSync();
      out.dispose();
      for (let r = 0; r < c.tq; r++) {
        const i = c.pastLength + r;
        const row = Array.from(data.slice(r * tk, (r + 1) * tk));
        const seen = row.filter((x) => x === 0).length;
        const what = `slidingWindowMask(${c.tq}, ${tk}, { window: ${window} }) row ${r} (position ${i})`;
        expect(seen, `${what}: visible keys`).toBe(Math.min(window, i + 1));
        expect(row[i], `${what}: its own key`).toBe(0);
        expect(row.lastIndexOf(0), `${what}: no future key`).toBe(i);
      }
    },
  );

  test.prop([maskCase], { numRuns: 30 })(
    'shift invariance: slidingWindowMask(tq, tk) is the last tq rows of slidingWindowMask(tk, tk)',
    (c) => {
      const tk = c.tq + c.pastLength;
      const options = c.window === undefined ? {} : { window: c.window };
      const part = slidingWindowMask(c.tq, tk, options);
      const full = slidingWindowMask(tk, tk, options);
      const tail = full.dataSync().slice(c.pastLength * tk);
      full.dispose();
      expectMask(part, { shape: [c.tq, tk], data: Float64Array.from(tail) }, `slidingWindowMask(${c.tq}, ${tk})`);
      part.dispose();
    },
  );

  test.prop([maskCase], { numRuns: 30 })('a window >= tk gives plain causal masking', (c) => {
    const tk = c.tq + c.pastLength;
    const out = slidingWindowMask(c.tq, tk, { window: tk + (c.window ?? 0) });
    expectMask(out, maskOracle(c.tq, tk, undefined), `slidingWindowMask(${c.tq}, ${tk}, { window: >= ${tk} })`);
    out.dispose();
  });

  test.prop([biasCase], { numRuns: 40 })('alibiBias matches the oracle', (c) => {
    const tk = c.tq + c.pastLength;
    const out = alibiBias(c.h, c.tq, tk);
    expectTensorClose(out, biasOracle(c.h, c.tq, tk), TOL, `alibiBias(${c.h}, ${c.tq}, ${tk})`);
    out.dispose();
  });

  test.prop([biasCase], { numRuns: 30 })(
    'the bias depends only on j − i: alibiBias(H, tq, tk) is the last tq rows of alibiBias(H, tk, tk)',
    (c) => {
      const tk = c.tq + c.pastLength;
      const part = alibiBias(c.h, c.tq, tk);
      const full = alibiBias(c.h, tk, tk);
      const values = full.arraySync().flatMap((head) => head.slice(c.pastLength).flat());
      full.dispose();
      expectTensorClose(part, f64([c.h, c.tq, tk], values), { atol: 1e-6 }, `alibiBias(${c.h}, ${c.tq}, ${tk})`);
      part.dispose();
    },
  );

  test.prop([attentionCase], { numRuns: 60 })(
    'attentionWithBias matches the oracle on random H, Tq, pastLength, D, window and ALiBi',
    (c) => {
      const { q, k, v } = caseInputs(c);
      const options = attentionOptionsOf(c);
      checkAttention(
        q,
        k,
        v,
        options,
        `attentionWithBias(H ${c.h}, Tq ${c.tq}, Tk ${k.shape[1]}, D ${c.d}, ${JSON.stringify(options)})`,
      );
    },
  );

  test.prop([attentionCase], { numRuns: 30 })('a window >= Tk gives plain causal attention', (c) => {
    const { q, k, v } = caseInputs(c);
    const tk = k.shape[1] as number;
    const alibi = c.alibi === true;
    const tensors = [tensor3(q), tensor3(k), tensor3(v)] as const;
    const out = attentionWithBias(...tensors, { window: tk + (c.window ?? 0), alibi });
    try {
      expectTensorClose(
        out,
        attentionOracle(q, k, v, undefined, alibi),
        TOL,
        `attentionWithBias(window >= Tk = ${tk})`,
      );
    } finally {
      tf.dispose([...tensors, out]);
    }
  });

  test.prop([call], { numRuns: 60 })(
    'calls from inputs.ts (options given or left out; rarely one bad input): valid ones match the oracles, bad ones throw RangeError',
    (input) => {
      const what = JSON.stringify(input);
      if (input.fn === 'alibiSlopes') {
        expectSlopes(alibiSlopes(input.h), slopesOracle(input.h), what);
        return;
      }
      if (input.fn === 'slidingWindowMask') {
        const { tq, tk, options } = maskArgs(input.c, input.bad);
        if (input.bad !== 'none') expect(() => slidingWindowMask(tq, tk, options), what).toThrow(RangeError);
        else checkMask(tq, tk, options.window, what);
        return;
      }
      if (input.fn === 'alibiBias') {
        const { h, tq, tk, options } = biasArgs(input.c, input.bad);
        if (input.bad !== 'none') {
          expect(() => alibiBias(h, tq, tk, options), what).toThrow(RangeError);
          return;
        }
        const out = alibiBias(h, tq, tk, options);
        expectTensorClose(out, biasOracle(h, tq, tk), TOL, what);
        out.dispose();
        return;
      }
      const { q, k, v, options } = attentionArgs(input.c, input.bad);
      if (input.bad === 'none') {
        checkAttention(q, k, v, options, what);
        return;
      }
      const tensors = [tensor3(q), tensor3(k), tensor3(v)] as const;
      try {
        expect(() => attentionWithBias(...tensors, options), what).toThrow(RangeError);
      } finally {
        tf.dispose([...tensors]);
      }
    },
  );
});
