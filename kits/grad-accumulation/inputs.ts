import fc from 'fast-check';

/**
 * Inputs of the grad-accumulation kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/grad-accumulation/grad-accumulation.props.ts. Features and targets are small integers and θ
 * holds halves, so every per-token term is exact and only the final division rounds.
 */

export interface MicroBatchInput {
  x: number[][];
  y: number[];
  mask: number[];
}

export interface AccumulationCase {
  theta: number[];
  mbs: MicroBatchInput[];
}

const small = fc.integer({ min: -3, max: 3 });

/** One token of dimension d: its features, target and a 0/1 mask. */
const token = (d: number, mask: fc.Arbitrary<number>) =>
  fc.record({ x: fc.array(small, { minLength: d, maxLength: d }), y: small, m: mask });

const toMicroBatch = (tokens: readonly { x: number[]; y: number; m: number }[]): MicroBatchInput => ({
  x: tokens.map((t) => t.x),
  y: tokens.map((t) => t.y),
  mask: tokens.map((t) => t.m),
});

const thetaOf = (d: number) =>
  fc.array(
    fc.integer({ min: -4, max: 4 }).map((v) => v / 2),
    { minLength: d, maxLength: d },
  );

/**
 * θ of dimension 1 to 3 and 1 to 5 micro-batches of 0 to 5 tokens each; masks are 0 or 1, so a
 * micro-batch may be empty or fully masked, and so may all of them.
 */
export const accumulationCase: fc.Arbitrary<AccumulationCase> = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.record({
    theta: thetaOf(d),
    mbs: fc.array(fc.array(token(d, fc.constantFrom(1, 1, 0)), { maxLength: 5 }).map(toMicroBatch), {
      minLength: 1,
      maxLength: 5,
    }),
  }),
);

/**
 * Like `accumulationCase`, but every micro-batch has the same number c >= 1 of valid tokens (plus
 * up to two masked ones), the case where the mean of per-micro-batch means is the full-batch mean.
 */
export const equalCountCase: fc.Arbitrary<AccumulationCase> = fc
  .record({ d: fc.integer({ min: 1, max: 3 }), c: fc.integer({ min: 1, max: 4 }) })
  .chain(({ d, c }) =>
    fc.record({
      theta: thetaOf(d),
      mbs: fc.array(
        fc
          .tuple(
            fc.array(token(d, fc.constant(1)), { minLength: c, maxLength: c }),
            fc.array(token(d, fc.constant(0)), { maxLength: 2 }),
          )
          .map(([valid, masked]) => toMicroBatch([...masked, ...valid])),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  );

/** A number of layers for checkpointing, 1 to 2000. */
export const layerCount: fc.Arbitrary<number> = fc.integer({ min: 1, max: 2000 });

/** Like `accumulationCase`, but every micro-batch holds at least one valid token (its own mean exists). */
export const everyBatchValidCase: fc.Arbitrary<AccumulationCase> = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.record({
    theta: thetaOf(d),
    mbs: fc.array(
      fc
        .tuple(token(d, fc.constant(1)), fc.array(token(d, fc.constantFrom(1, 0)), { maxLength: 4 }))
        .map(([valid, rest]) => toMicroBatch([...rest, valid])),
      { minLength: 1, maxLength: 5 },
    ),
  }),
);
