// Kata: rope-scaling (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check rope-scaling   (or: npx vitest --watch rope-scaling)
// Work budget: none is measured (the result has dim/2 entries; O(dim) is expected).

export type RopeType = 'default' | 'linear' | 'dynamic' | 'yarn' | 'llama3';

export interface RopeScalingOptions {
  base?: number;
  ropeType?: RopeType;
  factor?: number;
  originalMaxPositionEmbeddings?: number;
  seqLen?: number;
  betaFast?: number;
  betaSlow?: number;
  lowFreqFactor?: number;
  highFreqFactor?: number;
}

export interface RopeFrequencies {
  invFreq: number[];
  attentionScaling: number;
}

export function ropeInvFreq(dim: number, options?: RopeScalingOptions): RopeFrequencies {
  // TODO: base^(−2i/dim) for i = 0 … dim/2 − 1, then the scaling of options.ropeType.
  throw new Error('TODO: rope-scaling');
}
