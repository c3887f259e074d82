/**
 * Float64 oracles for grad-accumulation, written independently of the reference: the micro-batches
 * are flattened into one list of tokens, summed, and divided once by the total mask weight.
 */
export interface MicroBatchData {
  readonly x: readonly (readonly number[])[];
  readonly y: readonly number[];
  readonly mask: readonly number[];
}

export interface OracleLossAndGrad {
  readonly loss: number;
  readonly grad: number[];
  /** Σ|term| / Σm for the loss and each gradient entry: the size that a 1e-12 relative tolerance scales. */
  readonly lossScale: number;
  readonly gradScale: number[];
}

/** The full-batch token mean of m·(x·θ − y)² and its gradient; 0 and zeros when Σm = 0. */
export function fullBatchOracle(theta: readonly number[], mbs: readonly MicroBatchData[]): OracleLossAndGrad {
  const d = theta.length;
  const tokens = mbs.flatMap((mb) => mb.x.map((row, i) => ({ row, y: mb.y[i] as number, m: mb.mask[i] as number })));
  let weight = 0;
  let loss = 0;
  let lossAbs = 0;
  const grad = new Array<number>(d).fill(0);
  const gradAbs = new Array<number>(d).fill(0);
  for (const { row, y, m } of tokens) {
    weight += m;
    let pred = 0;
    for (let j = 0; j < d; j++) pred += (row[j] as number) * (theta[j] as number);
    const r = pred - y;
    loss += m * r * r;
    lossAbs += Math.abs(m * r * r);
    for (let j = 0; j < d; j++) {
      const g = 2 * m * r * (row[j] as number);
      grad[j] = (grad[j] as number) + g;
      gradAbs[j] = (gradAbs[j] as number) + Math.abs(g);
    }
  }
  if (weight === 0) return { loss: 0, grad, lossScale: 0, gradScale: gradAbs };
  return {
    loss: loss / weight,
    grad: grad.map((g) => g / weight),
    lossScale: lossAbs / weight,
    gradScale: gradAbs.map((g) => g / weight),
  };
}

/** The old accumulation: each micro-batch's own token mean, averaged over the micro-batches. */
export function meanOfMeansOracle(theta: readonly number[], mbs: readonly MicroBatchData[]): OracleLossAndGrad {
  const parts = mbs.map((mb) => fullBatchOracle(theta, [mb]));
  const avg = (values: number[]): number => values.reduce((s, v) => s + v, 0) / mbs.length;
  return {
    loss: avg(parts.map((p) => p.loss)),
    grad: theta.map((_, j) => avg(parts.map((p) => p.grad[j] as number))),
    lossScale: avg(parts.map((p) => p.lossScale)),
    gradScale: theta.map((_, j) => avg(parts.map((p) => p.gradScale[j] as number))),
  };
}

/** Brute force over every k in 1..L: the smallest k minimising ceil(L/k) + k. */
export function bestSegmentOracle(layers: number): { segment: number; memory: number } {
  let best = { segment: 0, memory: Number.POSITIVE_INFINITY };
  for (let k = 1; k <= layers; k++) {
    const memory = Math.ceil(layers / k) + k;
    if (memory < best.memory) best = { segment: k, memory };
  }
  return best;
}
