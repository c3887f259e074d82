/**
 * Oracles for the beam-search kata, written independently of the reference:
 * - `beamOracle`: a slow, literal simulation of the prompt's rules. Every candidate is a whole
 *   token list whose sum is recomputed from scratch (left to right, as an incremental sum adds);
 *   every finished hypothesis is kept, and the pool is the first numBeams of them at the end.
 * - `greedyOracle`: argmax (lowest id on ties) one token at a time, stopping at EOS.
 * - `exhaustiveOracle`: every complete sequence (ends in EOS, or has maxNewTokens tokens), scored.
 * None of them validates its input: the suite only hands them valid cases.
 */
export type Step = (prefix: readonly number[]) => readonly number[];

export interface OracleOptions {
  readonly prompt?: readonly number[];
  readonly numBeams: number;
  readonly maxNewTokens: number;
  readonly eosTokenId: number;
  readonly lengthPenalty?: number;
  readonly numReturnSequences?: number;
}

export interface Scored {
  readonly tokens: number[];
  readonly score: number;
}

/** `step` behind a cache keyed by the whole prefix, so the oracle can rescore freely. */
function memo(step: Step, prompt: readonly number[]): (tokens: readonly number[]) => readonly number[] {
  const cache = new Map<string, readonly number[]>();
  return (tokens) => {
    const key = tokens.join(',');
    let out = cache.get(key);
    if (out === undefined) {
      out = [...step([...prompt, ...tokens])];
      cache.set(key, out);
    }
    return out;
  };
}

/** Σ log-probs of `tokens`, from the first token on. */
function sumOf(logProbs: (tokens: readonly number[]) => readonly number[], tokens: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < tokens.length; i++) s += logProbs(tokens.slice(0, i))[tokens[i] as number] as number;
  return s;
}

export interface BeamTrace {
  readonly results: Scored[];
  /** How many times the rules call `step`: once per running beam per position. */
  readonly calls: number;
  /** Running beams (token lists) at the start of each position searched. */
  readonly beams: number[][][];
}

export function beamOracle(step: Step, o: OracleOptions): BeamTrace {
  const lp = o.lengthPenalty ?? 1;
  const logProbs = memo(step, o.prompt ?? []);
  const B = o.numBeams;
  const finished: Scored[] = [];
  const trace: number[][][] = [];
  let beams: number[][] = [[]];
  let calls = 0;
  for (let t = 1; t <= o.maxNewTokens && beams.length > 0; t++) {
    trace.push(beams);
    calls += beams.length;
    const cands: { tokens: number[]; beam: number; token: number; sum: number }[] = [];
    beams.forEach((b, beam) => {
      const V = logProbs(b).length;
      for (let token = 0; token < V; token++) {
        const tokens = [...b, token];
        cands.push({ tokens, beam, token, sum: sumOf(logProbs, tokens) });
      }
    });
    const ranked = [...cands].sort((x, y) => {
      if (x.sum !== y.sum) return x.sum > y.sum ? -1 : 1;
      if (x.beam !== y.beam) return x.beam - y.beam;
      return x.token - y.token;
    });
    const ends = (c: { token: number }) => c.token === o.eosTokenId || t === o.maxNewTokens;
    for (let r = 0; r < Math.min(B, ranked.length); r++) {
      const c = ranked[r] as (typeof ranked)[number];
      if (ends(c)) finished.push({ tokens: c.tokens, score: c.sum / t ** lp });
    }
    if (finished.length >= B) break;
    beams = ranked
      .filter((c) => !ends(c))
      .slice(0, B)
      .map((c) => c.tokens);
  }
  // Insertion order is (position, rank): a stable sort by score keeps it for equal scores.
  const pool = [...finished].sort((x, y) => (x.score === y.score ? 0 : x.score > y.score ? -1 : 1)).slice(0, B);
  return { results: pool.slice(0, o.numReturnSequences ?? 1), calls, beams: trace };
}

export function greedyOracle(step: Step, o: OracleOptions): Scored {
  const prompt = o.prompt ?? [];
  const tokens: number[] = [];
  let sum = 0;
  for (let t = 1; t <= o.maxNewTokens; t++) {
    const out = step([...prompt, ...tokens]);
    let best = 0;
    for (let v = 1; v < out.length; v++) if ((out[v] as number) > (out[best] as number)) best = v;
    tokens.push(best);
    sum += out[best] as number;
    if (best === o.eosTokenId) break;
  }
  return { tokens, score: sum / tokens.length ** (o.lengthPenalty ?? 1) };
}

/** Every complete sequence, with its score (order: depth-first, lower token ids first). */
export function exhaustiveOracle(step: Step, o: OracleOptions): Scored[] {
  const lp = o.lengthPenalty ?? 1;
  const prompt = o.prompt ?? [];
  const all: Scored[] = [];
  const walk = (tokens: number[], sum: number) => {
    const out = step([...prompt, ...tokens]);
    out.forEach((logProb, v) => {
      const next = [...tokens, v];
      const s = sum + logProb;
      if (v === o.eosTokenId || next.length === o.maxNewTokens)
        all.push({ tokens: next, score: s / next.length ** lp });
      else walk(next, s);
    });
  };
  walk([], 0);
  return all;
}

/** Scores, best first. */
export function bestScores(all: readonly Scored[], count: number): number[] {
  return all
    .map((h) => h.score)
    .sort((a, b) => (a === b ? 0 : a > b ? -1 : 1))
    .slice(0, count);
}
