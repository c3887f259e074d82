import { describe, expect } from 'vitest';
import { bf16Bits, DynamicLossScaler, fp16Bits, toBf16, toFp16 } from '@impl/half-precision';
import {
  anyFloat32Bits,
  badScalerOptions,
  bf16Tie,
  bitsOfFloat32,
  float32Value,
  float32Values,
  fp16Tie,
  gradients,
  infFlags,
  notAFloat32Array,
  notANumber,
  scalerOptions,
  wrongTypeScalerOptions,
} from './inputs.ts';
import {
  bf16Of,
  decode,
  FP16,
  float32ArrayFromBits,
  float32FromBits,
  fp16Of,
  GRAD_SCALER_DEFAULTS,
  nanWithAllPayloadBits,
  type Rounded,
  type ScalerOptions,
  scalerTrace,
  unscaleOracle,
} from './oracle.ts';
import { fc, test } from '../../src/harness/prop.ts';
import { seededUniform } from '../../src/harness/random.ts';

type Kind = 'fp16' | 'bf16';
const oracle = (kind: Kind, x: number): Rounded => (kind === 'fp16' ? fp16Of(x) : bf16Of(x));
const toHalf = (kind: Kind, xs: Float32Array): Float32Array => (kind === 'fp16' ? toFp16(xs) : toBf16(xs));
const bitsOf = (kind: Kind, x: number): number => (kind === 'fp16' ? fp16Bits(x) : bf16Bits(x));

const hex = (b: number, digits = 4) => `0x${(b >>> 0).toString(16).toUpperCase().padStart(digits, '0')}`;
const show = (x: number) => (Object.is(x, -0) ? '-0' : String(x));
const f32 = (x: number) => `${show(x)} (float32 ${hex(bitsOfFloat32(x), 8)})`;

/** Any value as text, bigints and typed arrays included (JSON.stringify rejects a bigint). */
function showValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name} [${Array.from(value as Float64Array).join(', ')}]`;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${showValue(v)}`)
      .join(', ')} }`;
  }
  return typeof value === 'string'
    ? `'${value}'`
    : Array.isArray(value)
      ? `[${value.map(showValue).join(', ')}]`
      : String(value);
}

/** Same float, -0 and NaN included. */
const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** A quiet NaN pattern of the format: exponent all ones and the top mantissa bit set (any sign, any payload). */
function isQuietNaN(kind: Kind, bits: number): boolean {
  const quiet = kind === 'fp16' ? 0x7e00 : 0x7fc0;
  return Number.isInteger(bits) && bits >= 0 && bits <= 0xffff && (bits & quiet) === quiet;
}

/** fp16Bits / bf16Bits of x equal the oracle's pattern (a quiet NaN pattern for NaN). */
function expectBits(kind: Kind, x: number, what = ''): void {
  const want = oracle(kind, x);
  const got = bitsOf(kind, x);
  const call = `${kind}Bits(${f32(x)})${what}`;
  if (Number.isNaN(want.value)) {
    expect(
      isQuietNaN(kind, got),
      `${call} gave ${typeof got === 'number' ? hex(got) : got}; want a quiet NaN pattern`,
    ).toBe(true);
  } else {
    expect(hex(got), `${call}, which is ${show(want.value)}`).toBe(hex(want.bits));
  }
}

/**
 * toFp16 / toBf16 of `inputs` equal the oracle element by element. Large arrays report only the
 * first mismatch (a whole-array diff of 10^5 numbers is unreadable).
 */
function expectRounded(kind: Kind, inputs: Float32Array, what: string): void {
  const copy = new Float32Array(inputs);
  const got = toHalf(kind, copy);
  expect(got, `to${kind === 'fp16' ? 'Fp16' : 'Bf16'} returns a Float32Array`).toBeInstanceOf(Float32Array);
  expect(got.length, `${what}: length`).toBe(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const x = inputs[i] as number;
    const want = oracle(kind, x).value;
    const value = got[i] as number;
    if (!same(value, want)) {
      expect(show(value), `${what}: ${kind} of ${f32(x)} (index ${i})`).toBe(show(want));
    }
  }
}

/** Both APIs on one value: the array function and the bits function. */
function expectBoth(kind: Kind, x: number, value: number, bits: number): void {
  // The oracle itself reproduces the spec vector first (so a wrong vector cannot hide a wrong oracle).
  expect(hex(oracle(kind, x).bits), `oracle ${kind} of ${f32(x)}`).toBe(hex(bits));
  expect(show(oracle(kind, x).value), `oracle ${kind} value of ${f32(x)}`).toBe(show(value));
  const out = toHalf(kind, Float32Array.of(x));
  expect(show(out[0] as number), `to${kind === 'fp16' ? 'Fp16' : 'Bf16'}([${f32(x)}])`).toBe(show(value));
  expect(hex(bitsOf(kind, x)), `${kind}Bits(${f32(x)})`).toBe(hex(bits));
}

describe('half-precision: fp16 (IEEE binary16) spec vectors', () => {
  test('0.1 → 0x2E66 = 0.0999755859375, 1/3 → 0x3555 = 0.333251953125, π → 0x4248 = 3.140625', () => {
    expectBoth('fp16', 0.1, 0.0999755859375, 0x2e66);
    expectBoth('fp16', 1 / 3, 0.333251953125, 0x3555);
    expectBoth('fp16', Math.PI, 3.140625, 0x4248);
  });

  test('overflow is IEEE, not saturation: 65519 and 65519.99 → 65504 (0x7BFF), 65520 → +Infinity (0x7C00), −65520 → −Infinity', () => {
    expectBoth('fp16', 65504, 65504, 0x7bff);
    expectBoth('fp16', 65519, 65504, 0x7bff);
    expectBoth('fp16', 65519.99, 65504, 0x7bff); // float32 65519.98828125
    expectBoth('fp16', 65520, Number.POSITIVE_INFINITY, 0x7c00);
    expectBoth('fp16', -65520, Number.NEGATIVE_INFINITY, 0xfc00);
    expectBoth('fp16', 1e6, Number.POSITIVE_INFINITY, 0x7c00);
    expectBoth('fp16', -3e38, Number.NEGATIVE_INFINITY, 0xfc00);
  });

  test('values just above 65504 still round down: 65505 and 65510 → 65504 (only >= 65520 overflows)', () => {
    expectBoth('fp16', 65505, 65504, 0x7bff);
    expectBoth('fp16', 65510, 65504, 0x7bff);
    expectBoth('fp16', -65515, -65504, 0xfbff);
  });

  test('subnormals are kept: 2^-24 → 0x0001, 3e-8 → 0x0001, 1e-5 → 0x00A8 = 1.0013580322265625e-5, 6.1e-5 → 0x03FF', () => {
    expectBoth('fp16', 2 ** -24, 2 ** -24, 0x0001);
    expectBoth('fp16', 3e-8, 2 ** -24, 0x0001);
    expectBoth('fp16', 1e-5, 1.0013580322265625e-5, 0x00a8);
    expectBoth('fp16', 6.1e-5, 1023 * 2 ** -24, 0x03ff);
    expectBoth('fp16', -1e-5, -1.0013580322265625e-5, 0x80a8);
  });

  test('ties go to the even mantissa: 2^-25 → 0, 1 + 2^-11 → 1, 1 + 3·2^-11 → 1.001953125, 3·2^-25 → 2^-23', () => {
    expectBoth('fp16', 2 ** -25, 0, 0x0000);
    expectBoth('fp16', 1 + 2 ** -11, 1, 0x3c00);
    expectBoth('fp16', 1 + 3 * 2 ** -11, 1.001953125, 0x3c02);
    expectBoth('fp16', 3 * 2 ** -25, 2 ** -23, 0x0002);
    expectBoth('fp16', -(1 + 2 ** -11), -1, 0xbc00);
  });

  test('a carry out of the mantissa bumps the exponent: 2 − 2^-12 → 2 (0x4000), 2^-14 − 2^-26 → 2^-14 (0x0400)', () => {
    expectBoth('fp16', 2 - 2 ** -12, 2, 0x4000);
    expectBoth('fp16', 2 ** -14 - 2 ** -26, 2 ** -14, 0x0400);
  });

  test('±0 keep their sign (0 → 0x0000, −0 → 0x8000) and float32 subnormals round to ±0', () => {
    expectBoth('fp16', 0, 0, 0x0000);
    expectBoth('fp16', -0, -0, 0x8000);
    expectBoth('fp16', 1e-40, 0, 0x0000);
    expectBoth('fp16', -1e-40, -0, 0x8000);
  });

  test('±Infinity stay ±Infinity (0x7C00, 0xFC00)', () => {
    expectBoth('fp16', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0x7c00);
    expectBoth('fp16', Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, 0xfc00);
  });

  test('NaN stays NaN for every float32 NaN pattern (0x7F800001 must not become Infinity); fp16Bits gives a quiet NaN', () => {
    const patterns = [0x7fc00000, 0x7f800001, 0x7f802000, 0x7fbfffff, 0x7fffffff, 0xff800001, 0xffffffff];
    const out = toFp16(float32ArrayFromBits(patterns));
    patterns.forEach((p, i) => {
      expect(out[i], `toFp16 of the NaN with bits ${hex(p, 8)}`).toBeNaN();
    });
    expectBits('fp16', Number.NaN);
    expectBits('fp16', nanWithAllPayloadBits(false), ' (a NaN with every payload bit set)');
    expectBits('fp16', nanWithAllPayloadBits(true), ' (a negative NaN with every payload bit set)');
  });

  test('fp16Bits rounds to float32 first: 1 + 2^-11 + 2^-40 → float32 1 + 2^-11, a tie → 0x3C00 (not 0x3C01)', () => {
    expect(Math.fround(1 + 2 ** -11 + 2 ** -40), 'the float32 of the input').toBe(1 + 2 ** -11);
    expectBoth('fp16', 1 + 2 ** -11 + 2 ** -40, 1, 0x3c00);
  });

  test('why loss scaling: 1e-8 underflows to 0 in fp16, 1e-8 · 65536 survives as 0x115E ≈ 6.5517e-4', () => {
    expectBoth('fp16', 1e-8, 0, 0x0000);
    const scaled = Math.fround(Math.fround(1e-8) * 65536);
    expect(fp16Of(scaled).value.toPrecision(5), 'oracle').toBe('0.00065517');
    expectBoth('fp16', scaled, fp16Of(scaled).value, 0x115e);
  });

  test('toFp16 keeps the length: [] → [], and rounds every element of [0.1, 65520, -0, 2^-25, 1e-5]', () => {
    expect(toFp16(new Float32Array(0)).length, 'toFp16(new Float32Array(0)).length').toBe(0);
    expectRounded('fp16', Float32Array.of(0.1, 65520, -0, 2 ** -25, 1e-5), 'toFp16([0.1, 65520, -0, 2^-25, 1e-5])');
  });
});

describe('half-precision: bf16 (bfloat16) spec vectors', () => {
  test('0.1 → 0x3DCD = 0.10009765625 (truncation gives 0.099609375), 1/3 → 0x3EAB = 0.333984375', () => {
    expectBoth('bf16', 0.1, 0.10009765625, 0x3dcd);
    expectBoth('bf16', 1 / 3, 0.333984375, 0x3eab);
    expectBoth('bf16', -0.1, -0.10009765625, 0xbdcd);
  });

  test('ties to even: 1 + 2^-8 → 1 (round-half-up gives 1.0078125), 1 + 3·2^-8 → 1.015625 (truncation gives 1.0078125)', () => {
    expectBoth('bf16', 1 + 2 ** -8, 1, 0x3f80);
    expectBoth('bf16', 1 + 3 * 2 ** -8, 1.015625, 0x3f82);
    expectBoth('bf16', -(1 + 2 ** -8), -1, 0xbf80);
  });

  test('overflow: 65520 → 65536, bf16 max 3.3895313892515355e38 stays, float32 max → +Infinity (0x7F80)', () => {
    expectBoth('bf16', 65520, 65536, 0x4780);
    expectBoth('bf16', 3.3895313892515355e38, 3.3895313892515355e38, 0x7f7f);
    expectBoth('bf16', float32FromBits(0x7f7fffff), Number.POSITIVE_INFINITY, 0x7f80);
    expectBoth('bf16', float32FromBits(0xff7fffff), Number.NEGATIVE_INFINITY, 0xff80);
    expectBoth('bf16', Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0x7f80);
  });

  test('subnormals are kept: 1e-40 → 0x0001; ±0 keep their sign', () => {
    expectBoth('bf16', 1e-40, 2 ** -133, 0x0001);
    expectBoth('bf16', -1e-40, -(2 ** -133), 0x8001);
    expectBoth('bf16', 0, 0, 0x0000);
    expectBoth('bf16', -0, -0, 0x8000);
  });

  test('NaN stays NaN for every payload: the naive (bits + 0x7FFF + lsb) >> 16 turns 0x7F800001 into Infinity', () => {
    // The bug the spec names, reproduced on the oracle's side so the test explains itself.
    expect(hex((0x7f800001 + 0x7fff + 0) >>> 16), 'the naive trick on 0x7F800001').toBe('0x7F80');
    const patterns = [0x7fc00000, 0x7f800001, 0x7f808000, 0x7fbfffff, 0x7fffffff, 0xff800001, 0xffffffff];
    const out = toBf16(float32ArrayFromBits(patterns));
    patterns.forEach((p, i) => {
      expect(out[i], `toBf16 of the NaN with bits ${hex(p, 8)}`).toBeNaN();
    });
    expectBits('bf16', Number.NaN);
    expectBits('bf16', nanWithAllPayloadBits(false), ' (a NaN with every payload bit set)');
    expectBits('bf16', nanWithAllPayloadBits(true), ' (a negative NaN with every payload bit set)');
  });

  test('bf16Bits rounds to float32 first: 1 + 2^-8 + 2^-40 → float32 1 + 2^-8, a tie → 0x3F80', () => {
    expectBoth('bf16', 1 + 2 ** -8 + 2 ** -40, 1, 0x3f80);
  });

  test('toBf16 keeps the length: [] → [], and rounds every element of [0.1, 1 + 2^-8, 65520, -0]', () => {
    expect(toBf16(new Float32Array(0)).length, 'toBf16(new Float32Array(0)).length').toBe(0);
    expectRounded('bf16', Float32Array.of(0.1, 1 + 2 ** -8, 65520, -0), 'toBf16([0.1, 1 + 2^-8, 65520, -0])');
  });
});

describe('half-precision: the input arrays', () => {
  test('toFp16 and toBf16 return a new array and leave their input untouched: [0.1, 65520, 1e-5, -0, NaN 0x7F800001]', () => {
    for (const kind of ['fp16', 'bf16'] as const) {
      const input = float32ArrayFromBits([
        bitsOfFloat32(0.1),
        bitsOfFloat32(65520),
        bitsOfFloat32(1e-5),
        0x80000000,
        0x7f800001,
      ]);
      const before = Array.from(new Uint32Array(input.buffer));
      const out = toHalf(kind, input);
      expect(out === input, `to${kind === 'fp16' ? 'Fp16' : 'Bf16'} returns a new array, not its input`).toBe(false);
      expect(
        Array.from(new Uint32Array(input.buffer)).map((b) => hex(b, 8)),
        'the input bits after the call',
      ).toEqual(before.map((b) => hex(b, 8)));
    }
  });

  test('a Float32Array view at an offset into a larger buffer is read from its own start: subarray(2, 4) of [1, 2, 0.1, 1 + 2^-11, 5]', () => {
    const whole = Float32Array.of(1, 2, 0.1, 1 + 2 ** -11, 5);
    const view = whole.subarray(2, 4);
    expect(fp16Of(0.1).value, 'oracle').toBe(0.0999755859375);
    expect(Array.from(toFp16(view)), 'toFp16(subarray(2, 4))').toEqual([0.0999755859375, 1]);
    expect(Array.from(toBf16(view)), 'toBf16(subarray(2, 4))').toEqual([0.10009765625, 1]);
  });
});

describe('half-precision: bad arguments to the rounding functions throw TypeError', () => {
  test('toFp16 and toBf16 of something that is not a Float32Array: [0.1, 0.5], a Float64Array, a Uint32Array, null', () => {
    for (const x of [[0.1, 0.5], [], Float64Array.of(0.1, 0.5), new Uint32Array([0x3f800000]), null, undefined, 0.5]) {
      expect(() => toFp16(x as unknown as Float32Array), `toFp16(${showValue(x)})`).toThrow(TypeError);
      expect(() => toBf16(x as unknown as Float32Array), `toBf16(${showValue(x)})`).toThrow(TypeError);
    }
  });

  test("fp16Bits and bf16Bits of something that is not a number: '0.1', 1n, null, undefined, true", () => {
    for (const x of ['0.1', '1', 1n, null, undefined, true, [0.5]]) {
      expect(() => fp16Bits(x as unknown as number), `fp16Bits(${showValue(x)})`).toThrow(TypeError);
      expect(() => bf16Bits(x as unknown as number), `bf16Bits(${showValue(x)})`).toThrow(TypeError);
    }
  });

  test.prop([notAFloat32Array, notANumber])(
    'any non-Float32Array to toFp16 / toBf16 / unscale, and any non-number to fp16Bits / bf16Bits, throws TypeError',
    (array, value) => {
      expect(() => toFp16(array as Float32Array), `toFp16(${showValue(array)})`).toThrow(TypeError);
      expect(() => toBf16(array as Float32Array), `toBf16(${showValue(array)})`).toThrow(TypeError);
      expect(() => new DynamicLossScaler().unscale(array as Float32Array), `unscale(${showValue(array)})`).toThrow(
        TypeError,
      );
      expect(() => fp16Bits(value as number), `fp16Bits(${showValue(value)})`).toThrow(TypeError);
      expect(() => bf16Bits(value as number), `bf16Bits(${showValue(value)})`).toThrow(TypeError);
    },
  );
});

/** Runs the scaler: the scale before each step, what update returned, and the final scale. */
function runScaler(options: Partial<ScalerOptions> | undefined, flags: readonly boolean[]) {
  const scaler = options === undefined ? new DynamicLossScaler() : new DynamicLossScaler({ ...options });
  const used: number[] = [];
  const skipped: boolean[] = [];
  for (const inf of flags) {
    used.push(scaler.scale);
    skipped.push(scaler.update(inf).skipped);
  }
  return { used, skipped, final: scaler.scale };
}

const flagText = (flags: readonly boolean[]) => `[${flags.map((f) => (f ? 'T' : 'F')).join(',')}]`;

describe('half-precision: DynamicLossScaler (PyTorch GradScaler rules)', () => {
  test('spec trace: init 4, interval 2, inf flags [F,F,F,T,F,F,T,T,F] → scales used [4,4,8,8,4,4,8,4,2], final 2', () => {
    const opts = { initScale: 4, growthInterval: 2 };
    const flags = [false, false, false, true, false, false, true, true, false];
    const want = { used: [4, 4, 8, 8, 4, 4, 8, 4, 2], skipped: flags, final: 2 };
    const { used, skipped, final } = scalerTrace({ ...GRAD_SCALER_DEFAULTS, ...opts }, flags);
    expect({ used, skipped, final }, 'oracle').toEqual(want);
    expect(runScaler(opts, flags), `scaler ${JSON.stringify(opts)} over ${flagText(flags)}`).toEqual(want);
  });

  test('defaults are GradScaler’s: scale 2^16; 1999 clean steps keep it, the 2000th doubles it; an overflow halves it', () => {
    const scaler = new DynamicLossScaler();
    expect(scaler.scale, 'new DynamicLossScaler().scale').toBe(65536);
    for (let i = 0; i < 1999; i++) scaler.update(false);
    expect(scaler.scale, 'after 1999 clean steps').toBe(65536);
    expect(scaler.update(false).skipped, 'the 2000th clean step is not skipped').toBe(false);
    expect(scaler.scale, 'after 2000 clean steps (growth 2.0)').toBe(131072);
    expect(scaler.update(true).skipped, 'an overflow step is skipped').toBe(true);
    expect(scaler.scale, 'after an overflow (backoff 0.5)').toBe(65536);
  });

  test('partial options keep the other defaults: { growthInterval: 1 } doubles from 2^16, backs off by half', () => {
    expect(runScaler({ growthInterval: 1 }, [false, false, true]), '{ growthInterval: 1 } over [F,F,T]').toEqual({
      used: [65536, 131072, 262144],
      skipped: [false, false, true],
      final: 131072,
    });
  });

  test('an overflow resets the clean-step count: interval 3, [F,F,T,F,F] never grows', () => {
    const flags = [false, false, true, false, false];
    expect(runScaler({ initScale: 8, growthInterval: 3 }, flags), flagText(flags)).toEqual({
      used: [8, 8, 8, 4, 4],
      skipped: flags,
      final: 4,
    });
  });

  test('skipped steps do not count towards growth: interval 2, [F,T,F] grows nothing, [F,T,F,F] grows once', () => {
    expect(runScaler({ initScale: 8, growthInterval: 2 }, [false, true, false]).final, '[F,T,F]').toBe(4);
    expect(runScaler({ initScale: 8, growthInterval: 2 }, [false, true, false, false]).final, '[F,T,F,F]').toBe(8);
  });

  test('the count restarts after a growth: interval 2, six clean steps grow 3 times (init 1 → 8)', () => {
    expect(runScaler({ initScale: 1, growthInterval: 2 }, Array(6).fill(false)).used, 'scales used').toEqual([
      1, 1, 2, 2, 4, 4,
    ]);
    expect(runScaler({ initScale: 1, growthInterval: 2 }, Array(6).fill(false)).final, 'final').toBe(8);
  });

  test('custom factors: growth 3, backoff 0.25, interval 1 over [F,T,T,F] → used [1,3,0.75,0.1875], final 0.5625', () => {
    const opts = { initScale: 1, growthFactor: 3, backoffFactor: 0.25, growthInterval: 1 };
    const flags = [false, true, true, false];
    const want = scalerTrace(opts, flags);
    expect(want.used, 'oracle').toEqual([1, 3, 0.75, 0.1875]);
    expect(runScaler(opts, flags), flagText(flags)).toEqual(want);
  });

  test('a growth that would overflow to Infinity is not applied: initScale 1e300, growth 1e10, interval 1 stays 1e300', () => {
    const scaler = new DynamicLossScaler({ initScale: 1e300, growthFactor: 1e10, growthInterval: 1 });
    expect(scaler.update(false).skipped, 'update(false).skipped').toBe(false);
    expect(scaler.scale, 'scale after a clean step').toBe(1e300);
    expect(scaler.update(true).skipped, 'update(true)').toBe(true);
    expect(scaler.scale, 'scale after an overflow').toBe(5e299);
  });

  test('unscale multiplies by 1/scale in float32 and returns a new array: scale 2^16, [65536, 1, −3.5, 0, 1e-30]', () => {
    const scaler = new DynamicLossScaler();
    const input = Float32Array.of(65536, 1, -3.5, 0, 1e-30);
    const before = Array.from(input);
    const result = scaler.unscale(input);
    expect(result.grads, 'unscale returns a Float32Array').toBeInstanceOf(Float32Array);
    expect(result.grads === input, 'the result is a new array').toBe(false);
    expect(Array.from(result.grads), 'unscaled').toEqual(unscaleOracle(before, 65536).grads);
    expect(Array.from(result.grads).slice(0, 3), 'first three').toEqual([1, 2 ** -16, -3.5 * 2 ** -16]);
    expect(result.foundInf, 'foundInf').toBe(false);
    expect(Array.from(input), 'the input is left untouched').toEqual(before);
    expect(scaler.scale, 'unscale does not change the scale').toBe(65536);
  });

  test('unscale by a non-power-of-two scale multiplies by fround(1/3), as PyTorch (dividing by 3 differs)', () => {
    const grads = [1, 10, 100, 7, 1e6, 0.3];
    const want = unscaleOracle(grads, 3).grads;
    // The test only means something if dividing would give another answer on some element.
    expect(
      grads.some((g, i) => Math.fround(Math.fround(g) / 3) !== want[i]),
      'dividing differs somewhere',
    ).toBe(true);
    const got = new DynamicLossScaler({ initScale: 3 }).unscale(Float32Array.from(grads));
    expect(Array.from(got.grads), `unscale(${JSON.stringify(grads)}) at scale 3`).toEqual(want);
  });

  test('foundInf is true for any non-finite gradient, NaN included; false for huge finite ones, even when they unscale to Infinity (scale 0.5)', () => {
    const scaler = new DynamicLossScaler({ initScale: 1024 });
    for (const bad of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]) {
      const result = scaler.unscale(Float32Array.of(1, bad, 2));
      expect(result.foundInf, `unscale([1, ${bad}, 2]).foundInf`).toBe(true);
      expect(Array.from(result.grads).map(show), `unscale([1, ${bad}, 2]).grads`).toEqual(
        [1 / 1024, bad / 1024, 2 / 1024].map(show),
      );
    }
    expect(scaler.unscale(Float32Array.of(3e38, -3e38)).foundInf, 'unscale([3e38, -3e38]).foundInf').toBe(false);
    // foundInf is about the incoming gradients: at scale 0.5, 3e38 unscales to Infinity, yet came in finite.
    const small = new DynamicLossScaler({ initScale: 0.5 }).unscale(Float32Array.of(3e38, 1));
    expect([Array.from(small.grads).map(show), small.foundInf], 'scale 0.5: unscale([3e38, 1])').toEqual([
      [Number.POSITIVE_INFINITY, 2].map(show),
      false,
    ]);
    const empty = scaler.unscale(new Float32Array(0));
    expect([empty.grads.length, empty.foundInf], 'unscale([]): length and foundInf').toEqual([0, false]);
  });

  test('invalid options throw RangeError: initScale ≤ 0 or non-finite, growth ≤ 1 or non-finite, backoff ∉ (0, 1), interval < 1', () => {
    const bad: Partial<ScalerOptions>[] = [
      { initScale: 0 },
      { initScale: -1 },
      { initScale: Number.NaN },
      { initScale: Number.POSITIVE_INFINITY },
      { growthFactor: 1 },
      { growthFactor: 0.5 },
      { growthFactor: 0 },
      { growthFactor: -2 },
      { backoffFactor: 1 },
      { backoffFactor: 1.5 },
      { backoffFactor: 0 },
      { backoffFactor: -0.5 },
      { growthFactor: Number.POSITIVE_INFINITY },
      { growthFactor: Number.NaN },
      { backoffFactor: Number.NaN },
      { growthInterval: 0 },
      { growthInterval: -1 },
      { growthInterval: 0.5 },
      { growthInterval: Number.NaN },
    ];
    for (const o of bad) {
      expect(() => new DynamicLossScaler(o), `new DynamicLossScaler(${JSON.stringify(o)})`).toThrow(RangeError);
    }
  });

  test('a growthInterval that is not an integer throws RangeError: 2.5, 1.5, Infinity (a count of steps never equals it)', () => {
    for (const growthInterval of [2.5, 1.5, 1000.1, Number.POSITIVE_INFINITY]) {
      expect(
        () => new DynamicLossScaler({ growthInterval }),
        `new DynamicLossScaler({ growthInterval: ${growthInterval} })`,
      ).toThrow(RangeError);
    }
  });

  test("options of the wrong type throw TypeError: a string ('2'), null, a boolean or a bigint where a number goes; options that are not an object", () => {
    const wrong: unknown[] = [
      { initScale: '1024' },
      { growthFactor: '2' },
      { backoffFactor: '0.5' },
      { growthInterval: '100' },
      { initScale: null },
      { backoffFactor: true },
      { growthFactor: 2n },
      5,
      'defaults',
      null,
    ];
    for (const o of wrong) {
      expect(() => new DynamicLossScaler(o as ScalerOptions), `new DynamicLossScaler(${showValue(o)})`).toThrow(
        TypeError,
      );
    }
  });

  test("update(foundInf) with a flag that is not a boolean throws TypeError: 'false', 0, 1, undefined", () => {
    for (const flag of ['false', 'true', 0, 1, undefined, null]) {
      const scaler = new DynamicLossScaler({ initScale: 8, growthInterval: 1 });
      expect(() => scaler.update(flag as unknown as boolean), `update(${showValue(flag)})`).toThrow(TypeError);
    }
  });

  test('unscale of an array that is not a Float32Array throws TypeError: [1, 2], a Float64Array, null', () => {
    const scaler = new DynamicLossScaler();
    for (const grads of [[1, 2], Float64Array.of(1, 2), new Uint32Array(2), null, 0.5]) {
      expect(() => scaler.unscale(grads as unknown as Float32Array), `unscale(${showValue(grads)})`).toThrow(TypeError);
    }
  });

  test('options at the edge of the valid range are accepted: growth 1.0001, backoff 0.999 and 1e-6, interval 1, initScale 2^-100', () => {
    const good: Partial<ScalerOptions>[] = [
      { growthFactor: 1.0001 },
      { backoffFactor: 0.999 },
      { backoffFactor: 1e-6 },
      { growthInterval: 1 },
      { initScale: 2 ** -100 },
      { initScale: 1e300 },
    ];
    for (const o of good) {
      const scaler = new DynamicLossScaler(o);
      expect(scaler.scale, `new DynamicLossScaler(${JSON.stringify(o)}).scale`).toBe(o.initScale ?? 65536);
    }
    // Any object will do, also one without a prototype (Object.create(null), a parsed config).
    const bare = Object.assign(Object.create(null) as ScalerOptions, { initScale: 8, growthInterval: 1 });
    expect(runScaler(bare, [false]).final, 'options without a prototype: { initScale: 8, growthInterval: 1 }').toBe(16);
  });
});

/** Every float32 in `xs` against the oracle (array and bits function), first mismatch reported; for the large sweeps. */
function sweep(kind: Kind, xs: Float32Array, what: string): void {
  const got = toHalf(kind, new Float32Array(xs));
  expect(got.length, `${what}: length`).toBe(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const want = oracle(kind, x);
    if (!same(got[i] as number, want.value)) {
      expect(show(got[i] as number), `${what}: to${kind === 'fp16' ? 'Fp16' : 'Bf16'} of ${f32(x)} (index ${i})`).toBe(
        show(want.value),
      );
    }
    const bits = bitsOf(kind, x);
    if (Number.isNaN(want.value) ? !isQuietNaN(kind, bits) : bits !== want.bits) expectBits(kind, x, ` (${what})`);
  }
}

describe('half-precision: exhaustive and large sweeps', () => {
  test('all 65,536 fp16 patterns: every finite value and ±Infinity round to themselves, NaN patterns stay NaN', () => {
    const xs = new Float32Array(65536);
    for (let p = 0; p < 65536; p++) xs[p] = decode(FP16, p);
    sweep('fp16', xs, 'every fp16 value');
  });

  test('all 63,488 fp16 ties (31,744 per sign, 65520 included) go to the even pattern; one float32 step either side goes to the nearer value', () => {
    const patterns = new Uint32Array(0x7c00 * 2 * 3);
    let n = 0;
    for (let p = 0; p < 0x7c00; p++) {
      const lo = FP16.values[p] as number;
      const hi = FP16.values[p + 1] as number; // p = 0x7BFF: the overflow threshold 65520
      const bits = bitsOfFloat32((lo + hi) / 2); // 12 significant bits: the midpoint is exact in float32
      for (const b of [bits - 1, bits, bits + 1]) {
        patterns[n++] = b;
        patterns[n++] = b + 0x80000000;
      }
    }
    const xs = new Float32Array(patterns.buffer);
    sweep('fp16', xs, 'fp16 ties and their float32 neighbours');
  });

  test('all 65,536 bf16 patterns (as float32 hhhh0000) round to themselves; NaN patterns stay NaN', () => {
    const xs = new Float32Array(Uint32Array.from({ length: 65536 }, (_, p) => p * 0x10000).buffer);
    sweep('bf16', xs, 'every bf16 value');
  });

  test('all bf16 ties hhhh8000 go to the even pattern; hhhh7FFF rounds down and hhhh8001 up (NaN payloads stay NaN)', () => {
    // Raw patterns (a Uint32Array viewed as float32), so NaN payloads reach toBf16 unchanged.
    const patterns = new Uint32Array(65536 * 3);
    for (let p = 0; p < 65536; p++)
      patterns.set([p * 0x10000 + 0x7fff, p * 0x10000 + 0x8000, p * 0x10000 + 0x8001], 3 * p);
    const xs = new Float32Array(patterns.buffer);
    sweep('bf16', xs, 'bf16 ties and their float32 neighbours');
  });

  test('2^18 seeded random float32 bit patterns agree with the oracle in both formats (and with Math.f16round where it exists)', () => {
    const uniform = seededUniform(20240817);
    const xs = new Float32Array(1 << 18);
    const bits = new Uint32Array(xs.buffer);
    for (let i = 0; i < xs.length; i++) bits[i] = Math.floor(uniform() * 2 ** 32);
    sweep('fp16', xs, 'random float32 patterns');
    sweep('bf16', xs, 'random float32 patterns');
    // Math.f16round (ES2025) is a second fp16 oracle where the runtime has it (Node 20 does not).
    const f16round = (Math as { f16round?: (x: number) => number }).f16round;
    if (f16round !== undefined) {
      const i = Array.from(xs).findIndex((x) => !same(f16round(x), fp16Of(x).value));
      expect(i === -1 ? 'agree' : `differ at ${f32(xs[i] as number)}`, 'the oracle vs Math.f16round').toBe('agree');
    }
  });

  test('a scaler run of 10^5 steps follows the oracle (interval 7, an overflow every 23rd and every 31st step)', () => {
    const flags = Array.from({ length: 100_000 }, (_, i) => i % 23 === 22 || i % 31 === 30);
    const opts = { initScale: 2 ** 10, growthFactor: 2, backoffFactor: 0.5, growthInterval: 7 };
    const want = scalerTrace(opts, flags);
    const got = runScaler(opts, flags);
    const i = got.used.findIndex((s, j) => s !== want.used[j]);
    expect(i === -1 ? 'same' : `step ${i}: scale ${got.used[i]}, want ${want.used[i]}`, 'first difference').toBe(
      'same',
    );
    expect(got.final, 'final scale').toBe(want.final);
  });
});

describe('half-precision: properties (against the table oracle)', () => {
  test.prop([float32Values()])('toFp16 rounds every element like the oracle', (values) => {
    expectRounded('fp16', Float32Array.from(values), `toFp16([${values.map(f32).join(', ')}])`);
  });

  test.prop([float32Values()])('toBf16 rounds every element like the oracle', (values) => {
    expectRounded('bf16', Float32Array.from(values), `toBf16([${values.map(f32).join(', ')}])`);
  });

  test.prop([fc.oneof(float32Value, fc.double())])(
    'fp16Bits and bf16Bits give the oracle’s pattern for any number',
    (x) => {
      expectBits('fp16', x);
      expectBits('bf16', x);
    },
  );

  test.prop([float32Value])('idempotent: rounding a rounded value changes nothing', (x) => {
    for (const kind of ['fp16', 'bf16'] as const) {
      const once = toHalf(kind, Float32Array.of(x));
      const twice = toHalf(kind, new Float32Array(once));
      expect(show(twice[0] as number), `${kind} twice of ${f32(x)}`).toBe(show(once[0] as number));
    }
  });

  test.prop([float32Value, float32Value])('monotone: x ≤ y implies r(x) ≤ r(y)', (a, b) => {
    fc.pre(!Number.isNaN(a) && !Number.isNaN(b));
    const [x, y] = a <= b ? [a, b] : [b, a];
    for (const kind of ['fp16', 'bf16'] as const) {
      const [rx, ry] = toHalf(kind, Float32Array.of(x, y)) as unknown as [number, number];
      expect(rx <= ry, `${kind}: r(${f32(x)}) = ${show(rx)} > r(${f32(y)}) = ${show(ry)}`).toBe(true);
    }
  });

  test.prop([float32Value])('odd: r(−x) = −r(x), the sign of zero included', (x) => {
    for (const kind of ['fp16', 'bf16'] as const) {
      const [rx, rNeg] = toHalf(kind, Float32Array.of(x, -x)) as unknown as [number, number];
      expect(show(rNeg), `${kind}: r(−${f32(x)}) vs −r(x) = ${show(-rx)}`).toBe(show(-rx));
      if (Number.isNaN(x)) continue;
      expect(hex(bitsOf(kind, -x)), `${kind}Bits(−${f32(x)}) is ${kind}Bits(x) with the sign flipped`).toBe(
        hex(bitsOf(kind, x) ^ 0x8000),
      );
    }
  });

  test.prop([fc.oneof(fp16Tie, bf16Tie, anyFloat32Bits)])(
    'a finite result is within half a unit in the last place of the input',
    (x) => {
      for (const kind of ['fp16', 'bf16'] as const) {
        const r = toHalf(kind, Float32Array.of(x))[0] as number;
        if (!Number.isFinite(r)) continue; // overflow and NaN have no error bound
        const bound = oracle(kind, x).halfGap;
        expect(Math.abs(r - x) <= bound, `${kind}: |r − x| = |${show(r)} − ${f32(x)}| > ${bound}`).toBe(true);
      }
    },
  );

  test.prop([float32Values()])('bf16 results have their low 16 bits zero (NaN aside)', (values) => {
    const out = toBf16(Float32Array.from(values));
    const bits = new Uint32Array(out.buffer, out.byteOffset, out.length);
    out.forEach((v, i) => {
      if (!Number.isNaN(v))
        expect(hex(bits[i] as number, 8).slice(-4), `toBf16 of ${f32(values[i] as number)}`).toBe('0000');
    });
  });

  test.prop([scalerOptions, infFlags])(
    'the scale changes only on an overflow or after growthInterval clean steps in a row (trace = oracle)',
    (opts, flags) => {
      const want = scalerTrace(opts, flags);
      expect(runScaler(opts, flags), `${JSON.stringify(opts)} over ${flagText(flags)}`).toEqual(want);
    },
  );

  test.prop([scalerOptions, infFlags, gradients])(
    'unscale gives grads · fround(1/scale) in float32 at every step; foundInf iff a gradient is not finite',
    (opts, flags, grads) => {
      const scaler = new DynamicLossScaler(opts);
      for (const inf of flags) {
        const input = Float32Array.from(grads);
        const { grads: out, foundInf } = scaler.unscale(input);
        const want = unscaleOracle(Array.from(input), scaler.scale);
        const context = `scale ${scaler.scale}, unscale(${JSON.stringify(Array.from(input).map(show))})`;
        expect(Array.from(out).map(show), context).toEqual(want.grads.map(show));
        expect(foundInf, `${context}.foundInf`).toBe(want.foundInf);
        expect(Array.from(input).map(show), `${context} leaves its input untouched`).toEqual(
          Array.from(Float32Array.from(grads)).map(show),
        );
        scaler.update(inf);
      }
    },
  );

  test.prop([badScalerOptions])('invalid options throw RangeError', (o) => {
    expect(() => new DynamicLossScaler(o), `new DynamicLossScaler(${showValue(o)})`).toThrow(RangeError);
  });

  test.prop([wrongTypeScalerOptions])('options of the wrong type throw TypeError', (o) => {
    expect(
      () => new DynamicLossScaler(o as unknown as ScalerOptions),
      `new DynamicLossScaler(${showValue(o)})`,
    ).toThrow(TypeError);
  });
});
