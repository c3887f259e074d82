// Kata: beam-search (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check beam-search   (or: npx vitest --watch beam-search)

export type StepFn = (prefix: readonly number[]) => readonly number[];

export interface BeamSearchOptions {
  prompt?: readonly number[];
  numBeams: number;
  maxNewTokens: number;
  eosTokenId: number;
  lengthPenalty?: number;
  numReturnSequences?: number;
}

export interface Hypothesis {
  tokens: number[];
  score: number;
}

export function beamSearch(step: StepFn, options: BeamSearchOptions): Hypothesis[] {
  // TODO: rank all numBeams·V candidates by cumulative log-prob; the top numBeams may finish (EOS or the
  // last position) into a pool scored sum / len ** lengthPenalty; the best numBeams unfinished ones go on.
  throw new Error('TODO: beam-search');
}
