import fc from 'fast-check';
import { type ShapedData, seededData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the online-softmax kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/online-softmax/online-softmax.props.ts. Plain data only (numbers, sizes and a seed); a
 * property builds its tensors from `attentionInputs(c)`.
 */

export interface StatsCase {
  /** At least one finite value; −Infinity (a masked logit) now and then. */
  readonly x: number[];
  readonly blockSize: number;
}

/**
 * 1 to 24 quarter-integers in [−20, 20] shifted by 0, +1000 or −1000 (so e^x alone would
 * overflow or underflow), with an occasional −Infinity; blockSize 1 to 10 (often ≥ the length).
 */
export const statsCase: fc.Arbitrary<StatsCase> = fc
  .record({
    values: fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: -80, max: 80 }).map((n) => n / 4) },
        { weight: 1, arbitrary: fc.constant(Number.NEGATIVE_INFINITY) },
      ),
      { minLength: 1, maxLength: 24 },
    ),
    finite: fc.integer({ min: -80, max: 80 }).map((n) => n / 4),
    at: fc.nat(),
    shift: fc.constantFrom(0, 1000, -1000),
    blockSize: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ values, finite, at, shift, blockSize }) => {
    const x = values.map((value) => value + shift);
    x[at % x.length] = finite + shift; // at least one finite element
    return { x, blockSize };
  });

export interface AttentionCase {
  readonly tq: number;
  readonly tk: number;
  readonly d: number;
  readonly dv: number;
  readonly blockQ: number;
  readonly blockK: number;
  readonly causal: boolean;
  /** Values of q and k lie in [−scale, scale); v in [−1, 1). */
  readonly scale: number;
  readonly seed: number;
}

/**
 * Tq 1..10, Tk 1..12 (Tk ≥ Tq when causal), d and dv 1..6, blocks 1..13 (so 1, uneven and ≥ T
 * all occur), q and k scaled by 1, 3 or 8 (scores up to about ±25 when d is small).
 */
export const attentionCase: fc.Arbitrary<AttentionCase> = fc
  .record({
    tq: fc.integer({ min: 1, max: 10 }),
    tk: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 6 }),
    dv: fc.integer({ min: 1, max: 6 }),
    blockQ: fc.integer({ min: 1, max: 13 }),
    blockK: fc.integer({ min: 1, max: 13 }),
    causal: fc.boolean(),
    scale: fc.constantFrom(1, 3, 8),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((c) => (c.causal && c.tq > c.tk ? { ...c, tq: c.tk, tk: c.tq } : c));

/** q [Tq, d], k [Tk, d], v [Tk, dv] from the case's seed. */
export function attentionInputs(c: AttentionCase): { q: ShapedData; k: ShapedData; v: ShapedData } {
  return {
    q: seededData([c.tq, c.d], c.seed, c.scale),
    k: seededData([c.tk, c.d], c.seed + 1, c.scale),
    v: seededData([c.tk, c.dv], c.seed + 2),
  };
}

/** The options object of a case. */
export function attentionOptionsOf(c: AttentionCase): { blockQ: number; blockK: number; causal: boolean } {
  return { blockQ: c.blockQ, blockK: c.blockK, causal: c.causal };
}
