/**
 * Another way, closer to Hugging Face's own code: top-k reads the k-th largest value from an
 * ascending Float64Array sort; top-p is TopPLogitsWarper's formulation (sort ascending, cumulative
 * softmax, remove the tokens whose cumulative mass is ≤ 1 − p, but never the last `minKeep`); the
 * penalty marks seen ids in a Uint8Array; the draw binary-searches the prefix sums of the
 * probabilities. O(n log n) for the filters, O(n + m) for the penalty; inputs are never mutated.
 */
export interface SampleOptions {
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  previous?: number[];
}

const NEG = Number.NEGATIVE_INFINITY;

function validLogits(logits: readonly number[]): void {
  if (!Array.isArray(logits)) throw new TypeError('logits: expected an array');
  if (logits.length === 0) throw new RangeError('logits: expected at least one entry');
  let live = 0;
  for (const [i, v] of logits.entries()) {
    if (typeof v !== 'number') throw new TypeError(`logits[${i}]: expected a number`);
    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY)
      throw new RangeError(`logits[${i}]: ${v} is neither finite nor -Infinity`);
    if (v > NEG) live++;
  }
  if (live === 0) throw new RangeError('logits: every entry is -Infinity');
}

function positive(name: string, x: unknown, integer: boolean): number {
  if (typeof x !== 'number') throw new TypeError(`${name}: expected a number`);
  if (!(x > 0) || !Number.isFinite(x) || (integer && !Number.isInteger(x))) {
    throw new RangeError(`${name}: expected a ${integer ? 'positive integer' : 'finite number > 0'}, got ${x}`);
  }
  return x;
}

function validIds(previous: readonly number[], n: number): void {
  if (!Array.isArray(previous)) throw new TypeError('previous: expected an array of token ids');
  for (const [j, id] of previous.entries()) {
    if (typeof id !== 'number') throw new TypeError(`previous[${j}]: expected a number`);
    if (!(Number.isInteger(id) && id >= 0 && id < n)) throw new RangeError(`previous[${j}]: ${id} is not in [0, ${n})`);
  }
}

function probabilities(scores: readonly number[]): Float64Array {
  let max = NEG;
  for (const v of scores) if (v > max) max = v;
  const out = new Float64Array(scores.length);
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp((scores[i] as number) - max);
    total += out[i] as number;
  }
  for (let i = 0; i < out.length; i++) (out[i] as number) /= total;
  return out;
}

export function applyTemperature(logits: number[], t: number): number[] {
  validLogits(logits);
  const temperature = positive('temperature', t, false);
  return logits.map((v) => v / temperature);
}

export function topKFilter(logits: number[], k: number): number[] {
  validLogits(logits);
  positive('k', k, true);
  const ascending = Float64Array.from(logits).sort(); // numeric order, −∞ first
  const threshold = ascending[Math.max(ascending.length - k, 0)] as number;
  return logits.map((v) => (v >= threshold ? v : NEG));
}

export function topPFilter(logits: number[], p: number, minKeep = 1): number[] {
  validLogits(logits);
  if (typeof p !== 'number') throw new TypeError('p: expected a number');
  if (!(p > 0 && p <= 1)) throw new RangeError(`p: expected a number in (0, 1], got ${p}`);
  positive('minKeep', minKeep, true);
  const probs = probabilities(logits);
  // Least probable first; on equal probability the higher index is the less probable one.
  const ascending = Array.from(probs.keys()).sort((a, b) => (probs[a] as number) - (probs[b] as number) || b - a);
  const out = [...logits];
  const removable = ascending.length - minKeep; // the last minKeep positions are always kept
  let cumsum = 0;
  for (let pos = 0; pos < removable; pos++) {
    const id = ascending[pos] as number;
    cumsum += probs[id] as number;
    if (cumsum > 1 - p) break; // cumsum only grows: nothing later is removed either
    out[id] = NEG;
  }
  return out;
}

export function repetitionPenalty(logits: number[], previous: number[], penalty: number): number[] {
  validLogits(logits);
  validIds(previous, logits.length);
  const theta = positive('penalty', penalty, false);
  const seen = new Uint8Array(logits.length);
  for (const id of previous) seen[id] = 1;
  return logits.map((v, i) => {
    if (seen[i] === 0) return v;
    return v < 0 ? v * theta : v / theta;
  });
}

export function sampleToken(logits: number[], rng: () => number, opts: SampleOptions = {}): number {
  validLogits(logits);
  if (typeof rng !== 'function') throw new TypeError('rng: expected a function');
  validIds(opts.previous ?? [], logits.length);
  let scores = logits;
  if (opts.repetitionPenalty !== undefined) {
    scores = repetitionPenalty(scores, opts.previous ?? [], opts.repetitionPenalty);
  }
  if (opts.temperature !== undefined) scores = applyTemperature(scores, opts.temperature);
  if (opts.topK !== undefined) scores = topKFilter(scores, opts.topK);
  if (opts.topP !== undefined) scores = topPFilter(scores, opts.topP);
  const probs = probabilities(scores);
  const prefix = new Float64Array(probs.length);
  let running = 0;
  for (let i = 0; i < probs.length; i++) {
    running += probs[i] as number;
    prefix[i] = running;
  }
  const u = rng();
  if (typeof u !== 'number') throw new TypeError('rng(): expected a number');
  if (!(u >= 0 && u < 1)) throw new RangeError(`rng(): expected a number in [0, 1), got ${u}`);
  if (!(u < running)) {
    // Rounding left the total at or below u: the last token that has any probability.
    let last = probs.length - 1;
    while ((probs[last] as number) === 0) last--;
    return last;
  }
  // The first i with u < prefix[i]; prefix is non-decreasing, so that i has probability > 0.
  let lo = 0;
  let hi = probs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < (prefix[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
