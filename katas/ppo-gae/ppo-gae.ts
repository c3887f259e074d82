// Kata: ppo-gae (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check ppo-gae   (or: npx vitest --watch ppo-gae)
// Budget: gae at most 20·T + 100 steps; ppoLoss at most 100 steps of JavaScript (tensor ops per token).

import * as tf from '@tensorflow/tfjs';

export type Sequence = readonly number[] | Float64Array;

export interface GaeResult {
  advantages: number[];
  returns: number[];
}

export interface PpoInputs {
  logProbs: tf.Tensor2D;
  oldLogProbs: tf.Tensor2D;
  advantages: tf.Tensor2D;
  values: tf.Tensor2D;
  oldValues: tf.Tensor2D;
  returns: tf.Tensor2D;
  entropy: tf.Tensor2D;
  mask: tf.Tensor2D;
}

export interface PpoOptions {
  clipRange?: number;
  clipRangeValue?: number;
  vfCoef?: number;
  entCoef?: number;
}

export interface PpoLoss {
  loss: tf.Scalar;
  policyLoss: tf.Scalar;
  valueLoss: tf.Scalar;
  entropy: tf.Scalar;
  clipFraction: tf.Scalar;
  approxKL: tf.Scalar;
}

export function gae(
  rewards: Sequence,
  values: Sequence,
  dones: Sequence,
  lastValue: number,
  gamma: number,
  lambda: number,
): GaeResult {
  // TODO: the reverse scan δ_t = r_t + γ·V_{t+1}·(1 − d_t) − V_t, A_t = δ_t + γλ·(1 − d_t)·A_{t+1}.
  throw new Error('TODO: ppo-gae');
}

export function ppoLoss(inputs: PpoInputs, opts?: PpoOptions): PpoLoss {
  // TODO: clipped policy loss, clipped value loss, entropy bonus, each a masked token mean.
  throw new Error('TODO: ppo-gae');
}
