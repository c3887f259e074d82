import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/dpo-loss';
import { dpoLoss, sequenceLogProbs } from '@impl/dpo-loss';
import { type DpoCase, type SeqCase, type TensorArg, badDpoCall, badSeqCall, dpoCase, seqCase } from './inputs.ts';
import { type DpoLossType, dpoLossOracle, dpoPairLoss, sequenceLogProbsOracle, softplus } from './oracle.ts';
import {
  disposeAfterEachTest,
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  useTensorBackend,
} from '../../src/harness/tf.ts';
import { tensorOf } from '../../src/harness/compare-tensors.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

useTensorBackend();
const keep = disposeAfterEachTest();

type Opts = { beta?: number; labelSmoothing?: number; lossType?: DpoLossType };
type Result = { loss: tf.Scalar; losses: tf.Tensor1D; chosenRewards: tf.Tensor1D; rejectedRewards: tf.Tensor1D };

const vec = (values: readonly number[]) => keep(tf.tensor1d(Float32Array.from(values), 'float32'));

/** dpoLoss on plain arrays; every tensor (inputs and outputs) is disposed after the test. */
function dpo(pc: number[], pr: number[], rc: number[], rr: number[], opts?: Opts): Result {
  const args = [vec(pc), vec(pr), vec(rc), vec(rr)] as const;
  const out = opts === undefined ? dpoLoss(...args) : dpoLoss(...args, opts);
  keep(out.loss);
  keep(out.losses);
  keep(out.chosenRewards);
  keep(out.rejectedRewards);
  return out;
}

function scalarOf(t: tf.Tensor, what: string): number {
  expect(t, `${what} must be a tf.Tensor`).toBeInstanceOf(tf.Tensor);
  expect(t.shape, `${what} is a scalar: shape []`).toEqual([]);
  return t.dataSync()[0] as number;
}

function expectDpo(out: Result, expected: ReturnType<typeof dpoLossOracle>, tol: number, what: string): void {
  const n = expected.losses.length;
  const close = { atol: tol, rtol: 1e-4 };
  expectTensorClose(out.loss, { shape: [], data: Float64Array.of(expected.loss) }, close, `${what}: loss`);
  expectTensorClose(out.losses, { shape: [n], data: Float64Array.from(expected.losses) }, close, `${what}: losses`);
  expectTensorClose(
    out.chosenRewards,
    { shape: [n], data: Float64Array.from(expected.chosenRewards) },
    close,
    `${what}: chosenRewards`,
  );
  expectTensorClose(
    out.rejectedRewards,
    { shape: [n], data: Float64Array.from(expected.rejectedRewards) },
    close,
    `${what}: rejectedRewards`,
  );
}

function seqLogProbs(c: SeqCase, opts?: { ignoreIndex?: number; average?: boolean }): tf.Tensor1D {
  const logits = keep(tf.tensor3d(Float32Array.from(c.logits), [c.B, c.T, c.V], 'float32'));
  const labels = keep(tf.tensor2d(c.labels, [c.B, c.T], 'int32'));
  return keep(opts === undefined ? sequenceLogProbs(logits, labels) : sequenceLogProbs(logits, labels, opts));
}

/** The spec's sequenceLogProbs example, B = 1, T = 4, V = 3. */
const LOGITS = [2, 0, 1, 0, 1, 0, 1, 1, 3, 0, 0, 0];
function example(labels: number[]): SeqCase {
  return { B: 1, T: 4, V: 3, logits: LOGITS, labels, ignoreIndex: -100, everyRowCounted: true };
}

const one = (x: number) => ({ shape: [1], data: Float64Array.of(x) });
const tol6 = { atol: 2e-6, rtol: 1e-5 };

describe('dpo-loss: worked examples (the spec vectors)', () => {
  test('the float64 oracle reproduces every published vector (h = 2, β = 0.1 and 0.5; h = 0; βh = −1000)', () => {
    const at = (beta: number, eps: number, type: DpoLossType) =>
      dpoLossOracle([-1], [-3], [-2], [-2], beta, eps, type).loss;
    expect(at(0.1, 0, 'sigmoid')).toBeCloseTo(0.598139, 6);
    expect(at(0.1, 0.1, 'sigmoid')).toBeCloseTo(0.618139, 6);
    expect(at(0.1, 0, 'ipo')).toBeCloseTo(9, 6);
    expect(at(0.1, 0, 'hinge')).toBeCloseTo(0.8, 6);
    expect(at(0.5, 0, 'sigmoid')).toBeCloseTo(0.313262, 6);
    expect(at(0.5, 0.1, 'sigmoid')).toBeCloseTo(0.413262, 6);
    expect(at(0.5, 0, 'ipo')).toBeCloseTo(1, 6);
    expect(at(0.5, 0, 'hinge')).toBeCloseTo(0, 6);
    expect(dpoLossOracle([-5], [-4], [-6], [-3]).loss).toBeCloseTo(0.598139, 6);
    expect(dpoPairLoss(0)).toBeCloseTo(Math.LN2, 6);
    expect(dpoPairLoss(-10000)).toBeCloseTo(1000, 6);
    expect(0.1 * softplus(-2), 'the "β outside" bug value').toBeCloseTo(0.012693, 6);
    const ex = (labels: number[], average = false) =>
      sequenceLogProbsOracle(LOGITS, labels, 1, 4, 3, -100, average)[0] as number;
    expect(ex([-100, 2, 1, 0])).toBeCloseTo(-4.198595, 6);
    expect(ex([-100, 2, 1, 0], true)).toBeCloseTo(-1.399532, 6);
    expect(ex([-100, -100, 1, 0])).toBeCloseTo(-2.790989, 6);
    // …and the implementation agrees with the oracle on the first vector.
    expectTensorClose(
      dpo([-1], [-3], [-2], [-2]).loss,
      { shape: [], data: Float64Array.of(at(0.1, 0, 'sigmoid')) },
      tol6,
      'loss',
    );
  });

  test('sigmoid (πc,πr,refc,refr) = (−1,−3,−2,−2), β = 0.1: loss 0.598139, rewards +0.1 / −0.1', () => {
    const out = dpo([-1], [-3], [-2], [-2], { beta: 0.1 });
    expectTensorClose(out.loss, { shape: [], data: Float64Array.of(0.598139) }, tol6, 'loss');
    expectTensorClose(out.losses, one(0.598139), tol6, 'losses');
    expectTensorClose(out.chosenRewards, one(0.1), tol6, 'chosenRewards = β(πc − refc)');
    expectTensorClose(out.rejectedRewards, one(-0.1), tol6, 'rejectedRewards = β(πr − refr)');
  });

  test('defaults: no options at all is β = 0.1, ε = 0, sigmoid → 0.598139', () => {
    const out = dpo([-1], [-3], [-2], [-2]);
    expectTensorClose(out.losses, one(0.598139), tol6, 'dpoLoss with no opts');
    expectTensorClose(out.chosenRewards, one(0.1), tol6, 'chosenRewards with the default β');
  });

  test('the reference matters: (−5,−4,−6,−3) has h = 2 → 0.598139 (β 0.1) and 0.313262 (β 0.5)', () => {
    expectTensorClose(dpo([-5], [-4], [-6], [-3]).losses, one(0.598139), tol6, 'β = 0.1');
    expectTensorClose(dpo([-5], [-4], [-6], [-3], { beta: 0.5 }).losses, one(0.313262), tol6, 'β = 0.5');
  });

  test('cDPO label smoothing ε = 0.1: 0.618139 (β 0.1), 0.413262 (β 0.5)', () => {
    expectTensorClose(
      dpo([-1], [-3], [-2], [-2], { labelSmoothing: 0.1 }).losses,
      one(0.618139),
      tol6,
      'β = 0.1, ε = 0.1',
    );
    expectTensorClose(
      dpo([-1], [-3], [-2], [-2], { beta: 0.5, labelSmoothing: 0.1 }).losses,
      one(0.413262),
      tol6,
      'β = 0.5, ε = 0.1',
    );
  });

  test('β = 0.5: sigmoid 0.313262, ipo 1, hinge 0; β = 0.1: ipo (2 − 5)² = 9, hinge 0.8', () => {
    const cases: [Opts, number][] = [
      [{ beta: 0.5 }, 0.313262],
      [{ beta: 0.5, lossType: 'ipo' }, 1],
      [{ beta: 0.5, lossType: 'hinge' }, 0],
      [{ beta: 0.1, lossType: 'ipo' }, 9],
      [{ beta: 0.1, lossType: 'hinge' }, 0.8],
    ];
    for (const [opts, expected] of cases) {
      expectTensorClose(dpo([-1], [-3], [-2], [-2], opts).losses, one(expected), tol6, JSON.stringify(opts));
    }
  });

  test('policy = reference (h = 0) gives ln 2 = 0.693147', () => {
    expectTensorClose(dpo([-7], [-2], [-7], [-2]).loss, { shape: [], data: Float64Array.of(Math.LN2) }, tol6, 'h=0');
  });

  test('stable: βh = −1000 gives 1000, not Infinity (h = −10000, β = 0.1)', () => {
    const out = dpo([-10000], [0], [0], [0]);
    expectTensorClose(out.losses, one(1000), { atol: 1e-2, rtol: 1e-5 }, 'βh = −1000');
  });

  test('sequenceLogProbs: labels [-100,2,1,0] → sum −4.198595 (position t predicts labels[t+1])', () => {
    expectTensorClose(seqLogProbs(example([-100, 2, 1, 0])), one(-4.198595), tol6, 'sum');
  });

  test('sequenceLogProbs average: labels [-100,2,1,0] → −1.399532 (mean of 3 counted tokens)', () => {
    expectTensorClose(seqLogProbs(example([-100, 2, 1, 0]), { average: true }), one(-1.399532), tol6, 'average');
  });

  test('sequenceLogProbs: the prompt (-100) is not counted: labels [-100,-100,1,0] → −2.790989', () => {
    expectTensorClose(seqLogProbs(example([-100, -100, 1, 0])), one(-2.790989), tol6, 'prompt masked');
  });
});

describe('dpo-loss: edge cases', () => {
  test('shapes and dtypes: loss [], losses / chosenRewards / rejectedRewards [N], float32 (N = 3)', () => {
    const out = dpo([-1, -2, -3], [-2, -2, -2], [-1.5, -1, -3], [-2, -3, -1]);
    expect(scalarOf(out.loss, 'loss')).toBeTypeOf('number');
    for (const key of ['losses', 'chosenRewards', 'rejectedRewards'] as const) {
      expect(out[key].shape, key).toEqual([3]);
      expect(out[key].dtype, key).toBe('float32');
    }
    expect(out.loss.dtype).toBe('float32');
  });

  test('loss is the mean of losses over the batch (h = 2 and h = −2)', () => {
    const out = dpo([-1, -3], [-3, -1], [-2, -2], [-2, -2]);
    const expected = (softplus(-0.2) + softplus(0.2)) / 2;
    expectTensorClose(out.loss, { shape: [], data: Float64Array.of(expected) }, tol6, 'loss');
  });

  test('ε only affects sigmoid: ipo and hinge ignore labelSmoothing = 0.25', () => {
    for (const lossType of ['ipo', 'hinge'] as const) {
      const out = dpo([-1, -2], [-3, -1], [-2, -2.5], [-2, -0.5], { beta: 0.2, lossType, labelSmoothing: 0.25 });
      const expected = dpoLossOracle([-1, -2], [-3, -1], [-2, -2.5], [-2, -0.5], 0.2, 0, lossType);
      expectDpo(out, expected, 1e-5, `${lossType} with ε = 0.25`);
    }
  });

  test('IPO margin is 1/(2β): h = 2, β = 0.25 → (2 − 2)² = 0', () => {
    expectTensorClose(dpo([-1], [-3], [-2], [-2], { beta: 0.25, lossType: 'ipo' }).losses, one(0), tol6, 'ipo');
  });

  test('sequenceLogProbs: labels[:, 0] is never a target (99 there raises nothing), and T = 1 sums to 0', () => {
    expectTensorClose(seqLogProbs(example([99, 2, 1, 0])), one(-4.198595), tol6, 'garbage at labels[0]');
    const single: SeqCase = {
      B: 2,
      T: 1,
      V: 3,
      logits: [1, 2, 3, 4, 5, 6],
      labels: [0, 1],
      ignoreIndex: -100,
      everyRowCounted: false,
    };
    expectTensorClose(seqLogProbs(single), { shape: [2], data: Float64Array.of(0, 0) }, tol6, 'T = 1');
  });

  test('sequenceLogProbs: ignoreIndex = −1 skips −1 labels', () => {
    expectTensorClose(
      seqLogProbs(example([-1, -1, 1, 0]), { ignoreIndex: -1 }),
      one(-2.790989),
      tol6,
      'ignoreIndex −1',
    );
  });

  test('sequenceLogProbs stays finite for logits ±1e4: [[1e4, 0, −1e4] predicts 2] → −2e4', () => {
    const c: SeqCase = {
      B: 1,
      T: 2,
      V: 3,
      logits: [1e4, 0, -1e4, 0, 0, 0],
      labels: [-100, 2],
      ignoreIndex: -100,
      everyRowCounted: true,
    };
    expectTensorClose(seqLogProbs(c), one(-2e4), { atol: 1e-2, rtol: 1e-5 }, 'large logits');
  });

  test('no leaked tensors: sequenceLogProbs (sum and average) and dpoLoss (all three loss types)', () => {
    const logits = keep(tf.tensor3d(LOGITS, [1, 4, 3]));
    const labels = keep(tf.tensor2d([[-100, 2, 1, 0]], undefined, 'int32'));
    expectNoLeaks(() => sequenceLogProbs(logits, labels), 'sequenceLogProbs');
    expectNoLeaks(() => sequenceLogProbs(logits, labels, { average: true }), 'sequenceLogProbs average');
    const args = [vec([-1, -2]), vec([-3, -1]), vec([-2, -2]), vec([-2, -1])] as const;
    for (const lossType of ['sigmoid', 'ipo', 'hinge'] as const) {
      const before = tf.memory().numTensors;
      const out = dpoLoss(...args, { lossType, labelSmoothing: 0.1 });
      expect(Object.keys(out).sort()).toEqual(['chosenRewards', 'loss', 'losses', 'rejectedRewards']);
      tf.dispose([out.loss, out.losses, out.chosenRewards, out.rejectedRewards]);
      expect(tf.memory().numTensors - before, `dpoLoss ${lossType}: tensors left behind`).toBe(0);
    }
  });

  test('float32 labels holding whole numbers work like int32 labels', () => {
    const logits = keep(tf.tensor3d(LOGITS, [1, 4, 3]));
    const labels = keep(tf.tensor2d([[-100, 2, 1, 0]], undefined, 'float32'));
    expectTensorClose(keep(sequenceLogProbs(logits, labels)), one(-4.198595), tol6, 'float32 labels');
  });

  test('does not dispose or change its inputs (logits, labels, the four log-prob vectors)', () => {
    const logits = keep(tf.tensor3d(LOGITS, [1, 4, 3]));
    const labels = keep(tf.tensor2d([[-100, 2, 1, 0]], undefined, 'int32'));
    keep(sequenceLogProbs(logits, labels, { average: true }));
    const args = [vec([-1, -2]), vec([-3, -1]), vec([-2, -2]), vec([-2, -1])] as const;
    for (const lossType of ['sigmoid', 'ipo', 'hinge'] as const) {
      const out = dpoLoss(...args, { lossType });
      tf.dispose([out.loss, out.losses, out.chosenRewards, out.rejectedRewards]);
    }
    for (const [name, t] of Object.entries({ logits, labels, pc: args[0], pr: args[1], rc: args[2], rr: args[3] })) {
      expect(t.isDisposed, `${name} disposed`).toBe(false);
    }
    expect(Array.from(logits.dataSync()), 'logits unchanged').toEqual(LOGITS);
    expect(Array.from(args[0].dataSync()), 'policyChosen unchanged').toEqual([-1, -2]);
  });
});

/** Builds the tensors of a bad call ('plain' stays a plain array) and calls `f` with them; disposes them after. */
function withArgs(args: readonly TensorArg[], f: (made: unknown[]) => unknown): void {
  const made = args.map((a) => (a === 'plain' ? [[1]] : tensorOf(a)));
  try {
    const out = f(made);
    if (out instanceof tf.Tensor) out.dispose();
    else if (out !== null && typeof out === 'object') tf.dispose(Object.values(out) as tf.Tensor[]);
  } finally {
    tf.dispose(made.filter((t): t is tf.Tensor => t instanceof tf.Tensor));
  }
}
const errorOf = (name: 'RangeError' | 'TypeError') => (name === 'TypeError' ? TypeError : RangeError);

describe('dpo-loss: bad input', () => {
  const args = () => [vec([-1]), vec([-3]), vec([-2]), vec([-2])] as const;
  test('beta ≤ 0 or not finite throws RangeError: β = 0, −0.1, NaN, Infinity', () => {
    for (const beta of [0, -0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => dpoLoss(...args(), { beta }), `beta ${beta}`).toThrow(RangeError);
    }
  });
  test('labelSmoothing outside [0, 0.5) throws RangeError: −0.1, 0.5, 1, NaN (0.49 is fine)', () => {
    for (const labelSmoothing of [-0.1, 0.5, 1, Number.NaN]) {
      expect(() => dpoLoss(...args(), { labelSmoothing }), `labelSmoothing ${labelSmoothing}`).toThrow(RangeError);
    }
    const ok = dpoLoss(...args(), { labelSmoothing: 0.49 });
    keep(ok.loss);
    tf.dispose([ok.losses, ok.chosenRewards, ok.rejectedRewards]);
  });
  test("labelSmoothing is checked for every loss type: 0.5 with 'ipo' or 'hinge' throws RangeError", () => {
    for (const lossType of ['ipo', 'hinge'] as const) {
      expect(() => dpoLoss(...args(), { lossType, labelSmoothing: 0.5 }), lossType).toThrow(RangeError);
    }
  });
  test("a misspelled lossType throws RangeError: 'sigmod', 'IPO', ''", () => {
    for (const lossType of ['sigmod', 'IPO', '']) {
      expect(() => dpoLoss(...args(), { lossType: lossType as DpoLossType }), `'${lossType}'`).toThrow(RangeError);
    }
  });
  test('beta or labelSmoothing that is not a number throws TypeError: "0.1", "0"', () => {
    expect(() => dpoLoss(...args(), { beta: '0.1' as unknown as number }), "beta '0.1'").toThrow(TypeError);
    expect(() => dpoLoss(...args(), { labelSmoothing: '0' as unknown as number }), "labelSmoothing '0'").toThrow(
      TypeError,
    );
  });
  test('length mismatch: one of the four log-prob vectors has length 2 instead of 1', () => {
    for (let k = 0; k < 4; k++) {
      const a = [...args()] as tf.Tensor1D[];
      a[k] = vec([-1, -2]);
      expect(
        () => dpoLoss(a[0] as tf.Tensor1D, a[1] as tf.Tensor1D, a[2] as tf.Tensor1D, a[3] as tf.Tensor1D),
        `argument ${k}`,
      ).toThrow(RangeError);
    }
  });
  test('the policy pair and the reference pair must have one length too: [N] policy with [1] reference (no broadcast) throws RangeError', () => {
    const two = () => vec([-1, -2]);
    const one = () => vec([-2]);
    expect(() => dpoLoss(two(), vec([-3, -3]), one(), one()), 'policy [2], reference [1]').toThrow(RangeError);
    expect(() => dpoLoss(one(), one(), two(), vec([-3, -3])), 'policy [1], reference [2]').toThrow(RangeError);
  });
  test('a log-prob tensor that is not [N] with N ≥ 1 throws RangeError: [1, 1] for one of them, or N = 0 for all', () => {
    const square = keep(tf.tensor2d([[-2]]) as unknown as tf.Tensor1D);
    const a = args();
    expect(() => dpoLoss(a[0], a[1], a[2], square), 'refRejected [1, 1]').toThrow(RangeError);
    expect(() => dpoLoss(square, square, square, square), 'all four [1, 1]').toThrow(RangeError);
    const empty = () => keep(tf.tensor1d([], 'float32'));
    expect(() => dpoLoss(empty(), empty(), empty(), empty()), 'N = 0').toThrow(RangeError);
  });
  test("a log-prob vector that is not a tensor throws TypeError: a plain array, or an object with a tensor's rank and shape", () => {
    const a = args();
    expect(() => dpoLoss(a[0], [-3] as unknown as tf.Tensor1D, a[2], a[3]), 'policyRejected [-3]').toThrow(TypeError);
    const fake = { rank: 1, shape: [1], dtype: 'float32', size: 1 } as unknown as tf.Tensor1D;
    expect(() => dpoLoss(a[0], a[1], a[2], fake), 'refRejected { rank: 1, shape: [1] }').toThrow(TypeError);
    const fakeLogits = { rank: 3, shape: [1, 4, 3], dtype: 'float32', size: 12 } as unknown as tf.Tensor3D;
    const labels = keep(tf.tensor2d([[-100, 2, 1, 0]], undefined, 'int32'));
    expect(() => sequenceLogProbs(fakeLogits, labels), 'logits { rank: 3, shape: [1, 4, 3] }').toThrow(TypeError);
  });
  test('sequenceLogProbs: labels whose [B, T] does not match logits [1, 4, 3]: [1, 3], [1, 5], [2, 4]', () => {
    const logits = keep(tf.tensor3d(LOGITS, [1, 4, 3]));
    for (const [b, t] of [
      [1, 3],
      [1, 5],
      [2, 4],
    ] as const) {
      const labels = keep(tf.zeros([b, t], 'int32') as tf.Tensor2D);
      expect(() => sequenceLogProbs(logits, labels), `labels [${b}, ${t}]`).toThrow(RangeError);
    }
  });
  test('sequenceLogProbs: logits not of rank 3 ([4, 3], [1, 4, 3, 1]), with a zero dimension ([1, 4, 0], [0, 4, 3]) or labels of rank 3 throw RangeError', () => {
    const flat = keep(tf.tensor2d(LOGITS, [4, 3]) as unknown as tf.Tensor3D);
    const labels = keep(tf.tensor2d([[-100, 2, 1, 0]], undefined, 'int32'));
    expect(() => sequenceLogProbs(flat, labels), 'logits [4, 3]').toThrow(RangeError);
    const noVocab = keep(tf.zeros([1, 4, 0]) as tf.Tensor3D);
    expect(() => sequenceLogProbs(noVocab, keep(tf.fill([1, 4], -100, 'int32') as tf.Tensor2D)), 'V = 0').toThrow(
      RangeError,
    );
    const noBatch = keep(tf.zeros([0, 4, 3]) as tf.Tensor3D);
    expect(() => sequenceLogProbs(noBatch, keep(tf.zeros([0, 4], 'int32') as tf.Tensor2D)), 'B = 0').toThrow(
      RangeError,
    );
    const rank4 = keep(tf.tensor4d(LOGITS, [1, 4, 3, 1]) as unknown as tf.Tensor3D);
    expect(() => sequenceLogProbs(rank4, labels), 'logits [1, 4, 3, 1]').toThrow(RangeError);
    const labels3 = keep(tf.tensor3d([-100, 2, 1, 0], [1, 4, 1], 'int32') as unknown as tf.Tensor2D);
    expect(() => sequenceLogProbs(keep(tf.tensor3d(LOGITS, [1, 4, 3])), labels3), 'labels [1, 4, 1]').toThrow(
      RangeError,
    );
  });
  test('sequenceLogProbs: a counted label outside [0, V) or not an integer throws RangeError: 3, −5, 0.5 with V = 3', () => {
    for (const bad of [3, -5]) {
      expect(() => seqLogProbs(example([-100, 2, bad, 0])), `label ${bad}`).toThrow(RangeError);
    }
    const logits = keep(tf.tensor3d(LOGITS, [1, 4, 3]));
    const labels = keep(tf.tensor2d([[-100, 2, 0.5, 0]], undefined, 'float32'));
    expect(() => sequenceLogProbs(logits, labels), 'label 0.5 (float32 labels)').toThrow(RangeError);
  });
  test('sequenceLogProbs average: a row with no counted label (labels [[-100,2,1,0],[5,-100,-100,-100]])', () => {
    const c: SeqCase = {
      B: 2,
      T: 4,
      V: 3,
      logits: [...LOGITS, ...LOGITS],
      labels: [-100, 2, 1, 0, 5, -100, -100, -100],
      ignoreIndex: -100,
      everyRowCounted: false,
    };
    expect(() => seqLogProbs(c, { average: true })).toThrow(RangeError);
    expectTensorClose(seqLogProbs(c), { shape: [2], data: Float64Array.of(-4.198595, 0) }, tol6, 'sum of that batch');
    const single: SeqCase = {
      B: 1,
      T: 1,
      V: 3,
      logits: [1, 2, 3],
      labels: [0],
      ignoreIndex: -100,
      everyRowCounted: false,
    };
    expect(() => seqLogProbs(single, { average: true }), 'T = 1 with average').toThrow(RangeError);
  });
  test('sequenceLogProbs: ignoreIndex 1.5 throws RangeError; ignoreIndex "-100", average "yes", or a plain-array logits throw TypeError', () => {
    const logits = keep(tf.tensor3d(LOGITS, [1, 4, 3]));
    const labels = keep(tf.tensor2d([[-100, 2, 1, 0]], undefined, 'int32'));
    const loose = (o: unknown) => o as { ignoreIndex?: number; average?: boolean };
    expect(() => sequenceLogProbs(logits, labels, { ignoreIndex: 1.5 }), 'ignoreIndex 1.5').toThrow(RangeError);
    expect(() => sequenceLogProbs(logits, labels, loose({ ignoreIndex: '-100' })), "ignoreIndex '-100'").toThrow(
      TypeError,
    );
    expect(() => sequenceLogProbs(logits, labels, loose({ average: 'yes' })), "average 'yes'").toThrow(TypeError);
    expect(() => sequenceLogProbs([[[1]]] as unknown as tf.Tensor3D, labels), 'logits [[[1]]]').toThrow(TypeError);
    expect(() => sequenceLogProbs(logits, [[-100, 2, 1, 0]] as unknown as tf.Tensor2D), 'labels array').toThrow(
      TypeError,
    );
  });
  test.prop([badSeqCall], { numRuns: 40 })(
    'one bad sequenceLogProbs argument anywhere throws the named error',
    (bad) => {
      const { logits, labels, opts } = bad.args;
      expect(
        () =>
          withArgs([logits, labels], ([l, y]) => sequenceLogProbs(l as tf.Tensor3D, y as tf.Tensor2D, opts as never)),
        bad.what,
      ).toThrow(errorOf(bad.error));
    },
  );
  test.prop([badDpoCall], { numRuns: 40 })('one bad dpoLoss argument anywhere throws the named error', (bad) => {
    expect(
      () =>
        withArgs(bad.args.vectors, ([a, b, c, d]) =>
          dpoLoss(a as tf.Tensor1D, b as tf.Tensor1D, c as tf.Tensor1D, d as tf.Tensor1D, bad.args.opts as never),
        ),
      bad.what,
    ).toThrow(errorOf(bad.error));
  });
});

describe('dpo-loss: complexity and scale (JavaScript work: sequenceLogProbs ≤ 4·B·T + 100 steps, dpoLoss ≤ 100)', () => {
  test('sequenceLogProbs on [4, 64, 500] matches the float64 oracle (sum and average), within 4·B·T + 100 steps of JavaScript', () => {
    const B = 4;
    const T = 64;
    const V = 500;
    const logits = Array.from(randomValues(B * T * V, 7, 8));
    const labels = Array.from({ length: B * T }, (_, i) => (i % 5 === 0 ? -100 : (i * 37) % V));
    const lt = keep(tf.tensor3d(Float32Array.from(logits), [B, T, V], 'float32'));
    const yt = keep(tf.tensor2d(labels, [B, T], 'int32'));
    for (const average of [false, true]) {
      const expected = sequenceLogProbsOracle(logits, labels, B, T, V, -100, average);
      const out = expectWithinBudget(
        () => counted.sequenceLogProbs(lt, yt, { average }),
        { steps: 4 * B * T + 100, rule: `4·B·T + 100 for B = ${B}, T = ${T}` },
        { builtins: false },
      );
      expectTensorClose(
        keep(out),
        { shape: [B], data: Float64Array.from(expected) },
        { atol: 2e-3, rtol: 1e-4 },
        `average ${average}`,
      );
    }
  });

  test('dpoLoss on 10000 pairs matches the oracle (sigmoid, ε = 0.1), within 100 steps of JavaScript', () => {
    const n = 10000;
    const v = randomValues(4 * n, 11, 50);
    const part = (k: number) => Array.from(v.subarray(k * n, (k + 1) * n));
    const [pc, pr, rc, rr] = [part(0), part(1), part(2), part(3)];
    const made = [vec(pc), vec(pr), vec(rc), vec(rr)] as const;
    const out = expectWithinBudget(
      () => counted.dpoLoss(...made, { labelSmoothing: 0.1 }),
      { steps: 100, rule: '100, for any N' },
      { builtins: false },
    );
    keep(out.loss);
    keep(out.losses);
    keep(out.chosenRewards);
    keep(out.rejectedRewards);
    expectDpo(out, dpoLossOracle(pc, pr, rc, rr, 0.1, 0.1), 1e-4, 'n = 10000');
  });
});

function run(c: DpoCase, change?: Partial<DpoCase>): Result {
  const d = { ...c, ...change };
  return dpo(d.policyChosen, d.policyRejected, d.refChosen, d.refRejected, c.opts);
}
const values = (t: tf.Tensor) => Array.from(t.dataSync());
const tolOf = (c: DpoCase) => 1e-3 * Math.max(1, ...c.policyChosen.map(Math.abs), ...c.refRejected.map(Math.abs));

describe('dpo-loss: properties', () => {
  test.prop([dpoCase], { numRuns: 60 })('dpoLoss matches the float64 oracle (all loss types, β, ε)', (c) => {
    const o = c.opts;
    const expected = dpoLossOracle(
      c.policyChosen,
      c.policyRejected,
      c.refChosen,
      c.refRejected,
      o.beta,
      o.labelSmoothing,
      o.lossType,
    );
    expectDpo(run(c), expected, tolOf(c) * (o.lossType === 'ipo' ? 100 : 1), JSON.stringify(c));
  });

  test.prop([dpoCase, fc.constantFrom(-3, 0.5, 7)], { numRuns: 30 })(
    'the losses depend only on h: adding c to πc and refc (or πr and refr) changes nothing',
    (c, shift) => {
      const a = values(run(c).losses);
      const add = (xs: number[]) => xs.map((x) => Math.fround(x + shift));
      const b = values(run(c, { policyChosen: add(c.policyChosen), refChosen: add(c.refChosen) }).losses);
      const d = values(run(c, { policyRejected: add(c.policyRejected), refRejected: add(c.refRejected) }).losses);
      const scale = c.opts.lossType === 'ipo' ? 100 : 1;
      a.forEach((x, i) => {
        expect(Math.abs((b[i] as number) - x), `pair ${i}, chosen shifted by ${shift}`).toBeLessThan(tolOf(c) * scale);
        expect(Math.abs((d[i] as number) - x), `pair ${i}, rejected shifted by ${shift}`).toBeLessThan(
          tolOf(c) * scale,
        );
      });
    },
  );

  test.prop([dpoCase], { numRuns: 30 })('policy = reference gives ln 2 for sigmoid with any ε', (c) => {
    const opts = { ...c.opts, lossType: 'sigmoid' as const };
    const out = dpo(c.policyChosen, c.policyRejected, c.policyChosen, c.policyRejected, opts);
    const n = c.policyChosen.length;
    expectTensorClose(out.losses, { shape: [n], data: new Float64Array(n).fill(Math.LN2) }, { atol: 1e-5 }, 'h = 0');
  });

  test.prop([dpoCase], { numRuns: 30 })(
    'swapping chosen and rejected maps h → −h: sigmoid losses(h) − losses(−h) = −βh(1 − 2ε)',
    (c) => {
      const opts = { ...c.opts, lossType: 'sigmoid' as const };
      const beta = opts.beta ?? 0.1;
      const eps = opts.labelSmoothing ?? 0;
      const a = values(dpo(c.policyChosen, c.policyRejected, c.refChosen, c.refRejected, opts).losses);
      const b = values(dpo(c.policyRejected, c.policyChosen, c.refRejected, c.refChosen, opts).losses);
      a.forEach((x, i) => {
        const h =
          (c.policyChosen[i] as number) -
          (c.policyRejected[i] as number) -
          ((c.refChosen[i] as number) - (c.refRejected[i] as number));
        expect(x - (b[i] as number), `pair ${i}, h = ${h}`).toBeCloseTo(-beta * h * (1 - 2 * eps), 2);
      });
    },
  );

  test.prop([dpoCase, fc.double({ min: 0.01, max: 5, noNaN: true })], { numRuns: 30 })(
    'decreasing in h (ε = 0): raising πc by d > 0 never raises a sigmoid or hinge loss',
    (c, d) => {
      const up = c.policyChosen.map((x) => Math.fround(x + d));
      for (const lossType of ['sigmoid', 'hinge'] as const) {
        // cDPO (ε > 0) has its minimum at σ(βh) = 1 − ε, so only ε = 0 is monotone.
        const opts = { ...c.opts, lossType, labelSmoothing: 0 };
        const a = values(dpo(c.policyChosen, c.policyRejected, c.refChosen, c.refRejected, opts).losses);
        const b = values(dpo(up, c.policyRejected, c.refChosen, c.refRejected, opts).losses);
        a.forEach((x, i) => {
          expect(b[i] as number, `${lossType} pair ${i}: +${d}`).toBeLessThanOrEqual(x + 1e-6);
        });
      }
    },
  );

  test.prop([seqCase], { numRuns: 60 })(
    'sequenceLogProbs matches the float64 oracle (sum; average when defined)',
    (c) => {
      const tol = { atol: 1e-5 * 60 * c.T, rtol: 1e-5 };
      const sum = sequenceLogProbsOracle(c.logits, c.labels, c.B, c.T, c.V, c.ignoreIndex, false);
      const opts = c.ignoreIndex === -100 ? undefined : { ignoreIndex: c.ignoreIndex };
      expectTensorClose(seqLogProbs(c, opts), { shape: [c.B], data: Float64Array.from(sum) }, tol, JSON.stringify(c));
      if (c.everyRowCounted) {
        const avg = sequenceLogProbsOracle(c.logits, c.labels, c.B, c.T, c.V, c.ignoreIndex, true);
        expectTensorClose(
          seqLogProbs(c, { ignoreIndex: c.ignoreIndex, average: true }),
          { shape: [c.B], data: Float64Array.from(avg) },
          tol,
          `average: ${JSON.stringify(c)}`,
        );
      }
    },
  );
});
