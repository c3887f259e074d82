import * as tf from '@tensorflow/tfjs';
import { type BatchNormCall, type NormsCall, normsCall } from './inputs.ts';
import {
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  tensorOf,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';

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

function readBack(t: unknown, name: string): TensorValue {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`expected ${name} to be a tf.Tensor`);
  if (t.isDisposed) throw new TypeError(`${name} is already disposed`);
  return { shape: [...t.shape], dtype: t.dtype, data: Array.from(t.dataSync() as ArrayLike<number>), leaked: 0 };
}

/** Builds the inputs, calls batchNormTrain, reads its three results and disposes everything. */
function runBatchNorm(impl: BatchNormTrain, input: BatchNormCall): BatchNormValue {
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

export const differential: Differential<NormsCall, Output> = {
  // Small tensors from inputs.ts (`normsCall`), rarely with a bad input (both sides must then throw the same error).
  inputs: normsCall,
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
