import fc from 'fast-check';
import { capacityIsRoundingSafe, type Matrix, rankRow } from './oracle.ts';
import { seededUniform } from '../../src/harness/random.ts';

/**
 * Inputs of the moe-router kata, shared by the hidden suite, the compare spec and the learner's
 * katas/moe-router/moe-router.props.ts. Plain data only (row-major number[][]; a property builds
 * its tensors with tf.tensor2d). Logits sit on a grid of multiples of 1/4, and x and routerW are
 * multiples of 1/2, so float32 and float64 agree on every ranking and ties are exact and common.
 */

/** The capacity factors the tests use: exact in binary, so k·T·cf is computed exactly. */
export const CAPACITY_FACTORS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2] as const;

const quarter = fc.integer({ min: -12, max: 12 }).map((n) => n / 4 + 0);
const half = fc.integer({ min: -2, max: 2 }).map((n) => n / 2 + 0);

function matrix<T>(rows: number, cols: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T[][]> {
  return fc.array(fc.array(arb, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
}

/** k distinct experts out of E, in random order: one token's choices. */
function choices(e: number, k: number): fc.Arbitrary<number[]> {
  return fc.shuffledSubarray(
    Array.from({ length: e }, (_, i) => i),
    { minLength: k, maxLength: k },
  );
}

export interface RoutingCase {
  /** [T][E] router logits, multiples of 1/4 in [−3, 3]. */
  readonly logits: number[][];
  readonly k: number;
  /** undefined: opts left out (normalize defaults to true). */
  readonly normalize: boolean | undefined;
}

/** T in 1..8 tokens, E in 1..8 experts, k in 1..E, normalize true, false or left out. */
export const routingCase: fc.Arbitrary<RoutingCase> = fc
  .record({ t: fc.integer({ min: 1, max: 8 }), e: fc.integer({ min: 1, max: 8 }) })
  .chain(({ t, e }) =>
    fc.record({
      logits: matrix(t, e, quarter),
      k: fc.integer({ min: 1, max: e }),
      normalize: fc.constantFrom(undefined, true, false),
    }),
  );

export interface CapacityCase {
  readonly tokens: number;
  readonly experts: number;
  readonly k: number;
  readonly capacityFactor: number;
}

/** T in 1..4096, E in 1..64, k in 1..min(E, 8), cf from CAPACITY_FACTORS; no rounding-fragile shapes. */
export const capacityCase: fc.Arbitrary<CapacityCase> = fc
  .record({ tokens: fc.integer({ min: 1, max: 4096 }), experts: fc.integer({ min: 1, max: 64 }) })
  .chain(({ tokens, experts }) =>
    fc.record({
      tokens: fc.constant(tokens),
      experts: fc.constant(experts),
      k: fc.integer({ min: 1, max: Math.min(experts, 8) }),
      capacityFactor: fc.constantFrom(...CAPACITY_FACTORS),
    }),
  )
  .filter((c) => capacityIsRoundingSafe(c.tokens, c.experts, c.k, c.capacityFactor));

export interface DispatchCase {
  readonly numExperts: number;
  /** [T][k] distinct experts per token, first choice first. */
  readonly experts: number[][];
  /** 0..6 or Infinity. */
  readonly capacity: number;
}

/** T in 1..12, E in 1..6, k in 1..E; few experts and small capacities, so many drops. */
export const dispatchCase: fc.Arbitrary<DispatchCase> = fc
  .record({
    t: fc.integer({ min: 1, max: 12 }),
    e: fc.integer({ min: 1, max: 6 }),
    kSeed: fc.nat(),
  })
  .chain(({ t, e, kSeed }) => {
    const k = 1 + (kSeed % e);
    return fc.record({
      numExperts: fc.constant(e),
      experts: fc.array(choices(e, k), { minLength: t, maxLength: t }),
      capacity: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Number.POSITIVE_INFINITY)),
    });
  });

/**
 * Router logits that make `experts` the top-k choices, in order: the chosen get k, k−1, …, 1 and
 * every other expert 0. For building a consistent `Routing` around given choices.
 */
export function logitsForChoices(experts: readonly (readonly number[])[], numExperts: number): Matrix {
  return experts.map((row) => {
    const logits = new Array<number>(numExperts).fill(0);
    row.forEach((e, s) => {
      logits[e] = row.length - s;
    });
    return logits;
  });
}

export interface AuxCase {
  /** [T][E] logits, multiples of 1/4 in [−3, 3]; probs = softmax of each row. */
  readonly logits: number[][];
  /** [T][k] choices: the top-k of the logits, or any k distinct experts per token. */
  readonly experts: number[][];
  readonly numExperts: number;
}

/** T in 1..10, E in 1..8, k in 1..E. */
export const auxCase: fc.Arbitrary<AuxCase> = fc
  .record({
    t: fc.integer({ min: 1, max: 10 }),
    e: fc.integer({ min: 1, max: 8 }),
    kSeed: fc.nat(),
    topK: fc.boolean(),
  })
  .chain(({ t, e, kSeed, topK }) => {
    const k = 1 + (kSeed % e);
    return fc
      .record({ logits: matrix(t, e, quarter), random: fc.array(choices(e, k), { minLength: t, maxLength: t }) })
      .map(({ logits, random }) => ({
        logits,
        experts: topK ? logits.map((row) => rankRow(row).slice(0, k)) : random,
        numExperts: e,
      }));
  });

export interface MoeCase {
  /** [T][d], multiples of 1/2 in [−1, 1]. */
  readonly x: number[][];
  /** [d][E], multiples of 1/2 in [−1, 1]: the logits x @ routerW are exact multiples of 1/4. */
  readonly routerW: number[][];
  /** Seed of the experts' weights (see expertWeights). */
  readonly seed: number;
  readonly cfg: { k: number; normalize?: boolean; capacityFactor?: number };
}

/** T in 1..8, d in 1..4, E in 1..6, k in 1..E; capacity factor left out (unlimited) or from CAPACITY_FACTORS. */
export const moeCase: fc.Arbitrary<MoeCase> = fc
  .record({
    t: fc.integer({ min: 1, max: 8 }),
    d: fc.integer({ min: 1, max: 4 }),
    e: fc.integer({ min: 1, max: 6 }),
    kSeed: fc.nat(),
  })
  .chain(({ t, d, e, kSeed }) => {
    const k = 1 + (kSeed % e);
    return fc
      .record({
        x: matrix(t, d, half),
        routerW: matrix(d, e, half),
        seed: fc.nat(),
        normalize: fc.constantFrom(undefined, true, false),
        capacityFactor: fc.constantFrom(undefined, ...CAPACITY_FACTORS),
      })
      .filter((c) => c.capacityFactor === undefined || capacityIsRoundingSafe(t, e, k, c.capacityFactor))
      .map(({ x, routerW, seed, normalize, capacityFactor }) => {
        const cfg: MoeCase['cfg'] = { k };
        if (normalize !== undefined) cfg.normalize = normalize;
        if (capacityFactor !== undefined) cfg.capacityFactor = capacityFactor;
        return { x, routerW, seed, cfg };
      });
  });

/** The weights of E experts h ↦ tanh(h·A + b) for width d: float32-exact values in [−1, 1). */
export function expertWeights(seed: number, numExperts: number, d: number): { a: Matrix; b: number[] }[] {
  const uniform = seededUniform(seed);
  const value = () => Math.fround(uniform() * 2 - 1);
  return Array.from({ length: numExperts }, () => ({
    a: Array.from({ length: d }, () => Array.from({ length: d }, value)),
    b: Array.from({ length: d }, value),
  }));
}
