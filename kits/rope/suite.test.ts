import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/rope';
import { applyRope } from '@impl/rope';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import {
  ropeCall,
  ropeCase as caseArb,
  ropeOptionsOf as optionsOf,
  ropeShape as shapeArb,
  ropeStyle as styleArb,
} from './inputs.ts';
import { interleavedToHalfIndices, ropeOracle, rowDot, rowNorms, type RopeOracleOptions } from './oracle.ts';
import {
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  useTensorBackend,
  type Closeness,
  type F64Array,
} from '../../src/harness/tf.ts';

useTensorBackend();

const TOL: Closeness = { atol: 1e-4, rtol: 1e-4 };

/** Runs applyRope on a float32 copy of `x` and compares with the float64 oracle. */
function checkAgainstOracle(x: F64Array, options: RopeOracleOptions | undefined, what: string, tol = TOL): void {
  const input = tf.tensor(Float32Array.from(x.data), [...x.shape], 'float32');
  let out: tf.Tensor | undefined;
  try {
    out = options === undefined ? applyRope(input) : applyRope(input, options);
    expectTensorClose(out, ropeOracle(x, options), tol, what);
  } finally {
    input.dispose();
    out?.dispose();
  }
}

/** applyRope on a float32 tensor built from `values`, read back as a plain array (tensors disposed). */
function ropeValues(values: ArrayLike<number>, shape: number[], options?: RopeOracleOptions): Float32Array {
  const input = tf.tensor(Float32Array.from(values), shape, 'float32');
  try {
    const out = applyRope(input, options);
    try {
      expect(out.shape, 'applyRope must return a tensor of the same shape as x').toEqual(shape);
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  } finally {
    input.dispose();
  }
}

/** Seeded float32-representable values with their shape, for the oracle only (no tensor). */
function randomF64(shape: readonly number[], seed: number): F64Array {
  return {
    shape,
    data: randomValues(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
  };
}

/**
 * A float32 tensor and its float64 twin from the same seeded values. (tf.tensor rejects a
 * Float64Array, so the tensor is built from a Float32Array copy; the values are float32-exact.)
 */
function pair(shape: readonly number[], seed: number): { tensor: tf.Tensor; f64: F64Array } {
  const f64 = randomF64(shape, seed);
  return { tensor: tf.tensor(Float32Array.from(f64.data), [...shape], 'float32'), f64 };
}

const ONE_TO_EIGHT: F64Array = { shape: [1, 8], data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };

/**
 * Pinned vectors for x = [1..8], D = 8, position 1, base 10000 (inv_freq = [1, 0.1, 0.01, 0.001]).
 * Written out by hand from the rotation out_a = a·cos − b·sin, out_b = b·cos + a·sin, computed in
 * float64 outside this repository; they match HuggingFace `apply_rotary_pos_emb` (q·cos +
 * rotate_half(q)·sin, rotate_half = cat(−x2, x1)) and Meta llama `apply_rotary_emb`
 * ((x[2i] + i·x[2i+1])·e^{i·θ}). E.g. half[0] = 1·cos 1 − 5·sin 1, interleaved[0] = 1·cos 1 − 2·sin 1.
 */
const PINNED_HALF = [
  -3.667052618171343, 1.3910078306750826, 2.9298511679108294, 3.9919980013335, 3.542982514148595, 6.169691824961811,
  7.029649502919157, 8.003995999333666,
];
const PINNED_INTERLEAVED = [
  -1.1426396637476532, 1.922075596544176, 2.585678829246765, 4.279516911052588, 4.939751002078326, 6.049699169170825,
  6.991996501333625, 8.006995998833666,
];
const PINNED_TOL: Closeness = { atol: 1e-5, rtol: 1e-5 };

describe('rope: worked examples (pinned vectors, D = 8, x = [1..8], position 1)', () => {
  test("style 'half' pairs x[i] with x[i+4]: [1..8] at position 1 → [-3.6671, 1.3910, 2.9299, 3.9920, 3.5430, 6.1697, 7.0296, 8.0040]", () => {
    const expected: F64Array = { shape: [1, 8], data: Float64Array.from(PINNED_HALF) };
    // The loop oracle must agree with the hand-pinned numbers (guards the oracle itself).
    expectTensorCloseF64(ropeOracle(ONE_TO_EIGHT, { positions: [1], style: 'half' }), expected);
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8]]);
    const out = applyRope(x, { positions: [1], style: 'half' });
    expectTensorClose(out, expected, PINNED_TOL, "applyRope([[1..8]], {positions: [1], style: 'half'})");
    tf.dispose([x, out]);
  });

  test("style 'interleaved' pairs x[2i] with x[2i+1]: [1..8] at position 1 → [-1.1426, 1.9221, 2.5857, 4.2795, 4.9398, 6.0497, 6.9920, 8.0070]", () => {
    const expected: F64Array = { shape: [1, 8], data: Float64Array.from(PINNED_INTERLEAVED) };
    expectTensorCloseF64(ropeOracle(ONE_TO_EIGHT, { positions: [1], style: 'interleaved' }), expected);
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8]]);
    const out = applyRope(x, { positions: [1], style: 'interleaved' });
    expectTensorClose(out, expected, PINNED_TOL, "applyRope([[1..8]], {positions: [1], style: 'interleaved'})");
    tf.dispose([x, out]);
  });

  test("the default style is 'half': applyRope([[1..8]], {positions: [1]}) gives the 'half' vector", () => {
    const x = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8]]);
    const out = applyRope(x, { positions: [1] });
    expectTensorClose(
      out,
      { shape: [1, 8], data: Float64Array.from(PINNED_HALF) },
      PINNED_TOL,
      'applyRope([[1..8]], {positions: [1]}) (no style given)',
    );
    tf.dispose([x, out]);
  });

  test('default positions are 0..T-1: [[1..8], [1..8]] → row 0 unchanged, row 1 is the position-1 vector', () => {
    const x = tf.tensor2d([
      [1, 2, 3, 4, 5, 6, 7, 8],
      [1, 2, 3, 4, 5, 6, 7, 8],
    ]);
    const out = applyRope(x);
    expectTensorClose(
      out,
      { shape: [2, 8], data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, ...PINNED_HALF]) },
      PINNED_TOL,
      'applyRope([[1..8], [1..8]])',
    );
    tf.dispose([x, out]);
  });

  test('position 0 is the identity for both styles: positions [0, 0, 0] return x unchanged', () => {
    const { tensor, f64 } = pair([3, 6], 11);
    for (const style of ['half', 'interleaved'] as const) {
      const out = applyRope(tensor, { positions: [0, 0, 0], style });
      expectTensorClose(out, f64, { atol: 1e-6 }, `applyRope(x [3, 6], {positions: [0, 0, 0], style: '${style}'})`);
      out.dispose();
    }
    tensor.dispose();
  });
});

/** Float64 vs float64 (for checking the oracle against the pinned numbers). */
function expectTensorCloseF64(actual: F64Array, expected: F64Array): void {
  expect(actual.shape).toEqual(expected.shape);
  for (let i = 0; i < expected.data.length; i++) {
    expect(Math.abs((actual.data[i] as number) - (expected.data[i] as number)), `oracle[${i}]`).toBeLessThan(1e-12);
  }
}

describe('rope: shapes, options and edge cases', () => {
  test('rank 2 [T, D] = [5, 8]: same shape, float32, matches the oracle', () => {
    checkAgainstOracle(randomF64([5, 8], 1), undefined, 'applyRope(x [5, 8])');
  });

  test('rank 3 [B, T, D] = [2, 4, 6]: every batch row uses the same positions', () => {
    checkAgainstOracle(randomF64([2, 4, 6], 2), {}, 'applyRope(x [2, 4, 6], {})');
  });

  test('rank 4 [B, H, T, D] = [2, 3, 4, 8], both styles: shape kept, rotation along T only', () => {
    const x = randomF64([2, 3, 4, 8], 3);
    checkAgainstOracle(x, { style: 'half' }, "applyRope(x [2, 3, 4, 8], {style: 'half'})");
    checkAgainstOracle(x, { style: 'interleaved' }, "applyRope(x [2, 3, 4, 8], {style: 'interleaved'})");
  });

  test('rank 5 [2, 1, 2, 3, 4] is a leading axis more, not an error: rotation along T only', () => {
    checkAgainstOracle(
      randomF64([2, 1, 2, 3, 4], 7),
      { positions: [5, 0, 2] },
      'applyRope(x [2, 1, 2, 3, 4], {positions: [5, 0, 2]})',
    );
  });

  test('rank 4 with explicit positions [7, 3, 0]: x [1, 2, 3, 4]', () => {
    const x = randomF64([1, 2, 3, 4], 4);
    checkAgainstOracle(x, { positions: [7, 3, 0] }, 'applyRope(x [1, 2, 3, 4], {positions: [7, 3, 0]})');
    checkAgainstOracle(x, { positions: [7, 3, 0], style: 'interleaved' }, "… style: 'interleaved'");
  });

  test('D = 2 (a single pair) and T = 1: x [1, 2] at position 3, both styles agree', () => {
    const x: F64Array = { shape: [1, 2], data: Float64Array.from([0.5, -0.25]) };
    checkAgainstOracle(x, { positions: [3] }, 'applyRope([[0.5, -0.25]], {positions: [3]})');
    checkAgainstOracle(x, { positions: [3], style: 'interleaved' }, "… style: 'interleaved'");
  });

  test('an int32 x is still rotated into a float32 result: int32 [[1..8]] at position 1, both styles', () => {
    const input = tf.tensor2d([[1, 2, 3, 4, 5, 6, 7, 8]], [1, 8], 'int32');
    try {
      for (const style of ['half', 'interleaved'] as const) {
        const out = applyRope(input, { positions: [1], style });
        try {
          expectTensorClose(
            out,
            ropeOracle(ONE_TO_EIGHT, { positions: [1], style }),
            TOL,
            `applyRope(int32 [[1..8]], {positions: [1], style: '${style}'})`,
          );
        } finally {
          out.dispose();
        }
      }
    } finally {
      input.dispose();
    }
  });

  test('decode offset: applyRope(x[5..7], {positions: [5, 6, 7]}) equals rows 5..7 of applyRope(x[0..7])', () => {
    const full = pair([8, 8], 5);
    const tail = tf.slice(full.tensor, [5, 0], [3, 8]);
    for (const style of ['half', 'interleaved'] as const) {
      const fullOut = applyRope(full.tensor, { style });
      const tailOut = applyRope(tail, { positions: [5, 6, 7], style });
      const wanted = fullOut.dataSync().slice(5 * 8);
      expectTensorClose(
        tailOut,
        { shape: [3, 8], data: Float64Array.from(wanted) },
        { atol: 1e-5 },
        `applyRope(x[5..7], {positions: [5, 6, 7], style: '${style}'}) vs rows 5..7 of applyRope(x)`,
      );
      checkAgainstOracle(
        { shape: [3, 8], data: full.f64.data.slice(5 * 8) },
        { positions: [5, 6, 7], style },
        `applyRope(x [3, 8], {positions: [5, 6, 7], style: '${style}'})`,
      );
      tf.dispose([fullOut, tailOut]);
    }
    tf.dispose([full.tensor, tail]);
  });

  test('base changes the result: base 500 and base 1e6 match the oracle and differ from base 10000', () => {
    const x = randomF64([4, 8], 6);
    for (const base of [500, 1e6]) {
      checkAgainstOracle(x, { base }, `applyRope(x [4, 8], {base: ${base}})`);
      checkAgainstOracle(
        x,
        { base, style: 'interleaved' },
        `applyRope(x [4, 8], {base: ${base}, style: 'interleaved'})`,
      );
    }
    const withDefault = ropeValues(x.data, [4, 8]);
    const with500 = ropeValues(x.data, [4, 8], { base: 500 });
    const maxDiff = Math.max(...Array.from(withDefault, (v, i) => Math.abs(v - (with500[i] as number))));
    expect(maxDiff, 'base 500 must give a different result from the default base 10000').toBeGreaterThan(1e-3);
  });

  test('long context: positions [4093, 4094, 4095] on x [3, 16] (float32 angles, atol 1e-3)', () => {
    const x = randomF64([3, 16], 7);
    const positions = [4093, 4094, 4095];
    checkAgainstOracle(x, { positions }, 'applyRope(x [3, 16], {positions: [4093, 4094, 4095]})', { atol: 1e-3 });
    checkAgainstOracle(x, { positions, style: 'interleaved' }, "… style: 'interleaved'", { atol: 1e-3 });
  });

  test('odd D throws RangeError: x [2, 7]', () => {
    const x = tf.zeros([2, 7]);
    expect(() => applyRope(x)).toThrow(RangeError);
    expect(() => applyRope(x, { style: 'interleaved' })).toThrow(RangeError);
    x.dispose();
  });

  test('rank < 2 throws RangeError: x [8] and a scalar', () => {
    const vector = tf.zeros([8]);
    const scalar = tf.scalar(1);
    expect(() => applyRope(vector)).toThrow(RangeError);
    expect(() => applyRope(scalar)).toThrow(RangeError);
    tf.dispose([vector, scalar]);
  });

  test('positions.length !== T throws RangeError: x [3, 4] with positions [0, 1] or [0, 1, 2, 3]', () => {
    const x = tf.zeros([3, 4]);
    expect(() => applyRope(x, { positions: [0, 1] })).toThrow(RangeError);
    expect(() => applyRope(x, { positions: [0, 1, 2, 3] })).toThrow(RangeError);
    const x4 = tf.zeros([2, 2, 3, 4]);
    expect(() => applyRope(x4, { positions: [0, 1] })).toThrow(RangeError);
    tf.dispose([x, x4]);
  });

  test('base <= 0 throws RangeError: base 0 and base -10000', () => {
    const x = tf.zeros([2, 4]);
    expect(() => applyRope(x, { base: 0 })).toThrow(RangeError);
    expect(() => applyRope(x, { base: -10000 })).toThrow(RangeError);
    x.dispose();
  });

  test("an unknown style throws RangeError: style 'complex', '' and 'Half'", () => {
    const x = tf.zeros([2, 4]);
    for (const style of ['complex', '', 'Half']) {
      expect(() => applyRope(x, { style: style as 'half' }), `style ${JSON.stringify(style)}`).toThrow(RangeError);
    }
    x.dispose();
  });

  test('a negative position throws RangeError: positions [0, -1, 2]', () => {
    const x = tf.zeros([3, 4]);
    expect(() => applyRope(x, { positions: [0, -1, 2] })).toThrow(RangeError);
    expect(() => applyRope(x, { positions: [-5, 0, 1], style: 'interleaved' })).toThrow(RangeError);
    x.dispose();
  });

  test('a fractional position throws RangeError: positions [0, 1.5, 2] and [0.25, 1, 2]', () => {
    const x = tf.zeros([3, 4]);
    expect(() => applyRope(x, { positions: [0, 1.5, 2] })).toThrow(RangeError);
    expect(() => applyRope(x, { positions: [0.25, 1, 2], style: 'interleaved' })).toThrow(RangeError);
    x.dispose();
  });

  test('a NaN or infinite position throws RangeError: positions [0, NaN, 2], [Infinity, 1, 2]', () => {
    const x = tf.zeros([3, 4]);
    expect(() => applyRope(x, { positions: [0, Number.NaN, 2] })).toThrow(RangeError);
    expect(() => applyRope(x, { positions: [Number.POSITIVE_INFINITY, 1, 2] })).toThrow(RangeError);
    x.dispose();
  });

  test("positions that is not an array of numbers throws TypeError: 7, '012', [0, '1', 2], [0, null, 2]", () => {
    const x = tf.zeros([3, 4]);
    for (const positions of [7, '012', [0, '1', 2], [0, null, 2]]) {
      expect(() => applyRope(x, { positions: positions as unknown as number[] }), JSON.stringify(positions)).toThrow(
        TypeError,
      );
    }
    x.dispose();
  });

  test('a NaN base throws RangeError', () => {
    const x = tf.zeros([2, 4]);
    expect(() => applyRope(x, { base: Number.NaN })).toThrow(RangeError);
    x.dispose();
  });

  test('an infinite base throws RangeError: base Infinity and -Infinity', () => {
    const x = tf.zeros([2, 4]);
    expect(() => applyRope(x, { base: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => applyRope(x, { base: Number.NEGATIVE_INFINITY })).toThrow(RangeError);
    x.dispose();
  });

  test("a base that is not a number throws TypeError: '10000'", () => {
    const x = tf.zeros([2, 4]);
    expect(() => applyRope(x, { base: '10000' as unknown as number })).toThrow(TypeError);
    x.dispose();
  });

  test('x that is not a tf.Tensor throws TypeError: a nested array [[1, 2]]', () => {
    expect(() => applyRope([[1, 2]] as unknown as tf.Tensor)).toThrow(TypeError);
  });

  test('x is neither disposed nor changed by the call', () => {
    const { tensor, f64 } = pair([2, 3, 8], 8);
    const out = applyRope(tensor, { positions: [1, 2, 3] });
    expect(tensor.isDisposed, 'applyRope disposed its input x').toBe(false);
    expectTensorClose(tensor, f64, { atol: 0 }, 'x after applyRope');
    tf.dispose([tensor, out]);
  });

  test('leaks no tensors: rank 2 and rank 4, both styles, explicit positions and base', () => {
    const x2 = pair([4, 8], 9);
    const x4 = pair([2, 2, 3, 6], 10);
    for (const style of ['half', 'interleaved'] as const) {
      const a = expectNoLeaks(() => applyRope(x2.tensor, { style }), `applyRope(x [4, 8], {style: '${style}'})`);
      expectTensorClose(a, ropeOracle(x2.f64, { style }), TOL, 'result');
      const b = expectNoLeaks(
        () => applyRope(x4.tensor, { positions: [2, 4, 6], base: 100, style }),
        `applyRope(x [2, 2, 3, 6], {positions: [2, 4, 6], base: 100, style: '${style}'})`,
      );
      expectTensorClose(b, ropeOracle(x4.f64, { positions: [2, 4, 6], base: 100, style }), TOL, 'result');
      tf.dispose([a, b]);
    }
    tf.dispose([x2.tensor, x4.tensor]);
  });
});

describe('rope: scale', () => {
  // T and D are what RoPE's angles depend on; B and H are only batch axes, kept small so the
  // learner's watch re-run stays fast.
  test('[B, H, T, D] = [1, 2, 256, 64], both styles: matches the oracle and leaks nothing', () => {
    const x = pair([1, 2, 256, 64], 12);
    for (const style of ['half', 'interleaved'] as const) {
      const out = expectNoLeaks(
        () => applyRope(x.tensor, { style }),
        `applyRope(x [1, 2, 256, 64], {style: '${style}'})`,
      );
      expectTensorClose(out, ropeOracle(x.f64, { style }), TOL, `applyRope(x [1, 2, 256, 64], {style: '${style}'})`);
      out.dispose();
    }
    x.tensor.dispose();
  });
});

describe('rope: work (no JavaScript loop over the rows or elements of x)', () => {
  /** The prompt's budget: at most 4·T·D + 100 steps of JavaScript, whatever the leading axes are. */
  function expectWithinWork(shape: number[], seed: number, options: RopeOracleOptions): void {
    const { tensor, f64 } = pair(shape, seed);
    const [t, d] = shape.slice(-2) as [number, number];
    const what = `applyRope(x [${shape.join(', ')}], ${JSON.stringify(options)})`;
    try {
      const out = expectWithinBudget(
        () => counted.applyRope(tensor, options),
        { steps: 4 * t * d + 100, rule: `4·T·D + 100 for T = ${t}, D = ${d}` },
        { builtins: false },
      );
      try {
        expectTensorClose(out, ropeOracle(f64, options), TOL, what);
      } finally {
        out.dispose();
      }
    } finally {
      tensor.dispose();
    }
  }

  test('x [64, 8, 8] (4096 elements, T·D = 64), both styles: within 4·T·D + 100 steps', () => {
    expectWithinWork([64, 8, 8], 13, { style: 'half' });
    expectWithinWork([64, 8, 8], 13, { style: 'interleaved', positions: [3, 1, 4, 1, 5, 9, 2, 6] });
  });

  test('x [2, 8, 64, 16] (16384 elements, T·D = 1024), both styles: within 4·T·D + 100 steps', () => {
    expectWithinWork([2, 8, 64, 16], 14, {});
    expectWithinWork([2, 8, 64, 16], 14, { style: 'interleaved', base: 500 });
  });
});

describe('rope: properties (against the float64 loop oracle)', () => {
  test.prop([caseArb], { numRuns: 60 })('matches the oracle for random shapes, positions, bases and styles', (c) => {
    const options = optionsOf(c);
    const what = `applyRope(x [${c.shape.join(', ')}], ${JSON.stringify(options)})`;
    checkAgainstOracle(randomF64(c.shape, c.seed), options, what);
  });

  test.prop([ropeCall], { numRuns: 60 })(
    'calls from inputs.ts (options given, left out, or no options argument; rarely one bad input): valid ones match the oracle, bad ones throw RangeError',
    (call) => {
      const what = `applyRope(x [${call.shape.join(', ')}]${call.options === undefined ? '' : `, ${JSON.stringify(call.options)}`}) (bad: ${call.bad})`;
      if (call.bad !== 'none') {
        const x = tf.zeros(call.shape);
        try {
          expect(() => applyRope(x, call.options as RopeOracleOptions), what).toThrow(RangeError);
        } finally {
          x.dispose();
        }
        return;
      }
      checkAgainstOracle(randomF64(call.shape, call.seed), call.options as RopeOracleOptions | undefined, what);
    },
  );

  test.prop([caseArb], { numRuns: 40 })('preserves the norm of every [D] row', (c) => {
    const x = randomValues(
      c.shape.reduce((a, b) => a * b, 1),
      c.seed,
    );
    const d = c.shape.at(-1) as number;
    const out = ropeValues(x, c.shape, optionsOf(c));
    const before = rowNorms(x, d);
    const after = rowNorms(out, d);
    before.forEach((norm, row) => {
      const message = `x [${c.shape.join(', ')}], row ${row}: |rope(x)| = ${after[row]}, |x| = ${norm}`;
      expect(Math.abs((after[row] as number) - norm), message).toBeLessThan(1e-4);
    });
  });

  test.prop(
    [
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 1, max: 60 }),
      styleArb,
    ],
    { numRuns: 40 },
  )('relative position: <rope(q, m), rope(k, n)> = <rope(q, m+s), rope(k, n+s)>', (halfD, seed, m, n, s, style) => {
    const d = 2 * halfD;
    const qk = randomValues(2 * d, seed);
    const at = ropeValues(qk, [2, d], { positions: [m, n], style });
    const shifted = ropeValues(qk, [2, d], { positions: [m + s, n + s], style });
    const dot = rowDot(at, 0, at, 1, d);
    const dotShifted = rowDot(shifted, 0, shifted, 1, d);
    const message = `D = ${d}, m = ${m}, n = ${n}, s = ${s}: ${dot} vs ${dotShifted}`;
    expect(Math.abs(dot - dotShifted), message).toBeLessThan(2e-4);
  });

  test.prop(
    [shapeArb, fc.integer({ min: 0, max: 1_000_000 }), fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined })],
    { numRuns: 40 },
  )(
    "permutation: 'half' on P·x (features x[0], x[2], …, x[1], x[3], …) = P·('interleaved' on x)",
    (shape, seed, start) => {
      const d = shape.at(-1) as number;
      const t = shape.at(-2) as number;
      const positions = start === undefined ? undefined : Array.from({ length: t }, (_, p) => start + 3 * p);
      const { tensor } = pair(shape, seed);
      const perm = tf.tensor1d(interleavedToHalfIndices(d), 'int32');
      const permutedX = tf.gather(tensor, perm, -1);
      const half = applyRope(permutedX, { ...(positions && { positions }), style: 'half' });
      const interleaved = applyRope(tensor, { ...(positions && { positions }), style: 'interleaved' });
      const permutedInterleaved = tf.gather(interleaved, perm, -1);
      try {
        expectTensorClose(
          half,
          { shape, data: Float64Array.from(permutedInterleaved.dataSync()) },
          { atol: 1e-5, rtol: 1e-5 },
          `applyRope(P·x, 'half') vs P·applyRope(x, 'interleaved'), x [${shape.join(', ')}]`,
        );
      } finally {
        tf.dispose([tensor, perm, permutedX, half, interleaved, permutedInterleaved]);
      }
    },
  );

  test.prop(
    [fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 1_000_000 }), styleArb],
    { numRuns: 30 },
  )(
    'decode offset: rope of the last rows with positions [k..T-1] = the last rows of rope(x)',
    (t, halfD, seed, style) => {
      const d = 2 * halfD;
      const k = seed % t;
      const x = randomValues(t * d, seed);
      const full = ropeValues(x, [t, d], { style });
      const positions = Array.from({ length: t - k }, (_, p) => k + p);
      const tail = ropeValues(x.slice(k * d), [t - k, d], { positions, style });
      tail.forEach((v, i) => {
        const message = `T = ${t}, D = ${d}, k = ${k}, tail index ${i}: ${v} vs ${full[k * d + i]}`;
        expect(Math.abs(v - (full[k * d + i] as number)), message).toBeLessThan(1e-5);
      });
    },
  );
});
