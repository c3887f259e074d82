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

/** Options as a caller may pass them, bad ones included (a style that is not a RopeStyle). */
export interface RopeCallOptions {
  readonly positions?: readonly number[];
  readonly base?: number;
  readonly style?: string;
}

/** What makes a call invalid (each must throw RangeError), or 'none'. */
export type RopeBad =
  | 'none'
  | 'rank1'
  | 'oddD'
  | 'positionsLength'
  | 'negativePosition'
  | 'fractionalPosition'
  | 'nanPosition'
  | 'baseZero'
  | 'baseNaN'
  | 'baseInfinity'
  | 'style';

export interface RopeCall {
  readonly shape: number[];
  /** Seed of x's values: `seededData(shape, seed)`. */
  readonly seed: number;
  /** undefined: call applyRope(x) with no options argument at all. */
  readonly options: RopeCallOptions | undefined;
  readonly bad: RopeBad;
}

/**
 * A whole call for `kata compare` and the suite: a `ropeCase` (x of shape [...lead, T, D] with up
 * to two leading axes, positions below 200, five bases, both styles, each option given or left to
 * its default), sometimes without any options argument, and one time in thirteen one bad input.
 */
export const ropeCall: fc.Arbitrary<RopeCall> = fc
  .record({
    c: ropeCase,
    omitOptions: fc.boolean(),
    bad: fc.oneof(
      { weight: 12, arbitrary: fc.constant('none' as const) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<RopeBad>(
          'rank1',
          'oddD',
          'positionsLength',
          'negativePosition',
          'fractionalPosition',
          'nanPosition',
          'baseZero',
          'baseNaN',
          'baseInfinity',
          'style',
        ),
      },
    ),
  })
  .map(({ c, omitOptions, bad }): RopeCall => {
    const d = c.shape.at(-1) as number;
    const t = c.shape.at(-2) as number;
    const shape = bad === 'rank1' ? [d] : bad === 'oddD' ? [...c.shape.slice(0, -1), d + 1] : c.shape;
    const options: { positions?: readonly number[]; base?: number; style?: string } = { ...ropeOptionsOf(c) };
    const positions = c.positions ?? Array.from({ length: t }, (_, p) => p);
    if (bad === 'positionsLength') options.positions = [...positions, t];
    const badPosition = { negativePosition: -1, fractionalPosition: 0.5, nanPosition: Number.NaN }[bad as string];
    if (badPosition !== undefined) options.positions = positions.map((p, i) => (i === t - 1 ? badPosition : p));
    const badBase = { baseZero: 0, baseNaN: Number.NaN, baseInfinity: Number.POSITIVE_INFINITY }[bad as string];
    if (badBase !== undefined) options.base = badBase;
    if (bad === 'style') options.style = 'complex';
    const empty = Object.keys(options).length === 0;
    return { shape, seed: c.seed, options: empty && omitOptions ? undefined : options, bad };
  });
