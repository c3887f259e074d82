import * as tf from '@tensorflow/tfjs';

/**
 * LayerNorm, RMSNorm and training-mode BatchNorm, channels-last (features on the last axis).
 * LayerNorm/RMSNorm reduce each row over the last axis; BatchNorm reduces each channel over
 * every other axis. Variances are biased (÷ n) in the forward pass, eps sits inside the sqrt,
 * and γ/β are applied after normalising. BatchNorm's running variance stores the UNBIASED batch
 * variance (÷ (n − 1)), updated as (1 − momentum)·running + momentum·batch (PyTorch's convention).
 * O(N) time and memory for N = x.size, all inside tf.tidy with no JavaScript loop over the data;
 * inputs are neither changed nor disposed.
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = 1e-5): tf.Tensor {
  checkShapes(x, { gamma, beta });
  checkEps(eps);
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    return tf.add(tf.mul(normalised, gamma), beta);
  });
}

export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor1D, eps = 1e-6): tf.Tensor {
  checkShapes(x, { gamma });
  checkEps(eps);
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
  const { runningMean: oldMean, runningVar: oldVar } = state;
  const c = checkShapes(x, { gamma, beta, 'state.runningMean': oldMean, 'state.runningVar': oldVar });
  const eps = opts.eps ?? 1e-5;
  const momentum = opts.momentum ?? 0.1;
  checkEps(eps);
  if (typeof momentum !== 'number') throw new TypeError(`momentum must be a number, got ${typeof momentum}`);
  if (!(momentum >= 0 && momentum <= 1)) throw new RangeError(`momentum must be in [0, 1], got ${momentum}`);
  const n = x.size / c; // elements per channel
  if (n < 2) throw new RangeError(`x needs at least 2 elements per channel (n − 1 > 0), got shape [${x.shape}]`);
  return tf.tidy(() => {
    const axes = x.shape.slice(0, -1).map((_, axis) => axis);
    const { mean, variance } = tf.moments(x, axes); // [C] each, variance biased
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
    const y = tf.add(tf.mul(normalised, gamma), beta);
    const unbiased = tf.mul(variance, n / (n - 1));
    const runningMean = tf.add(tf.mul(oldMean, 1 - momentum), tf.mul(mean, momentum));
    const runningVar = tf.add(tf.mul(oldVar, 1 - momentum), tf.mul(unbiased, momentum));
    return { y, runningMean: runningMean as tf.Tensor1D, runningVar: runningVar as tf.Tensor1D };
  });
}

/** The last dim of x (rank >= 1), after checking that x and every vector are tensors, the vectors of shape [that dim]. */
function checkShapes(x: tf.Tensor, vectors: Record<string, tf.Tensor>): number {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`x must be a tf.Tensor, got ${typeof x}`);
  if (x.rank === 0) throw new RangeError('x must have rank >= 1 (features on the last axis), got a scalar');
  const d = x.shape[x.rank - 1] as number;
  for (const [name, t] of Object.entries(vectors)) {
    if (!(t instanceof tf.Tensor)) throw new TypeError(`${name} must be a tf.Tensor, got ${typeof t}`);
    if (t.rank !== 1 || t.shape[0] !== d) {
      throw new RangeError(`${name} must have shape [${d}] (the last dim of x), got [${t.shape}]`);
    }
  }
  return d;
}

/** eps must be a finite number > 0: with eps = 0 an all-zero (or constant) row would give 0/0 = NaN. */
function checkEps(eps: number): void {
  if (typeof eps !== 'number') throw new TypeError(`eps must be a number, got ${typeof eps}`);
  if (!(eps > 0 && eps < Number.POSITIVE_INFINITY)) throw new RangeError(`eps must be finite and > 0, got ${eps}`);
}
