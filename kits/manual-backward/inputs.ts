import fc from 'fast-check';
import { rarely } from '../../src/harness/compare-tensors.ts';
import { randomValues } from '../../src/harness/random.ts';

/**
 * Inputs of the manual-backward kata, the one place they are drawn: the hidden suite, `kata
 * compare` and the learner's katas/manual-backward/manual-backward.props.ts use these. A case is
 * plain data (float64 copies of float32-representable values, row-major); a property builds the
 * tensors from it, so a counterexample prints as a few numbers and a seed.
 */

/** A multiple of 1/4 in [0.25, 2] or its negative: γ entries never 0, so every feature shows. */
const gain = fc.integer({ min: 1, max: 8 }).chain((n) => fc.constantFrom(n / 4, -n / 4));

export interface CrossEntropyCase {
  readonly n: number;
  readonly c: number;
  /** logits [N, C], values in [−scale, scale). */
  readonly logits: Float64Array;
  readonly scale: number;
  /** [N] class indices in [0, C). */
  readonly labels: number[];
  /** undefined: called without dloss (default 1). */
  readonly dloss: number | undefined;
}

/** N 1..5, C 1..6, logits of scale 1, 4 or 30 (softmax saturates), labels in [0, C), dloss given or not. */
export const crossEntropyCase: fc.Arbitrary<CrossEntropyCase> = fc
  .record({ n: fc.integer({ min: 1, max: 5 }), c: fc.integer({ min: 1, max: 6 }) })
  .chain(({ n, c }) =>
    fc.record({
      n: fc.constant(n),
      c: fc.constant(c),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      scale: fc.constantFrom(1, 4, 30),
      labels: fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: n, maxLength: n }),
      dloss: fc.option(fc.constantFrom(1, 2, -0.5, 0.25, 0), { nil: undefined }),
    }),
  )
  .map(({ n, c, seed, scale, labels, dloss }) => ({
    n,
    c,
    logits: randomValues(n * c, seed, scale),
    scale,
    labels,
    dloss,
  }));

export interface LayerNormCase {
  readonly n: number;
  readonly d: number;
  /** x [N, D], values in [−scale, scale): scale 0.01 makes the variance comparable with eps. */
  readonly x: Float64Array;
  readonly scale: number;
  readonly gamma: Float64Array;
  /** dy [N, D], values in [−1, 1). */
  readonly dy: Float64Array;
  /** undefined: called without eps (default 1e-5). */
  readonly eps: number | undefined;
}

/** N 1..4, D 1..8; x of scale 1, 0.01 or 3; γ multiples of 1/4 (never 0); dy seeded; eps given or not. */
export const layerNormCase: fc.Arbitrary<LayerNormCase> = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 8 }) })
  .chain(({ n, d }) =>
    fc.record({
      n: fc.constant(n),
      d: fc.constant(d),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
      scale: fc.constantFrom(1, 0.01, 3),
      gamma: fc.array(gain, { minLength: d, maxLength: d }),
      dySeed: fc.integer({ min: 0, max: 1_000_000 }),
      eps: fc.option(fc.constantFrom(1e-5, 1e-4, 1e-3), { nil: undefined }),
    }),
  )
  .map(({ n, d, seed, scale, gamma, dySeed, eps }) => ({
    n,
    d,
    x: randomValues(n * d, seed, scale),
    scale,
    gamma: Float64Array.from(gamma),
    dy: randomValues(n * d, dySeed),
    eps,
  }));

export interface AttentionCase {
  readonly tq: number;
  readonly tk: number;
  readonly d: number;
  readonly dv: number;
  /** undefined: called without options (causal defaults to false). Causal cases have Tq <= Tk. */
  readonly causal: boolean | undefined;
  /** q [Tq, d], k [Tk, d] of scale 2 (peaked softmax rows), v [Tk, dv] and dOut [Tq, dv] of scale 1. */
  readonly q: Float64Array;
  readonly k: Float64Array;
  readonly v: Float64Array;
  readonly dOut: Float64Array;
}

/** Tq 1..4, Tk 1..5, d 1..4, dv 1..3; causal true, false or left out (causal cases shrink Tq to Tk). */
export const attentionCase: fc.Arbitrary<AttentionCase> = fc
  .record({
    tq: fc.integer({ min: 1, max: 4 }),
    tk: fc.integer({ min: 1, max: 5 }),
    d: fc.integer({ min: 1, max: 4 }),
    dv: fc.integer({ min: 1, max: 3 }),
    causal: fc.constantFrom(true, true, false, undefined),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ tq: tq0, tk, d, dv, causal, seed }) => {
    const tq = causal === true ? Math.min(tq0, tk) : tq0;
    return {
      tq,
      tk,
      d,
      dv,
      causal,
      q: randomValues(tq * d, seed, 2),
      k: randomValues(tk * d, seed + 1, 2),
      v: randomValues(tk * dv, seed + 2),
      dOut: randomValues(tq * dv, seed + 3),
    };
  });

// ---------------------------------------------------------------------------------------------
// Whole calls, for `kata compare`: one of the three functions on a case, and about one call in
// thirteen with one bad input the contract rejects (both sides must then throw the same error).

export type BackwardCall =
  | {
      readonly fn: 'softmaxCrossEntropyBackward';
      readonly case: CrossEntropyCase;
      readonly bad: 'none' | 'labelOutOfRange' | 'floatLabels' | 'nanDloss';
    }
  | { readonly fn: 'layerNormBackward'; readonly case: LayerNormCase; readonly bad: 'none' | 'gammaLength' | 'zeroEps' }
  | {
      readonly fn: 'attentionBackward';
      readonly case: AttentionCase;
      readonly bad: 'none' | 'kWidth' | 'causalTqOverTk';
    };

export const backwardCall: fc.Arbitrary<BackwardCall> = fc.oneof(
  fc.record({
    fn: fc.constant('softmaxCrossEntropyBackward' as const),
    case: crossEntropyCase,
    bad: rarely('labelOutOfRange', 'floatLabels', 'nanDloss'),
  }),
  fc.record({
    fn: fc.constant('layerNormBackward' as const),
    case: layerNormCase,
    bad: rarely('gammaLength', 'zeroEps'),
  }),
  fc.record({
    fn: fc.constant('attentionBackward' as const),
    case: attentionCase,
    bad: rarely('kWidth', 'causalTqOverTk'),
  }),
);
