/**
 * Another way, with arithmetic instead of bit tricks: round the argument to float32 first
 * (Math.fround), find its binary exponent e (clamped to the format's least normal exponent, which
 * makes subnormals fall out), scale by 2^(m − e) so that one unit in the last place is 1, and round
 * that to the nearest integer, ties to even. A rounding that reaches 2^(m+1) carries into the next
 * exponent, and past the largest one that is exactly the Infinity pattern (65520 → 0x7C00).
 * The scaler counts down the clean steps left before the next growth. O(n) per array.
 */

/** An IEEE-style 16-bit format: m mantissa bits, exponents minExp … maxExp for normal numbers. */
interface Format {
  readonly m: number;
  readonly minExp: number;
  readonly maxExp: number;
}

const FP16: Format = { m: 10, minExp: -14, maxExp: 15 };
const BF16: Format = { m: 7, minExp: -126, maxExp: 127 };

/** The nearest integer to q >= 0, ties to the even one. */
function roundHalfEven(q: number): number {
  const floor = Math.floor(q);
  const rest = q - floor; // exact: q has at most 53 significant bits
  return rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
}

/** The 16-bit pattern of a float32 value `x` (NaN, ±0, ±Infinity included). */
function roundBits(x: number, f: Format): number {
  const bias = 1 - f.minExp;
  const infinity = (2 * bias + 1) << f.m; // exponent field all ones, mantissa 0
  if (Number.isNaN(x)) return infinity | (1 << (f.m - 1)); // a quiet NaN
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 2 ** (f.maxExp + 1)) return sign | infinity; // Infinity, or beyond the largest binade
  // The binary exponent of a, clamped below to the least normal exponent (subnormals share it).
  let e = a === 0 ? f.minExp : Math.max(f.minExp, Math.floor(Math.log2(a)));
  if (e > f.minExp && 2 ** e > a) e -= 1; // Math.log2 may round up just below a power of two
  if (2 ** (e + 1) <= a) e += 1;
  const units = roundHalfEven(a * 2 ** (f.m - e)); // a in units of the last place, exact before rounding
  if (units < 2 ** f.m) return sign | units; // a subnormal (only when e = minExp) or zero
  // 2^m <= units <= 2^(m+1): a carry to 2^(m+1) moves to the next exponent (or to Infinity).
  return sign | (((e + bias) << f.m) + (units - 2 ** f.m));
}

/** The value of a 16-bit pattern of the format. */
function decode(h: number, f: Format): number {
  const bias = 1 - f.minExp;
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h & 0x7fff) >> f.m;
  const mantissa = h & ((1 << f.m) - 1);
  if (exponent === 2 * bias + 1) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (exponent === 0) return sign * mantissa * 2 ** (f.minExp - f.m);
  return sign * (2 ** f.m + mantissa) * 2 ** (exponent - bias - f.m);
}

function numberArgument(where: string, x: unknown): number {
  if (typeof x !== 'number') throw new TypeError(`${where} takes a number`);
  return x;
}

function float32Argument(where: string, x: unknown): Float32Array {
  if (!(x instanceof Float32Array)) throw new TypeError(`${where} takes a Float32Array`);
  return x;
}

export function fp16Bits(x: number): number {
  return roundBits(Math.fround(numberArgument('fp16Bits', x)), FP16);
}

export function bf16Bits(x: number): number {
  return roundBits(Math.fround(numberArgument('bf16Bits', x)), BF16);
}

export function toFp16(x: Float32Array): Float32Array {
  return Float32Array.from(float32Argument('toFp16', x), (v) => decode(roundBits(v, FP16), FP16));
}

export function toBf16(x: Float32Array): Float32Array {
  return Float32Array.from(float32Argument('toBf16', x), (v) => decode(roundBits(v, BF16), BF16));
}

export interface LossScalerOptions {
  initScale?: number;
  growthFactor?: number;
  backoffFactor?: number;
  growthInterval?: number;
}

function option(o: LossScalerOptions, name: keyof LossScalerOptions, fallback: number): number {
  const value: unknown = o[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`DynamicLossScaler: ${name} must be a number`);
  return value;
}

/** PyTorch's GradScaler rule, as a countdown of the clean steps left before the next growth. */
export class DynamicLossScaler {
  #scale: number;
  readonly #growth: number;
  readonly #backoff: number;
  readonly #interval: number;
  #stepsToGrowth: number;

  constructor(o?: LossScalerOptions) {
    const options: unknown = o === undefined ? {} : o;
    if (typeof options !== 'object' || options === null)
      throw new TypeError('DynamicLossScaler: options must be an object');
    this.#scale = option(options, 'initScale', 65536);
    this.#growth = option(options, 'growthFactor', 2);
    this.#backoff = option(options, 'backoffFactor', 0.5);
    this.#interval = option(options, 'growthInterval', 2000);
    if (!(this.#scale > 0 && this.#scale < Number.POSITIVE_INFINITY))
      throw new RangeError('initScale must be in (0, Infinity)');
    if (!(this.#growth > 1 && this.#growth < Number.POSITIVE_INFINITY))
      throw new RangeError('growthFactor must be in (1, Infinity)');
    if (!(this.#backoff > 0 && this.#backoff < 1)) throw new RangeError('backoffFactor must be in (0, 1)');
    if (!Number.isInteger(this.#interval) || this.#interval < 1)
      throw new RangeError('growthInterval must be a positive integer');
    this.#stepsToGrowth = this.#interval;
  }

  get scale(): number {
    return this.#scale;
  }

  unscale(grads: Float32Array): { grads: Float32Array; foundInf: boolean } {
    const inv = Math.fround(1 / this.#scale); // PyTorch's inv_scale is a float32 tensor
    const input = float32Argument('unscale', grads);
    return { grads: Float32Array.from(input, (g) => g * inv), foundInf: input.some((g) => !Number.isFinite(g)) };
  }

  update(foundInf: boolean): { skipped: boolean } {
    if (foundInf !== true && foundInf !== false) throw new TypeError('update takes a boolean');
    if (foundInf) {
      this.#scale *= this.#backoff;
      this.#stepsToGrowth = this.#interval;
      return { skipped: true };
    }
    this.#stepsToGrowth -= 1;
    if (this.#stepsToGrowth === 0) {
      if (Number.isFinite(this.#scale * this.#growth)) this.#scale *= this.#growth;
      this.#stepsToGrowth = this.#interval;
    }
    return { skipped: false };
  }
}
