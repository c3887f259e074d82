import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  tensorOf,
  useBackendFromEnv,
  valuesArb,
  rarely,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';

interface LayerNormInput {
  readonly fn: 'layerNorm';
  readonly x: TensorSpec;
  readonly gamma: TensorSpec;
  readonly beta: TensorSpec;
  /** undefined: called without eps (default 1e-5). */
  readonly eps: number | undefined;
}

interface RmsNormInput {
  readonly fn: 'rmsNorm';
  readonly x: TensorSpec;
  readonly gamma: TensorSpec;
  /** undefined: called without eps (default 1e-6). */
  readonly eps: number | undefined;
}

interface BatchNormInput {
  readonly fn: 'batchNormTrain';
  readonly x: TensorSpec;
  readonly gamma: TensorSpec;
  readonly beta: TensorSpec;
  readonly runningMean: TensorSpec;
  readonly runningVar: TensorSpec;
  /** undefined: called with four arguments. */
  readonly opts: { eps?: number; momentum?: number } | undefined;
}

type Input = LayerNormInput | RmsNormInput | BatchNormInput;

/** batchNormTrain's three results, plus its leak count (and whether it disposed an input). */
interface BatchNormValue {
  readonly y: TensorValue;
  readonly runningMean: TensorValue;
  readonly runningVar: TensorValue;
  readonly leaked: number;
  readonly sameAsState: boolean;
}

type Output = TensorValue | BatchNormValue;

type LayerNorm = (x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps?: number) => tf.Tensor;
type RmsNorm = (x: tf.Tensor, gamma: tf.Tensor1D, eps?: number) => tf.Tensor;
type BatchNormTrain = (
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  state: { runningMean: tf.Tensor1D; runningVar: tf.Tensor1D },
  opts?: { eps?: number; momentum?: number },
) => { y: tf.Tensor; runningMean: tf.Tensor1D; runningVar: tf.Tensor1D };

/** Halves in [-2, 2] times a scale: 1, or 0.01 where the variance is comparable with eps. */
const sizes = {
  lead: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
  d: fc.integer({ min: 1, max: 5 }),
  small: fc.boolean(),
  x: valuesArb(16),
  gamma: fc.array(fc.constantFrom(1, 2, 0.5, -1), { minLength: 1, maxLength: 5 }),
  beta: fc.array(fc.constantFrom(0, 1, -0.5), { minLength: 1, maxLength: 5 }),
  eps: fc.constantFrom(undefined, 1e-5, 1e-3, 0),
};

const vector = (values: readonly number[], length: number): TensorSpec => ({ shape: [length], values });

const layerNormInput: fc.Arbitrary<LayerNormInput> = fc
  .record({ ...sizes, bad: rarely('rank0', 'gammaLength', 'betaLength', 'negativeEps') })
  .map(({ lead, d, small, x, gamma, beta, eps, bad }) => ({
    fn: 'layerNorm' as const,
    x: { shape: bad === 'rank0' ? [] : [...lead, d], values: x.map((v) => v * (small ? 0.01 : 1)) },
    gamma: vector(gamma, bad === 'gammaLength' ? d + 1 : d),
    beta: vector(beta, bad === 'betaLength' ? d + 1 : d),
    eps: bad === 'negativeEps' ? -1e-5 : eps === 0 ? 1e-5 : eps,
  }));

const rmsNormInput: fc.Arbitrary<RmsNormInput> = fc
  .record({ ...sizes, bad: rarely('rank0', 'gammaLength', 'negativeEps') })
  .map(({ lead, d, small, x, gamma, eps, bad }) => ({
    fn: 'rmsNorm' as const,
    x: { shape: bad === 'rank0' ? [] : [...lead, d], values: x.map((v) => v * (small ? 0.01 : 1)) },
    gamma: vector(gamma, bad === 'gammaLength' ? d + 1 : d),
    eps: bad === 'negativeEps' ? -1e-6 : eps === 0 ? 1e-6 : eps,
  }));

const batchNormInput: fc.Arbitrary<BatchNormInput> = fc
  .record({
    ...sizes,
    n: fc.integer({ min: 2, max: 4 }),
    runningMean: fc.array(fc.constantFrom(0, 1, -0.5), { minLength: 1, maxLength: 5 }),
    runningVar: fc.array(fc.constantFrom(1, 2, 0.5), { minLength: 1, maxLength: 5 }),
    momentum: fc.constantFrom(undefined, 0, 0.1, 0.9, 1),
    noOpts: fc.boolean(),
    bad: rarely('rank0', 'gammaLength', 'betaLength', 'negativeEps', 'momentum', 'oneElement'),
  })
  .map(({ lead, d, n, small, x, gamma, beta, eps, runningMean, runningVar, momentum, noOpts, bad }) => {
    const shape = bad === 'rank0' ? [] : bad === 'oneElement' ? [1, d] : [n, ...lead, d];
    const opts: { eps?: number; momentum?: number } = {};
    const givenEps = bad === 'negativeEps' ? -1e-5 : eps === 0 ? undefined : eps;
    if (givenEps !== undefined) opts.eps = givenEps;
    const givenMomentum = bad === 'momentum' ? 1.5 : momentum;
    if (givenMomentum !== undefined) opts.momentum = givenMomentum;
    return {
      fn: 'batchNormTrain' as const,
      x: { shape, values: x.map((v) => v * (small ? 0.01 : 1)) },
      gamma: vector(gamma, bad === 'gammaLength' ? d + 1 : d),
      beta: vector(beta, bad === 'betaLength' ? d + 1 : d),
      runningMean: vector(runningMean, d),
      runningVar: vector(runningVar, d),
      opts: Object.keys(opts).length === 0 && noOpts ? undefined : opts,
    };
  });

function readBack(t: unknown, name: string): TensorValue {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`expected ${name} to be a tf.Tensor`);
  if (t.isDisposed) throw new TypeError(`${name} is already disposed`);
  return { shape: [...t.shape], dtype: t.dtype, data: Array.from(t.dataSync() as ArrayLike<number>), leaked: 0 };
}

/** Builds the inputs, calls batchNormTrain, reads its three results and disposes everything. */
function runBatchNorm(impl: BatchNormTrain, input: BatchNormInput): BatchNormValue {
  const inputs = [input.x, input.gamma, input.beta, input.runningMean, input.runningVar].map(tensorOf);
  const [x, gamma, beta, runningMean, runningVar] = inputs as [
    tf.Tensor,
    tf.Tensor1D,
    tf.Tensor1D,
    tf.Tensor1D,
    tf.Tensor1D,
  ];
  try {
    const before = tf.memory().numTensors;
    const opts: [] | [{ eps?: number; momentum?: number }] = input.opts === undefined ? [] : [{ ...input.opts }];
    const result = impl(x, gamma, beta, { runningMean, runningVar }, ...opts);
    if (typeof result !== 'object' || result === null) throw new TypeError('expected { y, runningMean, runningVar }');
    const value = {
      y: readBack(result.y, 'y'),
      runningMean: readBack(result.runningMean, 'runningMean'),
      runningVar: readBack(result.runningVar, 'runningVar'),
    };
    const sameAsState = result.runningMean === runningMean || result.runningVar === runningVar;
    tf.dispose([result.y, result.runningMean, result.runningVar].filter((t) => !inputs.includes(t)));
    return { ...value, leaked: tf.memory().numTensors - before, sameAsState };
  } finally {
    tf.dispose(inputs);
  }
}

export const differential: Differential<Input, Output> = {
  inputs: fc.oneof(layerNormInput, rmsNormInput, batchNormInput),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'layerNorm') {
      const f = exported<LayerNorm>(impl, 'layerNorm');
      const eps: [] | [number] = input.eps === undefined ? [] : [input.eps];
      return runOnTensors([input.x, input.gamma, input.beta], ([x, g, b]) =>
        f(x as tf.Tensor, g as tf.Tensor1D, b as tf.Tensor1D, ...eps),
      );
    }
    if (input.fn === 'rmsNorm') {
      const f = exported<RmsNorm>(impl, 'rmsNorm');
      const eps: [] | [number] = input.eps === undefined ? [] : [input.eps];
      return runOnTensors([input.x, input.gamma], ([x, g]) => f(x as tf.Tensor, g as tf.Tensor1D, ...eps));
    }
    return runBatchNorm(exported<BatchNormTrain>(impl, 'batchNormTrain'), input);
  },
  difference(mine, ref) {
    if (isTensorValue(mine) && isTensorValue(ref)) return tensorDifference(mine, ref);
    if (isTensorValue(mine) || isTensorValue(ref)) return 'a different kind of result from the reference';
    for (const key of ['y', 'runningMean', 'runningVar'] as const) {
      const diff = tensorDifference(mine[key], ref[key]);
      if (diff !== undefined) return `${key}: ${diff}`;
    }
    if (mine.sameAsState) return 'returns the state tensor itself: batchNormTrain must return NEW running tensors';
    if (mine.leaked !== ref.leaked) {
      return mine.leaked > ref.leaked
        ? `the values agree, but yours leaves ${mine.leaked - ref.leaked} tensor(s) behind: wrap the work in tf.tidy()`
        : `the values agree, but yours disposes ${ref.leaked - mine.leaked} tensor(s) it did not create (the state?)`;
    }
    return undefined;
  },
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if ('sameAsState' in value) {
      return [
        `{ y: ${showTensorValue(value.y)},`,
        `  runningMean: ${showTensorValue(value.runningMean)},`,
        `  runningVar: ${showTensorValue(value.runningVar)} }`,
      ].join('\n');
    }
    if (value.fn === 'layerNorm') {
      return [
        `layerNorm(x, gamma, beta${value.eps === undefined ? '' : `, ${value.eps}`})`,
        `    ${showSpec('x', value.x)}`,
        `    ${showSpec('gamma', value.gamma)}`,
        `    ${showSpec('beta', value.beta)}`,
      ].join('\n');
    }
    if (value.fn === 'rmsNorm') {
      return [
        `rmsNorm(x, gamma${value.eps === undefined ? '' : `, ${value.eps}`})`,
        `    ${showSpec('x', value.x)}`,
        `    ${showSpec('gamma', value.gamma)}`,
      ].join('\n');
    }
    const opts = value.opts === undefined ? '' : `, ${JSON.stringify(value.opts)}`;
    return [
      `batchNormTrain(x, gamma, beta, { runningMean, runningVar }${opts})`,
      `    ${showSpec('x', value.x)}`,
      `    ${showSpec('gamma', value.gamma)}`,
      `    ${showSpec('beta', value.beta)}`,
      `    ${showSpec('runningMean', value.runningMean)}`,
      `    ${showSpec('runningVar', value.runningVar)}`,
    ].join('\n');
  },
};
