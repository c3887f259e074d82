import * as tf from '@tensorflow/tfjs';

/** All three norms in plain JavaScript loops on the tensors' data: right values, no tensor ops. */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = 1e-5): tf.Tensor {
  const d = check(x, [gamma, beta], eps);
  const [xs, g, b] = [x.dataSync(), gamma.dataSync(), beta.dataSync()];
  const out = new Float32Array(xs.length);
  for (let row = 0; row < xs.length; row += d) {
    let mean = 0;
    for (let j = 0; j < d; j++) mean += (xs[row + j] as number) / d;
    let variance = 0;
    for (let j = 0; j < d; j++) variance += ((xs[row + j] as number) - mean) ** 2 / d;
    for (let j = 0; j < d; j++) {
      out[row + j] =
        (((xs[row + j] as number) - mean) / Math.sqrt(variance + eps)) * (g[j] as number) + (b[j] as number);
    }
  }
  return tf.tensor(out, x.shape, 'float32');
}

export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor1D, eps = 1e-6): tf.Tensor {
  const d = check(x, [gamma], eps);
  const [xs, g] = [x.dataSync(), gamma.dataSync()];
  const out = new Float32Array(xs.length);
  for (let row = 0; row < xs.length; row += d) {
    let meanSquare = 0;
    for (let j = 0; j < d; j++) meanSquare += (xs[row + j] as number) ** 2 / d;
    for (let j = 0; j < d; j++)
      out[row + j] = ((xs[row + j] as number) / Math.sqrt(meanSquare + eps)) * (g[j] as number);
  }
  return tf.tensor(out, x.shape, 'float32');
}

export function batchNormTrain(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  state: { runningMean: tf.Tensor1D; runningVar: tf.Tensor1D },
  opts: { eps?: number; momentum?: number } = {},
): { y: tf.Tensor; runningMean: tf.Tensor1D; runningVar: tf.Tensor1D } {
  const { eps = 1e-5, momentum = 0.1 } = opts;
  const c = check(x, [gamma, beta, state.runningMean, state.runningVar], eps);
  if (typeof momentum !== 'number') throw new TypeError('momentum must be a number');
  if (!(momentum >= 0 && momentum <= 1)) throw new RangeError(`momentum ${momentum}`);
  const n = x.size / c;
  if (n < 2) throw new RangeError('at least 2 elements per channel');
  const [xs, g, b] = [x.dataSync(), gamma.dataSync(), beta.dataSync()];
  const [m0, v0] = [state.runningMean.dataSync(), state.runningVar.dataSync()];
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let i = 0; i < xs.length; i++) mean[i % c] = (mean[i % c] as number) + (xs[i] as number) / n;
  for (let i = 0; i < xs.length; i++) {
    variance[i % c] = (variance[i % c] as number) + ((xs[i] as number) - (mean[i % c] as number)) ** 2 / n;
  }
  const y = new Float32Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const k = i % c;
    y[i] =
      (((xs[i] as number) - (mean[k] as number)) / Math.sqrt((variance[k] as number) + eps)) * (g[k] as number) +
      (b[k] as number);
  }
  const runningMean = new Float32Array(c);
  const runningVar = new Float32Array(c);
  for (let k = 0; k < c; k++) {
    runningMean[k] = (1 - momentum) * (m0[k] as number) + momentum * (mean[k] as number);
    runningVar[k] = (1 - momentum) * (v0[k] as number) + momentum * (variance[k] as number) * (n / (n - 1));
  }
  return {
    y: tf.tensor(y, x.shape, 'float32'),
    runningMean: tf.tensor1d(runningMean),
    runningVar: tf.tensor1d(runningVar),
  };
}

/** The last dim of x, after the contract's checks on the tensors and eps. */
function check(x: tf.Tensor, vectors: tf.Tensor[], eps: number): number {
  if (!(x instanceof tf.Tensor) || !vectors.every((t) => t instanceof tf.Tensor)) throw new TypeError('not a tensor');
  if (typeof eps !== 'number') throw new TypeError('eps must be a number');
  if (x.rank === 0) throw new RangeError('x is a scalar');
  const d = x.shape[x.rank - 1] as number;
  if (vectors.some((t) => t.rank !== 1 || t.shape[0] !== d)) throw new RangeError('a vector has the wrong length');
  if (!(eps > 0 && Number.isFinite(eps))) throw new RangeError(`eps ${eps}`);
  return d;
}
