// Kata: lora-linear (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check lora-linear   (or: npx vitest --watch lora-linear)

import * as tf from '@tensorflow/tfjs';

/** W [dIn, dOut], optional bias [dOut], A [dIn, r], B [r, dOut]; r is a.shape[1]. */
export interface LoraParams {
  w: tf.Tensor2D;
  bias?: tf.Tensor1D;
  a: tf.Tensor2D;
  b: tf.Tensor2D;
  alpha: number;
}

export function loraScaling(alpha: number, r: number, opts?: { rslora?: boolean }): number {
  // TODO: s = alpha / r, or alpha / √r with rslora; RangeError for a bad r or alpha.
  throw new Error('TODO: lora-linear');
}

export function loraForward(x: tf.Tensor, p: LoraParams, opts?: { rslora?: boolean }): tf.Tensor {
  // TODO: y = x·W + bias + s·(x·A)·B for x [..., dIn] → [..., dOut].
  throw new Error('TODO: lora-linear');
}

export function initLora(dIn: number, dOut: number, r: number, seed: number): { a: tf.Tensor2D; b: tf.Tensor2D } {
  // TODO: A [dIn, r] seeded and non-zero, B [r, dOut] all zeros.
  throw new Error('TODO: lora-linear');
}

export function mergeLora(p: LoraParams, opts?: { rslora?: boolean }): tf.Tensor2D {
  // TODO: W + s·A·B.
  throw new Error('TODO: lora-linear');
}

export function unmergeLora(merged: tf.Tensor2D, p: LoraParams, opts?: { rslora?: boolean }): tf.Tensor2D {
  // TODO: merged − s·A·B.
  throw new Error('TODO: lora-linear');
}

export function loraParamCount(cfg: {
  hidden: number;
  intermediate: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim?: number;
  r: number;
  targets: Array<'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down'>;
}): number {
  // TODO: sum r·(dIn + dOut) over the targeted projections of every layer.
  throw new Error('TODO: lora-linear');
}
