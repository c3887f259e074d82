/**
 * fp16 and bf16 rounding on float32 bit patterns, and PyTorch's dynamic loss scaler.
 *
 * Both formats round the float32 mantissa with round-to-nearest-even: keep the top bits, look at the
 * dropped ones, add one to the kept pattern when they exceed half a unit (or equal it and the kept
 * pattern is odd). A carry out of the mantissa bumps the exponent, and past the largest exponent
 * that is exactly the Infinity pattern, so IEEE overflow comes for free. NaN is handled first
 * (otherwise its payload would carry into the exponent). O(n) per array, O(1) per value.
 */

const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** The float32 bit pattern of x (x rounded to float32 first, as Math.fround). */
function float32Bits(x: number): number {
  scratchF32[0] = x;
  return scratchU32[0] as number;
}

/** Keeps `value >>> shift`, rounding the dropped `shift` bits to nearest, ties to even. */
function shiftRoundEven(value: number, shift: number): number {
  const kept = value >>> shift;
  const dropped = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return dropped > half || (dropped === half && (kept & 1) === 1) ? kept + 1 : kept;
}

function fp16FromFloat32Bits(b: number): number {
  const sign = (b >>> 16) & 0x8000;
  const exponent = (b >>> 23) & 0xff;
  const mantissa = b & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200); // ±Infinity, quiet NaN
  const e = exponent - 127 + 15; // the fp16 biased exponent
  if (e >= 0x1f) return sign | 0x7c00; // |x| >= 2^16: overflow
  if (e <= 0) {
    // fp16 subnormal (or zero): count units of 2^-24, i.e. (1.mantissa · 2^23) >> (126 − exponent).
    const shift = 126 - exponent; // >= 14
    if (shift > 24) return sign; // below 2^-25 (float32 subnormals included): rounds to ±0
    return sign | shiftRoundEven(0x800000 | mantissa, shift); // may carry into 0x0400, the least normal
  }
  return sign | ((e << 10) + shiftRoundEven(mantissa, 13)); // a carry may reach 0x7c00 = Infinity
}

function bf16FromFloat32Bits(b: number): number {
  if ((b & 0x7fffffff) > 0x7f800000) return ((b >>> 16) & 0x8000) | 0x7fc0; // NaN: quiet, never Infinity
  return shiftRoundEven(b, 16) & 0xffff; // >>> keeps b unsigned; a carry from 0x7f7f gives 0x7f80 = Infinity
}

function fp16Value(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >>> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (0x400 + mantissa) * 2 ** (exponent - 25);
}

/** The uint16 fp16 (IEEE binary16) pattern of x, after rounding x to float32. */
export function fp16Bits(x: number): number {
  return fp16FromFloat32Bits(float32Bits(checkedNumber('fp16Bits', x)));
}

/** The uint16 bfloat16 pattern (upper half of the float32) of x, after rounding x to float32. */
export function bf16Bits(x: number): number {
  return bf16FromFloat32Bits(float32Bits(checkedNumber('bf16Bits', x)));
}

/** Every value rounded to fp16, as float32 (exact). A new array; the input is not modified. */
export function toFp16(x: Float32Array): Float32Array {
  checkedArray('toFp16: x', x);
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = fp16Value(fp16FromFloat32Bits(bits[i] as number));
  return out;
}

/** Every value rounded to bf16, as float32 (exact: the low 16 bits are zero). A new array. */
export function toBf16(x: Float32Array): Float32Array {
  checkedArray('toBf16: x', x);
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const out = new Float32Array(x.length);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < x.length; i++) outBits[i] = bf16FromFloat32Bits(bits[i] as number) << 16;
  return out;
}

/** x itself; a string or a bigint would be coerced (or rejected by Math.fround) without a word. */
function checkedNumber(where: string, x: unknown): number {
  if (typeof x !== 'number') throw new TypeError(`${where}: expected a number, got ${typeof x}`);
  return x;
}

/** A Float32Array: a number[] or a Float64Array has no float32 bits to read. */
function checkedArray(where: string, x: unknown): asserts x is Float32Array {
  if (!(x instanceof Float32Array)) {
    throw new TypeError(`${where}: expected a Float32Array, got ${Array.isArray(x) ? 'an array' : String(x)}`);
  }
}

const OPTION_NAMES = ['initScale', 'growthFactor', 'backoffFactor', 'growthInterval'] as const;

export interface LossScalerOptions {
  initScale?: number;
  growthFactor?: number;
  backoffFactor?: number;
  growthInterval?: number;
}

/**
 * PyTorch's GradScaler update rule (AmpGradScalerKernels.cpp): an overflow multiplies the scale by
 * backoffFactor, resets the clean-step tracker and skips the step; a clean step counts, and the
 * growthInterval-th clean step in a row multiplies the scale by growthFactor (if the product is
 * finite) and resets the tracker. O(1) per update, O(n) per unscale.
 */
export class DynamicLossScaler {
  #scale: number;
  readonly #growthFactor: number;
  readonly #backoffFactor: number;
  readonly #growthInterval: number;
  #cleanSteps = 0;

  constructor(o: LossScalerOptions = {}) {
    if (Object(o) !== o) throw new TypeError(`options must be an object, got ${String(o)}`);
    for (const name of OPTION_NAMES) {
      const value: unknown = o[name];
      if (value !== undefined && typeof value !== 'number') {
        throw new TypeError(`${name} must be a number, got ${typeof value} ${String(value)}`);
      }
    }
    const { initScale = 2 ** 16, growthFactor = 2, backoffFactor = 0.5, growthInterval = 2000 } = o;
    if (!(Number.isFinite(initScale) && initScale > 0)) {
      throw new RangeError(`initScale must be a finite number > 0, got ${initScale}`);
    }
    if (!(Number.isFinite(growthFactor) && growthFactor > 1)) {
      throw new RangeError(`growthFactor must be a finite number > 1, got ${growthFactor}`);
    }
    if (!(backoffFactor > 0 && backoffFactor < 1)) {
      throw new RangeError(`backoffFactor must be in (0, 1), got ${backoffFactor}`);
    }
    if (!(Number.isInteger(growthInterval) && growthInterval >= 1)) {
      throw new RangeError(`growthInterval must be an integer >= 1, got ${growthInterval}`);
    }
    this.#scale = initScale;
    this.#growthFactor = growthFactor;
    this.#backoffFactor = backoffFactor;
    this.#growthInterval = growthInterval;
  }

  get scale(): number {
    return this.#scale;
  }

  /** grads · (1/scale) with the reciprocal rounded to float32, as PyTorch's inv_scale; a new array. */
  unscale(grads: Float32Array): { grads: Float32Array; foundInf: boolean } {
    checkedArray('unscale: grads', grads);
    const inv = Math.fround(1 / this.#scale);
    const out = new Float32Array(grads.length);
    let foundInf = false;
    for (let i = 0; i < grads.length; i++) {
      const g = grads[i] as number;
      if (!Number.isFinite(g)) foundInf = true;
      out[i] = g * inv; // the float64 product of two float32 values is exact; the store rounds once
    }
    return { grads: out, foundInf };
  }

  update(foundInf: boolean): { skipped: boolean } {
    // A truthy 'false' or 1 would skip a clean step (or count an overflow) without a word.
    if (typeof foundInf !== 'boolean') {
      throw new TypeError(`update: foundInf must be a boolean, got ${typeof foundInf}`);
    }
    if (foundInf) {
      this.#scale *= this.#backoffFactor;
      this.#cleanSteps = 0;
      return { skipped: true };
    }
    this.#cleanSteps += 1;
    if (this.#cleanSteps === this.#growthInterval) {
      const grown = this.#scale * this.#growthFactor;
      if (Number.isFinite(grown)) this.#scale = grown;
      this.#cleanSteps = 0;
    }
    return { skipped: false };
  }
}
