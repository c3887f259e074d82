/**
 * Oracles for the half-precision kata, free of bit tricks on the input: each 16-bit format is
 * decoded pattern by pattern with the IEEE 754 formula into a float64 table, and a float32 input is
 * rounded by a binary search in that table, comparing with the exact midpoint of its two
 * neighbours (ties go to the neighbour with the even bit pattern, i.e. the even mantissa).
 *
 * The table runs one step past the largest finite value: the pattern of Infinity (0x7C00, 0x7F80),
 * decoded by the same formula as if its exponent were an ordinary one, is 2^16 (fp16) or 2^128
 * (bf16). Rounding to that virtual neighbour means overflow to Infinity, which makes IEEE's
 * overflow rule (fp16: |x| >= 65520 → ±Infinity, ties to even included) fall out of plain rounding.
 */

/** A 16-bit format: the float64 value of every non-negative pattern up to and including Infinity's. */
export interface HalfFormat {
  readonly name: 'fp16' | 'bf16';
  /** values[p] for p = 0 … infBits; values[infBits] is the virtual overflow neighbour. */
  readonly values: Float64Array;
  /** The pattern of +Infinity (exponent all ones, mantissa 0). */
  readonly infBits: number;
  readonly mantissaBits: number;
  readonly exponentBias: number;
}

/** IEEE 754 formula for a 16-bit pattern with `m` mantissa bits and `16 − 1 − m` exponent bits. */
function decodeWith(bits: number, mantissaBits: number, bias: number, special: boolean): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits & 0x7fff) >> mantissaBits;
  const mantissa = bits & ((1 << mantissaBits) - 1);
  const maxExponent = (1 << (15 - mantissaBits)) - 1;
  if (special && exponent === maxExponent) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (exponent === 0) return sign * mantissa * 2 ** (1 - bias - mantissaBits);
  return sign * (1 + mantissa / 2 ** mantissaBits) * 2 ** (exponent - bias);
}

function makeFormat(name: 'fp16' | 'bf16', mantissaBits: number, exponentBias: number): HalfFormat {
  const infBits = ((1 << (15 - mantissaBits)) - 1) << mantissaBits;
  const values = new Float64Array(infBits + 1);
  for (let p = 0; p <= infBits; p++) values[p] = decodeWith(p, mantissaBits, exponentBias, false);
  return { name, values, infBits, mantissaBits, exponentBias };
}

/** IEEE binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits. */
export const FP16: HalfFormat = makeFormat('fp16', 10, 15);
/** bfloat16: 1 sign, 8 exponent (bias 127), 7 mantissa bits (the upper half of a float32). */
export const BF16: HalfFormat = makeFormat('bf16', 7, 127);

/** The value of a 16-bit pattern of the format (NaN patterns give NaN, ±Infinity kept). */
export function decode(format: HalfFormat, bits: number): number {
  return decodeWith(bits, format.mantissaBits, format.exponentBias, true);
}

export interface Rounded {
  /** The 16-bit pattern (NaN: any NaN pattern of the format, here the quiet one with sign 0). */
  readonly bits: number;
  /** Its value (exact in float32). */
  readonly value: number;
  /** Half the gap between the two finite neighbours of |x| (the rounding-error bound); 0 when exact or not finite. */
  readonly halfGap: number;
}

/** The largest p in 0 … infBits with values[p] <= a (a >= 0, finite). */
function floorIndex(values: Float64Array, a: number): number {
  let lo = 0;
  let hi = values.length - 1;
  if (a >= (values[hi] as number)) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= a) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Rounds x (first to float32, as Math.fround) to the format: nearest value, ties to the even
 * pattern, overflow to ±Infinity, subnormals and the sign of zero kept, NaN to NaN.
 */
export function roundTo(format: HalfFormat, x: number): Rounded {
  const f = Math.fround(x);
  const quietNaN = format.infBits | (1 << (format.mantissaBits - 1));
  if (Number.isNaN(f)) return { bits: quietNaN, value: Number.NaN, halfGap: 0 };
  const negative = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  let p: number;
  let halfGap = 0;
  if (a === Number.POSITIVE_INFINITY) p = format.infBits;
  else {
    const i = floorIndex(format.values, a);
    if (i === format.infBits) p = i;
    else {
      const lo = format.values[i] as number;
      const hi = format.values[i + 1] as number;
      const mid = (lo + hi) / 2; // exact: lo and hi have at most 11 significant bits
      if (a < mid) p = i;
      else if (a > mid) p = i + 1;
      else p = i % 2 === 0 ? i : i + 1;
      halfGap = a === lo ? 0 : (hi - lo) / 2;
    }
  }
  const bits = p | (negative ? 0x8000 : 0);
  return { bits, value: decode(format, bits), halfGap };
}

export const fp16Of = (x: number): Rounded => roundTo(FP16, x);
export const bf16Of = (x: number): Rounded => roundTo(BF16, x);

/** The float32 whose bits are `bits` (a uint32), as a number. */
export function float32FromBits(bits: number): number {
  const u = new Uint32Array([bits >>> 0]);
  return new Float32Array(u.buffer)[0] as number;
}

/** A Float32Array holding exactly these uint32 patterns (NaN payloads included). */
export function float32ArrayFromBits(bits: readonly number[]): Float32Array {
  return new Float32Array(new Uint32Array(bits.map((b) => b >>> 0)).buffer);
}

/** A float64 NaN whose float32 rounding (Math.fround) has every mantissa bit set: 0x7FFFFFFF / 0xFFFFFFFF. */
export function nanWithAllPayloadBits(negative: boolean): number {
  const u = new Uint32Array([0xffffffff, negative ? 0xffffffff : 0x7fffffff]);
  return new Float64Array(u.buffer)[0] as number;
}

// ---------------------------------------------------------------------------------------------
// Loss scaling, PyTorch GradScaler (aten/src/ATen/native/cpu/AmpGradScalerKernels.cpp).

export interface ScalerOptions {
  initScale: number;
  growthFactor: number;
  backoffFactor: number;
  growthInterval: number;
}

export const GRAD_SCALER_DEFAULTS: ScalerOptions = {
  initScale: 2 ** 16,
  growthFactor: 2,
  backoffFactor: 0.5,
  growthInterval: 2000,
};

export interface ScalerTrace {
  /** The scale in effect at each step (before that step's update). */
  readonly used: number[];
  readonly skipped: boolean[];
  readonly final: number;
}

/**
 * The scale sequence from the run lengths of clean steps: step t grows the scale when it is clean
 * and the clean steps since the last overflow (or the start) number a multiple of growthInterval;
 * an overflow multiplies by backoffFactor and is skipped. A growth whose product is not finite is
 * not applied (PyTorch's isfinite check; here the scale is a float64 number).
 */
export function scalerTrace(options: ScalerOptions, infFlags: readonly boolean[]): ScalerTrace {
  const used: number[] = [];
  let scale = options.initScale;
  let cleanRun = 0;
  for (const inf of infFlags) {
    used.push(scale);
    cleanRun = inf ? 0 : cleanRun + 1;
    if (inf) scale *= options.backoffFactor;
    else if (cleanRun % options.growthInterval === 0 && Number.isFinite(scale * options.growthFactor)) {
      scale *= options.growthFactor;
    }
  }
  return { used, skipped: [...infFlags], final: scale };
}

/** grads · (1/scale) in float32, as PyTorch's inv_scale: the reciprocal rounded to float32, then each product. */
export function unscaleOracle(grads: readonly number[], scale: number): { grads: number[]; foundInf: boolean } {
  const inv = Math.fround(1 / scale);
  return {
    grads: grads.map((g) => Math.fround(Math.fround(g) * inv)),
    foundInf: grads.some((g) => !Number.isFinite(g)),
  };
}
