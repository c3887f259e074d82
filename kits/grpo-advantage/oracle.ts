/**
 * Float64 oracles for the `grpo-advantage` kata, written from the formulas (TRL v0.14
 * grpo_trainer.py, DeepSeekMath eq. 3–4) and independent of any solution. Matrices are row-major
 * number[][] ([B][L]).
 */
export type Scale = 'group' | 'batch' | 'none';

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** torch.std (unbiased, n − 1). */
export function stdUnbiased(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

export function advantagesOracle(rewards: readonly number[], g: number, scale: Scale = 'group', eps = 1e-4): number[] {
  const batchStd = stdUnbiased(rewards);
  const out: number[] = [];
  for (let s = 0; s < rewards.length; s += g) {
    const group = rewards.slice(s, s + g);
    const m = mean(group);
    const constant = group.every((r) => r === group[0]);
    const std = scale === 'group' ? stdUnbiased(group) : batchStd;
    for (const r of group) {
      if (constant)
        out.push(0); // exactly 0 for every scale, whatever the float residue of r − m
      else if (scale === 'none') out.push(r - m);
      else out.push((r - m) / (std + eps));
    }
  }
  return out;
}

export function k3Oracle(logp: number, ref: number): number {
  const d = ref - logp;
  return Math.exp(d) - d - 1;
}

export interface LossCase {
  readonly logp: number[][];
  readonly oldLogp: number[][];
  readonly refLogp?: number[][];
  readonly advantages: number[];
  readonly mask: number[][];
}

export interface LossOptions {
  readonly epsilon?: number;
  readonly epsilonHigh?: number;
  readonly beta?: number;
  readonly aggregation?: 'sequence' | 'token';
}

/** −min(r·A, clip(r, 1−ε, 1+ε_high)·A) + β·k3 for one token. */
export function tokenLossOracle(
  logp: number,
  old: number,
  ref: number,
  a: number,
  { epsilon = 0.2, epsilonHigh = epsilon, beta = 0.04 }: LossOptions = {},
): number {
  const r = Math.exp(logp - old);
  const clipped = Math.min(Math.max(r, 1 - epsilon), 1 + epsilonHigh);
  return -Math.min(r * a, clipped * a) + (beta === 0 ? 0 : beta * k3Oracle(logp, ref));
}

/** Aggregates per-token losses: mean over each row's unmasked tokens then over rows, or over all unmasked tokens. */
export function aggregateOracle(perToken: number[][], mask: number[][], aggregation: 'sequence' | 'token'): number {
  let total = 0;
  let count = 0;
  let rowMeans = 0;
  perToken.forEach((row, b) => {
    let rowSum = 0;
    let rowCount = 0;
    row.forEach((x, t) => {
      const m = mask[b]?.[t] as number;
      rowSum += x * m;
      rowCount += m;
    });
    total += rowSum;
    count += rowCount;
    rowMeans += rowSum / rowCount;
  });
  if (aggregation === 'sequence') return rowMeans / perToken.length;
  return count === 0 ? 0 : total / count;
}

export function grpoLossOracle(c: LossCase, opts: LossOptions = {}): number {
  const perToken = c.logp.map((row, b) =>
    row.map((lp, t) =>
      tokenLossOracle(lp, c.oldLogp[b]?.[t] as number, c.refLogp?.[b]?.[t] ?? lp, c.advantages[b] as number, opts),
    ),
  );
  return aggregateOracle(perToken, c.mask, opts.aggregation ?? 'sequence');
}
