import fc from 'fast-check';

/**
 * Inputs of the training-memory kata, shared by the hidden suite, `kata compare` and the
 * learner's katas/training-memory/training-memory.props.ts. Every generated case has a whole
 * number of bytes in every part (params is a multiple of gpus, k an integer) below 2^53, so a
 * correct implementation's answer is exact.
 */

export type Stage = 0 | 1 | 2 | 3;

export interface ModelStateCase {
  params: number;
  stage: Stage;
  gpus: number;
  k: number;
}

export const stages: fc.Arbitrary<Stage> = fc.constantFrom<Stage>(0, 1, 2, 3);

/** params = gpus · m (up to about 1.1e12, with plenty of round billions), gpus 1..1024, k 0..24. */
export const modelStateCase: fc.Arbitrary<ModelStateCase> = fc
  .record({
    gpus: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 1024 })),
    perGpu: fc.oneof(
      fc.integer({ min: 1, max: 2 ** 30 }),
      fc.integer({ min: 1, max: 1000 }).map((m) => m * 1e6),
    ),
    stage: stages,
    k: fc.oneof(fc.constant(12), fc.integer({ min: 0, max: 24 })),
  })
  .map(({ gpus, perGpu, stage, k }) => ({ params: gpus * perGpu, stage, gpus, k }));

/** A gpus value that is not a positive integer. */
export const badGpus: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -64, max: 0 }),
  fc.double({ min: 0.01, max: 64, noInteger: true, noNaN: true }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY),
);

export interface ActivationCase {
  seqLen: number;
  batch: number;
  hidden: number;
  heads: number;
  recompute: 'none' | 'selective' | 'full';
}

/** seqLen 1..8192, batch 1..16, heads 1..128 of size 1..256 (hidden = heads · size). */
export const activationCase: fc.Arbitrary<ActivationCase> = fc
  .record({
    seqLen: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 8192 })),
    batch: fc.integer({ min: 1, max: 16 }),
    heads: fc.integer({ min: 1, max: 128 }),
    headDim: fc.oneof(fc.constantFrom(64, 128), fc.integer({ min: 1, max: 256 })),
    recompute: fc.constantFrom('none' as const, 'selective' as const, 'full' as const),
  })
  .map(({ seqLen, batch, heads, headDim, recompute }) => ({
    seqLen,
    batch,
    hidden: heads * headDim,
    heads,
    recompute,
  }));

/** Positive integer parameter counts up to 2^50 and a stage. */
export const commCase: fc.Arbitrary<{ params: number; stage: Stage }> = fc.record({
  params: fc.oneof(
    fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    fc.integer({ min: 1, max: 2 ** 20 }).map((m) => m * 2 ** 30),
  ),
  stage: stages,
});

/**
 * Stage 1 cases where k·params is a multiple of gpus but params is usually not: gpus = f·r with f
 * a divisor of k, params = m·r. The optimizer shard k·params/gpus = (k/f)·m is a whole number that
 * k·(params/gpus) misses by a rounding step a few times in a hundred.
 */
export const stage1Case: fc.Arbitrary<ModelStateCase> = fc
  .integer({ min: 2, max: 24 })
  .chain((k) =>
    fc.record({
      k: fc.constant(k),
      f: fc.constantFrom(...Array.from({ length: k - 1 }, (_, i) => i + 2).filter((f) => k % f === 0)),
      r: fc.integer({ min: 1, max: 128 }),
      m: fc.integer({ min: 1, max: 2 ** 40 }),
    }),
  )
  .map(({ k, f, r, m }) => ({ params: m * r, stage: 1 as const, gpus: f * r, k }));
