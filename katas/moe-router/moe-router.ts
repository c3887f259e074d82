// Kata: moe-router (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check moe-router   (or: npx vitest --watch moe-router)

import * as tf from '@tensorflow/tfjs';

export interface Routing {
  /** [T][k]: the chosen experts of every token, most probable first. */
  experts: number[][];
  /** [T][k]: their gates (raw probabilities, or divided by their sum when normalised). */
  gates: number[][];
  /** [T, E]: the full softmax. A new tensor: the caller owns it and disposes it. */
  probs: tf.Tensor2D;
}

export function topKRouting(routerLogits: tf.Tensor2D, k: number, opts?: { normalize?: boolean }): Routing {
  // TODO: softmax over all E, then the top k per token (ties → lower index); normalize (default true) divides by their sum.
  throw new Error('TODO: moe-router');
}

export function expertCapacity(tokens: number, experts: number, k: number, capacityFactor: number): number {
  // TODO: ceil(k·T·cf / E).
  throw new Error('TODO: moe-router');
}

export function dispatch(r: Routing, numExperts: number, capacity: number): { kept: boolean[][]; load: number[] } {
  // TODO: slot-major: all first choices in token order, then all second choices…; keep while the expert has room.
  throw new Error('TODO: moe-router');
}

export function moeForward(
  x: tf.Tensor2D,
  routerW: tf.Tensor2D,
  experts: Array<(h: tf.Tensor2D) => tf.Tensor2D>,
  cfg: { k: number; normalize?: boolean; capacityFactor?: number },
): tf.Tensor2D {
  // TODO: route x·routerW, drop over capacity (unlimited when capacityFactor is undefined), Σ gate · expert(x) over kept slots.
  throw new Error('TODO: moe-router');
}

export function loadBalancingLoss(probs: tf.Tensor2D, experts: number[][], numExperts: number): number {
  // TODO: E · Σᵢ fᵢ·Pᵢ, fᵢ = share of the T·k choices that picked i, Pᵢ = mean of probs[:, i].
  throw new Error('TODO: moe-router');
}
