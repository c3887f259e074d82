import fc from 'fast-check';
import { type ShapedData, seededData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the lora-linear kata, shared by the hidden suite, the compare spec and the learner's
 * katas/lora-linear/lora-linear.props.ts. Plain data only: sizes, alpha, flags and a seed;
 * `loraDataOf(c)` turns them into x, W, bias, A and B values, and a property builds the tensors.
 */
export interface LoraCase {
  /** Leading axes of x: x is [...lead, dIn]. */
  readonly lead: number[];
  readonly dIn: number;
  readonly dOut: number;
  readonly r: number;
  readonly alpha: number;
  readonly rslora: boolean;
  readonly withBias: boolean;
  readonly seed: number;
}

/** x rank 2..3 (leading axes 1..3), dIn and dOut 1..8, r 1..4, alpha in {1, 2, 8, 16, 32}. */
export const loraCase: fc.Arbitrary<LoraCase> = fc.record({
  lead: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
  dIn: fc.integer({ min: 1, max: 8 }),
  dOut: fc.integer({ min: 1, max: 8 }),
  r: fc.integer({ min: 1, max: 4 }),
  alpha: fc.constantFrom(1, 2, 8, 16, 32),
  rslora: fc.boolean(),
  withBias: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

export interface LoraValues {
  readonly x: ShapedData;
  readonly w: ShapedData;
  readonly bias: ShapedData | undefined;
  readonly a: ShapedData;
  readonly b: ShapedData;
}

/** Seeded values in [-1, 1) for x [...lead, dIn], W [dIn, dOut], bias [dOut], A [dIn, r], B [r, dOut] (B non-zero). */
export function loraDataOf(c: LoraCase): LoraValues {
  return {
    x: seededData([...c.lead, c.dIn], c.seed),
    w: seededData([c.dIn, c.dOut], c.seed + 1),
    bias: c.withBias ? seededData([c.dOut], c.seed + 2) : undefined,
    a: seededData([c.dIn, c.r], c.seed + 3),
    b: seededData([c.r, c.dOut], c.seed + 4),
  };
}
