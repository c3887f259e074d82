import type { LossShape } from './inputs.ts';

/**
 * Float64 loop oracles for the masked-loss kata. They read plain arrays (the very float32 values the
 * tensors hold), never tfjs, so a solution's tensor code and the oracle share nothing but the spec.
 * Inputs are assumed valid; a masked-in target outside [0, V) throws, which flags a broken test.
 */

/** −log softmax(logits[offset .. offset+V))[target], by log-sum-exp in float64. */
export function tokenNll(logits: ArrayLike<number>, offset: number, V: number, target: number): number {
  if (!Number.isInteger(target) || target < 0 || target >= V) {
    throw new Error(`oracle: target ${target} is outside [0, ${V})`);
  }
  let max = -Infinity;
  for (let v = 0; v < V; v++) max = Math.max(max, logits[offset + v] as number);
  let sum = 0;
  for (let v = 0; v < V; v++) sum += Math.exp((logits[offset + v] as number) - max);
  return max + Math.log(sum) - (logits[offset + target] as number);
}

/** sum over all B·T tokens of mask·nll, divided by sum(mask); 0 when sum(mask) = 0. */
export function maskedCrossEntropyOracle(
  logits: ArrayLike<number>,
  { B, T, V }: LossShape,
  targets: ArrayLike<number>,
  mask: ArrayLike<number>,
): number {
  let weighted = 0;
  let total = 0;
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const i = b * T + t;
      const w = mask[i] as number;
      if (w === 0) continue;
      weighted += w * tokenNll(logits, i * V, V, targets[i] as number);
      total += w;
    }
  }
  return total === 0 ? 0 : weighted / total;
}

/**
 * HuggingFace's causal-LM loss, written out as loops: the logits at position t score labels[b][t+1];
 * labels equal to ignoreIndex do not count; mean over counted tokens of the batch; 0 if none count.
 */
export function causalLmLossOracle(
  logits: ArrayLike<number>,
  { B, T, V }: LossShape,
  labels: ArrayLike<number>,
  ignoreIndex = -100,
): number {
  let sum = 0;
  let count = 0;
  for (let b = 0; b < B; b++) {
    for (let t = 0; t + 1 < T; t++) {
      const label = labels[b * T + t + 1] as number;
      if (label === ignoreIndex) continue;
      sum += tokenNll(logits, (b * T + t) * V, V, label);
      count += 1;
    }
  }
  return count === 0 ? 0 : sum / count;
}

/** Largest |logit|, to scale the float32 tolerance (log-sum-exp is exact only to ~|x|·2^-24). */
export function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i] as number));
  return max;
}
