import fc from 'fast-check';

/**
 * Inputs of the beam-search kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/beam-search/beam-search.props.ts. A case is a tiny vocabulary (V ≤ 4) and a *table step*:
 * a deterministic function of (seed, prefix) whose log-probs are quarters in [−3, 0], now and then
 * −Infinity (a banned token). Quarters add up exactly in float64, so equal sums are exact ties and
 * the tie rules, not rounding, decide them.
 */
export type Step = (prefix: readonly number[]) => readonly number[];

export interface BeamCase {
  readonly vocab: number;
  readonly seed: number;
  /** Chance in 16 of a −Infinity entry (0: never). */
  readonly banned: number;
  readonly prompt: number[];
  readonly numBeams: number;
  readonly maxNewTokens: number;
  readonly eosTokenId: number;
  readonly lengthPenalty: number;
  readonly numReturnSequences: number;
}

/** FNV-1a over the seed and the prefix, then mulberry32: the same prefix always gets the same row. */
export function tableStep(vocab: number, seed: number, banned = 0): Step {
  return (prefix) => {
    let h = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < prefix.length; i++) h = Math.imul(h ^ ((prefix[i] as number) + 1), 0x01000193) >>> 0;
    const out = new Array<number>(vocab);
    let state = h;
    for (let v = 0; v < vocab; v++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const r = (t ^ (t >>> 14)) >>> 0;
      out[v] = r % 16 < banned ? Number.NEGATIVE_INFINITY : -((r >>> 4) % 13) / 4;
    }
    return out;
  };
}

/** The step of a case. */
export const stepOf = (c: BeamCase): Step => tableStep(c.vocab, c.seed, c.banned);

/** The options of a case, as `beamSearch` takes them. */
export function optionsOf(c: BeamCase) {
  return {
    prompt: [...c.prompt],
    numBeams: c.numBeams,
    maxNewTokens: c.maxNewTokens,
    eosTokenId: c.eosTokenId,
    lengthPenalty: c.lengthPenalty,
    numReturnSequences: c.numReturnSequences,
  };
}

const lengthPenalties = [1, 1, 0, 0.5, 2, -1, 1.5];

function caseArb(maxBeams: number, maxLen: number, banned = fc.constantFrom(0, 0, 2)): fc.Arbitrary<BeamCase> {
  return fc
    .record({
      vocab: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      banned,
      prompt: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
      numBeams: fc.integer({ min: 1, max: maxBeams }),
      maxNewTokens: fc.integer({ min: 1, max: maxLen }),
      lengthPenalty: fc.constantFrom(...lengthPenalties),
      eosPick: fc.nat(),
      returnPick: fc.nat(),
    })
    .map(({ eosPick, returnPick, ...c }) => ({
      ...c,
      eosTokenId: eosPick % c.vocab,
      numReturnSequences: 1 + (returnPick % c.numBeams),
    }));
}

/** V 1–4, 1–5 beams, 1–5 new tokens, any length penalty of {1, 0, 0.5, 2, −1, 1.5}; a third bans tokens. */
export const beamCase: fc.Arbitrary<BeamCase> = caseArb(5, 5);

/**
 * numBeams = 1: greedy decoding. No banned tokens: once a sum is −∞ every candidate ties at −∞ and
 * the rules pick token 0, where an argmax of the step's own row would not.
 */
export const greedyCase: fc.Arbitrary<BeamCase> = caseArb(1, 6, fc.constant(0));

/** V ≤ 3, maxNewTokens ≤ 3 and numBeams ≥ V^maxNewTokens: beam search keeps every prefix. */
export const wideCase: fc.Arbitrary<BeamCase> = fc
  .record({ c: caseArb(1, 3), extra: fc.integer({ min: 0, max: 5 }), vocab: fc.integer({ min: 1, max: 3 }) })
  .map(({ c, extra, vocab }) => {
    const numBeams = vocab ** c.maxNewTokens + extra;
    return { ...c, vocab, eosTokenId: c.eosTokenId % vocab, numBeams, numReturnSequences: 1 + (c.seed % numBeams) };
  });

/**
 * A call the contract rejects, and the error it must raise. `options` are handed to `beamSearch`
 * as given; `step` is a table step of `vocab` tokens unless `stepReturns` replaces what its
 * `call`-th call (0-based) returns, or `notAFunction` passes a non-function instead.
 */
export interface BadCall {
  readonly what: string;
  readonly error: 'RangeError' | 'TypeError';
  readonly vocab: number;
  readonly options: unknown;
  readonly stepReturns?: { readonly call: number; readonly value: unknown };
  readonly notAFunction?: unknown;
}

const good = { numBeams: 2, maxNewTokens: 3, eosTokenId: 0 };
type Template = Omit<BadCall, 'vocab'>;
const opt = (what: string, error: BadCall['error'], patch: Record<string, unknown>): Template => ({
  what,
  error,
  options: { ...good, ...patch },
});

const templates: readonly Template[] = [
  ...[0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map((v) => opt(`numBeams ${v}`, 'RangeError', { numBeams: v })),
  opt("numBeams '2'", 'TypeError', { numBeams: '2' }),
  opt('numBeams missing', 'TypeError', { numBeams: undefined }),
  ...[0, -2, 2.5, Number.NaN].map((v) => opt(`maxNewTokens ${v}`, 'RangeError', { maxNewTokens: v })),
  opt("maxNewTokens '3'", 'TypeError', { maxNewTokens: '3' }),
  ...[-1, 0.5, Number.NaN].map((v) => opt(`eosTokenId ${v}`, 'RangeError', { eosTokenId: v })),
  opt('eosTokenId = vocab size (out of range)', 'RangeError', { eosTokenId: 4 }),
  opt('eosTokenId missing', 'TypeError', { eosTokenId: undefined }),
  ...[3, 0, 1.5].map((v) => opt(`numReturnSequences ${v} with numBeams 2`, 'RangeError', { numReturnSequences: v })),
  opt("numReturnSequences '1'", 'TypeError', { numReturnSequences: '1' }),
  ...[Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map((v) =>
    opt(`lengthPenalty ${v}`, 'RangeError', { lengthPenalty: v }),
  ),
  opt("lengthPenalty '1'", 'TypeError', { lengthPenalty: '1' }),
  opt('prompt [1, -1]', 'RangeError', { prompt: [1, -1] }),
  opt('prompt [0.5]', 'RangeError', { prompt: [0.5] }),
  opt("prompt ['1']", 'TypeError', { prompt: ['1'] }),
  opt("prompt '1,2'", 'TypeError', { prompt: '1,2' }),
  { what: 'options missing', error: 'TypeError', options: undefined },
  { what: 'options null', error: 'TypeError', options: null },
  { what: 'step is not a function', error: 'TypeError', options: good, notAFunction: [0, -1, -2, -3] },
  ...[0, 1].flatMap((call): Template[] => [
    { what: `step call ${call} returns null`, error: 'TypeError', options: good, stepReturns: { call, value: null } },
    { what: `step call ${call} returns 5`, error: 'TypeError', options: good, stepReturns: { call, value: 5 } },
    {
      what: `step call ${call} returns a string entry`,
      error: 'TypeError',
      options: good,
      stepReturns: { call, value: [0, '-1', -2, -3] },
    },
    {
      what: `step call ${call} returns NaN`,
      error: 'RangeError',
      options: good,
      stepReturns: { call, value: [-1, Number.NaN, -2, -3] },
    },
    {
      what: `step call ${call} returns +Infinity`,
      error: 'RangeError',
      options: good,
      stepReturns: { call, value: [-1, -2, Number.POSITIVE_INFINITY, -3] },
    },
  ]),
  {
    what: 'step call 1 returns 3 log-probs after 4',
    error: 'RangeError',
    options: good,
    stepReturns: { call: 1, value: [-1, -2, -3] },
  },
  {
    what: 'step call 1 returns 5 log-probs after 4',
    error: 'RangeError',
    options: good,
    stepReturns: { call: 1, value: [-1, -2, -3, -4, -5] },
  },
  { what: 'step call 0 returns []', error: 'RangeError', options: good, stepReturns: { call: 0, value: [] } },
];

/** One bad argument (V = 4, EOS 0 is only ever the least likely token, so a second call happens). */
export const badCall: fc.Arbitrary<BadCall> = fc.constantFrom(...templates).map((t) => ({ ...t, vocab: 4 }));

/** Calls `beamSearch` of `impl` on `bad`; returns what it returned (it should throw instead). */
export function callBad(impl: Record<string, unknown>, bad: BadCall): unknown {
  const beamSearch = impl.beamSearch as (step: unknown, options: unknown) => unknown;
  if (bad.notAFunction !== undefined) return beamSearch(bad.notAFunction, bad.options);
  let calls = 0;
  const step = (prefix: readonly number[]) => {
    const call = calls++;
    if (bad.stepReturns !== undefined && bad.stepReturns.call === call) return bad.stepReturns.value;
    // EOS (token 0) least likely; the rest distinct, so the search always goes on past call 0.
    return Array.from({ length: bad.vocab }, (_, v) => (v === 0 ? -10 : -v - prefix.length / 8));
  };
  return beamSearch(step, bad.options);
}
