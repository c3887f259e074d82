// Kata: masked-loss (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check masked-loss   (or: npx vitest --watch masked-loss)
import * as tf from '@tensorflow/tfjs';

export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  // TODO: sum(mask · nll) / sum(mask) over every token of the batch, with nll from log-sum-exp; 0 when sum(mask) = 0.
  throw new Error('TODO: masked-loss');
}

export function causalLmLoss(logits: tf.Tensor3D, labels: tf.Tensor2D, ignoreIndex = -100): tf.Scalar {
  // TODO: logits at position t predict labels[:, t + 1]; skip labels equal to ignoreIndex; mean over counted tokens.
  throw new Error('TODO: masked-loss');
}
