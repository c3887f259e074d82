import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/online-softmax';
import { onlineSoftmaxStats, scoreMatrixBytes, tiledAttention } from '@impl/online-softmax';
import {
  type AttentionCase,
  attentionCall,
  attentionCase,
  attentionInputs,
  attentionOptionsOf,
  badAttentionCall,
  badBytesCall,
  badStatsCall,
  bytesConfig,
  statsCase,
} from './inputs.ts';
import { attentionOracle, softmaxStatsOracle } from './oracle.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import {
  type Closeness,
  type F64Array,
  disposeAfterEachTest,
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  seededUniform,
  sizeOf,
  useTensorBackend,
} from '../../src/harness/tf.ts';

useTensorBackend();
const keep = disposeAfterEachTest();

/**
 * q, k, v hold values of size ~1 (up to 8 in the properties) and the oracle runs in float64 on the
 * very float32 values the tensors hold, so only the solution's float32 arithmetic separates them.
 */
const TOL: Closeness = { atol: 1e-4, rtol: 1e-4 };
/** The spec's vectors are printed to 6 decimals. */
const PINNED: Closeness = { atol: 2e-6, rtol: 1e-6 };

type Options = { blockQ?: number; blockK?: number; causal?: boolean };

function f64(shape: readonly number[], values: readonly number[]): F64Array {
  if (values.length !== sizeOf(shape)) throw new Error(`test bug: ${values.length} values for [${shape}]`);
  return { shape, data: Float64Array.from(values) };
}

function random(shape: readonly number[], seed: number, scale = 1): F64Array {
  return { shape, data: randomValues(sizeOf(shape), seed, scale) };
}

/** A float32 tensor holding exactly the oracle's values, disposed after the test. */
function tensor(a: F64Array): tf.Tensor2D {
  return keep(tf.tensor2d(Float32Array.from(a.data), a.shape as [number, number], 'float32'));
}

const show = (o: Options | undefined) => (o === undefined ? '' : `, ${JSON.stringify(o)}`);

/** tiledAttention on float32 copies of q, k, v; the result is disposed after the test. */
function attend(q: F64Array, k: F64Array, v: F64Array, opts?: Options): tf.Tensor2D {
  const [qt, kt, vt] = [tensor(q), tensor(k), tensor(v)];
  return keep(opts === undefined ? tiledAttention(qt, kt, vt) : tiledAttention(qt, kt, vt, opts));
}

function expectAttention(q: F64Array, k: F64Array, v: F64Array, opts: Options | undefined, tol = TOL): void {
  const what = `tiledAttention(q [${q.shape}], k [${k.shape}], v [${v.shape}]${show(opts)})`;
  expectTensorClose(attend(q, k, v, opts), attentionOracle(q, k, v, opts?.causal ?? false), tol, what);
}

/** Guards the oracle itself: it must reproduce the spec's 6-decimal vectors. */
function expectOracleClose(actual: F64Array, expected: F64Array, what: string): void {
  expect(actual.shape, what).toEqual(expected.shape);
  expected.data.forEach((want, i) => {
    expect(Math.abs((actual.data[i] as number) - want), `${what}[${i}]`).toBeLessThan(6e-7);
  });
}

/** Relative closeness for the float64 stats (two float64 algorithms differ only in rounding). */
function expectStats(x: readonly number[], blockSize: number, want: { max: number; sumExp: number }): void {
  const what = `onlineSoftmaxStats([${x.join(', ')}], ${blockSize})`;
  const got = onlineSoftmaxStats([...x], blockSize);
  expect(got.max, `${what}.max`).toBe(want.max);
  expect(Math.abs(got.sumExp - want.sumExp), `${what}.sumExp = ${got.sumExp}, expected ${want.sumExp}`).toBeLessThan(
    1e-12 * Math.max(1, want.sumExp),
  );
}

// The spec's worked example (FlashAttention kata vectors, computed in float64).
const Q = f64(
  [4, 2],
  [
    [1, 0],
    [0, 1],
    [1, 1],
    [2, -1],
  ].flat(),
);
const K = f64(
  [4, 2],
  [
    [1, 1],
    [0, 2],
    [-1, 0],
    [1, -1],
  ].flat(),
);
const V = f64(
  [4, 3],
  [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [1, 1, 1],
  ].flat(),
);
const FULL = f64(
  [4, 3],
  [
    [0.730945, 0.545675, 0.454325],
    [0.330238, 0.603361, 0.19557],
    [0.526078, 0.526078, 0.153615],
    [0.955213, 0.790795, 0.790795],
  ].flat(),
);
const CAUSAL = f64(
  [4, 3],
  [
    [1, 0, 0],
    [0.330238, 0.669762, 0],
    [0.471726, 0.471726, 0.056547],
    [0.955213, 0.790795, 0.790795],
  ].flat(),
);

describe('online-softmax: onlineSoftmaxStats', () => {
  test('x = [1, 2, 3, 4], blockSize 2 → max 4, sumExp = 1 + e^−1 + e^−2 + e^−3 ≈ 1.553002', () => {
    const want = { max: 4, sumExp: 1 + Math.exp(-1) + Math.exp(-2) + Math.exp(-3) };
    expect(want.sumExp).toBeCloseTo(1.553002, 6);
    expectStats([1, 2, 3, 4], 2, want);
  });

  test('the state after block 1: [1, 2] → max 2, sumExp = 1 + e^−1 ≈ 1.367879', () => {
    expectStats([1, 2], 2, { max: 2, sumExp: 1 + Math.exp(-1) });
  });

  test('every block size gives the same stats: [1, 2, 3, 4] with blockSize 1, 3, 4 and 10', () => {
    for (const blockSize of [1, 3, 4, 10]) {
      expectStats([1, 2, 3, 4], blockSize, { max: 4, sumExp: 1 + Math.exp(-1) + Math.exp(-2) + Math.exp(-3) });
    }
  });

  test('[1, 2, 3, 4] → log-sum-exp 4.44019 and softmax [0.032059, 0.087144, 0.236883, 0.643914]', () => {
    const { max, sumExp } = onlineSoftmaxStats([1, 2, 3, 4], 2);
    expect(max + Math.log(sumExp), 'max + ln(sumExp)').toBeCloseTo(4.44019, 5);
    const softmax = [1, 2, 3, 4].map((x) => Math.exp(x - max) / sumExp);
    [0.032059, 0.087144, 0.236883, 0.643914].forEach((want, i) => {
      expect(softmax[i], `softmax[${i}] = e^(x[${i}] − max) / sumExp`).toBeCloseTo(want, 6);
    });
  });

  test('m starts at −∞, not 0: [−1000, −1001, −1002] → max −1000, log-sum-exp −999.592394 (blockSize 1, 2, 3)', () => {
    for (const blockSize of [1, 2, 3]) {
      const { max, sumExp } = onlineSoftmaxStats([-1000, -1001, -1002], blockSize);
      expect(max, `onlineSoftmaxStats([−1000, −1001, −1002], ${blockSize}).max`).toBe(-1000);
      expect(max + Math.log(sumExp), `log-sum-exp with blockSize ${blockSize}`).toBeCloseTo(-999.592394, 6);
    }
  });

  test('large logits stay finite: [1000, 999, 1001] with blockSize 1 and 2 → max 1001, sumExp 1 + e^−1 + e^−2', () => {
    for (const blockSize of [1, 2]) {
      expectStats([1000, 999, 1001], blockSize, { max: 1001, sumExp: 1 + Math.exp(-1) + Math.exp(-2) });
    }
  });

  test('a block of masked logits (−Infinity) is skipped, no −∞ − (−∞): [−∞, −∞, 0, 1] with blockSize 2 → max 1, sumExp 1 + e^−1', () => {
    const inf = Number.NEGATIVE_INFINITY;
    expectStats([inf, inf, 0, 1], 2, { max: 1, sumExp: 1 + Math.exp(-1) });
    expectStats([inf, 5], 1, { max: 5, sumExp: 1 });
    expectStats([2, inf, inf], 1, { max: 2, sumExp: 1 });
    expectStats([inf, inf, inf, 3, inf], 2, { max: 3, sumExp: 1 });
    // Every all-masked block before the first finite one is skipped, not only the first block.
    expectStats([inf, inf, 0], 1, { max: 0, sumExp: 1 });
    expectStats([inf, inf, inf, inf, 0, 1], 2, { max: 1, sumExp: 1 + Math.exp(-1) });
  });

  test('a single element: [7] → max 7, sumExp 1', () => {
    expectStats([7], 1, { max: 7, sumExp: 1 });
    expectStats([7], 5, { max: 7, sumExp: 1 });
  });

  test('x is read, not modified: a frozen [3, −1, 4, 1, −5, 9, 2, 6] with blockSize 3', () => {
    const x = Object.freeze([3, -1, 4, 1, -5, 9, 2, 6]);
    expectStats(x, 3, softmaxStatsOracle(x));
    expect(x).toEqual([3, -1, 4, 1, -5, 9, 2, 6]);
  });

  test('empty x throws RangeError', () => {
    expect(() => onlineSoftmaxStats([], 2)).toThrow(RangeError);
  });

  test('blockSize that is not an integer ≥ 1 throws RangeError: 0, −1, 2.5, NaN, Infinity', () => {
    for (const blockSize of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => onlineSoftmaxStats([1, 2, 3], blockSize), `blockSize ${blockSize}`).toThrow(RangeError);
    }
  });

  test("blockSize that is not a number throws TypeError: '2', null", () => {
    for (const blockSize of ['2', null]) {
      expect(() => onlineSoftmaxStats([1, 2, 3], blockSize as unknown as number), `blockSize ${blockSize}`).toThrow(
        TypeError,
      );
    }
  });

  test("x that is not an array throws TypeError: '1,2', { length: 2, 0: 1, 1: 2 }, null", () => {
    for (const x of ['1,2', { length: 2, 0: 1, 1: 2 }, null]) {
      expect(() => onlineSoftmaxStats(x as unknown as number[], 1), `x = ${JSON.stringify(x)}`).toThrow(TypeError);
    }
  });

  test("an element that is not a number throws TypeError: [1, '2'], [null, 1], [3, undefined, 4], [true]", () => {
    for (const x of [[1, '2'], [null, 1], [3, undefined, 4], [true]]) {
      expect(() => onlineSoftmaxStats(x as unknown as number[], 2), `x = ${JSON.stringify(x)}`).toThrow(TypeError);
    }
  });

  test('an element NaN or +Infinity throws RangeError (−Infinity is a masked logit, not an error): [1, NaN], [Infinity, 2]', () => {
    for (const x of [
      [1, Number.NaN],
      [Number.POSITIVE_INFINITY, 2],
      [Number.NEGATIVE_INFINITY, 0, Number.NaN],
    ]) {
      expect(() => onlineSoftmaxStats(x, 1), `x = [${x.join(', ')}]`).toThrow(RangeError);
    }
  });

  test('every element −Infinity throws RangeError (softmax has no finite logit): [−∞], [−∞, −∞, −∞] with blockSize 2', () => {
    const inf = Number.NEGATIVE_INFINITY;
    expect(() => onlineSoftmaxStats([inf], 1), 'x = [−∞]').toThrow(RangeError);
    expect(() => onlineSoftmaxStats([inf, inf, inf], 2), 'x = [−∞, −∞, −∞]').toThrow(RangeError);
  });

  test.prop([badStatsCall], { numRuns: 60 })(
    'a bad argument anywhere throws its named error (bad element, all −∞, empty, bad blockSize)',
    ({ args, error, why }) => {
      const call = () => onlineSoftmaxStats(args.x as number[], args.blockSize as number);
      expect(call, `${why}: onlineSoftmaxStats(${JSON.stringify(args.x)}, ${args.blockSize})`).toThrow(
        error === 'TypeError' ? TypeError : RangeError,
      );
    },
  );
});

describe('online-softmax: onlineSoftmaxStats work (at most 10·n + 10·⌈n/blockSize⌉ + 32 steps)', () => {
  const n = 4000;
  /** The stats of `x` within the budget, equal to the two-pass oracle. */
  function expectStatsWithinBudget(x: readonly number[], blockSize: number): void {
    const steps = 10 * n + 10 * Math.ceil(n / blockSize) + 32;
    // Built-ins are not charged here: x.slice(start, end) per block would otherwise cost n each.
    const got = expectWithinBudget(
      () => counted.onlineSoftmaxStats(x as number[], blockSize),
      { steps, rule: `10·n + 10·⌈n/blockSize⌉ + 32 for n = ${n}, blockSize = ${blockSize}` },
      { builtins: false },
    );
    const want = softmaxStatsOracle(x);
    expect(got.max, 'max').toBe(want.max);
    expect(Math.abs(got.sumExp - want.sumExp), `sumExp ${got.sumExp}, expected ${want.sumExp}`).toBeLessThan(
      1e-12 * want.sumExp,
    );
  }

  /** Seeded logits in [−1004, 1004) with every 9th one masked. */
  const x = Array.from(randomValues(n, 50, 1004), (value, i) => (i % 9 === 4 ? Number.NEGATIVE_INFINITY : value));
  for (const blockSize of [1, 7, 64, n]) {
    test(`n = ${n}, blockSize ${blockSize}: equals the two-pass oracle within the budget`, () => {
      expectStatsWithinBudget(x, blockSize);
    });
  }

  // Rising logits raise the max at every element: re-summing what was seen costs about n²/2.
  const rising = Array.from({ length: n }, (_, i) => i / 4);
  for (const blockSize of [1, 7]) {
    test(`n = ${n} rising logits (the max grows at every element), blockSize ${blockSize}: within the budget`, () => {
      expectStatsWithinBudget(rising, blockSize);
    });
  }
});

describe('online-softmax: tiledAttention examples and edge cases', () => {
  test('the 4×4 example, no mask: every block size (1, 2, 3 uneven, 4, 32, default) gives the same rows', () => {
    for (const opts of [
      undefined,
      {},
      { blockQ: 1, blockK: 1 },
      { blockQ: 2, blockK: 2 },
      { blockQ: 3, blockK: 3 },
      { blockQ: 4, blockK: 4 },
      { blockQ: 32, blockK: 32 },
      { blockQ: 1, blockK: 3 },
      { blockQ: 3, blockK: 1 },
      { blockQ: 2, blockK: 3, causal: false },
    ]) {
      expectTensorClose(attend(Q, K, V, opts), FULL, PINNED, `tiledAttention(q, k, v${show(opts)}) (4×4 example)`);
    }
    expectOracleClose(attentionOracle(Q, K, V), FULL, 'the float64 oracle on the 4×4 example');
  });

  test('the 4×4 example, causal: rows [1,0,0], [0.330238,0.669762,0], [0.471726,0.471726,0.056547], row 4 unchanged', () => {
    for (const opts of [
      { causal: true },
      { blockQ: 1, blockK: 1, causal: true },
      { blockQ: 2, blockK: 2, causal: true },
      { blockQ: 3, blockK: 3, causal: true },
      { blockQ: 1, blockK: 3, causal: true },
      { blockQ: 3, blockK: 2, causal: true },
      { blockQ: 4, blockK: 1, causal: true },
    ]) {
      expectTensorClose(attend(Q, K, V, opts), CAUSAL, PINNED, `tiledAttention(q, k, v${show(opts)}) (4×4 example)`);
    }
    expectOracleClose(attentionOracle(Q, K, V, true), CAUSAL, 'the float64 oracle on the causal example');
  });

  test('causal is aligned bottom-right when Tq < Tk: q = 0 [2,1], v = [1,2,3,4] → [2, 2.5] (query 0 sees keys 0..2)', () => {
    const q = f64([2, 1], [0, 0]);
    const k = f64([4, 1], [1, -1, 2, 0.5]);
    const v = f64([4, 1], [1, 2, 3, 4]);
    for (const opts of [
      { causal: true },
      { blockQ: 1, blockK: 1, causal: true },
      { blockQ: 2, blockK: 2, causal: true },
      { blockQ: 1, blockK: 3, causal: true },
    ]) {
      expectTensorClose(
        attend(q, k, v, opts),
        f64([2, 1], [2, 2.5]),
        PINNED,
        `tiledAttention(0 [2,1], k, v${show(opts)})`,
      );
    }
  });

  test('causal with several blocks uses absolute indices, not in-block ones: Tq 5, Tk 11, blocks 2×3, 3×2, 4×4, 1×1, 5×11', () => {
    const [q, k, v] = [random([5, 3], 1), random([11, 3], 2), random([11, 2], 3)];
    for (const [blockQ, blockK] of [
      [2, 3],
      [3, 2],
      [4, 4],
      [1, 1],
      [5, 11],
    ]) {
      expectAttention(q, k, v, { blockQ, blockK, causal: true });
    }
  });

  test('causal self-attention (Tq = Tk = 9) with blocks 2×4 and 4×2 matches the oracle', () => {
    const [q, k, v] = [random([9, 4], 4, 2), random([9, 4], 5, 2), random([9, 3], 6)];
    expectAttention(q, k, v, { blockQ: 2, blockK: 4, causal: true });
    expectAttention(q, k, v, { blockQ: 4, blockK: 2, causal: true });
  });

  test('causal with Tq = 1 sees every key: equals the unmasked result (q [1,3], k/v [7,·], blocks 1×2)', () => {
    const [q, k, v] = [random([1, 3], 7), random([7, 3], 8), random([7, 2], 9)];
    expectAttention(q, k, v, { blockQ: 1, blockK: 2, causal: true });
    expectAttention(q, k, v, { blockQ: 1, blockK: 2 });
  });

  test('cross-attention without a mask allows Tq > Tk: q [6,2], k/v [3,·], blocks 4×2', () => {
    expectAttention(random([6, 2], 10), random([3, 2], 11), random([3, 4], 12), { blockQ: 4, blockK: 2 });
  });

  test('dv may differ from d: q [3,2], k [5,2], v [5,6] → [3,6]', () => {
    expectAttention(random([3, 2], 13), random([5, 2], 14), random([5, 6], 15), { blockQ: 2, blockK: 2 });
  });

  test('scores are scaled by 1/√d: d = 4, q = [ln 3 · 2, 0, 0, 0]·… gives weights 1/4, 3/4 → 7', () => {
    // q·k1/√4 = ln 3 for k1 = [1,0,0,0], 0 for k0 = 0, so the weights are 1/4 and 3/4 of v = [4, 8].
    const q = f64([1, 4], [Math.fround(2 * Math.log(3)), 0, 0, 0]);
    const k = f64([2, 4], [0, 0, 0, 0, 1, 0, 0, 0]);
    const v = f64([2, 1], [4, 8]);
    expectTensorClose(attend(q, k, v, { blockQ: 1, blockK: 1 }), f64([1, 1], [7]), { atol: 1e-5 }, 'q·k/√d');
  });

  test('scores near −1000 stay finite (m starts at −∞, not 0): q [2,2] = 30·…, k far away, blocks 1×2', () => {
    const q = f64([2, 2], [30, 0, 25, 5]);
    const k = f64([5, 2], [-50, 0, -51, 1, -49, -2, -52, 3, -50.5, 0.5]);
    const v = random([5, 3], 16);
    for (const opts of [{ blockQ: 1, blockK: 2 }, { blockQ: 2, blockK: 5 }, {}]) expectAttention(q, k, v, opts);
  });

  test('scores near +1000 do not overflow: q [2,2] = 30·…, k = 50·…, blocks 1×2', () => {
    const q = f64([2, 2], [30, 0, 25, 5]);
    const k = f64([5, 2], [50, 0, 51, 1, 49, -2, 52, 3, 50.5, 0.5]);
    const v = random([5, 3], 17);
    for (const opts of [
      { blockQ: 1, blockK: 2 },
      { blockQ: 2, blockK: 5, causal: true },
    ])
      expectAttention(q, k, v, opts);
  });

  test('blockQ or blockK < 1 throws RangeError: 0 and −1', () => {
    const [q, k, v] = [tensor(Q), tensor(K), tensor(V)];
    for (const opts of [{ blockQ: 0 }, { blockK: 0 }, { blockQ: -1, blockK: 2 }, { blockQ: 2, blockK: -1 }]) {
      expect(() => tiledAttention(q, k, v, opts), `tiledAttention(q, k, v${show(opts)})`).toThrow(RangeError);
    }
  });

  test('q and k with different d throw RangeError: q [4,2], k [4,3]', () => {
    const [q, k, v] = [tensor(Q), tensor(random([4, 3], 18)), tensor(V)];
    expect(() => tiledAttention(q, k, v)).toThrow(RangeError);
    expect(() => tiledAttention(q, k, v, { blockQ: 2, blockK: 2 })).toThrow(RangeError);
  });

  test('v with a row count other than Tk throws RangeError: k [4,2], v [5,3] and [3,3]', () => {
    const [q, k] = [tensor(Q), tensor(K)];
    expect(() => tiledAttention(q, k, tensor(random([5, 3], 19)))).toThrow(RangeError);
    expect(() => tiledAttention(q, k, tensor(random([3, 3], 20)), { blockQ: 1, blockK: 1 })).toThrow(RangeError);
  });

  test('causal with Tq > Tk throws RangeError: q [5,2], k/v [4,·]', () => {
    const [q, k, v] = [tensor(random([5, 2], 21)), tensor(K), tensor(V)];
    expect(() => tiledAttention(q, k, v, { causal: true })).toThrow(RangeError);
    expect(() => tiledAttention(q, k, v, { blockQ: 2, blockK: 2, causal: true })).toThrow(RangeError);
  });

  test('q, k or v that is not a rank-2 tensor throws RangeError: q [4,2,1], k [4,2,1], v [4,3,1] (rows and columns fit)', () => {
    const [q, k, v] = [tensor(Q), tensor(K), tensor(V)];
    const rank3 = (shape: [number, number, number]) => keep(tf.ones(shape)) as unknown as tf.Tensor2D;
    expect(() => tiledAttention(rank3([4, 2, 1]), k, v), 'q [4, 2, 1]').toThrow(RangeError);
    expect(() => tiledAttention(q, rank3([4, 2, 1]), v), 'k [4, 2, 1]').toThrow(RangeError);
    expect(() => tiledAttention(q, k, rank3([4, 3, 1]), { blockQ: 2 }), 'v [4, 3, 1]').toThrow(RangeError);
  });

  test('q, k or v that is not a tf.Tensor throws TypeError: nested arrays, a Float32Array', () => {
    const [q, k, v] = [tensor(Q), tensor(K), tensor(V)];
    const rows = (a: F64Array) =>
      Array.from({ length: a.shape[0] as number }, (_, i) => Array.from(a.data.slice(i * 2, i * 2 + 2)));
    expect(() => tiledAttention(rows(Q) as unknown as tf.Tensor2D, k, v), 'q as nested arrays').toThrow(TypeError);
    expect(
      () => tiledAttention(q, Float32Array.from(K.data) as unknown as tf.Tensor2D, v),
      'k as a Float32Array',
    ).toThrow(TypeError);
    expect(() => tiledAttention(q, k, null as unknown as tf.Tensor2D), 'v = null').toThrow(TypeError);
  });

  test('a block size that is not an integer throws RangeError: blockQ 2.5, blockK NaN, blockQ Infinity', () => {
    const [q, k, v] = [tensor(Q), tensor(K), tensor(V)];
    for (const opts of [{ blockQ: 2.5 }, { blockK: Number.NaN }, { blockQ: Number.POSITIVE_INFINITY, blockK: 2 }]) {
      expect(() => tiledAttention(q, k, v, opts), `tiledAttention(q, k, v${show(opts)})`).toThrow(RangeError);
    }
  });

  test("an option of the wrong type throws TypeError: blockQ '2', blockK true, causal 'yes', causal 1", () => {
    const [q, k, v] = [tensor(Q), tensor(K), tensor(V)];
    for (const opts of [{ blockQ: '2' }, { blockK: true }, { causal: 'yes' }, { blockQ: 2, causal: 1 }]) {
      expect(
        () => tiledAttention(q, k, v, opts as unknown as Options),
        `tiledAttention(q, k, v, ${JSON.stringify(opts)})`,
      ).toThrow(TypeError);
    }
  });

  test('an unknown option name throws TypeError: { casual: true }, { block_q: 2 }, { blockQ: 2, mask: true }', () => {
    const [q, k, v] = [tensor(Q), tensor(K), tensor(V)];
    for (const opts of [{ casual: true }, { block_q: 2 }, { blockQ: 2, mask: true }]) {
      expect(
        () => tiledAttention(q, k, v, opts as unknown as Options),
        `tiledAttention(q, k, v, ${JSON.stringify(opts)})`,
      ).toThrow(TypeError);
    }
  });

  test('opts that is not an object throws TypeError: null, 32, "causal"', () => {
    const [q, k, v] = [tensor(Q), tensor(K), tensor(V)];
    for (const opts of [null, 32, 'causal']) {
      expect(() => tiledAttention(q, k, v, opts as unknown as Options), `opts = ${JSON.stringify(opts)}`).toThrow(
        TypeError,
      );
    }
  });

  test.prop([badAttentionCall], { numRuns: 40 })(
    'a bad argument throws its named error (block sizes, option types and names, shapes, causal Tq > Tk)',
    ({ args, error, why }) => {
      const [q, k, v] = [args.q, args.k, args.v].map((a) => keep(tf.tensor(Float32Array.from(a.data), [...a.shape])));
      const call = () => tiledAttention(q as tf.Tensor2D, k as tf.Tensor2D, v as tf.Tensor2D, args.opts as Options);
      const what = `${why}: q [${args.q.shape}], k [${args.k.shape}], v [${args.v.shape}], ${JSON.stringify(args.opts)}`;
      expect(call, what).toThrow(error === 'TypeError' ? TypeError : RangeError);
    },
  );

  test('q, k and v are neither disposed nor changed', () => {
    const [q, k, v] = [tensor(Q), tensor(K), tensor(V)];
    keep(tiledAttention(q, k, v, { blockQ: 2, blockK: 3, causal: true }));
    for (const [t, want, name] of [
      [q, Q, 'q'],
      [k, K, 'k'],
      [v, V, 'v'],
    ] as const) {
      expect(t.isDisposed, `tiledAttention disposed ${name}`).toBe(false);
      expectTensorClose(t, want, { atol: 0 }, `${name} after tiledAttention`);
    }
  });

  test('leaks no tensors: blocks 1×1, 2×3 and the defaults, with and without the causal mask', () => {
    const [q, k, v] = [tensor(random([5, 3], 22)), tensor(random([7, 3], 23)), tensor(random([7, 2], 24))];
    for (const opts of [{ blockQ: 1, blockK: 1 }, { blockQ: 2, blockK: 3, causal: true }, {}, { causal: true }]) {
      const out = keep(expectNoLeaks(() => tiledAttention(q, k, v, opts), `tiledAttention(q, k, v${show(opts)})`));
      expect(out.shape).toEqual([5, 2]);
    }
  });
});

describe('online-softmax: scoreMatrixBytes', () => {
  test('B = 1, H = 32, T = 8192 in fp16 → 4 GiB (2^32 bytes) per layer', () => {
    expect(scoreMatrixBytes({ batch: 1, heads: 32, seqLen: 8192, bytesPerElement: 2 })).toBe(2 ** 32);
  });

  test('B·H·T²·bytes: {2, 12, 1024, 4} → 100663296; {1, 1, 1, 1} → 1; {3, 5, 7, 2} → 1470', () => {
    expect(scoreMatrixBytes({ batch: 2, heads: 12, seqLen: 1024, bytesPerElement: 4 })).toBe(100663296);
    expect(scoreMatrixBytes({ batch: 1, heads: 1, seqLen: 1, bytesPerElement: 1 })).toBe(1);
    expect(scoreMatrixBytes({ batch: 3, heads: 5, seqLen: 7, bytesPerElement: 2 })).toBe(1470);
  });

  test.prop([bytesConfig], { numRuns: 100 })('equals batch · heads · seqLen² · bytesPerElement', (c) => {
    expect(scoreMatrixBytes({ ...c }), JSON.stringify(c)).toBe(
      c.batch * c.heads * c.seqLen * c.seqLen * c.bytesPerElement,
    );
  });

  test("a field missing or not a number throws TypeError: no bytesPerElement, seqLen '8192', heads null", () => {
    const c = { batch: 1, heads: 32, seqLen: 8192, bytesPerElement: 2 };
    const { bytesPerElement: _, ...missing } = c;
    for (const bad of [missing, { ...c, seqLen: '8192' }, { ...c, heads: null }]) {
      expect(() => scoreMatrixBytes(bad as unknown as typeof c), `scoreMatrixBytes(${JSON.stringify(bad)})`).toThrow(
        TypeError,
      );
    }
  });

  test('a field that is not an integer ≥ 1 throws RangeError: seqLen 0, heads −2, batch 1.5, bytesPerElement NaN, seqLen Infinity', () => {
    const c = { batch: 1, heads: 32, seqLen: 8192, bytesPerElement: 2 };
    for (const bad of [
      { ...c, seqLen: 0 },
      { ...c, heads: -2 },
      { ...c, batch: 1.5 },
      { ...c, bytesPerElement: Number.NaN },
      { ...c, seqLen: Number.POSITIVE_INFINITY },
    ]) {
      expect(() => scoreMatrixBytes(bad), `scoreMatrixBytes(${JSON.stringify(bad)})`).toThrow(RangeError);
    }
  });

  test('c that is not an object throws TypeError: 8192, null', () => {
    for (const bad of [8192, null]) {
      expect(() => scoreMatrixBytes(bad as never), `scoreMatrixBytes(${bad})`).toThrow(TypeError);
    }
  });

  test.prop([badBytesCall], { numRuns: 60 })(
    'one bad field anywhere throws its named error',
    ({ args, error, why }) => {
      expect(() => scoreMatrixBytes(args as never), `${why}: scoreMatrixBytes(${JSON.stringify(args)})`).toThrow(
        error === 'TypeError' ? TypeError : RangeError,
      );
    },
  );
});

/** Kernels run and peak bytes (above what was allocated before the call) of one tiledAttention call. */
async function profileAttention(q: F64Array, k: F64Array, v: F64Array, opts: Options | undefined) {
  const [qt, kt, vt] = [tensor(q), tensor(k), tensor(v)];
  const before = tf.memory().numBytes;
  const info = await tf.profile(() =>
    keep(opts === undefined ? tiledAttention(qt, kt, vt) : tiledAttention(qt, kt, vt, opts)),
  );
  const result = info.result as tf.Tensor;
  expect(result.shape, 'tiledAttention result shape').toEqual([q.shape[0], v.shape[1]]);
  return { kernels: info.kernels, peak: info.peakBytes - before };
}

describe('online-softmax: memory (tf.profile)', () => {
  // With blockQ·blockK < Tq·Tk no kernel may read or write a tensor of Tq·Tk elements or more (q, k,
  // v and the output are all smaller here because d, dv < Tq, Tk). The tall cases catch a solution
  // that ignores one of the block sizes and builds [Tq, Tk] scores for a whole block of rows.
  for (const [tq, tk, blockQ, blockK, causal] of [
    [32, 32, 8, 8, false],
    [32, 32, 16, 8, true],
    [8, 96, 8, 16, false],
    [96, 8, 16, 8, false],
    [24, 96, 8, 16, true],
  ] as const) {
    test(`no kernel reads or writes a tensor with ≥ Tq·Tk elements: Tq ${tq}, Tk ${tk}, blocks ${blockQ}×${blockK}, d = dv = 4${causal ? ', causal' : ''}`, async () => {
      const [q, k, v] = [random([tq, 4], 30), random([tk, 4], 31), random([tk, 4], 32)];
      const { kernels } = await profileAttention(q, k, v, { blockQ, blockK, causal });
      expect(kernels.length, 'kernels run').toBeGreaterThan(0);
      for (const kernel of kernels) {
        for (const shape of [...kernel.inputShapes, ...kernel.outputShapes]) {
          if (shape === null) continue;
          expect(
            sizeOf(shape),
            `kernel ${kernel.name} touched a [${shape}] tensor (inputs [${kernel.inputShapes.join('], [')}] → outputs [${kernel.outputShapes.join('], [')}]); Tq·Tk = ${tq * tk}`,
          ).toBeLessThan(tq * tk);
        }
      }
    });
  }

  test('peak memory grows linearly in T at fixed 8×8 blocks: T = 96 needs < 6× the peak bytes of T = 24', async () => {
    // peak(T) = a + b·T for a linear-memory solution, so peak(4T) / peak(T) ≤ 4 for any a, b ≥ 0
    // (the reference measures ~1.7×). Anything holding the [T, T] scores, or every block's tiles at
    // once (one outer tf.tidy with nothing released per block), grows like T²: ~16× (measured 10–15×
    // on cpu and wasm). 6 sits between the two with room for allocator details on either side.
    const peaks: number[] = [];
    for (const [t, seed] of [
      [24, 40],
      [96, 41],
    ] as const) {
      const { peak } = await profileAttention(
        random([t, 4], seed),
        random([t, 4], seed + 1),
        random([t, 4], seed + 2),
        {
          blockQ: 8,
          blockK: 8,
        },
      );
      expect(peak, `peak bytes at T = ${t}`).toBeGreaterThan(0);
      peaks.push(peak);
    }
    const [small, large] = peaks as [number, number];
    expect(large / small, `peak bytes ${small} at T = 24, ${large} at T = 96`).toBeLessThan(6);
  });
});

describe('online-softmax: defaults and JavaScript work (at most 16·nQ·nK + 16·(nQ + nK) + 64 steps)', () => {
  test('options left out take their defaults: no options, {} and partial options run the very kernels of { blockQ: 32, blockK: 32, causal: false } (Tq 80, Tk 72)', async () => {
    const [q, k, v] = [random([80, 4], 60), random([72, 4], 61), random([72, 4], 62)];
    const trace = async (opts: Options | undefined) => {
      const { kernels } = await profileAttention(q, k, v, opts);
      return kernels.map(
        (kernel) => `${kernel.name} [${kernel.inputShapes.join('; ')}] → [${kernel.outputShapes.join('; ')}]`,
      );
    };
    const explicit = await trace({ blockQ: 32, blockK: 32, causal: false });
    for (const opts of [undefined, {}, { blockQ: 32 }, { blockK: 32 }, { causal: false }]) {
      expect(await trace(opts), `the kernels of tiledAttention(q, k, v${show(opts)})`).toEqual(explicit);
    }
  });

  // nQ = ⌈Tq/blockQ⌉, nK = ⌈Tk/blockK⌉: a loop over tiles with a few calls each fits; a JavaScript
  // loop over the scores (Tq·Tk·d) or over the elements of each tile's mask does not.
  for (const [tq, tk, blockQ, blockK, causal] of [
    [64, 64, 16, 16, false],
    [64, 64, 16, 16, true],
    [32, 96, 8, 32, true],
  ] as const) {
    const nQ = Math.ceil(tq / blockQ);
    const nK = Math.ceil(tk / blockK);
    const steps = 16 * nQ * nK + 16 * (nQ + nK) + 64;
    test(`Tq ${tq}, Tk ${tk}, blocks ${blockQ}×${blockK}${causal ? ', causal' : ''}: within ${steps} steps of JavaScript work, and right`, () => {
      const [q, k, v] = [random([tq, 4], 70), random([tk, 4], 71), random([tk, 4], 72)];
      const [qt, kt, vt] = [tensor(q), tensor(k), tensor(v)];
      const opts = { blockQ, blockK, causal };
      const out = keep(
        expectWithinBudget(
          () => counted.tiledAttention(qt, kt, vt, opts),
          { steps, rule: `16·nQ·nK + 16·(nQ + nK) + 64 for nQ = ${nQ}, nK = ${nK}` },
          { builtins: false },
        ),
      );
      expectTensorClose(
        out,
        attentionOracle(q, k, v, causal),
        TOL,
        `tiledAttention(q [${tq},4], k [${tk},4], v${show(opts)})`,
      );
    });
  }
});

describe('online-softmax: properties (against the float64 loop oracle)', () => {
  test.prop([statsCase], { numRuns: 200 })(
    'onlineSoftmaxStats equals the two-pass max and Σ e^{x−max} for any blockSize',
    ({ x, blockSize }) => {
      expectStats(x, blockSize, softmaxStatsOracle(x));
    },
  );

  const describeCase = (c: AttentionCase) =>
    `q [${c.tq},${c.d}], k [${c.tk},${c.d}], v [${c.tk},${c.dv}], ${JSON.stringify(attentionOptionsOf(c))}, scale ${c.scale}, seed ${c.seed}`;

  test.prop([attentionCall], { numRuns: 80 })(
    'tiledAttention equals plain attention for random sizes, blocks (1, uneven, ≥ T, left out) and masks',
    ({ c, opts }) => {
      const { q, k, v } = attentionInputs(c);
      const out = attend(q, k, v, opts);
      expectTensorClose(
        out,
        attentionOracle(q, k, v, c.causal),
        TOL,
        `tiledAttention(${describeCase(c)}${show(opts)})`,
      );
    },
  );

  test.prop([attentionCase, fc.nat()], { numRuns: 40 })(
    'without a mask the result does not depend on the order of the keys (k and v rows shuffled alike)',
    (c, shuffleSeed) => {
      const { q, k, v } = attentionInputs(c);
      const uniform = seededUniform(shuffleSeed);
      const order = Array.from({ length: c.tk }, (_, j) => j);
      for (let j = order.length - 1; j > 0; j--) {
        const r = Math.floor(uniform() * (j + 1));
        [order[j], order[r]] = [order[r] as number, order[j] as number];
      }
      const rows = (a: F64Array, width: number) =>
        f64(
          a.shape,
          order.flatMap((j) => Array.from(a.data.slice(j * width, (j + 1) * width))),
        );
      const opts = { blockQ: c.blockQ, blockK: c.blockK };
      const plain = attend(q, k, v, opts);
      const shuffled = attend(q, rows(k, c.d), rows(v, c.dv), opts);
      const what = `tiledAttention(${describeCase(c)}) with key order [${order}]`;
      expectTensorClose(shuffled, { shape: plain.shape, data: Float64Array.from(plain.dataSync()) }, TOL, what);
    },
  );

  test.prop([attentionCase], { numRuns: 40 })(
    'every output row lies within the range of the values v (a convex combination)',
    (c) => {
      const { q, k, v } = attentionInputs(c);
      const out = attend(q, k, v, attentionOptionsOf(c)).dataSync();
      for (let col = 0; col < c.dv; col++) {
        const column = Array.from({ length: c.tk }, (_, j) => v.data[j * c.dv + col] as number);
        const [lo, hi] = [Math.min(...column), Math.max(...column)];
        for (let i = 0; i < c.tq; i++) {
          const value = out[i * c.dv + col] as number;
          expect(
            value >= lo - 1e-5 && value <= hi + 1e-5,
            `out[${i}, ${col}] = ${value} outside [${lo}, ${hi}] (${describeCase(c)})`,
          ).toBe(true);
        }
      }
    },
  );
});
