import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/kl-divergence';
import { crossEntropy, entropy, type KlDivLossOptions, klDivergence, klDivLoss, logSoftmax } from '@impl/kl-divergence';
import {
  type Arg,
  type BadCall,
  badCall,
  type DistPair,
  distPair,
  finitePair,
  type KlDivLossCase,
  klDivLossCase,
} from './inputs.ts';
import {
  crossEntropyOracle,
  entropyOracle,
  klDivLossOracle,
  klOracle,
  logSoftmaxOracle,
  maxAbs,
  randomLogits,
} from './oracle.ts';
import { expectNoLeaks, useTensorBackend, disposeAfterEachTest } from '../../src/harness/tf.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

useTensorBackend();

// Every tensor a test makes (inputs and results) is disposed after the test.
const keep = disposeAfterEachTest();

/** A float32 tensor of `shape` from flat values (−Infinity allowed). */
function tensor(values: ArrayLike<number>, shape: readonly number[]): tf.Tensor {
  return keep(tf.tensor(Float32Array.from(values), [...shape], 'float32'));
}

/** A [V] float32 tensor. */
function vec(values: number[]): tf.Tensor {
  return tensor(values, [values.length]);
}

/** A [rows, V] float32 tensor. */
function mat(rows: number[][]): tf.Tensor {
  return tensor(rows.flat(), [rows.length, (rows[0] as number[]).length]);
}

/**
 * The result must be a float32 tf.Tensor of exactly `shape` whose values are within float32
 * round-off of the float64 `expected`: ±Infinity must match exactly, NaN never passes.
 * A float32 log-probability next to logits of size `scale` is exact only to about scale·2^-24, and
 * Σ p·log q multiplies that error in p by |log q| ≤ 2·scale: hence atol ~ scale + scale²·2^-22.
 */
function expectValues(
  actual: unknown,
  shape: readonly number[],
  expected: ArrayLike<number>,
  scale: number,
  what: string,
): void {
  expect(actual, `${what} must be a tf.Tensor`).toBeInstanceOf(tf.Tensor);
  const result = keep(actual as tf.Tensor);
  expect(result.shape, `${what}: shape`).toEqual([...shape]);
  expect(result.dtype, `${what}: dtype`).toBe('float32');
  const got = result.dataSync();
  const atol = 2e-5 * Math.max(1, scale) + 2.5e-7 * scale * scale;
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i] as number;
    const value = got[i] as number;
    const ok = Number.isFinite(want) ? Math.abs(value - want) <= atol + 2e-5 * Math.abs(want) : value === want;
    if (!ok) {
      const all = got.length <= 24 ? ` (all: [${Array.from(got).join(', ')}])` : '';
      expect.fail(`${what}: element ${i} is ${value}, expected ${want} (atol ${atol}, rtol 2e-5)${all}`);
    }
  }
}

/** Asserts `compute` throws `error` (RangeError by default) and leaves no tensor behind. */
function expectRangeError(
  compute: () => unknown,
  what: string,
  error: typeof RangeError | typeof TypeError = RangeError,
): void {
  const before = tf.memory().numTensors;
  expect(compute, what).toThrow(error);
  expect(tf.memory().numTensors - before, `${what}: tensors left behind after the ${error.name}`).toBe(0);
}

/** The five functions by name, for calls built from plain data (bad-input cases). */
const FUNCTIONS = { logSoftmax, entropy, crossEntropy, klDivergence, klDivLoss } as Record<
  BadCall['fn'],
  (...args: unknown[]) => unknown
>;

function argOf(arg: Arg): unknown {
  return 'tensor' in arg ? tensor(arg.tensor.values, arg.tensor.shape) : arg.notATensor;
}

function describeArg(arg: Arg): string {
  return 'tensor' in arg
    ? `[${arg.tensor.shape.join(', ')}] ${show(arg.tensor.values.slice(0, 12))}`
    : JSON.stringify(arg.notATensor);
}

/** The prompt's budget: at most 2·N + 64 steps of JavaScript work, N = elements of the tensor arguments. */
function withinWork<T>(call: () => T, tensors: readonly tf.Tensor[], what: string): T {
  const n = tensors.reduce((total, t) => total + t.size, 0);
  return expectWithinBudget(call, { steps: 2 * n + 64, rule: `2·N + 64 for N = ${n} (${what})` }, { builtins: false });
}

const LN9 = Math.log(9);

function rowsOf(shape: readonly number[]): number[] {
  return shape.slice(0, -1);
}

function show(values: ArrayLike<number>): string {
  return `[${Array.from(values).join(', ')}]`;
}

function describePair(c: DistPair): string {
  return `shape [${c.shape.join(', ')}], p logits ${show(c.p)}, q logits ${show(c.q)}`;
}

function describeLossCase(c: KlDivLossCase): string {
  return `klDivLoss(input ${show(c.input)}, target ${show(c.target)}, shape [${c.shape.join(', ')}], { reduction: ${c.reduction}, logTarget: ${c.logTarget} })`;
}

function optionsOf(c: KlDivLossCase): { reduction?: KlDivLossCase['reduction']; logTarget?: boolean } {
  return {
    ...(c.reduction !== undefined && { reduction: c.reduction }),
    ...(c.logTarget !== undefined && { logTarget: c.logTarget }),
  };
}

describe('kl-divergence: worked examples (float64 vectors)', () => {
  test('p = [.5, .5] (logits [0, 0]), q = [.9, .1] (logits [ln 9, 0]): KL(p‖q) = 0.510826 and KL(q‖p) = 0.368064, not symmetric', () => {
    expect(klOracle([0, 0], [LN9, 0], 2)[0]).toBeCloseTo(0.510826, 6);
    expect(klOracle([LN9, 0], [0, 0], 2)[0]).toBeCloseTo(0.368064, 6);
    expectValues(klDivergence(vec([0, 0]), vec([LN9, 0])), [], [0.510826], 1, 'klDivergence(p, q)');
    expectValues(klDivergence(vec([LN9, 0]), vec([0, 0])), [], [0.368064], 1, 'klDivergence(q, p)');
  });

  test('p = [.5, .5], q = [.9, .1]: H(p) = ln 2 = 0.693147 nats, H(p, q) = 1.203973 = H(p) + KL(p‖q)', () => {
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: the spec's 6-dp vector, checked against the oracle
    expect(entropyOracle([0, 0], 2)[0]).toBeCloseTo(0.693147, 6);
    expect(crossEntropyOracle([0, 0], [LN9, 0], 2)[0]).toBeCloseTo(1.203973, 6);
    expectValues(entropy(vec([0, 0])), [], [Math.LN2], 1, 'entropy([0, 0]) = ln 2');
    expectValues(crossEntropy(vec([0, 0]), vec([LN9, 0])), [], [1.203973], 1, 'crossEntropy(p, q)');
  });

  test('results are in nats (natural log), not bits: entropy of 4 equal logits = ln 4 = 1.386294 (log2 gives 2); KL([ln 3, 0] ‖ [0, 0]) = 0.130812', () => {
    expect(entropyOracle([0, 0, 0, 0], 4)[0]).toBeCloseTo(1.386294, 6);
    expect(klOracle([Math.log(3), 0], [0, 0], 2)[0]).toBeCloseTo(0.130812, 6);
    expectValues(entropy(vec([0, 0, 0, 0])), [], [Math.log(4)], 1, 'entropy([0, 0, 0, 0])');
    expectValues(
      crossEntropy(vec([0, 0, 0, 0]), vec([0, 0, 0, 0])),
      [],
      [Math.log(4)],
      1,
      'crossEntropy(uniform, uniform)',
    );
    expectValues(
      klDivergence(vec([Math.log(3), 0]), vec([0, 0])),
      [],
      [0.130812],
      1,
      'klDivergence([ln 3, 0], [0, 0])',
    );
  });

  test('logits p = [1, 2, 3], q = [3, 2, 1]: KL 1.150421, H(p) 0.832396, H(p, q) 1.982816; q + 100 gives the same KL', () => {
    expect(klOracle([1, 2, 3], [3, 2, 1], 3)[0]).toBeCloseTo(1.150421, 6);
    expect(entropyOracle([1, 2, 3], 3)[0]).toBeCloseTo(0.832396, 6);
    expect(crossEntropyOracle([1, 2, 3], [3, 2, 1], 3)[0]).toBeCloseTo(1.982816, 6);
    expect(klOracle([1, 2, 3], [103, 102, 101], 3)[0]).toBeCloseTo(1.150421, 6);
    expectValues(klDivergence(vec([1, 2, 3]), vec([3, 2, 1])), [], [1.150421], 3, 'klDivergence');
    expectValues(entropy(vec([1, 2, 3])), [], [0.832396], 3, 'entropy');
    expectValues(crossEntropy(vec([1, 2, 3]), vec([3, 2, 1])), [], [1.982816], 3, 'crossEntropy');
    expectValues(klDivergence(vec([1, 2, 3]), vec([103, 102, 101])), [], [1.150421], 103, 'klDivergence, q + 100');
  });

  test('logSoftmax([1, 2, 3]) = x − logsumexp(x); logSoftmax([1000, 0, −1000]) = [0, −1000, −2000], finite', () => {
    expectValues(logSoftmax(vec([1, 2, 3])), [3], logSoftmaxOracle([1, 2, 3], 3), 3, 'logSoftmax([1, 2, 3])');
    expectValues(logSoftmax(vec([1000, 0, -1000])), [3], [0, -1000, -2000], 1000, 'logSoftmax([1000, 0, -1000])');
  });

  test('p logits [1000, 0], q logits [0, 1000]: KL = 1000 and H(p) = 0, finite (log(softmax) gives Infinity or NaN)', () => {
    expect(klOracle([1000, 0], [0, 1000], 2)[0]).toBeCloseTo(1000, 6);
    expectValues(klDivergence(vec([1000, 0]), vec([0, 1000])), [], [1000], 1000, 'klDivergence');
    expectValues(entropy(vec([1000, 0])), [], [0], 1000, 'entropy([1000, 0])');
    expectValues(crossEntropy(vec([1000, 0]), vec([0, 1000])), [], [1000], 1000, 'crossEntropy');
  });

  test('0·log 0 = 0: p logits [−∞, 0, 0], q [0, 0, 0] gives KL = ln 1.5 = 0.405465, not NaN; H(p) = ln 2, H(p, q) = ln 3', () => {
    expect(klOracle([-Infinity, 0, 0], [0, 0, 0], 3)[0]).toBeCloseTo(0.405465, 6);
    expectValues(klDivergence(vec([-Infinity, 0, 0]), vec([0, 0, 0])), [], [0.405465], 1, 'klDivergence');
    expectValues(entropy(vec([-Infinity, 0, 0])), [], [Math.LN2], 1, 'entropy([−∞, 0, 0])');
    expectValues(crossEntropy(vec([-Infinity, 0, 0]), vec([0, 0, 0])), [], [Math.log(3)], 1, 'crossEntropy');
    expectValues(logSoftmax(vec([-Infinity, 0, 0])), [3], [-Infinity, -Math.LN2, -Math.LN2], 1, 'logSoftmax');
  });

  test('p > 0 where q = 0 gives +Infinity: p logits [0, 0], q [0, −∞]; but p = 0 where q = 0 adds nothing', () => {
    expect(klOracle([0, 0], [0, -Infinity], 2)[0]).toBe(Infinity);
    expectValues(klDivergence(vec([0, 0]), vec([0, -Infinity])), [], [Infinity], 1, 'klDivergence');
    expectValues(crossEntropy(vec([0, 0]), vec([0, -Infinity])), [], [Infinity], 1, 'crossEntropy');
    expectValues(klDivergence(vec([0, -Infinity]), vec([0, -Infinity])), [], [0], 1, 'klDivergence, both −∞');
    expectValues(
      klDivergence(vec([0, -Infinity, 0]), vec([0, -Infinity, LN9])),
      [],
      klOracle([0, -Infinity, 0], [0, -Infinity, LN9], 3),
      1,
      'klDivergence([0, −∞, 0], [0, −∞, ln 9])',
    );
  });
});

describe('kl-divergence: klDivLoss (PyTorch F.kl_div semantics)', () => {
  const P = [
    [0.5, 0.5],
    [0.2, 0.8],
  ];
  const Q = [
    [0.9, 0.1],
    [0.5, 0.5],
  ];
  const logQ = Q.map((row) => row.map(Math.log));
  const logP = P.map((row) => row.map(Math.log));
  const shape = [2, 2];

  test("klDivLoss(log Q, P) per row is KL(P‖Q), not KL(Q‖P): 'none' rows sum to 0.510826 and 0.192745", () => {
    const expected = klDivLossOracle(logQ.flat(), P.flat(), shape, 'none');
    const [a = NaN, b = NaN, c = NaN, d = NaN] = expected;
    expect(a + b).toBeCloseTo(0.510826, 6);
    expect(c + d).toBeCloseTo(0.192745, 6);
    expectValues(klDivLoss(mat(logQ), mat(P), { reduction: 'none' }), shape, expected, 1, "reduction 'none'");
  });

  test("'sum' = 0.70357, 'batchmean' = 0.351785 (the KL per sample), 'mean' = 0.175893 (divides by all 4 elements: not a KL)", () => {
    expect(klDivLossOracle(logQ.flat(), P.flat(), shape, 'sum')[0]).toBeCloseTo(0.70357, 5);
    expect(klDivLossOracle(logQ.flat(), P.flat(), shape, 'batchmean')[0]).toBeCloseTo(0.351785, 6);
    expect(klDivLossOracle(logQ.flat(), P.flat(), shape, 'mean')[0]).toBeCloseTo(0.175893, 6);
    expectValues(klDivLoss(mat(logQ), mat(P), { reduction: 'sum' }), [], [0.70357], 1, "reduction 'sum'");
    expectValues(klDivLoss(mat(logQ), mat(P), { reduction: 'batchmean' }), [], [0.351785], 1, "'batchmean'");
    expectValues(klDivLoss(mat(logQ), mat(P), { reduction: 'mean' }), [], [0.175893], 1, "reduction 'mean'");
  });

  test("the default reduction is 'mean' (no options, {} and { reduction: undefined }): 0.175893", () => {
    expectValues(klDivLoss(mat(logQ), mat(P)), [], [0.175893], 1, 'klDivLoss(log Q, P)');
    expectValues(klDivLoss(mat(logQ), mat(P), {}), [], [0.175893], 1, 'klDivLoss(log Q, P, {})');
    expectValues(
      klDivLoss(mat(logQ), mat(P), { reduction: undefined }),
      [],
      [0.175893],
      1,
      'klDivLoss(log Q, P, { reduction: undefined })',
    );
    // Any object will do as opts, also one without a prototype.
    const bare = Object.assign(Object.create(null) as KlDivLossOptions, { reduction: 'sum' as const });
    expectValues(
      klDivLoss(mat(logQ), mat(P), bare),
      [],
      [0.70357],
      1,
      "opts without a prototype: { reduction: 'sum' }",
    );
  });

  test("logTarget: true takes log P as the target: same values ('none' and 'batchmean' = 0.351785)", () => {
    expectValues(
      klDivLoss(mat(logQ), mat(logP), { reduction: 'none', logTarget: true }),
      shape,
      klDivLossOracle(logQ.flat(), P.flat(), shape, 'none'),
      1,
      "logTarget, 'none'",
    );
    expectValues(
      klDivLoss(mat(logQ), mat(logP), { reduction: 'batchmean', logTarget: true }),
      [],
      [0.351785],
      1,
      "logTarget, 'batchmean'",
    );
    expectValues(klDivLoss(mat(logQ), mat(P), { logTarget: false }), [], [0.175893], 1, 'logTarget: false');
  });

  test('a zero target contributes 0 (0·log 0 = 0): input [[−1, −2]], target [[0, 1]] → [[0, 2]]', () => {
    expectValues(klDivLoss(mat([[-1, -2]]), mat([[0, 1]]), { reduction: 'none' }), [1, 2], [0, 2], 1, 'klDivLoss');
    expectValues(klDivLoss(mat([[-1, -2]]), mat([[0, 1]]), { reduction: 'sum' }), [], [2], 1, "klDivLoss 'sum'");
  });

  test('logTarget: a −∞ log target contributes 0, not NaN as in PyTorch (exp(−∞)·(−∞ − input) = 0·(−∞)): input [[−1, −2, −0.5]], log target [[−∞, 0, −∞]] → [[0, 2, 0]]', () => {
    const input = mat([[-1, -2, -0.5]]);
    const logTarget = mat([[-Infinity, 0, -Infinity]]);
    expectValues(
      klDivLoss(input, logTarget, { reduction: 'none', logTarget: true }),
      [1, 3],
      [0, 2, 0],
      1,
      "klDivLoss with logTarget, 'none'",
    );
    expectValues(klDivLoss(input, logTarget, { reduction: 'sum', logTarget: true }), [], [2], 1, "logTarget, 'sum'");
    expectValues(klDivLoss(input, logTarget, { logTarget: true }), [], [2 / 3], 1, "logTarget, 'mean'");
  });

  test('an input of −∞ (q = 0) gives +Infinity where p > 0 and 0 where p = 0, never NaN: input [[−∞, −1], [−∞, −0.5]], target [[0, 1], [.5, .5]]', () => {
    const input = mat([
      [-Infinity, -1],
      [-Infinity, -0.5],
    ]);
    const target = mat([
      [0, 1],
      [0.5, 0.5],
    ]);
    const want = klDivLossOracle([-Infinity, -1, -Infinity, -0.5], [0, 1, 0.5, 0.5], [2, 2], 'none');
    expect(Array.from(want), 'oracle').toEqual([0, 1, Infinity, 0.5 * (Math.log(0.5) + 0.5)]);
    expectValues(klDivLoss(input, target, { reduction: 'none' }), [2, 2], want, 1, "klDivLoss 'none'");
    expectValues(klDivLoss(input, target, { reduction: 'batchmean' }), [], [Infinity], 1, "'batchmean'");
    expectValues(
      klDivLoss(mat([[-Infinity, -1]]), mat([[-Infinity, 0]]), { reduction: 'sum', logTarget: true }),
      [],
      [1],
      1,
      'input −∞ against a log target −∞',
    );
  });

  test('targets above 1 or rows that do not sum to 1 are not errors: target [[2, 0.5]] against input [[−1, −2]] follows the pointwise formula', () => {
    const want = klDivLossOracle([-1, -2], [2, 0.5], [1, 2], 'none');
    expectValues(klDivLoss(mat([[-1, -2]]), mat([[2, 0.5]]), { reduction: 'none' }), [1, 2], want, 2, 'klDivLoss');
    expectValues(
      klDivLoss(mat([[-1, -2]]), mat([[0.1, 0.2]]), { reduction: 'sum' }),
      [],
      klDivLossOracle([-1, -2], [0.1, 0.2].map(Math.fround), [1, 2], 'sum'),
      2,
      'a target row summing to 0.3',
    );
  });

  test("'batchmean' divides by input.shape[0] only: [2, 3, 2] divides by 2; a rank-1 [4] input divides by 4", () => {
    const input = randomLogits(12, 2, 11, 2);
    const target = [0.1, 0.9, 0.5, 0.5, 0.3, 0.7, 1, 0, 0.25, 0.75, 0.6, 0.4];
    expectValues(
      klDivLoss(tensor(input, [2, 3, 2]), tensor(target, [2, 3, 2]), { reduction: 'batchmean' }),
      [],
      klDivLossOracle(input, target, [2, 3, 2], 'batchmean'),
      2,
      "'batchmean' on [2, 3, 2]",
    );
    const input1 = [-1, -2, -0.5, -3];
    const target1 = [0.1, 0.2, 0.3, 0.4];
    expectValues(
      klDivLoss(vec(input1), vec(target1), { reduction: 'batchmean' }),
      [],
      klDivLossOracle(input1, target1, [4], 'batchmean'),
      3,
      "'batchmean' on [4]",
    );
  });

  test('the input is log q, not q: target p = [.5, .5] against input log [.9, .1] vs the probabilities themselves differ', () => {
    // Taking log of the input again (treating it as probabilities) would give log(log q): NaN here.
    expectValues(
      klDivLoss(mat([[-0.1, -2.3]]), mat([[0.5, 0.5]]), { reduction: 'sum' }),
      [],
      klDivLossOracle([-0.1, -2.3], [0.5, 0.5], [1, 2], 'sum'),
      3,
      'klDivLoss(input [[−0.1, −2.3]], target [[.5, .5]])',
    );
  });
});

describe('kl-divergence: shapes, V = 1, hygiene', () => {
  test('entropy, crossEntropy and klDivergence reduce the last axis: [2, 3, 4] → [2, 3], [4] → [] (a scalar)', () => {
    const p = randomLogits(24, 4, 1, 3);
    const q = randomLogits(24, 4, 2, 3);
    expectValues(entropy(tensor(p, [2, 3, 4])), [2, 3], entropyOracle(p, 4), 3, 'entropy [2, 3, 4]');
    expectValues(
      crossEntropy(tensor(p, [2, 3, 4]), tensor(q, [2, 3, 4])),
      [2, 3],
      crossEntropyOracle(p, q, 4),
      3,
      'crossEntropy',
    );
    expectValues(
      klDivergence(tensor(p, [2, 3, 4]), tensor(q, [2, 3, 4])),
      [2, 3],
      klOracle(p, q, 4),
      3,
      'klDivergence',
    );
    expectValues(
      klDivergence(tensor(p.slice(0, 4), [4]), tensor(q.slice(0, 4), [4])),
      [],
      klOracle(p.slice(0, 4), q.slice(0, 4), 4),
      3,
      'klDivergence [4]',
    );
  });

  test('logSoftmax keeps the shape and normalises the LAST axis: [2, 3] rows, not columns', () => {
    const x = [1, 2, 3, 0, 0, 5];
    expectValues(logSoftmax(tensor(x, [2, 3])), [2, 3], logSoftmaxOracle(x, 3), 5, 'logSoftmax [2, 3]');
    const y = randomLogits(24, 4, 3, 5);
    expectValues(logSoftmax(tensor(y, [2, 3, 4])), [2, 3, 4], logSoftmaxOracle(y, 4), 5, 'logSoftmax [2, 3, 4]');
  });

  test("klDivLoss: 'none' keeps the input's shape [2, 3, 2]; 'sum', 'mean', 'batchmean' return shape []", () => {
    const input = randomLogits(12, 2, 5, 1).map((x) => x - 1);
    const target = [0.1, 0.9, 0.5, 0.5, 0.3, 0.7, 1, 0, 0.25, 0.75, 0.6, 0.4];
    for (const reduction of ['none', 'sum', 'mean', 'batchmean'] as const) {
      expectValues(
        klDivLoss(tensor(input, [2, 3, 2]), tensor(target, [2, 3, 2]), { reduction }),
        reduction === 'none' ? [2, 3, 2] : [],
        klDivLossOracle(input, target, [2, 3, 2], reduction),
        2,
        `klDivLoss reduction '${reduction}'`,
      );
    }
  });

  test('V = 1: the only class has probability 1, so logSoftmax = 0, H = 0, KL = 0, H(p, q) = 0', () => {
    const p = tensor([5, -3, 0], [3, 1]);
    const q = tensor([-7, 2, 9], [3, 1]);
    expectValues(logSoftmax(p), [3, 1], [0, 0, 0], 9, 'logSoftmax [3, 1]');
    expectValues(entropy(p), [3], [0, 0, 0], 9, 'entropy [3, 1]');
    expectValues(klDivergence(p, q), [3], [0, 0, 0], 9, 'klDivergence [3, 1]');
    expectValues(crossEntropy(p, q), [3], [0, 0, 0], 9, 'crossEntropy [3, 1]');
  });

  test('stable up to |logits| = 1e4: [8, 1000] rows of random logits match the float64 oracle and stay finite', () => {
    const p = randomLogits(8000, 1000, 21, 1e4);
    const q = randomLogits(8000, 1000, 22, 1e4);
    const pt = tensor(p, [8, 1000]);
    const qt = tensor(q, [8, 1000]);
    expectValues(klDivergence(pt, qt), [8], klOracle(p, q, 1000), 1e4, 'klDivergence, |logits| ≤ 1e4');
    expectValues(entropy(pt), [8], entropyOracle(p, 1000), 1e4, 'entropy, |logits| ≤ 1e4');
    expectValues(crossEntropy(pt, qt), [8], crossEntropyOracle(p, q, 1000), 1e4, 'crossEntropy, |logits| ≤ 1e4');
    expectValues(logSoftmax(pt), [8, 1000], logSoftmaxOracle(p, 1000), 1e4, 'logSoftmax, |logits| ≤ 1e4');
  });

  test('leaks no tensors: each function keeps only the tensor it returns', () => {
    const p = mat([
      [1, 2, 3],
      [0, -Infinity, 1],
    ]);
    const q = mat([
      [3, 2, 1],
      [0, 0, 0],
    ]);
    const target = mat([
      [0.2, 0.3, 0.5],
      [0, 0.5, 0.5],
    ]);
    keep(expectNoLeaks(() => logSoftmax(p), 'logSoftmax'));
    keep(expectNoLeaks(() => entropy(p), 'entropy'));
    keep(expectNoLeaks(() => crossEntropy(p, q), 'crossEntropy'));
    const kl = keep(expectNoLeaks(() => klDivergence(p, q), 'klDivergence'));
    expectValues(kl, [2], klOracle([1, 2, 3, 0, -Infinity, 1], [3, 2, 1, 0, 0, 0], 3), 3, 'klDivergence');
    for (const reduction of ['none', 'sum', 'mean', 'batchmean'] as const) {
      keep(expectNoLeaks(() => klDivLoss(q, target, { reduction }), `klDivLoss '${reduction}'`));
      keep(expectNoLeaks(() => klDivLoss(q, p, { reduction, logTarget: true }), `klDivLoss '${reduction}', logTarget`));
    }
  });

  test('does not dispose or change its inputs', () => {
    const p = vec([1, 2, 3]);
    const q = vec([3, 2, 1]);
    expectValues(klDivergence(p, q), [], [1.150421], 3, 'klDivergence');
    keep(entropy(p));
    keep(crossEntropy(p, q));
    keep(logSoftmax(p));
    keep(klDivLoss(q, vec([0.2, 0.3, 0.5])));
    for (const [name, t] of Object.entries({ p, q })) expect(t.isDisposed, `${name} was disposed`).toBe(false);
    expect(Array.from(p.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(q.dataSync())).toEqual([3, 2, 1]);
  });
});

describe('kl-divergence: bad input throws RangeError (and leaks nothing)', () => {
  test('a rank-0 tensor (scalar): logSoftmax, entropy, crossEntropy, klDivergence, klDivLoss', () => {
    const s = keep(tf.scalar(1));
    const t = keep(tf.scalar(0.5));
    expectRangeError(() => logSoftmax(s), 'logSoftmax(scalar)');
    expectRangeError(() => entropy(s), 'entropy(scalar)');
    expectRangeError(() => crossEntropy(s, s), 'crossEntropy(scalar, scalar)');
    expectRangeError(() => klDivergence(s, s), 'klDivergence(scalar, scalar)');
    expectRangeError(() => klDivLoss(s, t), 'klDivLoss(scalar, scalar)');
  });

  test('V = 0 (an empty last axis, shape [2, 0]) in every function', () => {
    const e = tensor([], [2, 0]);
    expectRangeError(() => logSoftmax(e), 'logSoftmax [2, 0]');
    expectRangeError(() => entropy(e), 'entropy [2, 0]');
    expectRangeError(() => crossEntropy(e, e), 'crossEntropy [2, 0]');
    expectRangeError(() => klDivergence(e, e), 'klDivergence [2, 0]');
    expectRangeError(() => klDivLoss(e, e, { reduction: 'sum' }), 'klDivLoss [2, 0]');
  });

  test('shapes that differ, even when they would broadcast: [2, 3] vs [3, 2] or [2, 4], [2, 3] vs [3], [3] vs [1, 3], [3] vs [3, 1]', () => {
    const a = tensor([0, 1, 2, 3, 4, 5], [2, 3]);
    const b = tensor([0, 1, 2, 3, 4, 5], [3, 2]);
    const v = tensor([0, 1, 2], [3]);
    const row = tensor([0, 1, 2], [1, 3]);
    const col = tensor([0, 1, 2], [3, 1]);
    const wide = tensor([0, 1, 2, 3, 4, 5, 6, 7], [2, 4]);
    const probs = tensor([0.2, 0.3, 0.5], [3]);
    const pairs: [string, tf.Tensor, tf.Tensor][] = [
      ['[2, 3] vs [3, 2]', a, b],
      ['[2, 3] vs [2, 4]', a, wide],
      ['[2, 3] vs [3]', a, v],
      ['[3] vs [1, 3]', v, row],
      ['[3] vs [3, 1]', v, col],
      ['[3, 1] vs [3]', col, v],
    ];
    for (const [what, x, y] of pairs) {
      expectRangeError(() => crossEntropy(x, y), `crossEntropy ${what}`);
      expectRangeError(() => klDivergence(x, y), `klDivergence ${what}`);
    }
    expectRangeError(() => klDivLoss(a, probs, { reduction: 'sum' }), 'klDivLoss input [2, 3], target [3]');
    expectRangeError(() => klDivLoss(row, probs), 'klDivLoss input [1, 3], target [3]');
    expectRangeError(() => klDivLoss(col, probs, { reduction: 'none' }), 'klDivLoss input [3, 1], target [3]');
  });

  test("an unknown reduction ('avg', 'elementwise_mean', 'batchMean')", () => {
    const input = mat([[-0.5, -1]]);
    const target = mat([[0.5, 0.5]]);
    for (const reduction of ['avg', 'elementwise_mean', 'batchMean']) {
      expectRangeError(() => klDivLoss(input, target, { reduction: reduction as 'mean' }), `reduction '${reduction}'`);
    }
  });

  test('a negative target probability in klDivLoss (target [[0.6, −0.1, 0.5]]); with logTarget negative values are fine', () => {
    const input = mat([[-1, -1, -1]]);
    const negative = mat([[0.6, -0.1, 0.5]]);
    const first = mat([[-0.5, 1, 0.5]]);
    expectRangeError(() => klDivLoss(input, negative), 'target [[0.6, −0.1, 0.5]]');
    expectRangeError(() => klDivLoss(input, first, { reduction: 'none' }), "target [[−0.5, 1, 0.5]], 'none'");
    const logs = [Math.log(0.6), Math.log(0.1), Math.log(0.3)];
    expectValues(
      klDivLoss(input, mat([logs]), { reduction: 'sum', logTarget: true }),
      [],
      klDivLossOracle([-1, -1, -1], [0.6, 0.1, 0.3].map(Math.fround), [1, 3], 'sum'),
      1,
      'klDivLoss with logTarget and log-probability targets',
    );
  });
});

describe('kl-divergence: bad input throws TypeError', () => {
  test('an argument that is not a tf.Tensor (a nested array, a number, null, an object that only looks like one) throws TypeError, in every function and position', () => {
    const good = mat([
      [0, 1],
      [2, 3],
    ]);
    const probs = mat([
      [0.5, 0.5],
      [0.2, 0.8],
    ]);
    for (const bad of [
      [
        [0, 1],
        [2, 3],
      ],
      0.5,
      null,
      // What a tensor of a second copy of tfjs looks like to this one: rank and shape, but no tf.Tensor.
      { rank: 2, shape: [2, 2], size: 4, dtype: 'float32' },
    ]) {
      const what = JSON.stringify(bad);
      expectRangeError(() => logSoftmax(bad as never), `logSoftmax(${what})`, TypeError);
      expectRangeError(() => entropy(bad as never), `entropy(${what})`, TypeError);
      expectRangeError(() => crossEntropy(bad as never, good), `crossEntropy(${what}, q)`, TypeError);
      expectRangeError(() => crossEntropy(good, bad as never), `crossEntropy(p, ${what})`, TypeError);
      expectRangeError(() => klDivergence(bad as never, good), `klDivergence(${what}, q)`, TypeError);
      expectRangeError(() => klDivergence(good, bad as never), `klDivergence(p, ${what})`, TypeError);
      expectRangeError(() => klDivLoss(bad as never, probs), `klDivLoss(${what}, target)`, TypeError);
      expectRangeError(() => klDivLoss(good, bad as never), `klDivLoss(input, ${what})`, TypeError);
    }
  });

  test("opts that is not an object throws TypeError: klDivLoss(input, target, 'sum') (a reduction passed positionally) and null", () => {
    const input = mat([[-0.5, -1]]);
    const target = mat([[0.5, 0.5]]);
    for (const opts of ['sum', 'batchmean', null, 2]) {
      expectRangeError(
        () => klDivLoss(input, target, opts as never),
        `klDivLoss(input, target, ${JSON.stringify(opts)})`,
        TypeError,
      );
    }
  });

  test("logTarget that is not a boolean throws TypeError: { logTarget: 'true' }, { logTarget: 1 }", () => {
    const input = mat([[-0.5, -1]]);
    const target = mat([[0.5, 0.5]]);
    for (const logTarget of ['true', 1, 'false', 0]) {
      expectRangeError(
        () => klDivLoss(input, target, { logTarget: logTarget as never }),
        `{ logTarget: ${JSON.stringify(logTarget)} }`,
        TypeError,
      );
    }
  });
});

describe('kl-divergence: bad values throw RangeError (and leak nothing)', () => {
  test('a NaN or +Infinity logit throws RangeError in every function (−Infinity is a valid logit)', () => {
    const good = mat([
      [0, 1, -Infinity],
      [2, 3, 1],
    ]);
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const bad = mat([
        [0, 1, 2],
        [2, x, 1],
      ]);
      expectRangeError(() => logSoftmax(bad), `logSoftmax with a ${x} logit`);
      expectRangeError(() => entropy(bad), `entropy with a ${x} logit`);
      expectRangeError(() => crossEntropy(bad, good), `crossEntropy with a ${x} logit in p`);
      expectRangeError(() => crossEntropy(good, bad), `crossEntropy with a ${x} logit in q`);
      expectRangeError(() => klDivergence(bad, good), `klDivergence with a ${x} logit in p`);
      expectRangeError(() => klDivergence(good, bad), `klDivergence with a ${x} logit in q`);
    }
  });

  test('a row whose logits are all −∞ has no distribution and throws RangeError: [[0, 1], [−∞, −∞]]', () => {
    const good = mat([
      [0, 1],
      [2, 3],
    ]);
    const bad = mat([
      [0, 1],
      [-Infinity, -Infinity],
    ]);
    expectRangeError(() => logSoftmax(bad), 'logSoftmax');
    expectRangeError(() => entropy(bad), 'entropy');
    expectRangeError(() => crossEntropy(bad, good), 'crossEntropy, p');
    expectRangeError(() => crossEntropy(good, bad), 'crossEntropy, q');
    expectRangeError(() => klDivergence(bad, good), 'klDivergence, p');
    expectRangeError(() => klDivergence(good, bad), 'klDivergence, q');
    const single = vec([-Infinity]);
    expectRangeError(() => logSoftmax(single), 'logSoftmax([−∞])');
  });

  test('a NaN or +Infinity klDivLoss input throws RangeError (−Infinity is log 0 and valid)', () => {
    const target = mat([[0.25, 0.75]]);
    const logTarget = mat([[-1, 0]]);
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const first = mat([[-1, x]]);
      const second = mat([[x, -1]]);
      expectRangeError(() => klDivLoss(first, target), `input [[−1, ${x}]]`);
      expectRangeError(() => klDivLoss(second, logTarget, { logTarget: true }), `input [[${x}, −1]], logTarget`);
    }
  });

  test('a NaN or +Infinity target throws RangeError, as a probability or as a log target (a log target of −∞ is valid)', () => {
    const input = mat([[-1, -1, -1]]);
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const probs = mat([[0.5, x, 0.5]]);
      const logs = mat([[-1, -2, x]]);
      expectRangeError(() => klDivLoss(input, probs), `target [[0.5, ${x}, 0.5]]`);
      expectRangeError(
        () => klDivLoss(input, logs, { reduction: 'sum', logTarget: true }),
        `log target [[−1, −2, ${x}]]`,
      );
    }
  });

  test.prop([badCall], { numRuns: 80 })('one bad argument anywhere throws its named error and leaks nothing', (c) => {
    const args = c.args.map(argOf);
    const call = () => (c.opts === undefined ? FUNCTIONS[c.fn](...args) : FUNCTIONS[c.fn](...args, c.opts.value));
    const what = `${c.fn}(${c.args.map(describeArg).join(', ')}${c.opts === undefined ? '' : `, ${JSON.stringify(c.opts.value)}`}): ${c.why}`;
    expectRangeError(call, what, c.error === 'TypeError' ? TypeError : RangeError);
  });
});

describe('kl-divergence: JavaScript work (at most 2·N + 64 steps per call, N = elements of the tensor arguments)', () => {
  const p = randomLogits(16 * 512, 512, 31, 8);
  const q = randomLogits(16 * 512, 512, 32, 8);

  test('logSoftmax and entropy of [16, 512] logits: within 2·N + 64 steps (tensor ops, no loop over elements or rows)', () => {
    const pt = tensor(p, [16, 512]);
    const out = withinWork(() => counted.logSoftmax(pt), [pt], 'logSoftmax');
    expectValues(keep(out), [16, 512], logSoftmaxOracle(p, 512), 8, 'logSoftmax [16, 512]');
    expectValues(
      withinWork(() => counted.entropy(pt), [pt], 'entropy'),
      [16],
      entropyOracle(p, 512),
      8,
      'entropy',
    );
  });

  test('crossEntropy and klDivergence of two [16, 512] tensors: within 2·N + 64 steps', () => {
    const pt = tensor(p, [16, 512]);
    const qt = tensor(q, [16, 512]);
    expectValues(
      withinWork(() => counted.crossEntropy(pt, qt), [pt, qt], 'crossEntropy'),
      [16],
      crossEntropyOracle(p, q, 512),
      8,
      'crossEntropy',
    );
    expectValues(
      withinWork(() => counted.klDivergence(pt, qt), [pt, qt], 'klDivergence'),
      [16],
      klOracle(p, q, 512),
      8,
      'klDivergence',
    );
  });

  test('klDivLoss on [16, 512] (every reduction, logTarget too): within 2·N + 64 steps', () => {
    const logQ = logSoftmaxOracle(q, 512).map(Math.fround);
    const probs = Float64Array.from(logSoftmaxOracle(p, 512), (x) => Math.fround(Math.exp(x)));
    const input = tensor(logQ, [16, 512]);
    const target = tensor(probs, [16, 512]);
    const logTarget = tensor(
      probs.map((x) => (x === 0 ? -Infinity : Math.fround(Math.log(x)))),
      [16, 512],
    );
    for (const reduction of ['none', 'sum', 'mean', 'batchmean'] as const) {
      const out = withinWork(() => counted.klDivLoss(input, target, { reduction }), [input, target], reduction);
      expectValues(
        out,
        reduction === 'none' ? [16, 512] : [],
        klDivLossOracle(logQ, probs, [16, 512], reduction),
        16,
        `klDivLoss '${reduction}'`,
      );
    }
    const out = withinWork(
      () => counted.klDivLoss(input, logTarget, { reduction: 'sum', logTarget: true }),
      [input, logTarget],
      'logTarget',
    );
    expectValues(out, [], klDivLossOracle(logQ, probs, [16, 512], 'sum'), 16, "klDivLoss 'sum', logTarget");
  });
});

function run(c: DistPair) {
  const V = c.shape.at(-1) as number;
  const p = tensor(c.p, c.shape);
  const q = tensor(c.q, c.shape);
  return { V, p, q, rows: rowsOf(c.shape), scale: Math.max(1, maxAbs(c.p, c.q)) };
}

describe('kl-divergence: properties against the float64 oracle', () => {
  test.prop([distPair], { numRuns: 60 })('klDivergence matches Σ p(log p − log q) per row (±∞ exactly)', (c) => {
    const { V, p, q, rows, scale } = run(c);
    expectValues(klDivergence(p, q), rows, klOracle(c.p, c.q, V), scale, `klDivergence: ${describePair(c)}`);
  });

  test.prop([distPair], { numRuns: 60 })('entropy and crossEntropy match −Σ p log p and −Σ p log q per row', (c) => {
    const { V, p, q, rows, scale } = run(c);
    expectValues(entropy(p), rows, entropyOracle(c.p, V), scale, `entropy: ${describePair(c)}`);
    expectValues(crossEntropy(p, q), rows, crossEntropyOracle(c.p, c.q, V), scale, `crossEntropy: ${describePair(c)}`);
  });

  test.prop([distPair], { numRuns: 40 })('logSoftmax matches x − logsumexp(x) over the last axis', (c) => {
    const { V, p, scale } = run(c);
    expectValues(logSoftmax(p), c.shape, logSoftmaxOracle(c.p, V), scale, `logSoftmax: ${describePair(c)}`);
  });

  test.prop([distPair], { numRuns: 40 })('KL ≥ 0 (up to float32 round-off), and CE = H + KL', (c) => {
    const { p, q, scale } = run(c);
    const kl = Array.from(keep(klDivergence(p, q)).dataSync());
    const h = Array.from(keep(entropy(p)).dataSync());
    const ce = Array.from(keep(crossEntropy(p, q)).dataSync());
    const tol = 4e-5 * scale + 5e-7 * scale * scale;
    kl.forEach((value, i) => {
      expect(value >= -tol, `KL row ${i} = ${value} < 0: ${describePair(c)}`).toBe(true);
      const sum = (h[i] as number) + value;
      const message = `row ${i}: CE ${ce[i]} ≠ H ${h[i]} + KL ${value}: ${describePair(c)}`;
      if (!Number.isFinite(sum)) expect(ce[i], message).toBe(sum);
      else expect(Math.abs((ce[i] as number) - sum) <= tol + 4e-5 * Math.abs(sum), message).toBe(true);
    });
  });

  test.prop([distPair], { numRuns: 30 })('KL(p‖p) = 0 and CE(p, p) = H(p)', (c) => {
    const { V, p, rows, scale } = run(c);
    expectValues(
      klDivergence(p, p),
      rows,
      new Float64Array(c.p.length / V),
      scale,
      `klDivergence(p, p): ${describePair(c)}`,
    );
    expectValues(crossEntropy(p, p), rows, entropyOracle(c.p, V), scale, `crossEntropy(p, p): ${describePair(c)}`);
  });

  test.prop([distPair, fc.integer({ min: 0, max: 2 ** 31 - 1 })], { numRuns: 30 })(
    'adding a constant to every logit of a row (of p or of q) changes nothing',
    (c, seed) => {
      const V = c.shape.at(-1) as number;
      const shifts = randomLogits(c.p.length / V, 1, seed, 100).map(Math.round);
      const shift = (x: Float64Array, sign: number) =>
        x.map((v, i) => Math.fround(v + sign * (shifts[Math.floor(i / V)] as number)));
      const shifted = { ...c, p: shift(c.p, 1), q: shift(c.q, -1) };
      const { p, q, rows, scale } = run(shifted);
      expectValues(
        klDivergence(p, q),
        rows,
        klOracle(c.p, c.q, V),
        scale,
        `klDivergence, rows shifted: ${describePair(shifted)}`,
      );
      expectValues(entropy(p), rows, entropyOracle(c.p, V), scale, `entropy, rows shifted: ${describePair(shifted)}`);
    },
  );

  test.prop([finitePair], { numRuns: 30 })('finite for finite logits up to |x| = 1e4', (c) => {
    const { p, q } = run(c);
    for (const [name, result] of [
      ['klDivergence', klDivergence(p, q)],
      ['entropy', entropy(p)],
      ['crossEntropy', crossEntropy(p, q)],
      ['logSoftmax', logSoftmax(p)],
    ] as const) {
      const values = Array.from(keep(result).dataSync());
      expect(values.every(Number.isFinite), `${name} = [${values.join(', ')}]: ${describePair(c)}`).toBe(true);
    }
  });

  test.prop([klDivLossCase], { numRuns: 60 })(
    'klDivLoss matches the pointwise p·(log p − input) with its reduction',
    (c) => {
      const result = klDivLoss(tensor(c.input, c.shape), tensor(c.target, c.shape), optionsOf(c));
      const reduction = c.reduction ?? 'mean';
      expectValues(
        result,
        reduction === 'none' ? c.shape : [],
        klDivLossOracle(c.input, c.target, c.shape, reduction, c.logTarget ?? false),
        maxAbs(c.input),
        describeLossCase(c),
      );
    },
  );

  test.prop([finitePair.filter((c) => c.scale <= 60)], { numRuns: 30 })(
    "klDivLoss(logSoftmax(q), softmax(p), 'sum') = Σ klDivergence(p, q): PyTorch's argument order is KL(p‖q)",
    (c) => {
      const { p, q, scale } = run(c);
      const total = Array.from(keep(klDivergence(p, q)).dataSync()).reduce((a, b) => a + b, 0);
      const input = keep(tf.logSoftmax(q));
      const target = keep(tf.softmax(p));
      expectValues(
        klDivLoss(input, target, { reduction: 'sum' }),
        [],
        [total],
        scale,
        `klDivLoss vs klDivergence: ${describePair(c)}`,
      );
    },
  );
});
