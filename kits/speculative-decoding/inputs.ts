import fc from 'fast-check';
import { seededUniform } from '../../src/harness/random.ts';

/**
 * Inputs of the speculative-decoding kata, shared by the hidden suite, `kata compare` and the
 * learner's katas/speculative-decoding/speculative-decoding.props.ts. Probabilities are multiples of
 * 1/8 (rows sum to exactly 1, residuals are exact), V ≤ 4 and K ≤ 3. Uniforms come either from a
 * seeded stream (mulberry32) or from a list of sixteenths, which hit the ratios p/q exactly, so the
 * tie rules (u < p/q, u < cumulative sum) decide, not rounding.
 */
export interface StepCase {
  readonly targetProbs: number[][];
  readonly draftProbs: number[][];
  readonly draftTokens: number[];
  /** Uniforms in order: a seed for seededUniform, or a list of sixteenths (repeated if too short). */
  readonly uniforms: { readonly seed: number } | { readonly grid: readonly number[] };
}

/** A row of `vocab` multiples of 1/8 summing to 1. */
export function eighthsRow(vocab: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: 8 }), { minLength: vocab - 1, maxLength: vocab - 1 }).map((cuts) => {
    const sorted = [0, ...[...cuts].sort((a, b) => a - b), 8];
    return Array.from({ length: vocab }, (_, j) => ((sorted[j + 1] as number) - (sorted[j] as number)) / 8);
  });
}

/** The uniform source of a case, counting its calls. */
export function uniformOf(c: Pick<StepCase, 'uniforms'>): { uniform: () => number; calls: () => number } {
  let n = 0;
  const u = c.uniforms;
  const next = 'seed' in u ? seededUniform(u.seed) : () => u.grid[n % u.grid.length] as number;
  return {
    uniform: () => {
      const v = next();
      n++;
      return v;
    },
    calls: () => n,
  };
}

/** Fresh copies of the rows and tokens of a case, as `speculativeStep` takes them. */
export function inputOf(c: StepCase, uniform: () => number) {
  return {
    targetProbs: c.targetProbs.map((r) => [...r]),
    draftProbs: c.draftProbs.map((r) => [...r]),
    draftTokens: [...c.draftTokens],
    uniform,
  };
}

const uniformsArb: fc.Arbitrary<StepCase['uniforms']> = fc.oneof(
  fc.record({ seed: fc.integer({ min: 0, max: 0x7fffffff }) }),
  fc.record({
    grid: fc.array(
      fc.integer({ min: 0, max: 15 }).map((v) => v / 16),
      { minLength: 1, maxLength: 5 },
    ),
  }),
);

/**
 * V 1–4, K 1–3; each draft token is one the draft row gives positive probability (as if the draft had
 * sampled it). With `same`, the draft rows equal the target rows (every draft token is accepted).
 */
function caseArb(same: boolean): fc.Arbitrary<StepCase> {
  return fc
    .record({ vocab: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 3 }) })
    .chain(({ vocab, k }) =>
      fc.record({
        targetProbs: fc.array(eighthsRow(vocab), { minLength: k + 1, maxLength: k + 1 }),
        draftProbs: fc.array(eighthsRow(vocab), { minLength: k, maxLength: k }),
        picks: fc.array(fc.nat(), { minLength: k, maxLength: k }),
        uniforms: uniformsArb,
      }),
    )
    .map(({ targetProbs, draftProbs, picks, uniforms }) => {
      const draft = same ? targetProbs.slice(0, -1).map((r) => [...r]) : draftProbs;
      const draftTokens = draft.map((row, i) => {
        const support = row.flatMap((q, x) => (q > 0 ? [x] : []));
        return support[(picks[i] as number) % support.length] as number;
      });
      return { targetProbs, draftProbs: draft, draftTokens, uniforms };
    });
}

/** Any valid step. */
export const stepCase: fc.Arbitrary<StepCase> = caseArb(false);

/** A step whose draft rows equal the target rows. */
export const sameModelCase: fc.Arbitrary<StepCase> = caseArb(true);

/**
 * A call the contract rejects, and the error it must raise: `input` is handed to speculativeStep
 * as it is, except that a `uniform` of the form { returns: v } becomes () => v.
 */
export interface BadCall {
  readonly what: string;
  readonly error: 'RangeError' | 'TypeError';
  readonly input: unknown;
}

const P = [
  [0.5, 0.25, 0.25],
  [0.25, 0.5, 0.25],
  [0.25, 0.25, 0.5],
];
const Q = [
  [0.25, 0.5, 0.25],
  [0.5, 0.25, 0.25],
];
const good = { targetProbs: P, draftProbs: Q, draftTokens: [1, 0], uniform: { returns: 0.5 } };
const rows = (m: number[][], i: number, row: unknown): unknown[] => m.map((r, j) => (j === i ? row : r));
const with_ = (what: string, error: BadCall['error'], patch: Record<string, unknown>): BadCall => ({
  what,
  error,
  input: { ...good, ...patch },
});

const templates: readonly BadCall[] = [
  { what: 'input undefined', error: 'TypeError', input: undefined },
  { what: 'input null', error: 'TypeError', input: null },
  with_("targetProbs 'x'", 'TypeError', { targetProbs: 'x' }),
  with_('draftProbs missing', 'TypeError', { draftProbs: undefined }),
  with_('draftTokens 1', 'TypeError', { draftTokens: 1 }),
  with_('uniform not a function', 'TypeError', { uniform: 0.5 }),
  with_("uniform() returns '0.5'", 'TypeError', { uniform: { returns: '0.5' } }),
  ...[1, -0.25, 1.5, Number.NaN].map((v) => with_(`uniform() returns ${v}`, 'RangeError', { uniform: { returns: v } })),
  with_('a target row that is not an array', 'TypeError', { targetProbs: rows(P, 1, 'row') }),
  with_('a draft row that is not an array', 'TypeError', { draftProbs: rows(Q, 0, null) }),
  with_("a target entry '0.5'", 'TypeError', { targetProbs: rows(P, 2, ['0.5', 0.25, 0.25]) }),
  with_('a draft entry null', 'TypeError', { draftProbs: rows(Q, 1, [null, 0.5, 0.5]) }),
  with_("a draft token '1'", 'TypeError', { draftTokens: ['1', 0] }),
  with_('K = 0 (no draft tokens, no draft rows, one target row)', 'RangeError', {
    draftTokens: [],
    draftProbs: [],
    targetProbs: [P[0]],
  }),
  with_('K target rows instead of K + 1', 'RangeError', { targetProbs: P.slice(0, 2) }),
  with_('K + 2 target rows', 'RangeError', { targetProbs: [...P, P[0]] }),
  with_('K + 1 draft rows', 'RangeError', { draftProbs: [...Q, Q[0]] }),
  with_('K − 1 draft rows', 'RangeError', { draftProbs: Q.slice(0, 1) }),
  with_('a target row of another length', 'RangeError', { targetProbs: rows(P, 2, [0.5, 0.5]) }),
  with_('a draft row of another length', 'RangeError', { draftProbs: rows(Q, 1, [0.25, 0.25, 0.25, 0.25]) }),
  with_('empty rows (V = 0)', 'RangeError', { targetProbs: [[], [], []], draftProbs: [[], []] }),
  with_('a negative target probability', 'RangeError', { targetProbs: rows(P, 0, [1.25, -0.25, 0]) }),
  with_('a NaN draft probability', 'RangeError', { draftProbs: rows(Q, 0, [Number.NaN, 0.5, 0.5]) }),
  with_('an Infinity target probability', 'RangeError', {
    targetProbs: rows(P, 1, [Number.POSITIVE_INFINITY, 0, 0]),
  }),
  with_('a target row summing to 1.5', 'RangeError', { targetProbs: rows(P, 2, [0.5, 0.5, 0.5]) }),
  with_('a draft row summing to 0.75', 'RangeError', { draftProbs: rows(Q, 1, [0.25, 0.25, 0.25]) }),
  with_('a draft row summing to 1 + 2e-9', 'RangeError', { draftProbs: rows(Q, 0, [0.25 + 2e-9, 0.5, 0.25]) }),
  with_('a draft token = V', 'RangeError', { draftTokens: [1, 3] }),
  with_('a draft token −1', 'RangeError', { draftTokens: [-1, 0] }),
  with_('a draft token 0.5', 'RangeError', { draftTokens: [0.5, 0] }),
  with_('a draft token with draft probability 0', 'RangeError', {
    draftProbs: rows(Q, 1, [0, 0.5, 0.5]),
  }),
];

/** One bad argument, every case of the prompt's "Bad input". */
export const badCall: fc.Arbitrary<BadCall> = fc.constantFrom(...templates);

/** Calls `speculativeStep` of `impl` on `bad`; returns what it returned (it should throw instead). */
export function callBad(impl: Record<string, unknown>, bad: BadCall): unknown {
  const step = impl.speculativeStep as (input: unknown) => unknown;
  const input = bad.input as Record<string, unknown> | null | undefined;
  if (typeof input !== 'object' || input === null) return step(input);
  const u = input.uniform;
  const uniform = typeof u === 'object' && u !== null && 'returns' in u ? () => (u as { returns: unknown }).returns : u;
  return step({ ...input, uniform });
}
