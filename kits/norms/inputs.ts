import fc from 'fast-check';

/**
 * Inputs of the norms kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/norms/norms.props.ts. Plain data only: a property builds x from
 * `seededData(c.shape, c.seed, c.scale)` (src/harness/tensor-data.ts) and γ, β and the running
 * statistics from the arrays below, so a counterexample prints as a few numbers and shrinks well.
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
