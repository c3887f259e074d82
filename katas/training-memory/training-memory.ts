// Kata: training-memory (15 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check training-memory   (or: npx vitest --watch training-memory)

export interface ModelStateOptions {
  stage?: 0 | 1 | 2 | 3;
  gpus?: number;
  k?: number;
}

export interface ModelStateBytes {
  weights: number;
  grads: number;
  optimizer: number;
  total: number;
}

export interface ActivationConfig {
  seqLen: number;
  batch: number;
  hidden: number;
  heads: number;
  recompute?: 'none' | 'selective' | 'full';
}

export function modelStateBytes(params: number, opts?: ModelStateOptions): ModelStateBytes {
  // TODO: per-GPU bytes of fp16 weights (2Ψ), fp16 grads (2Ψ) and optimizer state (KΨ) under ZeRO stage 0–3.
  throw new Error('TODO: training-memory');
}

export function activationBytesPerLayer(c: ActivationConfig): number {
  // TODO: sbh(34 + 5as/h) bytes per layer; 34sbh with selective recompute, 2sbh with full recompute.
  throw new Error('TODO: training-memory');
}

export function commElementsPerStep(params: number, stage: 0 | 1 | 2 | 3): number {
  // TODO: elements sent per step: 2Ψ for stages 0–2, 3Ψ for ZeRO-3.
  throw new Error('TODO: training-memory');
}
