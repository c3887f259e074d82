/**
 * Float64 loop oracles for the dpo-loss kata, written straight from the formulas (DPO paper,
 * eric-mitchell/direct-preference-optimization `_get_batch_logps` / `preference_loss`, TRL v0.19
 * `dpo_loss`). No tfjs, no vitest.
 */

export type DpoLossType = 'sigmoid' | 'ipo' | 'hinge';

/** log(1 + e^x) without overflow: max(x, 0) + log1p(e^−|x|). */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/**
 * Per-row sum (or mean) of log p(labels[t+1] | position t) over the labels that are not
 * ignoreIndex. logits flat [B, T, V] row-major, labels flat [B, T]. A row with no counted label
 * gives 0 when summing and NaN when averaging (the kata throws there).
 */
export function sequenceLogProbsOracle(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  B: number,
  T: number,
  V: number,
  ignoreIndex = -100,
  average = false,
): number[] {
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    let sum = 0;
    let count = 0;
    for (let t = 0; t + 1 < T; t++) {
      const label = labels[b * T + t + 1] as number;
      if (label === ignoreIndex) continue;
      const base = (b * T + t) * V;
      let max = -Infinity;
      for (let v = 0; v < V; v++) max = Math.max(max, logits[base + v] as number);
      let z = 0;
      for (let v = 0; v < V; v++) z += Math.exp((logits[base + v] as number) - max);
      sum += (logits[base + label] as number) - max - Math.log(z);
      count++;
    }
    out.push(average ? sum / count : sum);
  }
  return out;
}

export interface DpoOracleResult {
  loss: number;
  losses: number[];
  chosenRewards: number[];
  rejectedRewards: number[];
}

/** One preference pair's loss as a function of the margin h = (πc − πr) − (refc − refr). */
export function dpoPairLoss(h: number, beta = 0.1, labelSmoothing = 0, lossType: DpoLossType = 'sigmoid'): number {
  if (lossType === 'ipo') return (h - 1 / (2 * beta)) ** 2;
  if (lossType === 'hinge') return Math.max(0, 1 - beta * h);
  // −log σ(βh) = softplus(−βh); −log σ(−βh) = softplus(βh).
  return (1 - labelSmoothing) * softplus(-beta * h) + labelSmoothing * softplus(beta * h);
}

export function dpoLossOracle(
  policyChosen: readonly number[],
  policyRejected: readonly number[],
  refChosen: readonly number[],
  refRejected: readonly number[],
  beta = 0.1,
  labelSmoothing = 0,
  lossType: DpoLossType = 'sigmoid',
): DpoOracleResult {
  const n = policyChosen.length;
  const losses: number[] = [];
  const chosenRewards: number[] = [];
  const rejectedRewards: number[] = [];
  for (let i = 0; i < n; i++) {
    const pc = policyChosen[i] as number;
    const pr = policyRejected[i] as number;
    const rc = refChosen[i] as number;
    const rr = refRejected[i] as number;
    losses.push(dpoPairLoss(pc - pr - (rc - rr), beta, labelSmoothing, lossType));
    chosenRewards.push(beta * (pc - rc));
    rejectedRewards.push(beta * (pr - rr));
  }
  const loss = losses.reduce((a, b) => a + b, 0) / n;
  return { loss, losses, chosenRewards, rejectedRewards };
}
