import fc from 'fast-check';
import { penaltyOracle, temperatureOracle, topKOracle, topPMargin } from './oracle.ts';

/**
 * Inputs of the sampling kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/sampling/sampling.props.ts. Logits are halves in [-4, 4], so ties are common.
 */

/** 1 to 10 logits, halves in [-4, 4]. */
export const logitsArb: fc.Arbitrary<number[]> = fc.array(
  fc.integer({ min: -8, max: 8 }).map((v) => v / 2),
  { minLength: 1, maxLength: 10 },
);

export interface TemperatureCase {
  logits: number[];
  t: number;
}

/** t in {0.25, …, 3}. */
export const temperatureCase: fc.Arbitrary<TemperatureCase> = fc.record({
  logits: logitsArb,
  t: fc.constantFrom(0.25, 0.5, 0.7, 1, 1.5, 2, 3),
});

export interface TopKCase {
  logits: number[];
  k: number;
}

/** k from 1 to two past the vocabulary size. */
export const topKCase: fc.Arbitrary<TopKCase> = logitsArb.chain((logits) =>
  fc.record({ logits: fc.constant(logits), k: fc.integer({ min: 1, max: logits.length + 2 }) }),
);

export interface TopPCase {
  logits: number[];
  p: number;
  minKeep: number;
}

/**
 * p in {0.01, …, 0.99} and minKeep 1 to 3; cases where a prefix mass lies within 1e-6 of p are left
 * out (rounding, not the rule, would decide them).
 */
export const topPCase: fc.Arbitrary<TopPCase> = fc
  .record({
    logits: logitsArb,
    p: fc.integer({ min: 1, max: 99 }).map((v) => v / 100),
    minKeep: fc.integer({ min: 1, max: 3 }),
  })
  .filter(({ logits, p }) => topPMargin(logits, p) >= 1e-6);

export interface PenaltyCase {
  logits: number[];
  previous: number[];
  penalty: number;
}

/** Previous ids in range (repeats likely), penalty in {0.5, 0.8, 1, 1.2, 1.5, 2, 3}. */
export const penaltyCase: fc.Arbitrary<PenaltyCase> = logitsArb.chain((logits) =>
  fc.record({
    logits: fc.constant(logits),
    previous: fc.array(fc.integer({ min: 0, max: logits.length - 1 }), { maxLength: 8 }),
    penalty: fc.constantFrom(0.5, 0.8, 1, 1.2, 1.5, 2, 3),
  }),
);

export interface SampleOptionsInput {
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  previous?: number[];
}

export interface SampleCase {
  logits: number[];
  opts: SampleOptionsInput;
  /** Seed for src/harness/random.ts seededUniform. */
  seed: number;
}

/** Any subset of the options; top-p only where no prefix mass (after the earlier steps) is near p. */
export const sampleCase: fc.Arbitrary<SampleCase> = logitsArb
  .chain((logits) =>
    fc.record({
      logits: fc.constant(logits),
      opts: fc.record(
        {
          temperature: fc.constantFrom(0.25, 0.5, 0.7, 1, 1.5, 2),
          topK: fc.integer({ min: 1, max: logits.length + 1 }),
          topP: fc.integer({ min: 1, max: 99 }).map((v) => v / 100),
          repetitionPenalty: fc.constantFrom(0.8, 1, 1.3, 2),
          previous: fc.array(fc.integer({ min: 0, max: logits.length - 1 }), { maxLength: 5 }),
        },
        { requiredKeys: [] },
      ),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
    }),
  )
  .filter(({ logits, opts }) => {
    if (opts.topP === undefined) return true;
    let s = logits;
    if (opts.repetitionPenalty !== undefined) s = penaltyOracle(s, opts.previous ?? [], opts.repetitionPenalty);
    if (opts.temperature !== undefined) s = temperatureOracle(s, opts.temperature);
    if (opts.topK !== undefined) s = topKOracle(s, opts.topK);
    return topPMargin(s, opts.topP) >= 1e-6;
  });

/** The functions of the kata, by name. */
export type SamplingFn = 'applyTemperature' | 'topKFilter' | 'topPFilter' | 'repetitionPenalty' | 'sampleToken';

/**
 * A call the contract rejects, and the error it must raise. `args` are the arguments as given,
 * except that for `sampleToken` the second one is what rng() returns (a function is made from it,
 * `callBad` does that), unless it is the string 'not a function', which is passed as the rng.
 */
export interface BadCall {
  readonly fn: SamplingFn;
  readonly args: readonly unknown[];
  readonly error: 'RangeError' | 'TypeError';
  readonly what: string;
}

type BadTemplate = (logits: number[]) => BadCall;
const bad =
  (fn: SamplingFn, error: BadCall['error'], what: string, args: (logits: number[]) => unknown[]): BadTemplate =>
  (logits) => ({ fn, args: args(logits), error, what });

/** Bad logits, passed to every function (with good other arguments). */
const badLogits: readonly [string, BadCall['error'], (logits: number[]) => unknown][] = [
  ['empty logits', 'RangeError', () => []],
  ['a NaN logit', 'RangeError', (l) => [...l, Number.NaN]],
  ['a +Infinity logit', 'RangeError', (l) => [Number.POSITIVE_INFINITY, ...l]],
  ['every logit -Infinity', 'RangeError', (l) => l.map(() => Number.NEGATIVE_INFINITY)],
  ["a logit that is a string ('1')", 'TypeError', (l) => [...l, '1']],
  ['a logit that is null', 'TypeError', (l) => [null, ...l]],
  ['logits that is not an array', 'TypeError', (l) => l.join(',')],
  ['logits that is an object', 'TypeError', () => ({})],
];

const goodArgs: Record<SamplingFn, (logits: number[]) => unknown[]> = {
  applyTemperature: () => [0.7],
  topKFilter: () => [2],
  topPFilter: () => [0.9],
  repetitionPenalty: () => [[0], 1.2],
  sampleToken: () => [0.5, {}],
};

const FNS = Object.keys(goodArgs) as SamplingFn[];

const badTemplates: readonly BadTemplate[] = [
  ...badLogits.flatMap(([what, error, make]) =>
    FNS.map((fn) => bad(fn, error, `${fn}: ${what}`, (l) => [make(l), ...goodArgs[fn](l)])),
  ),
  ...[0, -1, Number.NaN, Number.POSITIVE_INFINITY].map((t) =>
    bad('applyTemperature', 'RangeError', `t = ${t}`, (l) => [l, t]),
  ),
  bad('applyTemperature', 'TypeError', "t = '2'", (l) => [l, '2']),
  ...[0, -2, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map((k) =>
    bad('topKFilter', 'RangeError', `k = ${k}`, (l) => [l, k]),
  ),
  bad('topKFilter', 'TypeError', "k = '2'", (l) => [l, '2']),
  ...[0, -0.1, 1.5, Number.NaN].map((p) => bad('topPFilter', 'RangeError', `p = ${p}`, (l) => [l, p])),
  bad('topPFilter', 'TypeError', "p = '0.5'", (l) => [l, '0.5']),
  bad('topPFilter', 'TypeError', "minKeep = '1'", (l) => [l, 0.9, '1']),
  ...[0, 1.5, -1].map((m) => bad('topPFilter', 'RangeError', `minKeep = ${m}`, (l) => [l, 0.9, m])),
  ...[0, -2, Number.NaN, Number.POSITIVE_INFINITY].map((pen) =>
    bad('repetitionPenalty', 'RangeError', `penalty = ${pen}`, (l) => [l, [0], pen]),
  ),
  bad('repetitionPenalty', 'TypeError', "penalty = '1.2'", (l) => [l, [0], '1.2']),
  bad('repetitionPenalty', 'RangeError', 'previous id = logits.length', (l) => [l, [0, l.length], 1.2]),
  bad('repetitionPenalty', 'RangeError', 'previous id = -1', (l) => [l, [-1], 1.2]),
  bad('repetitionPenalty', 'RangeError', 'previous id = 0.5', (l) => [l, [0.5], 1.2]),
  bad('repetitionPenalty', 'TypeError', "previous id = '0'", (l) => [l, ['0'], 1.2]),
  bad('repetitionPenalty', 'TypeError', 'previous that is not an array', (l) => [l, 0, 1.2]),
  ...[1, -0.5, Number.NaN, 1.5].map((u) => bad('sampleToken', 'RangeError', `rng() returns ${u}`, (l) => [l, u, {}])),
  bad('sampleToken', 'TypeError', "rng() returns '0.5'", (l) => [l, '0.5', {}]),
  bad('sampleToken', 'TypeError', 'rng that is not a function', (l) => [l, 'not a function', {}]),
  bad('sampleToken', 'RangeError', 'temperature 0', (l) => [l, 0.5, { temperature: 0 }]),
  bad('sampleToken', 'RangeError', 'topK 1.5', (l) => [l, 0.5, { topK: 1.5 }]),
  bad('sampleToken', 'RangeError', 'topP 0', (l) => [l, 0.5, { topP: 0 }]),
  bad('sampleToken', 'RangeError', 'repetitionPenalty 0', (l) => [l, 0.5, { repetitionPenalty: 0, previous: [0] }]),
  bad('sampleToken', 'RangeError', 'previous id out of range, with a penalty', (l) => [
    l,
    0.5,
    { repetitionPenalty: 1.2, previous: [l.length] },
  ]),
  bad('sampleToken', 'TypeError', 'previous that is not an array, without a penalty', (l) => [l, 0.5, { previous: 0 }]),
  bad('sampleToken', 'RangeError', 'previous id out of range, without a penalty', (l) => [
    l,
    0.5,
    { previous: [l.length] },
  ]),
];

/** Valid logits (from `logitsArb`) with one bad argument; every case of the prompt's "Bad input". */
export const badCall: fc.Arbitrary<BadCall> = fc
  .tuple(logitsArb, fc.constantFrom(...badTemplates))
  .map(([logits, template]) => template(logits));

/** Calls `impl[bad.fn]` with `bad.args` (for sampleToken, an rng that returns `args[1]`). */
export function callBad(impl: Record<string, unknown>, bad: BadCall): unknown {
  const fn = impl[bad.fn] as (...args: unknown[]) => unknown;
  if (bad.fn !== 'sampleToken') return fn(...bad.args);
  const [logits, u, opts] = bad.args;
  return fn(logits, u === 'not a function' ? u : () => u, opts);
}
