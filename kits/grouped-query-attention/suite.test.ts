import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/grouped-query-attention';
import { gqaSelfAttention, groupedQueryAttention } from '@impl/grouped-query-attention';
import {
  type Causal,
  type CycledData,
  attentionCall,
  gqaInputs,
  gqaShape,
  selfAttentionCall,
  selfAttentionShape,
} from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { gqaOracle, gqaSelfAttentionOracle } from './oracle.ts';
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

/**
 * Values are about 1 in size and the oracle runs in float64 on the very float32 values the
 * tensors hold, so only the solution's float32 arithmetic separates the two.
 */
const TOL = { atol: 1e-4, rtol: 1e-4 };

type Shape4 = [number, number, number, number];

function f64(shape: readonly number[], values: readonly number[]): F64Array {
  if (values.length !== sizeOf(shape)) throw new Error(`test bug: ${values.length} values for [${shape}]`);
  return { shape, data: Float64Array.from(values) };
}

function random(shape: readonly number[], seed: number, scale = 1): F64Array {
  return { shape, data: randomValues(sizeOf(shape), seed, scale) };
}

/** Random integers in [-max, max]: exact in float32, so dot products and scores are exact too. */
function randomIntegers(shape: readonly number[], seed: number, max: number): F64Array {
  const uniform = seededUniform(seed);
  return { shape, data: Float64Array.from({ length: sizeOf(shape) }, () => Math.round((uniform() * 2 - 1) * max)) };
}

/** A float32 tensor holding exactly the oracle's values (each is float32-representable). */
function tensor4(a: F64Array): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(a.data), a.shape as Shape4, 'float32');
}
function tensor3(a: F64Array): tf.Tensor3D {
  return tf.tensor3d(Float32Array.from(a.data), a.shape as [number, number, number], 'float32');
}
function tensor2(a: F64Array): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(a.data), a.shape as [number, number], 'float32');
}

function fromTensor(t: tf.Tensor): F64Array {
  return { shape: t.shape, data: Float64Array.from(t.dataSync()) };
}

/** The float64 values of cycled plain data (each rounded to float32, as the tensor holds it). */
function cycled(c: CycledData): F64Array {
  const n = sizeOf(c.shape);
  return {
    shape: c.shape,
    data: Float64Array.from({ length: n }, (_, i) => Math.fround(c.values[i % c.values.length] as number)),
  };
}

function tensorOfCycled(c: CycledData): tf.Tensor {
  return tf.tensor(Float32Array.from(cycled(c).data), [...c.shape], 'float32');
}

/** 'omit' calls without the options argument. */
function optionsOf(causal: Causal): [] | [{ causal: boolean }] {
  return causal === 'omit' ? [] : [{ causal }];
}

const describeShapes = (q: F64Array, k: F64Array, causal?: boolean) =>
  `q [${q.shape}], k/v [${k.shape}]${causal === undefined ? '' : `, causal ${causal}`}`;

/** Runs the solution inside tf.tidy (so the tensors a test makes are freed) and compares with `expected`. */
function expectAttention(
  q: F64Array,
  k: F64Array,
  v: F64Array,
  options: { causal?: boolean } | undefined,
  expected: F64Array,
  what = `groupedQueryAttention(${describeShapes(q, k, options?.causal)})`,
): void {
  tf.tidy(() => {
    const out =
      options === undefined
        ? groupedQueryAttention(tensor4(q), tensor4(k), tensor4(v))
        : groupedQueryAttention(tensor4(q), tensor4(k), tensor4(v), options);
    expectTensorClose(out, expected, TOL, what);
  });
}

/** Runs the solution and returns its output as float64 (after checking it is a float32 tensor). */
function attentionValues(q: F64Array, k: F64Array, v: F64Array, causal: boolean): F64Array {
  const out = tf.tidy(() => groupedQueryAttention(tensor4(q), tensor4(k), tensor4(v), { causal }));
  try {
    expect(out, 'groupedQueryAttention must return a tf.Tensor').toBeInstanceOf(tf.Tensor);
    expect(out.dtype, 'groupedQueryAttention must return float32').toBe('float32');
    return fromTensor(out);
  } finally {
    out.dispose();
  }
}

interface SelfAttentionCase {
  x: F64Array;
  weights: { wq: F64Array; wk: F64Array; wv: F64Array; wo: F64Array };
  nHeads: number;
  nKvHeads: number;
}

function randomSelfAttentionCase(
  b: number,
  t: number,
  dModel: number,
  nHeads: number,
  nKvHeads: number,
  dh: number,
  seed: number,
): SelfAttentionCase {
  const w = 1 / Math.sqrt(dModel);
  return {
    x: random([b, t, dModel], seed),
    weights: {
      wq: random([dModel, nHeads * dh], seed + 1, w),
      wk: random([dModel, nKvHeads * dh], seed + 2, w),
      wv: random([dModel, nKvHeads * dh], seed + 3, w),
      wo: random([nHeads * dh, dModel], seed + 4, 1 / Math.sqrt(nHeads * dh)),
    },
    nHeads,
    nKvHeads,
  };
}

function runSelfAttention(c: SelfAttentionCase, causal: boolean | undefined): tf.Tensor3D {
  const weights = {
    wq: tensor2(c.weights.wq),
    wk: tensor2(c.weights.wk),
    wv: tensor2(c.weights.wv),
    wo: tensor2(c.weights.wo),
  };
  const config =
    causal === undefined
      ? { nHeads: c.nHeads, nKvHeads: c.nKvHeads }
      : { nHeads: c.nHeads, nKvHeads: c.nKvHeads, causal };
  return gqaSelfAttention(tensor3(c.x), weights, config);
}

function expectSelfAttention(c: SelfAttentionCase, causal: boolean | undefined, what: string): void {
  tf.tidy(() => {
    const expected = gqaSelfAttentionOracle(c.x, c.weights, c.nHeads, c.nKvHeads, causal ?? false);
    expectTensorClose(runSelfAttention(c, causal), expected, TOL, what);
  });
}

/** Repeats each kv head `group` times in place (HuggingFace repeat_kv): [B, Hkv, T, D] → [B, Hkv·G, T, D]. */
function repeatKv(a: F64Array, group: number): F64Array {
  const [b, h, t, d] = a.shape as Shape4;
  const block = t * d;
  const out = new Float64Array(b * h * group * block);
  for (let bi = 0; bi < b; bi++)
    for (let hi = 0; hi < h; hi++)
      for (let g = 0; g < group; g++)
        out.set(a.data.subarray((bi * h + hi) * block, (bi * h + hi + 1) * block), ((bi * h + hi) * group + g) * block);
  return { shape: [b, h * group, t, d], data: out };
}

/** Head `head` of a [B, H, T, D] array, as [B, 1, T, D]. */
function headOf(a: F64Array, head: number): F64Array {
  const [b, h, t, d] = a.shape as Shape4;
  const block = t * d;
  const out = new Float64Array(b * block);
  for (let bi = 0; bi < b; bi++)
    out.set(a.data.subarray((bi * h + head) * block, (bi * h + head + 1) * block), bi * block);
  return { shape: [b, 1, t, d], data: out };
}

/** Reorders the positions (axis 2) of a [B, H, T, D] array: position p of the result is position perm[p]. */
function permutePositions(a: F64Array, perm: readonly number[]): F64Array {
  const [b, h, t, d] = a.shape as Shape4;
  const out = new Float64Array(a.data.length);
  for (let bh = 0; bh < b * h; bh++)
    for (let p = 0; p < t; p++)
      out.set(
        a.data.subarray((bh * t + (perm[p] as number)) * d, (bh * t + (perm[p] as number) + 1) * d),
        (bh * t + p) * d,
      );
  return { shape: a.shape, data: out };
}

function shuffled(n: number, seed: number): number[] {
  const uniform = seededUniform(seed);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
  }
  return perm;
}

describe('grouped-query-attention: worked examples', () => {
  test('scores are scaled by 1/sqrt(D): D=4, q=[ln3,ln3,0,0], keys [0,0,0,0] and [1,1,0,0] weigh values 4 and 8 by 1/4 and 3/4 → 7', () => {
    // q·k1 / sqrt(4) = 2·ln3 / 2 = ln3, so the weights are 1 : 3. No scale gives 1 : 9 (7.6), 1/D gives 1 : √3.
    const ln3 = Math.fround(Math.log(3));
    const q = f64([1, 1, 1, 4], [ln3, ln3, 0, 0]);
    const k = f64([1, 1, 2, 4], [0, 0, 0, 0, 1, 1, 0, 0]);
    const v = f64([1, 1, 2, 4], [4, 4, 4, 4, 8, 8, 8, 8]);
    expectAttention(q, k, v, { causal: false }, f64([1, 1, 1, 4], [7, 7, 7, 7]));
  });

  test('query head h reads kv head floor(h / (Hq/Hkv)): Hq=4, Hkv=2, uniform scores → heads read means [2, 2, 20, 20], not [2, 20, 2, 20]', () => {
    const q = f64([1, 4, 1, 1], [0, 0, 0, 0]); // all scores 0: each head averages its kv head's values
    const k = f64([1, 2, 2, 1], [0.5, -1, 2, 0.25]);
    const v = f64([1, 2, 2, 1], [1, 3, 10, 30]);
    expectAttention(q, k, v, {}, f64([1, 4, 1, 1], [2, 2, 20, 20]));
  });

  test('causal mask is aligned bottom-right when Tq < Tk: Tq=2, Tk=4 → query 0 sees keys 0..2 (mean 2), query 1 sees 0..3 (mean 2.5)', () => {
    const q = f64([1, 1, 2, 1], [0, 0]);
    const k = f64([1, 1, 4, 1], [0, 0, 0, 0]);
    const v = f64([1, 1, 4, 1], [1, 2, 3, 4]);
    expectAttention(q, k, v, { causal: true }, f64([1, 1, 2, 1], [2, 2.5]));
  });

  test('causal self-attention (Tq = Tk = 3): query i sees keys 0..i, so uniform scores give prefix means [1, 1.5, 2]', () => {
    const q = f64([1, 1, 3, 1], [0, 0, 0]);
    const k = f64([1, 1, 3, 1], [0, 0, 0]);
    const v = f64([1, 1, 3, 1], [1, 2, 3]);
    expectAttention(q, k, v, { causal: true }, f64([1, 1, 3, 1], [1, 1.5, 2]));
  });

  test('causal defaults to false: with no options, or {}, every query sees all 3 keys (mean 2)', () => {
    const q = f64([1, 1, 3, 1], [0, 0, 0]);
    const k = f64([1, 1, 3, 1], [0, 0, 0]);
    const v = f64([1, 1, 3, 1], [1, 2, 3]);
    const all = f64([1, 1, 3, 1], [2, 2, 2]);
    expectAttention(q, k, v, undefined, all, 'groupedQueryAttention(q, k, v) with no options');
    expectAttention(q, k, v, {}, all, 'groupedQueryAttention(q, k, v, {})');
  });

  test('gqaSelfAttention: dModel=2, 2 query heads sharing 1 kv head, zero keys, v = x[:, 0] → causal prefix means [[1,10],[2,20],[3,30]]', () => {
    const c: SelfAttentionCase = {
      x: f64([1, 3, 2], [1, 0, 3, 0, 5, 0]),
      weights: {
        wq: f64([2, 2], [1, 0, 0, 1]),
        wk: f64([2, 1], [0, 0]),
        wv: f64([2, 1], [1, 0]),
        wo: f64([2, 2], [1, 0, 0, 10]),
      },
      nHeads: 2,
      nKvHeads: 1,
    };
    tf.tidy(() => {
      expectTensorClose(runSelfAttention(c, true), f64([1, 3, 2], [1, 10, 2, 20, 3, 30]), TOL, 'causal');
      const all = f64([1, 3, 2], [3, 30, 3, 30, 3, 30]);
      expectTensorClose(runSelfAttention(c, false), all, TOL, 'causal: false');
      expectTensorClose(runSelfAttention(c, undefined), all, TOL, 'no causal in config (defaults to false)');
    });
  });
});

describe('grouped-query-attention: edge cases', () => {
  test('returns float32 [B, Hq, Tq, D] = [2, 4, 3, 5], not [B, Tq, Hq, D]', () => {
    const q = random([2, 4, 3, 5], 11);
    const k = random([2, 2, 6, 5], 12);
    const v = random([2, 2, 6, 5], 13);
    expectAttention(q, k, v, { causal: true }, gqaOracle(q, k, v, true));
  });

  test("a single key (Tk = 1) takes all the weight: every query returns that key's value", () => {
    const q = random([1, 2, 3, 2], 21, 5);
    const k = random([1, 1, 1, 2], 22, 5);
    const v = f64([1, 1, 1, 2], [0.75, -2]);
    expectAttention(q, k, v, { causal: false }, f64([1, 2, 3, 2], Array.from({ length: 6 }, () => [0.75, -2]).flat()));
  });

  test('non-causal cross-attention allows Tq > Tk (Tq=5, Tk=2)', () => {
    const q = random([1, 2, 5, 3], 31);
    const k = random([1, 1, 2, 3], 32);
    const v = random([1, 1, 2, 3], 33);
    expectAttention(q, k, v, { causal: false }, gqaOracle(q, k, v, false));
  });

  test('MHA (Hkv = Hq = 3) and MQA (Hkv = 1, Hq = 4) are ordinary cases', () => {
    const q = random([2, 3, 4, 4], 41);
    const k = random([2, 3, 4, 4], 42);
    const v = random([2, 3, 4, 4], 43);
    expectAttention(q, k, v, { causal: true }, gqaOracle(q, k, v, true), 'MHA, causal');
    const q1 = random([2, 4, 3, 4], 44);
    const k1 = random([2, 1, 5, 4], 45);
    const v1 = random([2, 1, 5, 4], 46);
    expectAttention(q1, k1, v1, { causal: true }, gqaOracle(q1, k1, v1, true), 'MQA, causal');
  });

  test('huge scores stay finite (softmax must subtract the row max): q=[100,0,0,0] picks key [100,0,0,0] over [99,0,0,0] (scores 5000 vs 4950)', () => {
    const q = f64([1, 1, 1, 4], [100, 0, 0, 0]);
    const k = f64([1, 1, 2, 4], [100, 0, 0, 0, 99, 0, 0, 0]);
    const v = f64([1, 1, 2, 4], [1, 2, 3, 4, -5, -6, -7, -8]);
    expectAttention(q, k, v, { causal: false }, f64([1, 1, 1, 4], [1, 2, 3, 4]));
  });

  test('large-magnitude q and k (integers in [-40, 40], scores in the hundreds, exp overflows float32) match the oracle, causal and not', () => {
    const q = randomIntegers([2, 4, 5, 4], 51, 40);
    const k = randomIntegers([2, 2, 7, 4], 52, 40);
    const v = random([2, 2, 7, 4], 53);
    expectAttention(q, k, v, { causal: false }, gqaOracle(q, k, v, false));
    expectAttention(q, k, v, { causal: true }, gqaOracle(q, k, v, true));
  });

  test('gqaSelfAttention with large inputs stays finite and accurate: x in [-10, 10]', () => {
    const c = randomSelfAttentionCase(1, 6, 8, 4, 2, 4, 61);
    const big: SelfAttentionCase = { ...c, x: random([1, 6, 8], 62, 10) };
    expectSelfAttention(big, true, 'gqaSelfAttention, x in [-10, 10], causal');
  });

  test('groupedQueryAttention leaks no tensors and leaves its inputs usable (causal and not)', () => {
    const q = tensor4(random([2, 4, 3, 8], 71));
    const k = tensor4(random([2, 2, 5, 8], 72));
    const v = tensor4(random([2, 2, 5, 8], 73));
    try {
      for (const causal of [false, true]) {
        const out = expectNoLeaks(
          () => groupedQueryAttention(q, k, v, { causal }),
          `groupedQueryAttention (causal ${causal})`,
        );
        expect(out, 'the result must be a tf.Tensor').toBeInstanceOf(tf.Tensor);
        out.dispose();
      }
      expect([q.isDisposed, k.isDisposed, v.isDisposed], 'q, k, v must not be disposed by the solution').toEqual([
        false,
        false,
        false,
      ]);
    } finally {
      tf.dispose([q, k, v]);
    }
  });

  test('gqaSelfAttention leaks no tensors and leaves its inputs usable', () => {
    const c = randomSelfAttentionCase(2, 4, 8, 4, 2, 2, 81);
    const x = tensor3(c.x);
    const weights = {
      wq: tensor2(c.weights.wq),
      wk: tensor2(c.weights.wk),
      wv: tensor2(c.weights.wv),
      wo: tensor2(c.weights.wo),
    };
    try {
      for (const causal of [false, true]) {
        const out = expectNoLeaks(
          () => gqaSelfAttention(x, weights, { nHeads: 4, nKvHeads: 2, causal }),
          `gqaSelfAttention (causal ${causal})`,
        );
        expect(out, 'the result must be a tf.Tensor').toBeInstanceOf(tf.Tensor);
        out.dispose();
      }
      const inputs = [x, weights.wq, weights.wk, weights.wv, weights.wo];
      expect(
        inputs.map((t) => t.isDisposed),
        'x and the weights must not be disposed by the solution',
      ).toEqual([false, false, false, false, false]);
    } finally {
      tf.dispose([x, weights.wq, weights.wk, weights.wv, weights.wo]);
    }
  });
});

describe('grouped-query-attention: bad input throws', () => {
  const zeros = (shape: readonly number[]) => tf.zeros<tf.Rank>([...shape]) as tf.Tensor4D;
  const cases: Array<[string, number[], number[], number[], boolean]> = [
    ['Hq % Hkv !== 0: q [1,3,2,4], k/v [1,2,2,4]', [1, 3, 2, 4], [1, 2, 2, 4], [1, 2, 2, 4], false],
    ['batch sizes differ: q [2,2,2,4], k/v [1,2,2,4]', [2, 2, 2, 4], [1, 2, 2, 4], [1, 2, 2, 4], false],
    ['head sizes D differ: q [1,2,2,4], k/v [1,2,2,3]', [1, 2, 2, 4], [1, 2, 2, 3], [1, 2, 2, 3], false],
    ['k and v lengths Tk differ: k [1,1,3,4], v [1,1,2,4]', [1, 2, 2, 4], [1, 1, 3, 4], [1, 1, 2, 4], false],
    ['k and v head counts differ: k [1,2,2,4], v [1,1,2,4]', [1, 2, 2, 4], [1, 2, 2, 4], [1, 1, 2, 4], false],
    ['k and v head sizes differ: k [1,1,2,4], v [1,1,2,5]', [1, 2, 2, 4], [1, 1, 2, 4], [1, 1, 2, 5], false],
    ['causal with Tq > Tk: q [1,1,3,4], k/v [1,1,2,4]', [1, 1, 3, 4], [1, 1, 2, 4], [1, 1, 2, 4], true],
    ['q of rank 5: q [1,2,2,4,1], k/v [1,1,2,4]', [1, 2, 2, 4, 1], [1, 1, 2, 4], [1, 1, 2, 4], false],
    ['q of rank 3: q [2,2,4], k/v [1,1,2,4]', [2, 2, 4], [1, 1, 2, 4], [1, 1, 2, 4], false],
    ['k and v of rank 5: q [1,2,2,4], k/v [1,1,2,4,1]', [1, 2, 2, 4], [1, 1, 2, 4, 1], [1, 1, 2, 4, 1], false],
  ];
  for (const [name, qs, ks, vs, causal] of cases) {
    test(`groupedQueryAttention throws RangeError: ${name}`, () => {
      tf.tidy(() => {
        expect(() => groupedQueryAttention(zeros(qs), zeros(ks), zeros(vs), { causal })).toThrow(RangeError);
      });
    });
  }

  test('groupedQueryAttention throws TypeError for a q, k or v that is not a tf.Tensor (nested arrays)', () => {
    tf.tidy(() => {
      const t = zeros([1, 1, 2, 2]);
      const plain = [
        [
          [
            [0, 0],
            [0, 0],
          ],
        ],
      ] as unknown as tf.Tensor4D;
      expect(() => groupedQueryAttention(plain, t, t), 'q = nested array').toThrow(TypeError);
      expect(() => groupedQueryAttention(t, plain, t), 'k = nested array').toThrow(TypeError);
      expect(() => groupedQueryAttention(t, t, plain), 'v = nested array').toThrow(TypeError);
    });
  });

  test("groupedQueryAttention throws TypeError for a causal that is not a boolean: 1, 'yes'", () => {
    tf.tidy(() => {
      const t = zeros([1, 1, 2, 2]);
      for (const causal of [1, 'yes']) {
        expect(
          () => groupedQueryAttention(t, t, t, { causal: causal as unknown as boolean }),
          `causal: ${JSON.stringify(causal)}`,
        ).toThrow(TypeError);
      }
    });
  });

  // dModel = 4, nHeads = 4, nKvHeads = 2, Dh = 2 unless a case changes one of them.
  type WeightShapes = Record<'wq' | 'wk' | 'wv' | 'wo', readonly number[]>;
  const shapes: WeightShapes = { wq: [4, 8], wk: [4, 4], wv: [4, 4], wo: [8, 4] };
  const weightsOf = (s: WeightShapes) => ({
    wq: tf.zeros<tf.Rank>([...s.wq]) as tf.Tensor2D,
    wk: tf.zeros<tf.Rank>([...s.wk]) as tf.Tensor2D,
    wv: tf.zeros<tf.Rank>([...s.wv]) as tf.Tensor2D,
    wo: tf.zeros<tf.Rank>([...s.wo]) as tf.Tensor2D,
  });
  const selfCases: Array<[string, Partial<WeightShapes>, number, number, (readonly number[])?]> = [
    ['nHeads % nKvHeads !== 0 (nHeads 4, nKvHeads 3; wk/wv [4,6] fit Dh = 2)', { wk: [4, 6], wv: [4, 6] }, 4, 3],
    ['wq has 3 rows but dModel is 4', { wq: [3, 8] }, 4, 2],
    ['wq has 6 columns, not a multiple of nHeads = 4', { wq: [4, 6] }, 4, 2],
    [
      'wq has 6 columns, not a multiple of nHeads = 4, though wk/wv [4,3] and wo [6,4] fit Dh = 1.5',
      { wq: [4, 6], wk: [4, 3], wv: [4, 3], wo: [6, 4] },
      4,
      2,
    ],
    [
      'wq has no columns (Dh = 0): wq [4,0], wk/wv [4,0], wo [0,4]',
      { wq: [4, 0], wk: [4, 0], wv: [4, 0], wo: [0, 4] },
      4,
      2,
    ],
    ['wk has 6 columns but nKvHeads·Dh = 4', { wk: [4, 6] }, 4, 2],
    ['wk has 3 rows but dModel is 4', { wk: [3, 4] }, 4, 2],
    ['wv has 3 rows but dModel is 4', { wv: [3, 4] }, 4, 2],
    ['wv has 2 columns but nKvHeads·Dh = 4', { wv: [4, 2] }, 4, 2],
    ['wo has 4 rows but nHeads·Dh = 8', { wo: [4, 4] }, 4, 2],
    ['wo has 3 columns but dModel is 4', { wo: [8, 3] }, 4, 2],
    ['wq of rank 3 [4,8,1]', { wq: [4, 8, 1] }, 4, 2],
    ['wk of rank 3 [4,4,1]', { wk: [4, 4, 1] }, 4, 2],
    ['wo of rank 1 [32]', { wo: [32] }, 4, 2],
    ['wv of rank 1 [4] (its one dimension equals dModel)', { wv: [4] }, 4, 2],
    ['x of rank 4 [1,3,4,1]', {}, 4, 2, [1, 3, 4, 1]],
    ['x of rank 2 [3,4]', {}, 4, 2, [3, 4]],
    [
      'nKvHeads 1.5 with nHeads 3 (wq [4,6], wk/wv [4,3], wo [6,4] fit Dh = 2)',
      { wq: [4, 6], wk: [4, 3], wv: [4, 3], wo: [6, 4] },
      3,
      1.5,
    ],
    ['nHeads 0', {}, 0, 2],
    ['nHeads -4, nKvHeads -2', {}, -4, -2],
    ['nHeads 2.5, nKvHeads 0.5', {}, 2.5, 0.5],
    ['nKvHeads 0', {}, 4, 0],
    ['nHeads NaN', {}, Number.NaN, 2],
  ];
  for (const [name, changed, nHeads, nKvHeads, xShape = [1, 3, 4]] of selfCases) {
    test(`gqaSelfAttention throws RangeError: ${name}`, () => {
      tf.tidy(() => {
        const ok = gqaSelfAttention(tf.zeros([1, 3, 4]) as tf.Tensor3D, weightsOf(shapes), { nHeads: 4, nKvHeads: 2 });
        expect(ok.shape, 'the consistent call (nHeads 4, nKvHeads 2)').toEqual([1, 3, 4]);
        const x = tf.zeros<tf.Rank>([...xShape]) as tf.Tensor3D;
        expect(() => gqaSelfAttention(x, weightsOf({ ...shapes, ...changed }), { nHeads, nKvHeads })).toThrow(
          RangeError,
        );
      });
    });
  }

  test("gqaSelfAttention throws TypeError: x or a weight that is not a tf.Tensor, a missing weight, nHeads '4', a missing nKvHeads, causal 1", () => {
    tf.tidy(() => {
      const x = tf.zeros([1, 3, 4]) as tf.Tensor3D;
      const w = weightsOf(shapes);
      const config = { nHeads: 4, nKvHeads: 2 };
      const bad: Array<[string, () => unknown]> = [
        ['x = nested array', () => gqaSelfAttention([[[0, 0, 0, 0]]] as unknown as tf.Tensor3D, w, config)],
        ['weights.wk = nested array', () => gqaSelfAttention(x, { ...w, wk: [[0]] as unknown as tf.Tensor2D }, config)],
        ['weights without wo', () => gqaSelfAttention(x, { wq: w.wq, wk: w.wk, wv: w.wv } as typeof w, config)],
        ["nHeads '4'", () => gqaSelfAttention(x, w, { nHeads: '4' as unknown as number, nKvHeads: 2 })],
        ['config without nKvHeads', () => gqaSelfAttention(x, w, { nHeads: 4 } as typeof config)],
        ['causal 1', () => gqaSelfAttention(x, w, { ...config, causal: 1 as unknown as boolean })],
      ];
      for (const [what, call] of bad) expect(call, what).toThrow(TypeError);
    });
  });

  test.prop([attentionCall.filter((c) => c.bad !== 'none')], { numRuns: 25 })(
    'groupedQueryAttention: every bad small call from inputs.ts throws RangeError',
    (c) => {
      tf.tidy(() => {
        const [q, k, v] = [c.q, c.k, c.v].map((t) => tensorOfCycled(t) as tf.Tensor4D) as [
          tf.Tensor4D,
          tf.Tensor4D,
          tf.Tensor4D,
        ];
        expect(() => groupedQueryAttention(q, k, v, ...optionsOf(c.causal)), `bad: ${c.bad}`).toThrow(RangeError);
      });
    },
  );

  test.prop([selfAttentionCall.filter((c) => c.bad !== 'none')], { numRuns: 25 })(
    'gqaSelfAttention: every bad small call from inputs.ts throws RangeError',
    (c) => {
      tf.tidy(() => {
        const weights = {
          wq: tensorOfCycled(c.wq) as tf.Tensor2D,
          wk: tensorOfCycled(c.wk) as tf.Tensor2D,
          wv: tensorOfCycled(c.wv) as tf.Tensor2D,
          wo: tensorOfCycled(c.wo) as tf.Tensor2D,
        };
        const config = { nHeads: c.nHeads, nKvHeads: c.nKvHeads, ...optionsOf(c.causal)[0] };
        expect(() => gqaSelfAttention(tensorOfCycled(c.x) as tf.Tensor3D, weights, config), `bad: ${c.bad}`).toThrow(
          RangeError,
        );
      });
    },
  );
});

describe('grouped-query-attention: work (no JavaScript loop over positions, keys or elements)', () => {
  const gqaBudget = (b: number, hq: number) => ({
    steps: 100 + 10 * b * hq,
    rule: `100 + 10·B·Hq for B = ${b}, Hq = ${hq}`,
  });

  /** Runs the counted solution within the budget for B = q.shape[0], Hq = q.shape[1], then compares with the oracle. */
  function expectAttentionWithinBudget(q: F64Array, k: F64Array, v: F64Array, causal: boolean): void {
    const [b, hq] = q.shape as Shape4;
    const inputs = [tensor4(q), tensor4(k), tensor4(v)] as const;
    try {
      const out = expectWithinBudget(() => counted.groupedQueryAttention(...inputs, { causal }), gqaBudget(b, hq), {
        builtins: false,
      });
      try {
        expectTensorClose(
          out,
          gqaOracle(q, k, v, causal),
          TOL,
          `groupedQueryAttention(${describeShapes(q, k, causal)})`,
        );
      } finally {
        out.dispose();
      }
    } finally {
      tf.dispose([...inputs]);
    }
  }

  test('Tq = 1024 queries against Tk = 4 keys, B=1, Hq=2, Hkv=1, D=4, not causal: within 100 + 10·B·Hq steps (no loop over queries)', () => {
    expectAttentionWithinBudget(
      random([1, 2, 1024, 4], 101),
      random([1, 1, 4, 4], 102),
      random([1, 1, 4, 4], 103),
      false,
    );
  });

  test('causal Tq = Tk = 48, B=1, Hq=2, Hkv=1, D=4: within 100 + 10·B·Hq steps (the mask is built with tensor ops, not a Tq×Tk loop)', () => {
    expectAttentionWithinBudget(
      random([1, 2, 48, 4], 104),
      random([1, 1, 48, 4], 105),
      random([1, 1, 48, 4], 106),
      true,
    );
  });

  test('KV-cache decoding step: Tq=1 query against Tk=1000 cached keys, Hq=8, Hkv=2, D=32, causal, within 100 + 10·B·Hq steps', () => {
    expectAttentionWithinBudget(
      random([1, 8, 1, 32], 94),
      random([1, 2, 1000, 32], 95),
      random([1, 2, 1000, 32], 96),
      true,
    );
  });

  test('gqaSelfAttention, B=1, T=256, dModel=8, nHeads=2, nKvHeads=1, Dh=4, causal: within 100 + 20·B·nHeads steps (no loop over tokens)', () => {
    const c = randomSelfAttentionCase(1, 256, 8, 2, 1, 4, 107);
    const x = tensor3(c.x);
    const weights = {
      wq: tensor2(c.weights.wq),
      wk: tensor2(c.weights.wk),
      wv: tensor2(c.weights.wv),
      wo: tensor2(c.weights.wo),
    };
    try {
      const out = expectWithinBudget(
        () => counted.gqaSelfAttention(x, weights, { nHeads: 2, nKvHeads: 1, causal: true }),
        { steps: 100 + 20 * 2, rule: '100 + 20·B·nHeads for B = 1, nHeads = 2' },
        { builtins: false },
      );
      try {
        const expected = gqaSelfAttentionOracle(c.x, c.weights, 2, 1, true);
        expectTensorClose(out, expected, TOL, 'gqaSelfAttention(x [1,256,8], nHeads 2, nKvHeads 1, causal)');
      } finally {
        out.dispose();
      }
    } finally {
      tf.dispose([x, weights.wq, weights.wk, weights.wv, weights.wo]);
    }
  });
});

describe('grouped-query-attention: realistic sizes', () => {
  test('a Llama-style layer: B=1, Hq=8, Hkv=2, T=128, D=64, causal, matches the oracle without leaks', () => {
    const q = random([1, 8, 128, 64], 91);
    const k = random([1, 2, 128, 64], 92);
    const v = random([1, 2, 128, 64], 93);
    const expected = gqaOracle(q, k, v, true);
    const inputs = [tensor4(q), tensor4(k), tensor4(v)] as const;
    try {
      const out = expectNoLeaks(() => groupedQueryAttention(...inputs, { causal: true }));
      try {
        expectTensorClose(out, expected, TOL, 'groupedQueryAttention(q [1,8,128,64], k/v [1,2,128,64], causal)');
      } finally {
        out.dispose();
      }
    } finally {
      tf.dispose([...inputs]);
    }
  });

  test('gqaSelfAttention: B=2, T=48, dModel=64, nHeads=8, nKvHeads=2, Dh=8, causal, matches the oracle', () => {
    const c = randomSelfAttentionCase(2, 48, 64, 8, 2, 8, 97);
    expectSelfAttention(c, true, 'gqaSelfAttention(x [2,48,64], nHeads 8, nKvHeads 2, causal)');
  });
});

describe('grouped-query-attention: properties (against a float64 loop oracle)', () => {
  test.prop([gqaShape, fc.boolean()], { numRuns: 60 })(
    'matches the float64 oracle on random B, Hkv, group size, Tq <= Tk, D (causal and not)',
    (s, causal) => {
      const { q, k, v } = gqaInputs(s);
      expectAttention(q, k, v, { causal }, gqaOracle(q, k, v, causal));
    },
  );

  test.prop([gqaShape, fc.boolean()], { numRuns: 30 })(
    'MHA special case: GQA equals MHA on kv heads repeated G times each (repeat_kv), and both match the oracle',
    (s, causal) => {
      const { q, k, v } = gqaInputs(s);
      const kRep = repeatKv(k, s.group);
      const vRep = repeatKv(v, s.group);
      const expected = gqaOracle(q, kRep, vRep, causal); // Hkv = Hq: plain multi-head attention
      expectAttention(q, kRep, vRep, { causal }, expected, `MHA call: ${describeShapes(q, kRep, causal)}`);
      expectAttention(q, k, v, { causal }, expected, `GQA call: ${describeShapes(q, k, causal)}`);
    },
  );

  test.prop([gqaShape, fc.boolean()], { numRuns: 30 })(
    'MQA special case (Hkv = 1): each query head equals a single-head call with the same k and v',
    (s, causal) => {
      const { q, k, v } = gqaInputs({ ...s, hkv: 1, group: s.hkv * s.group });
      expectAttention(q, k, v, { causal }, gqaOracle(q, k, v, causal), `MQA call: ${describeShapes(q, k, causal)}`);
      const all = attentionValues(q, k, v, causal);
      for (let h = 0; h < (q.shape[1] as number); h++) {
        expectAttention(headOf(q, h), k, v, { causal }, headOf(all, h), `query head ${h} alone vs in the MQA call`);
      }
    },
  );

  test.prop([gqaShape], { numRuns: 30 })(
    'decoding: causal with Tq = 1 equals non-causal (the one query sees every cached key)',
    (s) => {
      const { q, k, v } = gqaInputs({ ...s, tq: 1 });
      expectAttention(q, k, v, { causal: true }, gqaOracle(q, k, v, false));
    },
  );

  test.prop([gqaShape], { numRuns: 30 })(
    'permutation equivariance: shuffling the keys (k and v alike) leaves non-causal attention unchanged',
    (s) => {
      const { q, k, v } = gqaInputs(s);
      const perm = shuffled(k.shape[2] as number, s.seed + 3);
      const expected = gqaOracle(q, k, v, false);
      expectAttention(
        q,
        permutePositions(k, perm),
        permutePositions(v, perm),
        { causal: false },
        expected,
        `keys permuted by [${perm}]`,
      );
    },
  );

  test.prop([attentionCall.filter((c) => c.bad === 'none')], { numRuns: 40 })(
    'matches the oracle on small calls from inputs.ts: half-integer values, some scaled by 100 (scores in the thousands), causal given or omitted',
    (c) => {
      const [q, k, v] = [cycled(c.q), cycled(c.k), cycled(c.v)] as [F64Array, F64Array, F64Array];
      const options = c.causal === 'omit' ? undefined : { causal: c.causal };
      expectAttention(q, k, v, options, gqaOracle(q, k, v, c.causal === true));
    },
  );

  test.prop([selfAttentionCall.filter((c) => c.bad === 'none')], { numRuns: 30 })(
    'gqaSelfAttention matches the oracle on small calls from inputs.ts (half-integer values, causal given or omitted)',
    (c) => {
      const call: SelfAttentionCase = {
        x: cycled(c.x),
        weights: { wq: cycled(c.wq), wk: cycled(c.wk), wv: cycled(c.wv), wo: cycled(c.wo) },
        nHeads: c.nHeads,
        nKvHeads: c.nKvHeads,
      };
      const causal = c.causal === 'omit' ? undefined : c.causal;
      expectSelfAttention(
        call,
        causal,
        `gqaSelfAttention(x [${c.x.shape}], nHeads ${c.nHeads}, nKvHeads ${c.nKvHeads}, causal ${c.causal})`,
      );
    },
  );

  test.prop([selfAttentionShape, fc.boolean()], { numRuns: 40 })(
    'gqaSelfAttention matches the oracle on random B, T, dModel, heads, Dh (head h = columns h·Dh … (h+1)·Dh − 1)',
    (s, causal) => {
      const c = randomSelfAttentionCase(s.b, s.t, s.dModel, s.nKvHeads * s.group, s.nKvHeads, s.dh, s.seed);
      expectSelfAttention(
        c,
        causal,
        `gqaSelfAttention(x [${c.x.shape}], nHeads ${c.nHeads}, nKvHeads ${c.nKvHeads}, Dh ${s.dh}, causal ${causal})`,
      );
    },
  );
});
