import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/decoder-block-forward';
import { decoderBlockForward } from '@impl/decoder-block-forward';
import {
  type DecoderBlockParamTensors,
  type DecoderCase,
  PARAM_NAMES,
  decoderCase,
  decoderConfig,
  decoderInputs,
  disposeParams,
  inputTensor,
  paramTensors,
  randomDecoderBlockParamsF64,
  randomDecoderInputF64,
  smallDecoderCase,
} from './inputs.ts';
import { DEFAULT_EPS, type DecoderBlockParamsF64, decoderBlockForwardOracle } from './oracle.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import {
  type Closeness,
  type F64Array,
  expectNoLeaks,
  expectTensorClose,
  useTensorBackend,
} from '../../src/harness/tf.ts';

useTensorBackend();

/** float32 arithmetic against the float64 oracle, activations of order 1. */
const ORACLE_TOL: Closeness = { atol: 1e-4, rtol: 1e-4 };
/** Two runs of the solution that must agree (a row alone vs batched, a prefix vs the whole). */
const SELF_TOL: Closeness = { atol: 1e-5, rtol: 1e-5 };

type Forward = typeof decoderBlockForward;
type Config = { nHeads: number; eps?: number };

function describeCase(c: DecoderCase): string {
  const eps = c.eps === undefined ? 'default eps' : `eps=${c.eps}`;
  const scales = c.rowScales === undefined ? '' : ` rowScales=[${c.rowScales.join(',')}]`;
  const bad = c.bad === undefined ? '' : ` bad=${c.bad}`;
  return `B=${c.batch} T=${c.seqLen} D=${c.dModel} nHeads=${c.nHeads} F=${c.ffnDim} ${eps} seed=${c.seed}${scales}${bad}`;
}

/** The same parameters with wo and wDown set to zero (both sub-layers then add nothing). */
function zeroOutputs(params: DecoderBlockParamsF64): DecoderBlockParamsF64 {
  const zero = (a: F64Array): F64Array => ({ shape: a.shape, data: new Float64Array(a.data.length) });
  return { ...params, wo: zero(params.wo), wDown: zero(params.wDown) };
}

/**
 * Runs `forward` on tensors of `x` and `params`, checks the result is a float32 tensor of the shape
 * of x, returns its values as float64, and disposes everything.
 */
function run(
  x: F64Array,
  params: DecoderBlockParamsF64,
  config: Config,
  what: string,
  forward: Forward = decoderBlockForward,
): F64Array {
  const xt = inputTensor(x);
  const pt = paramTensors(params);
  try {
    const y = forward(xt, pt, config);
    try {
      expect(y, `${what}: must return a tf.Tensor`).toBeInstanceOf(tf.Tensor);
      expect(y.shape, `${what}: output shape`).toEqual([...x.shape]);
      expect(y.dtype, `${what}: output dtype`).toBe('float32');
      return { shape: [...y.shape], data: Float64Array.from(y.dataSync()) };
    } finally {
      y.dispose();
    }
  } finally {
    xt.dispose();
    disposeParams(pt);
  }
}

/** The solution's output for a case, checked against the float64 oracle. */
function expectMatchesOracle(c: DecoderCase, what = describeCase(c)): void {
  const { x, params } = decoderInputs(c);
  const expected = decoderBlockForwardOracle(x, params, c.nHeads, c.eps ?? DEFAULT_EPS);
  const xt = inputTensor(x);
  const pt = paramTensors(params);
  try {
    const y = decoderBlockForward(xt, pt, decoderConfig(c));
    try {
      expectTensorClose(y, expected, ORACLE_TOL, what);
    } finally {
      y?.dispose();
    }
  } finally {
    xt.dispose();
    disposeParams(pt);
  }
}

/** Values read back from the solution, against expected ones (SELF_TOL by default). */
function expectSame(actual: F64Array, expected: F64Array, what: string, tolerance = SELF_TOL): void {
  const tensor = tf.tensor(Float32Array.from(actual.data), [...actual.shape], 'float32');
  try {
    expectTensorClose(tensor, expected, tolerance, what);
  } finally {
    tensor.dispose();
  }
}

/** x[b0:b1, t0:t1, :] of a float64 [B, T, D] array. */
function sliceBT(x: F64Array, b0: number, b1: number, t0: number, t1: number): F64Array {
  const [, seqLen, dModel] = x.shape as [number, number, number];
  const data = new Float64Array((b1 - b0) * (t1 - t0) * dModel);
  let at = 0;
  for (let b = b0; b < b1; b++) {
    for (let t = t0; t < t1; t++) {
      const start = (b * seqLen + t) * dModel;
      data.set(x.data.subarray(start, start + dModel), at);
      at += dModel;
    }
  }
  return { shape: [b1 - b0, t1 - t0, dModel], data };
}

/** The same x with every position from `from` on replaced by fresh random values. */
function changeFuture(x: F64Array, from: number, seed: number): F64Array {
  const [batch, seqLen, dModel] = x.shape as [number, number, number];
  const fresh = randomDecoderInputF64({ batch, seqLen, dModel, seed, scale: 3 });
  const data = Float64Array.from(x.data);
  for (let b = 0; b < batch; b++) {
    for (let t = from; t < seqLen; t++) {
      const start = (b * seqLen + t) * dModel;
      data.set(fresh.data.subarray(start, start + dModel), start);
    }
  }
  return { shape: x.shape, data };
}

/** Runs `call` on a valid D=8, nHeads=2, F=16 block (x [1, 3, 8]) and disposes it afterwards. */
function withBlock(call: (x: tf.Tensor3D, params: DecoderBlockParamTensors) => void): void {
  const params = paramTensors(randomDecoderBlockParamsF64({ dModel: 8, ffnDim: 16, seed: 47 }));
  const x = inputTensor(randomDecoderInputF64({ batch: 1, seqLen: 3, dModel: 8, seed: 48 }));
  try {
    call(x, params);
  } finally {
    x.dispose();
    disposeParams(params);
  }
}

/**
 * The prompt's budget: at most 2·T² + 8·nHeads + 100 steps of JavaScript work (loop iterations and
 * function calls of the solution; tfjs's own kernels are not counted).
 */
function budgetOf(c: DecoderCase): { steps: number; rule: string } {
  return {
    steps: 2 * c.seqLen ** 2 + 8 * c.nHeads + 100,
    rule: `2·T² + 8·nHeads + 100 for T = ${c.seqLen}, nHeads = ${c.nHeads}`,
  };
}

const BASE: DecoderCase = { batch: 2, seqLen: 5, dModel: 16, nHeads: 4, ffnDim: 32, seed: 11 };

/** Hand-built D=2, nHeads=1, F=1 parameters: unit gains, wv = wo = I, everything else zero unless given. */
function handParams(
  overrides: Partial<Record<keyof DecoderBlockParamsF64, readonly number[]>> = {},
): DecoderBlockParamsF64 {
  const arr = (name: keyof DecoderBlockParamsF64, shape: readonly number[], fallback: readonly number[]): F64Array => ({
    shape,
    data: Float64Array.from(overrides[name] ?? fallback),
  });
  return {
    attnNorm: arr('attnNorm', [2], [1, 1]),
    wq: arr('wq', [2, 2], [0, 0, 0, 0]),
    wk: arr('wk', [2, 2], [0, 0, 0, 0]),
    wv: arr('wv', [2, 2], [1, 0, 0, 1]),
    wo: arr('wo', [2, 2], [1, 0, 0, 1]),
    mlpNorm: arr('mlpNorm', [2], [1, 1]),
    wGate: arr('wGate', [2, 1], [0, 0]),
    wUp: arr('wUp', [2, 1], [0, 0]),
    wDown: arr('wDown', [1, 2], [0, 0]),
  };
}

describe('decoder-block-forward: worked examples', () => {
  test('README example 1: x = [[[3, 4]]], wv = wo = I, MLP zero: y = x + x/sqrt(12.5) = [[[3.84853, 5.13137]]]', () => {
    const x: F64Array = { shape: [1, 1, 2], data: Float64Array.from([3, 4]) };
    const r = 1 / Math.sqrt(12.5 + 1e-6);
    const expected: F64Array = { shape: [1, 1, 2], data: Float64Array.from([3 + 3 * r, 4 + 4 * r]) };
    expectSame(run(x, handParams(), { nHeads: 1 }, 'README example 1'), expected, 'README example 1');
  });

  test('README example 2: x = [[[1, 0], [0, 1]]], wq = wk = 0: token 0 sees only itself, token 1 averages both', () => {
    const x: F64Array = { shape: [1, 2, 2], data: Float64Array.from([1, 0, 0, 1]) };
    const n = Math.SQRT2 / Math.sqrt(1 + 2e-6); // RMSNorm of [1, 0] is [n, 0]
    const expected: F64Array = { shape: [1, 2, 2], data: Float64Array.from([1 + n, 0, n / 2, 1 + n / 2]) };
    expectSame(
      run(x, handParams(), { nHeads: 1 }, 'README example 2'),
      expected,
      'README example 2 (non-causal gives [1.70711, 0.70711] for token 0)',
    );
  });

  test('README example 3: a SwiGLU MLP alone (wv = 0): x = [[[2, 0]]] gives y = [[[2 + u, u]]], u = silu(√2)·√2 ≈ 1.60886', () => {
    // m = RMSNorm([2, 0]) = [√2, 0] (eps aside); gate = up = m·[1, 0]ᵀ = √2; wDown = [[1, 1]].
    const x: F64Array = { shape: [1, 1, 2], data: Float64Array.from([2, 0]) };
    const params = handParams({ wv: [0, 0, 0, 0], wGate: [1, 0], wUp: [1, 0], wDown: [1, 1] });
    const g = 2 / Math.sqrt(2 + 1e-6);
    const mlp = (g / (1 + Math.exp(-g))) * g;
    const expected: F64Array = { shape: [1, 1, 2], data: Float64Array.from([2 + mlp, mlp]) };
    expectSame(run(x, params, { nHeads: 1 }, 'README example 3'), expected, 'README example 3');
  });

  test('B=2 T=5 D=16 nHeads=4 F=32 (default eps): matches the float64 oracle, shape [2, 5, 16], float32', () => {
    expectMatchesOracle(BASE);
  });

  test('B=1 T=6 D=8 nHeads=2 F=16: the batch axis stays, output shape [1, 6, 8]', () => {
    expectMatchesOracle({ batch: 1, seqLen: 6, dModel: 8, nHeads: 2, ffnDim: 16, seed: 3 });
  });

  test('README example 4: zero wo and wDown give y = x: both residual connections are there (B=2 T=4 D=8 nHeads=2)', () => {
    const c: DecoderCase = { batch: 2, seqLen: 4, dModel: 8, nHeads: 2, ffnDim: 16, seed: 5 };
    const { x, params } = decoderInputs(c);
    const y = run(x, zeroOutputs(params), decoderConfig(c), `${describeCase(c)} with wo = wDown = 0`);
    expectSame(y, x, `${describeCase(c)} with wo = wDown = 0: y must equal x`);
  });

  test('zero wDown alone gives y = h = x + attention (checked against the oracle)', () => {
    const c: DecoderCase = { batch: 1, seqLen: 5, dModel: 12, nHeads: 3, ffnDim: 24, seed: 17 };
    const { x, params: base } = decoderInputs(c);
    const params = { ...base, wDown: { shape: base.wDown.shape, data: new Float64Array(base.wDown.data.length) } };
    const expected = decoderBlockForwardOracle(x, params, c.nHeads);
    expectSame(run(x, params, decoderConfig(c), 'wDown = 0'), expected, `${describeCase(c)} with wDown = 0`);
  });
});

describe('decoder-block-forward: edge cases', () => {
  test('T = 1: a single token attends only to itself (B=2 T=1 D=16 nHeads=4 F=32)', () => {
    expectMatchesOracle({ ...BASE, seqLen: 1, seed: 21 });
  });

  test('rows scaled by 1e-4: eps goes inside the square root, v / sqrt(mean(v²) + eps)', () => {
    expectMatchesOracle({ ...BASE, seed: 23, rowScales: [1e-4, 1, 1e-4] });
  });

  test('every row scaled by 1e-4, nHeads=2 (the eps placement dominates the first norm)', () => {
    expectMatchesOracle({ batch: 1, seqLen: 4, dModel: 8, nHeads: 2, ffnDim: 16, seed: 29, rowScales: [1e-4] });
  });

  test('config.eps is used: eps = 0.1 matches the oracle with eps = 0.1', () => {
    expectMatchesOracle({ ...BASE, seed: 31, eps: 0.1 });
  });

  test('config.eps is used: eps = 1e-3 on rows scaled by 0.01', () => {
    expectMatchesOracle({ ...BASE, seed: 37, eps: 1e-3, rowScales: [0.01, 1] });
  });

  test('config.eps = 0 is used as given, not replaced by the default: rows scaled by 1e-4 match the oracle with eps = 0', () => {
    expectMatchesOracle({ ...BASE, seed: 71, eps: 0, rowScales: [1e-4, 1] });
  });

  test('nHeads matters: D=8 with nHeads = 1, 2, 4 and 8 each match their own oracle', () => {
    for (const nHeads of [1, 2, 4, 8]) {
      expectMatchesOracle({ batch: 2, seqLen: 5, dModel: 8, nHeads, ffnDim: 16, seed: 41 });
    }
  });

  test('an all-zero x gives an all-zero y (eps keeps RMSNorm finite: no 0/0 NaN)', () => {
    const c: DecoderCase = { batch: 1, seqLen: 3, dModel: 8, nHeads: 2, ffnDim: 16, seed: 43 };
    const x: F64Array = { shape: [1, 3, 8], data: new Float64Array(24) };
    expectSame(run(x, decoderInputs(c).params, decoderConfig(c), 'zero x'), x, 'zero x [1, 3, 8]: y must be 0');
  });

  test('dModel % nHeads !== 0 throws RangeError (D=12 with nHeads = 5, D=8 with nHeads = 3)', () => {
    for (const [dModel, nHeads] of [
      [12, 5],
      [8, 3],
    ] as const) {
      const params = paramTensors(randomDecoderBlockParamsF64({ dModel, ffnDim: 16, seed: 1 }));
      const x = inputTensor(randomDecoderInputF64({ batch: 1, seqLen: 2, dModel, seed: 2 }));
      try {
        expect(() => decoderBlockForward(x, params, { nHeads }), `D=${dModel}, nHeads=${nHeads}`).toThrow(RangeError);
      } finally {
        x.dispose();
        disposeParams(params);
      }
    }
  });

  test('config.nHeads that is not a positive integer throws RangeError: 0, -2, 2.5, NaN, Infinity (D=8)', () => {
    withBlock((x, params) => {
      for (const nHeads of [0, -2, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => decoderBlockForward(x, params, { nHeads }), `nHeads ${nHeads}`).toThrow(RangeError);
      }
    });
  });

  test('config.eps that is negative or not finite throws RangeError: -1e-6, NaN, Infinity', () => {
    withBlock((x, params) => {
      for (const eps of [-1e-6, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => decoderBlockForward(x, params, { nHeads: 2, eps }), `eps ${eps}`).toThrow(RangeError);
      }
    });
  });

  test("a config field of the wrong type, or a missing nHeads, throws TypeError: nHeads '2', eps '1e-6', {}", () => {
    withBlock((x, params) => {
      for (const config of [{ nHeads: '2' }, { nHeads: 2, eps: '1e-6' }, {}, { nHeads: null }]) {
        expect(
          () => decoderBlockForward(x, params, config as unknown as Config),
          `config ${JSON.stringify(config)}`,
        ).toThrow(TypeError);
      }
    });
  });

  test('x that is not a tf.Tensor throws TypeError: a nested array, null, a look-alike object', () => {
    withBlock((x, params) => {
      const lookalike = { shape: x.shape, rank: x.rank, dtype: x.dtype, size: x.size };
      for (const bad of [x.arraySync(), null, lookalike]) {
        expect(() => decoderBlockForward(bad as unknown as tf.Tensor3D, params, { nHeads: 2 })).toThrow(TypeError);
      }
    });
  });

  test('x whose rank is not 3 throws RangeError: [3, 8] and [1, 3, 8, 1]', () => {
    withBlock((x, params) => {
      for (const shape of [
        [3, 8],
        [1, 3, 8, 1],
      ]) {
        const bad = tf.reshape(x, shape);
        try {
          expect(() => decoderBlockForward(bad as tf.Tensor3D, params, { nHeads: 2 }), `x [${shape}]`).toThrow(
            RangeError,
          );
        } finally {
          bad.dispose();
        }
      }
    });
  });

  test.each(PARAM_NAMES.map((name) => [name]))(
    'a missing parameter, or one that is not a tf.Tensor (a nested array, a look-alike object), throws TypeError: params.%s',
    (name) => {
      withBlock((x, params) => {
        const { [name]: _dropped, ...rest } = params;
        expect(
          () => decoderBlockForward(x, rest as DecoderBlockParamTensors, { nHeads: 2 }),
          `without ${name}`,
        ).toThrow(TypeError);
        const asArray = { ...params, [name]: params[name].arraySync() };
        expect(
          () => decoderBlockForward(x, asArray as unknown as DecoderBlockParamTensors, { nHeads: 2 }),
          `${name} as a nested array`,
        ).toThrow(TypeError);
        const { shape, rank, dtype, size } = params[name];
        const lookalike = { ...params, [name]: { shape, rank, dtype, size } };
        expect(
          () => decoderBlockForward(x, lookalike as unknown as DecoderBlockParamTensors, { nHeads: 2 }),
          `${name} as a plain object with a tensor's shape and rank`,
        ).toThrow(TypeError);
      });
    },
  );

  const mismatches: ReadonlyArray<[string, keyof DecoderBlockParamTensors, readonly number[]]> = [
    ['attnNorm of length D+1', 'attnNorm', [9]],
    ['wq of shape [D, D+2]', 'wq', [8, 10]],
    ['wk of shape [D+2, D]', 'wk', [10, 8]],
    ['wv of shape [D, D/2]', 'wv', [8, 4]],
    ['wo of shape [D+2, D+2]', 'wo', [10, 10]],
    ['mlpNorm of length D-1', 'mlpNorm', [7]],
    ['wGate of shape [D+1, F]', 'wGate', [9, 16]],
    ['wUp of shape [D, F+4] while wGate is [D, F]', 'wUp', [8, 20]],
    ['wDown of shape [F+4, D] while wGate is [D, F]', 'wDown', [20, 8]],
    ['wDown of shape [F, D+1]', 'wDown', [16, 9]],
    // Shapes that tfjs would broadcast without complaint: only an explicit check rejects them.
    ['attnNorm of shape [1] (tf.mul would broadcast it)', 'attnNorm', [1]],
    ['mlpNorm of shape [] (a scalar, tf.mul would broadcast it)', 'mlpNorm', []],
    ['mlpNorm of shape [1, D] (tf.mul would broadcast it)', 'mlpNorm', [1, 8]],
    ['wGate of shape [D, 1] while wUp is [D, F] (gate ⊙ up would broadcast)', 'wGate', [8, 1]],
    ['wUp of shape [D, 1] while wGate is [D, F] (gate ⊙ up would broadcast)', 'wUp', [8, 1]],
  ];
  test.each(mismatches)(
    'a parameter shape mismatch throws RangeError, never a silent answer: %s (D=8, F=16)',
    (_label, name, shape) => {
      withBlock((x, params) => {
        const ok = decoderBlockForward(x, params, { nHeads: 2 });
        expect(ok.shape, 'the consistent block').toEqual([1, 3, 8]);
        ok.dispose();
        const bad = tf.zeros([...shape]);
        try {
          const broken = { ...params, [name]: bad } as DecoderBlockParamTensors;
          expect(() => decoderBlockForward(x, broken, { nHeads: 2 }), `${name} shape [${shape.join(', ')}]`).toThrow(
            RangeError,
          );
        } finally {
          bad.dispose();
        }
      });
    },
  );

  test('leaks no tensors: only the returned tensor survives, and x and params are not disposed', () => {
    const c: DecoderCase = { ...BASE, seed: 53 };
    const { x: xf, params: pf } = decoderInputs(c);
    const x = inputTensor(xf);
    const params = paramTensors(pf);
    try {
      const y = expectNoLeaks(
        () => decoderBlockForward(x, params, decoderConfig(c)),
        `decoderBlockForward(${describeCase(c)})`,
      );
      expect(y, 'must return a tf.Tensor').toBeInstanceOf(tf.Tensor);
      y.dispose();
      expect(x.isDisposed, 'x must not be disposed').toBe(false);
      for (const [name, tensor] of Object.entries(params)) {
        expect((tensor as tf.Tensor).isDisposed, `params.${name} must not be disposed`).toBe(false);
      }
    } finally {
      x.dispose();
      disposeParams(params);
    }
  });
});

describe('decoder-block-forward: structure and scale (at most 2·T² + 8·nHeads + 100 steps of JavaScript work)', () => {
  test('causal: changing x[:, t+1:] leaves y[:, :t+1] unchanged, for every t (B=2 T=6 D=16 nHeads=4)', () => {
    const c: DecoderCase = { ...BASE, seqLen: 6, seed: 59 };
    const { x, params } = decoderInputs(c);
    const y = run(x, params, decoderConfig(c), describeCase(c));
    for (let t = 0; t < c.seqLen - 1; t++) {
      const changed = run(changeFuture(x, t + 1, 100 + t), params, decoderConfig(c), `x changed after t=${t}`);
      expectSame(
        sliceBT(changed, 0, c.batch, 0, t + 1),
        sliceBT(y, 0, c.batch, 0, t + 1),
        `y[:, :${t + 1}] after changing x[:, ${t + 1}:]`,
      );
    }
  });

  test('batch rows are independent: each row of B=3 computed alone equals its row of the batched result', () => {
    const c: DecoderCase = { batch: 3, seqLen: 4, dModel: 12, nHeads: 3, ffnDim: 24, seed: 61 };
    const { x, params } = decoderInputs(c);
    const y = run(x, params, decoderConfig(c), describeCase(c));
    for (let b = 0; b < c.batch; b++) {
      const alone = run(sliceBT(x, b, b + 1, 0, c.seqLen), params, decoderConfig(c), `row ${b} alone`);
      expectSame(alone, sliceBT(y, b, b + 1, 0, c.seqLen), `batch row ${b} alone vs batched`);
    }
  });

  test('the largest block (B=4 T=16 D=64 nHeads=8 F=128) matches the oracle within 2·T² + 8·nHeads + 100 steps', () => {
    // The budget is 676 steps here; a loop over the elements of x alone is B·T·D = 4096 steps, over
    // the scores B·H·T² = 8192, and the projections in loops about 2.6·10^6.
    const c: DecoderCase = { batch: 4, seqLen: 16, dModel: 64, nHeads: 8, ffnDim: 128, seed: 67 };
    const { x, params } = decoderInputs(c);
    const expected = decoderBlockForwardOracle(x, params, c.nHeads);
    const y = run(x, params, decoderConfig(c), describeCase(c), (...args) =>
      expectWithinBudget(() => counted.decoderBlockForward(...args), budgetOf(c), { builtins: false }),
    );
    expectSame(y, expected, describeCase(c), ORACLE_TOL);
  });

  test('a loop over the heads fits: one head per dimension (B=1 T=16 D=64 nHeads=64 F=16) within 2·T² + 8·nHeads + 100 steps', () => {
    const c: DecoderCase = { batch: 1, seqLen: 16, dModel: 64, nHeads: 64, ffnDim: 16, seed: 73 };
    const { x, params } = decoderInputs(c);
    const expected = decoderBlockForwardOracle(x, params, c.nHeads);
    const y = run(x, params, decoderConfig(c), describeCase(c), (...args) =>
      expectWithinBudget(() => counted.decoderBlockForward(...args), budgetOf(c), { builtins: false }),
    );
    expectSame(y, expected, describeCase(c), ORACLE_TOL);
  });
});

describe('decoder-block-forward: properties (against the float64 loop oracle)', () => {
  test.prop([decoderCase], { numRuns: 60 })('random sizes, eps and row scales match the oracle', (c) => {
    expectMatchesOracle(c);
  });

  test.prop([smallDecoderCase], { numRuns: 40 })(
    'tiny blocks match the oracle, and a bad part (D % nHeads, a parameter shape, a negative eps) throws RangeError',
    (c) => {
      if (c.bad === undefined) {
        expectMatchesOracle(c);
        return;
      }
      const { x, params } = decoderInputs(c);
      const xt = inputTensor(x);
      const pt = paramTensors(params);
      try {
        expect(() => decoderBlockForward(xt, pt, decoderConfig(c)), describeCase(c)).toThrow(RangeError);
      } finally {
        xt.dispose();
        disposeParams(pt);
      }
    },
  );

  test.prop([decoderCase.filter((c) => c.seqLen >= 2), fc.nat()], { numRuns: 25 })(
    'causal: the output on a prefix x[:, :t] equals the first t positions of the full output',
    (c, cut) => {
      const { x, params } = decoderInputs(c);
      const t = 1 + (cut % (c.seqLen - 1));
      const full = run(x, params, decoderConfig(c), describeCase(c));
      const prefix = run(sliceBT(x, 0, c.batch, 0, t), params, decoderConfig(c), `${describeCase(c)} prefix t=${t}`);
      expectSame(prefix, sliceBT(full, 0, c.batch, 0, t), `${describeCase(c)}: y(x[:, :${t}]) vs y(x)[:, :${t}]`);
    },
  );

  test.prop([decoderCase], { numRuns: 10 })('no tensor leaks for any size', (c) => {
    const { x: xf, params: pf } = decoderInputs(c);
    const x = inputTensor(xf);
    const params = paramTensors(pf);
    try {
      const y = expectNoLeaks(() => decoderBlockForward(x, params, decoderConfig(c)), describeCase(c));
      expect(y, 'must return a tf.Tensor').toBeInstanceOf(tf.Tensor);
      y.dispose();
    } finally {
      x.dispose();
      disposeParams(params);
    }
  });
});
