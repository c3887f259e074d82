/**
 * Beam search over a step function, with Hugging Face `generate` semantics for `early_stopping=True`
 * (generation/utils.py `_beam_search`): candidates are ranked by their raw cumulative log-prob,
 * only the first `numBeams` of the ranking may finish (EOS, or the last position), the next beams
 * are the best `numBeams` unfinished candidates, and finished hypotheses are scored
 * `sum / len ** lengthPenalty` with `len` the generated tokens, EOS included.
 *
 * Per position: one `step` call per running beam, a sort of the B·V candidates, and a copy of each
 * kept prefix: O(B·V·log(B·V) + B·(P + t)). Inputs are never mutated.
 */
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

interface Beam {
  readonly tokens: number[];
  readonly sum: number;
}

interface Candidate {
  readonly beam: number;
  readonly token: number;
  readonly sum: number;
}

/** A number (TypeError otherwise) that is an integer in [min, max] (RangeError otherwise). */
function integerIn(name: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

function checkPrompt(prompt: unknown): number[] {
  if (!Array.isArray(prompt)) throw new TypeError(`prompt must be an array of token ids, got ${typeof prompt}`);
  return prompt.map((id: unknown, i) => integerIn(`prompt[${i}]`, id, 0));
}

/**
 * One output of `step`: an array of `vocab` numbers (the first call fixes `vocab`), each finite or
 * -Infinity (a banned token). Returns the vocabulary size.
 */
function checkLogProbs(out: unknown, vocab: number | undefined): number {
  if (!Array.isArray(out)) throw new TypeError(`step must return an array of log-probs, got ${typeof out}`);
  if (vocab !== undefined && out.length !== vocab) {
    throw new RangeError(`step returned ${out.length} log-probs, the first call returned ${vocab}`);
  }
  out.forEach((v: unknown, i) => {
    if (typeof v !== 'number') throw new TypeError(`step returned a non-number at ${i}: ${typeof v}`);
    if (Number.isNaN(v) || v === Number.POSITIVE_INFINITY) throw new RangeError(`step returned ${v} at ${i}`);
  });
  return out.length;
}

export function beamSearch(step: StepFn, options: BeamSearchOptions): Hypothesis[] {
  if (typeof step !== 'function') throw new TypeError(`step must be a function, got ${typeof step}`);
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const numBeams = integerIn('numBeams', options.numBeams, 1);
  const maxNewTokens = integerIn('maxNewTokens', options.maxNewTokens, 1);
  const eos = integerIn('eosTokenId', options.eosTokenId, 0);
  const numReturnSequences = integerIn('numReturnSequences', options.numReturnSequences ?? 1, 1, numBeams);
  const lengthPenalty = options.lengthPenalty ?? 1;
  if (typeof lengthPenalty !== 'number')
    throw new TypeError(`lengthPenalty must be a number, got ${typeof lengthPenalty}`);
  if (!Number.isFinite(lengthPenalty)) throw new RangeError(`lengthPenalty must be finite, got ${lengthPenalty}`);
  const prompt = checkPrompt(options.prompt ?? []);

  let vocab: number | undefined;
  let running: Beam[] = [{ tokens: [], sum: 0 }];
  const pool: Hypothesis[] = [];
  for (let position = 1; position <= maxNewTokens; position++) {
    const candidates: Candidate[] = [];
    for (const [beam, { tokens, sum }] of running.entries()) {
      const logProbs = step([...prompt, ...tokens]);
      vocab = checkLogProbs(logProbs, vocab);
      if (eos >= vocab) throw new RangeError(`eosTokenId ${eos} is not a token of the vocabulary of ${vocab}`);
      for (const [token, logProb] of logProbs.entries()) candidates.push({ beam, token, sum: sum + logProb });
    }
    // Higher sum first. The candidates were made in (beam, token) order and Array.prototype.sort is
    // stable, so equal sums (−∞ ones too: their difference is NaN, taken as equal) stay in it.
    candidates.sort((a, b) => b.sum - a.sum);

    const next: Beam[] = [];
    for (const [rank, { beam, token, sum }] of candidates.entries()) {
      const parent = (running[beam] as Beam).tokens;
      if (token === eos || position === maxNewTokens) {
        // Only the top numBeams may finish; the rest exist so that numBeams beams can go on.
        if (rank < numBeams) pool.push({ tokens: [...parent, token], score: sum / position ** lengthPenalty });
      } else if (next.length < numBeams) {
        next.push({ tokens: [...parent, token], sum });
      }
    }
    if (pool.length >= numBeams) break; // early_stopping=True: numBeams hypotheses are done
    running = next;
  }
  // Fewer than 2·numBeams finished. A stable sort keeps equal scores in the order they finished in
  // (earlier position, then rank); the best numBeams are the pool, and numReturnSequences ≤ numBeams.
  return pool.sort((a, b) => b.score - a.score).slice(0, numReturnSequences);
}
