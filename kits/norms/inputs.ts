import fc from 'fast-check';
import { type TensorSpec, rarely, valuesArb } from '../../src/harness/compare-tensors.ts';

/**
 * Inputs of the norms kata, the one place they are drawn: the hidden suite, `kata compare` and the
 * learner's katas/norms/norms.props.ts use these. Plain data only: a property builds x from
 * `seededData(c.shape, c.seed, c.scale)` (src/harness/tensor-data.ts) and γ, β and the running
 * statistics from the arrays below, so a counterexample prints as a few numbers and shrinks well.
 * `normsCall` (for `kata compare`) describes whole calls as TensorSpecs, rarely with a bad input.
 */

/** A multiple of 1/4 in [-2, 2]: exact in float32, shrinks towards 0. */
const quarter = fc.integer({ min: -8, max: 8 }).map((n) => n / 4 + 0);
/** γ entries avoid 0, so every feature still shows up in the result. */
const gain = fc.integer({ min: 1, max: 8 }).map((n) => n / 4);

/** A [..., D] shape: rank 1 to 3, leading dimensions 1..3, D in 1..8. */
export const normsShape: fc.Arbitrary<number[]> = fc
  .record({
    lead: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    d: fc.integer({ min: 1, max: 8 }),
  })
  .map(({ lead, d }) => [...lead, d]);

export interface NormsCase {
  readonly shape: number[];
  /** x = seededData(shape, seed, scale): values in [−scale, scale). */
  readonly seed: number;
  readonly scale: number;
  /** [D] each. `rmsNorm` ignores beta. */
  readonly gamma: number[];
  readonly beta: number[];
  /** undefined: the default (1e-5 for layerNorm, 1e-6 for rmsNorm). */
  readonly eps: number | undefined;
}

/**
 * A shape, seeded x, γ and β of length D, and an eps that is either given or left to its default.
 * scale 0.01 makes the variance comparable with eps, where the eps placement shows.
 */
export const normsCase: fc.Arbitrary<NormsCase> = normsShape.chain((shape) => {
  const d = shape.at(-1) as number;
  return fc.record({
    shape: fc.constant(shape),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    scale: fc.constantFrom(1, 0.01, 3),
    gamma: fc.array(gain, { minLength: d, maxLength: d }),
    beta: fc.array(quarter, { minLength: d, maxLength: d }),
    eps: fc.option(fc.constantFrom(1e-5, 1e-6, 1e-4, 1e-3), { nil: undefined }),
  });
});

export interface BatchNormCase extends NormsCase {
  /** [C] each: the state handed in. Running variances are positive. */
  readonly runningMean: number[];
  readonly runningVar: number[];
  /** undefined: the default 0.1. */
  readonly momentum: number | undefined;
}

/**
 * A [..., C] batch with at least 2 elements per channel (rank 2 or 3, C in 1..6), γ, β, the running
 * statistics, and eps/momentum each given or left to the default.
 */
export const batchNormCase: fc.Arbitrary<BatchNormCase> = fc
  .record({
    lead: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
    c: fc.integer({ min: 1, max: 6 }),
  })
  .filter(({ lead }) => lead.reduce((a, b) => a * b, 1) >= 2)
  .map(({ lead, c }) => [...lead, c])
  .chain((shape) => {
    const c = shape.at(-1) as number;
    return fc.record({
      shape: fc.constant(shape),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      scale: fc.constantFrom(1, 0.01, 3),
      gamma: fc.array(gain, { minLength: c, maxLength: c }),
      beta: fc.array(quarter, { minLength: c, maxLength: c }),
      eps: fc.option(fc.constantFrom(1e-5, 1e-4, 1e-3), { nil: undefined }),
      runningMean: fc.array(quarter, { minLength: c, maxLength: c }),
      runningVar: fc.array(gain, { minLength: c, maxLength: c }),
      momentum: fc.option(fc.constantFrom(0, 0.1, 0.5, 0.9, 1), { nil: undefined }),
    });
  });

/** Only the options a case sets, so that omitted options exercise the defaults. */
export function batchNormOptionsOf(c: Pick<BatchNormCase, 'eps' | 'momentum'>): { eps?: number; momentum?: number } {
  return {
    ...(c.eps !== undefined && { eps: c.eps }),
    ...(c.momentum !== undefined && { momentum: c.momentum }),
  };
}

// ---------------------------------------------------------------------------------------------
// Whole calls, for `kata compare`: tensors as TensorSpecs (a few values cycled over the shape, so a
// counterexample prints as the learner would type it), and about one call in thirteen with one bad
// input the contract rejects.

export interface LayerNormCall {
  readonly fn: 'layerNorm';
  readonly x: TensorSpec;
  readonly gamma: TensorSpec;
  readonly beta: TensorSpec;
  /** undefined: called without eps (default 1e-5). */
  readonly eps: number | undefined;
}

export interface RmsNormCall {
  readonly fn: 'rmsNorm';
  readonly x: TensorSpec;
  readonly gamma: TensorSpec;
  /** undefined: called without eps (default 1e-6). */
  readonly eps: number | undefined;
}

export interface BatchNormCall {
  readonly fn: 'batchNormTrain';
  readonly x: TensorSpec;
  readonly gamma: TensorSpec;
  readonly beta: TensorSpec;
  readonly runningMean: TensorSpec;
  readonly runningVar: TensorSpec;
  /** undefined: called with four arguments. */
  readonly opts: { eps?: number; momentum?: number } | undefined;
}

export type NormsCall = LayerNormCall | RmsNormCall | BatchNormCall;

/** Halves in [-2, 2] for x, times 0.01 when `small` (the variance is then comparable with eps). */
const callParts = {
  lead: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
  d: fc.integer({ min: 1, max: 5 }),
  small: fc.boolean(),
  x: valuesArb(16),
  gamma: fc.array(fc.constantFrom(1, 2, 0.5, -1), { minLength: 1, maxLength: 5 }),
  beta: fc.array(fc.constantFrom(0, 1, -0.5), { minLength: 1, maxLength: 5 }),
  eps: fc.constantFrom(undefined, 1e-5, 1e-3),
};

const vector = (values: readonly number[], length: number): TensorSpec => ({ shape: [length], values });

/** The eps a bad case passes: 0 and negative are RangeErrors (eps must be finite and > 0). */
const badEps = (bad: string, eps: number | undefined): number | undefined =>
  bad === 'zeroEps' ? 0 : bad === 'negativeEps' ? -1e-5 : eps;

const layerNormCall: fc.Arbitrary<LayerNormCall> = fc
  .record({ ...callParts, bad: rarely('rank0', 'gammaLength', 'betaLength', 'zeroEps', 'negativeEps') })
  .map(({ lead, d, small, x, gamma, beta, eps, bad }) => ({
    fn: 'layerNorm' as const,
    x: { shape: bad === 'rank0' ? [] : [...lead, d], values: x.map((v) => v * (small ? 0.01 : 1)) },
    gamma: vector(gamma, bad === 'gammaLength' ? d + 1 : d),
    beta: vector(beta, bad === 'betaLength' ? d + 1 : d),
    eps: badEps(bad, eps),
  }));

const rmsNormCall: fc.Arbitrary<RmsNormCall> = fc
  .record({ ...callParts, bad: rarely('rank0', 'gammaLength', 'zeroEps', 'negativeEps') })
  .map(({ lead, d, small, x, gamma, eps, bad }) => ({
    fn: 'rmsNorm' as const,
    x: { shape: bad === 'rank0' ? [] : [...lead, d], values: x.map((v) => v * (small ? 0.01 : 1)) },
    gamma: vector(gamma, bad === 'gammaLength' ? d + 1 : d),
    eps: badEps(bad, eps),
  }));

const batchNormCall: fc.Arbitrary<BatchNormCall> = fc
  .record({
    ...callParts,
    n: fc.integer({ min: 2, max: 4 }),
    runningMean: fc.array(fc.constantFrom(0, 1, -0.5), { minLength: 1, maxLength: 5 }),
    runningVar: fc.array(fc.constantFrom(1, 2, 0.5), { minLength: 1, maxLength: 5 }),
    momentum: fc.constantFrom(undefined, 0, 0.1, 0.9, 1),
    noOpts: fc.boolean(),
    bad: rarely(
      'rank0',
      'gammaLength',
      'betaLength',
      'zeroEps',
      'negativeEps',
      'momentum',
      'nanMomentum',
      'oneElement',
    ),
  })
  .map(({ lead, d, n, small, x, gamma, beta, eps, runningMean, runningVar, momentum, noOpts, bad }) => {
    const shape = bad === 'rank0' ? [] : bad === 'oneElement' ? [1, d] : [n, ...lead, d];
    const opts: { eps?: number; momentum?: number } = {};
    const givenEps = badEps(bad, eps);
    if (givenEps !== undefined) opts.eps = givenEps;
    const givenMomentum = bad === 'momentum' ? 1.5 : bad === 'nanMomentum' ? Number.NaN : momentum;
    if (givenMomentum !== undefined) opts.momentum = givenMomentum;
    return {
      fn: 'batchNormTrain' as const,
      x: { shape, values: x.map((v) => v * (small ? 0.01 : 1)) },
      gamma: vector(gamma, bad === 'gammaLength' ? d + 1 : d),
      beta: vector(beta, bad === 'betaLength' ? d + 1 : d),
      runningMean: vector(runningMean, d),
      runningVar: vector(runningVar, d),
      opts: Object.keys(opts).length === 0 && noOpts ? undefined : opts,
    };
  });

/** One call of layerNorm, rmsNorm or batchNormTrain on small tensors (B, L ≤ 3, D ≤ 5). */
export const normsCall: fc.Arbitrary<NormsCall> = fc.oneof(layerNormCall, rmsNormCall, batchNormCall);
