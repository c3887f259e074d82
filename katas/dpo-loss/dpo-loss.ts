// Kata: dpo-loss (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check dpo-loss   (or: npx vitest --watch dpo-loss)
import * as tf from '@tensorflow/tfjs';

export function sequenceLogProbs(
  logits: tf.Tensor3D,
  labels: tf.Tensor2D,
  opts?: { ignoreIndex?: number; average?: boolean },
): tf.Tensor1D {
  // TODO: position t predicts labels[:, t+1]; sum (or average) log_softmax at the labels that are not ignoreIndex.
  throw new Error('TODO: dpo-loss');
}

export function dpoLoss(
  policyChosen: tf.Tensor1D,
  policyRejected: tf.Tensor1D,
  refChosen: tf.Tensor1D,
  refRejected: tf.Tensor1D,
  opts?: { beta?: number; labelSmoothing?: number; lossType?: 'sigmoid' | 'ipo' | 'hinge' },
): { loss: tf.Scalar; losses: tf.Tensor1D; chosenRewards: tf.Tensor1D; rejectedRewards: tf.Tensor1D } {
  // TODO: h = (πc − πr) − (refc − refr); losses from h (sigmoid / ipo / hinge); loss = mean; rewards β(π − ref).
  throw new Error('TODO: dpo-loss');
}
