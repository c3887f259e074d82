import fc from 'fast-check';

/**
 * Inputs of the rope kata, shared by the hidden suite and the learner's katas/rope/rope.props.ts.
 * Plain data only (shapes, seeds, options): a property builds x from `seededData(c.shape, c.seed)`
 * (src/harness/tensor-data.ts), so a counterexample prints as a few numbers and shrinks well.
 */
export type RopeStyle = 'half' | 'interleaved';

export interface RopeOptions {
  readonly positions?: readonly number[];
  readonly base?: number;
  readonly style?: RopeStyle;
}

export const ropeStyle: fc.Arbitrary<RopeStyle> = fc.constantFrom<RopeStyle>('half', 'interleaved');

/** A random [..., T, D] shape: rank 2 to 4, leading dimensions 1..3, T in 1..6, an even D in 2..16. */
export const ropeShape: fc.Arbitrary<number[]> = fc
  .record({
    lead: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    t: fc.integer({ min: 1, max: 6 }),
    halfD: fc.integer({ min: 1, max: 8 }),
  })
  .map(({ lead, t, halfD }) => [...lead, t, 2 * halfD]);

export interface RopeCase {
  readonly shape: number[];
  /** Seed of x's values: `seededData(shape, seed)`. */
  readonly seed: number;
  /** undefined: the default positions 0 … T−1. Otherwise T positions in 0..200. */
  readonly positions: number[] | undefined;
  /** undefined: the default base 10000. */
  readonly base: number | undefined;
  /** undefined: the default style 'half'. */
  readonly style: RopeStyle | undefined;
}

/** A shape, a seed for x, and options that are each either given or left to their default. */
export const ropeCase: fc.Arbitrary<RopeCase> = ropeShape.chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    positions: fc.option(
      fc.array(fc.integer({ min: 0, max: 200 }), {
        minLength: shape.at(-2) as number,
        maxLength: shape.at(-2) as number,
      }),
      { nil: undefined },
    ),
    base: fc.option(fc.constantFrom(10, 100, 500, 10000, 500000), { nil: undefined }),
    style: fc.option(ropeStyle, { nil: undefined }),
  }),
);

/** Only the options a case sets, so that omitted options exercise the defaults. */
export function ropeOptionsOf(c: Pick<RopeCase, 'positions' | 'base' | 'style'>): RopeOptions {
  return {
    ...(c.positions !== undefined && { positions: c.positions }),
    ...(c.base !== undefined && { base: c.base }),
    ...(c.style !== undefined && { style: c.style }),
  };
}
