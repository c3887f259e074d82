import fc from 'fast-check';

/**
 * Inputs of the half-precision kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/half-precision/half-precision.props.ts. Values are float32 numbers (already Math.fround-ed)
 * chosen where rounding goes wrong: exact ties between two fp16 / bf16 neighbours and one float32
 * step either side of them, subnormals, the overflow threshold, ±0, ±Infinity, NaN, and arbitrary
 * 32-bit patterns.
 */

/** The float32 whose bits are `bits` (a uint32). */
export function float32FromBits(bits: number): number {
  return new Float32Array(new Uint32Array([bits >>> 0]).buffer)[0] as number;
}

/** The uint32 pattern of Math.fround(x). */
export function bitsOfFloat32(x: number): number {
  return new Uint32Array(new Float32Array([x]).buffer)[0] as number;
}

/** The float32 next to x (x finite, not the largest) in the direction of sign(dir), by bits. */
function nudge(x: number, dir: -1 | 0 | 1): number {
  if (dir === 0 || x === 0) return x;
  const bits = bitsOfFloat32(x);
  return float32FromBits(bits + (x > 0 ? dir : -dir));
}

/** Value of a non-negative finite fp16 pattern (IEEE binary16 formula). */
function fp16Magnitude(p: number): number {
  const e = p >> 10;
  const m = p & 0x3ff;
  return e === 0 ? m * 2 ** -24 : (1 + m / 1024) * 2 ** (e - 15);
}

const sign = fc.boolean();
const step = fc.constantFrom<-1 | 0 | 1>(-1, 0, 1);

/** Exactly halfway between the fp16 values of patterns p and p + 1 (p = 0x7BFF gives 65520). */
function fp16Midpoint(p: number): number {
  const hi = p === 0x7bff ? 65536 : fp16Magnitude(p + 1);
  return (fp16Magnitude(p) + hi) / 2;
}

/** An exact tie between two neighbouring fp16 values, either sign: it must round to the even pattern. */
export const fp16ExactTie: fc.Arbitrary<number> = fc
  .record({ p: fc.integer({ min: 0, max: 0x7bff }), negative: sign })
  .map(({ p, negative }) => (negative ? -fp16Midpoint(p) : fp16Midpoint(p)));

/** A tie between fp16 neighbours, or one float32 step either side of it. */
export const fp16Tie: fc.Arbitrary<number> = fc
  .record({ p: fc.integer({ min: 0, max: 0x7bff }), dir: step, negative: sign })
  .map(({ p, dir, negative }) => {
    const mid = nudge(fp16Midpoint(p), dir);
    return negative ? -mid : mid;
  });

/** A float32 with bits hhhh_8000 (a bf16 tie), or one step off (7FFF / 8001), or any low half. */
export const bf16Tie: fc.Arbitrary<number> = fc
  .record({
    high: fc.integer({ min: 0, max: 0xffff }),
    low: fc.oneof(fc.constantFrom(0x8000, 0x7fff, 0x8001, 0x0000, 0xffff), fc.integer({ min: 0, max: 0xffff })),
  })
  .map(({ high, low }) => float32FromBits(high * 0x10000 + low));

/** Any 32-bit pattern: NaNs with payloads, ±Infinity, subnormals and normals of every exponent. */
export const anyFloat32Bits: fc.Arbitrary<number> = fc
  .integer({ min: 0, max: 0xffffffff })
  .map((bits) => float32FromBits(bits));

/** Magnitudes around fp16's range: subnormals (< 2^-14), normals, and the 65504…65536 overflow zone. */
export const fp16Range: fc.Arbitrary<number> = fc.oneof(
  fc.float({ min: -70000, max: 70000, noNaN: true }),
  fc.float({ min: Math.fround(-(2 ** -13)), max: Math.fround(2 ** -13), noNaN: true }),
  fc.float({ min: 65000, max: 66000, noNaN: true }).chain((v) => fc.constantFrom(v, -v)),
  fc.constantFrom(0, -0, 65504, 65519, 65520, -65520, 2 ** -24, 2 ** -25, Math.fround(6.1e-5), 1 + 2 ** -11),
);

/** Special values: ±0, ±Infinity, NaN and the extremes of float32 and of both formats. */
export const specialFloat32: fc.Arbitrary<number> = fc.constantFrom(
  0,
  -0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  float32FromBits(0x7f7fffff), // float32 max
  float32FromBits(0x00000001), // least float32 subnormal
  3.3895313892515355e38, // bf16 max
  65504, // fp16 max
);

/** A float32 number from any of the above (fp16-focused and bf16-focused mixed). */
export const float32Value: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fp16Tie },
  { weight: 3, arbitrary: bf16Tie },
  { weight: 2, arbitrary: fp16Range },
  { weight: 2, arbitrary: anyFloat32Bits },
  { weight: 1, arbitrary: specialFloat32 },
);

/** Up to `maxLength` float32 values (plain numbers; make a Float32Array with Float32Array.from). */
export function float32Values(maxLength = 24): fc.Arbitrary<number[]> {
  return fc.array(float32Value, { maxLength });
}

// ---------------------------------------------------------------------------------------------
// Loss scaling.

export interface ScalerOptions {
  initScale: number;
  growthFactor: number;
  backoffFactor: number;
  growthInterval: number;
}

/**
 * Valid options. Powers of two for the factors most of the time (the scale stays exact, as in
 * practice), sometimes 1.5 / 3 / 0.75 / 0.9; small intervals so growth happens within a short run.
 */
export const scalerOptions: fc.Arbitrary<ScalerOptions> = fc.record({
  initScale: fc.oneof(
    fc.integer({ min: -8, max: 24 }).map((k) => 2 ** k),
    fc.constantFrom(3, 1000, 0.75),
  ),
  growthFactor: fc.constantFrom(2, 2, 4, 1.5, 3),
  backoffFactor: fc.constantFrom(0.5, 0.5, 0.25, 0.75, 0.9),
  growthInterval: fc.integer({ min: 1, max: 5 }),
});

/** A run of steps: true where the gradients overflowed (about one step in four). */
export const infFlags: fc.Arbitrary<boolean[]> = fc.array(
  fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  { maxLength: 40 },
);

/** Gradients as float32 numbers: mostly finite, sometimes ±Infinity or NaN. */
export const gradients: fc.Arbitrary<number[]> = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.float({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN) },
  ),
  { maxLength: 16 },
);

/** Options the spec rejects with a RangeError (each breaks exactly one rule). */
export const badScalerOptions: fc.Arbitrary<Partial<ScalerOptions>> = fc.oneof(
  fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY).map((initScale) => ({ initScale })),
  fc.constantFrom(1, 0.5, 0, -2, Number.NaN, Number.POSITIVE_INFINITY).map((growthFactor) => ({ growthFactor })),
  fc.constantFrom(1, 1.5, 0, -0.5, Number.NaN).map((backoffFactor) => ({ backoffFactor })),
  fc.constantFrom(0, -1, 0.5, 2.5, Number.NaN, Number.POSITIVE_INFINITY).map((growthInterval) => ({ growthInterval })),
);

/** Options of the wrong type, which the spec rejects with a TypeError: a string or null where a number goes. */
export const wrongTypeScalerOptions: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    name: fc.constantFrom('initScale', 'growthFactor', 'backoffFactor', 'growthInterval'),
    value: fc.constantFrom<unknown>('2', '0.5', '1000', null, true, [2]),
  })
  .map(({ name, value }) => ({ [name]: value }));

/** A run of the scaler: options, then at every step a gradient list to unscale and an overflow flag. */
export interface ScalerRun {
  readonly opts: Partial<ScalerOptions>;
  readonly steps: readonly { readonly grads: number[]; readonly inf: boolean }[];
}

/** Valid options and up to 40 steps; a fresh gradient list at some steps, one shared list elsewhere. */
export const scalerRun: fc.Arbitrary<ScalerRun> = fc
  .record({ opts: scalerOptions, flags: infFlags, grads: gradients })
  .chain(({ opts, flags, grads }) =>
    fc.record({
      opts: fc.constant<Partial<ScalerOptions>>(opts),
      steps: fc
        .tuple(...flags.map(() => fc.option(gradients, { nil: undefined })))
        .map((perStep) => perStep.map((g, i) => ({ grads: g ?? grads, inf: flags[i] as boolean }))),
    }),
  );

/** What the rounding functions and unscale reject with a TypeError: an array that is not a Float32Array. */
export const notAFloat32Array: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(fc.float({ noNaN: true }), { maxLength: 4 }),
  fc.array(fc.double({ noNaN: true }), { maxLength: 4 }).map((xs) => Float64Array.from(xs)),
  fc.constantFrom<unknown>(null, undefined, 0.5, '0.1'),
);

/** What fp16Bits and bf16Bits reject with a TypeError: a value that is not a number. */
export const notANumber: fc.Arbitrary<unknown> = fc.constantFrom<unknown>('0.1', '1', null, undefined, true, [0.5]);
