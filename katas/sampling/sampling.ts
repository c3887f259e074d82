// Kata: sampling (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check sampling   (or: npx vitest --watch sampling)

export interface SampleOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  previous?: number[];
}

export function applyTemperature(logits: number[], t: number): number[] {
  // TODO: divide every logit by t (t > 0).
  throw new Error('TODO: sampling');
}

export function topKFilter(logits: number[], k: number): number[] {
  // TODO: set every logit below the k-th largest value to -Infinity (ties with it are kept).
  throw new Error('TODO: sampling');
}

export function topPFilter(logits: number[], p: number, minKeep = 1): number[] {
  // TODO: keep the most probable tokens until their softmax mass reaches p (at least minKeep); the rest → -Infinity.
  throw new Error('TODO: sampling');
}

export function repetitionPenalty(logits: number[], previous: number[], penalty: number): number[] {
  // TODO: once per distinct id in previous: a negative logit times penalty, otherwise divided by penalty.
  throw new Error('TODO: sampling');
}

export function sampleToken(logits: number[], rng: () => number, opts: SampleOptions = {}): number {
  // TODO: penalty, temperature, top-k, top-p; then the first i with u < Σ_{j≤i} p_j for one u = rng().
  throw new Error('TODO: sampling');
}
