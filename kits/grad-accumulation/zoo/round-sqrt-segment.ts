export interface MicroBatch {
  x: number[][];
  y: number[];
  mask: number[];
}

export interface LossAndGrad {
  loss: number;
  grad: number[];
}

function validate(theta: readonly number[], mbs: readonly MicroBatch[]): void {
  if (mbs.length === 0) throw new RangeError('mbs must hold at least one micro-batch, got none');
  const d = theta.length;
  mbs.forEach((mb, b) => {
    const n = mb.x.length;
    if (mb.y.length !== n || mb.mask.length !== n) {
      throw new RangeError(
        `micro-batch ${b}: x, y and mask must have the same length, got ${n}, ${mb.y.length}, ${mb.mask.length}`,
      );
    }
    mb.x.forEach((row, i) => {
      if (row.length !== d) throw new RangeError(`micro-batch ${b}: x[${i}] has length ${row.length}, expected ${d}`);
    });
    mb.mask.forEach((m, i) => {
      if (!(m >= 0)) throw new RangeError(`micro-batch ${b}: mask[${i}] must be >= 0, got ${m}`);
    });
  });
}

/** Σ m·(x·θ − y)² and its gradient Σ 2m(x·θ − y)x over one micro-batch, times `scale`, added into `acc`. */
function addScaledSum(theta: readonly number[], mb: MicroBatch, scale: number, acc: LossAndGrad): void {
  mb.x.forEach((row, i) => {
    const m = mb.mask[i] as number;
    let r = -(mb.y[i] as number);
    row.forEach((v, j) => {
      r += v * (theta[j] as number);
    });
    acc.loss += scale * m * r * r;
    row.forEach((v, j) => {
      acc.grad[j] = (acc.grad[j] as number) + scale * 2 * m * r * v;
    });
  });
}

const validCount = (mb: MicroBatch): number => mb.mask.reduce((s, m) => s + m, 0);

/** The token-mean loss over every valid token of every micro-batch, as if they were one batch. */
export function fullBatchLossAndGrad(theta: number[], mbs: MicroBatch[]): LossAndGrad {
  return accumulate(theta, mbs, 'global-token-mean');
}

/**
 * 'global-token-mean': each micro-batch's summed loss ÷ the global valid-token count (correct).
 * 'mean-of-means': each micro-batch's own token mean, averaged over micro-batches (the old bug).
 */
export function accumulate(
  theta: number[],
  mbs: MicroBatch[],
  mode: 'global-token-mean' | 'mean-of-means',
): LossAndGrad {
  validate(theta, mbs);
  const acc: LossAndGrad = { loss: 0, grad: theta.map(() => 0) };
  if (mode === 'global-token-mean') {
    const total = mbs.reduce((s, mb) => s + validCount(mb), 0); // known before any backward
    if (total === 0) return acc;
    for (const mb of mbs) addScaledSum(theta, mb, 1 / total, acc);
  } else {
    for (const mb of mbs) addScaledSum(theta, mb, 1 / (validCount(mb) * mbs.length), acc);
  }
  return acc;
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
}

/** Activation units held with a checkpoint every `segment` layers: ceil(L/k) + k. */
export function checkpointMemory(layers: number, segment: number): number {
  checkPositiveInteger('layers', layers);
  checkPositiveInteger('segment', segment);
  return Math.ceil(layers / segment) + segment;
}

/** The smallest segment length k minimising ceil(L/k) + k (about √L), for one extra forward pass. */
export function bestCheckpointSegment(layers: number): { segment: number; memory: number; extraForwards: 1 } {
  checkPositiveInteger('layers', layers);
  const segment = Math.max(1, Math.round(Math.sqrt(layers)));
  return { segment, memory: checkpointMemory(layers, segment), extraForwards: 1 };
}
