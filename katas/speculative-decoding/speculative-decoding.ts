// Kata: speculative-decoding (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check speculative-decoding   (or: npx vitest --watch speculative-decoding)
// Budget: O(K·V); one call within 8·(2K + 1)·V + 32·K + 64 steps of work.

export interface SpeculativeStepInput {
  targetProbs: number[][];
  draftProbs: number[][];
  draftTokens: number[];
  uniform: () => number;
}

export interface SpeculativeStepResult {
  tokens: number[];
  accepted: number;
}

export function speculativeStep(input: SpeculativeStepInput): SpeculativeStepResult {
  // TODO: for each draft token x at position i draw u; accept while u < p_i(x) / q_i(x); at the first
  // rejection draw the corrected token from norm(max(0, p_i − q_i)); if all K pass, a bonus token from p_K.
  throw new Error('TODO: speculative-decoding');
}
