/**
 * Float64 oracles for the `ppo-gae` kata, written from the definitions and independent of any
 * solution. GAE as the explicit sum (Schulman et al. 2016, eq. 16) A_t = Σ_l (γλ)^l δ_{t+l},
 * stopped at the end of the episode, in O(T²): no reverse scan to share a bug with. The loss as
 * plain loops over row-major number[][] ([B][T]).
 */

/** δ_t = r_t + γ·V_{t+1}·(1 − d_t) − V_t, with V_T = lastValue. */
export function tdErrors(
  rewards: readonly number[],
  values: readonly number[],
  dones: readonly number[],
  lastValue: number,
  gamma: number,
): number[] {
  return rewards.map((r, t) => {
    const next = t + 1 < values.length ? (values[t + 1] as number) : lastValue;
    return r + (dones[t] === 1 ? 0 : gamma * next) - (values[t] as number);
  });
}

export function gaeOracle(
  rewards: readonly number[],
  values: readonly number[],
  dones: readonly number[],
  lastValue: number,
  gamma: number,
  lambda: number,
): { advantages: number[]; returns: number[] } {
  const delta = tdErrors(rewards, values, dones, lastValue, gamma);
  const advantages = delta.map((_, t) => {
    let sum = 0;
    let weight = 1;
    for (let k = t; k < delta.length; k++) {
      sum += weight * (delta[k] as number);
      if (dones[k] === 1) break; // the episode ends with step k: nothing after it counts
      weight *= gamma * lambda;
    }
    return sum;
  });
  return { advantages, returns: advantages.map((a, t) => a + (values[t] as number)) };
}

/** Σ_{k=t}^{end} γ^{k−t} r_k within the episode, plus γ^{T−t}·lastValue if the trajectory ends mid-episode. */
export function discountedReturns(
  rewards: readonly number[],
  dones: readonly number[],
  lastValue: number,
  gamma: number,
): number[] {
  return rewards.map((_, t) => {
    let sum = 0;
    let weight = 1;
    for (let k = t; k < rewards.length; k++) {
      sum += weight * (rewards[k] as number);
      if (dones[k] === 1) return sum;
      weight *= gamma;
    }
    return sum + weight * lastValue;
  });
}

export interface LossCase {
  readonly logProbs: number[][];
  readonly oldLogProbs: number[][];
  readonly advantages: number[][];
  readonly values: number[][];
  readonly oldValues: number[][];
  readonly returns: number[][];
  readonly entropy: number[][];
  readonly mask: number[][];
}

export interface LossOptions {
  readonly clipRange?: number;
  readonly clipRangeValue?: number;
  readonly vfCoef?: number;
  readonly entCoef?: number;
}

export interface LossTerms {
  loss: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  clipFraction: number;
  approxKL: number;
}

export function ppoLossOracle(c: LossCase, opts: LossOptions = {}): LossTerms {
  const { clipRange = 0.2, clipRangeValue = 0.2, vfCoef = 0.5, entCoef = 0.01 } = opts;
  let count = 0;
  let policy = 0;
  let value = 0;
  let entropy = 0;
  let clipped = 0;
  let kl = 0;
  for (const [b, row] of c.mask.entries()) {
    for (const [t, m] of row.entries()) {
      if (m === 0) continue;
      const at = (x: number[][]) => x[b]?.[t] as number;
      const logRatio = at(c.logProbs) - at(c.oldLogProbs);
      const r = Math.exp(logRatio);
      const a = at(c.advantages);
      const unclippedTerm = -a * r;
      const clippedTerm = -a * Math.min(Math.max(r, 1 - clipRange), 1 + clipRange);
      policy += Math.max(unclippedTerm, clippedTerm);
      if (clippedTerm > unclippedTerm) clipped += 1;
      const v = at(c.values);
      const old = at(c.oldValues);
      const ret = at(c.returns);
      const vClipped = Math.min(Math.max(v, old - clipRangeValue), old + clipRangeValue);
      value += Math.max((v - ret) ** 2, (vClipped - ret) ** 2);
      entropy += at(c.entropy);
      kl += r - 1 - logRatio;
      count += 1;
    }
  }
  const policyLoss = policy / count;
  const valueLoss = (0.5 * value) / count;
  const meanEntropy = entropy / count;
  return {
    loss: policyLoss + vfCoef * valueLoss - entCoef * meanEntropy,
    policyLoss,
    valueLoss,
    entropy: meanEntropy,
    clipFraction: clipped / count,
    approxKL: kl / count,
  };
}
