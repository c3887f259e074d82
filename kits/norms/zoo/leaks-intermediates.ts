import * as tf from '@tensorflow/tfjs';

export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = 1e-5): tf.Tensor {
  const d = featureDim('layerNorm', x);
  expectVector('layerNorm', 'gamma', gamma, d);
  expectVector('layerNorm', 'beta', beta, d);
  expectEps('layerNorm', eps);
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(normalised, gamma), beta);
  });
}

export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor1D, eps = 1e-6): tf.Tensor {
  const d = featureDim('rmsNorm', x);
  expectVector('rmsNorm', 'gamma', gamma, d);
  expectEps('rmsNorm', eps);
  return tf.tidy(() => {
    const meanSquare = tf.mean(tf.square(x), -1, true);
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, eps))), gamma);
  });
}

export function batchNormTrain(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  state: { runningMean: tf.Tensor1D; runningVar: tf.Tensor1D },
  opts: { eps?: number; momentum?: number } = {},
): { y: tf.Tensor; runningMean: tf.Tensor1D; runningVar: tf.Tensor1D } {
  const c = featureDim('batchNormTrain', x);
  expectVector('batchNormTrain', 'gamma', gamma, c);
  expectVector('batchNormTrain', 'beta', beta, c);
  expectVector('batchNormTrain', 'state.runningMean', state.runningMean, c);
  expectVector('batchNormTrain', 'state.runningVar', state.runningVar, c);
  const eps = opts.eps ?? 1e-5;
  const momentum = opts.momentum ?? 0.1;
  expectEps('batchNormTrain', eps);
  if (!(momentum >= 0 && momentum <= 1)) {
    throw new RangeError(`batchNormTrain: opts.momentum must be in [0, 1], got ${momentum}`);
  }
  const n = x.size / c;
  if (n < 2) {
    throw new RangeError(
      `batchNormTrain: each channel needs at least 2 elements (the unbiased variance divides by n − 1), got shape [${x.shape.join(', ')}]`,
    );
  }
  {
    const axes = x.shape.slice(0, -1).map((_, axis) => axis);
    const { mean, variance } = tf.moments(x, axes);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    const y = tf.add(tf.mul(normalised, gamma), beta);
    const unbiased = tf.mul(variance, n / (n - 1));
    const runningMean = tf.add(tf.mul(state.runningMean, 1 - momentum), tf.mul(mean, momentum));
    const runningVar = tf.add(tf.mul(state.runningVar, 1 - momentum), tf.mul(unbiased, momentum));
    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };
  }
}

function featureDim(fn: string, x: tf.Tensor): number {
  if (x.rank === 0) throw new RangeError(`${fn}: x must have rank >= 1 (features on the last axis), got a scalar`);
  return x.shape[x.rank - 1] as number;
}

function expectVector(fn: string, name: string, t: tf.Tensor, length: number): void {
  if (t.rank !== 1 || t.shape[0] !== length) {
    throw new RangeError(`${fn}: ${name} must have shape [${length}] (the last dim of x), got [${t.shape.join(', ')}]`);
  }
}

function expectEps(fn: string, eps: number): void {
  if (!(eps >= 0)) throw new RangeError(`${fn}: eps must be >= 0, got ${eps}`);
}
