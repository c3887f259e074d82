import fc from 'fast-check';

/**
 * Inputs of the quantization kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/quantization/quantization.props.ts. Tensors are plain number arrays of float32 values (make
 * a Float32Array with Float32Array.from). They lean on where quantizers go wrong: exact halves
 * (round half to even), all-zero rows and blocks, partial last blocks, fp8 ties, subnormals and
 * values past ±448.
 */

const f32 = (min: number, max: number) =>
  fc.float({ min: Math.fround(min), max: Math.fround(max), noNaN: true, noDefaultInfinity: true });

/** A float32 value of any common magnitude, zeros included. */
export const float32Value: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: f32(-10, 10) },
  { weight: 2, arbitrary: f32(-1e5, 1e5) },
  { weight: 1, arbitrary: f32(-1e-3, 1e-3) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, 127, -127, 0.5, -0.5) },
);

/** Multiples of 1/2 in [-127, 127] with 127 or -127 present: x / scale is an exact tie whenever k is odd. */
export const halfGrid: fc.Arbitrary<number[]> = fc
  .record({
    ks: fc.array(fc.integer({ min: -254, max: 254 }), { minLength: 1, maxLength: 16 }),
    top: fc.constantFrom(127, -127),
    at: fc.nat(),
  })
  .map(({ ks, top, at }) => {
    const xs = ks.map((k) => k / 2);
    xs.splice(at % (xs.length + 1), 0, top);
    return xs;
  });

/** A tensor as a flat list of float32 values: random, tie-heavy, or all zeros. */
export const tensorValues: fc.Arbitrary<number[]> = fc.oneof(
  { weight: 4, arbitrary: fc.array(float32Value, { maxLength: 24 }) },
  { weight: 2, arbitrary: halfGrid },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(0, -0), { minLength: 1, maxLength: 5 }) },
);

/** A rows × cols matrix (row-major), some rows all zero, some on the half grid. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly xs: number[];
}
export const matrix: fc.Arbitrary<Matrix> = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 9 }) })
  .chain(({ rows, cols }) =>
    fc
      .array(
        fc.oneof(
          { weight: 3, arbitrary: fc.array(float32Value, { minLength: cols, maxLength: cols }) },
          { weight: 1, arbitrary: fc.constant(Array.from({ length: cols }, () => 0)) },
          {
            weight: 2,
            arbitrary: fc
              .array(fc.integer({ min: -254, max: 254 }), { minLength: cols, maxLength: cols })
              .map((ks) => ks.map((k, c) => (c === 0 ? 127 : k / 2))),
          },
        ),
        { minLength: rows, maxLength: rows },
      )
      .map((rs) => ({ rows, cols, xs: rs.flat() })),
  );

/** NF4 input: up to 150 values and a block size (64 by default), so the last block is often partial. */
export interface NF4Case {
  readonly xs: number[];
  readonly blockSize: number;
}
export const nf4Case: fc.Arbitrary<NF4Case> = fc.record({
  xs: fc.oneof(
    { weight: 3, arbitrary: fc.array(float32Value, { maxLength: 150 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.array(float32Value, { maxLength: 70 }), fc.integer({ min: 1, max: 70 }))
        .map(([xs, zeros]) => [...Array.from({ length: zeros }, () => 0), ...xs]),
    },
  ),
  blockSize: fc.constantFrom(64, 64, 1, 2, 3, 7, 16, 100),
});

/** The value of the non-negative e4m3fn byte b (0..126), from the layout. */
function fp8Magnitude(b: number): number {
  const e = b >> 3;
  const m = b & 7;
  return e === 0 ? m * 2 ** -9 : (1 + m / 8) * 2 ** (e - 7);
}

/** A number to cast to e4m3fn: exact fp8 values, exact ties between neighbours, anything in ±600, tiny ones. */
export const fp8Input: fc.Arbitrary<number> = fc
  .record({
    kind: fc.constantFrom('exact', 'tie', 'tie', 'any', 'tiny', 'huge'),
    b: fc.integer({ min: 0, max: 125 }),
    any: fc.double({ min: -600, max: 600, noNaN: true }),
    tiny: fc.double({ min: -(2 ** -5), max: 2 ** -5, noNaN: true }),
    huge: fc.double({ min: 440, max: 1e6, noNaN: true }),
    negative: fc.boolean(),
  })
  .map(({ kind, b, any, tiny, huge, negative }) => {
    const sign = negative ? -1 : 1;
    if (kind === 'exact') return sign * fp8Magnitude(b);
    if (kind === 'tie') return (sign * (fp8Magnitude(b) + fp8Magnitude(b + 1))) / 2;
    if (kind === 'any') return any;
    if (kind === 'tiny') return tiny;
    return sign * huge;
  });

/** A DeepSeek-style block-scaled matrix: small blocks so edges are partial, some blocks all zero. */
export interface Fp8Case {
  readonly rows: number;
  readonly cols: number;
  readonly blockRows: number;
  readonly blockCols: number;
  readonly xs: number[];
}
export const fp8Case: fc.Arbitrary<Fp8Case> = fc
  .record({
    rows: fc.integer({ min: 1, max: 7 }),
    cols: fc.integer({ min: 1, max: 9 }),
    blockRows: fc.integer({ min: 1, max: 4 }),
    blockCols: fc.integer({ min: 1, max: 4 }),
    zeroRate: fc.constantFrom(0, 0, 0.5),
  })
  .chain(({ rows, cols, blockRows, blockCols, zeroRate }) =>
    fc
      .array(
        fc.oneof({ weight: zeroRate > 0 ? 1 : 0, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: float32Value }),
        { minLength: rows * cols, maxLength: rows * cols },
      )
      .map((xs) => ({ rows, cols, blockRows, blockCols, xs })),
  );

/** What the quantizers reject with a TypeError: anything that is not a Float32Array. */
export const notAFloat32Array: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(f32(-5, 5), { maxLength: 4 }),
  fc.array(fc.double({ noNaN: true }), { maxLength: 4 }).map((xs) => Float64Array.from(xs)),
  fc.constantFrom<unknown>(null, undefined, 0.5, '0.1', new Int8Array(2)),
);

/** A finite tensor with one NaN or ±Infinity put in: a RangeError. */
export const withNonFinite: fc.Arbitrary<number[]> = fc
  .record({
    xs: fc.array(float32Value, { maxLength: 8 }),
    bad: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    at: fc.nat(),
  })
  .map(({ xs, bad, at }) => {
    const out = [...xs];
    out.splice(at % (out.length + 1), 0, bad);
    return out;
  });

/** Sizes that are not positive integers: a RangeError for cols, blockSize, rows, blockRows, blockCols. */
export const badSize: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  0,
  -1,
  2.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '4',
);
