import fc from 'fast-check';
import { capacityIsRoundingSafe, type Matrix, rankRow, softmaxRow } from './oracle.ts';
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

// ---------------------------------------------------------------------------------------------
// Bad calls: one argument wrong, and the error it must raise.

/** A tensor argument as plain data (a float32 tf.tensor of `shape` from the flat `values`), or a value that is no tensor. */
export type TensorArg =
  | { readonly shape: readonly number[]; readonly values: readonly number[] }
  | { readonly notATensor: unknown };

/** The arguments of one call, as plain data; the suite and compare build the tensors and the expert functions. */
export type BadMoeCall = { readonly error: 'TypeError' | 'RangeError'; readonly why: string } & (
  | {
      readonly fn: 'topKRouting';
      readonly logits: TensorArg;
      readonly k: unknown;
      readonly opts?: { readonly value: unknown };
    }
  | { readonly fn: 'expertCapacity'; readonly args: readonly [unknown, unknown, unknown, unknown] }
  | {
      readonly fn: 'dispatch';
      /** r.experts (anything); r.probs is built from `probs`; r.gates is left as plain numbers. */
      readonly experts: unknown;
      readonly probs: TensorArg;
      readonly numExperts: unknown;
      readonly capacity: unknown;
    }
  | {
      readonly fn: 'moeForward';
      readonly x: TensorArg;
      readonly routerW: TensorArg;
      /** How many tanh experts to build (from `seed`), and which one, if any, is replaced by a string. */
      readonly experts: { readonly count: number; readonly seed: number; readonly notAFunction?: number };
      readonly cfg: unknown;
    }
  | {
      readonly fn: 'loadBalancingLoss';
      readonly probs: TensorArg;
      readonly experts: unknown;
      readonly numExperts: unknown;
    }
);

const rowsArg = (rows: readonly (readonly number[])[]): TensorArg => ({
  shape: [rows.length, (rows[0] as readonly number[]).length],
  values: rows.flat(),
});

/** `rows` with `x` written at flat position `at` (modulo the size). */
function rowsWith(rows: readonly (readonly number[])[], at: number, x: number): TensorArg {
  const arg = rowsArg(rows) as { shape: number[]; values: number[] };
  const values = [...arg.values];
  values[at % values.length] = x;
  return { shape: arg.shape, values };
}

/** A [T, E] probs tensor (softmax of the logits) for the choices of a dispatch or loss case. */
function probsFor(experts: readonly (readonly number[])[], numExperts: number): TensorArg {
  return rowsArg(logitsForChoices(experts, numExperts).map(softmaxRow));
}

const TYPE = 'TypeError' as const;
const RANGE = 'RangeError' as const;

const badTopK: fc.Arbitrary<BadMoeCall> = fc
  .record({ c: routingCase, fault: fc.nat(10), at: fc.nat() })
  .map(({ c, fault, at }): BadMoeCall => {
    const e = (c.logits[0] as number[]).length;
    const logits = rowsArg(c.logits);
    const base = { fn: 'topKRouting' as const, logits, k: c.k };
    switch (fault) {
      case 0:
        return { ...base, k: 0, error: RANGE, why: 'k = 0' };
      case 1:
        return { ...base, k: e + 1, error: RANGE, why: 'k > E' };
      case 2:
        return { ...base, k: Math.min(c.k, e - 1) + 0.5, error: RANGE, why: 'k is not an integer' };
      case 3:
        return { ...base, k: String(c.k), error: TYPE, why: 'k is a string' };
      case 4:
        return { ...base, logits: rowsWith(c.logits, at, Number.NaN), error: RANGE, why: 'a NaN logit' };
      case 5:
        return {
          ...base,
          logits: rowsWith(c.logits, at, Number.POSITIVE_INFINITY),
          error: RANGE,
          why: 'a +Infinity logit',
        };
      case 6:
        return {
          ...base,
          logits: rowsWith(c.logits, at, Number.NEGATIVE_INFINITY),
          error: RANGE,
          why: 'a −Infinity logit',
        };
      case 7:
        return { ...base, logits: { notATensor: c.logits }, error: TYPE, why: 'routerLogits is not a tensor' };
      case 8:
        return {
          ...base,
          logits: { shape: [e], values: c.logits[0] as number[] },
          error: RANGE,
          why: 'routerLogits is 1-D',
        };
      case 9:
        return { ...base, opts: { value: at % 2 === 0 }, error: TYPE, why: 'opts is a boolean' };
      default:
        return { ...base, opts: { value: { normalize: 'false' } }, error: TYPE, why: 'opts.normalize is a string' };
    }
  });

const badCapacity: fc.Arbitrary<BadMoeCall> = fc
  .record({ c: capacityCase, fault: fc.nat(10) })
  .map(({ c, fault }): BadMoeCall => {
    const args: [unknown, unknown, unknown, unknown] = [c.tokens, c.experts, c.k, c.capacityFactor];
    const faults: [number, unknown, 'TypeError' | 'RangeError', string][] = [
      [2, 0, RANGE, 'k = 0'],
      [2, c.experts + 1, RANGE, 'k > E'],
      [3, 0, RANGE, 'capacityFactor = 0'],
      [3, -c.capacityFactor, RANGE, 'capacityFactor < 0'],
      [3, Number.NaN, RANGE, 'capacityFactor is NaN'],
      [3, Number.POSITIVE_INFINITY, RANGE, 'capacityFactor is Infinity'],
      [0, 0, RANGE, 'tokens = 0'],
      [0, c.tokens + 0.5, RANGE, 'tokens is not an integer'],
      [1, 0, RANGE, 'experts = 0'],
      [2, String(c.k), TYPE, 'k is a string'],
      [3, String(c.capacityFactor), TYPE, 'capacityFactor is a string'],
    ];
    const [index, value, error, why] = faults[fault] as (typeof faults)[number];
    args[index] = value;
    return { fn: 'expertCapacity', args, error, why };
  });

const badDispatch: fc.Arbitrary<BadMoeCall> = fc
  .record({ c: dispatchCase, fault: fc.nat(11), at: fc.nat() })
  .map(({ c, fault, at }): BadMoeCall => {
    const e = c.numExperts;
    const t = c.experts.length;
    const k = (c.experts[0] as number[]).length;
    const base = {
      fn: 'dispatch' as const,
      experts: c.experts,
      probs: probsFor(c.experts, e),
      numExperts: e,
      capacity: c.capacity,
    };
    const withId = (id: number) =>
      c.experts.map((row, i) => row.map((v, s) => (i === at % t && s === at % k ? id : v)));
    switch (fault) {
      case 0:
        return { ...base, numExperts: e + 1, error: RANGE, why: 'numExperts ≠ the width of r.probs' };
      case 1:
        return { ...base, capacity: -1, error: RANGE, why: 'capacity < 0' };
      case 2:
        return { ...base, capacity: Number.NaN, error: RANGE, why: 'capacity is NaN' };
      case 3:
        return { ...base, capacity: 2.5, error: RANGE, why: 'capacity is not an integer' };
      case 4:
        return { ...base, capacity: '4', error: TYPE, why: 'capacity is a string' };
      case 5:
        return { ...base, experts: withId(e), error: RANGE, why: 'an expert id = E' };
      case 6:
        return { ...base, experts: withId(-1), error: RANGE, why: 'an expert id < 0' };
      case 7:
        return { ...base, experts: withId(0.5), error: RANGE, why: 'an expert id is not an integer' };
      case 8:
        // One row longer than the others; with a single token, an empty row instead.
        return t === 1
          ? { ...base, experts: [[]], error: RANGE, why: 'an empty row' }
          : {
              ...base,
              experts: c.experts.map((row, i) => (i === at % t ? [...row, 0] : row)),
              error: RANGE,
              why: 'rows of different lengths',
            };
      case 9:
        return {
          ...base,
          experts: [...c.experts, c.experts[0] as number[]],
          error: RANGE,
          why: 'more rows than tokens',
        };
      case 10:
        return { ...base, experts: 'experts', error: TYPE, why: 'r.experts is not an array' };
      default:
        return { ...base, probs: { notATensor: null }, error: TYPE, why: 'r.probs is not a tensor' };
    }
  });

const badMoe: fc.Arbitrary<BadMoeCall> = fc
  .record({ c: moeCase, fault: fc.nat(12), at: fc.nat() })
  .map(({ c, fault, at }): BadMoeCall => {
    const e = (c.routerW[0] as number[]).length;
    const d = (c.x[0] as number[]).length;
    const base = {
      fn: 'moeForward' as const,
      x: rowsArg(c.x),
      routerW: rowsArg(c.routerW),
      experts: { count: e, seed: c.seed },
      cfg: { ...c.cfg } as unknown,
    };
    const cfg = (patch: Record<string, unknown>) => ({ ...c.cfg, ...patch });
    switch (fault) {
      case 0:
        return { ...base, experts: { count: e + 1, seed: c.seed }, error: RANGE, why: 'E + 1 expert functions' };
      case 1:
        return {
          ...base,
          routerW: rowsArg([...c.routerW, new Array<number>(e).fill(0)]),
          error: RANGE,
          why: 'routerW has d + 1 rows',
        };
      case 2:
        return { ...base, cfg: cfg({ k: 0 }), error: RANGE, why: 'cfg.k = 0' };
      case 3:
        return { ...base, cfg: cfg({ k: e + 1 }), error: RANGE, why: 'cfg.k > E' };
      case 4:
        return { ...base, cfg: cfg({ capacityFactor: 0 }), error: RANGE, why: 'capacityFactor = 0' };
      case 5:
        return {
          ...base,
          cfg: cfg({ capacityFactor: Number.POSITIVE_INFINITY }),
          error: RANGE,
          why: 'capacityFactor is Infinity',
        };
      case 6:
        return { ...base, cfg: cfg({ capacityFactor: '1' }), error: TYPE, why: 'capacityFactor is a string' };
      case 7: {
        const { k: _k, ...rest } = c.cfg;
        return { ...base, cfg: rest, error: TYPE, why: 'cfg.k is missing' };
      }
      case 8:
        return { ...base, cfg: cfg({ normalize: 1 }), error: TYPE, why: 'cfg.normalize is not a boolean' };
      case 9:
        return {
          ...base,
          experts: { count: e, seed: c.seed, notAFunction: at % e },
          error: TYPE,
          why: 'an expert is not a function',
        };
      case 10:
        return { ...base, x: rowsWith(c.x, at, Number.NaN), error: RANGE, why: 'a NaN in x' };
      case 11:
        return {
          ...base,
          routerW: rowsWith(c.routerW, at, Number.POSITIVE_INFINITY),
          error: RANGE,
          why: 'an Infinity in routerW',
        };
      default:
        return { ...base, x: { notATensor: c.x }, error: TYPE, why: `x is not a tensor (d = ${d})` };
    }
  });

const badLoss: fc.Arbitrary<BadMoeCall> = fc
  .record({ c: auxCase, fault: fc.nat(6), at: fc.nat() })
  .map(({ c, fault, at }): BadMoeCall => {
    const e = c.numExperts;
    const t = c.experts.length;
    const probs = rowsArg(c.logits.map(softmaxRow));
    const base = { fn: 'loadBalancingLoss' as const, probs, experts: c.experts, numExperts: e };
    switch (fault) {
      case 0:
        return { ...base, numExperts: e + 1, error: RANGE, why: 'numExperts ≠ the width of probs' };
      case 1:
        return {
          ...base,
          experts: c.experts.map((row, i) => (i === at % t ? row.map((v, s) => (s === 0 ? e : v)) : row)),
          error: RANGE,
          why: 'an expert id = E',
        };
      case 2:
        return {
          ...base,
          experts: c.experts.slice(1).length > 0 ? c.experts.slice(1) : [...c.experts, ...c.experts],
          error: RANGE,
          why: 'rows ≠ tokens',
        };
      case 3:
        return { ...base, experts: c.experts.map(() => []), error: RANGE, why: 'empty rows (k = 0)' };
      case 4:
        return {
          ...base,
          probs: rowsWith(c.logits.map(softmaxRow), at, Number.NaN),
          error: RANGE,
          why: 'a NaN in probs',
        };
      case 5:
        return { ...base, experts: null, error: TYPE, why: 'experts is not an array' };
      default:
        return { ...base, probs: { notATensor: c.logits }, error: TYPE, why: 'probs is not a tensor' };
    }
  });

/** One bad call of any of the five functions. */
export const badMoeCall: fc.Arbitrary<BadMoeCall> = fc.oneof(badTopK, badCapacity, badDispatch, badMoe, badLoss);
