import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/contrastive-loss';
import { clipLoss, infoNCE } from '@impl/contrastive-loss';
import {
  type ClipCase,
  type InfoNCECase,
  type TensorArg,
  badClipCall,
  badInfoNCECall,
  clipCase,
  embeddings,
  infoNCECase,
} from './inputs.ts';
import { type ClipOracleResult, clipLossOracle, infoNCEOracle } from './oracle.ts';
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

type Result = { loss: tf.Scalar; logitsPerImage: tf.Tensor2D; logitsPerText: tf.Tensor2D };
type Opts = { maxLogitScale?: number };

const mat = (values: readonly number[], N: number, D: number) =>
  keep(tf.tensor2d(Float32Array.from(values), [N, D], 'float32'));

function keepResult(out: Result): Result {
  keep(out.loss);
  keep(out.logitsPerImage);
  keep(out.logitsPerText);
  return out;
}

/** clipLoss on flat arrays; every tensor is disposed after the test. */
function clip(
  images: readonly number[],
  texts: readonly number[],
  N: number,
  D: number,
  logitScale: number | tf.Scalar,
  opts?: Opts,
): Result {
  const a = mat(images, N, D);
  const b = mat(texts, N, D);
  return keepResult(opts === undefined ? clipLoss(a, b, logitScale) : clipLoss(a, b, logitScale, opts));
}

function nce(queries: readonly number[], keys: readonly number[], N: number, D: number, temperature: number) {
  return keep(infoNCE(mat(queries, N, D), mat(keys, N, D), temperature));
}

const scalar = (x: number) => ({ shape: [], data: Float64Array.of(x) });
const matrix = (rows: readonly (readonly number[])[]) => ({
  shape: [rows.length, rows[0]?.length ?? 0],
  data: Float64Array.from(rows.flat()),
});
const tol6 = { atol: 2e-6, rtol: 1e-5 };

function expectClip(out: Result, expected: ClipOracleResult, tol: { atol: number; rtol: number }, what: string): void {
  expectTensorClose(out.loss, scalar(expected.loss), tol, `${what}: loss`);
  expectTensorClose(out.logitsPerImage, matrix(expected.logitsPerImage), tol, `${what}: logitsPerImage`);
  expectTensorClose(out.logitsPerText, matrix(expected.logitsPerText), tol, `${what}: logitsPerText`);
}

/** The prompt's pairs: images [[1,0],[0,1]], texts [[1,0],[0.6,0.8]]. */
const IMAGES = [1, 0, 0, 1];
const TEXTS = [1, 0, 0.6, 0.8];
/** The prompt's hard negatives: images [[1,0],[0.6,0.8]], texts [[0.8,0.6],[0.6,0.8]]. */
const HARD_IMAGES = [1, 0, 0.6, 0.8];
const HARD_TEXTS = [0.8, 0.6, 0.6, 0.8];
const LN100 = Math.log(100);
const INIT = Math.log(1 / 0.07);

describe('contrastive-loss: worked examples (the spec vectors)', () => {
  test('the float64 oracle reproduces every worked example of the prompt', () => {
    const loss = (i: number[], t: number[], s: number, max?: number) => clipLossOracle(i, t, 2, 2, s, max).loss;
    expect(loss(IMAGES, TEXTS, 0)).toBeCloseTo(0.448879, 6);
    expect(loss(IMAGES, TEXTS, INIT)).toBeCloseTo(0.014787, 6);
    expect(loss(IMAGES, TEXTS, -1)).toBeCloseTo(0.448879, 6);
    expect(loss([3, 0, 0, 0.5], [2, 0, 3, 4], 0)).toBeCloseTo(0.448879, 6);
    expect(loss(HARD_IMAGES, HARD_TEXTS, 5)).toBeCloseTo(4.004538, 6);
    expect(loss(HARD_IMAGES, HARD_TEXTS, 5, Math.log(50))).toBeCloseTo(2.031827, 6);
    expect(loss(HARD_IMAGES, HARD_TEXTS, 5, 100), 'the unclamped bug value').toBeCloseTo(5.937186, 6);
    expect(loss([1, 0, -1, 0], [-1, 0, 1, 0], LN100)).toBeCloseTo(200, 6);
    expect(infoNCEOracle(IMAGES, TEXTS, 2, 2, 1)).toBeCloseTo(0.442058, 6);
    expect(infoNCEOracle(TEXTS, IMAGES, 2, 2, 1)).toBeCloseTo(0.4557, 6);
    expect(infoNCEOracle(IMAGES, TEXTS, 2, 2, 0.5)).toBeCloseTo(0.277501, 6);
    expect(infoNCEOracle([2, 0, 0, 1], [1, 0, 3, 4], 2, 2, 1)).toBeCloseTo(2.01815, 6);
    expect(infoNCEOracle([100, 0, 0, 100], [0, 100, 100, 0], 2, 2, 1)).toBeCloseTo(10000, 6);
    // …and the implementation agrees with the oracle on the first example.
    expectTensorClose(clip(IMAGES, TEXTS, 2, 2, 0).loss, scalar(loss(IMAGES, TEXTS, 0)), tol6, 'loss');
  });

  test('scale 1 (logitScale 0): logitsPerImage [[1, 0.6], [0, 0.8]] (rows = images), loss 0.448879', () => {
    const out = clip(IMAGES, TEXTS, 2, 2, 0);
    expectTensorClose(
      out.logitsPerImage,
      matrix([
        [1, 0.6],
        [0, 0.8],
      ]),
      tol6,
      'logitsPerImage',
    );
    expectTensorClose(out.loss, scalar(0.448879), tol6, 'loss');
  });

  test('logitsPerText is the transpose of logitsPerImage: [[1, 0], [0.6, 0.8]] (rows = texts)', () => {
    const out = clip(IMAGES, TEXTS, 2, 2, 0);
    expectTensorClose(
      out.logitsPerText,
      matrix([
        [1, 0],
        [0.6, 0.8],
      ]),
      tol6,
      'logitsPerText',
    );
  });

  test('the loss is the mean of both directions: image→text 0.442058 and text→image 0.455700 give 0.448879', () => {
    const out = clip(IMAGES, TEXTS, 2, 2, 0);
    expectTensorClose(out.loss, scalar((0.442058 + 0.4557) / 2), { atol: 2e-6 }, 'loss (one direction alone is wrong)');
  });

  test('the default init logitScale = ln(1/0.07) means scale 14.285714: loss 0.014787', () => {
    const out = clip(IMAGES, TEXTS, 2, 2, INIT);
    expectTensorClose(
      out.logitsPerImage,
      matrix([
        [1 / 0.07, 0.6 / 0.07],
        [0, 0.8 / 0.07],
      ]),
      { atol: 1e-4, rtol: 1e-5 },
      'logitsPerImage',
    );
    expectTensorClose(out.loss, scalar(0.014787), tol6, 'loss');
  });

  test('embeddings are L2-normalised first: images [[3,0],[0,0.5]], texts [[2,0],[3,4]] give the same 0.448879', () => {
    const out = clip([3, 0, 0, 0.5], [2, 0, 3, 4], 2, 2, 0);
    expectTensorClose(
      out.logitsPerImage,
      matrix([
        [1, 0.6],
        [0, 0.8],
      ]),
      tol6,
      'logitsPerImage (cosines)',
    );
    expectTensorClose(out.loss, scalar(0.448879), tol6, 'loss');
  });

  test('logitScale is clamped at maxLogitScale = ln 100 by default: hard negatives, logitScale 5 → scale 100, loss 4.004538', () => {
    const out = clip(HARD_IMAGES, HARD_TEXTS, 2, 2, 5);
    expectTensorClose(
      out.logitsPerImage,
      matrix([
        [80, 60],
        [96, 100],
      ]),
      { atol: 1e-3, rtol: 1e-5 },
      'logitsPerImage',
    );
    expectTensorClose(out.loss, scalar(4.004538), { atol: 1e-4, rtol: 1e-5 }, 'loss');
    expectTensorClose(
      clip(HARD_IMAGES, HARD_TEXTS, 2, 2, LN100, {}).loss,
      scalar(4.004538),
      { atol: 1e-4 },
      'ln 100, opts {}',
    );
  });

  test('maxLogitScale ln 50: logitScale 5 → scale 50, loss 2.031827', () => {
    const out = clip(HARD_IMAGES, HARD_TEXTS, 2, 2, 5, { maxLogitScale: Math.log(50) });
    expectTensorClose(
      out.logitsPerImage,
      matrix([
        [40, 30],
        [48, 50],
      ]),
      { atol: 1e-3, rtol: 1e-5 },
      'logitsPerImage',
    );
    expectTensorClose(out.loss, scalar(2.031827), { atol: 1e-4 }, 'loss');
  });

  test('logitScale below 0 is clamped to 0 (scale 1): logitScale −1 gives 0.448879; maxLogitScale 0 pins the scale at 1', () => {
    expectTensorClose(clip(IMAGES, TEXTS, 2, 2, -1).loss, scalar(0.448879), tol6, 'logitScale −1');
    const pinned = clip(HARD_IMAGES, HARD_TEXTS, 2, 2, 5, { maxLogitScale: 0 });
    expectTensorClose(
      pinned.logitsPerImage,
      matrix([
        [0.8, 0.6],
        [0.96, 1],
      ]),
      tol6,
      'maxLogitScale 0, logitScale 5',
    );
  });

  test('logitScale as a tf.Scalar works like the number: tf.scalar(5) → 4.004538, tf.scalar(0) → 0.448879', () => {
    const five = keep(tf.scalar(5));
    expectTensorClose(clip(HARD_IMAGES, HARD_TEXTS, 2, 2, five).loss, scalar(4.004538), { atol: 1e-4 }, 'tf.scalar(5)');
    const zero = keep(tf.scalar(0));
    expectTensorClose(clip(IMAGES, TEXTS, 2, 2, zero).loss, scalar(0.448879), tol6, 'tf.scalar(0)');
    expect(five.isDisposed, 'the logitScale tensor is not disposed').toBe(false);
  });

  test('stable: logits ±100 (images [[1,0],[-1,0]], texts [[-1,0],[1,0]], scale 100) give loss 200, not Infinity', () => {
    const out = clip([1, 0, -1, 0], [-1, 0, 1, 0], 2, 2, LN100);
    expectTensorClose(
      out.logitsPerImage,
      matrix([
        [-100, 100],
        [100, -100],
      ]),
      { atol: 1e-3, rtol: 1e-5 },
      'logits',
    );
    expectTensorClose(out.loss, scalar(200), { atol: 1e-3, rtol: 1e-5 }, 'loss');
  });

  test('infoNCE: queries [[1,0],[0,1]], keys [[1,0],[0.6,0.8]], τ = 0.5 → 0.277501 (logits / τ), τ = 1 → 0.442058', () => {
    expectTensorClose(nce(IMAGES, TEXTS, 2, 2, 0.5), scalar(0.277501), tol6, 'τ = 0.5');
    expectTensorClose(nce(IMAGES, TEXTS, 2, 2, 1), scalar(0.442058), tol6, 'τ = 1');
  });

  test('infoNCE does not normalise: queries [[2,0],[0,1]], keys [[1,0],[3,4]], τ = 1 → 2.018150', () => {
    expectTensorClose(nce([2, 0, 0, 1], [1, 0, 3, 4], 2, 2, 1), scalar(2.01815), tol6, 'raw dot products');
  });

  test('infoNCE is stable for large raw inputs: queries [[100,0],[0,100]], keys [[0,100],[100,0]] (logits ±1e4) → 10000', () => {
    expectTensorClose(
      nce([100, 0, 0, 100], [0, 100, 100, 0], 2, 2, 1),
      scalar(10000),
      { atol: 1e-2, rtol: 1e-6 },
      'loss',
    );
  });
});

describe('contrastive-loss: edge cases', () => {
  test('N = 1: the only pair is its own positive, loss 0 (clipLoss at scale 100, infoNCE)', () => {
    const out = clip([3, -4], [-1, 7], 1, 2, LN100);
    expectTensorClose(out.loss, scalar(0), tol6, 'clipLoss N = 1');
    expectTensorClose(out.logitsPerImage, matrix([[(100 * (-3 - 28)) / 5 / Math.sqrt(50)]]), { atol: 1e-3 }, 'logits');
    expectTensorClose(nce([3, -4], [-1, 7], 1, 2, 0.07), scalar(0), tol6, 'infoNCE N = 1');
  });

  test('all embeddings equal: loss ln N = ln 3 = 1.098612 at any scale (N = 3)', () => {
    for (const s of [0, INIT, LN100]) {
      const out = clip([1, 2, 1, 2, 1, 2], [1, 2, 1, 2, 1, 2], 3, 2, s);
      expectTensorClose(out.loss, scalar(Math.log(3)), { atol: 1e-5 }, `logitScale ${s}`);
    }
    expectTensorClose(
      nce([1, 2, 1, 2, 1, 2], [1, 2, 1, 2, 1, 2], 3, 2, 0.1),
      scalar(Math.log(3)),
      { atol: 1e-5 },
      'infoNCE',
    );
  });

  test('orthonormal aligned pairs at scale 100 give loss ≈ 0 (N = D = 4, log(1 + 3e−100))', () => {
    const eye = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    expectTensorClose(
      clip(
        eye,
        eye.map((x) => 2 * x),
        4,
        4,
        LN100,
      ).loss,
      scalar(0),
      tol6,
      'aligned',
    );
  });

  test('shapes and dtypes: loss [], logitsPerImage and logitsPerText [N, N] float32 (N = 3, D = 5); infoNCE []', () => {
    const images = Array.from(randomValues(15, 3, 1));
    const texts = Array.from(randomValues(15, 4, 1));
    const out = clip(images, texts, 3, 5, INIT);
    expect(out.loss.shape, 'loss shape').toEqual([]);
    expect(out.logitsPerImage.shape, 'logitsPerImage shape').toEqual([3, 3]);
    expect(out.logitsPerText.shape, 'logitsPerText shape').toEqual([3, 3]);
    for (const key of ['loss', 'logitsPerImage', 'logitsPerText'] as const) expect(out[key].dtype, key).toBe('float32');
    const l = nce(images, texts, 3, 5, 0.07);
    expect(l.shape, 'infoNCE shape').toEqual([]);
    expect(l.dtype, 'infoNCE dtype').toBe('float32');
  });

  test('no leaked tensors: clipLoss (number and tf.Scalar logitScale) and infoNCE', () => {
    const a = mat(IMAGES, 2, 2);
    const b = mat(TEXTS, 2, 2);
    const s = keep(tf.scalar(INIT));
    for (const [what, logitScale] of [
      ['number', INIT],
      ['tf.Scalar', s],
    ] as const) {
      const before = tf.memory().numTensors;
      const out = clipLoss(a, b, logitScale);
      expect(Object.keys(out).sort(), 'the result keys').toEqual(['logitsPerImage', 'logitsPerText', 'loss']);
      tf.dispose([out.loss, out.logitsPerImage, out.logitsPerText]);
      expect(tf.memory().numTensors - before, `clipLoss with a ${what} logitScale: tensors left behind`).toBe(0);
    }
    expectNoLeaks(() => infoNCE(a, b, 0.07), 'infoNCE');
  });

  test('does not dispose or change its inputs (images, texts, the logitScale tensor, queries, keys)', () => {
    const a = mat(IMAGES, 2, 2);
    const b = mat([2, 0, 3, 4], 2, 2);
    const s = keep(tf.scalar(5));
    keepResult(clipLoss(a, b, s));
    keep(infoNCE(a, b, 0.5));
    for (const [name, t] of Object.entries({ a, b, s })) expect(t.isDisposed, `${name} disposed`).toBe(false);
    expect(Array.from(a.dataSync()), 'imageEmbeds unchanged').toEqual(IMAGES);
    expect(Array.from(b.dataSync()), 'textEmbeds unchanged (not normalised in place)').toEqual([2, 0, 3, 4]);
    expect(s.dataSync()[0], 'logitScale unchanged (not clamped in place)').toBe(5);
  });
});

/** Builds the tensors of a bad call ('plain' stays a plain array) and calls `f`; disposes them after. */
function withArgs(args: readonly TensorArg[], f: (made: unknown[]) => unknown): void {
  const made = args.map((a) => (a === 'plain' ? [[1, 0]] : tensorOf(a)));
  try {
    const out = f(made);
    if (out instanceof tf.Tensor) out.dispose();
    else if (out !== null && typeof out === 'object') tf.dispose(Object.values(out) as tf.Tensor[]);
  } finally {
    tf.dispose(made.filter((t): t is tf.Tensor => t instanceof tf.Tensor));
  }
}
const errorOf = (name: 'RangeError' | 'TypeError') => (name === 'TypeError' ? TypeError : RangeError);
const loose = <T>(x: unknown) => x as T;

describe('contrastive-loss: bad input', () => {
  const a = () => mat(IMAGES, 2, 2);
  const b = () => mat(TEXTS, 2, 2);
  test('a zero row in imageEmbeds or textEmbeds throws RangeError (its norm is 0): [[1,0],[0,0]]', () => {
    expect(() => clipLoss(mat([1, 0, 0, 0], 2, 2), b(), 0), 'imageEmbeds [[1,0],[0,0]]').toThrow(RangeError);
    expect(() => clipLoss(a(), mat([0, 0, 0.6, 0.8], 2, 2), 0), 'textEmbeds [[0,0],[0.6,0.8]]').toThrow(RangeError);
  });
  test('a zero row of queries or keys is not an error: infoNCE does not normalise (queries [[0,0],[0,1]], keys [[1,0],[0,1]], τ 1 → 0.503204)', () => {
    // logits [[0, 0], [0, 1]]: (ln 2 + ln(1 + e) − 1) / 2, by hand.
    const byHand = (Math.log(2) + Math.log(1 + Math.E) - 1) / 2;
    expect(infoNCEOracle([0, 0, 0, 1], [1, 0, 0, 1], 2, 2, 1), 'oracle').toBeCloseTo(byHand, 12);
    expectTensorClose(nce([0, 0, 0, 1], [1, 0, 0, 1], 2, 2, 1), scalar(byHand), tol6, 'a zero query row');
    expectTensorClose(nce([1, 0, 0, 1], [0, 0, 0, 1], 2, 2, 1), scalar(byHand), tol6, 'a zero key row');
  });
  test('a NaN or ±Infinity entry in the embeddings throws RangeError (clipLoss and infoNCE)', () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => clipLoss(mat([1, 0, 0, x], 2, 2), b(), 0), `imageEmbeds [[1,0],[0,${x}]]`).toThrow(RangeError);
      expect(() => clipLoss(a(), mat([x, 0, 0.6, 0.8], 2, 2), 0), `textEmbeds [[${x},0],…]`).toThrow(RangeError);
      expect(() => infoNCE(mat([1, 0, 0, x], 2, 2), b(), 1), `queries [[1,0],[0,${x}]]`).toThrow(RangeError);
      expect(() => infoNCE(a(), mat([x, 0, 0.6, 0.8], 2, 2), 1), `keys [[${x},0],…]`).toThrow(RangeError);
    }
  });
  test('shapes that are not one [N, D] with N, D ≥ 1 throw RangeError: [2, 2] vs [3, 2] or [2, 3], rank 1, N = 0, D = 0', () => {
    const cases: [string, tf.Tensor, tf.Tensor][] = [
      ['[2,2] vs [3,2]', a(), mat([1, 0, 0, 1, 1, 1], 3, 2)],
      ['[2,2] vs [2,3]', a(), mat([1, 0, 0, 0, 1, 1], 2, 3)],
      ['rank 1', keep(tf.tensor1d([1, 0])), keep(tf.tensor1d([1, 0]))],
      ['rank 3', keep(tf.ones([2, 2, 1])), keep(tf.ones([2, 2, 1]))],
      ['N = 0', keep(tf.zeros([0, 2])), keep(tf.zeros([0, 2]))],
      ['D = 0', keep(tf.zeros([2, 0])), keep(tf.zeros([2, 0]))],
    ];
    for (const [what, x, y] of cases) {
      expect(() => clipLoss(x as tf.Tensor2D, y as tf.Tensor2D, 0), `clipLoss ${what}`).toThrow(RangeError);
      expect(() => clipLoss(y as tf.Tensor2D, x as tf.Tensor2D, 0), `clipLoss ${what}, swapped`).toThrow(RangeError);
      expect(() => infoNCE(x as tf.Tensor2D, y as tf.Tensor2D, 1), `infoNCE ${what}`).toThrow(RangeError);
    }
  });
  test('an argument that is not a tf.Tensor throws TypeError: a plain array, or an object with a rank and shape', () => {
    const fake = loose<tf.Tensor2D>({ rank: 2, shape: [2, 2], dtype: 'float32', size: 4 });
    const plain = loose<tf.Tensor2D>([
      [1, 0],
      [0, 1],
    ]);
    expect(() => clipLoss(plain, b(), 0), 'imageEmbeds plain').toThrow(TypeError);
    expect(() => clipLoss(a(), fake, 0), 'textEmbeds { rank, shape }').toThrow(TypeError);
    expect(() => infoNCE(plain, b(), 1), 'queries plain').toThrow(TypeError);
    expect(() => infoNCE(a(), fake, 1), 'keys { rank, shape }').toThrow(TypeError);
  });
  test('logitScale NaN, ±Infinity (a number or a tf.Scalar) or a tensor of shape [1] throws RangeError', () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => clipLoss(a(), b(), x), `logitScale ${x}`).toThrow(RangeError);
      expect(() => clipLoss(a(), b(), keep(tf.scalar(x))), `logitScale tf.scalar(${x})`).toThrow(RangeError);
    }
    expect(() => clipLoss(a(), b(), loose(keep(tf.tensor1d([2.6592])))), 'logitScale [2.6592]').toThrow(RangeError);
  });
  test("logitScale that is neither a number nor a tensor throws TypeError: '2.6592', undefined, [2.6592]", () => {
    for (const x of ['2.6592', undefined, [2.6592]]) {
      expect(() => clipLoss(a(), b(), loose(x)), `logitScale ${JSON.stringify(x)}`).toThrow(TypeError);
    }
  });
  test('maxLogitScale < 0, NaN or Infinity throws RangeError; a non-number maxLogitScale or opts throws TypeError', () => {
    for (const m of [-1, -1e-9, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => clipLoss(a(), b(), 0, { maxLogitScale: m }), `maxLogitScale ${m}`).toThrow(RangeError);
    }
    expect(() => clipLoss(a(), b(), 0, loose({ maxLogitScale: '4.6' })), "maxLogitScale '4.6'").toThrow(TypeError);
    expect(() => clipLoss(a(), b(), 0, loose(4.6)), 'opts 4.6').toThrow(TypeError);
    expect(() => clipLoss(a(), b(), 0, loose(null)), 'opts null').toThrow(TypeError);
  });
  test('temperature ≤ 0, NaN or Infinity throws RangeError; a non-number temperature throws TypeError', () => {
    for (const t of [0, -0.07, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => infoNCE(a(), b(), t), `temperature ${t}`).toThrow(RangeError);
    }
    for (const t of ['0.07', undefined]) {
      expect(() => infoNCE(a(), b(), loose(t)), `temperature ${JSON.stringify(t)}`).toThrow(TypeError);
    }
  });
  test.prop([badClipCall], { numRuns: 50 })('one bad clipLoss argument anywhere throws the named error', (bad) => {
    const { images, texts, logitScale, opts } = bad.args;
    const tensors = 'tensor' in logitScale ? [images, texts, logitScale.tensor] : [images, texts];
    expect(
      () =>
        withArgs(tensors, ([x, y, s]) =>
          clipLoss(
            x as tf.Tensor2D,
            y as tf.Tensor2D,
            loose('tensor' in logitScale ? s : logitScale.value),
            loose(opts),
          ),
        ),
      bad.what,
    ).toThrow(errorOf(bad.error));
  });
  test.prop([badInfoNCECall], { numRuns: 40 })('one bad infoNCE argument anywhere throws the named error', (bad) => {
    const { queries, keys, temperature } = bad.args;
    expect(
      () => withArgs([queries, keys], ([q, k]) => infoNCE(q as tf.Tensor2D, k as tf.Tensor2D, loose(temperature))),
      bad.what,
    ).toThrow(errorOf(bad.error));
  });
});

describe('contrastive-loss: complexity and scale (JavaScript work ≤ 4·N + 100 steps)', () => {
  const N = 128;
  const D = 32;
  test('clipLoss on N = 128, D = 32 matches the float64 oracle within 4·N + 100 steps of JavaScript', () => {
    const images = embeddings(N, D, 21);
    const texts = embeddings(N, D, 22, images);
    const [x, y] = [mat(images, N, D), mat(texts, N, D)];
    const out = keepResult(
      expectWithinBudget(
        () => counted.clipLoss(x, y, INIT),
        { steps: 4 * N + 100, rule: `4·N + 100 for N = ${N}, D = ${D}` },
        { builtins: false },
      ),
    );
    expectClip(out, clipLossOracle(images, texts, N, D, INIT), { atol: 2e-4, rtol: 1e-4 }, `N = ${N}`);
  });
  test('infoNCE on N = 128, D = 32 matches the float64 oracle within 4·N + 100 steps of JavaScript', () => {
    const q = Array.from(randomValues(N * D, 23, 1));
    const k = Array.from(randomValues(N * D, 24, 1));
    const [x, y] = [mat(q, N, D), mat(k, N, D)];
    const out = keep(
      expectWithinBudget(
        () => counted.infoNCE(x, y, 0.1),
        { steps: 4 * N + 100, rule: `4·N + 100 for N = ${N}, D = ${D}` },
        { builtins: false },
      ),
    );
    expectTensorClose(out, scalar(infoNCEOracle(q, k, N, D, 0.1)), { atol: 1e-3, rtol: 1e-4 }, `N = ${N}`);
  });
});

/** clipLoss on a case, its logitScale a number or a tf.Scalar as the case says. */
function runClip(c: ClipCase, change?: Partial<ClipCase>): Result {
  const d = { ...c, ...change };
  const s = d.scaleAsTensor ? keep(tf.scalar(d.logitScale)) : d.logitScale;
  return clip(d.images, d.texts, d.N, d.D, s, d.opts);
}
const scaleOf = (c: ClipCase) => clipLossOracle(c.images, c.texts, c.N, c.D, c.logitScale, c.opts?.maxLogitScale).scale;
const clipTol = (c: ClipCase) => ({ atol: 1e-5 * (1 + scaleOf(c)), rtol: 1e-4 });
const nceTol = (c: InfoNCECase) => {
  const max = Math.max(...c.queries.map(Math.abs)) * Math.max(...c.keys.map(Math.abs));
  return { atol: 1e-5 + (4e-7 * c.D * max) / c.temperature, rtol: 1e-4 };
};
const permuteRows = (x: readonly number[], perm: readonly number[], D: number) =>
  perm.flatMap((p) => x.slice(p * D, (p + 1) * D));

describe('contrastive-loss: properties', () => {
  test.prop([clipCase], { numRuns: 80 })(
    'clipLoss matches the float64 oracle (loss, logitsPerImage, logitsPerText; clamp, defaults, tensor logitScale)',
    (c) => {
      const expected = clipLossOracle(c.images, c.texts, c.N, c.D, c.logitScale, c.opts?.maxLogitScale);
      expectClip(runClip(c), expected, clipTol(c), JSON.stringify(c));
    },
  );

  test.prop([clipCase], { numRuns: 40 })(
    'swapping images and texts keeps the loss, and logitsPerImage and logitsPerText trade places',
    (c) => {
      const a = runClip(c);
      const b = runClip(c, { images: c.texts, texts: c.images });
      const tol = clipTol(c);
      const o = clipLossOracle(c.images, c.texts, c.N, c.D, c.logitScale, c.opts?.maxLogitScale);
      expectTensorClose(b.loss, scalar(a.loss.dataSync()[0] as number), tol, 'swapped loss');
      expectTensorClose(b.logitsPerImage, matrix(o.logitsPerText), tol, 'swapped logitsPerImage');
      expectTensorClose(b.logitsPerText, matrix(o.logitsPerImage), tol, 'swapped logitsPerText');
    },
  );

  test.prop([clipCase, fc.nat()], { numRuns: 40 })(
    'a common permutation of the pairs keeps the loss and permutes the rows and columns of the logits',
    (c, seed) => {
      const perm = fc.sample(fc.shuffledSubarray([...Array(c.N).keys()], { minLength: c.N }), {
        seed,
        numRuns: 1,
      })[0] as number[];
      const a = runClip(c);
      const b = runClip(c, { images: permuteRows(c.images, perm, c.D), texts: permuteRows(c.texts, perm, c.D) });
      const L = Array.from(a.logitsPerImage.dataSync());
      const permuted = perm.map((i) => perm.map((j) => L[i * c.N + j] as number));
      const tol = clipTol(c);
      expectTensorClose(b.loss, scalar(a.loss.dataSync()[0] as number), tol, `loss, permutation ${perm}`);
      expectTensorClose(b.logitsPerImage, matrix(permuted), tol, `logitsPerImage, permutation ${perm}`);
    },
  );

  test.prop([clipCase, fc.array(fc.constantFrom(0.5, 2, 3), { minLength: 12, maxLength: 12 })], { numRuns: 30 })(
    'rescaling any embedding row by a positive factor changes nothing (rows are normalised)',
    (c, factors) => {
      // Image row r is multiplied by factors[r], text row r by factors[6 + r].
      const rescale = (x: readonly number[], first: number) =>
        x.map((v, i) => Math.fround(v * (factors[first + Math.floor(i / c.D)] as number)));
      const expected = clipLossOracle(c.images, c.texts, c.N, c.D, c.logitScale, c.opts?.maxLogitScale);
      const out = runClip(c, { images: rescale(c.images, 0), texts: rescale(c.texts, 6) });
      expectClip(out, expected, clipTol(c), `row factors ${factors}`);
    },
  );

  test.prop([clipCase], { numRuns: 30 })(
    'clipLoss is the mean of infoNCE both ways on the normalised embeddings with τ = 1/scale',
    (c) => {
      const normalise = (x: readonly number[]) =>
        x.map((v, i) => {
          const r = Math.floor(i / c.D);
          const row = x.slice(r * c.D, (r + 1) * c.D);
          return Math.fround(v / Math.hypot(...row));
        });
      const [img, txt] = [normalise(c.images), normalise(c.texts)];
      const tau = 1 / scaleOf(c);
      const both =
        ((nce(img, txt, c.N, c.D, tau).dataSync()[0] as number) +
          (nce(txt, img, c.N, c.D, tau).dataSync()[0] as number)) /
        2;
      expectTensorClose(runClip(c).loss, scalar(both), clipTol(c), `τ = ${tau}`);
    },
  );

  test.prop([infoNCECase], { numRuns: 60 })('infoNCE matches the float64 oracle (raw dot products / τ)', (c) => {
    const expected = infoNCEOracle(c.queries, c.keys, c.N, c.D, c.temperature);
    expectTensorClose(nce(c.queries, c.keys, c.N, c.D, c.temperature), scalar(expected), nceTol(c), JSON.stringify(c));
  });

  test.prop([infoNCECase, fc.constantFrom(0.25, 4, 10)], { numRuns: 30 })(
    'infoNCE: scaling the queries and τ by the same c > 0 changes nothing',
    (c, k) => {
      const expected = infoNCEOracle(c.queries, c.keys, c.N, c.D, c.temperature);
      const scaled = nce(
        c.queries.map((x) => Math.fround(x * k)),
        c.keys,
        c.N,
        c.D,
        c.temperature * k,
      );
      expectTensorClose(scaled, scalar(expected), { ...nceTol(c), atol: nceTol(c).atol * 4 }, `c = ${k}`);
    },
  );
});
