import { test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import {
  initLora,
  type LoraParams,
  loraForward,
  loraParamCount,
  loraScaling,
  mergeLora,
  unmergeLora,
} from '@impl/lora-linear';
import * as counted from '@impl-counted/lora-linear';
import {
  type CountConfig,
  type LoraCall,
  type LoraCase,
  badLoraCall,
  countConfig,
  loraCase,
  loraDataOf,
} from './inputs.ts';
import {
  type LoraData,
  loraForwardOracle,
  mergeOracle,
  numericalRank,
  paramCountOracle,
  scalingOracle,
} from './oracle.ts';
import {
  type Closeness,
  disposeAfterEachTest,
  expectNoLeaks,
  expectTensorClose,
  type F64Array,
  useTensorBackend,
} from '../../src/harness/tf.ts';
import { tensorOf as tensorOfSpec } from '../../src/harness/compare-tensors.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

useTensorBackend();
const keep = disposeAfterEachTest();

const TOL: Closeness = { atol: 1e-3, rtol: 1e-4 };
const EXACT: Closeness = { atol: 1e-5, rtol: 1e-6 };

const f64 = (shape: readonly number[], values: readonly number[]): F64Array => ({
  shape,
  data: Float64Array.from(values),
});
const tensorOf = (x: F64Array): tf.Tensor => keep(tf.tensor(Float32Array.from(x.data), [...x.shape], 'float32'));

/** Tensors (disposed after the test) for float64 data. */
function paramsOf(d: LoraData): LoraParams {
  return {
    w: tensorOf(d.w) as tf.Tensor2D,
    ...(d.bias !== undefined && { bias: tensorOf(d.bias) as tf.Tensor1D }),
    a: tensorOf(d.a) as tf.Tensor2D,
    b: tensorOf(d.b) as tf.Tensor2D,
    alpha: d.alpha,
  };
}

function dataOf(c: LoraCase): { x: F64Array; p: LoraData } {
  const v = loraDataOf(c);
  return { x: v.x, p: { w: v.w, ...(v.bias !== undefined && { bias: v.bias }), a: v.a, b: v.b, alpha: c.alpha } };
}

const describeCase = (c: LoraCase) =>
  `x [${[...c.lead, c.dIn].join(', ')}], W [${c.dIn}, ${c.dOut}], r ${c.r}, alpha ${c.alpha}, rslora ${c.rslora}, bias ${c.withBias}, seed ${c.seed}`;

function expectOracleClose(actual: F64Array, expected: readonly number[], what: string): void {
  expected.forEach((want, i) => {
    expect(Math.abs((actual.data[i] as number) - want), `${what}[${i}]`).toBeLessThan(1e-6);
  });
}

/**
 * The spec's worked example: x = [[1,2,3]], W = [[1,0],[0,1],[1,1]], bias = [0.5,-0.5],
 * A = [[1,0],[0,1],[1,-1]], B = [[1,2],[3,-1]], alpha 16, r 2. By hand: xW = [4,5], xA = [4,-1],
 * (xA)B = [1,9], s = 8, y = [12.5, 76.5]; rsLoRA s = 16/√2 = 11.313708, y = [15.813708, 106.323376];
 * merged W = [[9,16],[24,-7],[-15,25]].
 */
const X = f64([1, 3], [1, 2, 3]);
const P: LoraData = {
  w: f64([3, 2], [1, 0, 0, 1, 1, 1]),
  bias: f64([2], [0.5, -0.5]),
  a: f64([3, 2], [1, 0, 0, 1, 1, -1]),
  b: f64([2, 2], [1, 2, 3, -1]),
  alpha: 16,
};
const Y = [12.5, 76.5];
const Y_RS = [15.813708, 106.323376];
const MERGED = [9, 16, 24, -7, -15, 25];

/** Llama-2-7B: hidden 4096, intermediate 11008, 32 layers, 32 heads (MHA). Llama-3-8B: 14336, 8 kv heads of 128. */
const LLAMA2_7B = { hidden: 4096, intermediate: 11008, layers: 32, heads: 32, kvHeads: 32 };
const LLAMA3_8B = { hidden: 4096, intermediate: 14336, layers: 32, heads: 32, kvHeads: 8, headDim: 128 };

describe('lora-linear: worked examples (spec vectors)', () => {
  test('loraScaling: alpha/r = 16/2 = 8; rsLoRA alpha/√r = 11.313708; PEFT default r 8, alpha 8 → 1', () => {
    expect(scalingOracle(16, 2, true), 'oracle').toBeCloseTo(11.313708, 6);
    expect(loraScaling(16, 2)).toBeCloseTo(8, 12);
    expect(loraScaling(16, 2, { rslora: false })).toBeCloseTo(8, 12);
    expect(loraScaling(16, 2, { rslora: true }), 'loraScaling(16, 2, {rslora: true})').toBeCloseTo(11.313708, 6);
    expect(loraScaling(8, 8)).toBeCloseTo(1, 12);
    expect(loraScaling(32, 4, { rslora: true }), 'loraScaling(32, 4, {rslora: true}) = 32/2').toBeCloseTo(16, 12);
    expect(loraScaling(1, 4), 'loraScaling(1, 4)').toBeCloseTo(0.25, 12);
  });

  test('loraForward([[1,2,3]]) with the spec example (alpha 16, r 2, s 8) → [[12.5, 76.5]]', () => {
    expectOracleClose(loraForwardOracle(X, P), Y, 'oracle');
    const y = keep(loraForward(tensorOf(X), paramsOf(P)));
    expectTensorClose(y, f64([1, 2], Y), EXACT, 'loraForward(spec example)');
  });

  test('loraForward with {rslora: true}: s = 16/√2 → [[15.813708, 106.323376]]', () => {
    expectOracleClose(loraForwardOracle(X, P, true), Y_RS, 'oracle');
    const y = keep(loraForward(tensorOf(X), paramsOf(P), { rslora: true }));
    expectTensorClose(y, f64([1, 2], Y_RS), EXACT, 'loraForward(spec example, {rslora: true})');
  });

  test('mergeLora(spec example) = W + 8·A·B = [[9,16],[24,-7],[-15,25]], and x·merged + bias gives the same y', () => {
    expectOracleClose(mergeOracle(P), MERGED, 'oracle');
    const merged = keep(mergeLora(paramsOf(P)));
    expectTensorClose(merged, f64([3, 2], MERGED), EXACT, 'mergeLora(spec example)');
    const y = keep(tf.tidy(() => tf.add(tf.matMul(tensorOf(X) as tf.Tensor2D, merged), tensorOf(P.bias as F64Array))));
    expectTensorClose(y, f64([1, 2], Y), EXACT, 'x · mergeLora(...) + bias');
  });

  test('mergeLora with {rslora: true} scales A·B by 16/√2; unmergeLora takes the same option', () => {
    const p = paramsOf(P);
    const merged = keep(mergeLora(p, { rslora: true }));
    expectTensorClose(merged, mergeOracle(P, true), EXACT, 'mergeLora(spec example, {rslora: true})');
    const back = keep(unmergeLora(merged, p, { rslora: true }));
    expectTensorClose(back, P.w, EXACT, 'unmergeLora(mergeLora(p, rs), p, rs)');
  });

  test('unmergeLora([[9,16],[24,-7],[-15,25]], spec example) = W = [[1,0],[0,1],[1,1]]', () => {
    const back = keep(unmergeLora(tensorOf(f64([3, 2], MERGED)) as tf.Tensor2D, paramsOf(P)));
    expectTensorClose(back, P.w, EXACT, 'unmergeLora(merged, spec example)');
  });

  test('Llama-2-7B, q and v, r 8 → 4,194,304 trainable parameters (PEFT print_trainable_parameters)', () => {
    const cfg: CountConfig = { ...LLAMA2_7B, r: 8, targets: ['q', 'v'] };
    expect(paramCountOracle(cfg), 'oracle').toBe(4_194_304);
    expect(loraParamCount({ ...cfg, targets: ['q', 'v'] })).toBe(4_194_304);
  });

  test('Llama-2-7B, all seven linears (q k v o gate up down), r 8 → 19,988,480', () => {
    const targets = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'] as const;
    expect(paramCountOracle({ ...LLAMA2_7B, r: 8, targets }), 'oracle').toBe(19_988_480);
    expect(loraParamCount({ ...LLAMA2_7B, r: 8, targets: [...targets] })).toBe(19_988_480);
  });

  test('Llama-3-8B (GQA: 8 kv heads of 128), q and v, r 8 → 3,407,872, not the square-matrix 4,194,304', () => {
    const cfg: CountConfig = { ...LLAMA3_8B, r: 8, targets: ['q', 'v'] };
    expect(paramCountOracle(cfg), 'oracle').toBe(3_407_872);
    expect(loraParamCount({ ...cfg, targets: ['q', 'v'] })).toBe(3_407_872);
    const { headDim: _omit, ...noHeadDim } = LLAMA3_8B;
    expect(loraParamCount({ ...noHeadDim, r: 8, targets: ['q', 'v'] }), 'headDim defaults to hidden/heads = 128').toBe(
      3_407_872,
    );
  });
});

describe('lora-linear: parameter counts per projection', () => {
  // hidden 8, intermediate 12, 2 layers, 2 heads, 1 kv head, headDim 3 (so heads·headDim = 6 ≠ hidden).
  const small = { hidden: 8, intermediate: 12, layers: 2, heads: 2, kvHeads: 1, headDim: 3, r: 2 };
  const cases: Array<[CountConfig['targets'][number], number, number]> = [
    ['q', 8, 6],
    ['k', 8, 3],
    ['v', 8, 3],
    ['o', 6, 8],
    ['gate', 8, 12],
    ['up', 8, 12],
    ['down', 12, 8],
  ];
  for (const [target, dIn, dOut] of cases) {
    test(`target '${target}' is [${dIn}, ${dOut}] (hidden 8, intermediate 12, 2 heads × 3, 1 kv head): 2 layers · r 2 · (${dIn} + ${dOut}) = ${2 * 2 * (dIn + dOut)}`, () => {
      const cfg: CountConfig = { ...small, targets: [target] };
      expect(paramCountOracle(cfg), 'oracle').toBe(2 * 2 * (dIn + dOut));
      expect(loraParamCount({ ...small, targets: [target] })).toBe(2 * 2 * (dIn + dOut));
    });
  }

  test('no targets → 0 trainable parameters', () => {
    expect(loraParamCount({ ...small, targets: [] })).toBe(0);
  });

  test.prop([countConfig], { numRuns: 100 })(
    'random configurations match r·(dIn + dOut) summed over targets and layers',
    (cfg) => {
      expect(loraParamCount({ ...cfg, targets: [...cfg.targets] }), JSON.stringify(cfg)).toBe(paramCountOracle(cfg));
    },
  );

  test('kvHeads need not divide heads (not checked): heads 4, kvHeads 3, headDim 2 → r·(dIn + dOut) per projection', () => {
    const cfg: CountConfig = {
      hidden: 8,
      intermediate: 5,
      layers: 1,
      heads: 4,
      kvHeads: 3,
      headDim: 2,
      r: 1,
      targets: ['k', 'o'],
    };
    expect(paramCountOracle(cfg), 'oracle').toBe(8 + 6 + 8 + 8);
    expect(loraParamCount({ ...cfg, targets: ['k', 'o'] })).toBe(30);
  });

  test('a target listed twice throws RangeError: [q, v, q]', () => {
    expect(() => loraParamCount({ ...LLAMA2_7B, r: 8, targets: ['q', 'v', 'q'] })).toThrow(RangeError);
  });

  test('headDim omitted and hidden not a multiple of heads throws RangeError: hidden 10, heads 4', () => {
    expect(() =>
      loraParamCount({ hidden: 10, intermediate: 8, layers: 1, heads: 4, kvHeads: 1, r: 2, targets: ['q'] }),
    ).toThrow(RangeError);
    expect(
      loraParamCount({
        hidden: 10,
        intermediate: 8,
        layers: 1,
        heads: 4,
        kvHeads: 1,
        headDim: 2,
        r: 2,
        targets: ['q'],
      }),
      'with headDim given, hidden 10 and heads 4 are fine: 2·(10 + 8)',
    ).toBe(36);
  });

  test('a config number that is not a positive integer throws RangeError: layers 1.5, heads 0, kvHeads -1, headDim 0, intermediate NaN', () => {
    const base = { ...LLAMA2_7B, r: 8, targets: ['q'] as CountConfig['targets'][number][] };
    for (const [field, value] of [
      ['layers', 1.5],
      ['heads', 0],
      ['kvHeads', -1],
      ['headDim', 0],
      ['intermediate', Number.NaN],
      ['hidden', Number.POSITIVE_INFINITY],
    ] as const) {
      expect(() => loraParamCount({ ...base, [field]: value }), `${field} = ${value}`).toThrow(RangeError);
    }
  });

  test('a missing config field or a wrong type throws TypeError: no hidden, layers "32", targets "q,v"', () => {
    const { hidden: _drop, ...noHidden } = LLAMA2_7B;
    const asCfg = (cfg: unknown) => cfg as Parameters<typeof loraParamCount>[0];
    expect(() => loraParamCount(asCfg({ ...noHidden, r: 8, targets: ['q'] })), 'no hidden').toThrow(TypeError);
    expect(() => loraParamCount(asCfg({ ...LLAMA2_7B, layers: '32', r: 8, targets: ['q'] })), 'layers "32"').toThrow(
      TypeError,
    );
    expect(() => loraParamCount(asCfg({ ...LLAMA2_7B, r: 8, targets: 'q,v' })), 'targets "q,v"').toThrow(TypeError);
  });
});

describe('lora-linear: shapes, edge cases and bad input', () => {
  test('x [2, 3, 5] (rank 3), W [5, 4], r 3, no bias: y is [2, 3, 4] float32 and matches the oracle', () => {
    const c: LoraCase = { lead: [2, 3], dIn: 5, dOut: 4, r: 3, alpha: 8, rslora: false, withBias: false, seed: 7 };
    const { x, p } = dataOf(c);
    const y = keep(loraForward(tensorOf(x), paramsOf(p)));
    expectTensorClose(y, loraForwardOracle(x, p), TOL, describeCase(c));
  });

  test('r = 1 and dOut = 1: x [4, 6], W [6, 1], alpha 2', () => {
    const c: LoraCase = { lead: [4], dIn: 6, dOut: 1, r: 1, alpha: 2, rslora: false, withBias: true, seed: 8 };
    const { x, p } = dataOf(c);
    const y = keep(loraForward(tensorOf(x), paramsOf(p)));
    expectTensorClose(y, loraForwardOracle(x, p), TOL, describeCase(c));
    const merged = keep(mergeLora(paramsOf(p)));
    expectTensorClose(merged, mergeOracle(p), TOL, `mergeLora(${describeCase(c)})`);
  });

  test('non-square merge: W [3, 5], A [3, 2], B [2, 5] → merged [3, 5] = W + s·A·B (A·B, not B·A)', () => {
    const c: LoraCase = { lead: [1], dIn: 3, dOut: 5, r: 2, alpha: 4, rslora: false, withBias: false, seed: 9 };
    const { p } = dataOf(c);
    const merged = keep(mergeLora(paramsOf(p)));
    expectTensorClose(merged, mergeOracle(p), TOL, 'mergeLora(W [3, 5], A [3, 2], B [2, 5])');
    const back = keep(unmergeLora(merged, paramsOf(p)));
    expectTensorClose(back, p.w, TOL, 'unmergeLora(mergeLora(p), p)');
  });

  test('loraScaling throws RangeError for r = 0, -1, 1.5, NaN and for alpha = 0, -8', () => {
    for (const r of [0, -1, 1.5, Number.NaN]) expect(() => loraScaling(16, r), `r = ${r}`).toThrow(RangeError);
    for (const alpha of [0, -8]) expect(() => loraScaling(alpha, 2), `alpha = ${alpha}`).toThrow(RangeError);
    expect(() => loraScaling(0, 2, { rslora: true }), 'alpha = 0, rslora').toThrow(RangeError);
    expect(loraScaling(0.5, 1), 'a small positive alpha is fine').toBeCloseTo(0.5, 12);
  });

  test('loraForward throws RangeError when x last dim ≠ dIn (x [1, 4], W [3, 2])', () => {
    const x = tensorOf(f64([1, 4], [1, 2, 3, 4]));
    expect(() => loraForward(x, paramsOf(P))).toThrow(RangeError);
  });

  test('loraForward throws RangeError for alpha ≤ 0: spec example with alpha 0 and -16', () => {
    const x = tensorOf(X);
    expect(() => loraForward(x, { ...paramsOf(P), alpha: 0 })).toThrow(RangeError);
    expect(() => loraForward(x, { ...paramsOf(P), alpha: -16 })).toThrow(RangeError);
  });

  test('inconsistent shapes throw RangeError in loraForward, mergeLora and unmergeLora: A [2, 2] or B [3, 2] or B [2, 3] with W [3, 2]', () => {
    const x = tensorOf(X);
    const good = paramsOf(P);
    const bads: Array<[string, LoraParams]> = [
      ['A [2, 2]', { ...good, a: tensorOf(f64([2, 2], [1, 0, 0, 1])) as tf.Tensor2D }],
      ['B [3, 2] (rows ≠ r)', { ...good, b: tensorOf(f64([3, 2], [1, 2, 3, 4, 5, 6])) as tf.Tensor2D }],
      ['B [2, 3] (cols ≠ dOut)', { ...good, b: tensorOf(f64([2, 3], [1, 2, 3, 4, 5, 6])) as tf.Tensor2D }],
    ];
    for (const [what, p] of bads) {
      expect(() => loraForward(x, p), `loraForward with ${what}`).toThrow(RangeError);
      expect(() => mergeLora(p), `mergeLora with ${what}`).toThrow(RangeError);
      expect(() => unmergeLora(good.w, p), `unmergeLora with ${what}`).toThrow(RangeError);
    }
  });

  test('unmergeLora throws RangeError when merged is not [dIn, dOut]: merged [2, 2] or [3, 3] for W [3, 2]', () => {
    const p = paramsOf(P);
    expect(() => unmergeLora(tensorOf(f64([2, 2], [1, 2, 3, 4])) as tf.Tensor2D, p), 'merged [2, 2]').toThrow(
      RangeError,
    );
    expect(
      () => unmergeLora(tensorOf(f64([3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9])) as tf.Tensor2D, p),
      'merged [3, 3]',
    ).toThrow(RangeError);
  });

  test('loraScaling: alpha NaN or Infinity throws RangeError; an alpha or r that is not a number ("16", "2") throws TypeError', () => {
    for (const alpha of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => loraScaling(alpha, 2), `alpha = ${alpha}`).toThrow(RangeError);
    }
    expect(() => loraScaling('16' as unknown as number, 2), "alpha '16'").toThrow(TypeError);
    expect(() => loraScaling(16, '2' as unknown as number), "r '2'").toThrow(TypeError);
  });

  test('options: { rslora: false } and {} behave like no options; true switches to alpha/√r', () => {
    expect(loraScaling(16, 4, {}), 'loraScaling(16, 4, {})').toBeCloseTo(4, 12);
    expect(loraScaling(16, 4, { rslora: false })).toBeCloseTo(4, 12);
    expect(loraScaling(16, 4, { rslora: true })).toBeCloseTo(8, 12);
    const y = keep(loraForward(tensorOf(X), paramsOf(P), {}));
    expectTensorClose(y, f64([1, 2], Y), EXACT, 'loraForward(spec example, {})');
  });

  test('a misspelled option ({ rsLora: true }, { use_rslora: true }), a non-boolean rslora ("true", 1) or opts that are not an object (true, 5) throw TypeError, in every function with opts', () => {
    const p = paramsOf(P);
    const x = tensorOf(X);
    for (const opts of [{ rsLora: true }, { use_rslora: true }, { rslora: 'true' }, { rslora: 1 }, true, 5, 'rslora']) {
      const o = opts as { rslora?: boolean };
      const what = JSON.stringify(opts);
      expect(() => loraScaling(16, 2, o), `loraScaling(16, 2, ${what})`).toThrow(TypeError);
      expect(() => loraForward(x, p, o), `loraForward(x, p, ${what})`).toThrow(TypeError);
      expect(() => mergeLora(p, o), `mergeLora(p, ${what})`).toThrow(TypeError);
      expect(() => unmergeLora(p.w, p, o), `unmergeLora(w, p, ${what})`).toThrow(TypeError);
    }
  });

  test('bias of a shape other than [dOut] throws RangeError: [3], [1] and [1, 2] for dOut = 2', () => {
    const x = tensorOf(X);
    const good = paramsOf(P);
    for (const [what, bias] of [
      ['[3]', f64([3], [1, 2, 3])],
      ['[1]', f64([1], [1])],
      ['[1, 2]', f64([1, 2], [1, 2])],
    ] as const) {
      const p = { ...good, bias: tensorOf(bias) as tf.Tensor1D };
      expect(() => loraForward(x, p), `loraForward with bias ${what}`).toThrow(RangeError);
      expect(() => mergeLora(p), `mergeLora with bias ${what}`).toThrow(RangeError);
    }
  });

  test('w, a or b not of rank 2 throws RangeError: w [6], a [3, 2, 1], b [4]', () => {
    const x = tensorOf(X);
    const good = paramsOf(P);
    const bads: Array<[string, LoraParams]> = [
      ['w [6]', { ...good, w: tensorOf(f64([6], [1, 0, 0, 1, 1, 1])) as tf.Tensor2D }],
      ['a [3, 2, 1]', { ...good, a: tensorOf(f64([3, 2, 1], [1, 0, 0, 1, 1, -1])) as tf.Tensor2D }],
      ['b [4]', { ...good, b: tensorOf(f64([4], [1, 2, 3, -1])) as tf.Tensor2D }],
    ];
    for (const [what, p] of bads) {
      expect(() => loraForward(x, p), `loraForward with ${what}`).toThrow(RangeError);
      expect(() => mergeLora(p), `mergeLora with ${what}`).toThrow(RangeError);
    }
  });

  test('a missing or non-tensor field of p, or an x that is not a tf.Tensor, throws TypeError: no b, w as an array, x as an array, p null', () => {
    const x = tensorOf(X);
    const good = paramsOf(P);
    const { b: _drop, ...noB } = good;
    const asParams = (p: unknown) => p as LoraParams;
    for (const [what, p] of [
      ['no b', asParams(noB)],
      [
        'w as an array',
        asParams({
          ...good,
          w: [
            [1, 0],
            [0, 1],
            [1, 1],
          ],
        }),
      ],
      ['a missing alpha', asParams({ ...good, alpha: undefined })],
      ['p null', asParams(null)],
    ] as const) {
      expect(() => loraForward(x, p), `loraForward with ${what}`).toThrow(TypeError);
      expect(() => mergeLora(p), `mergeLora with ${what}`).toThrow(TypeError);
    }
    expect(() => loraForward([[1, 2, 3]] as unknown as tf.Tensor, good), 'x as an array').toThrow(TypeError);
    expect(() => unmergeLora([[9, 16]] as unknown as tf.Tensor2D, good), 'merged as an array').toThrow(TypeError);
  });

  test('tensors must be float32: an int32 x, W or merged throws TypeError', () => {
    const good = paramsOf(P);
    const intX = keep(tf.tensor2d([[1, 2, 3]], [1, 3], 'int32'));
    const intW = keep(tf.tensor2d([1, 0, 0, 1, 1, 1], [3, 2], 'int32'));
    expect(() => loraForward(intX, good), 'int32 x').toThrow(TypeError);
    expect(() => mergeLora({ ...good, w: intW }), 'int32 W').toThrow(TypeError);
    expect(() => unmergeLora(intW, good), 'int32 merged').toThrow(TypeError);
  });

  test('the adapter and the bias must be float32 too: an int32 p.a, p.b or p.bias throws TypeError', () => {
    const x = keep(tf.tensor2d([[1, 2, 3]], [1, 3]));
    const good = paramsOf(P);
    const int32 = (t: tf.Tensor | undefined) => keep((t as tf.Tensor).cast('int32'));
    expect(() => loraForward(x, { ...good, a: int32(good.a) as tf.Tensor2D }), 'int32 p.a').toThrow(TypeError);
    expect(() => loraForward(x, { ...good, b: int32(good.b) as tf.Tensor2D }), 'int32 p.b').toThrow(TypeError);
    expect(() => loraForward(x, { ...good, bias: int32(good.bias) as tf.Tensor1D }), 'int32 p.bias').toThrow(TypeError);
    expect(() => mergeLora({ ...good, a: int32(good.a) as tf.Tensor2D }), 'mergeLora, int32 p.a').toThrow(TypeError);
  });

  test('x of rank 1 ([dIn] = [3]) gives y of shape [dOut] = [2]; x of rank 0 throws RangeError', () => {
    const y = keep(loraForward(tensorOf(f64([3], [1, 2, 3])), paramsOf(P)));
    expectTensorClose(y, f64([2], Y), EXACT, 'loraForward(x [3], spec example)');
    expect(() => loraForward(keep(tf.scalar(1)), paramsOf(P)), 'x of rank 0').toThrow(RangeError);
  });

  test('r larger than min(dIn, dOut) is allowed: W [3, 2], r 5 matches the oracle', () => {
    const c: LoraCase = { lead: [2], dIn: 3, dOut: 2, r: 5, alpha: 10, rslora: false, withBias: true, seed: 21 };
    const { x, p } = dataOf(c);
    const y = keep(loraForward(tensorOf(x), paramsOf(p)));
    expectTensorClose(y, loraForwardOracle(x, p), TOL, describeCase(c));
    const merged = keep(mergeLora(paramsOf(p)));
    expectTensorClose(merged, mergeOracle(p), TOL, `mergeLora(${describeCase(c)})`);
    const fresh = initLora(3, 2, 5, 9);
    keep(fresh.a);
    keep(fresh.b);
    expect(fresh.a.shape, 'initLora(3, 2, 5, 9).a').toEqual([3, 5]);
  });

  test('initLora throws RangeError for dIn or dOut not a positive integer (0, 2.5) and a seed that is not an integer (1.5, NaN); TypeError for a string', () => {
    for (const [dIn, dOut] of [
      [0, 3],
      [4, 2.5],
      [-1, 3],
    ]) {
      expect(() => initLora(dIn as number, dOut as number, 2, 1), `initLora(${dIn}, ${dOut}, 2, 1)`).toThrow(
        RangeError,
      );
    }
    for (const seed of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => initLora(4, 3, 2, seed), `seed ${seed}`).toThrow(RangeError);
    }
    expect(() => initLora(4, 3, 2, '7' as unknown as number), "seed '7'").toThrow(TypeError);
    expect(() => initLora(4, 3, '2' as unknown as number, 7), "r '2'").toThrow(TypeError);
  });

  test('initLora throws RangeError for r = 0, -2 and 2.5', () => {
    for (const r of [0, -2, 2.5]) expect(() => initLora(4, 3, r, 1), `initLora(4, 3, ${r}, 1)`).toThrow(RangeError);
  });

  test("loraParamCount throws RangeError for an unknown target ('lm_head') and for r = 0", () => {
    const base = { ...LLAMA2_7B, r: 8 };
    expect(() => loraParamCount({ ...base, targets: ['q', 'lm_head' as 'q'] })).toThrow(RangeError);
    expect(() => loraParamCount({ ...base, r: 0, targets: ['q'] })).toThrow(RangeError);
    expect(() => loraParamCount({ ...base, r: 1.5, targets: ['q'] })).toThrow(RangeError);
  });

  test('initLora(6, 4, 3, seed 1): A [6, 3] float32 not all zero and finite, B [3, 4] float32 all zeros', () => {
    const { a, b } = initLora(6, 4, 3, 1);
    keep(a);
    keep(b);
    expectTensorClose(b, f64([3, 4], new Array(12).fill(0)), { atol: 0 }, 'initLora(6, 4, 3, 1).b');
    expect(a.shape, 'initLora(6, 4, 3, 1).a shape').toEqual([6, 3]);
    expect(a.dtype).toBe('float32');
    const values = Array.from(a.dataSync());
    expect(
      values.every((v) => Number.isFinite(v)),
      'A must be finite',
    ).toBe(true);
    expect(
      values.some((v) => v !== 0),
      'A must not be all zeros (B is zero; a zero A too would never learn)',
    ).toBe(true);
  });

  test('initLora is seeded: the same seed gives the same A twice (dIn 5, dOut 7, r 2, seed 42)', () => {
    const first = initLora(5, 7, 2, 42);
    const second = initLora(5, 7, 2, 42);
    [first.a, first.b, second.a, second.b].forEach(keep);
    expectTensorClose(second.a, f64([5, 2], Array.from(first.a.dataSync())), { atol: 0 }, 'A from the same seed');
    expect(first.b.shape).toEqual([2, 7]);
  });

  test('initLora depends on its seed: seeds 1 and 2, and 1 and −1, give different A (dIn 5, dOut 7, r 2)', () => {
    for (const [s1, s2] of [
      [1, 2],
      [1, -1],
    ] as const) {
      const one = initLora(5, 7, 2, s1);
      const two = initLora(5, 7, 2, s2);
      [one.a, one.b, two.a, two.b].forEach(keep);
      const a1 = Array.from(one.a.dataSync());
      const a2 = Array.from(two.a.dataSync());
      expect(
        a1.some((v, i) => v !== a2[i]),
        `A from seeds ${s1} and ${s2} must differ`,
      ).toBe(true);
    }
  });

  test('a fresh adapter is the identity change: loraForward with initLora(A, B) = x·W + bias', () => {
    const c: LoraCase = { lead: [3], dIn: 5, dOut: 4, r: 2, alpha: 16, rslora: false, withBias: true, seed: 10 };
    const { x, p } = dataOf(c);
    const { a, b } = initLora(5, 4, 2, 123);
    keep(a);
    keep(b);
    const base = paramsOf(p);
    const y = keep(loraForward(tensorOf(x), { ...base, a, b }));
    const zeroB: LoraData = { ...p, b: f64([2, 4], new Array(8).fill(0)) };
    expectTensorClose(y, loraForwardOracle(x, zeroB), TOL, 'loraForward(x, W, bias, initLora(...))');
    expect(
      Array.from(a.dataSync()).some((v) => v !== 0),
      'A of the fresh adapter must not be all zeros',
    ).toBe(true);
  });

  test('inputs are neither disposed nor changed by loraForward, mergeLora and unmergeLora', () => {
    const p = paramsOf(P);
    const x = tensorOf(X);
    const merged = keep(mergeLora(p));
    keep(loraForward(x, p));
    keep(unmergeLora(merged, p));
    for (const [name, t, want] of [
      ['x', x, X],
      ['w', p.w, P.w],
      ['a', p.a, P.a],
      ['b', p.b, P.b],
      ['bias', p.bias as tf.Tensor, P.bias as F64Array],
    ] as const) {
      expect(t.isDisposed, `${name} was disposed`).toBe(false);
      expectTensorClose(t, want, { atol: 0 }, `${name} after the calls`);
    }
    expect(merged.isDisposed, 'unmergeLora disposed merged').toBe(false);
    expectTensorClose(merged, f64([3, 2], MERGED), EXACT, 'merged after unmergeLora');
  });

  test('leaks no tensors when it throws: A [2, 2], alpha 0, a misspelled option, initLora with r 0', () => {
    const x = tensorOf(X);
    const good = paramsOf(P);
    const badA = { ...good, a: tensorOf(f64([2, 2], [1, 0, 0, 1])) as tf.Tensor2D };
    const cases: Array<[string, () => unknown, typeof RangeError | typeof TypeError]> = [
      ['loraForward with A [2, 2]', () => loraForward(x, badA), RangeError],
      ['mergeLora with alpha 0', () => mergeLora({ ...good, alpha: 0 }), RangeError],
      [
        'unmergeLora with { rsLora: true }',
        () => unmergeLora(good.w, good, { rsLora: true } as { rslora?: boolean }),
        TypeError,
      ],
      ['initLora(4, 3, 0, 1)', () => initLora(4, 3, 0, 1), RangeError],
    ];
    for (const [what, call, error] of cases) {
      const before = tf.memory().numTensors;
      expect(call, what).toThrow(error);
      expect(tf.memory().numTensors - before, `${what}: tensors left behind after the error`).toBe(0);
    }
  });

  test('leaks no tensors: loraForward (rank 3, bias, rslora), mergeLora, unmergeLora and initLora', () => {
    const c: LoraCase = { lead: [2, 3], dIn: 4, dOut: 3, r: 2, alpha: 8, rslora: true, withBias: true, seed: 11 };
    const { x, p } = dataOf(c);
    const params = paramsOf(p);
    const xt = tensorOf(x);
    const y = keep(expectNoLeaks(() => loraForward(xt, params, { rslora: true }), 'loraForward'));
    expectTensorClose(y, loraForwardOracle(x, p, true), TOL, 'loraForward result');
    const merged = keep(expectNoLeaks(() => mergeLora(params), 'mergeLora'));
    expectTensorClose(merged, mergeOracle(p), TOL, 'mergeLora result');
    const back = keep(expectNoLeaks(() => unmergeLora(merged, params), 'unmergeLora'));
    expectTensorClose(back, p.w, TOL, 'unmergeLora result');
    const fresh = expectNoLeaks(() => initLora(4, 3, 2, 5), 'initLora');
    keep(fresh.a);
    keep(fresh.b);
    expect(fresh.a.shape).toEqual([4, 2]);
  });
});

describe('lora-linear: complexity and scale (at most 100 steps of JavaScript work, whatever the sizes)', () => {
  const budget = { steps: 100, rule: '100 steps for x [128, 256], W [256, 192], r 16' };
  const c: LoraCase = { lead: [128], dIn: 256, dOut: 192, r: 16, alpha: 32, rslora: true, withBias: true, seed: 12 };

  test('loraForward, x [128, 256], W [256, 192], r 16, alpha 32, bias, rslora: matches the oracle within 100 steps, leaks nothing', () => {
    const { x, p } = dataOf(c);
    const params = paramsOf(p);
    const xt = tensorOf(x);
    const y = keep(
      expectNoLeaks(
        () => expectWithinBudget(() => counted.loraForward(xt, params, { rslora: true }), budget, { builtins: false }),
        'loraForward',
      ),
    );
    expectTensorClose(y, loraForwardOracle(x, p, true), { atol: 5e-3, rtol: 1e-4 }, describeCase(c));
  });

  test('mergeLora and unmergeLora, W [256, 192], r 16: match the oracle within 100 steps each, leak nothing', () => {
    const { p } = dataOf(c);
    const params = paramsOf(p);
    const merged = keep(
      expectNoLeaks(
        () => expectWithinBudget(() => counted.mergeLora(params, { rslora: true }), budget, { builtins: false }),
        'mergeLora',
      ),
    );
    expectTensorClose(merged, mergeOracle(p, true), { atol: 1e-3, rtol: 1e-4 }, `mergeLora(${describeCase(c)})`);
    const back = keep(
      expectWithinBudget(() => counted.unmergeLora(merged, params, { rslora: true }), budget, { builtins: false }),
    );
    expectTensorClose(back, p.w, { atol: 1e-3, rtol: 1e-4 }, `unmergeLora(${describeCase(c)})`);
  });
});

describe('lora-linear: properties (against the float64 oracle)', () => {
  test.prop([loraCase], { numRuns: 60 })('loraForward matches the oracle', (c) => {
    const { x, p } = dataOf(c);
    const y = keep(loraForward(tensorOf(x), paramsOf(p), { rslora: c.rslora }));
    expectTensorClose(y, loraForwardOracle(x, p, c.rslora), TOL, describeCase(c));
  });

  test.prop([loraCase], { numRuns: 40 })('B = 0 ⇒ loraForward(x) = x·W + bias', (c) => {
    const { x, p } = dataOf(c);
    const params = { ...paramsOf(p), b: keep(tf.zeros([c.r, c.dOut])) as tf.Tensor2D };
    const y = keep(loraForward(tensorOf(x), params, { rslora: c.rslora }));
    const plain = tf.tidy(() => {
      const xw = tf.matMul(tf.reshape(tensorOf(x), [-1, c.dIn]), params.w);
      return params.bias === undefined ? xw : tf.add(xw, params.bias);
    });
    const expected = f64([...c.lead, c.dOut], Array.from(plain.dataSync()));
    plain.dispose();
    expectTensorClose(y, expected, { atol: 1e-6, rtol: 1e-6 }, `B = 0: ${describeCase(c)}`);
  });

  test.prop([loraCase], { numRuns: 40 })(
    'mergeLora then a plain matmul ≡ loraForward; mergeLora matches W + s·A·B',
    (c) => {
      const { x, p } = dataOf(c);
      const params = paramsOf(p);
      const opts = { rslora: c.rslora };
      const merged = keep(mergeLora(params, opts));
      expectTensorClose(merged, mergeOracle(p, c.rslora), TOL, `mergeLora(${describeCase(c)})`);
      const viaMerge = tf.tidy(() => {
        const xw = tf.reshape(tf.matMul(tf.reshape(tensorOf(x), [-1, c.dIn]), merged), [...c.lead, c.dOut]);
        return params.bias === undefined ? xw : tf.add(xw, params.bias);
      });
      const expected = f64(viaMerge.shape, Array.from(viaMerge.dataSync()));
      viaMerge.dispose();
      const y = keep(loraForward(tensorOf(x), params, opts));
      expectTensorClose(y, expected, TOL, `loraForward vs x·mergeLora + bias: ${describeCase(c)}`);
    },
  );

  test.prop([loraCase], { numRuns: 40 })('unmergeLora(mergeLora(p), p) ≈ W', (c) => {
    const { p } = dataOf(c);
    const params = paramsOf(p);
    const opts = { rslora: c.rslora };
    const back = keep(unmergeLora(keep(mergeLora(params, opts)), params, opts));
    expectTensorClose(back, p.w, TOL, `unmerge∘merge: ${describeCase(c)}`);
  });

  test.prop([loraCase.filter((c) => c.r < Math.min(c.dIn, c.dOut))], { numRuns: 30 })(
    'rank(s·A·B) ≤ r: mergeLora with W = 0 gives a matrix of rank at most r',
    (c) => {
      const { p } = dataOf(c);
      const zeroW = f64([c.dIn, c.dOut], new Array(c.dIn * c.dOut).fill(0));
      const delta = keep(mergeLora(paramsOf({ ...p, w: zeroW }), { rslora: c.rslora }));
      expectTensorClose(delta, mergeOracle({ ...p, w: zeroW }, c.rslora), TOL, `ΔW: ${describeCase(c)}`);
      const rank = numericalRank(delta.dataSync(), c.dIn, c.dOut);
      expect(rank, `rank of ΔW for ${describeCase(c)}`).toBeLessThanOrEqual(c.r);
    },
  );

  test.prop([loraCase], { numRuns: 30 })('the adapter term is linear in alpha: y(3α) − y(2α) = y(2α) − y(α)', (c) => {
    const { x, p } = dataOf(c);
    const params = paramsOf(p);
    const xt = tensorOf(x);
    const at = (k: number) =>
      Array.from(keep(loraForward(xt, { ...params, alpha: k * c.alpha }, { rslora: c.rslora })).dataSync());
    const [y1, y2, y3] = [at(1), at(2), at(3)];
    const oracleStep = loraForwardOracle(x, { ...p, alpha: c.alpha }, c.rslora).data.map(
      (v, i) => v - (loraForwardOracle(x, { ...p, b: { ...p.b, data: p.b.data.map(() => 0) } }).data[i] as number),
    );
    y1.forEach((_, i) => {
      const step1 = (y2[i] as number) - (y1[i] as number);
      const step2 = (y3[i] as number) - (y2[i] as number);
      const want = oracleStep[i] as number;
      const tol = 1e-3 + 1e-4 * Math.abs(want);
      expect(Math.abs(step1 - want), `y(2α) − y(α) at ${i}: ${describeCase(c)}`).toBeLessThan(tol * 4);
      expect(Math.abs(step2 - want), `y(3α) − y(2α) at ${i}: ${describeCase(c)}`).toBeLessThan(tol * 4);
    });
  });

  test.prop([badLoraCall], { numRuns: 80 })(
    'one bad argument (shape, alpha, r, options, a missing field, a target): the error class the prompt names',
    (call) => {
      const error = call.error === 'TypeError' ? TypeError : RangeError;
      expect(() => invoke(call), `${call.fn} with ${call.bad}: ${JSON.stringify(call).slice(0, 400)}`).toThrow(error);
    },
  );
});

type Fn = (...args: unknown[]) => unknown;

/** Runs one call of inputs.ts with tensors built from its specs (all disposed after the test). */
function invoke(call: LoraCall): unknown {
  if (call.fn === 'loraScaling') return (loraScaling as Fn)(call.alpha, call.r, call.opts);
  if (call.fn === 'loraParamCount') return (loraParamCount as Fn)(structuredClone(call.cfg));
  if (call.fn === 'initLora') {
    const out = (initLora as Fn)(call.dIn, call.dOut, call.r, call.seed) as { a: tf.Tensor; b: tf.Tensor };
    keep(out.a);
    keep(out.b);
    return out;
  }
  const t = (spec: Parameters<typeof tensorOfSpec>[0]) => keep(tensorOfSpec(spec));
  const p = {
    w: t(call.w),
    a: t(call.a),
    alpha: call.alpha,
    ...(call.b !== undefined && { b: t(call.b) }),
    ...(call.bias !== undefined && { bias: t(call.bias) }),
  };
  const opts = call.opts === undefined ? [] : [call.opts];
  if (call.fn === 'loraForward') return keep((loraForward as Fn)(t(call.x), p, ...opts));
  if (call.fn === 'mergeLora') return keep((mergeLora as Fn)(p, ...opts));
  return keep((unmergeLora as Fn)(t(call.merged), p, ...opts));
}
