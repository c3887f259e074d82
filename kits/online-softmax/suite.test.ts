import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import { onlineSoftmaxStats, scoreMatrixBytes, tiledAttention } from '@impl/online-softmax';
import { type AttentionCase, attentionCase, attentionInputs, attentionOptionsOf, statsCase } from './inputs.ts';
import { attentionOracle, softmaxStatsOracle } from './oracle.ts';
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
  });

  test('a single element: [7] → max 7, sumExp 1', () => {
    expectStats([7], 1, { max: 7, sumExp: 1 });
    expectStats([7], 5, { max: 7, sumExp: 1 });
  });

  test('x is not modified', () => {
    const x = [3, -1, 4, 1, -5, 9, 2, 6];
    onlineSoftmaxStats(x, 3);
    expect(x).toEqual([3, -1, 4, 1, -5, 9, 2, 6]);
  });

  test('empty x throws RangeError', () => {
    expect(() => onlineSoftmaxStats([], 2)).toThrow(RangeError);
  });

  test('blockSize < 1 throws RangeError: blockSize 0 and −1', () => {
    expect(() => onlineSoftmaxStats([1, 2, 3], 0)).toThrow(RangeError);
    expect(() => onlineSoftmaxStats([1, 2, 3], -1)).toThrow(RangeError);
  });
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

  test.prop(
    [
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 1, max: 128 }),
      fc.integer({ min: 1, max: 65536 }),
      fc.constantFrom(1, 2, 4, 8),
    ],
    {
      numRuns: 100,
    },
  )('equals batch · heads · seqLen² · bytesPerElement', (batch, heads, seqLen, bytesPerElement) => {
    const c = { batch, heads, seqLen, bytesPerElement };
    expect(scoreMatrixBytes(c), JSON.stringify(c)).toBe(batch * heads * seqLen * seqLen * bytesPerElement);
  });
});

/** Kernels run and peak bytes (above what was allocated before the call) of one tiledAttention call. */
async function profileAttention(q: F64Array, k: F64Array, v: F64Array, opts: Options) {
  const [qt, kt, vt] = [tensor(q), tensor(k), tensor(v)];
  const before = tf.memory().numBytes;
  const info = await tf.profile(() => keep(tiledAttention(qt, kt, vt, opts)));
  const result = info.result as tf.Tensor;
  expect(result.shape, 'tiledAttention result shape').toEqual([q.shape[0], v.shape[1]]);
  return { kernels: info.kernels, peak: info.peakBytes - before };
}

describe('online-softmax: memory (tf.profile)', () => {
  // With blockQ·blockK < Tq·Tk no kernel may read or write a tensor of Tq·Tk elements or more (q, k,
  // v and the output are all smaller here because d, dv < Tq, Tk). The tall cases catch a solution
  // that ignores one of the block sizes and builds [Tq, Tk] scores for a whole block of rows.
  for (const [tq, tk, blockQ, blockK, causal] of [
    [64, 64, 8, 16, false],
    [64, 64, 16, 8, true],
    [8, 256, 8, 16, false],
    [256, 8, 16, 8, false],
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

  test('peak memory grows linearly in T at fixed 8×8 blocks: T = 128 needs < 6× the peak bytes of T = 32', async () => {
    // peak(T) = a + b·T for a linear-memory solution, so peak(4T) / peak(T) ≤ 4 for any a, b ≥ 0
    // (the reference measures ~1.7×). Anything holding the [T, T] scores, or every block's tiles at
    // once (one outer tf.tidy with nothing released per block), grows like T²: ~16× (measured 10–15×
    // on cpu and wasm). 6 sits between the two with room for allocator details on either side.
    const peaks: number[] = [];
    for (const [t, seed] of [
      [32, 40],
      [128, 41],
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
    expect(large / small, `peak bytes ${small} at T = 32, ${large} at T = 128`).toBeLessThan(6);
  });
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

  test.prop([attentionCase], { numRuns: 80 })(
    'tiledAttention equals plain attention for random sizes, blocks (1, uneven, ≥ T) and masks',
    (c) => {
      const { q, k, v } = attentionInputs(c);
      const out = attend(q, k, v, attentionOptionsOf(c));
      expectTensorClose(out, attentionOracle(q, k, v, c.causal), TOL, `tiledAttention(${describeCase(c)})`);
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
