import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/masked-loss';
import { causalLmLoss, maskedCrossEntropy } from '@impl/masked-loss';
import {
  type RandomLossCase,
  badLossCall,
  causalCase as causalArb,
  lossCase as caseArb,
  garbageTarget,
  randomLabels,
  randomLossCase,
} from './inputs.ts';
import { causalLmLossOracle, maskedCrossEntropyOracle, maxAbs } from './oracle.ts';
import { tensorOf as tensorOfSpec } from '../../src/harness/compare-tensors.ts';
import {
  expectNoLeaks,
  expectTensorClose,
  seededUniform,
  useTensorBackend,
  disposeAfterEachTest,
} from '../../src/harness/tf.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

useTensorBackend();

// Every tensor a test makes (inputs and results) is disposed after the test.
const keep = disposeAfterEachTest();

const LN2 = Math.LN2;
/** nll of target 0 under logits [2, 0]: log(1 + e^-2). */
const NLL_2_0_T0 = Math.log1p(Math.exp(-2));
/** nll of target 1 under logits [2, 0]: log(1 + e^2). */
const NLL_2_0_T1 = Math.log1p(Math.exp(2));

function logits3(rows: number[][][]): tf.Tensor3D {
  return keep(tf.tensor3d(rows, undefined, 'float32'));
}
function ints(rows: number[][]): tf.Tensor2D {
  return keep(tf.tensor2d(rows, undefined, 'int32'));
}
function floats(rows: number[][]): tf.Tensor2D {
  return keep(tf.tensor2d(rows, undefined, 'float32'));
}

interface Tensors {
  readonly logits: tf.Tensor3D;
  readonly targets: tf.Tensor2D;
  readonly mask: tf.Tensor2D;
}

function tensorsOf(c: RandomLossCase): Tensors {
  const { B, T, V } = c.shape;
  return {
    logits: keep(tf.tensor3d(Float32Array.from(c.logits), [B, T, V], 'float32')),
    targets: keep(tf.tensor2d(c.targets, [B, T], 'int32')),
    mask: keep(tf.tensor2d(Float32Array.from(c.mask), [B, T], 'float32')),
  };
}

/**
 * The result must be a float32 tf.Scalar (shape [], not [1]) within float32 round-off of the float64
 * oracle; log-sum-exp in float32 is exact only to about |largest logit|·2^-23, hence `scale`.
 */
function expectLoss(actual: tf.Tensor, expected: number, scale: number, what: string): void {
  keep(actual);
  expectTensorClose(
    actual,
    { shape: [], data: Float64Array.of(expected) },
    { atol: 1e-5 * Math.max(1, scale), rtol: 2e-5 },
    what,
    'float32',
  );
}

function flat(rows: number[][][] | number[][]): number[] {
  return (rows as unknown[]).flat(2) as number[];
}

function describeCase(c: RandomLossCase): string {
  const { B, T, V } = c.shape;
  return `[B, T, V] = [${B}, ${T}, ${V}], targets [${Array.from(c.targets).join(', ')}], mask [${Array.from(c.mask).join(', ')}]`;
}

function expectLeakFreeThrow(compute: () => unknown, what: string): void {
  const before = tf.memory().numTensors;
  expect(compute, what).toThrow(RangeError);
  expect(tf.memory().numTensors - before, `${what}: tensors left behind after the RangeError`).toBe(0);
}

describe('masked-loss: worked examples', () => {
  test('maskedCrossEntropy: logits [[2,0],[0,0]], targets [0,1], mask [1,1] → (log(1+e^-2) + ln 2) / 2', () => {
    const loss = maskedCrossEntropy(
      logits3([
        [
          [2, 0],
          [0, 0],
        ],
      ]),
      ints([[0, 1]]),
      floats([[1, 1]]),
    );
    expectLoss(loss, (NLL_2_0_T0 + LN2) / 2, 2, 'maskedCrossEntropy');
  });

  test('mean over the tokens of the whole batch, not a mean of per-sequence means (1 token in row 0, 2 in row 1)', () => {
    // row 0: one counted token, nll ln 2; row 1: two counted tokens, nll log(1+e^-2) and log(1+e^2).
    // Per token: (ln2 + a + b) / 3 ≈ 0.9823. Mean of row means ≈ 0.9100. Dividing by B·T = 4 ≈ 0.7368.
    const loss = maskedCrossEntropy(
      logits3([
        [
          [0, 0],
          [0, 0],
        ],
        [
          [2, 0],
          [2, 0],
        ],
      ]),
      ints([
        [1, -100],
        [0, 1],
      ]),
      floats([
        [1, 0],
        [1, 1],
      ]),
    );
    expectLoss(loss, (LN2 + NLL_2_0_T0 + NLL_2_0_T1) / 3, 2, 'maskedCrossEntropy');
  });

  test('mask weights weight each nll: mask [0.5, 2] → (0.5·ln2 + 2·log(1+e^2)) / 2.5, not the 0/1 mean', () => {
    const loss = maskedCrossEntropy(
      logits3([
        [
          [0, 0],
          [2, 0],
        ],
      ]),
      ints([[0, 1]]),
      floats([[0.5, 2]]),
    );
    expectLoss(loss, (0.5 * LN2 + 2 * NLL_2_0_T1) / 2.5, 2, 'maskedCrossEntropy');
  });

  test('causalLmLoss: logits at position t score labels[t+1] (HF shift): labels [-100, 0, 1] → (ln2 + log(1+e^2)) / 2', () => {
    // position 0 (logits [0,0]) predicts label 0; position 1 (logits [2,0]) predicts label 1;
    // position 2 (logits [5,5]) predicts nothing.
    const loss = causalLmLoss(
      logits3([
        [
          [0, 0],
          [2, 0],
          [5, 5],
        ],
      ]),
      ints([[-100, 0, 1]]),
    );
    expectLoss(loss, (LN2 + NLL_2_0_T1) / 2, 5, 'causalLmLoss');
  });

  test('causalLmLoss in SFT: prompt labels of -100 are skipped, the answer tokens of both rows are averaged together', () => {
    const rows = [
      [
        [1, 0, -1],
        [0, 2, 0],
        [3, 1, 0],
        [0, 0, 0],
      ],
      [
        [0, 1, 2],
        [2, 2, 0],
        [1, -1, 1],
        [4, 0, 1],
      ],
    ];
    const labels = [
      [-100, -100, 2, 1],
      [-100, 0, 2, -100],
    ];
    const loss = causalLmLoss(logits3(rows), ints(labels));
    expectLoss(loss, causalLmLossOracle(flat(rows), { B: 2, T: 4, V: 3 }, flat(labels)), 4, 'causalLmLoss');
  });
});

describe('masked-loss: edge cases of maskedCrossEntropy', () => {
  test('returns a tf.Scalar: shape [] (not [1]) and dtype float32', () => {
    const loss = keep(maskedCrossEntropy(logits3([[[1, 2, 3]]]), ints([[2]]), floats([[1]])));
    expect(loss, 'result must be a tf.Tensor').toBeInstanceOf(tf.Tensor);
    expect(loss.shape, 'a scalar has shape []').toEqual([]);
    expect(loss.dtype).toBe('float32');
  });

  test('sum(mask) = 0 gives exactly 0, not NaN (PyTorch returns NaN = 0/0 there)', () => {
    const loss = maskedCrossEntropy(
      logits3([
        [
          [1, 2],
          [3, 4],
        ],
      ]),
      ints([[-100, 1]]),
      floats([[0, 0]]),
    );
    expectTensorClose(
      keep(loss),
      { shape: [], data: Float64Array.of(0) },
      { atol: 0 },
      'maskedCrossEntropy',
      'float32',
    );
  });

  test('targets under mask 0 may be -100, -1 or V: no error, and the loss is that of the masked-in tokens', () => {
    const rows = [
      [
        [0, 1, 2],
        [2, 0, 1],
        [1, 1, 0],
        [0, 3, 0],
      ],
    ];
    const mask = [[1, 0, 0, 1]];
    const valid = [[2, 0, 0, 1]];
    const expected = maskedCrossEntropyOracle(flat(rows), { B: 1, T: 4, V: 3 }, flat(valid), flat(mask));
    for (const junk of [-100, -1, 3, 1_000_000]) {
      const loss = maskedCrossEntropy(logits3(rows), ints([[2, junk, junk, 1]]), floats(mask));
      expectLoss(loss, expected, 3, `maskedCrossEntropy with target ${junk} at mask-0 positions`);
    }
  });

  test('a masked-in target outside [0, V) throws RangeError: -1, V = 3, and -100 under mask 1', () => {
    const rows = [
      [
        [0, 1, 2],
        [2, 0, 1],
      ],
    ];
    for (const bad of [-1, 3, -100]) {
      expect(() => maskedCrossEntropy(logits3(rows), ints([[0, bad]]), floats([[1, 1]])), `target ${bad}`).toThrow(
        RangeError,
      );
    }
  });

  test('a target under a fractional weight (0.25) still counts: out of range there throws RangeError', () => {
    expect(() =>
      maskedCrossEntropy(
        logits3([
          [
            [0, 1],
            [1, 0],
          ],
        ]),
        ints([[0, 2]]),
        floats([[1, 0.25]]),
      ),
    ).toThrow(RangeError);
  });

  test('a negative mask weight throws RangeError: mask [1, -0.5]', () => {
    expect(() =>
      maskedCrossEntropy(
        logits3([
          [
            [0, 1],
            [1, 0],
          ],
        ]),
        ints([[0, 1]]),
        floats([[1, -0.5]]),
      ),
    ).toThrow(RangeError);
  });

  test('a NaN mask weight throws RangeError: mask [NaN, 1]', () => {
    expect(() =>
      maskedCrossEntropy(
        logits3([
          [
            [0, 1],
            [1, 0],
          ],
        ]),
        ints([[0, 1]]),
        floats([[NaN, 1]]),
      ),
    ).toThrow(RangeError);
  });

  test('an infinite mask weight throws RangeError: mask [Infinity, 1] and [1, -Infinity]', () => {
    const logits = logits3([
      [
        [0, 1],
        [1, 0],
      ],
    ]);
    const targets = ints([[0, 1]]);
    for (const mask of [
      [Number.POSITIVE_INFINITY, 1],
      [1, Number.NEGATIVE_INFINITY],
    ]) {
      expect(() => maskedCrossEntropy(logits, targets, floats([mask])), `mask [${mask.join(', ')}]`).toThrow(
        RangeError,
      );
    }
  });

  test('a weight of 0 is not checked further, a tiny positive weight (1e-30) counts: its target must be valid', () => {
    const rows = [
      [
        [0, 1],
        [3, 0],
      ],
    ];
    const loss = maskedCrossEntropy(logits3(rows), ints([[1, 0]]), floats([[1e-30, 0]]));
    expectLoss(
      loss,
      maskedCrossEntropyOracle(flat(rows), { B: 1, T: 2, V: 2 }, [1, 0], [1e-30, 0]),
      3,
      'mask [1e-30, 0]',
    );
    expect(
      () => maskedCrossEntropy(logits3(rows), ints([[2, 0]]), floats([[1e-30, 0]])),
      'target 2 under 1e-30',
    ).toThrow(RangeError);
  });

  test('V = 1 works: the only class has probability 1, so the loss is 0', () => {
    const loss = maskedCrossEntropy(
      logits3([
        [[5], [-3]],
        [[0], [7]],
      ]),
      ints([
        [0, 0],
        [0, -100],
      ]),
      floats([
        [1, 2],
        [1, 0],
      ]),
    );
    expectLoss(loss, 0, 7, 'maskedCrossEntropy with V = 1');
  });

  test('targets or mask of a shape other than logits [B, T] throw RangeError', () => {
    const logits = logits3([
      [
        [0, 1],
        [1, 0],
        [2, 2],
      ],
      [
        [0, 0],
        [1, 1],
        [2, 0],
      ],
    ]); // [2, 3, 2]
    const targets = ints([
      [0, 1, 0],
      [1, 0, 1],
    ]);
    const mask = floats([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(
      () =>
        maskedCrossEntropy(
          logits,
          ints([
            [0, 1, 0, 1],
            [1, 0, 1, 0],
          ]),
          mask,
        ),
      'targets [2, 4]',
    ).toThrow(RangeError);
    expect(
      () =>
        maskedCrossEntropy(
          logits,
          ints([
            [0, 1],
            [1, 0],
            [0, 0],
          ]),
          mask,
        ),
      'targets [3, 2]',
    ).toThrow(RangeError);
    expect(() => maskedCrossEntropy(logits, targets, floats([[1, 1, 1]])), 'mask [1, 3]').toThrow(RangeError);
    expect(
      () =>
        maskedCrossEntropy(
          logits,
          targets,
          floats([
            [1, 1],
            [1, 1],
          ]),
        ),
      'mask [2, 2]',
    ).toThrow(RangeError);
  });

  test('targets, mask or labels of rank 3 ([2, 3, 1], still B·T values) throw RangeError: the shape must be exactly [B, T]', () => {
    const logits = logits3([
      [
        [0, 1],
        [1, 0],
        [2, 2],
      ],
      [
        [0, 0],
        [1, 1],
        [2, 0],
      ],
    ]); // [2, 3, 2]
    const targets = ints([
      [0, 1, 0],
      [1, 0, 1],
    ]);
    const mask = floats([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    const rank3 = (t: tf.Tensor2D) => keep(tf.reshape(t, [2, 3, 1])) as unknown as tf.Tensor2D;
    expect(() => maskedCrossEntropy(logits, rank3(targets), mask), 'targets [2, 3, 1]').toThrow(RangeError);
    expect(() => maskedCrossEntropy(logits, targets, rank3(mask)), 'mask [2, 3, 1]').toThrow(RangeError);
    expect(() => causalLmLoss(logits, rank3(targets)), 'labels [2, 3, 1]').toThrow(RangeError);
  });

  test('logits that are not of rank 3 throw RangeError: [2, 2] and [1, 2, 2, 1]', () => {
    const flatLogits = keep(tf.tensor2d([0, 1, 1, 0], [2, 2], 'float32')) as unknown as tf.Tensor3D;
    const rank4 = keep(tf.tensor4d([0, 1, 1, 0], [1, 2, 2, 1], 'float32')) as unknown as tf.Tensor3D;
    expect(() => maskedCrossEntropy(flatLogits, ints([[0, 1]]), floats([[1, 1]])), 'logits [2, 2]').toThrow(RangeError);
    expect(() => maskedCrossEntropy(rank4, ints([[0, 1]]), floats([[1, 1]])), 'logits [1, 2, 2, 1]').toThrow(
      RangeError,
    );
    expect(() => causalLmLoss(flatLogits, ints([[0, 1]])), 'causalLmLoss, logits [2, 2]').toThrow(RangeError);
  });

  test('targets that are not int32 throw TypeError: float32 [[0, 1.5]] and float32 [[0, 1]] (class ids are int32)', () => {
    const logits = logits3([
      [
        [0, 1, 2],
        [2, 0, 1],
      ],
    ]);
    for (const targets of [
      [0, 1.5],
      [0, 1],
    ]) {
      expect(
        () => maskedCrossEntropy(logits, floats([targets]), floats([[1, 1]])),
        `float32 targets [${targets.join(', ')}]`,
      ).toThrow(TypeError);
    }
  });

  test('a mask or logits that are not float32 throw TypeError: int32 mask [[1, 0]], int32 logits', () => {
    const logits = logits3([
      [
        [0, 1, 2],
        [2, 0, 1],
      ],
    ]);
    const intLogits = keep(tf.tensor3d([0, 1, 2, 2, 0, 1], [1, 2, 3], 'int32'));
    expect(() => maskedCrossEntropy(logits, ints([[0, 1]]), ints([[1, 0]])), 'int32 mask').toThrow(TypeError);
    expect(() => maskedCrossEntropy(intLogits, ints([[0, 1]]), floats([[1, 0]])), 'int32 logits').toThrow(TypeError);
    expect(() => causalLmLoss(intLogits, ints([[0, 1]])), 'causalLmLoss, int32 logits').toThrow(TypeError);
  });

  test('an argument that is not a tf.Tensor throws TypeError: nested arrays for logits, targets or mask', () => {
    const rows = [
      [
        [0, 1],
        [1, 0],
      ],
    ];
    const asTensor = <T>(value: unknown) => value as T;
    expect(
      () => maskedCrossEntropy(asTensor<tf.Tensor3D>(rows), ints([[0, 1]]), floats([[1, 1]])),
      'logits as an array',
    ).toThrow(TypeError);
    expect(
      () => maskedCrossEntropy(logits3(rows), asTensor<tf.Tensor2D>([[0, 1]]), floats([[1, 1]])),
      'targets as an array',
    ).toThrow(TypeError);
    expect(
      () => maskedCrossEntropy(logits3(rows), ints([[0, 1]]), asTensor<tf.Tensor2D>([[1, 1]])),
      'mask as an array',
    ).toThrow(TypeError);
    expect(() => causalLmLoss(logits3(rows), asTensor<tf.Tensor2D>([[0, 1]])), 'labels as an array').toThrow(TypeError);
  });

  test('leaks no tensors, on the normal path and when sum(mask) = 0', () => {
    const logits = logits3([
      [
        [0, 1, 2],
        [2, 0, 1],
      ],
      [
        [1, 1, 1],
        [0, 0, 9],
      ],
    ]);
    const targets = ints([
      [0, 1],
      [-100, 2],
    ]);
    const mask = floats([
      [1, 0.5],
      [0, 2],
    ]);
    const zeros = floats([
      [0, 0],
      [0, 0],
    ]);
    const loss = expectNoLeaks(() => maskedCrossEntropy(logits, targets, mask), 'maskedCrossEntropy');
    expectLoss(
      loss,
      maskedCrossEntropyOracle(logits.dataSync(), { B: 2, T: 2, V: 3 }, [0, 1, -100, 2], [1, 0.5, 0, 2]),
      9,
      'maskedCrossEntropy',
    );
    const zero = expectNoLeaks(
      () => maskedCrossEntropy(logits, targets, zeros),
      'maskedCrossEntropy with sum(mask) = 0',
    );
    expectLoss(zero, 0, 9, 'maskedCrossEntropy with sum(mask) = 0');
  });

  test('leaks no tensors when it throws RangeError (out-of-range target, negative weight)', () => {
    const logits = logits3([
      [
        [0, 1, 2],
        [2, 0, 1],
      ],
    ]);
    const mask = floats([[1, 1]]);
    const badTargets = ints([[0, 3]]);
    const targets = ints([[0, 1]]);
    const negative = floats([[1, -1]]);
    expectLeakFreeThrow(() => maskedCrossEntropy(logits, badTargets, mask), 'target 3 with V = 3');
    expectLeakFreeThrow(() => maskedCrossEntropy(logits, targets, negative), 'mask weight -1');
  });

  test('does not dispose or change its inputs', () => {
    const logits = logits3([
      [
        [0, 1, 2],
        [2, 0, 1],
      ],
    ]);
    const targets = ints([[2, -100]]);
    const mask = floats([[1, 0]]);
    const loss = maskedCrossEntropy(logits, targets, mask);
    expectLoss(
      loss,
      maskedCrossEntropyOracle([0, 1, 2, 2, 0, 1], { B: 1, T: 2, V: 3 }, [2, -100], [1, 0]),
      2,
      'maskedCrossEntropy',
    );
    for (const [name, tensor] of Object.entries({ logits, targets, mask })) {
      expect(tensor.isDisposed, `${name} was disposed`).toBe(false);
    }
    expect(Array.from(logits.dataSync())).toEqual([0, 1, 2, 2, 0, 1]);
    expect(Array.from(targets.dataSync())).toEqual([2, -100]);
    expect(Array.from(mask.dataSync())).toEqual([1, 0]);
  });
});

describe('masked-loss: edge cases of causalLmLoss', () => {
  test('returns a float32 tf.Scalar of shape [] (not [1])', () => {
    const loss = keep(
      causalLmLoss(
        logits3([
          [
            [1, 2],
            [3, 4],
          ],
        ]),
        ints([[0, 1]]),
      ),
    );
    expect(loss, 'result must be a tf.Tensor').toBeInstanceOf(tf.Tensor);
    expect(loss.shape, 'a scalar has shape []').toEqual([]);
    expect(loss.dtype).toBe('float32');
  });

  test('labels[:, 0] is neither a target nor checked: -100, 0, 2, V = 3, 99 and -7 there give the same loss, no error', () => {
    const rows = [
      [
        [0, 1, 2],
        [2, 0, 1],
        [1, 1, 0],
      ],
      [
        [1, 0, 0],
        [0, 2, 1],
        [3, 0, 1],
      ],
    ];
    const expected = causalLmLossOracle(flat(rows), { B: 2, T: 3, V: 3 }, [0, 2, 1, 0, 0, 2]);
    for (const first of [-100, 0, 2, 3, 99, -7]) {
      expectLoss(
        causalLmLoss(
          logits3(rows),
          ints([
            [first, 2, 1],
            [first, 0, 2],
          ]),
        ),
        expected,
        3,
        `causalLmLoss with labels[:, 0] = ${first}`,
      );
    }
  });

  test('the logits at the last position predict nothing: changing them leaves the loss unchanged', () => {
    const labels = [[-100, 1, 0]];
    const expected = causalLmLossOracle([0, 1, 2, 2, 0, 1, 0, 0, 0], { B: 1, T: 3, V: 3 }, flat(labels));
    for (const last of [
      [0, 0, 0],
      [9, -9, 4],
      [-50, 50, 0],
    ]) {
      const loss = causalLmLoss(logits3([[[0, 1, 2], [2, 0, 1], last]]), ints(labels));
      expectLoss(loss, expected, 50, `causalLmLoss with last-position logits [${last.join(', ')}]`);
    }
  });

  test('every label ignored gives exactly 0, not NaN', () => {
    const loss = causalLmLoss(
      logits3([
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ]),
      ints([[0, -100, -100]]),
    );
    expectTensorClose(keep(loss), { shape: [], data: Float64Array.of(0) }, { atol: 0 }, 'causalLmLoss', 'float32');
  });

  test('T = 1: there is nothing to predict, the loss is 0', () => {
    const loss = causalLmLoss(logits3([[[1, 2, 3]], [[0, 0, 1]]]), ints([[0], [2]]));
    expectTensorClose(keep(loss), { shape: [], data: Float64Array.of(0) }, { atol: 0 }, 'causalLmLoss', 'float32');
  });

  test('a non-default ignoreIndex is honoured: ignoreIndex = 0 (a pad id) skips label 0 and counts the rest', () => {
    const rows = [
      [
        [0, 1, 2],
        [2, 0, 1],
        [1, 1, 0],
        [0, 3, 0],
      ],
    ];
    const labels = [[1, 0, 2, 0]];
    const loss = causalLmLoss(logits3(rows), ints(labels), 0);
    expectLoss(loss, causalLmLossOracle(flat(rows), { B: 1, T: 4, V: 3 }, flat(labels), 0), 3, 'causalLmLoss(…, 0)');
  });

  test('with ignoreIndex = -1, labels of -1 are skipped and a -100 label counts, so it throws RangeError', () => {
    const rows = [
      [
        [0, 1, 2],
        [2, 0, 1],
        [1, 1, 0],
      ],
    ];
    const loss = causalLmLoss(logits3(rows), ints([[1, -1, 2]]), -1);
    expectLoss(loss, causalLmLossOracle(flat(rows), { B: 1, T: 3, V: 3 }, [1, -1, 2], -1), 2, 'causalLmLoss(…, -1)');
    expect(() => causalLmLoss(logits3(rows), ints([[1, -100, 2]]), -1)).toThrow(RangeError);
  });

  test('a counted label outside [0, V) throws RangeError: V = 3 and -1', () => {
    const rows = [
      [
        [0, 1, 2],
        [2, 0, 1],
        [1, 1, 0],
      ],
    ];
    for (const bad of [3, -1]) {
      expect(() => causalLmLoss(logits3(rows), ints([[0, 1, bad]])), `label ${bad}`).toThrow(RangeError);
    }
  });

  test('labels of a shape other than logits [B, T] throw RangeError (e.g. labels already shifted)', () => {
    const logits = logits3([
      [
        [0, 1],
        [1, 0],
        [2, 2],
      ],
      [
        [0, 0],
        [1, 1],
        [2, 0],
      ],
    ]); // [2, 3, 2]
    expect(
      () =>
        causalLmLoss(
          logits,
          ints([
            [0, 1],
            [1, 0],
          ]),
        ),
      'labels [2, 2]',
    ).toThrow(RangeError);
    expect(() => causalLmLoss(logits, ints([[0, 1, 0]])), 'labels [1, 3]').toThrow(RangeError);
  });

  test('labels that are not int32 throw TypeError: float32 [[0, 1, 2]]', () => {
    const rows = [
      [
        [0, 1, 2],
        [2, 0, 1],
        [1, 1, 0],
      ],
    ];
    expect(() => causalLmLoss(logits3(rows), floats([[0, 1, 2]])), 'float32 labels').toThrow(TypeError);
  });

  test('an ignoreIndex that is not an integer throws RangeError (0.5, NaN, Infinity); one that is not a number, TypeError', () => {
    const logits = logits3([
      [
        [0, 1, 2],
        [2, 0, 1],
        [1, 1, 0],
      ],
    ]);
    const labels = ints([[0, 1, 2]]);
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => causalLmLoss(logits, labels, bad), `ignoreIndex ${bad}`).toThrow(RangeError);
    }
    expect(() => causalLmLoss(logits, labels, '-100' as unknown as number), "ignoreIndex '-100'").toThrow(TypeError);
  });

  test('does not dispose or change its inputs (logits, labels)', () => {
    const logits = logits3([
      [
        [0, 1, 2],
        [2, 0, 1],
        [1, 1, 1],
      ],
    ]);
    const labels = ints([[7, 2, -100]]);
    const loss = causalLmLoss(logits, labels);
    expectLoss(
      loss,
      causalLmLossOracle([0, 1, 2, 2, 0, 1, 1, 1, 1], { B: 1, T: 3, V: 3 }, [7, 2, -100]),
      2,
      'causalLmLoss',
    );
    expect(logits.isDisposed, 'logits was disposed').toBe(false);
    expect(labels.isDisposed, 'labels was disposed').toBe(false);
    expect(Array.from(logits.dataSync())).toEqual([0, 1, 2, 2, 0, 1, 1, 1, 1]);
    expect(Array.from(labels.dataSync())).toEqual([7, 2, -100]);
  });

  test('leaks no tensors, with counted labels, with none counted, and when it throws', () => {
    const logits = logits3([
      [
        [0, 1, 2],
        [2, 0, 1],
        [5, 5, 5],
      ],
      [
        [1, 1, 1],
        [0, 0, 9],
        [3, 2, 1],
      ],
    ]);
    const labels = [
      [-100, 2, 1],
      [0, -100, 2],
    ];
    const counted = ints(labels);
    const ignored = ints([
      [1, -100, -100],
      [2, -100, -100],
    ]);
    const bad = ints([
      [0, 1, 7],
      [0, 1, 2],
    ]);
    const loss = expectNoLeaks(() => causalLmLoss(logits, counted), 'causalLmLoss');
    expectLoss(loss, causalLmLossOracle(logits.dataSync(), { B: 2, T: 3, V: 3 }, flat(labels)), 9, 'causalLmLoss');
    const none = expectNoLeaks(() => causalLmLoss(logits, ignored), 'causalLmLoss, none counted');
    expectLoss(none, 0, 9, 'causalLmLoss with no counted label');
    expectLeakFreeThrow(() => causalLmLoss(logits, bad), 'causalLmLoss with label 7, V = 3');
  });
});

describe('masked-loss: numerical stability (log-sum-exp, not log(softmax))', () => {
  for (const big of [1e3, 1e4]) {
    test(`logits [${big}, 0, -${big}]: nll is exactly 0, ${big} and ${2 * big} for targets 0, 1, 2`, () => {
      const rows = [
        [
          [big, 0, -big],
          [big, 0, -big],
          [big, 0, -big],
        ],
      ];
      const targets = [[0, 1, 2]];
      for (const [k, mask] of [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ].entries()) {
        const loss = maskedCrossEntropy(logits3(rows), ints(targets), floats([mask]));
        expectLoss(loss, k * big, big, `maskedCrossEntropy, target ${k}, mask [${mask.join(', ')}]`);
      }
    });
  }

  test('logits [1000, 999, -1000]: target 1 gives log(1 + e) = 1.3133 (the exact answer, to float32 precision)', () => {
    const loss = maskedCrossEntropy(logits3([[[1000, 999, -1000]]]), ints([[1]]), floats([[1]]));
    expectLoss(loss, Math.log1p(Math.E), 1000, 'maskedCrossEntropy');
  });

  test('random logits of magnitude up to 1e4 ([2, 5, 7], weighted mask) match the float64 oracle', () => {
    const c = randomLossCase({ B: 2, T: 5, V: 7 }, 4242, 1e4, 'weights');
    const { logits, targets, mask } = tensorsOf(c);
    expectLoss(
      maskedCrossEntropy(logits, targets, mask),
      maskedCrossEntropyOracle(c.logits, c.shape, c.targets, c.mask),
      maxAbs(c.logits),
      describeCase(c),
    );
  });

  test('causalLmLoss with logits of magnitude up to 1e4 matches the float64 oracle', () => {
    const c = randomLossCase({ B: 3, T: 6, V: 5 }, 777, 1e4, 'binary');
    const labels = randomLabels(c.shape, 777, -100);
    const { logits } = tensorsOf(c);
    expectLoss(
      causalLmLoss(logits, keep(tf.tensor2d(labels, [3, 6], 'int32'))),
      causalLmLossOracle(c.logits, c.shape, labels),
      maxAbs(c.logits),
      `causalLmLoss, labels [${Array.from(labels).join(', ')}]`,
    );
  });

  test('adding 1e4 to every logit leaves the loss unchanged (softmax is shift-invariant)', () => {
    const rows = [
      [
        [0.5, -1, 2],
        [3, 0, -2],
      ],
      [
        [1, 1, 1],
        [-4, 0.25, 2],
      ],
    ];
    const shifted = rows.map((row) => row.map((logit) => logit.map((x) => x + 1e4)));
    const expected = maskedCrossEntropyOracle(flat(rows), { B: 2, T: 2, V: 3 }, [2, 0, 1, 1], [1, 1, 0.5, 2]);
    const loss = maskedCrossEntropy(
      logits3(shifted),
      ints([
        [2, 0],
        [1, 1],
      ]),
      floats([
        [1, 1],
        [0.5, 2],
      ]),
    );
    expectLoss(loss, expected, 1e4, 'maskedCrossEntropy of logits + 1e4');
  });
});

describe('masked-loss: complexity and scale (at most 8·B·T + 100 steps of JavaScript work)', () => {
  /** The prompt's budget: a loop over the B·T tokens fits, a JavaScript loop over the B·T·V logits does not. */
  const budget = (B: number, T: number) => ({ steps: 8 * B * T + 100, rule: `8·B·T + 100 for B·T = ${B * T}` });

  test('maskedCrossEntropy on [2, 64, 1000] (128 000 logits), weighted mask: matches the oracle within 8·B·T + 100 steps', () => {
    const c = randomLossCase({ B: 2, T: 64, V: 1000 }, 2024, 20, 'weights');
    const { logits, targets, mask } = tensorsOf(c);
    const loss = expectWithinBudget(() => counted.maskedCrossEntropy(logits, targets, mask), budget(2, 64), {
      builtins: false,
    });
    expectLoss(
      loss,
      maskedCrossEntropyOracle(c.logits, c.shape, c.targets, c.mask),
      20,
      'maskedCrossEntropy on [2, 64, 1000]',
    );
  });

  test('causalLmLoss on [1, 128, 1000] with a third of the labels ignored: matches the oracle within 8·B·T + 100 steps', () => {
    const c = randomLossCase({ B: 1, T: 128, V: 1000 }, 99, 20, 'binary');
    const labels = randomLabels(c.shape, 99, -100);
    const { logits } = tensorsOf(c);
    const labelTensor = keep(tf.tensor2d(labels, [1, 128], 'int32'));
    const loss = expectWithinBudget(() => counted.causalLmLoss(logits, labelTensor), budget(1, 128), {
      builtins: false,
    });
    expectLoss(loss, causalLmLossOracle(c.logits, c.shape, labels), 20, 'causalLmLoss on [1, 128, 1000]');
  });
});

function check(
  c: RandomLossCase,
  compute: (t: Tensors) => tf.Scalar,
  expected: number,
  what: string,
  scale = maxAbs(c.logits),
): void {
  expectLoss(compute(tensorsOf(c)), expected, scale, `${what}: ${describeCase(c)}`);
}

describe('masked-loss: properties (against float64 loop oracles)', () => {
  test.prop([caseArb], { numRuns: 60 })('maskedCrossEntropy equals sum(mask·nll) / sum(mask) of the oracle', (c) => {
    check(
      c,
      (t) => maskedCrossEntropy(t.logits, t.targets, t.mask),
      maskedCrossEntropyOracle(c.logits, c.shape, c.targets, c.mask),
      'maskedCrossEntropy',
    );
  });

  test.prop([caseArb, fc.constantFrom(0.25, 0.5, 3, 10, 1000)], { numRuns: 30 })(
    'scaling every mask weight by c > 0 leaves the loss unchanged',
    (c, factor) => {
      const scaled = { ...c, mask: c.mask.map((w) => Math.fround(w * factor)) };
      check(
        scaled,
        (t) => maskedCrossEntropy(t.logits, t.targets, t.mask),
        maskedCrossEntropyOracle(c.logits, c.shape, c.targets, c.mask),
        `mask × ${factor}`,
      );
    },
  );

  test.prop([caseArb, fc.integer({ min: 0, max: 2 ** 31 - 1 })], { numRuns: 30 })(
    'changing the targets at masked-out positions leaves the loss unchanged',
    (c, seed) => {
      const uniform = seededUniform(seed);
      const targets = c.targets.map((target, i) => (c.mask[i] === 0 ? garbageTarget(uniform, c.shape.V) : target));
      check(
        { ...c, targets },
        (t) => maskedCrossEntropy(t.logits, t.targets, t.mask),
        maskedCrossEntropyOracle(c.logits, c.shape, c.targets, c.mask),
        'new masked-out targets',
      );
    },
  );

  test.prop([caseArb, fc.integer({ min: 0, max: 2 ** 31 - 1 })], { numRuns: 30 })(
    'adding a constant (up to ±1000) to all logits of one position leaves the loss unchanged',
    (c, seed) => {
      const uniform = seededUniform(seed);
      const { V } = c.shape;
      const logits = new Float64Array(c.logits.length);
      for (let pos = 0; pos < c.logits.length / V; pos++) {
        const shift = Math.round((uniform() * 2 - 1) * 1000);
        for (let v = 0; v < V; v++) logits[pos * V + v] = Math.fround((c.logits[pos * V + v] as number) + shift);
      }
      check(
        { ...c, logits },
        (t) => maskedCrossEntropy(t.logits, t.targets, t.mask),
        maskedCrossEntropyOracle(c.logits, c.shape, c.targets, c.mask),
        'per-position shifted logits',
        maxAbs(logits),
      );
    },
  );

  test.prop([causalArb], { numRuns: 50 })(
    'causalLmLoss equals the shifted, ignore-aware mean of the oracle',
    ({ c, ignoreIndex, labelSeed }) => {
      const labels = randomLabels(c.shape, labelSeed, ignoreIndex);
      const { B, T } = c.shape;
      const loss = causalLmLoss(tensorsOf(c).logits, keep(tf.tensor2d(labels, [B, T], 'int32')), ignoreIndex);
      expectLoss(
        loss,
        causalLmLossOracle(c.logits, c.shape, labels, ignoreIndex),
        maxAbs(c.logits),
        `causalLmLoss(…, ${ignoreIndex}): [B, T, V] = [${B}, ${T}, ${c.shape.V}], labels [${Array.from(labels).join(', ')}]`,
      );
    },
  );

  test.prop([causalArb], { numRuns: 30 })(
    'causalLmLoss equals maskedCrossEntropy on logits[:, :-1], labels[:, 1:], mask = (label ≠ ignoreIndex)',
    ({ c, ignoreIndex, labelSeed }) => {
      const { B, T, V } = c.shape;
      fc.pre(T >= 2);
      const labels = randomLabels(c.shape, labelSeed, ignoreIndex);
      const shiftLogits = new Float64Array(B * (T - 1) * V);
      const shiftLabels = new Int32Array(B * (T - 1));
      const mask = new Float64Array(B * (T - 1));
      for (let b = 0; b < B; b++) {
        for (let t = 0; t + 1 < T; t++) {
          shiftLogits.set(c.logits.subarray((b * T + t) * V, (b * T + t + 1) * V), (b * (T - 1) + t) * V);
          const label = labels[b * T + t + 1] as number;
          shiftLabels[b * (T - 1) + t] = label;
          mask[b * (T - 1) + t] = label === ignoreIndex ? 0 : 1;
        }
      }
      const causal = keep(causalLmLoss(tensorsOf(c).logits, keep(tf.tensor2d(labels, [B, T], 'int32')), ignoreIndex));
      const direct = keep(
        maskedCrossEntropy(
          keep(tf.tensor3d(Float32Array.from(shiftLogits), [B, T - 1, V], 'float32')),
          keep(tf.tensor2d(shiftLabels, [B, T - 1], 'int32')),
          keep(tf.tensor2d(Float32Array.from(mask), [B, T - 1], 'float32')),
        ),
      );
      expect(causal.shape, 'causalLmLoss shape').toEqual([]);
      const want = direct.dataSync()[0] as number;
      expectLoss(
        causal,
        want,
        maxAbs(c.logits),
        `causalLmLoss(…, ${ignoreIndex}) vs maskedCrossEntropy on the shifted tensors, [B, T, V] = [${B}, ${T}, ${V}], labels [${Array.from(labels).join(', ')}]`,
      );
    },
  );

  test.prop([badLossCall], { numRuns: 60 })(
    'one bad input (weight, counted target, shape, dtype, ignoreIndex): the error class the prompt names',
    (call) => {
      const error = call.error === 'TypeError' ? TypeError : RangeError;
      if (call.fn === 'maskedCrossEntropy') {
        const [logits, targets, mask] = [call.logits, call.targets, call.mask].map((spec) => keep(tensorOfSpec(spec)));
        expect(
          () => maskedCrossEntropy(logits as tf.Tensor3D, targets as tf.Tensor2D, mask as tf.Tensor2D),
          `maskedCrossEntropy with ${call.bad}: logits [${call.logits.shape}], targets ${call.targets.dtype} [${call.targets.shape}], mask ${call.mask.dtype} [${call.mask.shape}]`,
        ).toThrow(error);
      } else {
        const [logits, labels] = [call.logits, call.labels].map((spec) => keep(tensorOfSpec(spec)));
        expect(
          () => causalLmLoss(logits as tf.Tensor3D, labels as tf.Tensor2D, call.ignoreIndex),
          `causalLmLoss with ${call.bad}: labels ${call.labels.dtype} [${call.labels.shape}] = [${call.labels.values}], ignoreIndex ${call.ignoreIndex}`,
        ).toThrow(error);
      }
    },
  );
});
