// Kata: manual-backward (30 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check manual-backward   (or: npx vitest --watch manual-backward)
// Budget: at most 100 steps of JavaScript work per call, whatever the sizes (tensor ops only);
// no autograd (tf.grad, tf.grads, tf.valueAndGrad(s), tf.variableGrads, tf.customGrad): checked.

import * as tf from '@tensorflow/tfjs';

export function softmaxCrossEntropyBackward(logits: tf.Tensor2D, labels: tf.Tensor1D, dloss?: number): tf.Tensor2D {
  // TODO: dlogits of dloss · mean over N of cross-entropy(softmax(logits), labels): dloss · (softmax − onehot) / N.
  throw new Error('TODO: manual-backward');
}

export function layerNormBackward(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  dy: tf.Tensor2D,
  eps?: number,
): { dx: tf.Tensor2D; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  // TODO: gradients of LayerNorm over the last axis (biased variance, eps inside the sqrt) given dy.
  throw new Error('TODO: manual-backward');
}

export function attentionBackward(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  dOut: tf.Tensor2D,
  options?: { causal?: boolean },
): { dq: tf.Tensor2D; dk: tf.Tensor2D; dv: tf.Tensor2D } {
  // TODO: gradients of softmax(q kᵀ / sqrt(d)) v (bottom-right causal mask when asked) given dOut.
  throw new Error('TODO: manual-backward');
}
