import { test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/manual-backward';
import { attentionBackward, layerNormBackward, softmaxCrossEntropyBackward } from '@impl/manual-backward';
import { watchAutograd } from './autograd-guard.ts';
import {
  type AttentionCase,
  type BackwardCall,
  type CrossEntropyCase,
  type LayerNormCase,
  attentionCase,
  backwardCall,
  crossEntropyCase,
  layerNormCase,
} from './inputs.ts';
import {
  type AttentionShape,
  attentionGrads,
  attentionGradsFD,
  crossEntropyGrad,
  crossEntropyGradFD,
  layerNormGrads,
  layerNormGradsFD,
} from './oracle.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import {
  type Closeness,
  type F64Array,
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  useTensorBackend,
} from '../../src/harness/tf.ts';

useTensorBackend();

/** The prompt's tolerance: float32 tensor ops against float64, 1e-4 absolute + 1e-4 relative. */
const TOL: Closeness = { atol: 1e-4, rtol: 1e-4 };
/** The prompt's vectors are printed to 6 or 7 significant digits. */
const PINNED_TOL: Closeness = { atol: 2e-6, rtol: 1e-5 };

const f64 = (shape: readonly number[], values: ArrayLike<number>): F64Array => ({
  shape,
  data: Float64Array.from(values),
});
const t2 = (values: ArrayLike<number>, shape: [number, number]) =>
  tf.tensor2d(Float32Array.from(values), shape, 'float32');
const t1 = (values: ArrayLike<number>) => tf.tensor1d(Float32Array.from(values), 'float32');
const labelsOf = (labels: readonly number[]) => tf.tensor1d([...labels], 'int32');

/** Float64 vs float64 (the printed literals against the oracle): guards the literals themselves. */
function expectOracleMatches(actual: F64Array, expected: F64Array, what: string): void {
  expect(actual.shape, `${what}: oracle shape`).toEqual([...expected.shape]);
  expected.data.forEach((want, i) => {
    expect(Math.abs((actual.data[i] as number) - want), `${what}: oracle[${i}] = ${actual.data[i]}`).toBeLessThan(
      5e-7 * Math.max(1, Math.abs(want)),
    );
  });
}

// ------------------------------------------------------------------------- running one case

const showCe = (c: CrossEntropyCase) =>
  `logits [${c.n}, ${c.c}] = [${Array.from(c.logits).map((v) => v.toPrecision(4))}], labels [${c.labels}], dloss ${c.dloss ?? 'default'}`;
const showLn = (c: LayerNormCase) =>
  `x [${c.n}, ${c.d}] (scale ${c.scale}) = [${Array.from(c.x).map((v) => v.toPrecision(4))}], gamma [${Array.from(c.gamma)}], dy [${Array.from(c.dy).map((v) => v.toPrecision(4))}], eps ${c.eps ?? 'default'}`;
const showAttn = (c: AttentionCase) =>
  `Tq ${c.tq}, Tk ${c.tk}, d ${c.d}, dv ${c.dv}, causal ${c.causal ?? 'default'}: q [${Array.from(c.q).map((v) => v.toPrecision(4))}], k [${Array.from(c.k).map((v) => v.toPrecision(4))}]`;

/** Calls softmaxCrossEntropyBackward on a case (dloss passed only when the case sets it), disposing everything. */
function runCe(c: CrossEntropyCase, check: (out: tf.Tensor) => void): void {
  const logits = t2(c.logits, [c.n, c.c]);
  const labels = labelsOf(c.labels);
  const out =
    c.dloss === undefined
      ? softmaxCrossEntropyBackward(logits, labels)
      : softmaxCrossEntropyBackward(logits, labels, c.dloss);
  try {
    check(out);
  } finally {
    tf.dispose([logits, labels, out]);
  }
}

interface LnOut {
  dx: tf.Tensor;
  dgamma: tf.Tensor;
  dbeta: tf.Tensor;
}

function runLn(c: LayerNormCase, check: (out: LnOut) => void): void {
  const x = t2(c.x, [c.n, c.d]);
  const gamma = t1(c.gamma);
  const dy = t2(c.dy, [c.n, c.d]);
  const out = c.eps === undefined ? layerNormBackward(x, gamma, dy) : layerNormBackward(x, gamma, dy, c.eps);
  try {
    check(out);
  } finally {
    tf.dispose([x, gamma, dy, out.dx, out.dgamma, out.dbeta]);
  }
}

interface AttnOut {
  dq: tf.Tensor;
  dk: tf.Tensor;
  dv: tf.Tensor;
}

const shapeOf = (c: AttentionCase): AttentionShape => ({
  tq: c.tq,
  tk: c.tk,
  d: c.d,
  dv: c.dv,
  causal: c.causal ?? false,
});

function runAttn(c: AttentionCase, check: (out: AttnOut) => void): void {
  const q = t2(c.q, [c.tq, c.d]);
  const k = t2(c.k, [c.tk, c.d]);
  const v = t2(c.v, [c.tk, c.dv]);
  const dOut = t2(c.dOut, [c.tq, c.dv]);
  const out =
    c.causal === undefined ? attentionBackward(q, k, v, dOut) : attentionBackward(q, k, v, dOut, { causal: c.causal });
  try {
    check(out);
  } finally {
    tf.dispose([q, k, v, dOut, out.dq, out.dk, out.dv]);
  }
}

const attnCase = (
  dims: { tq: number; tk: number; d: number; dv: number },
  causal: boolean | undefined,
  values: { q: number[]; k: number[]; v: number[]; dOut: number[] },
): AttentionCase => ({
  ...dims,
  causal,
  q: Float64Array.from(values.q),
  k: Float64Array.from(values.k),
  v: Float64Array.from(values.v),
  dOut: Float64Array.from(values.dOut),
});

const seededAttn = (
  dims: { tq: number; tk: number; d: number; dv: number },
  causal: boolean | undefined,
  seed: number,
) =>
  attnCase(dims, causal, {
    q: [...randomValues(dims.tq * dims.d, seed, 2)],
    k: [...randomValues(dims.tk * dims.d, seed + 1, 2)],
    v: [...randomValues(dims.tk * dims.dv, seed + 2)],
    dOut: [...randomValues(dims.tq * dims.dv, seed + 3)],
  });

// ---------------------------------------------------------------------------------------------

describe('manual-backward: worked examples (derived by hand, checked against float64 finite differences)', () => {
  test('softmaxCrossEntropyBackward([[0, 0], [ln 3, 0]], labels [0, 1]) → [[-0.25, 0.25], [0.375, -0.375]]: (softmax − onehot)/N, the MEAN over N', () => {
    const logits = f64([2, 2], [0, 0, Math.fround(Math.log(3)), 0]);
    const expected = f64([2, 2], [-0.25, 0.25, 0.375, -0.375]);
    expectOracleMatches(crossEntropyGradFD(logits, [0, 1]), expected, 'finite differences');
    runCe({ n: 2, c: 2, logits: logits.data, scale: 1, labels: [0, 1], dloss: undefined }, (out) =>
      expectTensorClose(
        out,
        expected,
        PINNED_TOL,
        'dlogits for [[0, 0], [ln 3, 0]], labels [0, 1] (the sum over N gives [[-0.5, 0.5], [0.75, -0.75]])',
      ),
    );
  });

  test('dloss scales the gradient: dloss 2 on [[0, 0], [ln 3, 0]], labels [0, 1] → [[-0.5, 0.5], [0.75, -0.75]]; dloss -0.5 → [[0.125, -0.125], [-0.1875, 0.1875]]; dloss 0 is a value, not the default: all zeros', () => {
    const logits = f64([2, 2], [0, 0, Math.fround(Math.log(3)), 0]);
    for (const [dloss, values] of [
      [2, [-0.5, 0.5, 0.75, -0.75]],
      [-0.5, [0.125, -0.125, -0.1875, 0.1875]],
      [0, [0, 0, 0, 0]],
    ] as const) {
      const expected = f64([2, 2], values);
      expectOracleMatches(crossEntropyGradFD(logits, [0, 1], dloss), expected, `finite differences, dloss ${dloss}`);
      runCe({ n: 2, c: 2, logits: logits.data, scale: 1, labels: [0, 1], dloss }, (out) =>
        expectTensorClose(out, expected, PINNED_TOL, `dlogits with dloss ${dloss}`),
      );
    }
  });

  test('a saturated row stays finite: logits [[1000, 0, -1000]] with label 2 → [[1, 0, -1]], with label 0 → [[0, 0, 0]]', () => {
    for (const [label, values] of [
      [2, [1, 0, -1]],
      [0, [0, 0, 0]],
    ] as const) {
      runCe(
        { n: 1, c: 3, logits: Float64Array.from([1000, 0, -1000]), scale: 1000, labels: [label], dloss: undefined },
        (out) =>
          expectTensorClose(out, f64([1, 3], values), PINNED_TOL, `dlogits for [[1000, 0, -1000]], label ${label}`),
      );
    }
  });

  test('layerNormBackward(x [[1, 2, 3, 4]], gamma 1, dy [[1, 0, 0, 0]]) → dx [0.268330, -0.357768, -0.089443, 0.178882], dgamma [-1.341635, 0, 0, 0], dbeta [1, 0, 0, 0]', () => {
    const c: LayerNormCase = {
      n: 1,
      d: 4,
      x: Float64Array.from([1, 2, 3, 4]),
      scale: 4,
      gamma: Float64Array.from([1, 1, 1, 1]),
      dy: Float64Array.from([1, 0, 0, 0]),
      eps: undefined,
    };
    const dx = f64([1, 4], [0.2683303, -0.3577684, -0.08944343, 0.1788815]);
    const dgamma = f64([4], [-1.341635, 0, 0, 0]);
    const dbeta = f64([4], [1, 0, 0, 0]);
    const fd = layerNormGradsFD({ shape: [1, 4], data: c.x }, c.gamma, c.dy);
    expectOracleMatches(fd.dx, dx, 'finite differences dx');
    expectOracleMatches(fd.dgamma, dgamma, 'finite differences dgamma');
    runLn(c, (out) => {
      expectTensorClose(out.dx, dx, PINNED_TOL, 'dx (without the mean terms it would be [0.894424, 0, 0, 0])');
      expectTensorClose(out.dgamma, dgamma, PINNED_TOL, 'dgamma = Σ dy·x̂ (with x instead of x̂: [1, 0, 0, 0])');
      expectTensorClose(out.dbeta, dbeta, PINNED_TOL, 'dbeta = Σ dy');
    });
  });

  test('eps 1e-5 sits inside the sqrt, biased variance: x [[1e-3, -1e-3]], gamma 1, dy [[1, 0]] → dx [137.0506, -137.0506], dgamma [0.301511, 0], dbeta [1, 0]', () => {
    const c: LayerNormCase = {
      n: 1,
      d: 2,
      x: Float64Array.from([Math.fround(1e-3), Math.fround(-1e-3)]),
      scale: 1e-3,
      gamma: Float64Array.from([1, 1]),
      dy: Float64Array.from([1, 0]),
      eps: undefined,
    };
    const fd = layerNormGradsFD({ shape: [1, 2], data: c.x }, c.gamma, c.dy);
    const dx = f64([1, 2], [137.0506, -137.0506]);
    expect(Math.abs((fd.dx.data[0] as number) - 137.0506), `finite differences dx = ${fd.dx.data[0]}`).toBeLessThan(
      1e-3,
    );
    runLn(c, (out) => {
      expectTensorClose(
        out.dx,
        dx,
        { atol: 1e-3, rtol: 1e-5 },
        'dx (eps inside the sqrt; with eps = 0 a D = 2 row would give dx 0)',
      );
      expectTensorClose(out.dgamma, f64([2], [0.3015113, 0]), PINNED_TOL, 'dgamma (eps outside the sqrt: 0.990099)');
      expectTensorClose(out.dbeta, f64([2], [1, 0]), PINNED_TOL, 'dbeta');
    });
  });

  test('attentionBackward(q [[0, 1]], k [[1, 0], [-1, 0]], v [[1], [3]], dOut [[1]]) → dq [[-0.707107, 0]], dk [[0, -0.353553], [0, 0.353553]], dv [[0.5], [0.5]] (scale 1/sqrt(2))', () => {
    const c = attnCase({ tq: 1, tk: 2, d: 2, dv: 1 }, undefined, { q: [0, 1], k: [1, 0, -1, 0], v: [1, 3], dOut: [1] });
    const fd = attentionGradsFD(c.q, c.k, c.v, c.dOut, shapeOf(c));
    const dq = f64([1, 2], [-Math.SQRT1_2, 0]);
    const dk = f64([2, 2], [0, -Math.SQRT1_2 / 2, 0, Math.SQRT1_2 / 2]);
    const dv = f64([2, 1], [0.5, 0.5]);
    expectOracleMatches(fd.dq, dq, 'finite differences dq');
    expectOracleMatches(fd.dk, dk, 'finite differences dk');
    expectOracleMatches(fd.dv, dv, 'finite differences dv');
    runAttn(c, (out) => {
      expectTensorClose(out.dq, dq, PINNED_TOL, 'dq (without the scale: [[-1, 0]])');
      expectTensorClose(out.dk, dk, PINNED_TOL, 'dk (without the rowsum term: [[0, 0.353553], [0, 1.06066]])');
      expectTensorClose(out.dv, dv, PINNED_TOL, 'dv = Pᵀ dOut');
    });
  });

  test('causal with Tq = Tk = 2: query 0 sees key 0 only → dq [[0, 0], [-0.707107, 0]], dk [[0, -0.353553], [0, 0.353553]], dv [[1.5], [0.5]]', () => {
    const c = attnCase({ tq: 2, tk: 2, d: 2, dv: 1 }, true, {
      q: [0, 1, 0, 1],
      k: [1, 0, -1, 0],
      v: [1, 3],
      dOut: [1, 1],
    });
    const fd = attentionGradsFD(c.q, c.k, c.v, c.dOut, shapeOf(c));
    const dq = f64([2, 2], [0, 0, -Math.SQRT1_2, 0]);
    const dk = f64([2, 2], [0, -Math.SQRT1_2 / 2, 0, Math.SQRT1_2 / 2]);
    const dv = f64([2, 1], [1.5, 0.5]);
    expectOracleMatches(fd.dq, dq, 'finite differences dq');
    expectOracleMatches(fd.dv, dv, 'finite differences dv');
    runAttn(c, (out) => {
      expectTensorClose(out.dq, dq, PINNED_TOL, 'dq (without the mask: [[-0.707107, 0], [-0.707107, 0]])');
      expectTensorClose(out.dk, dk, PINNED_TOL, 'dk');
      expectTensorClose(out.dv, dv, PINNED_TOL, 'dv (without the mask: [[1], [1]])');
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('manual-backward: shapes, options and edge cases', () => {
  test('the causal mask is aligned bottom-right: Tq = 2 < Tk = 4, query i sees keys j <= i + 2 (seeded q, k, v, dOut)', () => {
    const c = seededAttn({ tq: 2, tk: 4, d: 3, dv: 2 }, true, 11);
    const want = attentionGrads(c.q, c.k, c.v, c.dOut, shapeOf(c));
    runAttn(c, (out) => {
      expectTensorClose(out.dq, want.dq, TOL, `dq (${showAttn(c)})`);
      expectTensorClose(out.dk, want.dk, TOL, `dk (${showAttn(c)}); a top-left mask zeroes keys 2 and 3 for query 0`);
      expectTensorClose(out.dv, want.dv, TOL, `dv (${showAttn(c)})`);
    });
  });

  test('causal defaults to false: options omitted or {} on Tq = Tk = 3 gives the unmasked gradients', () => {
    const c = seededAttn({ tq: 3, tk: 3, d: 2, dv: 2 }, undefined, 5);
    const want = attentionGrads(c.q, c.k, c.v, c.dOut, shapeOf(c));
    runAttn(c, (out) => {
      expectTensorClose(out.dq, want.dq, TOL, 'dq, options omitted');
      expectTensorClose(out.dk, want.dk, TOL, 'dk, options omitted');
      expectTensorClose(out.dv, want.dv, TOL, 'dv, options omitted');
    });
    const [q, k, v, dOut] = [t2(c.q, [3, 2]), t2(c.k, [3, 2]), t2(c.v, [3, 2]), t2(c.dOut, [3, 2])];
    const out = attentionBackward(q, k, v, dOut, {});
    expectTensorClose(out.dq, want.dq, TOL, 'dq, options {}');
    expectTensorClose(out.dv, want.dv, TOL, 'dv, options {}');
    tf.dispose([q, k, v, dOut, out.dq, out.dk, out.dv]);
  });

  test('non-causal cross-attention with Tq > Tk is allowed: Tq = 4, Tk = 2, d = 3, dv = 2', () => {
    const c = seededAttn({ tq: 4, tk: 2, d: 3, dv: 2 }, false, 21);
    const want = attentionGrads(c.q, c.k, c.v, c.dOut, shapeOf(c));
    runAttn(c, (out) => {
      expectTensorClose(out.dq, want.dq, TOL, `dq (${showAttn(c)})`);
      expectTensorClose(out.dk, want.dk, TOL, `dk (${showAttn(c)})`);
      expectTensorClose(out.dv, want.dv, TOL, `dv (${showAttn(c)})`);
    });
  });

  test('gamma multiplies dy before the mean terms of dx: x [3, 5], gamma [2, -1, 0.5, 1.5, -0.25], eps 1e-3', () => {
    const c: LayerNormCase = {
      n: 3,
      d: 5,
      x: randomValues(15, 7, 2),
      scale: 2,
      gamma: Float64Array.from([2, -1, 0.5, 1.5, -0.25]),
      dy: randomValues(15, 8),
      eps: 1e-3,
    };
    const want = layerNormGrads({ shape: [3, 5], data: c.x }, c.gamma, c.dy, 1e-3);
    runLn(c, (out) => {
      expectTensorClose(out.dx, want.dx, TOL, `dx (${showLn(c)})`);
      expectTensorClose(out.dgamma, want.dgamma, TOL, `dgamma (${showLn(c)})`);
      expectTensorClose(out.dbeta, want.dbeta, TOL, `dbeta (${showLn(c)})`);
    });
  });

  test('D = 1 and C = 1 edge cases: a LayerNorm row of one feature has dx 0 and dgamma 0; one class has dlogits 0', () => {
    runLn(
      {
        n: 3,
        d: 1,
        x: Float64Array.from([1, -2, 3]),
        scale: 3,
        gamma: Float64Array.from([2]),
        dy: Float64Array.from([0.5, 1, -1]),
        eps: undefined,
      },
      (out) => {
        expectTensorClose(out.dx, f64([3, 1], [0, 0, 0]), PINNED_TOL, 'dx for D = 1');
        expectTensorClose(out.dgamma, f64([1], [0]), PINNED_TOL, 'dgamma for D = 1');
        expectTensorClose(out.dbeta, f64([1], [0.5]), PINNED_TOL, 'dbeta for D = 1');
      },
    );
    runCe({ n: 2, c: 1, logits: Float64Array.from([3, -1]), scale: 3, labels: [0, 0], dloss: undefined }, (out) =>
      expectTensorClose(out, f64([2, 1], [0, 0]), PINNED_TOL, 'dlogits for C = 1'),
    );
  });

  test('results are NEW float32 tensors of the input shapes, and the inputs are neither disposed nor changed', () => {
    const logits = t2([1, 2, 3, 4, 5, 6], [2, 3]);
    const labels = labelsOf([2, 0]);
    const ce = softmaxCrossEntropyBackward(logits, labels);
    expect(ce.shape, 'dlogits shape').toEqual([2, 3]);
    expect(ce.dtype, 'dlogits dtype').toBe('float32');
    expect(ce === logits, 'dlogits must be a new tensor').toBe(false);
    expect([logits.isDisposed, labels.isDisposed], 'logits and labels must not be disposed').toEqual([false, false]);
    expect(Array.from(logits.dataSync()), 'logits unchanged').toEqual([1, 2, 3, 4, 5, 6]);

    const x = t2([1, 2, 3, 4, 5, 7], [2, 3]);
    const gamma = t1([1, 2, 3]);
    const dy = t2([1, 0, 0, 0, 1, 0], [2, 3]);
    const ln = layerNormBackward(x, gamma, dy);
    expect([ln.dx.shape, ln.dgamma.shape, ln.dbeta.shape], 'dx, dgamma, dbeta shapes').toEqual([[2, 3], [3], [3]]);
    expect([ln.dx.dtype, ln.dgamma.dtype, ln.dbeta.dtype], 'dtypes').toEqual(['float32', 'float32', 'float32']);
    expect([ln.dx === dy, ln.dx === x], 'dx must be a new tensor').toEqual([false, false]);
    expect([x.isDisposed, gamma.isDisposed, dy.isDisposed], 'x, gamma, dy must not be disposed').toEqual([
      false,
      false,
      false,
    ]);
    expect(Array.from(dy.dataSync()), 'dy unchanged').toEqual([1, 0, 0, 0, 1, 0]);

    const q = t2([1, 0, 0, 1], [2, 2]);
    const k = t2([1, 1, 0, 1, 1, 0], [3, 2]);
    const v = t2([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]);
    const dOut = t2([1, 0, 0, 0, 1, 0], [2, 3]);
    const at = attentionBackward(q, k, v, dOut, { causal: true });
    expect([at.dq.shape, at.dk.shape, at.dv.shape], 'dq, dk, dv shapes').toEqual([
      [2, 2],
      [3, 2],
      [3, 3],
    ]);
    expect([at.dq.dtype, at.dk.dtype, at.dv.dtype], 'dtypes').toEqual(['float32', 'float32', 'float32']);
    expect(
      [q, k, v, dOut].map((t) => t.isDisposed),
      'q, k, v, dOut must not be disposed',
    ).toEqual([false, false, false, false]);
    expect(Array.from(dOut.dataSync()), 'dOut unchanged').toEqual([1, 0, 0, 0, 1, 0]);
    tf.dispose([logits, labels, ce, x, gamma, dy, ln.dx, ln.dgamma, ln.dbeta, q, k, v, dOut, at.dq, at.dk, at.dv]);
  });

  test('no leaked tensors: each function returns only its result(s)', () => {
    const logits = t2(randomValues(12, 1, 3), [3, 4]);
    const labels = labelsOf([0, 3, 1]);
    tf.dispose(expectNoLeaks(() => softmaxCrossEntropyBackward(logits, labels, 2), 'softmaxCrossEntropyBackward'));
    const x = t2(randomValues(12, 2), [3, 4]);
    const gamma = t1([1, 2, -1, 0.5]);
    const dy = t2(randomValues(12, 3), [3, 4]);
    const ln = expectNoLeaks(() => layerNormBackward(x, gamma, dy), 'layerNormBackward');
    tf.dispose([ln.dx, ln.dgamma, ln.dbeta]);
    const [q, k, v, dOut] = [
      t2(randomValues(6, 4), [2, 3]),
      t2(randomValues(9, 5), [3, 3]),
      t2(randomValues(6, 6), [3, 2]),
      t2(randomValues(4, 7), [2, 2]),
    ];
    const at = expectNoLeaks(() => attentionBackward(q, k, v, dOut, { causal: true }), 'attentionBackward (causal)');
    tf.dispose([at.dq, at.dk, at.dv, logits, labels, x, gamma, dy, q, k, v, dOut]);
  });

  test('no autograd: tf.grad, tf.grads, tf.valueAndGrad(s), tf.variableGrads and tf.customGrad are never called (watched on tf.engine())', () => {
    const logits = t2(randomValues(12, 1, 3), [3, 4]);
    const labels = labelsOf([0, 3, 1]);
    const x = t2(randomValues(12, 2), [3, 4]);
    const gamma = t1([1, 2, -1, 0.5]);
    const dy = t2(randomValues(12, 3), [3, 4]);
    const [q, k, v, dOut] = [
      t2(randomValues(6, 4), [2, 3]),
      t2(randomValues(9, 5), [3, 3]),
      t2(randomValues(6, 6), [3, 2]),
      t2(randomValues(4, 7), [2, 2]),
    ];
    const calls: Record<string, () => tf.TensorContainer> = {
      softmaxCrossEntropyBackward: () => softmaxCrossEntropyBackward(logits, labels),
      layerNormBackward: () => layerNormBackward(x, gamma, dy),
      attentionBackward: () => attentionBackward(q, k, v, dOut, { causal: true }),
      'attentionBackward (non-causal)': () => attentionBackward(q, k, v, dOut),
    };
    try {
      for (const [name, call] of Object.entries(calls)) {
        const { result, used } = watchAutograd(call);
        tf.dispose(result);
        expect(used, `${name} used autograd (${used.join(', ')}): write the backward pass by hand`).toEqual([]);
      }
    } finally {
      tf.dispose([logits, labels, x, gamma, dy, q, k, v, dOut]);
    }
  });
});

// ---------------------------------------------------------------------------------------------

/** Expects `call` to throw `type` (the message is not checked: the contract names the type only). */
function expectThrows(call: () => unknown, type: typeof RangeError | typeof TypeError, what: string): void {
  let thrown: unknown;
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    thrown = error;
  }
  if (result !== undefined) tf.dispose(result as tf.TensorContainer);
  expect(thrown, `${what} must throw ${type.name}`).toBeInstanceOf(type);
}

describe('manual-backward: bad input', () => {
  test('softmaxCrossEntropyBackward throws RangeError: logits of rank 1 or 3, N = 0 or C = 0, labels not of shape [N], a label -1 or C, dloss NaN or Infinity', () => {
    const logits = t2([1, 2, 3, 4, 5, 6], [2, 3]);
    const labels = labelsOf([0, 2]);
    const cases: [string, () => unknown][] = [
      [
        'logits [3], labels [3]',
        () => softmaxCrossEntropyBackward(t1([1, 2, 3]) as unknown as tf.Tensor2D, labelsOf([0, 0, 0])),
      ],
      ['logits rank 3', () => softmaxCrossEntropyBackward(tf.zeros([1, 2, 3]) as unknown as tf.Tensor2D, labels)],
      ['logits [0, 3]', () => softmaxCrossEntropyBackward(tf.zeros([0, 3]) as tf.Tensor2D, tf.tensor1d([], 'int32'))],
      ['logits [2, 0]', () => softmaxCrossEntropyBackward(tf.zeros([2, 0]) as tf.Tensor2D, labels)],
      ['labels [3]', () => softmaxCrossEntropyBackward(logits, labelsOf([0, 1, 2]))],
      [
        'labels [2, 1]',
        () => softmaxCrossEntropyBackward(logits, tf.tensor2d([[0], [1]], [2, 1], 'int32') as unknown as tf.Tensor1D),
      ],
      ['label -1', () => softmaxCrossEntropyBackward(logits, labelsOf([0, -1]))],
      ['label 3 = C', () => softmaxCrossEntropyBackward(logits, labelsOf([3, 0]))],
      ['dloss NaN', () => softmaxCrossEntropyBackward(logits, labels, Number.NaN)],
      ['dloss Infinity', () => softmaxCrossEntropyBackward(logits, labels, Number.POSITIVE_INFINITY)],
    ];
    for (const [what, call] of cases) tf.tidy(() => expectThrows(call, RangeError, what));
    tf.dispose([logits, labels]);
  });

  test('softmaxCrossEntropyBackward throws TypeError: logits or labels not a tf.Tensor, float32 labels, dloss a string', () => {
    const logits = t2([1, 2, 3, 4, 5, 6], [2, 3]);
    const labels = labelsOf([0, 2]);
    const cases: [string, () => unknown][] = [
      ['logits a plain array', () => softmaxCrossEntropyBackward([[1, 2, 3]] as unknown as tf.Tensor2D, labelsOf([0]))],
      ['labels a plain array', () => softmaxCrossEntropyBackward(logits, [0, 2] as unknown as tf.Tensor1D)],
      ['labels missing', () => softmaxCrossEntropyBackward(logits, undefined as unknown as tf.Tensor1D)],
      ['labels float32 [0, 2]', () => softmaxCrossEntropyBackward(logits, tf.tensor1d([0, 2], 'float32'))],
      ['dloss "1"', () => softmaxCrossEntropyBackward(logits, labels, '1' as unknown as number)],
    ];
    for (const [what, call] of cases) tf.tidy(() => expectThrows(call, TypeError, what));
    tf.dispose([logits, labels]);
  });

  test('layerNormBackward throws RangeError: x of rank 1 or 3, an empty x ([0, 3] or [2, 0]), gamma not of shape [D], dy not of the shape of x, eps 0, -1e-5, NaN or Infinity (1e-12 is allowed)', () => {
    const x = t2([1, 2, 3, 4, 5, 7], [2, 3]);
    const gamma = t1([1, 1, 1]);
    const dy = t2([1, 0, 0, 0, 1, 0], [2, 3]);
    const cases: [string, () => unknown][] = [
      [
        'x rank 1',
        () =>
          layerNormBackward(t1([1, 2, 3]) as unknown as tf.Tensor2D, gamma, t1([1, 2, 3]) as unknown as tf.Tensor2D),
      ],
      [
        'x [1, 2, 3], gamma [2], dy [1, 2]',
        () =>
          layerNormBackward(tf.zeros([1, 2, 3]) as unknown as tf.Tensor2D, t1([1, 1]), tf.zeros([1, 2]) as tf.Tensor2D),
      ],
      [
        'x rank 3',
        () =>
          layerNormBackward(
            tf.zeros([1, 2, 3]) as unknown as tf.Tensor2D,
            gamma,
            tf.zeros([1, 2, 3]) as unknown as tf.Tensor2D,
          ),
      ],
      ['x [0, 3]', () => layerNormBackward(tf.zeros([0, 3]) as tf.Tensor2D, gamma, tf.zeros([0, 3]) as tf.Tensor2D)],
      ['x [2, 0]', () => layerNormBackward(tf.zeros([2, 0]) as tf.Tensor2D, t1([]), tf.zeros([2, 0]) as tf.Tensor2D)],
      ['gamma [2]', () => layerNormBackward(x, t1([1, 1]), dy)],
      ['gamma [4]', () => layerNormBackward(x, t1([1, 1, 1, 1]), dy)],
      ['gamma [3, 1]', () => layerNormBackward(x, tf.ones([3, 1]) as unknown as tf.Tensor1D, dy)],
      ['dy [3, 2]', () => layerNormBackward(x, gamma, tf.zeros([3, 2]) as tf.Tensor2D)],
      ['dy [2, 4]', () => layerNormBackward(x, gamma, tf.zeros([2, 4]) as tf.Tensor2D)],
      ['dy [3, 3]', () => layerNormBackward(x, gamma, tf.zeros([3, 3]) as tf.Tensor2D)],
      ['dy [2, 3, 1]', () => layerNormBackward(x, gamma, tf.zeros([2, 3, 1]) as unknown as tf.Tensor2D)],
      ['eps 0', () => layerNormBackward(x, gamma, dy, 0)],
      ['eps -1e-5', () => layerNormBackward(x, gamma, dy, -1e-5)],
      ['eps NaN', () => layerNormBackward(x, gamma, dy, Number.NaN)],
      ['eps Infinity', () => layerNormBackward(x, gamma, dy, Number.POSITIVE_INFINITY)],
    ];
    for (const [what, call] of cases) tf.tidy(() => expectThrows(call, RangeError, what));
    const ok = layerNormBackward(x, gamma, dy, 1e-12);
    expect(Number.isFinite(ok.dgamma.dataSync()[0]), 'eps 1e-12 is allowed').toBe(true);
    tf.dispose([x, gamma, dy, ok.dx, ok.dgamma, ok.dbeta]);
  });

  test('layerNormBackward throws TypeError: x, gamma or dy not a tf.Tensor, eps a string', () => {
    const x = t2([1, 2, 3, 4, 5, 7], [2, 3]);
    const gamma = t1([1, 1, 1]);
    const dy = t2([1, 0, 0, 0, 1, 0], [2, 3]);
    const cases: [string, () => unknown][] = [
      ['x a plain array', () => layerNormBackward([[1, 2, 3]] as unknown as tf.Tensor2D, gamma, dy)],
      ['gamma a plain array', () => layerNormBackward(x, [1, 1, 1] as unknown as tf.Tensor1D, dy)],
      ['dy missing', () => layerNormBackward(x, gamma, undefined as unknown as tf.Tensor2D)],
      ['eps "1e-5"', () => layerNormBackward(x, gamma, dy, '1e-5' as unknown as number)],
    ];
    for (const [what, call] of cases) tf.tidy(() => expectThrows(call, TypeError, what));
    tf.dispose([x, gamma, dy]);
  });

  test('attentionBackward throws RangeError: a rank other than 2, an empty tensor, k of another width than q, v of another length than k, dOut not [Tq, dv], causal with Tq > Tk', () => {
    const q = t2(randomValues(6, 1), [2, 3]);
    const k = t2(randomValues(12, 2), [4, 3]);
    const v = t2(randomValues(8, 3), [4, 2]);
    const dOut = t2(randomValues(4, 4), [2, 2]);
    const cases: [string, () => unknown][] = [
      ['q rank 1', () => attentionBackward(t1([1, 2, 3]) as unknown as tf.Tensor2D, k, v, dOut)],
      ['k rank 3', () => attentionBackward(q, tf.zeros([1, 4, 3]) as unknown as tf.Tensor2D, v, dOut)],
      ['q [0, 3]', () => attentionBackward(tf.zeros([0, 3]) as tf.Tensor2D, k, v, tf.zeros([0, 2]) as tf.Tensor2D)],
      ['v [4, 2, 1]', () => attentionBackward(q, k, tf.zeros([4, 2, 1]) as unknown as tf.Tensor2D, dOut)],
      ['k [4, 2] (d 3 in q)', () => attentionBackward(q, tf.zeros([4, 2]) as tf.Tensor2D, v, dOut)],
      ['v [3, 2] (Tk 4)', () => attentionBackward(q, k, tf.zeros([3, 2]) as tf.Tensor2D, dOut)],
      ['dOut [2, 3] (dv 2)', () => attentionBackward(q, k, v, tf.zeros([2, 3]) as tf.Tensor2D)],
      ['dOut [3, 2] (Tq 2)', () => attentionBackward(q, k, v, tf.zeros([3, 2]) as tf.Tensor2D)],
      [
        'causal, Tq 5 > Tk 4',
        () =>
          attentionBackward(tf.zeros([5, 3]) as tf.Tensor2D, k, v, tf.zeros([5, 2]) as tf.Tensor2D, { causal: true }),
      ],
    ];
    for (const [what, call] of cases) tf.tidy(() => expectThrows(call, RangeError, what));
    tf.dispose([q, k, v, dOut]);
  });

  test('attentionBackward throws TypeError: q, k, v or dOut not a tf.Tensor, options.causal not a boolean', () => {
    const q = t2(randomValues(6, 1), [2, 3]);
    const k = t2(randomValues(12, 2), [4, 3]);
    const v = t2(randomValues(8, 3), [4, 2]);
    const dOut = t2(randomValues(4, 4), [2, 2]);
    const cases: [string, () => unknown][] = [
      ['q a plain array', () => attentionBackward([[1, 2, 3]] as unknown as tf.Tensor2D, k, v, dOut)],
      ['k missing', () => attentionBackward(q, undefined as unknown as tf.Tensor2D, v, dOut)],
      ['v a plain array', () => attentionBackward(q, k, [[1, 2]] as unknown as tf.Tensor2D, dOut)],
      ['dOut a plain array', () => attentionBackward(q, k, v, [[1, 2]] as unknown as tf.Tensor2D)],
      ["causal 'yes'", () => attentionBackward(q, k, v, dOut, { causal: 'yes' as unknown as boolean })],
      ['causal 1', () => attentionBackward(q, k, v, dOut, { causal: 1 as unknown as boolean })],
    ];
    for (const [what, call] of cases) tf.tidy(() => expectThrows(call, TypeError, what));
    tf.dispose([q, k, v, dOut]);
  });
});

// ---------------------------------------------------------------------------------------------

/** The prompt's budget: at most 100 steps of JavaScript work per call, whatever the sizes. */
const BUDGET = { steps: 100, rule: '100 steps per call, whatever the sizes' };

function withinBudget<T>(call: () => T): T {
  return expectWithinBudget(call, BUDGET, { builtins: false });
}

describe('manual-backward: scale (at most 100 steps of JavaScript work per call, whatever the sizes)', () => {
  test('CE on logits [128, 256], LayerNorm on x [128, 256], causal attention on Tq = 64, Tk = 96, d = 32, dv = 16: each matches the oracle within 100 steps and leaks nothing', () => {
    const [n, c] = [128, 256];
    const logitsData = randomValues(n * c, 1, 4);
    const labels = Array.from({ length: n }, (_, i) => (i * 37) % c);
    const logits = t2(logitsData, [n, c]);
    const labelTensor = labelsOf(labels);
    const ce = expectNoLeaks(
      () => withinBudget(() => counted.softmaxCrossEntropyBackward(logits, labelTensor)),
      'CE [128, 256]',
    );
    expectTensorClose(ce, crossEntropyGrad(f64([n, c], logitsData), labels), TOL, 'dlogits [128, 256]');
    tf.dispose([logits, labelTensor, ce]);

    const xData = randomValues(n * c, 2, 3);
    const dyData = randomValues(n * c, 3);
    const gammaData = randomValues(c, 4, 2);
    const [x, gamma, dy] = [t2(xData, [n, c]), t1(gammaData), t2(dyData, [n, c])];
    const ln = expectNoLeaks(() => withinBudget(() => counted.layerNormBackward(x, gamma, dy)), 'LayerNorm [128, 256]');
    const want = layerNormGrads(f64([n, c], xData), gammaData, dyData);
    expectTensorClose(ln.dx, want.dx, TOL, 'dx [128, 256]');
    expectTensorClose(ln.dgamma, want.dgamma, { atol: 1e-3, rtol: 1e-4 }, 'dgamma [256] (a sum of 128 rows)');
    expectTensorClose(ln.dbeta, want.dbeta, { atol: 1e-3, rtol: 1e-4 }, 'dbeta [256] (a sum of 128 rows)');
    tf.dispose([x, gamma, dy, ln.dx, ln.dgamma, ln.dbeta]);

    const big = seededAttn({ tq: 64, tk: 96, d: 32, dv: 16 }, true, 9);
    const [q, k, v, dOut] = [t2(big.q, [64, 32]), t2(big.k, [96, 32]), t2(big.v, [96, 16]), t2(big.dOut, [64, 16])];
    const at = expectNoLeaks(
      () => withinBudget(() => counted.attentionBackward(q, k, v, dOut, { causal: true })),
      'attention Tq = 64, Tk = 96',
    );
    const wantAt = attentionGrads(big.q, big.k, big.v, big.dOut, shapeOf(big));
    expectTensorClose(at.dq, wantAt.dq, TOL, 'dq [64, 32]');
    expectTensorClose(at.dk, wantAt.dk, TOL, 'dk [96, 32]');
    expectTensorClose(at.dv, wantAt.dv, TOL, 'dv [96, 16]');
    tf.dispose([q, k, v, dOut, at.dq, at.dk, at.dv]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('manual-backward: properties (float64 finite differences, closed forms and invariants)', () => {
  test.prop([crossEntropyCase], { numRuns: 30 })(
    'softmaxCrossEntropyBackward matches float64 finite differences of dloss · mean cross-entropy',
    (c) => {
      const logits = f64([c.n, c.c], c.logits);
      const fd = crossEntropyGradFD(logits, c.labels, c.dloss);
      const closed = crossEntropyGrad(logits, c.labels, c.dloss);
      runCe(c, (out) => {
        expectTensorClose(out, fd, TOL, `dlogits vs finite differences (${showCe(c)})`);
        expectTensorClose(out, closed, TOL, `dlogits vs the closed form (${showCe(c)})`);
      });
    },
  );

  test.prop([crossEntropyCase], { numRuns: 30 })(
    'every row of dlogits sums to 0 (softmax sums to 1, the one-hot row too)',
    (c) => {
      runCe(c, (out) => {
        const data = out.dataSync();
        for (let row = 0; row < c.n; row++) {
          let sum = 0;
          for (let j = 0; j < c.c; j++) sum += data[row * c.c + j] as number;
          expect(Math.abs(sum), `row ${row} sums to ${sum} (${showCe(c)})`).toBeLessThan(1e-5);
        }
      });
    },
  );

  test.prop([layerNormCase], { numRuns: 30 })(
    'layerNormBackward matches float64 finite differences (dx, dgamma, dbeta) of Σ dy ∘ layerNorm(x)',
    (c) => {
      const x = f64([c.n, c.d], c.x);
      const fd = layerNormGradsFD(x, c.gamma, c.dy, c.eps);
      const closed = layerNormGrads(x, c.gamma, c.dy, c.eps);
      runLn(c, (out) => {
        expectTensorClose(out.dx, fd.dx, TOL, `dx vs finite differences (${showLn(c)})`);
        expectTensorClose(out.dx, closed.dx, TOL, `dx vs the closed form (${showLn(c)})`);
        expectTensorClose(out.dgamma, fd.dgamma, TOL, `dgamma vs finite differences (${showLn(c)})`);
        expectTensorClose(out.dbeta, fd.dbeta, TOL, `dbeta vs finite differences (${showLn(c)})`);
      });
    },
  );

  test.prop([layerNormCase], { numRuns: 30 })(
    'LayerNorm: dbeta is the column sum of dy, and every row of dx sums to 0 (any gamma: the x̂ row sums to 0)',
    (c) => {
      runLn(c, (out) => {
        const dx = out.dx.dataSync();
        const dbeta = out.dbeta.dataSync();
        for (let j = 0; j < c.d; j++) {
          let col = 0;
          for (let row = 0; row < c.n; row++) col += c.dy[row * c.d + j] as number;
          expect(
            Math.abs((dbeta[j] as number) - col),
            `dbeta[${j}] = ${dbeta[j]}, column sum ${col} (${showLn(c)})`,
          ).toBeLessThan(1e-5);
        }
        for (let row = 0; row < c.n; row++) {
          // The terms that cancel are of size Σ|dy·γ|·rstd (rstd about 150 for x of scale 0.01): float32 round-off scales with them.
          let mean = 0;
          for (let j = 0; j < c.d; j++) mean += (c.x[row * c.d + j] as number) / c.d;
          let variance = 0;
          for (let j = 0; j < c.d; j++) variance += ((c.x[row * c.d + j] as number) - mean) ** 2 / c.d;
          let sum = 0;
          let terms = 0;
          for (let j = 0; j < c.d; j++) {
            sum += dx[row * c.d + j] as number;
            terms +=
              Math.abs((c.dy[row * c.d + j] as number) * (c.gamma[j] as number)) /
              Math.sqrt(variance + (c.eps ?? 1e-5));
          }
          expect(Math.abs(sum), `dx row ${row} sums to ${sum} (${showLn(c)})`).toBeLessThan(1e-4 + 1e-5 * terms);
        }
      });
    },
  );

  test.prop([attentionCase], { numRuns: 30 })(
    'attentionBackward matches float64 finite differences (dq, dk, dv) of Σ dOut ∘ attention(q, k, v)',
    (c) => {
      const fd = attentionGradsFD(c.q, c.k, c.v, c.dOut, shapeOf(c));
      runAttn(c, (out) => {
        expectTensorClose(out.dq, fd.dq, TOL, `dq vs finite differences (${showAttn(c)})`);
        expectTensorClose(out.dk, fd.dk, TOL, `dk vs finite differences (${showAttn(c)})`);
        expectTensorClose(out.dv, fd.dv, TOL, `dv vs finite differences (${showAttn(c)})`);
      });
    },
  );

  test.prop([attentionCase], { numRuns: 30 })(
    'attention: dv = Pᵀ dOut, and the rows of dk sum to the zero vector (adding one vector to every key changes nothing)',
    (c) => {
      const closed = attentionGrads(c.q, c.k, c.v, c.dOut, shapeOf(c));
      runAttn(c, (out) => {
        expectTensorClose(out.dv, closed.dv, TOL, `dv vs Pᵀ dOut (${showAttn(c)})`);
        const dk = out.dk.dataSync();
        for (let col = 0; col < c.d; col++) {
          let sum = 0;
          for (let j = 0; j < c.tk; j++) sum += dk[j * c.d + col] as number;
          expect(Math.abs(sum), `Σ_j dk[j, ${col}] = ${sum} (${showAttn(c)})`).toBeLessThan(1e-4);
        }
      });
    },
  );

  test.prop([backwardCall], { numRuns: 40 })(
    'small calls of all three match the closed forms; a bad input (a label out of range, NaN dloss, a wrong gamma or k width, eps 0, causal with Tq > Tk) throws RangeError, float32 labels TypeError',
    (call) => {
      expectCallMatches(call);
    },
  );
});

function expectCallMatches(call: BackwardCall): void {
  if (call.fn === 'softmaxCrossEntropyBackward') {
    const c = call.case;
    if (call.bad === 'none') {
      runCe(c, (out) =>
        expectTensorClose(out, crossEntropyGrad(f64([c.n, c.c], c.logits), c.labels, c.dloss), TOL, showCe(c)),
      );
      return;
    }
    tf.tidy(() => {
      const logits = t2(c.logits, [c.n, c.c]);
      if (call.bad === 'floatLabels') {
        expectThrows(
          () => softmaxCrossEntropyBackward(logits, tf.tensor1d(c.labels, 'float32')),
          TypeError,
          'float32 labels',
        );
      } else if (call.bad === 'labelOutOfRange') {
        const labels = [...c.labels];
        labels[0] = c.c;
        expectThrows(
          () => softmaxCrossEntropyBackward(logits, labelsOf(labels)),
          RangeError,
          `label ${c.c} with C = ${c.c}`,
        );
      } else {
        expectThrows(
          () => softmaxCrossEntropyBackward(logits, labelsOf(c.labels), Number.NaN),
          RangeError,
          'dloss NaN',
        );
      }
    });
    return;
  }
  if (call.fn === 'layerNormBackward') {
    const c = call.case;
    if (call.bad === 'none') {
      const want = layerNormGrads(f64([c.n, c.d], c.x), c.gamma, c.dy, c.eps);
      runLn(c, (out) => {
        expectTensorClose(out.dx, want.dx, TOL, `dx (${showLn(c)})`);
        expectTensorClose(out.dgamma, want.dgamma, TOL, `dgamma (${showLn(c)})`);
        expectTensorClose(out.dbeta, want.dbeta, TOL, `dbeta (${showLn(c)})`);
      });
      return;
    }
    tf.tidy(() => {
      const [x, dy] = [t2(c.x, [c.n, c.d]), t2(c.dy, [c.n, c.d])];
      if (call.bad === 'gammaLength') {
        expectThrows(() => layerNormBackward(x, t1([...c.gamma, 1]), dy), RangeError, `gamma of length ${c.d + 1}`);
      } else {
        expectThrows(() => layerNormBackward(x, t1(c.gamma), dy, 0), RangeError, 'eps 0');
      }
    });
    return;
  }
  const c = call.case;
  if (call.bad === 'none') {
    const want = attentionGrads(c.q, c.k, c.v, c.dOut, shapeOf(c));
    runAttn(c, (out) => {
      expectTensorClose(out.dq, want.dq, TOL, `dq (${showAttn(c)})`);
      expectTensorClose(out.dk, want.dk, TOL, `dk (${showAttn(c)})`);
      expectTensorClose(out.dv, want.dv, TOL, `dv (${showAttn(c)})`);
    });
    return;
  }
  tf.tidy(() => {
    const [k, v] = [t2(c.k, [c.tk, c.d]), t2(c.v, [c.tk, c.dv])];
    if (call.bad === 'kWidth') {
      const q = t2(randomValues(c.tq * (c.d + 1), 1), [c.tq, c.d + 1]);
      expectThrows(
        () => attentionBackward(q, k, v, t2(c.dOut, [c.tq, c.dv])),
        RangeError,
        `q width ${c.d + 1}, k width ${c.d}`,
      );
    } else {
      const tq = c.tk + 1;
      const q = t2(randomValues(tq * c.d, 1), [tq, c.d]);
      expectThrows(
        () => attentionBackward(q, k, v, t2(randomValues(tq * c.dv, 2), [tq, c.dv]), { causal: true }),
        RangeError,
        `causal with Tq ${tq} > Tk ${c.tk}`,
      );
    }
  });
}
