// Kata: grad-accumulation (15 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check grad-accumulation   (or: npx vitest --watch grad-accumulation)

/** One micro-batch of masked squared-error "tokens": row i is x[i] with target y[i] and weight mask[i]. */
export interface MicroBatch {
  x: number[][];
  y: number[];
  mask: number[];
}

export function fullBatchLossAndGrad(theta: number[], mbs: MicroBatch[]): { loss: number; grad: number[] } {
  // TODO: Σ mask·(x·θ − y)² over every token of every micro-batch ÷ Σ mask, and its gradient in θ.
  throw new Error('TODO: grad-accumulation');
}

export function accumulate(
  theta: number[],
  mbs: MicroBatch[],
  mode: 'global-token-mean' | 'mean-of-means',
): { loss: number; grad: number[] } {
  // TODO: add up per-micro-batch losses and gradients, normalised as `mode` says.
  throw new Error('TODO: grad-accumulation');
}

export function checkpointMemory(layers: number, segment: number): number {
  // TODO: activation units kept with a checkpoint every `segment` layers: ceil(layers/segment) + segment.
  throw new Error('TODO: grad-accumulation');
}

export function bestCheckpointSegment(layers: number): { segment: number; memory: number; extraForwards: 1 } {
  // TODO: the smallest segment length that minimises checkpointMemory(layers, segment).
  throw new Error('TODO: grad-accumulation');
}
