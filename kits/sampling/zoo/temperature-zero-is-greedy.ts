/**
 * Logits processors and sampling in Hugging Face `generate` order: repetition penalty, then
 * temperature → top-k → top-p, then one inverse-CDF draw over the probabilities in vocabulary order.
 *
 * Temperature and the penalty are O(n). Top-k finds the k-th largest value by sorting a copy
 * (O(n log n)) and keeps every logit ≥ it, ties included. Top-p sorts indices by probability
 * (descending, lower index first on ties) and keeps the shortest prefix whose mass reaches p, the
 * crossing token included, and at least `minKeep` tokens: O(n log n). Inputs are never mutated.
 */
export interface SampleOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  previous?: number[];
}

function checkLogits(logits: readonly number[]): void {
  if (logits.length === 0) throw new RangeError('logits must hold at least one entry, got an empty array');
}

function softmax(logits: readonly number[]): number[] {
  const max = logits.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
  const exps = logits.map((v) => (v === Number.NEGATIVE_INFINITY ? 0 : Math.exp(v - max)));
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

export function applyTemperature(logits: number[], t: number): number[] {
  checkLogits(logits);
  if (t === 0) {
    const max = Math.max(...logits);
    return logits.map((v) => (v === max ? v : Number.NEGATIVE_INFINITY));
  }
  return logits.map((v) => v / t);
}

export function topKFilter(logits: number[], k: number): number[] {
  checkLogits(logits);
  if (!(k >= 1)) throw new RangeError(`k must be >= 1, got ${k}`);
  const sorted = [...logits].sort((a, b) => b - a);
  const kth = sorted[Math.min(Math.floor(k), sorted.length) - 1] as number;
  return logits.map((v) => (v < kth ? Number.NEGATIVE_INFINITY : v));
}

export function topPFilter(logits: number[], p: number, minKeep = 1): number[] {
  checkLogits(logits);
  if (!(p > 0 && p <= 1)) throw new RangeError(`p must be in (0, 1], got ${p}`);
  if (!(minKeep >= 1)) throw new RangeError(`minKeep must be >= 1, got ${minKeep}`);
  const probs = softmax(logits);
  const order = probs.map((_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number) || a - b);
  const keep = new Array<boolean>(logits.length).fill(false);
  let mass = 0;
  for (const [rank, i] of order.entries()) {
    if (mass >= p && rank >= minKeep) break;
    keep[i] = true;
    mass += probs[i] as number;
  }
  return logits.map((v, i) => (keep[i] ? v : Number.NEGATIVE_INFINITY));
}

export function repetitionPenalty(logits: number[], previous: number[], penalty: number): number[] {
  checkLogits(logits);
  if (!(penalty > 0)) throw new RangeError(`penalty must be > 0, got ${penalty}`);
  for (const id of previous) {
    if (!Number.isInteger(id) || id < 0 || id >= logits.length) {
      throw new RangeError(`token id ${id} in previous is out of range [0, ${logits.length})`);
    }
  }
  const seen = new Set(previous);
  return logits.map((v, i) => (seen.has(i) ? (v < 0 ? v * penalty : v / penalty) : v));
}

export function sampleToken(logits: number[], rng: () => number, opts: SampleOptions = {}): number {
  checkLogits(logits);
  let scores = logits;
  if (opts.repetitionPenalty !== undefined) {
    scores = repetitionPenalty(scores, opts.previous ?? [], opts.repetitionPenalty);
  }
  if (opts.temperature !== undefined) scores = applyTemperature(scores, opts.temperature);
  if (opts.topK !== undefined) scores = topKFilter(scores, opts.topK);
  if (opts.topP !== undefined) scores = topPFilter(scores, opts.topP);
  const probs = softmax(scores);
  const u = rng();
  let cumulative = 0;
  let last = 0;
  for (const [i, q] of probs.entries()) {
    if (q === 0) continue;
    cumulative += q;
    last = i;
    if (u < cumulative) return i;
  }
  return last; // u ≥ the rounded total: the last token with positive probability
}
