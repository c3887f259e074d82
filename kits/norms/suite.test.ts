import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/norms';
import { batchNormTrain, layerNorm, rmsNorm } from '@impl/norms';
import {
  type BatchNormCase,
  type NormsCall,
  type NormsCase,
  batchNormCase as bnCaseArb,
  batchNormOptionsOf,
  normsCall,
  normsCase as caseArb,
  normsShape as shapeArb,
} from './inputs.ts';
import { batchNormTrainOracle, layerNormOracle, rmsNormOracle, rowMoments } from './oracle.ts';
import { specData, tensorOf } from '../../src/harness/compare-tensors.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import {
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  sizeOf,
  useTensorBackend,
  type Closeness,
  type F64Array,
} from '../../src/harness/tf.ts';

useTensorBackend();

const TOL: Closeness = { atol: 1e-4, rtol: 1e-4 };
/** The spec's vectors are printed to 6 decimals. */
const PINNED_TOL: Closeness = { atol: 2e-6, rtol: 1e-5 };

const f64 = (shape: readonly number[], values: readonly number[]): F64Array => ({
  shape,
  data: Float64Array.from(values),
});

/** Float64 vs float64 within 5e-7 (6-dp literals): guards the oracle itself. */
function expectOracleMatches(actual: F64Array, expected: F64Array, what: string): void {
  expect(actual.shape, `${what}: oracle shape`).toEqual([...expected.shape]);
  expected.data.forEach((want, i) => {
    expect(Math.abs((actual.data[i] as number) - want), `${what}: oracle[${i}] = ${actual.data[i]}`).toBeLessThan(5e-7);
  });
}

function caseTensors(c: NormsCase): { x: tf.Tensor; xf: F64Array; gamma: tf.Tensor1D; beta: tf.Tensor1D } {
  const data = randomValues(sizeOf(c.shape), c.seed, c.scale);
  return {
    x: tf.tensor(Float32Array.from(data), [...c.shape], 'float32'),
    xf: { shape: c.shape, data },
    gamma: tf.tensor1d(c.gamma),
    beta: tf.tensor1d(c.beta),
  };
}

const showCase = (c: NormsCase): string =>
  `x [${c.shape.join(', ')}] (seed ${c.seed}, scale ${c.scale}), gamma [${c.gamma.join(', ')}], beta [${c.beta.join(', ')}], eps ${c.eps ?? 'default'}`;

/** Runs f on a float32 tensor of `values` and reads back the result (everything disposed). */
function valuesOf(
  values: ArrayLike<number>,
  shape: readonly number[],
  f: (x: tf.Tensor) => tf.Tensor,
): { shape: number[]; data: Float32Array } {
  const x = tf.tensor(Float32Array.from(values), [...shape], 'float32');
  try {
    const out = f(x);
    try {
      return { shape: out.shape, data: out.dataSync() as Float32Array };
    } finally {
      out.dispose();
    }
  } finally {
    x.dispose();
  }
}

const ones = (n: number) => tf.ones([n]) as tf.Tensor1D;
const zeros = (n: number) => tf.zeros([n]) as tf.Tensor1D;

/** The prompt's budget: at most 100 steps of JavaScript work per call, whatever the size of x. */
const BUDGET = { steps: 100, rule: '100 steps per call, whatever x.size' };

/** `call` on the instrumented module within the budget (tfjs's own kernels are not counted). */
function withinBudget<T>(call: () => T): T {
  return expectWithinBudget(call, BUDGET, { builtins: false });
}

// ---------------------------------------------------------------------------------------------

describe('norms: worked examples (the spec vectors, computed in float64)', () => {
  test('layerNorm([1, 2, 3, 4]) with gamma 1, beta 0 → [-1.341635, -0.447212, 0.447212, 1.341635] (biased variance)', () => {
    const expected = f64([4], [-1.341635, -0.447212, 0.447212, 1.341635]);
    expectOracleMatches(layerNormOracle(f64([4], [1, 2, 3, 4]), [1, 1, 1, 1], [0, 0, 0, 0]), expected, 'layerNorm');
    const x = tf.tensor1d([1, 2, 3, 4]);
    const [g, b] = [ones(4), zeros(4)];
    const out = layerNorm(x, g, b);
    expectTensorClose(
      out,
      expected,
      PINNED_TOL,
      'layerNorm([1, 2, 3, 4]) (the unbiased-variance mistake gives ±1.161892, ±0.387297)',
    );
    tf.dispose([x, g, b, out]);
  });

  test('layerNorm([1, 2, 3, 4], gamma [1, 2, 0.5, -1], beta [0, 1, 0, 2]) → [-1.341635, 0.105576, 0.223606, 0.658365]', () => {
    const expected = f64([4], [-1.341635, 0.105576, 0.223606, 0.658365]);
    expectOracleMatches(layerNormOracle(f64([4], [1, 2, 3, 4]), [1, 2, 0.5, -1], [0, 1, 0, 2]), expected, 'layerNorm');
    const x = tf.tensor1d([1, 2, 3, 4]);
    const g = tf.tensor1d([1, 2, 0.5, -1]);
    const b = tf.tensor1d([0, 1, 0, 2]);
    const out = layerNorm(x, g, b);
    expectTensorClose(out, expected, PINNED_TOL, 'layerNorm([1, 2, 3, 4], gamma [1, 2, 0.5, -1], beta [0, 1, 0, 2])');
    tf.dispose([x, g, b, out]);
  });

  test('layerNorm([1e-3, -1e-3]) → ±0.301511: the default eps 1e-5 goes inside the sqrt (outside gives ±0.990099)', () => {
    const expected = f64([1, 2], [0.301511, -0.301511]);
    expectOracleMatches(layerNormOracle(f64([1, 2], [1e-3, -1e-3]), [1, 1], [0, 0]), expected, 'layerNorm');
    const x = tf.tensor2d([[1e-3, -1e-3]]);
    const [g, b] = [ones(2), zeros(2)];
    const out = layerNorm(x, g, b);
    expectTensorClose(out, expected, PINNED_TOL, 'layerNorm([[1e-3, -1e-3]])');
    tf.dispose([x, g, b, out]);
  });

  test('rmsNorm([1, 2, 3, 4]) → [0.365148, 0.730297, 1.095445, 1.460593] (no mean subtracted)', () => {
    const expected = f64([4], [0.365148, 0.730297, 1.095445, 1.460593]);
    expectOracleMatches(rmsNormOracle(f64([4], [1, 2, 3, 4]), [1, 1, 1, 1]), expected, 'rmsNorm');
    const x = tf.tensor1d([1, 2, 3, 4]);
    const g = ones(4);
    const out = rmsNorm(x, g);
    expectTensorClose(out, expected, PINNED_TOL, 'rmsNorm([1, 2, 3, 4])');
    tf.dispose([x, g, out]);
  });

  test("rmsNorm([1e-3, -1e-3]) → ±0.707107: the default eps is 1e-6 (not Meta's 1e-5), inside the sqrt (outside: ±0.999001)", () => {
    const expected = f64([1, 2], [Math.SQRT1_2, -Math.SQRT1_2] /* ±0.707107 */);
    expectOracleMatches(rmsNormOracle(f64([1, 2], [1e-3, -1e-3]), [1, 1]), expected, 'rmsNorm');
    const x = tf.tensor2d([[1e-3, -1e-3]]);
    const g = ones(2);
    const out = rmsNorm(x, g);
    expectTensorClose(out, expected, PINNED_TOL, 'rmsNorm([[1e-3, -1e-3]])');
    tf.dispose([x, g, out]);
  });

  test('batchNormTrain(x = [[1, 2], [3, 6], [5, 1]]) from running mean 0, var 1: y per channel, running mean [0.3, 0.3], running var [1.3, 1.6] (unbiased)', () => {
    const xf = f64([3, 2], [1, 2, 3, 6, 5, 1]);
    const y = f64([3, 2], [-1.224743, -0.46291, 0, 1.388729, 1.224743, -0.925819]);
    const rm = f64([2], [0.3, 0.3]);
    const rv = f64([2], [1.3, 1.6]);
    const oracle = batchNormTrainOracle(xf, [1, 1], [0, 0], { runningMean: [0, 0], runningVar: [1, 1] });
    expectOracleMatches(oracle.y, y, 'batchNormTrain y');
    expectOracleMatches(oracle.runningMean, rm, 'batchNormTrain runningMean');
    expectOracleMatches(oracle.runningVar, rv, 'batchNormTrain runningVar');
    expectOracleMatches(f64([2], [...oracle.batchVar]), f64([2], [2.666667, 4.666667]), 'biased batch variance');

    const x = tf.tensor2d([
      [1, 2],
      [3, 6],
      [5, 1],
    ]);
    const [g, b, m0, v0] = [ones(2), zeros(2), zeros(2), ones(2)];
    const out = batchNormTrain(x, g, b, { runningMean: m0, runningVar: v0 });
    expectTensorClose(out.y, y, PINNED_TOL, 'batchNormTrain(...).y');
    expectTensorClose(out.runningMean, rm, PINNED_TOL, 'batchNormTrain(...).runningMean (momentum 0.1)');
    expectTensorClose(
      out.runningVar,
      rv,
      PINNED_TOL,
      'batchNormTrain(...).runningVar (unbiased batch variance [4, 7]; the biased one gives [1.166667, 1.366667])',
    );
    tf.dispose([x, g, b, m0, v0, out.y, out.runningMean, out.runningVar]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('norms: shapes, options and edge cases', () => {
  test('layerNorm normalises each row over the LAST axis: x [3, 2, 5] with gamma/beta, eps 1e-3', () => {
    const c: NormsCase = {
      shape: [3, 2, 5],
      seed: 1,
      scale: 2,
      gamma: [1, 0.5, 2, 1.5, 0.25],
      beta: [0, -1, 0.5, 2, 1],
      eps: 1e-3,
    };
    const { x, xf, gamma, beta } = caseTensors(c);
    const out = layerNorm(x, gamma, beta, 1e-3);
    expectTensorClose(out, layerNormOracle(xf, c.gamma, c.beta, 1e-3), TOL, `layerNorm(${showCase(c)})`);
    tf.dispose([x, gamma, beta, out]);
  });

  test('layerNorm is per row, not over the batch: x [4, 3] = rows of different scales', () => {
    const xf = f64([4, 3], [1, 2, 3, 10, 0, -10, 0.5, 0.5, 2, -3, 7, 1]);
    const x = tf.tensor2d(Float32Array.from(xf.data), [4, 3]);
    const g = tf.tensor1d([1, 2, 3]);
    const b = tf.tensor1d([0.5, 0, -0.5]);
    const out = layerNorm(x, g, b);
    expectTensorClose(
      out,
      layerNormOracle(xf, [1, 2, 3], [0.5, 0, -0.5]),
      TOL,
      'layerNorm(x [4, 3], gamma [1, 2, 3], beta [0.5, 0, -0.5])',
    );
    tf.dispose([x, g, b, out]);
  });

  test('rmsNorm over the last axis with gamma: x [2, 3, 4], eps 1e-4', () => {
    const c: NormsCase = { shape: [2, 3, 4], seed: 2, scale: 3, gamma: [1, 2, 0.5, 0.75], beta: [], eps: 1e-4 };
    const { x, xf, gamma, beta } = caseTensors(c);
    const out = rmsNorm(x, gamma, 1e-4);
    expectTensorClose(
      out,
      rmsNormOracle(xf, c.gamma, 1e-4),
      TOL,
      'rmsNorm(x [2, 3, 4], gamma [1, 2, 0.5, 0.75], 1e-4)',
    );
    tf.dispose([x, gamma, beta, out]);
  });

  test('an explicit eps is used: layerNorm and rmsNorm of [1e-3, -1e-3] with eps 1e-2 and eps 1e-9', () => {
    const xf = f64([2], [1e-3, -1e-3]);
    for (const eps of [1e-2, 1e-9]) {
      const x = tf.tensor1d([1e-3, -1e-3]);
      const [g, b] = [ones(2), zeros(2)];
      const ln = layerNorm(x, g, b, eps);
      const rms = rmsNorm(x, g, eps);
      expectTensorClose(ln, layerNormOracle(xf, [1, 1], [0, 0], eps), TOL, `layerNorm([1e-3, -1e-3], 1, 0, ${eps})`);
      expectTensorClose(rms, rmsNormOracle(xf, [1, 1], eps), TOL, `rmsNorm([1e-3, -1e-3], 1, ${eps})`);
      tf.dispose([x, g, b, ln, rms]);
    }
  });

  test('batchNormTrain on [N, L, C] = [2, 3, 2] reduces each channel (last axis) over N AND L (PyTorch is channels-first)', () => {
    const c: BatchNormCase = {
      shape: [2, 3, 2],
      seed: 3,
      scale: 2,
      gamma: [1.5, 0.5],
      beta: [-1, 0.25],
      eps: 1e-4,
      runningMean: [0.5, -0.5],
      runningVar: [2, 0.5],
      momentum: 0.3,
    };
    checkBatchNorm(c);
  });

  test('batchNormTrain with the smallest batch, 2 elements per channel: x [2, 3]', () => {
    checkBatchNorm({
      shape: [2, 3],
      seed: 4,
      scale: 1,
      gamma: [1, 2, 0.5],
      beta: [0, 0.5, -0.5],
      eps: undefined,
      runningMean: [0, 0, 0],
      runningVar: [1, 1, 1],
      momentum: undefined,
    });
  });

  test('batchNormTrain: the default eps is 1e-5, x [[1e-3], [-1e-3]] → y ±0.301511', () => {
    const x = tf.tensor2d([[1e-3], [-1e-3]]);
    const [g, b, m0, v0] = [ones(1), zeros(1), zeros(1), ones(1)];
    const out = batchNormTrain(x, g, b, { runningMean: m0, runningVar: v0 });
    expectTensorClose(out.y, f64([2, 1], [0.301511, -0.301511]), PINNED_TOL, 'batchNormTrain([[1e-3], [-1e-3]]).y');
    tf.dispose([x, g, b, m0, v0, out.y, out.runningMean, out.runningVar]);
  });

  test('batchNormTrain momentum 0 keeps the running statistics, momentum 1 replaces them by the batch mean and UNBIASED variance', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 6],
      [5, 1],
    ]);
    const [g, b] = [ones(2), zeros(2)];
    const m0 = tf.tensor1d([0.5, -2]);
    const v0 = tf.tensor1d([3, 0.25]);
    const kept = batchNormTrain(x, g, b, { runningMean: m0, runningVar: v0 }, { momentum: 0 });
    expectTensorClose(kept.runningMean, f64([2], [0.5, -2]), PINNED_TOL, 'momentum 0: runningMean');
    expectTensorClose(kept.runningVar, f64([2], [3, 0.25]), PINNED_TOL, 'momentum 0: runningVar');
    const replaced = batchNormTrain(x, g, b, { runningMean: m0, runningVar: v0 }, { momentum: 1 });
    expectTensorClose(replaced.runningMean, f64([2], [3, 3]), PINNED_TOL, 'momentum 1: runningMean = batch mean');
    expectTensorClose(
      replaced.runningVar,
      f64([2], [4, 7]),
      PINNED_TOL,
      'momentum 1: runningVar = unbiased batch variance',
    );
    tf.dispose([x, g, b, m0, v0, kept.y, kept.runningMean, kept.runningVar]);
    tf.dispose([replaced.y, replaced.runningMean, replaced.runningVar]);
  });

  test('batchNormTrain returns NEW float32 running tensors of shape [C] and leaves x, gamma, beta and the state intact', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 6],
      [5, 1],
    ]);
    const [g, b] = [ones(2), zeros(2)];
    const m0 = tf.tensor1d([0.5, -2]);
    const v0 = tf.tensor1d([3, 0.25]);
    for (const momentum of [0, 0.1]) {
      const out = batchNormTrain(x, g, b, { runningMean: m0, runningVar: v0 }, { momentum });
      expect(out.runningMean, `momentum ${momentum}: runningMean must be a new tensor, not state.runningMean`).not.toBe(
        m0,
      );
      expect(out.runningVar, `momentum ${momentum}: runningVar must be a new tensor, not state.runningVar`).not.toBe(
        v0,
      );
      expect(out.runningMean.shape).toEqual([2]);
      expect(out.runningVar.shape).toEqual([2]);
      expect(out.y.shape).toEqual([3, 2]);
      for (const [name, t] of [
        ['x', x],
        ['gamma', g],
        ['beta', b],
        ['state.runningMean', m0],
        ['state.runningVar', v0],
      ] as const) {
        expect(t.isDisposed, `batchNormTrain must not dispose ${name} (the caller owns it)`).toBe(false);
      }
      tf.dispose([out.y, out.runningMean, out.runningVar]);
      expect(Array.from(m0.dataSync()), 'state.runningMean must keep its values').toEqual([0.5, -2]);
      expect(Array.from(v0.dataSync()), 'state.runningVar must keep its values').toEqual([3, 0.25]);
      expect(Array.from(x.dataSync()), 'x must keep its values').toEqual([1, 2, 3, 6, 5, 1]);
    }
    tf.dispose([x, g, b, m0, v0]);
  });

  test('results keep the shape of x and are float32: layerNorm/rmsNorm on x [2, 1, 3], D = 1 rows give beta / sign·gamma', () => {
    const x = tf.tensor3d([[[1, -2, 3]], [[0.5, 4, -1]]]);
    const [g, b] = [tf.tensor1d([2, 1, 0.5]), tf.tensor1d([1, 0, -1])];
    const ln = layerNorm(x, g, b);
    expectTensorClose(
      ln,
      layerNormOracle(f64([2, 1, 3], [1, -2, 3, 0.5, 4, -1]), [2, 1, 0.5], [1, 0, -1]),
      TOL,
      'layerNorm(x [2, 1, 3])',
    );
    const rms = rmsNorm(x, g);
    expectTensorClose(
      rms,
      rmsNormOracle(f64([2, 1, 3], [1, -2, 3, 0.5, 4, -1]), [2, 1, 0.5]),
      TOL,
      'rmsNorm(x [2, 1, 3])',
    );
    const col = tf.tensor2d([[3], [-2]]);
    const [g1, b1] = [tf.tensor1d([2]), tf.tensor1d([0.5])];
    const lnCol = layerNorm(col, g1, b1);
    expectTensorClose(
      lnCol,
      f64([2, 1], [0.5, 0.5]),
      TOL,
      'layerNorm([[3], [-2]], gamma [2], beta [0.5]): a 1-feature row is all mean',
    );
    tf.dispose([x, g, b, ln, rms, col, g1, b1, lnCol]);
  });

  test('rank 0 throws RangeError in all three', () => {
    const s = tf.scalar(1);
    const [g, b] = [ones(1), zeros(1)];
    expect(() => layerNorm(s, g, b)).toThrow(RangeError);
    expect(() => rmsNorm(s, g)).toThrow(RangeError);
    expect(() => batchNormTrain(s, g, b, { runningMean: b, runningVar: g })).toThrow(RangeError);
    tf.dispose([s, g, b]);
  });

  test('gamma, beta or a running statistic that is not a 1-D tensor of the last dim throws RangeError: x [2, 4] with length 3 or 5, or shape [4, 1]', () => {
    const x = tf.zeros([2, 4]);
    const [g4, b4, g3, b5] = [ones(4), zeros(4), ones(3), zeros(5)];
    const state = { runningMean: zeros(4), runningVar: ones(4) };
    expect(() => layerNorm(x, g3, b4), 'layerNorm gamma [3]').toThrow(RangeError);
    expect(() => layerNorm(x, g4, b5), 'layerNorm beta [5]').toThrow(RangeError);
    expect(() => rmsNorm(x, g3), 'rmsNorm gamma [3]').toThrow(RangeError);
    expect(() => batchNormTrain(x, g3, b4, state), 'batchNormTrain gamma [3]').toThrow(RangeError);
    expect(() => batchNormTrain(x, g4, b5, state), 'batchNormTrain beta [5]').toThrow(RangeError);
    const column = tf.ones([4, 1]) as unknown as tf.Tensor1D; // first dim D, but rank 2: it would broadcast
    expect(() => layerNorm(x, column, b4), 'layerNorm gamma [4, 1]').toThrow(RangeError);
    expect(() => rmsNorm(x, column), 'rmsNorm gamma [4, 1]').toThrow(RangeError);
    expect(() => batchNormTrain(x, g4, column, state), 'batchNormTrain beta [4, 1]').toThrow(RangeError);
    column.dispose();
    const [m3, v5] = [zeros(3), ones(5)];
    expect(
      () => batchNormTrain(x, g4, b4, { runningMean: m3, runningVar: state.runningVar }),
      'batchNormTrain state.runningMean [3]',
    ).toThrow(RangeError);
    expect(
      () => batchNormTrain(x, g4, b4, { runningMean: state.runningMean, runningVar: v5 }),
      'batchNormTrain state.runningVar [5]',
    ).toThrow(RangeError);
    tf.dispose([x, g4, b4, g3, b5, m3, v5, state.runningMean, state.runningVar]);
  });

  test('eps that is not a finite number > 0 throws RangeError in all three: 0, -1e-5, NaN, Infinity (1e-12 is allowed)', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 5],
    ]);
    const [g, b, m, v] = [ones(2), zeros(2), zeros(2), ones(2)];
    const state = { runningMean: m, runningVar: v };
    for (const eps of [0, -1e-5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => layerNorm(x, g, b, eps), `layerNorm eps ${eps}`).toThrow(RangeError);
      expect(() => rmsNorm(x, g, eps), `rmsNorm eps ${eps}`).toThrow(RangeError);
      expect(() => batchNormTrain(x, g, b, state, { eps }), `batchNormTrain eps ${eps}`).toThrow(RangeError);
    }
    const ok = [layerNorm(x, g, b, 1e-12), rmsNorm(x, g, 1e-12), batchNormTrain(x, g, b, state, { eps: 1e-12 })];
    expectTensorClose(
      ok[0] as tf.Tensor,
      f64([2, 2], [-1, 1, -1, 1]),
      TOL,
      'layerNorm([[1, 2], [3, 5]], 1, 0, eps 1e-12)',
    );
    tf.dispose([x, g, b, m, v, ok]);
  });

  test('an all-zero row gives 0 from rmsNorm, and a constant row or channel gives beta, not NaN (eps > 0)', () => {
    const x = tf.tensor2d([
      [0, 0, 0],
      [2, 2, 2],
    ]);
    const [g, b] = [tf.tensor1d([2, 1, 0.5]), tf.tensor1d([1, 0, -1])];
    const rms = rmsNorm(x, g);
    expectTensorClose(
      rms,
      f64([2, 3], [0, 0, 0, 2, 1, 0.5]),
      TOL,
      'rmsNorm([[0, 0, 0], [2, 2, 2]], gamma [2, 1, 0.5])',
    );
    const ln = layerNorm(x, g, b);
    expectTensorClose(ln, f64([2, 3], [1, 0, -1, 1, 0, -1]), TOL, 'layerNorm of constant rows: beta');
    const [m, v] = [zeros(3), ones(3)];
    const xb = tf.tensor2d([
      [4, 0, 1],
      [4, 0, 3],
    ]);
    const bn = batchNormTrain(xb, g, b, { runningMean: m, runningVar: v });
    expectTensorClose(
      bn.y,
      f64([2, 3], [1, 0, -1.5, 1, 0, -0.5]),
      TOL,
      'batchNormTrain([[4, 0, 1], [4, 0, 3]]): the constant channels 0 and 1 give beta',
    );
    tf.dispose([x, g, b, rms, ln, m, v, xb, bn.y, bn.runningMean, bn.runningVar]);
  });

  test('a wrong type throws TypeError: x, gamma or beta a plain array or a look-alike object, a missing state field, eps or momentum a string', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 5],
    ]);
    const [g, b, m, v] = [ones(2), zeros(2), zeros(2), ones(2)];
    const state = { runningMean: m, runningVar: v };
    const arr = (t: tf.Tensor) => t.arraySync() as unknown as tf.Tensor1D;
    const lookalike = (t: tf.Tensor) =>
      ({ shape: t.shape, rank: t.rank, dtype: t.dtype, size: t.size }) as unknown as tf.Tensor1D;
    const cases: [string, () => unknown][] = [
      ['layerNorm(x as a look-alike object)', () => layerNorm(lookalike(x), g, b)],
      ['rmsNorm(gamma as a look-alike object)', () => rmsNorm(x, lookalike(g))],
      ['batchNormTrain(x as a look-alike object)', () => batchNormTrain(lookalike(x), g, b, state)],
      ['layerNorm(x as an array)', () => layerNorm(arr(x), g, b)],
      ['layerNorm(gamma as an array)', () => layerNorm(x, arr(g), b)],
      ['layerNorm(beta as an array)', () => layerNorm(x, g, arr(b))],
      ['rmsNorm(x as an array)', () => rmsNorm(arr(x), g)],
      ['rmsNorm(gamma as an array)', () => rmsNorm(x, arr(g))],
      ['batchNormTrain(gamma as an array)', () => batchNormTrain(x, arr(g), b, state)],
      [
        'batchNormTrain(state.runningMean as an array)',
        () => batchNormTrain(x, g, b, { runningMean: arr(m), runningVar: v }),
      ],
      ['batchNormTrain(state without runningVar)', () => batchNormTrain(x, g, b, { runningMean: m } as typeof state)],
      ["layerNorm(eps '1e-5')", () => layerNorm(x, g, b, '1e-5' as unknown as number)],
      ["rmsNorm(eps '1e-6')", () => rmsNorm(x, g, '1e-6' as unknown as number)],
      ["batchNormTrain(eps '1e-5')", () => batchNormTrain(x, g, b, state, { eps: '1e-5' as unknown as number })],
      [
        "batchNormTrain(momentum '0.1')",
        () => batchNormTrain(x, g, b, state, { momentum: '0.1' as unknown as number }),
      ],
    ];
    for (const [what, call] of cases) expect(call, what).toThrow(TypeError);
    tf.dispose([x, g, b, m, v]);
  });

  test('momentum outside [0, 1] throws RangeError: -0.1, 1.1 and NaN (0 and 1 are allowed)', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 5],
    ]);
    const [g, b, m, v] = [ones(2), zeros(2), zeros(2), ones(2)];
    const state = { runningMean: m, runningVar: v };
    for (const momentum of [-0.1, 1.1, Number.NaN]) {
      expect(() => batchNormTrain(x, g, b, state, { momentum }), `momentum ${momentum}`).toThrow(RangeError);
    }
    const ok = [0, 1].map((momentum) => batchNormTrain(x, g, b, state, { momentum }));
    expect(ok.length).toBe(2);
    tf.dispose([x, g, b, m, v, ok]);
  });

  test('batchNormTrain with a single element per channel throws RangeError: x [1, 3], x [3], x [1, 1, 3]', () => {
    const [g, b, m, v] = [ones(3), zeros(3), zeros(3), ones(3)];
    const state = { runningMean: m, runningVar: v };
    for (const shape of [[1, 3], [3], [1, 1, 3]]) {
      const x = tf.ones(shape);
      expect(() => batchNormTrain(x, g, b, state), `x [${shape.join(', ')}]`).toThrow(RangeError);
      x.dispose();
    }
    tf.dispose([g, b, m, v]);
  });

  test('no leaked tensors: each function returns only its result(s); batchNormTrain hands back exactly y and the two new running tensors', () => {
    const x = tf.tensor(Float32Array.from(randomValues(24, 9)), [2, 3, 4]);
    const [g, b, m, v] = [tf.tensor1d([1, 2, 0.5, 1]), tf.tensor1d([0, 1, -1, 0.5]), zeros(4), ones(4)];
    const ln = expectNoLeaks(() => layerNorm(x, g, b), 'layerNorm(x [2, 3, 4])');
    const rms = expectNoLeaks(() => rmsNorm(x, g), 'rmsNorm(x [2, 3, 4])');
    const before = tf.memory().numTensors;
    const bn = expectNoLeaks(
      () => batchNormTrain(x, g, b, { runningMean: m, runningVar: v }),
      'batchNormTrain(x [2, 3, 4])',
    );
    expect(
      tf.memory().numTensors - before,
      'batchNormTrain returns 3 new tensors and disposes none of its inputs',
    ).toBe(3);
    expect(ln.shape).toEqual([2, 3, 4]);
    expect(rms.shape).toEqual([2, 3, 4]);
    expect(bn.y.shape).toEqual([2, 3, 4]);
    tf.dispose([x, g, b, m, v, ln, rms, bn.y, bn.runningMean, bn.runningVar]);
  });
});

/** batchNormTrain on a case against the oracle; given `countedBatchNorm`, that call must also fit the budget. */
function checkBatchNorm(c: BatchNormCase, countedBatchNorm?: typeof batchNormTrain): void {
  const { x, xf, gamma, beta } = caseTensors(c);
  const m0 = tf.tensor1d(c.runningMean);
  const v0 = tf.tensor1d(c.runningVar);
  const opts = batchNormOptionsOf(c);
  const what = `batchNormTrain(${showCase(c)}, runningMean [${c.runningMean.join(', ')}], runningVar [${c.runningVar.join(', ')}], momentum ${c.momentum ?? 'default'})`;
  const state = { runningMean: m0, runningVar: v0 };
  const out =
    countedBatchNorm === undefined
      ? batchNormTrain(x, gamma, beta, state, opts)
      : withinBudget(() => countedBatchNorm(x, gamma, beta, state, opts));
  try {
    const want = batchNormTrainOracle(xf, c.gamma, c.beta, c, opts);
    expectTensorClose(out.y, want.y, TOL, `${what}.y`);
    expectTensorClose(out.runningMean, want.runningMean, TOL, `${what}.runningMean`);
    expectTensorClose(out.runningVar, want.runningVar, TOL, `${what}.runningVar`);
  } finally {
    tf.dispose([x, gamma, beta, m0, v0, out.y, out.runningMean, out.runningVar]);
  }
}

// ---------------------------------------------------------------------------------------------

describe('norms: scale (at most 100 steps of JavaScript work per call, whatever x.size)', () => {
  test('[B, T, D] = [4, 64, 256] (256 rows, 65536 elements): layerNorm and rmsNorm match the oracle within 100 steps and leak nothing', () => {
    const c: NormsCase = {
      shape: [4, 64, 256],
      seed: 21,
      scale: 2,
      gamma: Array.from(randomValues(256, 22), (v) => v + 1.5),
      beta: Array.from(randomValues(256, 23)),
      eps: undefined,
    };
    const { x, xf, gamma, beta } = caseTensors(c);
    const ln = expectNoLeaks(() => withinBudget(() => counted.layerNorm(x, gamma, beta)), 'layerNorm(x [4, 64, 256])');
    expectTensorClose(ln, layerNormOracle(xf, c.gamma, c.beta), TOL, 'layerNorm(x [4, 64, 256])');
    const rms = expectNoLeaks(() => withinBudget(() => counted.rmsNorm(x, gamma)), 'rmsNorm(x [4, 64, 256])');
    expectTensorClose(rms, rmsNormOracle(xf, c.gamma), TOL, 'rmsNorm(x [4, 64, 256])');
    tf.dispose([x, gamma, beta, ln, rms]);
  });

  test('[N, L, C] = [8, 32, 128] (128 channels of 256 elements): batchNormTrain matches the oracle within 100 steps', () => {
    checkBatchNorm(
      {
        shape: [8, 32, 128],
        seed: 24,
        scale: 3,
        gamma: Array.from(randomValues(128, 25), (v) => v + 1.5),
        beta: Array.from(randomValues(128, 26)),
        eps: undefined,
        runningMean: Array.from(randomValues(128, 27)),
        runningVar: Array.from(randomValues(128, 28), (v) => v + 1.5),
        momentum: 0.05,
      },
      counted.batchNormTrain,
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('norms: properties (float64 oracle and invariants)', () => {
  test.prop([normsCall], { numRuns: 40 })(
    'small calls of all three match the oracle; a bad input (rank 0, a wrong length, eps <= 0, momentum outside [0, 1], one element per channel) throws RangeError',
    (call) => {
      expectCallMatchesOracle(call);
    },
  );

  test.prop([caseArb], { numRuns: 60 })('layerNorm matches the float64 oracle', (c) => {
    const { x, xf, gamma, beta } = caseTensors(c);
    const out = c.eps === undefined ? layerNorm(x, gamma, beta) : layerNorm(x, gamma, beta, c.eps);
    try {
      expectTensorClose(out, layerNormOracle(xf, c.gamma, c.beta, c.eps), TOL, `layerNorm(${showCase(c)})`);
    } finally {
      tf.dispose([x, gamma, beta, out]);
    }
  });

  test.prop([caseArb], { numRuns: 60 })('rmsNorm matches the float64 oracle', (c) => {
    const { x, xf, gamma, beta } = caseTensors(c);
    const out = c.eps === undefined ? rmsNorm(x, gamma) : rmsNorm(x, gamma, c.eps);
    try {
      expectTensorClose(out, rmsNormOracle(xf, c.gamma, c.eps), TOL, `rmsNorm(${showCase(c)})`);
    } finally {
      tf.dispose([x, gamma, beta, out]);
    }
  });

  test.prop([bnCaseArb], { numRuns: 60 })(
    'batchNormTrain matches the float64 oracle (y and both running statistics)',
    (c) => {
      checkBatchNorm(c);
    },
  );

  test.prop([shapeArb, fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(1e-5, 1e-2)], { numRuns: 40 })(
    'layerNorm (gamma 1, beta 0): every row has mean 0 and variance v/(v + eps)',
    (shape, seed, eps) => {
      const d = shape.at(-1) as number;
      const x = randomValues(sizeOf(shape), seed);
      const [g, b] = [ones(d), zeros(d)];
      const out = valuesOf(x, shape, (t) => layerNorm(t, g, b, eps));
      tf.dispose([g, b]);
      const inRows = rowMoments(x, d);
      rowMoments(out.data, d).forEach(({ mean, variance }, row) => {
        const v = (inRows[row] as { variance: number }).variance;
        const message = `x [${shape.join(', ')}] seed ${seed}, eps ${eps}, row ${row}: mean ${mean}, variance ${variance}, expected ${v / (v + eps)}`;
        expect(Math.abs(mean), message).toBeLessThan(1e-5);
        expect(Math.abs(variance - v / (v + eps)), message).toBeLessThan(1e-4);
      });
    },
  );

  test.prop([caseArb, fc.constantFrom(0.25, 0.5, 2, 4), fc.integer({ min: -8, max: 8 }).map((n) => n / 2)], {
    numRuns: 40,
  })('layerNorm(s·x + c, eps·s²) = layerNorm(x, eps): invariant to a row shift and a positive scale', (c, s, shift) => {
    const eps = c.eps ?? 1e-5;
    const x = randomValues(sizeOf(c.shape), c.seed);
    const moved = x.map((v) => Math.fround(s * v + shift));
    // The float32 moved values are the exact inputs of the second call; compare with both outputs.
    const g = tf.tensor1d(c.gamma);
    const b = tf.tensor1d(c.beta);
    const base = valuesOf(x, c.shape, (t) => layerNorm(t, g, b, eps));
    const after = valuesOf(moved, c.shape, (t) => layerNorm(t, g, b, eps * s * s));
    tf.dispose([g, b]);
    const expected = layerNormOracle({ shape: c.shape, data: moved }, c.gamma, c.beta, eps * s * s);
    after.data.forEach((v, i) => {
      const message = `x [${c.shape.join(', ')}] seed ${c.seed}, s ${s}, c ${shift}, index ${i}: ${v} vs ${base.data[i]}`;
      expect(Math.abs(v - (expected.data[i] as number)), message).toBeLessThan(2e-3);
      expect(Math.abs(v - (base.data[i] as number)), message).toBeLessThan(2e-3);
    });
  });

  test.prop([caseArb, fc.constantFrom(0.25, 0.5, 2, 4, 10)], { numRuns: 40 })(
    'rmsNorm(s·x, eps·s²) = rmsNorm(x, eps): invariant to a positive scale',
    (c, s) => {
      const eps = c.eps ?? 1e-6;
      const x = randomValues(sizeOf(c.shape), c.seed);
      const g = tf.tensor1d(c.gamma);
      const base = valuesOf(x, c.shape, (t) => rmsNorm(t, g, eps));
      const scaled = valuesOf(
        x.map((v) => s * v),
        c.shape,
        (t) => rmsNorm(t, g, eps * s * s),
      );
      tf.dispose(g);
      scaled.data.forEach((v, i) => {
        const message = `x [${c.shape.join(', ')}] seed ${c.seed}, s ${s}, index ${i}: ${v} vs ${base.data[i]}`;
        expect(Math.abs(v - (base.data[i] as number)), message).toBeLessThan(1e-4 + 1e-4 * Math.abs(v));
      });
    },
  );

  test.prop(
    [
      fc.integer({ min: 2, max: 6 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.constantFrom(1e-5, 1e-2),
    ],
    { numRuns: 30 },
  )('batchNormTrain(x [N, C]).y (gamma 1, beta 0) = transpose(layerNorm(transpose(x)))', (n, c, seed, eps) => {
    const x = tf.tensor(Float32Array.from(randomValues(n * c, seed, 2)), [n, c]);
    const [gc, bc, m, v, gn, bn] = [ones(c), zeros(c), zeros(c), ones(c), ones(n), zeros(n)];
    const out = batchNormTrain(x, gc, bc, { runningMean: m, runningVar: v }, { eps });
    const xt = tf.transpose(x);
    const ln = layerNorm(xt, gn, bn, eps);
    const lnT = tf.transpose(ln);
    try {
      expectTensorClose(
        out.y,
        { shape: [n, c], data: Float64Array.from(lnT.dataSync()) },
        { atol: 1e-4, rtol: 1e-4 },
        `batchNormTrain(x [${n}, ${c}], seed ${seed}, eps ${eps}).y vs layerNorm of the transpose`,
      );
    } finally {
      tf.dispose([x, gc, bc, m, v, gn, bn, out.y, out.runningMean, out.runningVar, xt, ln, lnT]);
    }
  });
});

/** Plain float64 data of a TensorSpec, as the tensor built from it holds. */
function specF64(spec: NormsCall['x']): F64Array {
  return { shape: [...spec.shape], data: Float64Array.from(specData(spec)) };
}

/** Whether a call from `normsCall` is one the contract rejects (with a RangeError). */
function isBadCall(call: NormsCall): boolean {
  const d = call.x.shape.at(-1);
  if (call.x.shape.length === 0 || call.gamma.shape[0] !== d) return true;
  if (call.fn !== 'rmsNorm' && call.beta.shape[0] !== d) return true;
  const eps = call.fn === 'batchNormTrain' ? call.opts?.eps : call.eps;
  if (eps !== undefined && !(eps > 0)) return true;
  if (call.fn !== 'batchNormTrain') return false;
  const momentum = call.opts?.momentum;
  if (momentum !== undefined && !(momentum >= 0 && momentum <= 1)) return true;
  return sizeOf(call.x.shape) / (d as number) < 2;
}

function expectCallMatchesOracle(call: NormsCall): void {
  const what = `${call.fn}(${JSON.stringify(call)})`;
  const tensors = [call.x, call.gamma, ...(call.fn === 'rmsNorm' ? [] : [call.beta])].map(tensorOf);
  const [x, gamma, beta] = tensors as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
  const gammaF = specData(call.gamma);
  try {
    if (call.fn === 'layerNorm') {
      const run = () => (call.eps === undefined ? layerNorm(x, gamma, beta) : layerNorm(x, gamma, beta, call.eps));
      if (isBadCall(call)) return void expect(run, what).toThrow(RangeError);
      const out = run();
      tensors.push(out);
      expectTensorClose(out, layerNormOracle(specF64(call.x), gammaF, specData(call.beta), call.eps), TOL, what);
    } else if (call.fn === 'rmsNorm') {
      const run = () => (call.eps === undefined ? rmsNorm(x, gamma) : rmsNorm(x, gamma, call.eps));
      if (isBadCall(call)) return void expect(run, what).toThrow(RangeError);
      const out = run();
      tensors.push(out);
      expectTensorClose(out, rmsNormOracle(specF64(call.x), gammaF, call.eps), TOL, what);
    } else {
      const [m0, v0] = [tensorOf(call.runningMean), tensorOf(call.runningVar)] as [tf.Tensor1D, tf.Tensor1D];
      tensors.push(m0, v0);
      const state = { runningMean: m0, runningVar: v0 };
      const run = () =>
        call.opts === undefined
          ? batchNormTrain(x, gamma, beta, state)
          : batchNormTrain(x, gamma, beta, state, { ...call.opts });
      if (isBadCall(call)) return void expect(run, what).toThrow(RangeError);
      const out = run();
      tensors.push(out.y, out.runningMean, out.runningVar);
      const want = batchNormTrainOracle(
        specF64(call.x),
        gammaF,
        specData(call.beta),
        { runningMean: specData(call.runningMean), runningVar: specData(call.runningVar) },
        call.opts,
      );
      expectTensorClose(out.y, want.y, TOL, `${what}.y`);
      expectTensorClose(out.runningMean, want.runningMean, TOL, `${what}.runningMean`);
      expectTensorClose(out.runningVar, want.runningVar, TOL, `${what}.runningVar`);
    }
  } finally {
    tf.dispose(tensors);
  }
}
