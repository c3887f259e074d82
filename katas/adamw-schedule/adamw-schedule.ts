// Kata: adamw-schedule (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check adamw-schedule   (or: npx vitest --watch adamw-schedule)
// Work budget: lrAt at most 100 steps; clipGradNorm and adamwStep at most 40·(N + G) + 100 steps
// for N numbers in G tensors (every loop iteration and every function call is one step).

export interface Schedule {
  baseLr: number;
  warmupSteps: number;
  totalSteps: number;
  minLr?: number;
}

export interface AdamWOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

export interface AdamWState {
  step: number;
  m: number[][];
  v: number[][];
}

export function lrAt(step: number, schedule: Schedule): number {
  // TODO: linear warmup, then cosine decay from baseLr down to minLr (step is 0-based).
  throw new Error('TODO: adamw-schedule');
}

export function clipGradNorm(grads: number[][], maxNorm: number): { grads: number[][]; totalNorm: number } {
  // TODO: one L2 norm over all tensors; scale down by maxNorm / (norm + 1e-6) when that is below 1.
  throw new Error('TODO: adamw-schedule');
}

export function adamwStep(
  params: number[][],
  grads: number[][],
  state: AdamWState | null,
  options: AdamWOptions,
): { params: number[][]; state: AdamWState } {
  // TODO: torch.optim.AdamW: p *= 1 − lr·wd, then the bias-corrected Adam update (t = state.step + 1).
  throw new Error('TODO: adamw-schedule');
}
