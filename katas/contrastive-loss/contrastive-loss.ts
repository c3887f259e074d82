// Kata: contrastive-loss (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check contrastive-loss   (or: npx vitest --watch contrastive-loss)
import * as tf from '@tensorflow/tfjs';

export function clipLoss(
  imageEmbeds: tf.Tensor2D,
  textEmbeds: tf.Tensor2D,
  logitScale: number | tf.Scalar,
  opts?: { maxLogitScale?: number },
): { loss: tf.Scalar; logitsPerImage: tf.Tensor2D; logitsPerText: tf.Tensor2D } {
  // TODO: L2-normalise the rows; scale = exp(clamp(logitScale, 0, maxLogitScale)); logitsPerImage = scale·img@txtᵀ;
  // loss = (CE(logitsPerImage) + CE(logitsPerText)) / 2 with labels i → i.
  throw new Error('TODO: contrastive-loss');
}

export function infoNCE(queries: tf.Tensor2D, keys: tf.Tensor2D, temperature: number): tf.Scalar {
  // TODO: logits = queries @ keysᵀ / temperature (no normalisation); mean over i of −log softmax(logits[i])[i].
  throw new Error('TODO: contrastive-loss');
}
