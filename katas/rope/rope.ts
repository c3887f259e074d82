// Kata: rope (15 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check rope   (or: npx vitest --watch rope)

import * as tf from '@tensorflow/tfjs';

export function applyRope(
  x: tf.Tensor,
  options?: { positions?: readonly number[]; base?: number; style?: 'half' | 'interleaved' },
): tf.Tensor {
  // TODO: rotate each feature pair of x[..., T, D] by the angle position · base^(−2i/D).
  throw new Error('TODO: rope');
}
