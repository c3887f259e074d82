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
      // m·r stays within the prompt's "params up to about 1e12" (2^33 · 128 ≈ 1.1e12).
      m: fc.integer({ min: 1, max: 2 ** 33 }),
    }),
  )
  .map(({ k, f, r, m }) => ({ params: m * r, stage: 1 as const, gpus: f * r, k }));

/** An argument list that breaks exactly one rule of the contract, and the error it must raise. */
export interface BadCall<Args extends unknown[]> {
  readonly args: Args;
  readonly error: 'TypeError' | 'RangeError';
  /** What was broken, for the assertion message. */
  readonly broken: string;
}

/** Not a number at all: TypeError wherever a number is expected. */
export const notANumber: fc.Arbitrary<unknown> = fc.constantFrom('8', '1e9', null, true, [8], { value: 8 });

/** A number that is not a positive integer (a count): RangeError. */
export const notACount: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.integer({ min: -1024, max: -1 }),
  fc.double({ min: 1.001, max: 1e6, noInteger: true, noNaN: true }),
);

/** Not one of the stages 0, 1, 2, 3 (whatever its type): RangeError. */
export const notAStage: fc.Arbitrary<unknown> = fc.constantFrom(4, -1, 1.5, 5, '1', 'zero3', null, true, Number.NaN);

/** Not one of 'none', 'selective', 'full' (a typo, another casing, another type): RangeError. */
export const notARecompute: fc.Arbitrary<unknown> = fc.constantFrom(
  'fulll',
  'Full',
  'FULL',
  'selective ',
  'partial',
  '',
  null,
  true,
  0,
);

/** A plain object is expected: these are not one (TypeError). */
export const notAnObject: fc.Arbitrary<unknown> = fc.constantFrom(null, 5, 'stage 3', [], [3, 8]);

/** A bad k: a number that is negative or not finite (RangeError), or not a number (TypeError). */
const badK = fc.oneof(
  fc
    .constantFrom(-1, -0.5, -12, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)
    .map((k) => ({ k: k as unknown, error: 'RangeError' as const })),
  notANumber.map((k) => ({ k, error: 'TypeError' as const })),
);

/** modelStateBytes(params, opts) with one argument or option broken. */
export const badModelStateCall: fc.Arbitrary<BadCall<[unknown, unknown]>> = fc
  .tuple(modelStateCase, fc.nat({ max: 7 }), notANumber, notACount, notAStage, notAnObject, badK, badGpus)
  .map(([c, which, nan, count, stage, object, k, gpus]) => {
    const opts = { stage: c.stage, gpus: c.gpus, k: c.k };
    switch (which) {
      case 0:
        return { args: [nan, opts], error: 'TypeError', broken: `params = ${String(nan)}` };
      case 1:
        return { args: [count, opts], error: 'RangeError', broken: `params = ${count}` };
      case 2:
        return { args: [c.params, object], error: 'TypeError', broken: `opts = ${JSON.stringify(object)}` };
      case 3: {
        const typo = (['gpu', 'stages', 'K', 'Gpus', 'zero'] as const)[c.gpus % 5] as string;
        return { args: [c.params, { ...opts, [typo]: 8 }], error: 'TypeError', broken: `an unknown option '${typo}'` };
      }
      case 4:
        return { args: [c.params, { ...opts, stage }], error: 'RangeError', broken: `stage = ${String(stage)}` };
      case 5:
        return { args: [c.params, { ...opts, gpus }], error: 'RangeError', broken: `gpus = ${gpus}` };
      case 6:
        return { args: [c.params, { ...opts, gpus: nan }], error: 'TypeError', broken: `gpus = ${String(nan)}` };
      default:
        return { args: [c.params, { ...opts, k: k.k }], error: k.error, broken: `k = ${String(k.k)}` };
    }
  });

const ACTIVATION_FIELDS = ['seqLen', 'batch', 'hidden', 'heads'] as const;

/** activationBytesPerLayer(c) with the config broken in one place. */
export const badActivationCall: fc.Arbitrary<BadCall<[unknown]>> = fc
  .tuple(
    activationCase,
    fc.nat({ max: 5 }),
    fc.constantFrom(...ACTIVATION_FIELDS),
    notANumber,
    notACount,
    notARecompute,
    notAnObject,
  )
  .map(([c, which, field, nan, count, recompute, object]) => {
    switch (which) {
      case 0: {
        const { [field]: _dropped, ...rest } = c;
        return { args: [rest], error: 'TypeError', broken: `${field} is missing` };
      }
      case 1:
        return { args: [{ ...c, [field]: nan }], error: 'TypeError', broken: `${field} = ${String(nan)}` };
      case 2:
        return { args: [{ ...c, [field]: count }], error: 'RangeError', broken: `${field} = ${count}` };
      case 3:
        return { args: [{ ...c, recompute }], error: 'RangeError', broken: `recompute = ${String(recompute)}` };
      case 4: {
        const typo = (['recomputed', 'seq_len', 'layers', 'Recompute'] as const)[c.batch % 4] as string;
        return { args: [{ ...c, [typo]: 1 }], error: 'TypeError', broken: `an unknown key '${typo}'` };
      }
      default:
        return { args: [object], error: 'TypeError', broken: `c = ${JSON.stringify(object)}` };
    }
  });

/** commElementsPerStep(params, stage) with one argument broken (a missing stage is not a stage). */
export const badCommCall: fc.Arbitrary<BadCall<[unknown, unknown]>> = fc
  .tuple(commCase, fc.nat({ max: 2 }), notANumber, notACount, fc.oneof(notAStage, fc.constant(undefined)))
  .map(([c, which, nan, count, stage]) => {
    if (which === 0) return { args: [nan, c.stage], error: 'TypeError', broken: `params = ${String(nan)}` };
    if (which === 1) return { args: [count, c.stage], error: 'RangeError', broken: `params = ${count}` };
    return { args: [c.params, stage], error: 'RangeError', broken: `stage = ${String(stage)}` };
  });
