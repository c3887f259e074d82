import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/distillation-loss';
import { type DistillationOptions, distillationLoss } from '@impl/distillation-loss';
import { type Arg, type BadCall, badCall, type DistillCase, distillCase, randomCase, resolved } from './inputs.ts';
import { distillationOracle, maxAbs, type OracleResult } from './oracle.ts';
import { disposeAfterEachTest, expectNoLeaks, useTensorBackend } from '../../src/harness/tf.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { tensorOf } from '../../src/harness/compare-tensors.ts';

useTensorBackend();

// Every tensor a test makes (inputs and results) is disposed after the test.
const keep = disposeAfterEachTest();

const LN2 = Math.log(2);
const LN3 = Math.log(3);

/** A float32 tensor of `shape` from flat values. */
function logits(values: ArrayLike<number>, shape: readonly number[]): tf.Tensor {
  return keep(tf.tensor(Float32Array.from(values), [...shape], 'float32'));
}

/** An int32 tensor of `shape` from flat labels. */
function labelTensor(values: ArrayLike<number>, shape: readonly number[]): tf.Tensor {
  return keep(tf.tensor(Int32Array.from(values), [...shape], 'int32'));
}

interface Expected {
  readonly loss: number;
  readonly softLoss: number;
  readonly hardLoss: number;
}

/**
 * float32 round-off allowed against the float64 value, for logits of magnitude `scale`: a
 * log-probability of logits/T is exact to about (scale/T)·2^-24, Σ p·(log p − log q) multiplies an
 * error in p by |log p − log q| ≤ 2·scale/T, and the soft term is then scaled by T².
 */
function tolerances(scale: number, temperature: number, alpha: number): Expected {
  const s = Math.max(1, scale / temperature);
  const softLoss = temperature * temperature * (2e-5 * s + 2.5e-7 * s * s);
  const hardLoss = 2e-5 * Math.max(1, scale);
  return { softLoss, hardLoss, loss: alpha * softLoss + (1 - alpha) * hardLoss + 1e-6 };
}

/**
 * The result must be { loss, softLoss, hardLoss }, each a float32 tf.Tensor of shape [] within
 * float32 round-off of the float64 value (NaN and ±Infinity never pass).
 */
function expectLosses(actual: unknown, expected: Expected, tol: Expected, what: string): void {
  expect(actual, `${what}: the result must be an object { loss, softLoss, hardLoss }`).toBeTypeOf('object');
  expect(actual, `${what}: the result must be an object { loss, softLoss, hardLoss }`).not.toBeNull();
  const result = actual as Record<string, unknown>;
  for (const key of ['loss', 'softLoss', 'hardLoss'] as const) {
    const value = result[key];
    expect(value, `${what}: ${key} must be a tf.Tensor`).toBeInstanceOf(tf.Tensor);
    const t = keep(value as tf.Tensor);
    expect(t.shape, `${what}: ${key} must have shape [] (a scalar)`).toEqual([]);
    expect(t.dtype, `${what}: ${key} dtype`).toBe('float32');
  }
  for (const key of ['loss', 'softLoss', 'hardLoss'] as const) {
    const got = (result[key] as tf.Tensor).dataSync()[0] as number;
    const want = expected[key];
    const allowed = tol[key] + 2e-5 * Math.abs(want);
    if (!(Math.abs(got - want) <= allowed)) {
      expect.fail(
        `${what}: ${key} is ${got}, expected ${want} (allowed ±${allowed.toPrecision(3)}); ` +
          `loss ${show(result.loss)}, softLoss ${show(result.softLoss)}, hardLoss ${show(result.hardLoss)}`,
      );
    }
  }
}

function show(value: unknown): string {
  return value instanceof tf.Tensor && !value.isDisposed ? String(value.dataSync()[0]) : String(value);
}

/** Asserts `compute` throws `error` and leaves no tensor behind. */
function expectThrows(compute: () => unknown, what: string, error: typeof RangeError | typeof TypeError): void {
  const before = tf.memory().numTensors;
  expect(compute, what).toThrow(error);
  expect(tf.memory().numTensors - before, `${what}: tensors left behind after the ${error.name}`).toBe(0);
}

/** A [rows, V] call of plain numbers: student rows, teacher rows, one label per row. */
function call2d(student: number[][], teacher: number[][], labels: number[], opts?: DistillationOptions) {
  const V = (student[0] as number[]).length;
  const s = logits(student.flat(), [student.length, V]);
  const t = logits(teacher.flat(), [teacher.length, V]);
  const l = labelTensor(labels, [labels.length]);
  return opts === undefined ? distillationLoss(s, t, l) : distillationLoss(s, t, l, opts);
}

function tensorsOf(c: DistillCase) {
  return {
    s: logits(c.student, c.shape),
    t: logits(c.teacher, c.shape),
    l: labelTensor(c.labels, c.shape.slice(0, -1)),
  };
}

function runCase(c: DistillCase) {
  const { s, t, l } = tensorsOf(c);
  return c.opts === undefined ? distillationLoss(s, t, l) : distillationLoss(s, t, l, c.opts as DistillationOptions);
}

function oracleOf(c: DistillCase): OracleResult {
  return distillationOracle(c.student, c.teacher, c.labels, c.shape.at(-1) as number, resolved(c.opts));
}

function tolOf(c: DistillCase): Expected {
  const o = resolved(c.opts);
  return tolerances(maxAbs(c.student, c.teacher), o.temperature, o.alpha);
}

function list(values: ArrayLike<number>): string {
  return `[${Array.from(values).join(', ')}]`;
}

function describeCase(c: DistillCase): string {
  return (
    `shape [${c.shape.join(', ')}], student ${list(c.student)}, teacher ${list(c.teacher)}, ` +
    `labels ${list(c.labels)}, opts ${JSON.stringify(c.opts)}`
  );
}

/** The float32 allowances of the worked examples: logits up to 1 at T = 2, up to 7 at T = 1. */
const SMALL = tolerances(1, 2, 0.5);
const T1 = tolerances(7, 1, 0.5);

describe('distillation-loss: worked examples (derived by hand)', () => {
  test('forward KL at the default T = 2: student [0, 0], teacher [2 ln 3, 0], label 0 → softLoss = 4·0.130812 = 0.523248, hardLoss = ln 2, loss = 0.608198', () => {
    // teacher/2 = [ln 3, 0] → p = [.75, .25]; q = [.5, .5]; KL(p‖q) = .75 ln 1.5 + .25 ln .5.
    const kl = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
    expect(kl).toBeCloseTo(0.130812, 6);
    const r = call2d([[0, 0]], [[2 * LN3, 0]], [0]);
    expectLosses(r, { softLoss: 4 * kl, hardLoss: LN2, loss: 0.5 * 4 * kl + 0.5 * LN2 }, SMALL, 'forward');
    expect(0.5 * 4 * kl + 0.5 * LN2).toBeCloseTo(0.608198, 6);
  });

  test("direction 'reverse' is KL(q_student‖p_teacher): the same call gives softLoss = 4·0.143841 = 0.575364, loss = 0.634256", () => {
    const kl = 0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25);
    expect(kl).toBeCloseTo(0.143841, 6);
    const r = call2d([[0, 0]], [[2 * LN3, 0]], [0], { direction: 'reverse' });
    expectLosses(r, { softLoss: 4 * kl, hardLoss: LN2, loss: 2 * kl + 0.5 * LN2 }, SMALL, 'reverse');
    const f = call2d([[0, 0]], [[2 * LN3, 0]], [0], { direction: 'forward' });
    expectLosses(f, { softLoss: 0.523248, hardLoss: LN2, loss: 0.608198 }, SMALL, "direction: 'forward'");
  });

  test('the temperature divides student AND teacher, and the hard loss is cross-entropy at temperature 1: student [2 ln 3, 0], teacher [0, 0], label 0 → softLoss 0.575364, hardLoss = −ln 0.9 = 0.105361, loss 0.340362', () => {
    // student/2 = [ln 3, 0] → q = [.75, .25]; p = [.5, .5]; KL(p‖q) = 0.143841, times T² = 4.
    // The hard loss uses softmax([2 ln 3, 0]) = [.9, .1]: −ln .9 (at T = 2 it would be −ln .75).
    const r = call2d([[2 * LN3, 0]], [[0, 0]], [0]);
    expectLosses(r, { softLoss: 0.575364, hardLoss: -Math.log(0.9), loss: 0.340362 }, SMALL, 'T on both');
  });

  test('a sequence [1, 3, 2] with labels [[0, 1, −100]] at T = 1: the ignored position adds nothing; soft = mean KL of 2 tokens = 0.137327, hard = (ln 2 + ln 4)/2 = 1.039721, loss 0.588524', () => {
    const s = logits([0, 0, LN3, 0, 5, -5], [1, 3, 2]);
    const t = logits([LN3, 0, 0, 0, -5, 5], [1, 3, 2]);
    const l = labelTensor([0, 1, -100], [1, 3]);
    const soft = (0.130812 + 0.143841) / 2;
    const hard = (LN2 + Math.log(4)) / 2;
    expectLosses(
      distillationLoss(s, t, l, { temperature: 1 }),
      { softLoss: soft, hardLoss: hard, loss: (soft + hard) / 2 },
      T1,
      'sequence',
    );
  });

  test('extreme logits ±1e4 stay finite: student [1e4, 0], teacher [0, 1e4], label 1 → softLoss 20000, hardLoss 10000, loss 15000', () => {
    // At T = 2: log q = [0, −5000], p = [0, 1] (to float precision) → KL = 5000, times 4.
    const tol = tolerances(1e4, 2, 0.5);
    expectLosses(call2d([[1e4, 0]], [[0, 1e4]], [1]), { softLoss: 20000, hardLoss: 10000, loss: 15000 }, tol, 'T = 2');
    const tol1 = tolerances(1e4, 1, 0.5);
    expectLosses(
      call2d([[1e4, 0]], [[0, 1e4]], [0], { temperature: 1, direction: 'reverse' }),
      { softLoss: 10000, hardLoss: 0, loss: 5000 },
      tol1,
      'T = 1, reverse, label 0',
    );
    expectLosses(
      call2d([[0, -1e4, 1e4]], [[1e4, 0, -1e4]], [2], { temperature: 1 }),
      { softLoss: 10000, hardLoss: 0, loss: 5000 },
      tol1,
      'student [0, −1e4, 1e4], teacher [1e4, 0, −1e4]',
    );
  });

  test("the defaults are temperature 2, alpha 0.5, direction 'forward', ignoreIndex −100 (no opts, {} and undefined fields)", () => {
    const want = { softLoss: 0.575364, hardLoss: -Math.log(0.9), loss: 0.340362 };
    const s = logits([2 * LN3, 0, 9, 9], [2, 2]);
    const t = logits([0, 0, 1, -1], [2, 2]);
    const l = labelTensor([0, -100], [2]);
    expectLosses(distillationLoss(s, t, l), want, SMALL, 'no opts');
    expectLosses(distillationLoss(s, t, l, {}), want, SMALL, 'opts {}');
    expectLosses(
      distillationLoss(s, t, l, {
        temperature: undefined,
        alpha: undefined,
        direction: undefined,
        ignoreIndex: undefined,
      }),
      want,
      SMALL,
      'every option undefined',
    );
    // Any object will do as opts, also one without a prototype.
    const bare = Object.assign(Object.create(null) as DistillationOptions, { direction: 'forward' as const });
    expectLosses(distillationLoss(s, t, l, bare), want, SMALL, 'opts without a prototype');
  });

  test('alpha weights the soft term: alpha 1 → loss = softLoss, alpha 0 → loss = hardLoss, alpha 0.25 → 0.25·soft + 0.75·hard', () => {
    const soft = 0.575364;
    const hard = -Math.log(0.9);
    for (const alpha of [1, 0, 0.25, 0.5]) {
      expectLosses(
        call2d([[2 * LN3, 0]], [[0, 0]], [0], { alpha }),
        { softLoss: soft, hardLoss: hard, loss: alpha * soft + (1 - alpha) * hard },
        tolerances(1, 2, alpha),
        `alpha ${alpha}`,
      );
    }
  });

  test('the mean is over the counted tokens of the whole batch (3 here), not over B·T = 4, not over B = 2 sequences, not a mean of sequence means', () => {
    // Row 0 counts one token (KL 0.130812, nll ln 2), row 1 counts two (KL 0.143841 and 0, nll ln 4 and ln 2).
    const s = logits([0, 0, 7, -7, LN3, 0, 1, 2], [2, 2, 2]);
    const t = logits([LN3, 0, 0, 3, 0, 0, 1, 2], [2, 2, 2]);
    const l = labelTensor([0, -100, 1, 1], [2, 2]);
    const kls = [0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), 0.5 * Math.log(2 / 3) + 0.5 * Math.log(2), 0];
    const nlls = [LN2, Math.log(4), Math.log(1 + Math.exp(-1))];
    const soft = (kls[0]! + kls[1]! + kls[2]!) / 3;
    const hard = (nlls[0]! + nlls[1]! + nlls[2]!) / 3;
    expectLosses(
      distillationLoss(s, t, l, { temperature: 1 }),
      { softLoss: soft, hardLoss: hard, loss: (soft + hard) / 2 },
      T1,
      'labels [[0, −100], [1, 1]]',
    );
  });

  test('the [N, V] form is the [B, T, V] form flattened: [2, 2, 2] and [4, 2] give the same losses', () => {
    const sv = [0, 0, 7, -7, LN3, 0, 1, 2];
    const tv = [LN3, 0, 0, 3, 0, 0, 1, 2];
    const want = distillationOracle(sv, tv, [0, -100, 1, 1], 2, resolved(undefined));
    const flat = distillationLoss(logits(sv, [4, 2]), logits(tv, [4, 2]), labelTensor([0, -100, 1, 1], [4]));
    expectLosses(flat, want, tolerances(7, 2, 0.5), '[4, 2]');
  });

  test('ignoreIndex is an option: with ignoreIndex 0, label 0 is ignored and −100 counts (so it throws RangeError)', () => {
    const student = [
      [2 * LN3, 0],
      [0, 0],
    ];
    const teacher = [
      [0, 0],
      [2 * LN3, 0],
    ];
    // Only row 0 counts (label 1 there): soft 0.575364; hard −ln 0.1.
    expectLosses(
      call2d(student, teacher, [1, 0], { ignoreIndex: 0 }),
      { softLoss: 0.575364, hardLoss: -Math.log(0.1), loss: (0.575364 - Math.log(0.1)) / 2 },
      SMALL,
      'labels [1, 0], ignoreIndex 0',
    );
    const st = logits(student.flat(), [2, 2]);
    const te = logits(teacher.flat(), [2, 2]);
    const l = labelTensor([1, -100], [2]);
    expectThrows(
      () => distillationLoss(st, te, l, { ignoreIndex: 0 }),
      'labels [1, −100], ignoreIndex 0: −100 counts',
      RangeError,
    );
  });

  test('V = 1 is valid: the only class has probability 1, so KL = 0 and the cross-entropy is 0', () => {
    const r = distillationLoss(logits([3, -2, 5], [3, 1]), logits([-4, 0, 8], [3, 1]), labelTensor([0, -100, 0], [3]));
    expectLosses(r, { softLoss: 0, hardLoss: 0, loss: 0 }, SMALL, 'V = 1');
  });

  test('T² keeps the soft term on scale: softLoss at T = 10 is 100·KL(softmax(t/10)‖softmax(s/10))', () => {
    const sv = [3, -1, 0.5, 2];
    const tv = [0, 1, 2, -3];
    const r = distillationLoss(logits(sv, [1, 4]), logits(tv, [1, 4]), labelTensor([2], [1]), { temperature: 10 });
    const want = distillationOracle(sv, tv, [2], 4, { ...resolved(undefined), temperature: 10 });
    expectLosses(r, want, tolerances(3, 10, 0.5), 'T = 10');
    expect(want.softLoss).toBeGreaterThan(0.2); // the KL alone is about 0.0025: forgetting T² is far off
  });
});

describe('distillation-loss: tensor hygiene', () => {
  test('leaks no tensors: the call keeps only the three scalars it returns', () => {
    const s = logits([1, 2, 3, 0, 0, 1], [1, 2, 3]);
    const t = logits([3, 2, 1, 1, 0, 0], [1, 2, 3]);
    const l = labelTensor([2, -100], [1, 2]);
    for (const opts of [{}, { direction: 'reverse' as const, alpha: 0, temperature: 1 }]) {
      const out = expectNoLeaks(
        () => {
          const r = distillationLoss(s, t, l, opts);
          return [r.loss, r.softLoss, r.hardLoss];
        },
        `distillationLoss(${JSON.stringify(opts)})`,
      );
      out.forEach(keep);
    }
  });

  test('does not dispose or change its inputs', () => {
    const s = logits([1, 2, 3, 0], [2, 2]);
    const t = logits([3, 2, 1, 0], [2, 2]);
    const l = labelTensor([1, 0], [2]);
    const r = distillationLoss(s, t, l);
    keep(r.loss);
    keep(r.softLoss);
    keep(r.hardLoss);
    for (const [name, x] of Object.entries({ s, t, l })) expect(x.isDisposed, `${name} was disposed`).toBe(false);
    expect(Array.from(s.dataSync())).toEqual([1, 2, 3, 0]);
    expect(Array.from(t.dataSync())).toEqual([3, 2, 1, 0]);
    expect(Array.from(l.dataSync())).toEqual([1, 0]);
  });
});

function argOf(arg: Arg): unknown {
  return 'tensor' in arg ? keep(tensorOf(arg.tensor)) : arg.notATensor;
}

function describeArg(arg: Arg): string {
  if (!('tensor' in arg)) return JSON.stringify(arg.notATensor);
  const { shape, values, dtype } = arg.tensor;
  return `${dtype ?? 'float32'} [${shape.join(', ')}] ${list(values.slice(0, 12))}`;
}

function badCallOfSuite(c: BadCall): () => unknown {
  const s = argOf(c.student) as tf.Tensor;
  const t = argOf(c.teacher) as tf.Tensor;
  const l = argOf(c.labels) as tf.Tensor;
  return () =>
    c.opts === undefined ? distillationLoss(s, t, l) : distillationLoss(s, t, l, c.opts.value as DistillationOptions);
}

describe('distillation-loss: bad input throws a named error (and leaks nothing)', () => {
  const s = () => logits([0, 1, 2, 3], [2, 2]);
  const t = () => logits([1, 0, 3, 2], [2, 2]);
  const l = () => labelTensor([1, -100], [2]);
  /** Builds the arguments now (outside the leak count), returns the call. */
  const attempt = (opts: unknown) => {
    const args = [s(), t(), l()] as const;
    return later(...args, opts as DistillationOptions);
  };
  const later =
    (...args: unknown[]) =>
    () =>
      (distillationLoss as (...a: unknown[]) => unknown)(...args);

  test('an argument that is not a tf.Tensor (a nested array, null, a number) throws TypeError', () => {
    for (const bad of [[[0, 1]], null, 0.5]) {
      expectThrows(later(bad as never, t(), l()), `studentLogits = ${JSON.stringify(bad)}`, TypeError);
      expectThrows(later(s(), bad as never, l()), `teacherLogits = ${JSON.stringify(bad)}`, TypeError);
      expectThrows(later(s(), t(), bad as never), `labels = ${JSON.stringify(bad)}`, TypeError);
    }
  });

  test('a look-alike object with dtype, shape and dataSync (not a tf.Tensor) throws TypeError', () => {
    const fakeLogits = {
      dtype: 'float32',
      rank: 2,
      shape: [2, 2],
      size: 4,
      dataSync: () => Float32Array.of(0, 1, 2, 3),
    };
    const fakeLabels = { dtype: 'int32', rank: 1, shape: [2], size: 2, dataSync: () => Int32Array.of(1, -100) };
    expectThrows(later(fakeLogits, t(), l()), 'studentLogits look-alike', TypeError);
    expectThrows(later(s(), fakeLogits, l()), 'teacherLogits look-alike', TypeError);
    expectThrows(later(s(), t(), fakeLabels), 'labels look-alike', TypeError);
  });

  test('int32 logits or float32 labels throw TypeError', () => {
    const ints = keep(tf.tensor2d([0, 1, 2, 3], [2, 2], 'int32'));
    expectThrows(later(ints, t(), l()), 'studentLogits int32', TypeError);
    expectThrows(later(s(), ints, l()), 'teacherLogits int32', TypeError);
    expectThrows(later(s(), t(), logits([1, 0], [2])), 'labels float32 [1, 0]', TypeError);
  });

  test("opts that is not an object ('reverse', null, 2) throws TypeError", () => {
    for (const opts of ['reverse', null, 2]) expectThrows(attempt(opts), `opts = ${JSON.stringify(opts)}`, TypeError);
  });

  test("temperature, alpha or ignoreIndex that is not a number ('2', '0.5', '-100', null) throws TypeError", () => {
    expectThrows(attempt({ temperature: '2' }), "temperature '2'", TypeError);
    expectThrows(attempt({ alpha: '0.5' }), "alpha '0.5'", TypeError);
    expectThrows(attempt({ ignoreIndex: '-100' }), "ignoreIndex '-100'", TypeError);
    expectThrows(attempt({ temperature: null }), 'temperature null (only undefined means the default)', TypeError);
    expectThrows(attempt({ alpha: null }), 'alpha null', TypeError);
    expectThrows(attempt({ ignoreIndex: null }), 'ignoreIndex null', TypeError);
  });

  test('logits of rank 1 or 4, or with a dimension 0, throw RangeError', () => {
    expectThrows(later(logits([0, 1], [2]), logits([1, 0], [2]), labelTensor([0], [1])), 'rank 1 [2]', RangeError);
    expectThrows(
      later(logits([0, 1], [1, 1, 1, 2]), logits([1, 0], [1, 1, 1, 2]), labelTensor([0], [1, 1, 1])),
      'rank 4 [1, 1, 1, 2]',
      RangeError,
    );
    expectThrows(later(logits([], [0, 3]), logits([], [0, 3]), labelTensor([], [0])), 'N = 0: [0, 3]', RangeError);
    expectThrows(
      later(logits([], [2, 0]), logits([], [2, 0]), labelTensor([-100, -100], [2])),
      'V = 0: [2, 0]',
      RangeError,
    );
    expectThrows(
      later(logits([], [1, 0, 4]), logits([], [1, 0, 4]), labelTensor([], [1, 0])),
      'T = 0: [1, 0, 4]',
      RangeError,
    );
  });

  test('teacher logits of another shape, or labels not of the logits shape without V, throw RangeError', () => {
    expectThrows(later(s(), logits([0, 1, 2, 3, 4, 5], [2, 3]), l()), 'teacher [2, 3]', RangeError);
    expectThrows(later(s(), logits([0, 1, 2, 3], [1, 2, 2]), l()), 'teacher [1, 2, 2]', RangeError);
    expectThrows(later(s(), t(), labelTensor([1, 0], [2, 1])), 'labels [2, 1]', RangeError);
    expectThrows(later(s(), t(), labelTensor([1, 0, 1], [3])), 'labels [3]', RangeError);
    expectThrows(later(s(), t(), labelTensor([1, 0], [1, 2])), 'labels [1, 2]', RangeError);
    // A shape that is a prefix of the right one is still the wrong shape.
    const s3 = logits([0, 1, 2, 3], [1, 2, 2]);
    expectThrows(
      later(s3, logits([0, 1], [1, 2]), labelTensor([0, 1], [1, 2])),
      'student [1, 2, 2], teacher [1, 2]',
      RangeError,
    );
    const s21 = logits([0, 1, 2, 3], [2, 1, 2]);
    const t21 = logits([1, 0, 3, 2], [2, 1, 2]);
    expectThrows(later(s21, t21, labelTensor([0, 1], [2])), 'logits [2, 1, 2], labels [2]', RangeError);
  });

  test('a NaN, +Infinity or −Infinity logit (student or teacher) throws RangeError', () => {
    for (const x of [Number.NaN, Infinity, -Infinity]) {
      expectThrows(later(logits([0, x, 2, 3], [2, 2]), t(), l()), `student [[0, ${x}], …]`, RangeError);
      expectThrows(later(s(), logits([1, 0, 3, x], [2, 2]), l()), `teacher [.., [3, ${x}]]`, RangeError);
    }
  });

  test('a temperature that is not finite and > 0 (0, −2, NaN, Infinity) throws RangeError', () => {
    for (const temperature of [0, -2, Number.NaN, Infinity]) {
      expectThrows(attempt({ temperature }), `temperature ${temperature}`, RangeError);
    }
  });

  test('alpha outside [0, 1] (−0.5, 1.5, NaN) throws RangeError', () => {
    for (const alpha of [-0.5, 1.5, Number.NaN]) expectThrows(attempt({ alpha }), `alpha ${alpha}`, RangeError);
  });

  test("an unknown direction ('backward', 'Forward', 'kl', 1, null) throws RangeError", () => {
    for (const direction of ['backward', 'Forward', 'kl', 1, null]) {
      expectThrows(attempt({ direction }), `direction ${JSON.stringify(direction)}`, RangeError);
    }
  });

  test('an ignoreIndex that is not an integer (0.5, NaN, Infinity) throws RangeError', () => {
    for (const ignoreIndex of [0.5, Number.NaN, Infinity]) {
      expectThrows(attempt({ ignoreIndex }), `ignoreIndex ${ignoreIndex}`, RangeError);
    }
  });

  test('every position ignored (labels [[−100, −100]], or all equal to ignoreIndex 3) throws RangeError', () => {
    expectThrows(later(s(), t(), labelTensor([-100, -100], [2])), 'labels [−100, −100]', RangeError);
    expectThrows(
      later(logits([0, 1, 2, 3], [1, 2, 2]), logits([1, 0, 3, 2], [1, 2, 2]), labelTensor([3, 3], [1, 2]), {
        ignoreIndex: 3,
      }),
      'labels [[3, 3]], ignoreIndex 3',
      RangeError,
    );
  });

  test('a counted label outside [0, V) (2 or 7 with V = 2, −1, or −100 when ignoreIndex is −1) throws RangeError', () => {
    for (const bad of [2, 7, -1]) {
      expectThrows(later(s(), t(), labelTensor([0, bad], [2])), `labels [0, ${bad}]`, RangeError);
    }
    expectThrows(
      later(s(), t(), labelTensor([-100, 0], [2]), { ignoreIndex: -1 }),
      'labels [−100, 0] with ignoreIndex −1',
      RangeError,
    );
  });

  test.prop([badCall], { numRuns: 80 })('one bad argument anywhere throws its named error and leaks nothing', (c) => {
    const call = badCallOfSuite(c);
    const what =
      `distillationLoss(${describeArg(c.student)}, ${describeArg(c.teacher)}, ${describeArg(c.labels)}` +
      `${c.opts === undefined ? '' : `, ${JSON.stringify(c.opts.value)}`}): ${c.why}`;
    expectThrows(call, what, c.error === 'TypeError' ? TypeError : RangeError);
  });
});

describe('distillation-loss: JavaScript work (at most 8·N + 100 steps, N = positions)', () => {
  test('[2, 32, 256] logits (N = 64 positions): within 8·N + 100 = 612 steps (a loop over the 16384 logits is not)', () => {
    const c = randomCase([2, 32, 256], 7, 8, 'random', { temperature: 2, alpha: 0.5, direction: 'reverse' });
    const { s, t, l } = tensorsOf(c);
    const n = c.labels.length;
    const r = expectWithinBudget(
      () => counted.distillationLoss(s, t, l, c.opts as DistillationOptions),
      { steps: 8 * n + 100, rule: `8·N + 100 for N = ${n}` },
      { builtins: false },
    );
    expectLosses(r, oracleOf(c), tolOf(c), '[2, 32, 256]');
  });
});

describe('distillation-loss: properties against the float64 oracle', () => {
  test.prop([distillCase], { numRuns: 80 })(
    'matches the oracle: T²·mean KL over counted tokens, CE at T = 1, α·soft + (1 − α)·hard',
    (c) => {
      expectLosses(runCase(c), oracleOf(c), tolOf(c), describeCase(c));
    },
  );

  test.prop([distillCase], { numRuns: 30 })(
    'KL ≥ 0, and student = teacher gives softLoss 0 and loss = (1 − α)·hardLoss',
    (c) => {
      const copy = { ...c, student: Float64Array.from(c.teacher) };
      const want = oracleOf(copy);
      expectLosses(runCase(copy), { ...want, softLoss: 0 }, tolOf(copy), `student = teacher: ${describeCase(copy)}`);
      const r = runCase(c);
      const soft = keep(r.softLoss).dataSync()[0] as number;
      expect(soft >= -tolOf(c).softLoss, `softLoss ${soft} < 0: ${describeCase(c)}`).toBe(true);
    },
  );

  test.prop([distillCase], { numRuns: 30 })(
    "reverse KL is forward KL with the roles swapped: softLoss(s, t, 'reverse') = softLoss(t, s, 'forward')",
    (c) => {
      const o = resolved(c.opts);
      const reverse = { ...c, opts: { ...c.opts, direction: 'reverse' as const } };
      const swapped = {
        ...c,
        student: c.teacher,
        teacher: c.student,
        opts: { ...c.opts, direction: 'forward' as const },
      };
      const want = oracleOf(swapped).softLoss;
      const r = runCase(reverse);
      const got = keep(r.softLoss).dataSync()[0] as number;
      keep(r.loss);
      keep(r.hardLoss);
      const allowed = tolerances(maxAbs(c.student, c.teacher), o.temperature, o.alpha).softLoss + 2e-5 * want;
      expect(
        Math.abs(got - want) <= allowed,
        `reverse softLoss ${got}, forward with roles swapped ${want}: ${describeCase(c)}`,
      ).toBe(true);
    },
  );

  test.prop([distillCase, fc.integer({ min: 0, max: 2 ** 31 - 1 })], { numRuns: 30 })(
    'ignored positions do not matter: new logits there (student and teacher) change nothing',
    (c, seed) => {
      const { ignoreIndex } = resolved(c.opts);
      const V = c.shape.at(-1) as number;
      const other = randomCase(c.shape, seed, c.scale, 'random', c.opts);
      const mix = (mine: Float64Array, theirs: Float64Array) =>
        mine.map((x, i) => (c.labels[Math.floor(i / V)] === ignoreIndex ? (theirs[i] as number) : x));
      const changed = { ...c, student: mix(c.student, other.student), teacher: mix(c.teacher, other.teacher) };
      expectLosses(
        runCase(changed),
        oracleOf(c),
        tolOf(changed),
        `ignored positions replaced: ${describeCase(changed)}`,
      );
    },
  );
});
