import * as tf from '@tensorflow/tfjs';

/**
 * Another way: the statistics written out instead of tf.moments (the mean, then the mean of the
 * squared deviations), a division by the square root instead of rsqrt, and BatchNorm on x seen as
 * an [n, C] matrix (every position of every sample is one row), so each statistic is a reduction
 * over axis 0 whatever the rank of x. The running statistics move towards the batch ones,
 * running + momentum·(batch − running), which is (1 − momentum)·running + momentum·batch.
 * O(N) work in tensor ops for N = x.size; the inputs are neither changed nor disposed.
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = 1e-5): tf.Tensor {
  const d = featureDim('layerNorm', x);
  expectVector('layerNorm', 'gamma', gamma, d);
  expectVector('layerNorm', 'beta', beta, d);
  expectEps('layerNorm', eps);
  return tf.tidy(() => {
    const centred = tf.sub(x, tf.mean(x, -1, true));
    const variance = tf.mean(tf.square(centred), -1, true); // biased: ÷ D
    const normalised = tf.div(centred, tf.sqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(normalised, gamma), beta);
  });
}

export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor1D, eps = 1e-6): tf.Tensor {
  const d = featureDim('rmsNorm', x);
  expectVector('rmsNorm', 'gamma', gamma, d);
  expectEps('rmsNorm', eps);
  return tf.tidy(() => {
    const rms = tf.sqrt(tf.add(tf.mean(tf.square(x), -1, true), eps));
    return tf.mul(tf.div(x, rms), gamma);
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
  const { eps = 1e-5, momentum = 0.1 } = opts;
  expectEps('batchNormTrain', eps);
  if (typeof momentum !== 'number') throw new TypeError('batchNormTrain: opts.momentum must be a number');
  if (Number.isNaN(momentum) || momentum < 0 || momentum > 1) {
    throw new RangeError(`batchNormTrain: opts.momentum must be in [0, 1], got ${momentum}`);
  }
  const n = x.size / c;
  if (n < 2) {
    throw new RangeError(
      `batchNormTrain: each channel needs at least 2 elements (the unbiased variance divides by n − 1), got shape [${x.shape.join(', ')}]`,
    );
  }
  return tf.tidy(() => {
    const rows = tf.reshape(x, [n, c]);
    const mean = tf.mean(rows, 0); // [C]
    const centred = tf.sub(rows, mean);
    const variance = tf.mean(tf.square(centred), 0); // biased: ÷ n
    const normalised = tf.div(centred, tf.sqrt(tf.add(variance, eps)));
    const y = tf.reshape(tf.add(tf.mul(normalised, gamma), beta), x.shape);
    const unbiased = tf.mul(variance, n / (n - 1));
    const runningMean = tf.add(state.runningMean, tf.mul(tf.sub(mean, state.runningMean), momentum));
    const runningVar = tf.add(state.runningVar, tf.mul(tf.sub(unbiased, state.runningVar), momentum));
    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };
  });
}

function featureDim(fn: string, x: tf.Tensor): number {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`${fn}: x must be a tf.Tensor`);
  if (x.rank === 0) throw new RangeError(`${fn}: x must have rank >= 1 (features on the last axis), got a scalar`);
  return x.shape[x.rank - 1] as number;
}

function expectVector(fn: string, name: string, t: tf.Tensor, length: number): void {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`${fn}: ${name} must be a tf.Tensor`);
  if (t.rank !== 1 || t.shape[0] !== length) {
    throw new RangeError(`${fn}: ${name} must have shape [${length}] (the last dim of x), got [${t.shape.join(', ')}]`);
  }
}

function expectEps(fn: string, eps: number): void {
  if (typeof eps !== 'number') throw new TypeError(`${fn}: eps must be a number`);
  if (!Number.isFinite(eps) || eps <= 0) throw new RangeError(`${fn}: eps must be finite and > 0, got ${eps}`);
}
