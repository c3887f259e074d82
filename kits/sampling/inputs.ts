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
