// Kata: grpo-advantage (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check grpo-advantage   (or: npx vitest --watch grpo-advantage)

import * as tf from '@tensorflow/tfjs';

export function groupAdvantages(
  rewards: number[],
  groupSize: number,
  opts?: { scale?: 'group' | 'batch' | 'none'; eps?: number },
): number[] {
  // TODO: per contiguous group of groupSize rewards, (r − group mean) / (unbiased std + eps).
  throw new Error('TODO: grpo-advantage');
}

export function k3Kl(logp: tf.Tensor2D, refLogp: tf.Tensor2D): tf.Tensor2D {
  // TODO: exp(ref − logp) − (ref − logp) − 1, element-wise.
  throw new Error('TODO: grpo-advantage');
}

export function grpoLoss(
  i: { logp: tf.Tensor2D; oldLogp: tf.Tensor2D; refLogp?: tf.Tensor2D; advantages: tf.Tensor1D; mask: tf.Tensor2D },
  opts?: { epsilon?: number; epsilonHigh?: number; beta?: number; aggregation?: 'sequence' | 'token' },
): tf.Scalar {
  // TODO: per token −min(r·A, clip(r, 1−ε, 1+ε_high)·A) + β·k3 with r = exp(logp − oldLogp), then aggregate over the mask.
  throw new Error('TODO: grpo-advantage');
}
