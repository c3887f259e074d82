/**
 * Logits processors and sampling in Hugging Face `generate` order: repetition penalty, then
 * temperature → top-k → top-p, then one inverse-CDF draw over the probabilities in vocabulary order.
 *
 * Temperature and the penalty are O(n + m) (m = previous.length). Top-k finds the k-th largest
 * value by sorting a copy (O(n log n)) and keeps every logit ≥ it, ties included. Top-p sorts
 * indices by probability (descending, lower index first on ties) and keeps the shortest prefix
 * whose mass reaches p, the crossing token included, and at least `minKeep` tokens: O(n log n).
 * Inputs are never mutated; bad input throws before any work is done.
 */
export interface SampleOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  previous?: number[];
}

const NEG = Number.NEGATIVE_INFINITY;

/** A non-empty array of numbers, each finite or −∞ (removed), at least one of them finite. */
function checkLogits(logits: readonly number[]): void {
  if (!Array.isArray(logits)) throw new TypeError(`logits must be an array, got ${typeof logits}`);
  let anyFinite = false;
  for (let i = 0; i < logits.length; i++) {
    const v: unknown = logits[i];
    if (typeof v !== 'number') throw new TypeError(`logits[${i}] must be a number, got ${typeof v}`);
    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY) {
      throw new RangeError(`logits[${i}] must be finite or -Infinity, got ${v}`);
    }
    if (v !== NEG) anyFinite = true;
  }
  if (!anyFinite) {
    throw new RangeError(logits.length === 0 ? 'logits is empty' : 'every logit is -Infinity: no token is left');
  }
}

/** Every id an integer in [0, n). */
function checkPrevious(previous: readonly number[], n: number): void {
  if (!Array.isArray(previous)) throw new TypeError(`previous must be an array, got ${typeof previous}`);
  for (let j = 0; j < previous.length; j++) {
    const id: unknown = previous[j];
    if (typeof id !== 'number') throw new TypeError(`previous[${j}] must be a number, got ${typeof id}`);
    if (!Number.isInteger(id) || id < 0 || id >= n) {
      throw new RangeError(`previous[${j}] = ${id} is not a token id in [0, ${n})`);
    }
  }
}

function softmax(logits: readonly number[]): number[] {
  const max = logits.reduce((m, v) => Math.max(m, v), NEG);
  const exps = logits.map((v) => Math.exp(v - max)); // exp(−∞) = 0: removed tokens get probability 0
  const total = exps.reduce((s, e) => s + e, 0);
  return exps.map((e) => e / total);
}

export function applyTemperature(logits: number[], t: number): number[] {
  checkLogits(logits);
  if (typeof t !== 'number') throw new TypeError(`temperature t must be a number, got ${typeof t}`);
  if (!(t > 0 && Number.isFinite(t))) {
    throw new RangeError(`temperature t must be finite and > 0 (use argmax for greedy), got ${t}`);
  }
  return logits.map((v) => v / t);
}

export function topKFilter(logits: number[], k: number): number[] {
  checkLogits(logits);
  if (typeof k !== 'number') throw new TypeError(`k must be a number, got ${typeof k}`);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be an integer >= 1, got ${k}`);
  const sorted = [...logits].sort((a, b) => b - a);
  const kth = sorted[Math.min(k, sorted.length) - 1] as number;
  return logits.map((v) => (v < kth ? NEG : v));
}

export function topPFilter(logits: number[], p: number, minKeep = 1): number[] {
  checkLogits(logits);
  if (typeof p !== 'number') throw new TypeError(`p must be a number, got ${typeof p}`);
  if (!(p > 0 && p <= 1)) throw new RangeError(`p must be in (0, 1], got ${p}`);
  if (typeof minKeep !== 'number') throw new TypeError(`minKeep must be a number, got ${typeof minKeep}`);
  if (!(Number.isInteger(minKeep) && minKeep >= 1)) {
    throw new RangeError(`minKeep must be an integer >= 1, got ${minKeep}`);
  }
  const probs = softmax(logits);
  // Array.prototype.sort is stable, so equal probabilities stay in index order: lower index first.
  const order = probs.map((_, i) => i).sort((a, b) => (probs[b] as number) - (probs[a] as number));
  const keep = new Set<number>();
  let mass = 0;
  for (const [rank, i] of order.entries()) {
    if (mass >= p && rank >= minKeep) break;
    keep.add(i);
    mass += probs[i] as number;
  }
  return logits.map((v, i) => (keep.has(i) ? v : NEG));
}

export function repetitionPenalty(logits: number[], previous: number[], penalty: number): number[] {
  checkLogits(logits);
  checkPrevious(previous, logits.length);
  if (typeof penalty !== 'number') throw new TypeError(`penalty must be a number, got ${typeof penalty}`);
  if (!(penalty > 0 && Number.isFinite(penalty))) {
    throw new RangeError(`penalty must be finite and > 0, got ${penalty}`);
  }
  const seen = new Set(previous);
  return logits.map((v, i) => (seen.has(i) ? (v < 0 ? v * penalty : v / penalty) : v));
}

export function sampleToken(logits: number[], rng: () => number, opts: SampleOptions = {}): number {
  checkLogits(logits);
  if (typeof rng !== 'function') throw new TypeError(`rng must be a function, got ${typeof rng}`);
  const previous = opts.previous ?? [];
  checkPrevious(previous, logits.length); // checked even when no penalty uses it
  let scores = logits;
  if (opts.repetitionPenalty !== undefined) scores = repetitionPenalty(scores, previous, opts.repetitionPenalty);
  if (opts.temperature !== undefined) scores = applyTemperature(scores, opts.temperature);
  if (opts.topK !== undefined) scores = topKFilter(scores, opts.topK);
  if (opts.topP !== undefined) scores = topPFilter(scores, opts.topP);
  const probs = softmax(scores);
  const u = rng();
  if (typeof u !== 'number') throw new TypeError(`rng() must return a number, got ${typeof u}`);
  if (!(u >= 0 && u < 1)) throw new RangeError(`rng() must return a number in [0, 1), got ${u}`);
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
